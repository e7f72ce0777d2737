"""Creating the SQLAlchemy engine and turning database failures into plain StorageErrors."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from backcoach.errors import StorageError

log = logging.getLogger(__name__)

#: Execution option asking SQLite to take the write lock when the transaction begins.
WRITE_OPTION = "backcoach_write"
SQLITE_BUSY_TIMEOUT_MS = 10_000
PG_CONNECT_TIMEOUT_S = 10
_PG_DISK_FULL = "53100"


def parse_url(url: str) -> URL:
    try:
        return make_url(url)
    except ArgumentError as exc:
        raise StorageError(
            f"The database URL {url!r} is not valid. Use e.g. sqlite:////path/to/file.sqlite3 "
            "or postgresql+psycopg://user@host/dbname in BACKCOACH_DATABASE_URL."
        ) from exc


def safe_url(url: URL | str) -> str:
    """The URL as text with any password hidden, for messages and logs."""
    return (make_url(url) if isinstance(url, str) else url).render_as_string(hide_password=True)


def sqlite_path(url: URL) -> Path | None:
    """The file of a SQLite URL, or None for other databases and in-memory SQLite."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database).expanduser()


def _prepare_sqlite_folder(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(
            f"Cannot create the folder {path.parent} for the database ({exc.strerror or exc}). "
            "Choose a writable folder with BACKCOACH_DATA_DIR or BACKCOACH_DATABASE_URL."
        ) from exc


def _on_sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN itself (the sqlite3 module's own
    # transaction handling skips DDL and cannot take the write lock up front).
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
    finally:
        cursor.close()


def _on_sqlite_begin(conn: Any) -> None:
    write = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def create_store_engine(url: str) -> Engine:
    """An engine for `url`: SQLite gets foreign keys, WAL and a busy timeout."""
    parsed = parse_url(url)
    kwargs: dict[str, Any] = {}
    path = sqlite_path(parsed)
    if path is not None:
        _prepare_sqlite_folder(path)
    if parsed.get_backend_name() == "postgresql":
        kwargs["pool_pre_ping"] = True
        if "connect_timeout" not in parsed.query:
            kwargs["connect_args"] = {"connect_timeout": PG_CONNECT_TIMEOUT_S}
    try:
        engine = create_engine(parsed, **kwargs)
    except (ArgumentError, ImportError) as exc:
        raise StorageError(
            f"Cannot use the database URL {safe_url(parsed)}: {exc}. "
            "BackCoach supports SQLite and PostgreSQL (postgresql+psycopg://...)."
        ) from exc
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def _reason(exc: DBAPIError) -> str:
    text = str(exc.orig) if exc.orig is not None else str(exc)
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__


def storage_error(exc: SQLAlchemyError, url: URL, action: str) -> StorageError:
    """A StorageError whose message says what went wrong while `action`, and what to do."""
    where = safe_url(url)
    path = sqlite_path(url)
    if not isinstance(exc, DBAPIError):
        return StorageError(f"The database at {where} failed while {action}: {exc}.")
    reason = _reason(exc)
    low = reason.lower()
    sqlstate = getattr(exc.orig, "sqlstate", None)
    if "database or disk is full" in low or sqlstate == _PG_DISK_FULL or "no space left" in low:
        return StorageError(
            f"The disk is full, so BackCoach could not finish {action} ({where}). "
            "Free some disk space and try again; everything saved before is kept."
        )
    if path is not None and (
        "unable to open database file" in low
        or "readonly database" in low
        or "disk i/o error" in low
    ):
        return StorageError(
            f"BackCoach cannot write its database {path} ({reason}) while {action}. Make the "
            "folder writable, or choose another with BACKCOACH_DATA_DIR or BACKCOACH_DATABASE_URL."
        )
    if path is not None and "file is not a database" in low:
        return StorageError(
            f"{path} is not a BackCoach database (it is not a SQLite file). Move it away or "
            "point BACKCOACH_DATABASE_URL at another file."
        )
    if path is not None and "locked" in low:
        return StorageError(
            f"The database {path} stayed locked by another BackCoach process while {action}. "
            "Close the other program or try again in a moment."
        )
    if exc.connection_invalidated or (
        sqlstate is not None and sqlstate.startswith("08")
    ) or "connection" in low or "could not translate host" in low:
        return StorageError(
            f"Cannot reach the database at {where} ({reason}). Check that the database server "
            "is running and that BACKCOACH_DATABASE_URL is right."
        )
    return StorageError(f"The database at {where} failed while {action}: {reason}.")


@contextmanager
def translate_errors(url: URL, action: str) -> Iterator[None]:
    """Re-raise SQLAlchemy failures inside the block as StorageError (with the cause kept)."""
    try:
        yield
    except SQLAlchemyError as exc:
        error = storage_error(exc, url, action)
        log.warning("storage failure while %s: %s", action, exc)
        raise error from exc
