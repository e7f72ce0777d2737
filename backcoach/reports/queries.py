"""The SQL behind the progress reports: per-session and per-exercise aggregates for one user.

Every query filters on `user_id` (each table is indexed on it) and a time bound, and sums in the
database, so a user with years of sessions costs four queries and a few thousand small rows.
The JSON columns (camera reps, holds) are unnested in SQL with `json_each` on SQLite and
`jsonb_array_elements` on PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Integer, and_, bindparam, case, func, select, text
from sqlalchemy.types import Float, String

from backcoach.errors import StorageError
from backcoach.store.models import Session, SessionSet
from backcoach.store.types import UTCDateTime


@dataclass(frozen=True)
class SessionRow:
    """One session with the totals of its sets (the target counts skipped sets too)."""

    id: int
    started_at: datetime
    ended_at: datetime | None
    status: str
    pain_before: int | None
    pain_after: int | None
    sets_done: int
    sets_skipped: int
    reps_done: int
    reps_target: int


@dataclass(frozen=True)
class ExerciseRow:
    """The sets of one exercise on one side within one session, summed (target with skipped)."""

    session_id: int
    exercise_id: str
    side: str | None
    sets_done: int
    sets_skipped: int
    reps_done: int
    reps_target: int
    camera_sets: int
    set_share: float = 0.0    # the sum over sets of each set's done/target (skipped: 0)
    sets_with_target: int = 0


@dataclass(frozen=True)
class PeakRow:
    """Camera reps of one exercise and side in one session: their peak angles."""

    session_id: int
    exercise_id: str
    side: str | None
    metric: str | None
    reps: int
    peak_mean: float | None
    peak_min: float | None
    peak_max: float | None


@dataclass(frozen=True)
class HoldRow:
    """Holds of one exercise and side in one session, in seconds."""

    session_id: int
    exercise_id: str
    side: str | None
    holds: int
    hold_mean: float
    hold_max: float


def _done(col):  # 1 for a set that was done, 0 for a skipped one
    return case((SessionSet.skipped.is_(False), col), else_=0)


def session_rows(conn: Connection, user_id: int, until: datetime) -> list[SessionRow]:
    """Sessions started before `until`, oldest first, with their set totals."""
    sets = (
        select(
            SessionSet.session_id.label("session_id"),
            func.sum(_done(1)).label("sets_done"),
            func.sum(case((SessionSet.skipped.is_(True), 1), else_=0)).label("sets_skipped"),
            func.sum(_done(SessionSet.reps_done)).label("reps_done"),
            func.sum(SessionSet.reps_target).label("reps_target"),
        )
        .where(SessionSet.user_id == user_id, SessionSet.started_at < until)
        .group_by(SessionSet.session_id)
        .subquery()
    )
    query = (
        select(
            Session.id, Session.started_at, Session.ended_at, Session.status,
            Session.pain_before, Session.pain_after,
            func.coalesce(sets.c.sets_done, 0), func.coalesce(sets.c.sets_skipped, 0),
            func.coalesce(sets.c.reps_done, 0), func.coalesce(sets.c.reps_target, 0),
        )
        .outerjoin(sets, and_(sets.c.session_id == Session.id))
        .where(Session.user_id == user_id, Session.started_at < until)
        .order_by(Session.started_at, Session.id)
    )
    return [
        SessionRow(sid, started, ended, status, before, after, int(done), int(skipped),
                   int(reps), int(target))
        for sid, started, ended, status, before, after, done, skipped, reps, target
        in conn.execute(query)
    ]


def exercise_rows(conn: Connection, user_id: int, until: datetime) -> list[ExerciseRow]:
    """Set totals per (session, exercise, side)."""
    query = (
        select(
            SessionSet.session_id, SessionSet.exercise_id, SessionSet.side,
            func.sum(_done(1)),
            func.sum(case((SessionSet.skipped.is_(True), 1), else_=0)),
            func.sum(_done(SessionSet.reps_done)),
            func.sum(SessionSet.reps_target),
            func.sum(case((and_(SessionSet.skipped.is_(False), SessionSet.source == "camera"),
                           1), else_=0)),
            # Completion is judged set by set: an easier set of 5 after a stopped set of 10
            # is its own target, not part of one sum of 15.
            func.sum(case(
                (and_(SessionSet.skipped.is_(False), SessionSet.reps_target > 0),
                 case((SessionSet.reps_done > SessionSet.reps_target, SessionSet.reps_target),
                      else_=SessionSet.reps_done) * 1.0 / SessionSet.reps_target),
                else_=0.0,
            )),
            func.sum(case((SessionSet.reps_target > 0, 1), else_=0)),
        )
        .where(SessionSet.user_id == user_id, SessionSet.started_at < until)
        .group_by(SessionSet.session_id, SessionSet.exercise_id, SessionSet.side)
    )
    return [
        ExerciseRow(sid, ex, side, *(int(v or 0) for v in counts), float(share or 0.0),
                    int(with_target or 0))
        for sid, ex, side, *counts, share, with_target in conn.execute(query)
    ]


# The JSON columns need each dialect's own way to unnest an array and read a field.
_UNNEST = {
    "sqlite": {
        "array": "json_each(s.{column}) AS e",
        "field": "json_extract(e.value, '$.{key}')",
        "number": "e.value",
    },
    "postgresql": {
        "array": "jsonb_array_elements(s.{column}) AS e",
        "field": "(e.value ->> '{key}')",
        "number": "(e.value #>> '{}')",
    },
}


def _dialect(conn: Connection) -> dict[str, str]:
    name = conn.dialect.name
    if name not in _UNNEST:
        raise StorageError(f"Progress reports support SQLite and PostgreSQL, not {name}.")
    return _UNNEST[name]


def _cast(expr: str) -> str:
    return f"CAST({expr} AS FLOAT)"


def peak_rows(conn: Connection, user_id: int, until: datetime) -> list[PeakRow]:
    """Peak angles of camera reps per (session, exercise, side), unnested from `reps`."""
    d = _dialect(conn)
    peak = _cast(d["field"].format(key="peak_angle"))
    metric = d["field"].format(key="metric")
    sql = text(f"""
        SELECT s.session_id, s.exercise_id, s.side, MAX({metric}) AS metric,
               COUNT(*) AS reps, AVG({peak}) AS peak_mean, MIN({peak}) AS peak_min,
               MAX({peak}) AS peak_max
        FROM session_sets AS s, {d["array"].format(column="reps")}
        WHERE s.user_id = :user_id AND s.started_at < :until AND s.skipped = :no
          AND s.source = 'camera'
        GROUP BY s.session_id, s.exercise_id, s.side
    """).bindparams(
        bindparam("user_id", type_=Integer()), bindparam("until", type_=UTCDateTime()),
        bindparam("no", value=False),
    ).columns(metric=String(), peak_mean=Float(), peak_min=Float(), peak_max=Float())
    return [
        PeakRow(r.session_id, r.exercise_id, r.side, r.metric, int(r.reps),
                r.peak_mean, r.peak_min, r.peak_max)
        for r in conn.execute(sql, {"user_id": user_id, "until": until})
    ]


def hold_rows(conn: Connection, user_id: int, until: datetime) -> list[HoldRow]:
    """Hold times per (session, exercise, side), unnested from `holds` (taps and camera)."""
    d = _dialect(conn)
    hold = _cast(d["number"])
    sql = text(f"""
        SELECT s.session_id, s.exercise_id, s.side, COUNT(*) AS holds,
               AVG({hold}) AS hold_mean, MAX({hold}) AS hold_max
        FROM session_sets AS s, {d["array"].format(column="holds")}
        WHERE s.user_id = :user_id AND s.started_at < :until AND s.skipped = :no
        GROUP BY s.session_id, s.exercise_id, s.side
    """).bindparams(
        bindparam("user_id", type_=Integer()), bindparam("until", type_=UTCDateTime()),
        bindparam("no", value=False),
    ).columns(hold_mean=Float(), hold_max=Float())
    return [
        HoldRow(r.session_id, r.exercise_id, r.side, int(r.holds), float(r.hold_mean),
                float(r.hold_max))
        for r in conn.execute(sql, {"user_id": user_id, "until": until})
    ]
