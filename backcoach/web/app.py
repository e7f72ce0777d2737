"""The FastAPI application factory: routers per area, static files, error pages, one store.

Areas are separate routers (pages, library, session, progress, camera, JSON APIs, the live
camera socket), listed in routes/__init__.py. The app holds one Store, the running guided
sessions, and a job runner for video analyses (in-process unless one is passed in).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from backcoach.web import errors
from backcoach.web.routes import ROUTERS
from backcoach.web.templating import WEB_DIR

if TYPE_CHECKING:
    from backcoach.jobs import JobRunner, UploadLimits
    from backcoach.store import Store

log = logging.getLogger(__name__)


def create_app(
    store: Store | None = None,
    *,
    database_url: str | None = None,
    clock: Any = None,
    data_dir: Path | None = None,
    job_runner: JobRunner | None = None,
    upload_limits: UploadLimits | None = None,
) -> FastAPI:
    """Build the web app.

    store: an open Store the app uses (the caller closes it); None opens one from
        `database_url` (None = the configured default) at start-up and closes it at shutdown.
    clock: the clock handed to each guided-session engine; None means the real one.
        Tests pass a fake clock here to step through holds and rests.
    data_dir: where uploads and analysis results go (None = settings.data_dir()).
    job_runner: runs video analyses; None starts an InProcessJobRunner (worker thread).
    upload_limits: size, length and type limits of uploads (None = from the settings).
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from backcoach.jobs import InProcessJobRunner, UploadLimits

        owned = None
        if app.state.store is None:
            from backcoach.store import Store

            owned = app.state.store = Store.open(database_url)
        if app.state.data_dir is None:
            from backcoach import settings

            app.state.data_dir = settings.data_dir()
        if app.state.upload_limits is None:
            app.state.upload_limits = UploadLimits.from_settings()
        runner = app.state.jobs
        own_runner = runner is None
        if own_runner:
            runner = app.state.jobs = InProcessJobRunner(
                app.state.store, app.state.data_dir
            ).start()
        try:
            yield
        finally:
            app.state.sessions.close_all()
            if own_runner:
                runner.close()
                app.state.jobs = None
            if owned is not None:
                owned.close()
                app.state.store = None

    app = FastAPI(
        title="BackCoach",
        summary="A home-exercise coach for lower back pain: library, guided sessions, pain "
        "checks, camera coaching, video analysis and progress.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # Swagger UI needs a CDN: routes/api_docs.py serves /api/docs
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    from backcoach.web.live_sessions import LiveSessions

    app.state.store = store
    app.state.clock = clock
    app.state.data_dir = Path(data_dir) if data_dir is not None else None
    app.state.jobs = job_runner
    app.state.upload_limits = upload_limits
    app.state.sessions = LiveSessions(clock=clock)

    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")
    for router in ROUTERS:
        app.include_router(router)
    errors.install(app)
    return app
