"""The catalogue carries the source's facts exactly, and marks everything else as a default."""

from __future__ import annotations

import pytest
import yaml

from backcoach.catalog import (
    EXERCISE_IDS,
    Posture,
    get_exercise,
    load_catalog,
    load_exercise_file,
    session_order,
)
from backcoach.errors import CatalogError, UnknownExerciseError

# (id, reps, per_side, alternating, hold min/max or None) as the source states them.
SOURCE_DOSAGE = {
    "ankle-pumps": (10, False, False, None),
    "wall-squats": (10, False, False, (5, 10)),
    "knee-to-chest": (10, True, False, "default"),
    "hamstring-stretch": (5, True, False, "default"),
    "straight-leg-raises": (10, True, False, (10, 10)),
    "lumbar-stabilization": (10, False, True, "default"),
}


def test_nine_exercises_in_source_order():
    assert list(load_catalog()) == list(EXERCISE_IDS)
    assert len(EXERCISE_IDS) == 9


@pytest.mark.parametrize("exercise_id", sorted(SOURCE_DOSAGE))
def test_source_dosage(exercise_id):
    reps, per_side, alternating, hold = SOURCE_DOSAGE[exercise_id]
    ex = get_exercise(exercise_id)
    assert ex.dosage.reps == reps
    assert ex.dosage.per_side is per_side
    assert ex.dosage.alternating is alternating
    if hold is None:
        assert ex.dosage.hold_seconds is None
    elif hold == "default":
        assert "hold_seconds" in ex.defaults
    else:
        assert (ex.dosage.hold_seconds.min, ex.dosage.hold_seconds.max) == hold
        assert "hold_seconds" not in ex.defaults
    assert "reps" not in ex.defaults


def test_heel_slides_both_legs_is_a_marked_default():
    ex = get_exercise("heel-slides")
    assert ex.dosage.reps == 10
    assert ex.dosage.per_side is True
    assert "per_side" in ex.defaults
    assert "reps" not in ex.defaults


@pytest.mark.parametrize("exercise_id", ["ball-arm-heel-raise", "ball-marching"])
def test_ball_exercises_alternate_and_reps_are_defaults(exercise_id):
    ex = get_exercise(exercise_id)
    assert ex.dosage.alternating is True
    assert "reps" in ex.defaults
    assert ex.equipment == ["exercise ball"]
    assert ex.posture is Posture.SEATED_BALL


def _distance(exercise_id: str):
    (dist,) = get_exercise(exercise_id).distances
    return dist.min_in, dist.max_in, dist.min_cm, dist.max_cm


def test_distances_from_the_source():
    assert _distance("wall-squats") == (12, 12, 30, 30)
    assert _distance("straight-leg-raises") == (6, 12, 15, 30)
    assert _distance("ball-arm-heel-raise") == (1, 2, 2.5, 5)
    assert _distance("ball-marching") == (2, 6, 5, 15)
    assert [a.degrees for a in get_exercise("wall-squats").angles] == [45]


def test_positions_and_equipment():
    postures = {i: ex.posture for i, ex in load_catalog().items()}
    supine = {"ankle-pumps", "heel-slides", "knee-to-chest", "hamstring-stretch",
              "straight-leg-raises"}
    assert {i for i, p in postures.items() if p is Posture.SUPINE} == supine
    assert postures["lumbar-stabilization"] is Posture.HANDS_AND_KNEES
    assert postures["wall-squats"] is Posture.STANDING_WALL
    assert get_exercise("wall-squats").equipment == ["wall"]
    assert "knees bent" in get_exercise("hamstring-stretch").position


def test_every_exercise_is_complete():
    for ex in load_catalog().values():
        assert len(ex.steps) >= 3, ex.id
        assert ex.cautions and ex.purpose and ex.summary
        assert ex.camera.analyzer and ex.camera.thresholds
        assert "camera" in ex.defaults, "camera thresholds are ours, not the source's"
        assert ex.sides == (["left", "right"] if ex.dosage.per_side or ex.dosage.alternating
                            else [None])


def test_steps_are_not_the_source_sentences():
    """Facts carry over; the article's sentences do not."""
    source_phrases = [
        "Lie flat on your back on the floor",
        "Walk your feet out twelve inches",
        "as if you were walking or marching",
        "Grasp one thigh behind and slightly below the knee",
        "Make sure that the extensions are slow, controlled movements",
    ]
    text = " ".join(" ".join(ex.steps) + ex.summary for ex in load_catalog().values()).lower()
    for phrase in source_phrases:
        assert phrase.lower() not in text


def test_session_order_limits_getting_up_and_down():
    order = session_order()
    ranks = [get_exercise(i).posture.rank for i in order]
    assert ranks == sorted(ranks)
    assert order[0] == "ankle-pumps" and order[-1] == "wall-squats"
    assert session_order(["wall-squats", "ankle-pumps"]) == ["ankle-pumps", "wall-squats"]


def test_unknown_id_lists_valid_ids():
    with pytest.raises(UnknownExerciseError) as info:
        get_exercise("toe-touches")
    assert info.value.valid_ids == list(EXERCISE_IDS)
    assert "wall-squats" in str(info.value)


def test_schema_rejects_bad_files(tmp_path):
    src = get_exercise("wall-squats").model_dump(mode="json")
    dose = src["dosage"]
    bad_cases = {
        "hold reversed": {**src, "dosage": {**dose, "hold_seconds": {"min": 10, "max": 5}}},
        "both side modes": {**src, "dosage": {**dose, "per_side": True, "alternating": True}},
        "unknown default": {**src, "defaults": ["colour"]},
        "inch/cm mismatch": {**src, "distances": [{"what": "x", "min_in": 12, "max_in": 12,
                                                   "min_cm": 50, "max_cm": 50}]},
        "extra field": {**src, "difficulty": "hard"},
        "no steps": {**src, "steps": []},
    }
    path = tmp_path / "wall-squats.yaml"
    for data in bad_cases.values():
        path.write_text(yaml.safe_dump(data))
        with pytest.raises(CatalogError, match="does not match|cannot read"):
            load_exercise_file(path)
    path.write_text(yaml.safe_dump(src))
    assert load_exercise_file(path) == get_exercise("wall-squats")
    misnamed = tmp_path / "other.yaml"
    misnamed.write_text(yaml.safe_dump(src))
    with pytest.raises(CatalogError, match="named after"):
        load_exercise_file(misnamed)
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [unclosed")
    with pytest.raises(CatalogError, match="cannot read"):
        load_exercise_file(broken)
