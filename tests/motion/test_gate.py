"""The visibility gate: no counting while the coach cannot see, and a plain instruction why."""

from __future__ import annotations

import numpy as np
import pytest

from backcoach.motion.analysis import analyze_frames
from backcoach.motion.events import VisibilityRestored, VisibilityWarning
from backcoach.motion.gate import MESSAGES, VisibilityGate
from backcoach.motion.landmarks import L
from backcoach.motion.recording import PoseFrame
from backcoach.motion.synth import SynthSpec, generate

W, H = 1280, 720


def lying_pose(vis: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Pixel landmarks of a person lying side-on, head left, and their visibility."""
    px = np.zeros((33, 2))
    for side, dy in (("LEFT", 0.0), ("RIGHT", -8.0)):
        for part, x in (("SHOULDER", 300), ("HIP", 600), ("KNEE", 820), ("ANKLE", 1040),
                        ("HEEL", 1060), ("FOOT_INDEX", 1080), ("ELBOW", 450), ("WRIST", 560)):
            px[L[f"{side}_{part}"]] = (x, 500 + dy)
    return px, np.full(33, vis)


def gate(**kw) -> VisibilityGate:
    return VisibilityGate(("shoulder", "hip", "knee", "ankle"), width=W, height=H, **kw)


def test_a_well_seen_side_on_person_passes():
    px, vis = lying_pose()
    result = gate(side_on_max=0.5, trunk_range=(0, 35)).check(0.0, px, vis)
    assert result.ok and result.sides == {"left": True, "right": True}


def test_no_person():
    result = gate().check(0.0, None, None)
    assert not result.ok and result.reason == "no_person"


def test_a_joint_outside_the_picture():
    px, vis = lying_pose()
    px[L.LEFT_ANKLE, 0] = px[L.RIGHT_ANKLE, 0] = W + 40
    result = gate().check(0.0, px, vis)
    assert not result.ok and result.reason == "out_of_frame"


def test_joints_seen_too_poorly():
    px, vis = lying_pose(vis=0.2)
    result = gate(min_visibility=0.5).check(0.0, px, vis)
    assert not result.ok and result.reason == "low_visibility"


def test_one_well_seen_side_is_enough_and_the_other_side_is_reported():
    px, vis = lying_pose()
    for part in ("HIP", "KNEE", "ANKLE"):
        vis[L[f"RIGHT_{part}"]] = 0.05
    result = gate(min_visibility=0.5, side_min_visibility=0.15).check(0.0, px, vis)
    assert result.ok and result.sides == {"left": True, "right": False}


def test_facing_the_camera_is_the_wrong_view_for_a_side_view_exercise():
    px, vis = lying_pose()
    px[L.RIGHT_SHOULDER] += (0, 250)
    px[L.RIGHT_HIP] += (0, 250)
    result = gate(side_on_max=0.5).check(0.0, px, vis)
    assert not result.ok and result.reason == "wrong_view"


def test_standing_is_the_wrong_position_for_a_lying_exercise():
    px, vis = lying_pose()
    px[L.LEFT_SHOULDER] = px[L.RIGHT_SHOULDER] = (600, 100)
    result = gate(trunk_range=(0, 35)).check(0.0, px, vis)
    assert not result.ok and result.reason == "wrong_position"


def test_warning_after_a_moment_then_restored_once():
    g = gate(warn_after=0.5, restore_after=0.3)
    px, vis = lying_pose()
    events = []
    for i in range(60):
        t = i / 30
        ok = not 0.5 <= t < 1.3
        events += g.events(t, g.check(t, px if ok else None, vis if ok else None))
    warnings = [e for e in events if isinstance(e, VisibilityWarning)]
    restored = [e for e in events if isinstance(e, VisibilityRestored)]
    assert len(warnings) == 1 and len(restored) == 1
    assert warnings[0].reason == "no_person" and warnings[0].text == MESSAGES["no_person"]
    assert 1.0 <= warnings[0].t < 1.1
    assert restored[0].t >= 1.6


def test_a_brief_dropout_raises_no_warning():
    g = gate(warn_after=0.5)
    px, vis = lying_pose()
    events = []
    for i in range(30):
        ok = i not in (10, 11, 12)
        events += g.events(i / 30, g.check(i / 30, px if ok else None, vis if ok else None))
    assert events == []


def test_a_dropped_frame_while_warned_raises_no_second_warning():
    # joints seen too poorly for seconds, and now and then a frame without a person: one
    # warning, not a new one for every dropped frame and another when the person is back
    g = gate(warn_after=0.5)
    px, vis = lying_pose(vis=0.1)
    events = []
    for i in range(150):
        dropped = i % 20 == 19
        events += g.events(i / 30, g.check(i / 30, None if dropped else px,
                                             None if dropped else vis))
    assert [e.reason for e in events if isinstance(e, VisibilityWarning)] == ["low_visibility"]
    # a different trouble that lasts does get its own warning
    for i in range(150, 180):
        events += g.events(i / 30, g.check(i / 30, None, None))
    assert [e.reason for e in events if isinstance(e, VisibilityWarning)] == [
        "low_visibility", "no_person"]


def test_messages_are_plain_instructions():
    assert MESSAGES["out_of_frame"] == "Move so your whole body is in view."
    assert MESSAGES["wrong_view"] == "Turn side-on to the camera."


def analyse(rec, exercise):
    return analyze_frames(rec.frames, exercise, fps=rec.fps, width=rec.width, height=rec.height)


def test_no_counting_while_the_legs_cannot_be_seen():
    rec = generate(
        SynthSpec(exercise="heel-slides", reps=3, side="left", low_visibility=[(9.5, 13.5)])
    )
    hidden = [r for r in rec.truth["reps"] if r["start"] < 13.5 and r["end"] > 9.5]
    assert len(hidden) == 1        # the middle rep is hidden half way through
    result = analyse(rec, "heel-slides")
    assert result.count == 2
    assert all(not (r.start < 13.0 and r.end > 10.0) for r in result.reps)
    assert [w.reason for w in result.warnings] == ["low_visibility"]
    assert result.warnings[0].text == MESSAGES["low_visibility"]


def test_side_view_exercise_seen_from_the_front_is_not_counted():
    rec = generate(SynthSpec(exercise="heel-slides", reps=2, side="left", view="front"))
    result = analyse(rec, "heel-slides")
    assert result.count == 0
    assert result.warnings and result.warnings[0].reason == "wrong_view"
    assert result.warnings[0].text == "Turn side-on to the camera."


def test_limb_leaving_the_picture_is_not_counted():
    rec = generate(SynthSpec(exercise="heel-slides", reps=2, side="left", limb_out_of_frame=True))
    unseen = [r for r in rec.truth["reps"] if not r["observable"]]
    result = analyse(rec, "heel-slides")
    assert result.count <= len(rec.truth["reps"]) - len(unseen)
    assert any(w.reason == "out_of_frame" for w in result.warnings)


@pytest.mark.parametrize("exercise", ["ankle-pumps", "lumbar-stabilization", "ball-marching"])
def test_nobody_in_the_picture(exercise):
    frames = [PoseFrame(t=i / 15, landmarks=None, index=i) for i in range(60)]
    result = analyze_frames(frames, exercise, fps=15, width=W, height=H)
    assert result.count == 0 and result.frames == 60 and result.frames_with_person == 0
    assert [w.reason for w in result.warnings] == ["no_person"]
