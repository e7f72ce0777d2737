"""history(), last_session() and the history item shape."""

from __future__ import annotations

import json

from backcoach.store import PainRecord, Store
from tests.store.helpers import T0, a_set, at

ITEM_KEYS = {"id", "started_at", "ended_at", "status", "plan", "pain_before", "pain_after",
             "exercises", "pain", "decisions"}
SET_KEYS = {"side", "set_index", "reps_target", "reps_done", "holds", "skipped", "source",
            "started_at", "ended_at"}
DAY = 24 * 60


def _three_sessions(store: Store, uid: int) -> list[int]:
    """Sessions on days 0, 2 and 1 (out of order on purpose); the day-2 one is unfinished."""
    ids = []
    for day, finish in ((0, "completed"), (2, None), (1, "quit")):
        sid = store.start_session(uid, ["ankle-pumps", "heel-slides"], at(day * DAY), pain_before=2)
        store.record_set(sid, a_set("ankle-pumps", None, 1, at(day * DAY + 1)))
        if finish:
            store.finish_session(sid, at(day * DAY + 20), finish, pain_after=1)
        ids.append(sid)
    return ids


def test_history_is_newest_first_and_limited(store: Store) -> None:
    uid = store.local_user()
    day0, day2, day1 = _three_sessions(store, uid)
    assert [h["id"] for h in store.history(uid)] == [day2, day1, day0]
    assert [h["id"] for h in store.history(uid, limit=2)] == [day2, day1]
    assert store.history(uid, limit=0) == []
    assert store.last_session(uid)["id"] == day2  # type: ignore[index]


def test_unfinished_session_shows_interrupted(store: Store) -> None:
    uid = store.local_user()
    _, day2, _ = _three_sessions(store, uid)
    statuses = {h["id"]: h["status"] for h in store.history(uid)}
    assert statuses[day2] == "interrupted"
    assert sorted(statuses.values()) == ["completed", "interrupted", "quit"]
    item = store.last_session(uid)
    assert item is not None and item["ended_at"] is None and item["pain_after"] is None


def test_history_item_shape_is_json_ready(store: Store) -> None:
    uid = store.local_user()
    sid = store.start_session(uid, ["knee-to-chest"], T0, pain_before=4)
    store.record_set(sid, a_set("knee-to-chest", "right", 1, at(3)))
    store.record_set(sid, a_set("knee-to-chest", "left", 1, at(1), holds=[2.0]))
    store.record_pain(sid, PainRecord(3, "after", at(5)))
    store.finish_session(sid, at(5), "completed", pain_after=3)
    [item] = store.history(uid)
    assert set(item) >= ITEM_KEYS
    assert json.loads(json.dumps(item)) == item
    [exercise] = item["exercises"]
    assert exercise["exercise_id"] == "knee-to-chest"
    assert [s["side"] for s in exercise["sets"]] == ["left", "right"]  # in time order
    assert all(set(s) == SET_KEYS for s in exercise["sets"])
    assert exercise["sets"][0]["holds"] == [2.0]
    assert item["pain"][0]["moment"] == "after"


def test_history_keeps_users_apart(store: Store) -> None:
    from sqlalchemy import text

    uid = store.local_user()
    with store.engine.begin() as conn:
        other = conn.execute(
            text("INSERT INTO users (username, role, created_at) "
                 "VALUES ('patient-2', 'patient', :t) RETURNING id"), {"t": T0}
        ).scalar_one()
    mine = store.start_session(uid, ["ankle-pumps"], at(0))
    theirs = store.start_session(other, ["ankle-pumps"], at(1))
    assert [h["id"] for h in store.history(uid)] == [mine]
    assert [h["id"] for h in store.history(other)] == [theirs]
    assert [h["id"] for h in store.history()] == [theirs, mine]
    assert store.last_session(other)["user_id"] == other  # type: ignore[index]


def test_no_sessions_gives_empty_history(store: Store) -> None:
    uid = store.local_user()
    assert store.history(uid) == [] and store.last_session(uid) is None
