"""Request dependencies: the app's store and its live guided sessions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import Request

from backcoach.errors import StorageError

if TYPE_CHECKING:
    from backcoach.store import Store
    from backcoach.web.live_sessions import LiveSessions


def get_store(request: Request) -> Store:
    store = request.app.state.store
    if store is None:
        raise StorageError("The database is not open yet; restart BackCoach.")
    return store


def get_sessions(request: Request) -> LiveSessions:
    return request.app.state.sessions
