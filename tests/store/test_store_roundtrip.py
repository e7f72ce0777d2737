"""Every Store method writes what it is given and reads it back unchanged."""

from __future__ import annotations

from datetime import timedelta, timezone

import pytest

from backcoach.errors import StorageError
from backcoach.store import DecisionRecord, PainRecord, ScreeningRecord, Store, UnknownSessionError
from tests.store.helpers import T0, a_set, at


def test_local_user_is_created_once_and_reused(store: Store, db_url: str) -> None:
    uid = store.local_user()
    assert isinstance(uid, int)
    assert store.local_user() == uid
    with Store.open(db_url) as again:  # another process opening the same database
        assert again.local_user() == uid


def test_session_round_trip_with_every_record(store: Store) -> None:
    uid = store.local_user()
    plan = ["ankle-pumps", "straight-leg-raises"]
    sid = store.start_session(uid, plan, T0, pain_before=3)
    store.record_pain(sid, PainRecord(3, "before", T0))
    ankle = a_set("ankle-pumps", None, 1, at(1), reps_done=9)
    slr_left = a_set(
        "straight-leg-raises", "left", 1, at(4), holds=[10.2, 9.8, 10.0], source="camera",
        reps=[{"index": 1, "side": "left", "peak": {"hip": 18.5}, "faults": ["bent_knee"]}],
    )
    slr_right = a_set("straight-leg-raises", "right", 1, at(8), skipped=True, reps_done=0)
    set_ids = [store.record_set(sid, rec) for rec in (ankle, slr_left, slr_right)]
    assert len(set(set_ids)) == 3
    store.record_pain(sid, PainRecord(6, "during", at(9), "straight-leg-raises",
                                      sharp_leg_pain=True, note="shooting down the right leg"))
    store.record_decision(sid, DecisionRecord("stop_exercise", "Pain went above 5, so we stop.",
                                              at(9), "straight-leg-raises"))
    store.finish_session(sid, at(10), "stopped", pain_after=4)

    item = store.session_detail(sid)
    assert item["id"] == sid and item["user_id"] == uid
    assert item["status"] == "stopped"
    assert item["plan"] == plan
    assert (item["pain_before"], item["pain_after"]) == (3, 4)
    assert item["started_at"] == T0.isoformat() and item["ended_at"] == at(10).isoformat()
    assert [ex["exercise_id"] for ex in item["exercises"]] == plan
    ankle_out, slr_out = item["exercises"]
    assert ankle_out["sets"][0]["reps_done"] == 9
    assert ankle_out["sets"][0]["side"] is None
    left, right = slr_out["sets"]
    assert left["holds"] == [10.2, 9.8, 10.0]
    assert left["source"] == "camera"
    assert left["reps"][0]["faults"] == ["bent_knee"] and left["reps"][0]["peak"]["hip"] == 18.5
    assert left["id"] == set_ids[1]
    assert right["skipped"] is True and right["side"] == "right"
    assert left["started_at"] == at(4).isoformat()
    assert left["ended_at"] == (at(4) + timedelta(seconds=90)).isoformat()
    assert [p["score"] for p in item["pain"]] == [3, 6]
    assert item["pain"][1] == {
        "score": 6, "moment": "during", "at": at(9).isoformat(),
        "exercise_id": "straight-leg-raises", "sharp_leg_pain": True,
        "note": "shooting down the right leg",
    }
    assert item["decisions"] == [{
        "kind": "stop_exercise", "message": "Pain went above 5, so we stop.",
        "at": at(9).isoformat(), "exercise_id": "straight-leg-raises",
    }]


def test_datetimes_come_back_as_utc_whatever_zone_went_in(store: Store) -> None:
    uid = store.local_user()
    paris = timezone(timedelta(hours=1))
    start = T0.astimezone(paris)
    sid = store.start_session(uid, ["wall-squats"], start)
    store.record_screening(uid, "brief", {"new_numbness": False}, True, start)
    assert store.session_detail(sid)["started_at"] == "2025-03-10T08:30:00+00:00"
    screening = store.last_screening(uid, "brief")
    assert screening is not None
    assert screening.at == T0 and screening.at.utcoffset() == timedelta(0)


def test_naive_datetime_is_refused_and_nothing_is_written(store: Store) -> None:
    uid = store.local_user()
    with pytest.raises(ValueError, match="timezone-aware"):
        store.start_session(uid, ["heel-slides"], T0.replace(tzinfo=None))
    assert store.history(uid) == []


