"""Ankle pumps beyond the accuracy grid: few frames a second with a jittery foot, and a camera
turned off the side view. Real synthetic recordings through the real analyzer; the rule under
test is that the coach may miss a pump it cannot tell from jitter but never counts one that
was not done."""

from __future__ import annotations

import pytest

from backcoach.motion.analysis import analyze_frames
from backcoach.motion.synth import SynthSpec, generate

# 640x480 pictures, 2.3-3 px of jitter on a foot a few dozen pixels long, 10 frames a second
# (too few to smooth): recordings on which the ankle angle's jitter used to pass for pumps
JITTERY_LOW_FPS = [
    dict(view="side-left", head="right", body_height_m=1.62, tempo=1.6, fps=10.0, width=640,
         height=480, camera_height_m=0.63, tilt_deg=-3.7, roll_deg=-4.5, idle_before=2.8,
         idle_between=1.2, idle_after=1.6, distance_m=2.14, jitter_px=3.0, drop_frames=0.061,
         seed=9),
    dict(view="side-left", head="right", body_height_m=1.89, tempo=0.75, fps=10.0, width=640,
         height=480, camera_height_m=0.68, tilt_deg=1.8, roll_deg=3.4, idle_before=1.9,
         idle_between=1.3, idle_after=1.7, distance_m=2.82, jitter_px=2.7, drop_frames=0.062,
         seed=25, yaw_deg=-14.3),
    dict(view="side-left", head="right", body_height_m=1.78, tempo=0.9, fps=10.0, width=720,
         height=1280, camera_height_m=0.6, tilt_deg=-4.2, roll_deg=2.6, idle_before=3.0,
         idle_between=2.6, idle_after=1.8, jitter_px=2.3, drop_frames=0.057, seed=37,
         yaw_deg=-17.8),
    dict(view="side-left", head="right", body_height_m=1.56, tempo=1.6, fps=10.0, width=640,
         height=480, camera_height_m=0.95, tilt_deg=3.2, roll_deg=3.0, idle_before=1.6,
         idle_between=1.2, idle_after=1.9, jitter_px=2.5, drop_frames=0.025, seed=45,
         yaw_deg=20.7),
]


def analyse(**knobs):
    rec = generate(SynthSpec(exercise="ankle-pumps", reps=3, **knobs))
    result = analyze_frames(rec.frames, "ankle-pumps", fps=rec.fps, width=rec.width,
                            height=rec.height)
    return rec.truth, result


@pytest.mark.parametrize("knobs", JITTERY_LOW_FPS, ids=lambda k: f"seed{k['seed']}")
def test_jitter_at_ten_frames_a_second_is_never_counted_as_a_pump(knobs):
    truth, result = analyse(**knobs)
    assert result.count <= truth["count"]
    # every counted pump is one that was done: it overlaps a true pump no other counted one has
    matched = set()
    for rep in result.reps:
        hits = [i for i, r in enumerate(truth["reps"])
                if min(rep.end, r["end"]) > max(rep.start, r["start"]) and i not in matched]
        assert hits, f"a pump counted at {rep.start}-{rep.end} that was not done"
        matched.add(hits[0])
    # and it does not silently count nothing: it counts pumps, or says why it cannot
    unsteady = [w for w in result.warnings if w.reason == "unsteady"]
    assert result.count >= 1 or unsteady


@pytest.mark.parametrize("fps", [10.0, 15.0, 30.0])
@pytest.mark.parametrize("yaw", [-25.0, 20.0])
def test_clear_pumps_seen_turned_are_counted_at_any_frame_rate(fps, yaw):
    # a well-lit, near camera with little jitter: the pumps stand clear of it, and are counted
    # exactly however the camera is turned and however few frames it takes
    truth, result = analyse(view="side-left", head="left", tempo=1.0, fps=fps, jitter_px=0.5,
                            yaw_deg=yaw, idle_before=2.5, idle_between=1.0, seed=7)
    assert result.count == truth["count"] == 3
