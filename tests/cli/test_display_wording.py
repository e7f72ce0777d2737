"""What the commands print: units, fault labels, per-set completion, plurals, readable names."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta

from backcoach.catalog import get_exercise
from backcoach.cli import main
from backcoach.cli.app import console
from backcoach.reports import build_progress
from backcoach.store import Store
from tests.store.helpers import a_set

T0 = datetime(2025, 3, 10, 8, 30, tzinfo=UTC)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "backcoach", *map(str, args)],
                          capture_output=True, text=True, timeout=300,
                          env={"COLUMNS": "160", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"})


def test_analyze_shows_the_metric_unit_and_readable_faults_but_json_keeps_ids(tmp_path):
    rec = tmp_path / "bm.json.gz"
    made = run("synth", "ball-marching", "--reps", "2", "--fault", "small_lift:2", "--out", rec)
    assert made.returncode == 0, made.stderr
    table = run("analyze", rec, "-e", "ball-marching")
    assert table.returncode == 0, table.stderr
    assert "foot lift (shank lengths)" in table.stdout
    assert "°" not in table.stdout                # foot lift is not an angle
    data = json.loads(run("analyze", rec, "-e", "ball-marching", "--json").stdout)
    faults = {f for rep in data["reps"] for f in rep["faults"]}
    for fault in faults:                          # ids in JSON, words in the table
        assert "_" in fault and fault.replace("_", " ") in table.stdout
    assert not any(f in table.stdout for f in faults)


def test_show_names_the_default_fields_in_words(capsys, monkeypatch):
    monkeypatch.setattr(console, "width", 200)
    assert main(["show", "ball-marching"]) == 0
    out = capsys.readouterr().out
    assert get_exercise("ball-marching").defaults
    assert "tempo_seconds" not in out and "rest_seconds" not in out and "pace" in out


def _stopped_then_easier(store: Store, easier_done: int) -> None:
    uid = store.local_user()
    sid = store.start_session(uid, ["wall-squats"], T0, pain_before=2)
    store.record_set(sid, a_set("wall-squats", None, 1, T0, reps_done=2))
    store.record_set(sid, a_set("wall-squats", None, 2, T0 + timedelta(minutes=3),
                                reps_target=5, reps_done=easier_done))
    store.finish_session(sid, T0 + timedelta(minutes=5), "stopped", pain_after=3)


def test_progress_judges_completion_set_by_set(store, cli_env, monkeypatch, capsys):
    # 2 of 10, then the easier set done in full (5 of 5): each set on its own target, so
    # completion is (20% + 100%) / 2 = 60%, not the 7/15 = 47% of one sum
    _stopped_then_easier(store, easier_done=5)
    report = build_progress(store, store.local_user(), today=T0.date(), tz=UTC)
    (squats,) = report.exercises
    assert squats.completion == 60.0
    monkeypatch.setattr(console, "width", 200)
    assert main(["progress", "--today", T0.date().isoformat()]) == 0
    out = capsys.readouterr().out
    assert "7 in 2 sets (60%)" in out and "7/15" not in out
    assert "Streak: 1 planned day in a row now" in out


def test_counted_words_have_proper_plurals():
    from backcoach.words import plural, times

    assert [times(n) for n in (1, 2, 3)] == ["once", "twice", "3 times"]
    assert [plural(n, "set") for n in (0, 1, 2)] == ["0 sets", "1 set", "2 sets"]
