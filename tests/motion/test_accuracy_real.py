"""The camera coach on real people: real clips through the real pose model, and Keraal landmarks.

Labels (../shared/data/README.md, read by eye, good to about half a second): the bird-dog clip
is 2 lumbar-stabilization reps, one per side, each held about 2.5-3 s; every other labelled
pairing is 0 reps. Every other analyzer must count nothing on clips that are not its exercise.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from backcoach.catalog.loader import EXERCISE_IDS
from backcoach.motion.analysis import analyze_frames
from backcoach.motion.landmarks import L
from backcoach.motion.recording import LandmarkRecording, PoseFrame
from tests.motion.real_clips import CLIPS, recording_of

pytestmark = pytest.mark.video

KERAAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "keypoints" / "keraal"

BIRD_DOG = "bird-dog_side_polybag.mp4"
LABELLED = {   # clip -> exercises it was labelled for (all 0 reps but the bird-dog)
    BIRD_DOG: ["lumbar-stabilization"],
    "cat-camel_side_polybag.mp4": ["lumbar-stabilization"],
    "childs-pose_side_polybag.mp4": ["lumbar-stabilization"],
    "pelvic-tilt-supine_side_polybag.mp4": [
        "heel-slides", "knee-to-chest", "straight-leg-raises", "hamstring-stretch",
    ],
    "seated-cat-cow_side_polybag.mp4": ["ball-marching", "ball-arm-heel-raise"],
    "seated-side-bend_front_polybag.mp4": ["ball-marching", "ball-arm-heel-raise"],
    "glute-bridge_side_physioplus.mp4": ["straight-leg-raises"],
}


def analyse(rec: LandmarkRecording, exercise: str):
    return analyze_frames(rec.frames, exercise, fps=rec.fps, width=rec.width, height=rec.height)


def test_bird_dog_two_reps_one_per_side_with_holds():
    result = analyse(recording_of(BIRD_DOG), "lumbar-stabilization")
    assert result.count == 2
    assert result.count_by_side == {"left": 1, "right": 1}
    first, second = result.reps
    # labelled: first reach about 1.0-4.5 s, second about 8.0-12.0 s
    assert first.start < 2.5 and 3.5 < first.end < 6.0
    assert 6.5 < second.start < 9.0 and 11.0 < second.end < 13.5
    for rep in result.reps:
        assert rep.peak_angle is not None and rep.peak_angle > 75     # the leg reached level
        # labelled "held about 2.5-3 s" by eye, to about 0.5 s. The coach times the hold from
        # the end of the reach out to the start of the return: on the first rep the leg keeps
        # creeping a few degrees higher for half a second after it looks level, so that rep
        # reads about 2.0 s, at the low end of the label
        assert rep.hold_seconds is not None and 1.8 <= rep.hold_seconds <= 3.5
    assert second.hold_seconds is not None and 2.5 <= second.hold_seconds <= 3.5
    assert first.faults == () and second.faults == ()       # a clean performance
    assert result.warnings == []


@pytest.mark.parametrize("clip", sorted(CLIPS))
@pytest.mark.parametrize("exercise", EXERCISE_IDS)
def test_no_reps_where_there_are_none(clip, exercise):
    if clip == BIRD_DOG and exercise == "lumbar-stabilization":
        return      # the one pairing with reps, checked above
    result = analyse(recording_of(clip), exercise)
    labelled = exercise in LABELLED[clip]
    assert result.count == 0, f"{exercise} on {clip} ({'labelled' if labelled else 'other'})"


def load_keraal(path: Path) -> LandmarkRecording:
    """A Keraal BlazePose file: {"positions": {frame: {joint name: [x, y, z]}}}.

    The files hold no visibility, frame rate or image size: every landmark is taken as seen,
    30 fps, a 16:9 picture (the coordinates are normalised to the image).
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    names = [lm.name.lower() for lm in L]
    frames = []
    for i, key in enumerate(sorted(data["positions"], key=float)):
        joints = {name.lower(): xyz for name, xyz in data["positions"][key].items()}
        arr = np.ones((33, 4))
        arr[:, :3] = [joints[n] for n in names]
        frames.append(PoseFrame(t=i / 30.0, landmarks=arr, index=i))
    return LandmarkRecording(fps=30.0, width=1920, height=1080, frames=frames,
                             meta={"source": f"keraal/{path.name}"})


def keraal_files() -> list[Path]:
    files = sorted(KERAAL.glob("*.json"))
    if not files:
        pytest.fail(f"Keraal recordings not found in {KERAAL}")
    return files


def test_keraal_recordings_load_as_standing_people():
    for path in keraal_files():
        rec = load_keraal(path)
        assert len(rec) > 150
        lm = rec.frames[0].landmarks
        assert lm is not None
        # standing: shoulders above hips above knees above ankles (image y grows downwards)
        ys = [lm[L[f"LEFT_{p}"], 1] for p in ("SHOULDER", "HIP", "KNEE", "ANKLE")]
        assert ys == sorted(ys)


@pytest.mark.parametrize("exercise", EXERCISE_IDS)
def test_keraal_exercises_are_none_of_ours(exercise):
    for path in keraal_files():
        result = analyse(load_keraal(path), exercise)
        assert result.count == 0, f"{exercise} counted on {path.name}"
        assert result.frames_with_person == result.frames
