"""The two ball exercises on recordings that once fooled them, and their one-person check.

Each recording below is drawn from the accuracy grid (bench/accuracy.py) with its knobs
written out, so the test does not depend on the grid's random draw; each shows one thing the
analyzers must get right whatever the body or camera.
"""

from __future__ import annotations

import numpy as np
import pytest

from backcoach.motion.analysis import analyze_frames
from backcoach.motion.analyzers.seated import OnePerson
from backcoach.motion.geometry import lm_index
from backcoach.motion.synth import SynthSpec, generate


def run(**knobs):
    rec = generate(SynthSpec(reps=3, **knobs))
    result = analyze_frames(rec.frames, knobs["exercise"], fps=rec.fps, width=rec.width,
                            height=rec.height)
    return rec.truth, result.reps


def overlaps(rep, true_rep) -> bool:
    return rep.side == true_rep["side"] and (
        min(rep.end, true_rep["end"]) > max(rep.start, true_rep["start"])
    )


def match(truth, reps):
    """(true reps left uncounted, counted reps without a true one), pairing by side and time."""
    found = list(reps)
    missed = []
    for t in truth["reps"]:
        hit = [r for r in found if overlaps(r, t)]
        if hit:
            found.remove(hit[0])
        elif t["observable"]:
            missed.append(t)
    return missed, found


def faults_by_rep(truth, reps, fault):
    """For each true rep, whether its counted rep carries `fault`."""
    out = []
    for t in truth["reps"]:
        hit = [r for r in reps if overlaps(r, t)]
        out.append(bool(hit) and fault in hit[0].faults)
    return out


@pytest.mark.parametrize("knobs", [
    dict(exercise="ball-arm-heel-raise", side="left", tempo=1.3, idle_before=3.8,
         idle_between=0.7, view="front", head="right", camera_height_m=1.13, tilt_deg=1.9,
         roll_deg=-4.4, body_height_m=1.66, width=640, height=480, seed=7066),
    dict(exercise="ball-marching", side="right", tempo=1.6, idle_before=3.5, idle_between=1.3,
         head="right", distance_m=4.32, camera_height_m=0.97, tilt_deg=3.0, roll_deg=-2.2,
         body_height_m=1.6, width=1920, height=1080, seed=208065),
], ids=["arm-raise", "marching"])
def test_a_passer_by_neither_adds_nor_loses_reps(knobs):
    truth, reps = run(second_person=True, **knobs)
    missed, extra = match(truth, reps)
    assert not extra, "a rep counted from the passer-by or split by them"
    assert not missed, "a rep the person did in full view was lost after the passer-by left"


def test_a_hand_raised_out_of_the_top_of_the_picture_still_counts():
    truth, reps = run(exercise="ball-arm-heel-raise", side="right", idle_before=1.9,
                      idle_between=1.0, view="side-right", camera_height_m=1.02, tilt_deg=2.4,
                      roll_deg=-0.4, body_height_m=1.52, limb_out_of_frame=True, seed=7065)
    missed, extra = match(truth, reps)
    assert not missed and not extra
    assert len(reps) == truth["count"]


def test_the_arm_behind_the_body_in_a_side_view_counts_and_is_judged():
    truth, reps = run(exercise="ball-arm-heel-raise", side="left", faults={"arm_low": [2, 6]},
                      tempo=1.3, idle_before=2.4, idle_between=2.1, distance_m=4.98,
                      camera_height_m=1.16, tilt_deg=0.9, roll_deg=-3.4, body_height_m=1.92,
                      jitter_px=0.9, fps=24.0, seed=7048)
    missed, extra = match(truth, reps)
    assert not missed and not extra
    flagged = faults_by_rep(truth, reps, "arm_low")
    assert flagged == ["arm_low" in t["faults"] for t in truth["reps"]]


def test_a_foot_sliding_at_rest_before_the_first_step_does_not_hide_it():
    truth, reps = run(exercise="ball-marching", side="right", tempo=1.3, idle_before=1.5,
                      idle_between=1.0, camera_height_m=0.95, tilt_deg=0.9, roll_deg=-1.6,
                      body_height_m=1.7, fps=24.0, width=720, height=1280, seed=8009)
    missed, extra = match(truth, reps)
    assert not missed and not extra


def test_sitting_facing_a_high_near_camera_is_not_taken_for_standing():
    truth, reps = run(exercise="ball-marching", side="left", tempo=0.9, idle_before=2.6,
                      idle_between=1.3, view="front", head="right", camera_height_m=1.17,
                      tilt_deg=5.0, roll_deg=2.6, body_height_m=1.65, jitter_px=1.3,
                      drop_frames=0.062, fps=24.0, width=720, height=1280, seed=508037)
    missed, extra = match(truth, reps)
    assert not missed and not extra


def test_trunk_lean_is_read_against_how_the_person_sat_on_a_rolled_camera():
    truth, reps = run(exercise="ball-marching", side="right", faults={"trunk_lean": [1, 5]},
                      tempo=0.9, idle_before=3.6, idle_between=3.0, head="right",
                      distance_m=3.41, camera_height_m=1.18, tilt_deg=3.2, roll_deg=-4.5,
                      body_height_m=1.74, jitter_px=0.4, fps=24.0, width=1920, height=1080,
                      seed=308051)
    assert faults_by_rep(truth, reps, "trunk_lean") == [
        "trunk_lean" in t["faults"] for t in truth["reps"]
    ]


