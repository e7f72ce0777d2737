"""`backcoach exercises`, `show` and the error path, run as a user would run them."""

from __future__ import annotations

import json
import subprocess
import sys

from backcoach.catalog import EXERCISE_IDS

REQUIRED = {"id", "name", "position", "equipment", "reps", "per_side", "alternating",
            "hold_seconds", "steps", "defaults"}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "backcoach", *args],
                          capture_output=True, text=True, timeout=120)


def test_exercises_json_lists_all_nine():
    out = run("exercises", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert [d["id"] for d in data] == list(EXERCISE_IDS)
    for item in data:
        assert REQUIRED <= set(item)
    slr = next(d for d in data if d["id"] == "straight-leg-raises")
    assert slr["hold_seconds"] == {"min": 10.0, "max": 10.0}
    assert slr["reps"] == 10 and slr["per_side"] is True
    assert next(d for d in data if d["id"] == "ankle-pumps")["hold_seconds"] is None


def test_exercises_table_and_show():
    table = run("exercises")
    assert table.returncode == 0
    for exercise_id in EXERCISE_IDS:
        assert exercise_id in table.stdout
    shown = run("show", "wall-squats")
    assert shown.returncode == 0
    assert "12 in (30 cm)" in shown.stdout and "45°" in shown.stdout


def test_wrong_id_exits_nonzero_with_valid_ids():
    out = run("show", "toe-touches")
    assert out.returncode != 0
    assert "toe-touches" in out.stderr
    for exercise_id in EXERCISE_IDS:
        assert exercise_id in out.stderr.replace("\n", "")
