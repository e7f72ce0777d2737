"""Store what a session engine reports, as it happens: sets, pain, decisions and the end."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from backcoach.session.events import Decision, Event, PainReported, SessionCompleted, SetCompleted
from backcoach.store.records import DecisionRecord, PainRecord, SetRecord


class SessionStore(Protocol):
    """The part of `backcoach.store.Store` a running session writes to."""

    def record_set(self, sid: int, rec: SetRecord) -> int: ...

    def record_pain(self, sid: int, rec: PainRecord) -> None: ...

    def record_decision(self, sid: int, rec: DecisionRecord) -> None: ...

    def finish_session(
        self, sid: int, ended_at: datetime, status: str, pain_after: int | None = None
    ) -> None: ...


class SessionRecorder:
    """Writes each event to the store the moment it arrives, so a killed process keeps every
    finished set. Also keeps the sets, pains and decisions for the end-of-session summary."""

    def __init__(self, store: SessionStore, session_id: int) -> None:
        self.store = store
        self.session_id = session_id
        self.sets: list[SetRecord] = []
        self.pains: list[PainRecord] = []
        self.decisions: list[DecisionRecord] = []
        self.ended_at: datetime | None = None
        self.status: str | None = None

    def record(self, events: Iterable[Event]) -> None:
        for event in events:
            if isinstance(event, SetCompleted):
                self.store.record_set(self.session_id, event.record)
                self.sets.append(event.record)
            elif isinstance(event, PainReported):
                self.store.record_pain(self.session_id, event.record)
                self.pains.append(event.record)
            elif isinstance(event, Decision):
                self.store.record_decision(self.session_id, event.record)
                self.decisions.append(event.record)
            elif isinstance(event, SessionCompleted):
                self.ended_at, self.status = event.ended_at, event.status
                self.store.finish_session(self.session_id, event.ended_at, event.status)

    def finish(self, pain_after: int | None) -> None:
        """Add the pain after the session to the finished session."""
        if self.ended_at is None or self.status is None:
            raise RuntimeError("the session has not ended yet")
        self.store.finish_session(self.session_id, self.ended_at, self.status, pain_after)
