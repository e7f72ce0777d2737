"""Alembic migrations, run from code: `Store.open()` upgrades to head, nobody runs alembic.

For developers, `python -m backcoach.store.new_migration "message"` autogenerates a new one.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from backcoach.store.engine import (
    WRITE_OPTION,
    create_store_engine,
    parse_url,
    safe_url,
    sqlite_path,
    translate_errors,
)

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations found"
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database behind `engine` up to `revision` (idempotent)."""
    with translate_errors(engine.url, "updating the database schema"):
        if revision == "head":
            with engine.connect() as conn:
                if current_revision(conn) == head_revision():
                    return
        with engine.connect() as conn:
            conn = conn.execution_options(**{WRITE_OPTION: True})
            log.info("migrating %s to %s", safe_url(engine.url), revision)
            command.upgrade(alembic_config(conn), revision)
            conn.commit()


def downgrade(engine: Engine, revision: str = "base") -> None:
    """Step the schema back (used by tests that check the migrations both ways)."""
    with translate_errors(engine.url, "downgrading the database schema"):
        with engine.connect() as conn:
            conn = conn.execution_options(**{WRITE_OPTION: True})
            command.downgrade(alembic_config(conn), revision)
            conn.commit()


@dataclass(frozen=True)
class SchemaStatus:
    url: str                 # with the password hidden
    exists: bool             # False: a SQLite file not created yet
    current: str | None
    head: str

    @property
    def up_to_date(self) -> bool:
        return self.exists and self.current == self.head


def status(url: str) -> SchemaStatus:
    """Where the database is and which migration it is at, without changing anything."""
    parsed = parse_url(url)
    head = head_revision()
    path = sqlite_path(parsed)
    if path is not None and not path.exists():
        return SchemaStatus(safe_url(parsed), False, None, head)
    engine = create_store_engine(url)
    try:
        with translate_errors(parsed, "reading the schema version"), engine.connect() as conn:
            return SchemaStatus(safe_url(parsed), True, current_revision(conn), head)
    finally:
        engine.dispose()


def make_revision(message: str) -> None:
    """Autogenerate a new migration from the models (developer tool)."""
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_store_engine(f"sqlite:///{tmp}/scratch.sqlite3")
        try:
            upgrade(engine)
            with engine.connect() as conn:
                command.revision(alembic_config(conn), message=message, autogenerate=True)
        finally:
            engine.dispose()

