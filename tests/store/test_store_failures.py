"""Storage failures become a StorageError with a plain message, and lose nothing saved before."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event

from backcoach.cli import main
from backcoach.errors import StorageError
from backcoach.store import Store
from tests.store.helpers import T0, a_set, at


def _cap_file_at_current_size(dbapi_conn, _record) -> None:
    """Make SQLite behave as if the disk were full: the file may not grow any more."""
    pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
    dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")


def test_disk_full_is_a_plain_error_and_keeps_earlier_sets(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'small.sqlite3'}"
    padding = [{"index": i, "note": "x" * 4000} for i in range(40)]  # ~160 kB: needs new pages
    with Store.open(url) as store:
        uid = store.local_user()
        sid = store.start_session(uid, ["heel-slides"], T0)
        first = store.record_set(sid, a_set("heel-slides", "left", 1, at(1)))
        second = store.record_set(sid, a_set("heel-slides", "right", 1, at(3)))

        event.listen(store.engine, "connect", _cap_file_at_current_size)
        store.engine.dispose()  # new connections get the cap
        with pytest.raises(StorageError, match="disk is full") as caught:
            store.record_set(sid, a_set("heel-slides", "left", 2, at(5), reps=padding))
        message = str(caught.value)
        assert "Free some disk space" in message and "saving a set" in message
        assert "database or disk is full" in str(caught.value.__cause__)

        # Space comes back: the same store works again.
        event.remove(store.engine, "connect", _cap_file_at_current_size)
        store.engine.dispose()
        third = store.record_set(sid, a_set("heel-slides", "left", 2, at(5), reps=padding))

    with Store.open(url) as reopened:
        sets = reopened.session_detail(sid)["exercises"][0]["sets"]
    assert [s["id"] for s in sets] == [first, second, third]
    assert len(sets[2]["reps"]) == 40


def test_unreachable_postgres_is_a_plain_error_without_the_password() -> None:
    url = "postgresql+psycopg://backcoach:s3cret@127.0.0.1:1/backcoach"
    with pytest.raises(StorageError) as caught:
        Store.open(url)
    message = str(caught.value)
    assert message.startswith("Cannot reach the database at postgresql+psycopg://backcoach:***@")
    assert "BACKCOACH_DATABASE_URL" in message and "server is running" in message
    assert "s3cret" not in message


def test_cli_reports_an_unreachable_database_and_exits_non_zero(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BACKCOACH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:1/x")
    assert main(["history", "--json"]) == StorageError.exit_code
    err = capsys.readouterr().err
    assert "Cannot reach the database" in err and "Traceback" not in err


def test_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(StorageError, match="Cannot create the folder .*not-a-folder"):
        Store.open(f"sqlite:///{blocker / 'data' / 'backcoach.sqlite3'}")


def test_database_path_that_cannot_be_opened(tmp_path: Path) -> None:
    folder = tmp_path / "backcoach.sqlite3"
    folder.mkdir()  # a folder where the database file should be
    with pytest.raises(StorageError, match="cannot write its database") as caught:
        Store.open(f"sqlite:///{folder}")
    assert "BACKCOACH_DATA_DIR" in str(caught.value)


def test_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"these are my notes, not a database\n" * 200)
    with pytest.raises(StorageError, match="not a BackCoach database"):
        Store.open(f"sqlite:///{path}")
    assert path.read_bytes().startswith(b"these are my notes")


@pytest.mark.parametrize("url", ["not a url", "nosuchdb+driver://x/y"])
def test_bad_urls(url: str) -> None:
    with pytest.raises(StorageError, match="BACKCOACH_DATABASE_URL|SQLite and PostgreSQL"):
        Store.open(url)