def pose(hip=(500.0, 400.0), trunk=150.0, knee_dx=120.0) -> np.ndarray:
    """A crude seated pose (33, 2 pixels): shoulders above the hips, knees in front."""
    px = np.zeros((33, 2))
    for side, dx in (("left", -10.0), ("right", 10.0)):
        px[lm_index(side, "hip")] = (hip[0] + dx, hip[1])
        px[lm_index(side, "shoulder")] = (hip[0] + dx, hip[1] - trunk)
        px[lm_index(side, "knee")] = (hip[0] + dx + knee_dx, hip[1] + 0.3 * trunk)
    return px


def test_one_person_rejects_a_pose_that_jumps_away_or_changes_size():
    person = OnePerson(max_shift=0.5, max_scale=0.3)
    assert person.check(0.0, pose())
    assert person.check(0.1, pose(hip=(520.0, 405.0)))           # sitting still, swaying
    assert not person.check(0.2, pose(hip=(700.0, 400.0)))       # hips jumped a trunk away
    assert not person.check(0.3, pose(trunk=250.0))              # someone nearer the camera
    assert not person.check(0.4, pose(knee_dx=-120.0))           # knees on the other side
    assert person.check(0.5, pose(hip=(510.0, 402.0)))


def test_one_person_adopts_a_new_place_held_steadily():
    person = OnePerson(max_shift=0.5, max_scale=0.3)
    assert person.check(0.0, pose())
    moved = pose(hip=(900.0, 400.0))
    assert not person.check(0.1, moved)
    assert not person.check(1.5, moved)
    assert person.check(2.2, moved) and person.changed
    assert person.check(2.3, moved) and not person.changed


def test_a_lift_the_foot_barely_follows_is_refused_and_nothing_is_invented():
    # the far foot slides 5 cm towards a low, near camera while it lifts 3 cm: in the picture
    # the foot rises under half as far as the knee, as in a knee raised by a twisting trunk
    # while standing (the real Keraal recording in test_accuracy_real must count nothing).
    # When unsure the coach does not count: that one lift may be missed, the others not, and
    # no step is invented
    truth, reps = run(exercise="ball-marching", side="left", faults={"small_lift": [1, 5]},
                      tempo=0.75, idle_before=2.9, idle_between=2.3, idle_after=1.3,
                      view="side-right", camera_height_m=0.66, tilt_deg=-1.3, roll_deg=-4.4,
                      body_height_m=1.7, jitter_px=1.2, width=720, height=1280, seed=8055)
    missed, extra = match(truth, reps)
    assert not extra
    assert [t["index"] for t in missed] in ([], [1])
    counted = [t for t in truth["reps"] if t not in missed]
    assert faults_by_rep({"reps": counted}, reps, "small_lift") == [
        "small_lift" in t["faults"] for t in counted
    ]


def test_a_foot_not_put_back_down_before_the_step_goes_on_is_not_a_step_of_its_own():
    # the far foot wobbles up just before its first step and does not come back down first
    truth, reps = run(exercise="ball-marching", side="left", tempo=0.6, idle_before=2.5,
                      idle_between=3.2, idle_after=2.3, view="side-right", head="right",
                      camera_height_m=1.14, tilt_deg=0.8, roll_deg=-3.3, body_height_m=1.73,
                      jitter_px=1.6, drop_frames=0.046, fps=15.0, width=640, height=480,
                      seed=8045)
    missed, extra = match(truth, reps)
    assert not extra, "a wobble that stayed up was counted as a step"
    assert not missed


def far_leg_seen_at(visibility):
    """A side-view recording whose far leg the pose model sees at visibility(t), and what the
    analyzer counted on it: (far side, counts by side, true reps by side)."""
    rec = generate(SynthSpec(exercise="ball-marching", reps=3, side="left", view="side-right",
                             idle_before=2.5, idle_between=1.5, seed=8101))
    far = "right" if rec.truth["knobs"]["near_side"] == "left" else "left"
    parts = [lm_index(far, p) for p in ("knee", "ankle", "heel", "foot_index")]
    for frame in rec.frames:
        if frame.landmarks is not None:
            frame.landmarks[parts, 3] = visibility(frame.t)
    result = analyze_frames(rec.frames, "ball-marching", fps=rec.fps, width=rec.width,
                            height=rec.height)
    true = {s: sum(t["side"] == s for t in rec.truth["reps"]) for s in ("left", "right")}
    return far, result.count_by_side, true


def test_a_far_leg_never_seen_clearly_is_not_judged():
    # visibility 0.3 throughout: above the floor that keeps a once-seen leg judged, never as
    # clear as judging it needs to start
    far, counted, true = far_leg_seen_at(lambda t: 0.3)
    near = "right" if far == "left" else "left"
    assert counted[far] == 0
    assert counted[near] == true[near]


def test_a_far_leg_seen_clearly_stays_judged_when_its_visibility_sags():
    # seen at 0.6 while resting, then at 0.3 (half hidden behind the near leg) while stepping
    far, counted, true = far_leg_seen_at(lambda t: 0.6 if t < 2.0 else 0.3)
    assert counted == true
