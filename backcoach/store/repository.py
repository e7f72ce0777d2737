"""The Store: every read and write BackCoach makes to its database.

Each write method runs in its own transaction and commits before returning, so a set recorded
with `record_set` survives the process being killed a moment later.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import sessionmaker

from backcoach import settings
from backcoach.errors import StorageError
from backcoach.store import migrate
from backcoach.store.engine import WRITE_OPTION, create_store_engine, translate_errors
from backcoach.store.jobs import AnalysisJobs
from backcoach.store.jsonable import to_json_value
from backcoach.store.models import (
    FINISHED_STATUSES,
    SCREENING_KINDS,
    Decision,
    PainReport,
    Screening,
    Session,
    SessionSet,
    User,
)
from backcoach.store.records import DecisionRecord, PainRecord, SetRecord
from backcoach.store.screening import ScreeningRecord
from backcoach.store.serialize import session_dict
from backcoach.store.types import as_utc

log = logging.getLogger(__name__)

LOCAL_USERNAME = "local"
SIDES = (None, "left", "right")
SOURCES = ("manual", "camera")


class UnknownSessionError(StorageError, LookupError):
    """A session id that is not in the database."""

    def __init__(self, session_id: int):
        self.session_id = session_id
        super().__init__(f"There is no session with id {session_id}; see `backcoach history`.")


def _pain_score(value: int | None, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValueError(f"{name} must be a whole number from 0 to 10, not {value!r}")
    return value


class Store(AnalysisJobs):
    """Open with `Store.open(url)`; the schema is migrated to the latest version on opening.

    The analysis-job methods (create_job, job, jobs, claim_job, ...) come from store/jobs.py.
    """

    def __init__(self, engine: Engine):
        self.engine = engine
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(
            engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False
        )

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Connect to `url` (default: settings.database_url()) and migrate it to head."""
        engine = create_store_engine(url or settings.database_url())
        try:
            with translate_errors(engine.url, "opening the database"), engine.connect():
                pass
            migrate.upgrade(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions -------------------------------------------------------------------

    @contextmanager
    def _writing(self, action: str) -> Iterator[OrmSession]:
        with translate_errors(self.engine.url, action), self._write.begin() as db:
            yield db

    @contextmanager
    def _reading(self, action: str) -> Iterator[OrmSession]:
        with translate_errors(self.engine.url, action), self._read.begin() as db:
            yield db

    @staticmethod
    def _session(db: OrmSession, sid: int) -> Session:
        row = db.get(Session, sid)
        if row is None:
            raise UnknownSessionError(sid)
        return row

    # -- users --------------------------------------------------------------------------

    def local_user(self) -> int:
        """The id of the local owner, created on first use."""
        query = select(User.id).where(User.username == LOCAL_USERNAME)
        with self._reading("looking up the local user") as db:
            found = db.scalar(query)
        if found is not None:
            return found
        try:
            with self._writing("creating the local user") as db:
                user = User(username=LOCAL_USERNAME, role="owner", created_at=datetime.now(UTC))
                db.add(user)
                db.flush()
                return user.id
        except StorageError as exc:
            if not isinstance(exc.__cause__, IntegrityError):
                raise
        with self._reading("looking up the local user") as db:  # another process made it
            found = db.scalar(query)
        if found is None:
            raise StorageError("Could not create the local user; try again.")
        return found

    # -- sessions -----------------------------------------------------------------------

    def start_session(
        self,
        user_id: int,
        plan: Sequence[str],
        started_at: datetime,
        pain_before: int | None = None,
    ) -> int:
        row = Session(
            user_id=user_id,
            plan=[str(p) for p in plan],
            started_at=as_utc(started_at, "started_at"),
            status="in_progress",
            pain_before=_pain_score(pain_before, "pain_before"),
        )
        with self._writing("starting a session") as db:
            if db.get(User, user_id) is None:
                raise StorageError(f"There is no user with id {user_id}.")
            db.add(row)
            db.flush()
            return row.id

    def record_set(self, sid: int, rec: SetRecord) -> int:
        """Store one finished set and commit it at once; returns its id."""
        if rec.side not in SIDES:
            raise ValueError(f"side must be 'left', 'right' or None, not {rec.side!r}")
        if rec.source not in SOURCES:
            raise ValueError(f"source must be 'manual' or 'camera', not {rec.source!r}")
        with self._writing("saving a set") as db:
            session = self._session(db, sid)
            row = SessionSet(
                session_id=sid,
                user_id=session.user_id,
                exercise_id=rec.exercise_id,
                side=rec.side,
                set_index=rec.set_index,
                reps_target=rec.reps_target,
                reps_done=rec.reps_done,
                holds=to_json_value([float(h) for h in rec.holds]),
                skipped=rec.skipped,
                source=rec.source,
                reps=to_json_value(list(rec.reps)),
                started_at=as_utc(rec.started_at, "started_at"),
                ended_at=as_utc(rec.ended_at, "ended_at"),
            )
            db.add(row)
            db.flush()
            return row.id

    def record_pain(self, sid: int, rec: PainRecord) -> None:
        score = _pain_score(rec.score, "score")
        with self._writing("saving a pain rating") as db:
            session = self._session(db, sid)
            db.add(PainReport(
                session_id=sid, user_id=session.user_id, score=score, moment=rec.moment,
                at=as_utc(rec.at, "at"), exercise_id=rec.exercise_id,
                sharp_leg_pain=rec.sharp_leg_pain, note=rec.note,
            ))

    def record_decision(self, sid: int, rec: DecisionRecord) -> None:
        with self._writing("saving a safety decision") as db:
            session = self._session(db, sid)
            db.add(Decision(
                session_id=sid, user_id=session.user_id, kind=rec.kind, message=rec.message,
                at=as_utc(rec.at, "at"), exercise_id=rec.exercise_id,
            ))

    def finish_session(
        self, sid: int, ended_at: datetime, status: str, pain_after: int | None = None
    ) -> None:
        """Close a session: status is "completed", "stopped" (safety) or "quit"."""
        if status not in FINISHED_STATUSES:
            allowed = ", ".join(FINISHED_STATUSES)
            raise ValueError(f"status must be one of {allowed}, not {status!r}")
        ended = as_utc(ended_at, "ended_at")
        score = _pain_score(pain_after, "pain_after")
        with self._writing("finishing the session") as db:
            session = self._session(db, sid)
            session.ended_at = ended
            session.status = status
            if score is not None:
                session.pain_after = score

    # -- screenings ---------------------------------------------------------------------

    def record_screening(
        self, user_id: int, kind: str, answers: dict[str, bool], cleared: bool, at: datetime
    ) -> None:
        if kind not in SCREENING_KINDS:
            raise ValueError(f"kind must be 'full' or 'brief', not {kind!r}")
        row = Screening(
            user_id=user_id, kind=kind, answers={str(k): bool(v) for k, v in answers.items()},
            cleared=bool(cleared), at=as_utc(at, "at"),
        )
        with self._writing("saving the screening answers") as db:
            db.add(row)

    def last_screening(self, user_id: int, kind: str = "full") -> ScreeningRecord | None:
        query = (
            select(Screening)
            .where(Screening.user_id == user_id, Screening.kind == kind)
            .order_by(Screening.at.desc(), Screening.id.desc())
            .limit(1)
        )
        with self._reading("reading the last screening") as db:
            row = db.scalar(query)
            if row is None:
                return None
            return ScreeningRecord(kind=row.kind, answers=dict(row.answers),
                                   cleared=row.cleared, at=row.at)

    # -- reading sessions ---------------------------------------------------------------

    def history(self, user_id: int | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Sessions newest first (all users when `user_id` is None), as JSON-ready dicts."""
        if limit is not None and limit < 0:
            raise ValueError(f"limit must be zero or more, not {limit}")
        query = select(Session).order_by(Session.started_at.desc(), Session.id.desc())
        if user_id is not None:
            query = query.where(Session.user_id == user_id)
        if limit is not None:
            query = query.limit(limit)
        with self._reading("reading the history") as db:
            sessions = list(db.scalars(query))
            return self._assemble(db, sessions)

    def last_session(self, user_id: int) -> dict[str, Any] | None:
        items = self.history(user_id, limit=1)
        return items[0] if items else None

    def session_detail(self, sid: int) -> dict[str, Any]:
        """One session like a history item, with each set's id and camera reps as well."""
        with self._reading("reading a session") as db:
            return self._assemble(db, [self._session(db, sid)], detail=True)[0]

    @staticmethod
    def _assemble(
        db: OrmSession, sessions: list[Session], *, detail: bool = False
    ) -> list[dict[str, Any]]:
        if not sessions:
            return []
        ids = [s.id for s in sessions]
        sets: dict[int, list[SessionSet]] = {i: [] for i in ids}
        pains: dict[int, list[PainReport]] = {i: [] for i in ids}
        decisions: dict[int, list[Decision]] = {i: [] for i in ids}
        for set_row in db.scalars(
            select(SessionSet)
            .where(SessionSet.session_id.in_(ids))
            .order_by(SessionSet.started_at, SessionSet.id)
        ):
            sets[set_row.session_id].append(set_row)
        for pain in db.scalars(
            select(PainReport).where(PainReport.session_id.in_(ids))
            .order_by(PainReport.at, PainReport.id)
        ):
            pains[pain.session_id or 0].append(pain)
        for decision in db.scalars(
            select(Decision).where(Decision.session_id.in_(ids))
            .order_by(Decision.at, Decision.id)
        ):
            decisions[decision.session_id or 0].append(decision)
        return [
            session_dict(s, sets[s.id], pains[s.id], decisions[s.id], detail=detail)
            for s in sessions
        ]
