"""Initial schema: users, sessions, session_sets, pain_reports, decisions, screenings.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _json() -> sa.types.TypeEngine:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _when() -> sa.types.TypeEngine:
    return sa.DateTime(timezone=True)


def _owner(table: str) -> list[Any]:
    """The user_id column and its foreign key, shared by every table below users."""
    return [
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=f"fk_{table}_user_id_users", ondelete="CASCADE"
        ),
    ]


def _session_link(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["session_id", "user_id"],
        ["sessions.id", "sessions.user_id"],
        name=f"fk_{table}_session_id_user_id_sessions",
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("created_at", _when(), nullable=False),
        sa.CheckConstraint("role IN ('owner', 'patient', 'clinician')", name=op.f("ck_users_role")),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("username", name="uq_users_username"),
    )
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        *_owner("sessions"),
        sa.Column("started_at", _when(), nullable=False),
        sa.Column("ended_at", _when(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("plan", _json(), nullable=False),
        sa.Column("pain_before", sa.Integer(), nullable=True),
        sa.Column("pain_after", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "status IN ('in_progress', 'completed', 'stopped', 'quit')",
            name=op.f("ck_sessions_status"),
        ),
        sa.CheckConstraint("pain_before BETWEEN 0 AND 10", name=op.f("ck_sessions_pain_before")),
        sa.CheckConstraint("pain_after BETWEEN 0 AND 10", name=op.f("ck_sessions_pain_after")),
        sa.PrimaryKeyConstraint("id", name="pk_sessions"),
        sa.UniqueConstraint("id", "user_id", name="uq_sessions_id_user_id"),
    )
    op.create_index("ix_sessions_user_id_started_at", "sessions", ["user_id", "started_at"])

    op.create_table(
        "session_sets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        *_owner("session_sets"),
        sa.Column("exercise_id", sa.String(64), nullable=False),
        sa.Column("side", sa.String(10), nullable=True),
        sa.Column("set_index", sa.Integer(), nullable=False),
        sa.Column("reps_target", sa.Integer(), nullable=False),
        sa.Column("reps_done", sa.Integer(), nullable=False),
        sa.Column("holds", _json(), nullable=False),
        sa.Column("skipped", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("reps", _json(), nullable=False),
        sa.Column("started_at", _when(), nullable=False),
        sa.Column("ended_at", _when(), nullable=False),
        _session_link("session_sets"),
        sa.CheckConstraint("side IN ('left', 'right')", name=op.f("ck_session_sets_side")),
        sa.CheckConstraint("source IN ('manual', 'camera')", name=op.f("ck_session_sets_source")),
        sa.PrimaryKeyConstraint("id", name="pk_session_sets"),
    )
    op.create_index(
        "ix_session_sets_user_id_started_at", "session_sets", ["user_id", "started_at"]
    )
    op.create_index("ix_session_sets_session_id", "session_sets", ["session_id"])

    op.create_table(
        "pain_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        *_owner("pain_reports"),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("moment", sa.String(20), nullable=False),
        sa.Column("at", _when(), nullable=False),
        sa.Column("exercise_id", sa.String(64), nullable=True),
        sa.Column("sharp_leg_pain", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        _session_link("pain_reports"),
        sa.CheckConstraint("score BETWEEN 0 AND 10", name=op.f("ck_pain_reports_score")),
        sa.PrimaryKeyConstraint("id", name="pk_pain_reports"),
    )
    op.create_index("ix_pain_reports_user_id_at", "pain_reports", ["user_id", "at"])
    op.create_index("ix_pain_reports_session_id", "pain_reports", ["session_id"])

    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        *_owner("decisions"),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("at", _when(), nullable=False),
        sa.Column("exercise_id", sa.String(64), nullable=True),
        _session_link("decisions"),
        sa.PrimaryKeyConstraint("id", name="pk_decisions"),
    )
    op.create_index("ix_decisions_user_id_at", "decisions", ["user_id", "at"])
    op.create_index("ix_decisions_session_id", "decisions", ["session_id"])

    op.create_table(
        "screenings",
        sa.Column("id", sa.Integer(), nullable=False),
        *_owner("screenings"),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("answers", _json(), nullable=False),
        sa.Column("cleared", sa.Boolean(), nullable=False),
        sa.Column("at", _when(), nullable=False),
        sa.CheckConstraint("kind IN ('full', 'brief')", name=op.f("ck_screenings_kind")),
        sa.PrimaryKeyConstraint("id", name="pk_screenings"),
    )
    op.create_index("ix_screenings_user_id_kind_at", "screenings", ["user_id", "kind", "at"])


def downgrade() -> None:
    for table in ("screenings", "decisions", "pain_reports", "session_sets", "sessions"):
        op.drop_table(table)
    op.drop_table("users")
