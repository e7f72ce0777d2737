"""Ground truth matches the knobs: counts, sides, holds and every fault of every exercise."""

from __future__ import annotations

from itertools import pairwise

import pytest

from backcoach.catalog import EXERCISE_IDS, get_exercise
from backcoach.errors import InputError, UnknownExerciseError
from backcoach.motion.synth import SynthSpec, fault_ids, generate

CLEAN_HOLD = 1.5


def fast_spec(exercise_id: str, **kw) -> SynthSpec:
    base = dict(exercise=exercise_id, reps=1, idle_before=0.5, idle_between=0.3,
                idle_after=0.5, fps=15, hold_seconds=CLEAN_HOLD)
    base.update(kw)
    return SynthSpec(**base)


# What each fault must do to the measured peak of the rep that carries it, compared with
# the clean rep: (peak key, check(faulty, clean)).
FAULT_EFFECT = {
    ("ankle-pumps", "small_range"): ("ankle_swing_deg", lambda f, c: 8 < f < 14 and c > 17),
    ("heel-slides", "short_slide"): ("knee_angle_min", lambda f, c: f > 130 > 110 > c),
    ("heel-slides", "heel_lifted"): ("heel_lift_shank", lambda f, c: f > 0.3 and c < 0.05),
    ("wall-squats", "too_deep"): ("knee_angle_min", lambda f, c: f < 100 and 125 < c < 145),
    ("wall-squats", "shallow"): ("knee_angle_min", lambda f, c: 150 < f < 158 and c < 145),
    ("wall-squats", "trunk_lean"): ("trunk_tilt_max_deg", lambda f, c: f > 25 and c < 8),
    ("knee-to-chest", "short_pull"): ("hip_angle_min", lambda f, c: 75 < f < 98 and 45 < c < 68),
    ("hamstring-stretch", "thigh_not_vertical"):
        ("thigh_from_vertical_deg", lambda f, c: f > 35 and c < 10),
    ("hamstring-stretch", "short_stretch"):
        ("knee_angle_max", lambda f, c: 126 < f < 138 and c > 150),
    ("straight-leg-raises", "bent_knee"):
        ("knee_angle_min", lambda f, c: 130 < f < 150 and c > 165),
    ("straight-leg-raises", "too_high"): ("lift_deg", lambda f, c: f > 35 and 10 < c < 21),
    ("lumbar-stabilization", "trunk_tilt"): ("trunk_tilt_max_deg", lambda f, c: f > 20 > 15 > c),
    ("lumbar-stabilization", "limb_bent"): ("knee_angle", lambda f, c: f < 120 and c > 160),
    ("ball-arm-heel-raise", "arm_low"):
        ("shoulder_flexion_deg", lambda f, c: 118 < f < 140 and c > 155),
    ("ball-arm-heel-raise", "heel_down"): ("heel_lift_cm", lambda f, c: f < 1 and 2.5 <= c <= 5),
    ("ball-arm-heel-raise", "trunk_lean"):
        ("trunk_tilt_max_deg", lambda f, c: f > 22 and c < 10),
    ("ball-marching", "trunk_lean"): ("trunk_tilt_max_deg", lambda f, c: f > 22 and c < 10),
    ("ball-marching", "small_lift"): ("foot_lift_cm", lambda f, c: 2.2 < f < 3.6 and 5 <= c <= 15),
}
TIMING_FAULTS = {"too_fast", "short_hold", "dropped"}


def cases():
    for exercise_id in EXERCISE_IDS:
        ex = get_exercise(exercise_id)
        sides = ["left", "right"] if ex.dosage.per_side or ex.dosage.alternating else [None]
        for side in sides:
            for fault in fault_ids(ex):
                yield exercise_id, side, fault


def test_every_catalogue_fault_has_an_effect_check():
    for exercise_id in EXERCISE_IDS:
        for fault in get_exercise(exercise_id).camera.faults:
            assert fault in TIMING_FAULTS or (exercise_id, fault) in FAULT_EFFECT, fault


