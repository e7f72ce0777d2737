"""Shared fixtures: a real database per test, on SQLite and on PostgreSQL.

`db_url` runs each test that uses it twice: on a SQLite file in tmp_path, and on PostgreSQL in a
schema of its own (from BACKCOACH_TEST_POSTGRES_URL; .ci/run sets it). Without that variable the
PostgreSQL half is skipped on a laptop but fails when CI=true, so CI never skips it silently.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from backcoach.store import Store

POSTGRES_ENV = "BACKCOACH_TEST_POSTGRES_URL"


def on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def postgres_base_url() -> str:
    """The test server's URL, or skip (fail on CI) when it is not configured."""
    url = os.environ.get(POSTGRES_ENV, "").strip()
    if url:
        return url
    message = f"{POSTGRES_ENV} is not set, so the PostgreSQL tests cannot run"
    if on_ci():
        pytest.fail(message + " (CI=true: .ci/run starts a server and sets it)")
    pytest.skip(message + "; `.ci/run` shows how to start a throw-away server")


@contextmanager
def postgres_schema_url() -> Iterator[str]:
    """A URL on the test PostgreSQL server whose search_path is a fresh schema, dropped after."""
    base = make_url(postgres_base_url())
    schema = f"test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as exc:
        admin.dispose()
        pytest.fail(f"{POSTGRES_ENV} is set but the server cannot be used: {exc.orig}")
    url = base.update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Never touch the real user data folder: each test gets its own, and no DB URL."""
    monkeypatch.setenv("BACKCOACH_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("BACKCOACH_DATABASE_URL", raising=False)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL nobody else uses: a fresh SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'backcoach.sqlite3'}"
        return
    with postgres_schema_url() as url:
        yield url


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An open, migrated Store on `db_url`."""
    with Store.open(db_url) as opened:
        yield opened


@pytest.fixture
def cli_env(db_url: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Point BACKCOACH_DATABASE_URL at `db_url` (in-process) and return an env for subprocesses."""
    monkeypatch.setenv("BACKCOACH_DATABASE_URL", db_url)
    return dict(os.environ)
