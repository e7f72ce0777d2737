"""Alembic environment for BackCoach; run through backcoach.store.migrate, not an alembic.ini.

The caller passes an open connection in `config.attributes["connection"]`. On PostgreSQL a
transaction-level advisory lock makes concurrent starters (several web workers) migrate one at
a time; on SQLite the connection takes the write lock when it begins.
"""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from sqlalchemy import text

from backcoach.store.models import Base
from backcoach.store.types import UTCDateTime

#: Arbitrary constant key of the PostgreSQL advisory lock held while migrating.
MIGRATION_LOCK_KEY = 7_302_114_551


def render_item(kind: str, obj: Any, autogen_context: Any) -> str | Literal[False]:
    """Write our column types as plain SQLAlchemy types in generated migrations."""
    if kind == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("backcoach migrations need a connection; use backcoach.store.migrate")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            lock = text("SELECT pg_advisory_xact_lock(:key)")
            connection.execute(lock, {"key": MIGRATION_LOCK_KEY})
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported")
run_migrations_online()
