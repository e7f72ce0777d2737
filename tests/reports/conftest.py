"""The six-week history, built once per test module on each database (it is only read)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from backcoach.store import Store
from tests.conftest import postgres_schema_url
from tests.reports.history import History, build_history


@pytest.fixture(scope="module",
                params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def history(request: pytest.FixtureRequest,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[History]:
    """A database holding the history of tests/reports/history.py (SQLite, then PostgreSQL)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('history') / 'backcoach.sqlite3'}"
        with Store.open(url) as store:
            yield History(url, store, build_history(store))
        return
    with postgres_schema_url() as url, Store.open(url) as store:
        yield History(url, store, build_history(store))
