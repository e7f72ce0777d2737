"""SQLAlchemy models: every row belongs to a user, directly through its `user_id` column.

Child rows of a session carry both `session_id` and `user_id`; a composite foreign key to
`sessions(id, user_id)` makes sure the two always agree, so per-user queries never need a join.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from backcoach.store.types import PortableJSON, UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: Values of `sessions.status`; "in_progress" is shown as "interrupted" once left unfinished.
SESSION_STATUSES = ("in_progress", "completed", "stopped", "quit")
FINISHED_STATUSES = SESSION_STATUSES[1:]
USER_ROLES = ("owner", "patient", "clinician")
SCREENING_KINDS = ("full", "brief")
#: Values of `analysis_jobs.status`; "queued" and "running" are the unfinished ones.
JOB_STATUSES = ("queued", "running", "done", "failed")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _user_fk() -> Any:
    return ForeignKey("users.id", ondelete="CASCADE")


def _session_fk() -> ForeignKeyConstraint:
    return ForeignKeyConstraint(
        ["session_id", "user_id"], ["sessions.id", "sessions.user_id"], ondelete="CASCADE"
    )


class User(Base):
    """A person using BackCoach. The local install creates one owner (`username` "local")."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint(f"role IN {USER_ROLES!r}", name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), default="owner")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Session(Base):
    """One exercise session: its plan, pain before and after, and how it ended."""

    __tablename__ = "sessions"
    __table_args__ = (
        UniqueConstraint("id", "user_id"),
        CheckConstraint(f"status IN {SESSION_STATUSES!r}", name="status"),
        CheckConstraint("pain_before BETWEEN 0 AND 10", name="pain_before"),
        CheckConstraint("pain_after BETWEEN 0 AND 10", name="pain_after"),
        Index("ix_sessions_user_id_started_at", "user_id", "started_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(_user_fk())
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(20), default="in_progress")
    plan: Mapped[list[str]] = mapped_column(PortableJSON)
    pain_before: Mapped[int | None] = mapped_column(Integer)
    pain_after: Mapped[int | None] = mapped_column(Integer)


class SessionSet(Base):
    """One finished (or skipped) set of one exercise on one side."""

    __tablename__ = "session_sets"
    __table_args__ = (
        _session_fk(),
        CheckConstraint("side IN ('left', 'right')", name="side"),
        CheckConstraint("source IN ('manual', 'camera')", name="source"),
        Index("ix_session_sets_user_id_started_at", "user_id", "started_at"),
        Index("ix_session_sets_session_id", "session_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int] = mapped_column(_user_fk())
    exercise_id: Mapped[str] = mapped_column(String(64))
    side: Mapped[str | None] = mapped_column(String(10))
    set_index: Mapped[int] = mapped_column(Integer)
    reps_target: Mapped[int] = mapped_column(Integer)
    reps_done: Mapped[int] = mapped_column(Integer)
    holds: Mapped[list[float]] = mapped_column(PortableJSON)
    skipped: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(10), default="manual")
    reps: Mapped[list[dict[str, Any]]] = mapped_column(PortableJSON)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PainReport(Base):
    """A 0-10 pain rating: before, during or after a session, or the next morning."""

    __tablename__ = "pain_reports"
    __table_args__ = (
        _session_fk(),
        CheckConstraint("score BETWEEN 0 AND 10", name="score"),
        Index("ix_pain_reports_user_id_at", "user_id", "at"),
        Index("ix_pain_reports_session_id", "session_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int | None] = mapped_column(Integer)
    user_id: Mapped[int] = mapped_column(_user_fk())
    score: Mapped[int] = mapped_column(Integer)
    moment: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    exercise_id: Mapped[str | None] = mapped_column(String(64))
    sharp_leg_pain: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text)


class Decision(Base):
    """A safety decision and the one sentence that explained it."""

    __tablename__ = "decisions"
    __table_args__ = (
        _session_fk(),
        Index("ix_decisions_user_id_at", "user_id", "at"),
        Index("ix_decisions_session_id", "session_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int | None] = mapped_column(Integer)
    user_id: Mapped[int] = mapped_column(_user_fk())
    kind: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    exercise_id: Mapped[str | None] = mapped_column(String(64))


class Screening(Base):
    """The answers to a red-flag screen (the full one, or the brief "anything new?")."""

    __tablename__ = "screenings"
    __table_args__ = (
        CheckConstraint(f"kind IN {SCREENING_KINDS!r}", name="kind"),
        Index("ix_screenings_user_id_kind_at", "user_id", "kind", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(_user_fk())
    kind: Mapped[str] = mapped_column(String(10))
    answers: Mapped[dict[str, bool]] = mapped_column(PortableJSON)
    cleared: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class AnalysisJob(Base):
    """A background job: one uploaded video analysed for one exercise.

    The worker writes its stage and progress (0..1) to the row, so any web process can show it;
    `heartbeat_at` is refreshed while it runs, so a job whose process died is seen as failed.
    Paths are relative to the data folder.
    """

    __tablename__ = "analysis_jobs"
    __table_args__ = (
        CheckConstraint(f"status IN {JOB_STATUSES!r}", name="status"),
        CheckConstraint("progress >= 0 AND progress <= 1", name="progress"),
        Index("ix_analysis_jobs_user_id_created_at", "user_id", "created_at"),
        Index("ix_analysis_jobs_status", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(_user_fk())
    kind: Mapped[str] = mapped_column(String(40))
    exercise_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), default="queued")
    stage: Mapped[str | None] = mapped_column(String(40))
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    message: Mapped[str | None] = mapped_column(Text)
    input_name: Mapped[str] = mapped_column(String(255))
    input_path: Mapped[str] = mapped_column(Text)
    params: Mapped[dict[str, Any]] = mapped_column(PortableJSON)
    result: Mapped[dict[str, Any] | None] = mapped_column(PortableJSON)
    annotated_path: Mapped[str | None] = mapped_column(Text)
    worker: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
