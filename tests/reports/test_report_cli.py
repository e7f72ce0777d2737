"""`backcoach progress`, `export`, `charts` and `reminders` on a prepared database."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from backcoach.cli import main
from backcoach.cli.app import console
from tests.reports.history import TODAY, History


@pytest.fixture
def cli(history: History, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run `backcoach ARGS` in this process against the history; returns (code, out, err)."""
    monkeypatch.setenv("BACKCOACH_DATABASE_URL", history.url)
    monkeypatch.setattr(console, "width", 200)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def test_progress_summary(cli) -> None:
    code, out, err = cli("progress", "--today", TODAY.isoformat())
    assert code == 0, err
    assert "Sessions: 36 done of 37 started, 3 Mar 2025 to 12 Apr 2025" in out
    assert "Adherence (every day): 85% of planned sessions, last 4 weeks 89%" in out
    assert "Streak: 4 planned days in a row now, longest 12" in out
    assert "Pain before sessions fell from 6.5/10 in the first week" in out
    assert "knee angle: 119° → 100°" in out                      # heel slides, camera
    assert "6.1 → 9.9 s (target 10)" in out                # straight leg raises holds
    assert "348 in 36 sets (97%)" in out                         # ankle pumps reps
    code, out, _ = cli("progress", "--today", TODAY.isoformat(), "--days", "mon,wed,fri")
    assert "Adherence (on Mon, Wed, Fri)" in out


def test_progress_json(cli) -> None:
    code, out, err = cli("progress", "--json", "--today", TODAY.isoformat())
    assert code == 0, err
    data = json.loads(out)
    assert data["sessions_done"] == 36 and data["adherence"]["longest_streak"] == 12
    assert data["pain"]["sentence"].startswith("Pain before sessions fell")
    heel = next(e for e in data["exercises"] if e["exercise_id"] == "heel-slides")
    assert heel["peak_change"] == -19.0 and len(heel["points"]) == 72


def test_export_csv_and_json(cli, tmp_path: Path) -> None:
    code, out, err = cli("export", "--format", "csv", "--out", str(tmp_path / "all.csv"))
    assert code == 0, err
    assert "Wrote 37 sessions, 288 sets and 73 pain ratings" in out
    with (tmp_path / "all.csv").open(newline="", encoding="utf-8") as f:
        assert sum(1 for r in csv.DictReader(f) if r["record"] == "set") == 288
    code, _, err = cli("export", "--out", str(tmp_path / "all.json"))   # format from suffix
    assert code == 0, err
    assert len(json.loads((tmp_path / "all.json").read_text("utf-8"))["sessions"]) == 37
    code, _, err = cli("export", "--format", "xml", "--out", str(tmp_path / "x.xml"))
    assert code != 0 and "csv or json" in err and not (tmp_path / "x.xml").exists()


def test_charts_writes_svg_files(cli, tmp_path: Path) -> None:
    code, out, err = cli("charts", "--out", str(tmp_path / "charts"), "--today",
                         TODAY.isoformat())
    assert code == 0, err
    written = sorted(p.name for p in (tmp_path / "charts").iterdir())
    assert written == sorted(["pain.svg", "adherence.svg", "exercise-ankle-pumps.svg",
                              "exercise-heel-slides.svg", "exercise-knee-to-chest.svg",
                              "exercise-straight-leg-raises.svg", "exercise-wall-squats.svg"])
    assert sorted(Path(line).name for line in out.split()) == written
    for name in written:
        ET.parse(tmp_path / "charts" / name)


def test_reminders_file(cli, tmp_path: Path) -> None:
    out_file = tmp_path / "remind.ics"
    code, out, err = cli("reminders", "--days", "mon,wed,fri", "--time", "18:00", "--out",
                         str(out_file), "--start", "2025-03-04", "-e", "ankle-pumps",
                         "-e", "heel-slides", "--weeks", "4")
    assert code == 0, err
    assert "Wrote reminders on Mon, Wed, Fri at 18:00" in out
    text = out_file.read_bytes().decode("utf-8")
    assert "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=12\r\n" in text
    assert "DTSTART:20250305T180000\r\n" in text
    assert "Ankle pumps" in text and "Wall squats" not in text


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["reminders", "--days", "funday", "--out", "x.ics"], 2, "is not a weekday"),
        (["reminders", "--time", "6pm", "--out", "x.ics"], 2, "24-hour HH:MM"),
        (["reminders", "-e", "push-ups", "--out", "x.ics"], 2, "Unknown exercise id"),
        (["progress", "--today", "yesterday"], 2, "use YYYY-MM-DD"),
    ],
)
def test_bad_input_gets_a_plain_message(cli, tmp_path: Path, monkeypatch, args, code,
                                        message) -> None:
    monkeypatch.chdir(tmp_path)
    got, _, err = cli(*args)
    assert got == code and message in err
    assert not (tmp_path / "x.ics").exists()


@pytest.mark.parametrize("command", ["progress", "export", "charts", "reminders"])
def test_help_has_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == 0
    assert f"Example: backcoach {command}" in capsys.readouterr().out


def test_progress_as_a_separate_process(history: History) -> None:
    """As a person runs it: a new process, the database URL in its environment."""
    import os

    env = {**os.environ, "BACKCOACH_DATABASE_URL": history.url, "COLUMNS": "200",
           "NO_COLOR": "1"}
    result = subprocess.run([sys.executable, "-m", "backcoach", "progress", "--today",
                             TODAY.isoformat()], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Streak: 4 planned days in a row now, longest 12" in result.stdout


def test_docs_name_every_command_and_public_name() -> None:
    import backcoach.reports as reports

    doc = (Path(__file__).parents[2] / "docs" / "reports.md").read_text(encoding="utf-8")
    for command in ("progress", "export", "charts", "reminders"):
        assert f"backcoach {command}" in doc
    for name in ("build_progress", "PainTrend", "Adherence", "ExerciseProgress", "render_svg",
                 "render_png", "progress_charts", "export_to_file", "reminders_ics", "Schedule"):
        assert name in reports.__all__ and f"`{name}" in doc
