"""Small builders for store tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from backcoach.store import SetRecord

T0 = datetime(2025, 3, 10, 8, 30, tzinfo=UTC)


def at(minutes: float, start: datetime = T0) -> datetime:
    return start + timedelta(minutes=minutes)


def a_set(exercise_id: str, side: str | None, index: int, start: datetime, **kw) -> SetRecord:
    fields = {
        "reps_target": 10,
        "reps_done": 10,
        "started_at": start,
        "ended_at": start + timedelta(seconds=90),
    }
    fields.update(kw)
    return SetRecord(exercise_id=exercise_id, side=side, set_index=index, **fields)