@pytest.mark.parametrize(("exercise_id", "side", "fault"), list(cases()))
def test_fault_is_injected_where_asked_and_only_there(exercise_id, side, fault):
    ex = get_exercise(exercise_id)
    reps = 2
    rec = generate(fast_spec(exercise_id, reps=reps, side=side, faults={fault: [2]}, seed=5))
    truth = rec.truth
    per = 2 if ex.dosage.alternating else 1
    assert truth["count"] == reps * per == len(truth["reps"])
    assert [r["index"] for r in truth["reps"]] == list(range(1, reps * per + 1))
    assert [r["faults"] for r in truth["reps"]][:2] == [[], [fault]]
    assert all(r["faults"] == [] for r in truth["reps"][2:])
    if ex.dosage.alternating:
        other = "right" if side == "left" else "left"
        assert [r["side"] for r in truth["reps"]] == [side, other] * reps
    else:
        assert all(r["side"] == side for r in truth["reps"])
    clean, faulty = truth["reps"][0], truth["reps"][1]
    if ex.dosage.alternating:       # compare like with like: the same side's clean rep
        clean = truth["reps"][2]
    key = FAULT_EFFECT.get((exercise_id, fault))
    if key:
        name, check = key
        assert check(faulty["peak"][name], clean["peak"][name]), (name, faulty["peak"],
                                                                   clean["peak"])
    if fault == "too_fast":
        assert faulty["end"] - faulty["start"] < 0.8 * (clean["end"] - clean["start"])
    if fault == "short_hold":
        minimum = ex.dosage.hold_seconds.min
        assert faulty["hold_seconds"] < 0.5 * minimum
        assert clean["hold_seconds"] == CLEAN_HOLD
    if fault == "dropped":
        assert faulty["end"] - faulty["start"] < clean["end"] - clean["start"] - 1.0


@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_counts_sides_and_holds_follow_the_catalogue(exercise_id):
    ex = get_exercise(exercise_id)
    rec = generate(SynthSpec(exercise=exercise_id, reps=2, fps=10, idle_between=0.2, seed=1))
    truth = rec.truth
    assert truth["exercise"] == exercise_id
    if ex.dosage.per_side or ex.dosage.alternating:
        assert truth["count_by_side"] == {"left": 2, "right": 2}
    else:
        assert truth["count_by_side"] == {"both": 2}
    if ex.dosage.per_side:   # left set, then right set
        assert [r["side"] for r in truth["reps"]] == ["left", "left", "right", "right"]
    hs = ex.dosage.hold_seconds
    for rep in truth["reps"]:
        assert rep["start"] < rep["end"] <= rec.duration
        if hs is None:
            assert rep["hold_seconds"] is None
        else:
            assert hs.min <= rep["hold_seconds"] <= hs.max
            assert rep["start"] < rep["hold_start"] < rep["hold_start"] + rep["hold_seconds"] \
                < rep["end"]
    starts = [r["start"] for r in truth["reps"]]
    assert starts == sorted(starts)
    assert all(a["end"] <= b["start"] for a, b in pairwise(truth["reps"]))


def test_tempo_scales_durations():
    slow = generate(fast_spec("heel-slides", side="left", tempo=0.5, tempo_jitter=0))
    quick = generate(fast_spec("heel-slides", side="left", tempo=2.0, tempo_jitter=0))
    d = [r.truth["reps"][0]["end"] - r.truth["reps"][0]["start"] for r in (slow, quick)]
    assert d[0] > 3 * d[1]


def test_range_of_motion_knob():
    small = generate(fast_spec("straight-leg-raises", side="left", rom=0.6))
    full = generate(fast_spec("straight-leg-raises", side="left"))
    assert small.truth["reps"][0]["peak"]["lift_deg"] < 0.75 * full.truth["reps"][0]["peak"][
        "lift_deg"]


@pytest.mark.parametrize(("kw", "message"), [
    ({"exercise": "nope"}, "Unknown exercise"),
    ({"exercise": "wall-squats", "faults": {"bent_knee": [1]}}, "no fault"),
    ({"exercise": "wall-squats", "faults": {"too_deep": [9]}}, "outside"),
    ({"exercise": "ankle-pumps", "side": "left"}, "both sides together"),
    ({"exercise": "heel-slides", "side": "up"}, "left, right or both"),
    ({"exercise": "heel-slides", "view": "top"}, "view"),
])
def test_bad_knobs_raise_plain_errors(kw, message):
    with pytest.raises((InputError, UnknownExerciseError), match=message):
        generate(SynthSpec(**{"reps": 1, **kw}))


@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_extreme_knobs_still_generate(exercise_id):
    """Every fault on the same reps, no hold, no idle time, very fast or very slow."""
    faults = fault_ids(get_exercise(exercise_id))
    for tempo, hold in ((4.0, 0.0), (0.4, None)):
        rec = generate(SynthSpec(exercise=exercise_id, reps=1, tempo=tempo, hold_seconds=hold,
                                 idle_before=0, idle_between=0, idle_after=0, fps=8,
                                 faults={f: [1] for f in faults}, body_height_m=1.5))
        assert rec.truth["reps"][0]["faults"] == sorted(faults)
        assert all(f.landmarks is not None for f in rec.frames)