def test_screenings_round_trip_and_last_one_wins(store: Store) -> None:
    uid = store.local_user()
    assert store.last_screening(uid) is None
    first = {"bladder_bowel": False, "saddle_numbness": False, "fever": False}
    store.record_screening(uid, "full", first, True, at(0))
    later = {**first, "fever": True}
    store.record_screening(uid, "full", later, False, at(60 * 24))
    store.record_screening(uid, "brief", {"anything_new": False}, True, at(60 * 48))
    assert store.last_screening(uid) == ScreeningRecord("full", later, False, at(60 * 24))
    assert store.last_screening(uid, kind="brief") == ScreeningRecord(
        "brief", {"anything_new": False}, True, at(60 * 48)
    )


def test_finish_without_pain_after_keeps_it_empty(store: Store) -> None:
    uid = store.local_user()
    sid = store.start_session(uid, ["ball-marching"], T0)
    store.finish_session(sid, at(5), "quit")
    item = store.session_detail(sid)
    assert item["status"] == "quit" and item["pain_after"] is None and item["pain_before"] is None


@pytest.mark.parametrize("bad", [-1, 11, 2.5, True])
def test_pain_scores_outside_0_to_10_are_refused(store: Store, bad: object) -> None:
    uid = store.local_user()
    with pytest.raises(ValueError, match="0 to 10"):
        store.start_session(uid, ["ankle-pumps"], T0, pain_before=bad)  # type: ignore[arg-type]


def test_wrong_status_and_kind_are_refused(store: Store) -> None:
    uid = store.local_user()
    sid = store.start_session(uid, ["ankle-pumps"], T0)
    with pytest.raises(ValueError, match="status"):
        store.finish_session(sid, at(1), "in_progress")
    with pytest.raises(ValueError, match="kind"):
        store.record_screening(uid, "weekly", {}, True, T0)
    assert store.session_detail(sid)["status"] == "interrupted"


def test_unknown_session_and_user_give_plain_errors(store: Store) -> None:
    with pytest.raises(UnknownSessionError, match="no session with id 999"):
        store.record_set(999, a_set("ankle-pumps", None, 1, T0))
    with pytest.raises(LookupError):
        store.session_detail(999)
    with pytest.raises(StorageError, match="no user with id 424242"):
        store.start_session(424242, ["ankle-pumps"], T0)


def test_child_rows_carry_the_session_owner(store: Store) -> None:
    """Every row has user_id directly, and it always matches the session's owner."""
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    uid = store.local_user()
    sid = store.start_session(uid, ["heel-slides"], T0)
    store.record_set(sid, a_set("heel-slides", "left", 1, at(1)))
    store.record_pain(sid, PainRecord(2, "during", at(2)))
    store.record_decision(sid, DecisionRecord("lower_load", "Easier today.", at(2)))
    with store.engine.connect() as conn:
        for table in ("session_sets", "pain_reports", "decisions"):
            owners = conn.execute(text(f"SELECT DISTINCT user_id FROM {table}")).scalars().all()
            assert owners == [uid], table
        # The composite foreign key refuses a row whose user differs from its session's.
        other = conn.execute(
            text("INSERT INTO users (username, role, created_at) VALUES ('x', 'patient', :t) "
                 "RETURNING id"), {"t": T0}
        ).scalar_one()
        conn.commit()
        with pytest.raises(IntegrityError, match="(?i)foreign key"):
            conn.execute(
                text("INSERT INTO decisions (session_id, user_id, kind, message, at) "
                     "VALUES (:s, :u, 'k', 'm', :t)"), {"s": sid, "u": other, "t": T0}
            )


def test_camera_reps_with_numpy_values_and_nan_are_stored(store: Store) -> None:
    """The camera coach hands over numpy numbers and sometimes NaN; JSONB refuses raw NaN."""
    import numpy as np

    from backcoach.motion.events import RepRecord

    uid = store.local_user()
    sid = store.start_session(uid, ["wall-squats"], T0)
    rep = RepRecord(index=1, side=None, start=1.0, end=4.5, peak_angle=float(np.float32(134.5)),
                    hold_seconds=None, tempo_seconds=3.5, faults=("too_deep",), metric="knee angle")
    raw = {"index": 2, "peak_angle": np.float64(131.25), "angles": np.array([170.0, 131.25]),
           "hold_seconds": float("nan"), "faults": ("too_fast",)}
    store.record_set(sid, a_set("wall-squats", None, 1, at(1), holds=[np.float64(6.5)],
                                source="camera", reps=[rep, raw]))  # type: ignore[list-item]
    [stored] = store.session_detail(sid)["exercises"][0]["sets"]
    assert stored["holds"] == [6.5]
    first, second = stored["reps"]
    assert first["peak_angle"] == 134.5 and first["faults"] == ["too_deep"]
    assert second == {"index": 2, "peak_angle": 131.25, "angles": [170.0, 131.25],
                      "hold_seconds": None, "faults": ["too_fast"]}
