"""The body model: rigid segments, joints inside their ranges, bending the right way."""

from __future__ import annotations

import numpy as np
import pytest

from backcoach.catalog import EXERCISE_IDS, get_exercise
from backcoach.motion.synth import JOINT_RANGES, SynthSpec, fault_ids, joint_angles
from backcoach.motion.synth.generate import perform

SEGMENTS = [
    ("{s}_hip", "{s}_knee"), ("{s}_knee", "{s}_ankle"), ("{s}_ankle", "{s}_heel"),
    ("{s}_ankle", "{s}_foot_index"), ("{s}_heel", "{s}_foot_index"),
    ("{s}_shoulder", "{s}_elbow"), ("{s}_elbow", "{s}_wrist"), ("{s}_wrist", "{s}_index"),
    ("{s}_wrist", "{s}_pinky"), ("{s}_wrist", "{s}_thumb"),
    ("left_hip", "right_hip"), ("left_shoulder", "right_shoulder"),
    ("nose", "{s}_ear"), ("{s}_ear", "{s}_eye"), ("nose", "mouth_{s}"),
]


def every_fault_motion(exercise_id: str):
    """One short performance per exercise with every fault on its own rep."""
    ex = get_exercise(exercise_id)
    faults = fault_ids(ex)
    per = 2 if ex.dosage.per_side or ex.dosage.alternating else 1
    reps = -(-(len(faults) + 1) // per)
    spec = SynthSpec(exercise=exercise_id, reps=reps, hold_seconds=1.0, idle_between=0.3,
                     faults={f: [i + 2] for i, f in enumerate(faults)}, fps=15, seed=3)
    return perform(spec)


@pytest.fixture(scope="module", params=EXERCISE_IDS)
def motion(request):
    return every_fault_motion(request.param)


def test_segment_lengths_stay_constant(motion):
    sk = motion.skeleton
    for a, b in SEGMENTS:
        for side in ("left", "right"):
            length = np.linalg.norm(sk[a.format(s=side)] - sk[b.format(s=side)], axis=1)
            assert length.min() > 0.01
            assert np.ptp(length) < 1e-6, (a, b, side, np.ptp(length))
    mid_trunk = np.linalg.norm((sk["left_shoulder"] + sk["right_shoulder"]) / 2 - sk["hip_mid"],
                               axis=1)
    assert np.ptp(mid_trunk) < 1e-6


def test_joints_stay_in_their_ranges(motion):
    for side in ("left", "right"):
        angles = joint_angles(motion.skeleton, side)
        for name, (lo, hi) in JOINT_RANGES.items():
            values = angles[name]
            assert values.min() >= lo and values.max() <= hi, (
                motion.exercise.id, side, name, float(values.min()), float(values.max()))


def test_nothing_goes_through_the_floor(motion):
    ys = motion.points[..., 1]
    assert ys.min() > -0.01, (motion.exercise.id, float(ys.min()))


def test_motion_is_smooth(motion):
    """No teleporting joints: frame-to-frame speed stays human (< 10 m/s at 15 fps)."""
    step = np.linalg.norm(np.diff(motion.points, axis=0), axis=-1) * 15
    assert step.max() < 10.0, (motion.exercise.id, float(step.max()))


def test_body_height_scales_the_skeleton():
    tall = perform(SynthSpec(exercise="wall-squats", reps=1, body_height_m=1.95, hold_seconds=1))
    short = perform(SynthSpec(exercise="wall-squats", reps=1, body_height_m=1.55, hold_seconds=1))
    shin = [np.linalg.norm(m.skeleton["left_knee"][0] - m.skeleton["left_ankle"][0])
            for m in (tall, short)]
    assert shin[0] / shin[1] == pytest.approx(1.95 / 1.55, rel=1e-6)
    top = [m.points[0, :, 1].max() for m in (tall, short)]
    assert top[0] > top[1] + 0.25
