"""The progress report: pain trend, adherence and per-exercise figures for one user.

    report = build_progress(store, user_id, today=date(2025, 6, 1), tz=ZoneInfo("Europe/London"))
    report.pain.sentence, report.adherence.current_streak, report.exercises[0].points
    report.to_dict()        # JSON-ready, for `backcoach progress --json` and the web API

Everything is read in one transaction with four aggregate queries (see `queries.py`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy import Connection

from backcoach.reports import queries
from backcoach.reports.adherence import Adherence, adherence
from backcoach.reports.days import end_of_day, local_date, today_in
from backcoach.reports.exercises import ExerciseProgress, exercise_progress
from backcoach.reports.schedule import Schedule
from backcoach.reports.trend import PainTrend, pain_trend
from backcoach.store import Store
from backcoach.store.engine import translate_errors

STATUS_SHOWN = {"in_progress": "interrupted"}


@dataclass(frozen=True)
class SessionSummary:
    id: int
    date: date
    started_at: datetime
    status: str
    pain_before: int | None
    pain_after: int | None
    sets_done: int
    sets_skipped: int
    reps_done: int
    reps_target: int

    @property
    def done(self) -> bool:
        """A session counts as done when at least one set was done."""
        return self.sets_done > 0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["date"], d["started_at"] = self.date.isoformat(), self.started_at.isoformat()
        return d


@dataclass(frozen=True)
class ProgressReport:
    user_id: int
    today: date
    sessions: list[SessionSummary] = field(default_factory=list)
    pain: PainTrend = field(default_factory=PainTrend)
    adherence: Adherence | None = None
    exercises: list[ExerciseProgress] = field(default_factory=list)

    @property
    def sessions_done(self) -> int:
        return sum(1 for s in self.sessions if s.done)

    @property
    def empty(self) -> bool:
        return not self.sessions

    def exercise(self, exercise_id: str) -> ExerciseProgress | None:
        return next((e for e in self.exercises if e.exercise_id == exercise_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "user_id": self.user_id,
            "today": self.today.isoformat(),
            "sessions_total": len(self.sessions),
            "sessions_done": self.sessions_done,
            "sessions": [s.to_dict() for s in self.sessions],
            "pain": self.pain.to_dict(),
            "adherence": self.adherence.to_dict() if self.adherence else None,
            "exercises": [e.to_dict() for e in self.exercises],
        }


@contextmanager
def _snapshot(store: Store) -> Iterator[Connection]:
    """One read transaction; on PostgreSQL all four queries see the same snapshot."""
    with store.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


def build_progress(
    store: Store,
    user_id: int,
    *,
    today: date | None = None,
    tz: tzinfo | None = None,
    schedule: Schedule | None = None,
) -> ProgressReport:
    """The progress of `user_id` up to the end of `today` (default: today in `tz`).

    `tz` sets where days begin and end (None: this computer's time zone); `schedule` is the
    planned rhythm adherence is measured against (default: one session every day).
    """
    from backcoach.catalog import session_order

    today = today or today_in(tz)
    schedule = schedule or Schedule()
    until = end_of_day(today, tz)
    with translate_errors(store.engine.url, "reading the progress"), _snapshot(store) as conn:
        rows = queries.session_rows(conn, user_id, until)
        sets = queries.exercise_rows(conn, user_id, until)
        peaks = queries.peak_rows(conn, user_id, until)
        holds = queries.hold_rows(conn, user_id, until)
    sessions = [
        SessionSummary(
            r.id, local_date(r.started_at, tz), r.started_at, STATUS_SHOWN.get(r.status, r.status),
            r.pain_before, r.pain_after, r.sets_done, r.sets_skipped, r.reps_done, r.reps_target,
        )
        for r in rows
    ]
    starts = {s.id: (s.date, s.started_at) for s in sessions}
    return ProgressReport(
        user_id=user_id,
        today=today,
        sessions=sessions,
        pain=pain_trend([(s.id, s.date, s.started_at, s.pain_before, s.pain_after)
                         for s in sessions]),
        adherence=adherence(
            [(s.date, s.sets_done, s.reps_done) for s in sessions if s.done], schedule, today
        ),
        exercises=exercise_progress(sets, peaks, holds, starts, order=session_order()),
    )
