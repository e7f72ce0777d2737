"""`backcoach history` and `backcoach db` on a real, prepared database (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from backcoach.cli import main
from backcoach.cli.app import console
from backcoach.store import DecisionRecord, PainRecord, Store
from tests.store.helpers import T0, a_set, at


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backcoach", *args],
        env={**env, "COLUMNS": "200", "NO_COLOR": "1"},
        capture_output=True, text=True, timeout=120,
    )


@pytest.fixture
def prepared(db_url: str) -> dict[str, int]:
    """Two sessions: a finished one yesterday and an interrupted one today."""
    with Store.open(db_url) as store:
        uid = store.local_user()
        done = store.start_session(uid, ["wall-squats", "knee-to-chest"], at(0), pain_before=4)
        store.record_set(done, a_set("wall-squats", None, 1, at(1), holds=[6.0, 8.0, 7.0],
                                     reps_target=3, reps_done=3))
        store.record_set(done, a_set("knee-to-chest", "left", 1, at(4)))
        store.record_set(done, a_set("knee-to-chest", "right", 1, at(6), reps_done=8))
        store.record_pain(done, PainRecord(2, "after", at(9)))
        store.finish_session(done, at(9), "completed", pain_after=2)
        today = store.start_session(uid, ["ball-marching"], at(24 * 60), pain_before=3)
        store.record_set(today, a_set("ball-marching", None, 1, at(24 * 60 + 1), skipped=True,
                                      reps_done=0))
        store.record_decision(today, DecisionRecord("easier_variant", "Try it seated.",
                                                    at(24 * 60 + 2)))
        return {"done": done, "today": today, "user": uid}


def test_history_json_on_a_prepared_database(cli_env: dict[str, str], prepared) -> None:
    """As a person would run it: a separate process, BACKCOACH_DATABASE_URL in its environment."""
    result = run_cli(cli_env, "history", "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert [i["id"] for i in items] == [prepared["today"], prepared["done"]]
    today, done = items
    assert today["status"] == "interrupted" and today["ended_at"] is None
    assert today["exercises"][0]["sets"][0]["skipped"] is True
    assert today["decisions"][0]["message"] == "Try it seated."
    assert done["status"] == "completed"
    assert (done["pain_before"], done["pain_after"]) == (4, 2)
    assert done["started_at"] == T0.isoformat()
    squats, knees = done["exercises"]
    assert squats["exercise_id"] == "wall-squats" and squats["sets"][0]["holds"] == [6.0, 8.0, 7.0]
    assert [(s["side"], s["reps_done"]) for s in knees["sets"]] == [("left", 10), ("right", 8)]


@pytest.fixture
def run_in_process(
    cli_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    """Run `backcoach ARGS` through the Typer app in this process; returns (exit code, stdout)."""
    monkeypatch.setattr(console, "width", 200)

    def run(*args: str) -> tuple[int, str]:
        code = main(list(args))
        captured = capsys.readouterr()
        assert code == 0, captured.err
        return code, captured.out

    return run


def test_history_table_shows_sets_reps_holds_and_pain(run_in_process, prepared) -> None:
    _, out = run_in_process("history")
    # the store cannot tell a running session from a cut-off one: the table says so honestly
    assert "unfinished" in out and "interrupted" not in out and "completed" in out
    assert "still running, or ended without being finished" in out
    assert "4→2" in out and "3→?" in out
    assert "1 left   10 of 10" in out and "1 right  8 of 10" in out
    assert "3× avg 7.0 s" in out
    assert "skipped" in out
    assert out.index("ball-marching") < out.index("wall-squats")  # newest first
    _, only_latest = run_in_process("history", "--limit", "1")
    assert "ball-marching" in only_latest and "wall-squats" not in only_latest
    latest = json.loads(run_in_process("history", "--json", "--limit", "1")[1])
    assert [i["id"] for i in latest] == [prepared["today"]]


def test_history_shows_each_set_apart_and_no_blank_rows(run_in_process, db_url) -> None:
    with Store.open(db_url) as store:
        uid = store.local_user()
        empty = store.start_session(uid, ["ankle-pumps"], at(0), pain_before=2)
        store.finish_session(empty, at(1), "stopped")
        sid = store.start_session(uid, ["wall-squats"], at(60), pain_before=2)
        store.record_set(sid, a_set("wall-squats", None, 1, at(61), reps_done=2))
        store.record_set(sid, a_set("wall-squats", None, 2, at(63), reps_target=5, reps_done=1))
        store.finish_session(sid, at(65), "stopped", pain_after=3)
        running = store.start_session(uid, ["heel-slides"], at(120), pain_before=1)
        store.record_set(running, a_set("heel-slides", "left", 1, at(121)))
    _, out = run_in_process("history")
    lines = out.splitlines()
    # an easier set after a stopped one: two rows, never "3/15"
    assert any("wall-squats" in ln and "2 of 10" in ln for ln in lines)
    assert any(ln.split()[:4] == ["2", "1", "of", "5"] for ln in lines)
    assert "3/15" not in out and "3 of 15" not in out
    # a session with no sets says so, not "skipped"
    (no_sets,) = [ln for ln in lines if "(no sets recorded)" in ln]
    assert "skipped" not in no_sets
    # sections are separated by one rule each, and no blank line sits inside the table
    body = lines[lines.index(next(ln for ln in lines if ln.startswith("started"))) + 2:]
    body = [ln for ln in body if not ln.startswith("unfinished:")]
    assert all(ln.strip() for ln in body), out
    assert sum(1 for ln in body if set(ln.strip()) == {"─"}) == 2


def test_history_with_no_sessions(run_in_process) -> None:
    assert "No sessions yet" in run_in_process("history")[1]
    assert run_in_process("history", "--json")[1].strip() == "[]"


def test_db_status_and_upgrade(run_in_process) -> None:
    before = json.loads(run_in_process("db", "status", "--json")[1])
    assert before["up_to_date"] is False and before["current"] is None
    assert "`backcoach db upgrade`" in run_in_process("db", "status")[1]
    _, upgraded = run_in_process("db", "upgrade")
    assert f"schema version {before['head']}" in upgraded
    after = json.loads(run_in_process("db", "status", "--json")[1])
    assert after["up_to_date"] is True and after["current"] == before["head"]
    assert "up to date" in run_in_process("db", "status")[1]


def test_db_status_does_not_create_a_sqlite_file(tmp_path, monkeypatch, capsys) -> None:
    path = tmp_path / "later.sqlite3"
    monkeypatch.setenv("BACKCOACH_DATABASE_URL", f"sqlite:///{path}")
    assert main(["db", "status"]) == 0
    assert "Not created yet" in capsys.readouterr().out
    assert not path.exists()
