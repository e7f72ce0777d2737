"""Migrations: empty -> head on both databases, and models and migrations agree."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import CheckConstraint, Column, Integer, MetaData, UniqueConstraint, inspect

from backcoach.store import Store, migrate
from backcoach.store.engine import create_store_engine
from backcoach.store.models import Base

TABLES = {"users", "sessions", "session_sets", "pain_reports", "decisions", "screenings"}


def _diff(engine, metadata: MetaData) -> list:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(context, metadata)


def test_upgrade_from_empty_to_head(db_url: str) -> None:
    engine = create_store_engine(db_url)
    try:
        assert migrate.status(db_url).current is None
        migrate.upgrade(engine)
        assert TABLES <= set(inspect(engine).get_table_names())
        state = migrate.status(db_url)
        assert state.current == migrate.head_revision() and state.up_to_date
        migrate.upgrade(engine)  # a second run changes nothing
        assert migrate.status(db_url).current == migrate.head_revision()
    finally:
        engine.dispose()


def test_models_and_migrations_agree(store: Store) -> None:
    """Like `alembic check`: autogenerate finds nothing to add after upgrading to head."""
    assert _diff(store.engine, Base.metadata) == []


def test_the_agreement_check_does_notice_a_difference(store: Store) -> None:
    """Control for the test above: a column only in the models shows up as a diff."""
    changed = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.tables.values():
        table.to_metadata(changed)
    changed.tables["sessions"].append_column(Column("mood", Integer))
    diff = _diff(store.engine, changed)
    assert [(d[0], d[3].name) for d in diff] == [("add_column", "mood")]


def _backs_constraint(index: dict) -> bool:
    """PostgreSQL lists the index behind a UNIQUE constraint as an index too."""
    return "duplicates_constraint" in index


def test_constraint_and_index_names_match_the_models(store: Store) -> None:
    """Autogenerate ignores CHECK constraints; compare their names (and indexes) directly."""
    inspector = inspect(store.engine)
    for name, table in Base.metadata.tables.items():
        model_checks = {c.name for c in table.constraints if isinstance(c, CheckConstraint)}
        db_checks = {c["name"] for c in inspector.get_check_constraints(name)}
        assert db_checks == model_checks, name
        indexes = {i["name"] for i in inspector.get_indexes(name) if not _backs_constraint(i)}
        assert indexes == {i.name for i in table.indexes}, name
        uniques = {u["name"] for u in inspector.get_unique_constraints(name)}
        assert uniques == {c.name for c in table.constraints if isinstance(c, UniqueConstraint)}
        fks = {fk["name"] for fk in inspector.get_foreign_keys(name)}
        assert fks == {fk.name for fk in table.foreign_key_constraints}, name


def test_every_table_but_users_has_user_id_and_a_user_time_index() -> None:
    for name, table in Base.metadata.tables.items():
        if name == "users":
            continue
        assert not table.c.user_id.nullable, name
        assert any(
            [c.name for c in ix.columns][:1] == ["user_id"] and len(ix.columns) >= 2
            for ix in table.indexes
        ), name


def test_downgrade_to_base_and_up_again(db_url: str) -> None:
    engine = create_store_engine(db_url)
    try:
        migrate.upgrade(engine)
        migrate.downgrade(engine, "base")
        assert not TABLES & set(inspect(engine).get_table_names())
        migrate.upgrade(engine)
        assert TABLES <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


@pytest.mark.parametrize("pragma, expected", [("foreign_keys", 1), ("journal_mode", "wal")])
def test_sqlite_runs_with_foreign_keys_and_wal(tmp_path, pragma: str, expected) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'x.sqlite3'}") as store:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql(f"PRAGMA {pragma}").scalar() == expected
