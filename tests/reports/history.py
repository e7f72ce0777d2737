"""A realistic six-week history, written through the Store API like a real session would.

Daily plan from Monday 3 March 2025; "today" is Sunday 13 April (day 41), not exercised yet.
- days off: 4, 11, 12, 25, 33; day 36 only has a session interrupted before any set;
  day 20 has two sessions (morning and evening); day 2 has a skipped knee-to-chest set;
- pain before falls from about 6 to about 3 (PAIN_BEFORE), pain after is one point lower;
- heel slides are counted by the camera on both legs: the knee bends further as weeks pass
  (peak knee angle 118 - 0.5 * day on the left, 3 degrees less bend on the right);
- straight leg raises are counted by the camera with holds growing from 6 to 10 s;
- wall squats are tapped (manual) with holds; ankle pumps are tapped, sometimes short of 10.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.orm import Session as OrmSession

from backcoach.store import DecisionRecord, PainRecord, SetRecord, Store
from backcoach.store.models import User

START = date(2025, 3, 3)
TODAY = START + timedelta(days=41)
DAYS_OFF = {4, 11, 12, 25, 33}
INTERRUPTED_DAY = 36
TWICE_DAY = 20
SKIPPED_SET_DAY = 2
# pain before each exercised day (day index -> 0-10), falling with some day-to-day noise
PAIN_BEFORE = {d: max(0, min(10, round(6.5 - 3.5 * d / 40 + (0.6 if d % 3 == 0 else -0.2))))
               for d in range(41)}
REP_WOBBLE = (-2.0, -1.0, 0.0, 1.0, 2.0, -2.0, -1.0, 0.0, 1.0, 2.0)   # mean 0


def heel_peak(day: int, side: str) -> float:
    """Mean peak knee angle of the day's heel slides (lower = more bend)."""
    return 118.0 - 0.5 * day + (3.0 if side == "right" else 0.0)


def slr_hold(day: int) -> float:
    return round(6.0 + 4.0 * day / 40, 2)


def squat_hold(day: int) -> float:
    return round(5.0 + 0.1 * day, 2)


def ankle_reps(day: int) -> int:
    return 8 if day % 5 == 1 else 10


@dataclass
class Built:
    user_id: int
    session_ids: list[int] = field(default_factory=list)
    exercised_days: list[int] = field(default_factory=list)
    sets: int = 0
    pains: int = 0


def _rep(index: int, side: str, peak: float, hold: float | None, metric: str) -> dict:
    start = 3.0 * index
    return {"index": index, "side": side, "start": start, "end": start + 2.5,
            "peak_angle": round(peak, 1), "hold_seconds": hold, "tempo_seconds": 2.5,
            "faults": [], "metric": metric}


def _session(store: Store, built: Built, day: int, at: time, *, sets: bool = True) -> None:
    t = datetime.combine(START + timedelta(days=day), at, tzinfo=UTC)
    before = PAIN_BEFORE[day]
    sid = store.start_session(built.user_id, ["ankle-pumps", "heel-slides", "knee-to-chest",
                                              "straight-leg-raises", "wall-squats"], t,
                              pain_before=before)
    built.session_ids.append(sid)
    store.record_pain(sid, PainRecord(before, "before", t))
    built.pains += 1
    if not sets:
        return   # the laptop closed before the first set ended: "interrupted"
    clock = t + timedelta(minutes=1)

    def add(rec: SetRecord) -> None:
        nonlocal clock
        store.record_set(sid, rec)
        built.sets += 1
        clock += timedelta(minutes=2)

    def window() -> dict:
        return {"started_at": clock, "ended_at": clock + timedelta(seconds=90)}

    add(SetRecord("ankle-pumps", None, 1, 10, ankle_reps(day), **window()))
    for side in ("left", "right"):
        peak = heel_peak(day, side)
        reps = [_rep(i + 1, side, peak + REP_WOBBLE[i], None, "knee angle") for i in range(10)]
        add(SetRecord("heel-slides", side, 1, 10, 10, **window(), source="camera", reps=reps))
    for side in ("left", "right"):
        skipped = day == SKIPPED_SET_DAY
        add(SetRecord("knee-to-chest", side, 1, 10, 0 if skipped else 10, **window(),
                      skipped=skipped))
    for side in ("left", "right"):
        hold = slr_hold(day)
        reps = [_rep(i + 1, side, 14.0 + 0.1 * day, hold, "leg lift") for i in range(10)]
        add(SetRecord("straight-leg-raises", side, 1, 10, 10, **window(), holds=[hold] * 10,
                      source="camera", reps=reps))
    add(SetRecord("wall-squats", None, 1, 10, 10, **window(), holds=[squat_hold(day)] * 10))
    if day == 9:
        store.record_decision(sid, DecisionRecord("stop_exercise", "Pain rose: rest now.", clock))
    after = max(0, before - 1)
    store.record_pain(sid, PainRecord(after, "after", clock))
    built.pains += 1
    store.finish_session(sid, clock, "completed", pain_after=after)


@dataclass
class History:
    """A database holding this history, open, and what was written to it."""

    url: str
    store: Store
    built: Built


def build_history(store: Store) -> Built:
    """Write the six weeks described above for the local user; returns what was written."""
    built = Built(store.local_user())
    for day in range(41):
        if day in DAYS_OFF:
            continue
        if day == INTERRUPTED_DAY:
            _session(store, built, day, time(18, 0), sets=False)
            continue
        if day == TWICE_DAY:
            _session(store, built, day, time(7, 30))
        _session(store, built, day, time(18, 0))
        built.exercised_days.append(day)
    return built


def other_user(store: Store) -> int:
    with OrmSession(store.engine) as db:
        user = User(username="someone-else", role="patient", created_at=datetime.now(UTC))
        db.add(user)
        db.commit()
        return user.id


def one_session(store: Store, uid: int, at: datetime, *, pain: int = 5, peak: float = 100.0,
                sets: bool = True) -> int:
    sid = store.start_session(uid, ["heel-slides"], at, pain_before=pain)
    if sets:
        rep = {"index": 1, "side": "left", "start": 0.0, "end": 2.0, "peak_angle": peak,
               "hold_seconds": None, "tempo_seconds": 2.0, "faults": [], "metric": "knee angle"}
        store.record_set(sid, SetRecord("heel-slides", "left", 1, 10, 9, at,
                                        at + timedelta(minutes=1), holds=[4.0],
                                        source="camera", reps=[rep]))
    store.record_pain(sid, PainRecord(pain, "before", at))
    store.finish_session(sid, at + timedelta(minutes=5), "completed", pain_after=pain - 1)
    return sid
