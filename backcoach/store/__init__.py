"""Storage: SQLAlchemy models, Alembic migrations and the Store that reads and writes them.

    from backcoach.store import Store
    with Store.open() as store:          # settings.database_url(); migrated to head
        uid = store.local_user()

The plain records (SetRecord, PainRecord, ...) import instantly; the names that need
SQLAlchemy load on first use, so commands that never touch the database start quickly.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from backcoach.store.records import DecisionRecord, PainRecord, SetRecord

if TYPE_CHECKING:
    from backcoach.store.jobs import JobRecord, UnknownJobError
    from backcoach.store.repository import Store, UnknownSessionError
    from backcoach.store.screening import ScreeningRecord

_LAZY = {
    "JobRecord": "backcoach.store.jobs",
    "UnknownJobError": "backcoach.store.jobs",
    "Store": "backcoach.store.repository",
    "UnknownSessionError": "backcoach.store.repository",
    "ScreeningRecord": "backcoach.store.screening",
}

__all__ = [
    "DecisionRecord",
    "JobRecord",
    "PainRecord",
    "ScreeningRecord",
    "SetRecord",
    "Store",
    "UnknownJobError",
    "UnknownSessionError",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
