"""Storage: SQLAlchemy models, Alembic migrations and the Store that reads and writes them.

    from backcoach.store import Store
    with Store.open() as store:          # settings.database_url(); migrated to head
        uid = store.local_user()
"""

from backcoach.store.jobs import JobRecord, UnknownJobError
from backcoach.store.records import DecisionRecord, PainRecord, SetRecord
from backcoach.store.repository import Store, UnknownSessionError
from backcoach.store.screening import ScreeningRecord

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
