"""`backcoach analyze` and `backcoach pose`, run as a user runs them, on real clips.

Counting accuracy is the analyzers' test; these check the plumbing: the JSON shape, the
annotated video, and a plain message with a non-zero exit for every kind of bad input.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from backcoach.catalog import EXERCISE_IDS
from backcoach.motion.recording import LandmarkRecording
from tests.motion.real_clips import CLIPS, ffprobe, no_person_clip, recording_path, video_path

BIRD_DOG = "bird-dog_side_polybag.mp4"
REP_KEYS = {"side", "start", "end", "hold_seconds", "faults"}
TOP_KEYS = {"exercise", "count", "count_by_side", "reps", "frames", "frames_with_person"}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "backcoach", *map(str, args)],
                          capture_output=True, text=True, timeout=600)


def assert_plain_failure(out: subprocess.CompletedProcess[str], *words: str) -> None:
    assert out.returncode != 0
    assert "Traceback" not in out.stderr, out.stderr
    for word in words:
        assert word in out.stderr, out.stderr


def check_result(data: dict, exercise: str) -> None:
    assert TOP_KEYS <= set(data)
    assert data["exercise"] == exercise
    assert data["count"] == len(data["reps"])
    assert sum(data["count_by_side"].values()) == data["count"]
    assert 0 < data["frames_with_person"] <= data["frames"]
    for rep in data["reps"]:
        assert REP_KEYS <= set(rep)
        assert rep["side"] in ("left", "right", None)
        assert 0 <= rep["start"] < rep["end"]
        assert isinstance(rep["faults"], list)


@pytest.mark.video
def test_analyze_a_video_to_json_and_an_annotated_mp4(tmp_path):
    out_mp4 = tmp_path / "annotated.mp4"
    out = run("analyze", video_path(BIRD_DOG), "--exercise", "lumbar-stabilization", "--json",
              "--annotated", out_mp4)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)          # stdout holds the JSON and nothing else
    check_result(data, "lumbar-stabilization")
    assert data["frames_with_person"] >= 0.95 * data["frames"]
    assert data["annotated"] == str(out_mp4)
    probe = ffprobe(out_mp4)
    assert probe["codec_name"] == "h264" and probe["pix_fmt"] == "yuv420p"
    assert abs(int(probe["nb_read_frames"]) - CLIPS[BIRD_DOG][2]) <= 2
    assert int(probe["width"]) % 2 == 0 and int(probe["height"]) % 2 == 0


def test_analyze_a_recording_prints_a_table_and_a_summary():
    rec = recording_path("pelvic-tilt-supine_side_polybag.mp4")
    out = run("analyze", rec, "--exercise", "straight-leg-raises")
    assert out.returncode == 0, out.stderr
    assert "Reps:" in out.stdout and "Frames analysed:" in out.stdout
    as_json = run("analyze", rec, "-e", "knee-to-chest", "--json")
    assert as_json.returncode == 0, as_json.stderr
    data = json.loads(as_json.stdout)
    check_result(data, "knee-to-chest")
    assert data["frames"] == len(LandmarkRecording.load(rec))
    assert data["input_kind"] == "recording"


def test_a_wrong_exercise_id_fails_first(tmp_path):
    # the id is checked before the file: even a missing file gets the exercise message
    out = run("analyze", tmp_path / "missing.mp4", "--exercise", "bird-dogs")
    assert_plain_failure(out, "Unknown exercise id 'bird-dogs'")
    for exercise_id in EXERCISE_IDS:
        assert exercise_id in out.stderr


def test_random_bytes_and_text_fail_with_a_plain_message(tmp_path):
    bad = tmp_path / "x.mp4"
    bad.write_bytes(os.urandom(100_000))
    out = run("analyze", bad, "--exercise", "lumbar-stabilization")
    assert_plain_failure(out, "x.mp4", "cannot be opened as a video")
    text = tmp_path / "notes.txt"
    text.write_text("not a video")
    out = run("analyze", text, "--exercise", "lumbar-stabilization", "--json")
    assert_plain_failure(out, "notes.txt")
    assert out.stdout == ""
    out = run("pose", bad, "--out", tmp_path / "rec.json")
    assert_plain_failure(out, "cannot be opened as a video")
    assert not (tmp_path / "rec.json").exists()


def test_a_video_without_a_person(tmp_path):
    out = run("analyze", no_person_clip(), "--exercise", "ball-marching")
    assert_plain_failure(out, "no person was found")
    out = run("pose", no_person_clip(), "--out", tmp_path / "rec.json")
    assert_plain_failure(out, "no person was found")


def test_a_broken_recording_and_a_bad_output_name(tmp_path):
    broken = tmp_path / "rec.json"
    broken.write_text('{"format": "backcoach-landmarks/1", "fps": 30')
    assert_plain_failure(run("analyze", broken, "-e", "heel-slides"), "not readable JSON")
    rec = recording_path("glute-bridge_side_physioplus.mp4")
    out = run("analyze", rec, "-e", "heel-slides", "--annotated", tmp_path / "out.avi")
    assert_plain_failure(out, ".mp4")
    out = run("pose", video_path("glute-bridge_side_physioplus.mp4"), "--out",
              tmp_path / "rec.txt")
    assert_plain_failure(out, ".json")


@pytest.mark.video
def test_pose_writes_a_recording_that_analyze_reads(tmp_path):
    rec_path = tmp_path / "bridge.json.gz"
    out = run("pose", video_path("glute-bridge_side_physioplus.mp4"), "--out", rec_path)
    assert out.returncode == 0, out.stderr
    assert "a person in" in out.stdout
    rec = LandmarkRecording.load(rec_path)
    assert (rec.width, rec.height) == (640, 480) and len(rec) == 46
    annotated = tmp_path / "bridge.mp4"
    out = run("analyze", rec_path, "-e", "straight-leg-raises", "--annotated", annotated)
    assert out.returncode == 0, out.stderr
    probe = ffprobe(annotated)     # a bare recording is drawn on a blank canvas, frame by frame
    assert probe["codec_name"] == "h264" and int(probe["nb_read_frames"]) == len(rec)


def test_help_has_examples():
    for command in ("analyze", "pose"):
        out = run(command, "--help")
        assert out.returncode == 0 and "Example:" in out.stdout
