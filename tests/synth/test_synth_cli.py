"""`backcoach synth` as a user runs it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from backcoach.cli import main
from backcoach.motion.recording import LandmarkRecording


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(capsys):
    """Run the real CLI entry point in-process (the import is the slow part of a subprocess)."""
    def _run(*args: str) -> Done:
        code = main(list(args))
        out = capsys.readouterr()
        return Done(code, out.out, out.err)
    return _run


def test_synth_writes_a_recording_with_truth(tmp_path, run):
    out = tmp_path / "slr.json.gz"
    done = run("synth", "straight-leg-raises", "--reps", "2", "--side", "right",
               "--fault", "bent_knee:2", "--fault", "too_fast:1", "--noise", "low",
               "--hold", "1", "--seed", "4", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "2 reps" in done.stdout
    rec = LandmarkRecording.load(out)
    truth = rec.truth
    assert truth["count"] == 2 and truth["count_by_side"] == {"left": 0, "right": 2}
    assert [r["faults"] for r in truth["reps"]] == [["too_fast"], ["bent_knee"]]
    assert truth["knobs"]["jitter_px"] > 0 and truth["knobs"]["seed"] == 4


def test_synth_rejects_bad_input_plainly(tmp_path, run):
    done = run("synth", "wall-squats", "--fault", "bent_knee", "--out", str(tmp_path / "x.json"))
    assert done.returncode != 0
    assert "no fault 'bent_knee'" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "x.json").exists()
    done = run("synth", "wall-squats", "--noise", "loud", "--out", str(tmp_path / "x.json"))
    assert done.returncode != 0 and "noise level" in done.stderr


def test_synth_help_has_an_example(run):
    done = run("synth", "--help")
    assert done.returncode == 0 and "Example:" in done.stdout
