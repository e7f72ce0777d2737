"""Request dependencies: the app's store, its live guided sessions, job runner and data folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import Request

from backcoach.errors import StorageError

if TYPE_CHECKING:
    from backcoach.jobs import JobRunner, UploadLimits
    from backcoach.store import Store
    from backcoach.web.live_sessions import LiveSessions


def get_store(request: Request) -> Store:
    store = request.app.state.store
    if store is None:
        raise StorageError("The database is not open yet; restart BackCoach.")
    return store


def get_sessions(request: Request) -> LiveSessions:
    return request.app.state.sessions


def get_runner(request: Request) -> JobRunner:
    runner = request.app.state.jobs
    if runner is None:
        raise StorageError("The video analysis is not running yet; restart BackCoach.")
    return runner


def get_data_dir(request: Request) -> Path:
    return request.app.state.data_dir


def get_limits(request: Request) -> UploadLimits:
    return request.app.state.upload_limits
