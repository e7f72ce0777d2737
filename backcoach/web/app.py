"""The FastAPI application factory: routers per area, static files, error pages, one store.

Areas are separate routers (pages, library, session, JSON API); later areas (live camera
coaching, video upload, progress) add their own router module and one line in ROUTERS.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from backcoach.web import errors
from backcoach.web.routes import ROUTERS
from backcoach.web.templating import WEB_DIR

if TYPE_CHECKING:
    from backcoach.store import Store

log = logging.getLogger(__name__)


def create_app(
    store: Store | None = None,
    *,
    database_url: str | None = None,
    clock: Any = None,
) -> FastAPI:
    """Build the web app.

    store: an open Store the app uses (the caller closes it); None opens one from
        `database_url` (None = the configured default) at start-up and closes it at shutdown.
    clock: the clock handed to each guided-session engine; None means the real one.
        Tests pass a fake clock here to step through holds and rests.
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = None
        if app.state.store is None:
            from backcoach.store import Store

            owned = app.state.store = Store.open(database_url)
        try:
            yield
        finally:
            app.state.sessions.close_all()
            if owned is not None:
                owned.close()
                app.state.store = None

    app = FastAPI(
        title="BackCoach",
        summary="A home-exercise coach for lower back pain: library, guided sessions, pain checks.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    from backcoach.web.live_sessions import LiveSessions

    app.state.store = store
    app.state.clock = clock
    app.state.sessions = LiveSessions(clock=clock)

    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")
    for router in ROUTERS:
        app.include_router(router)
    errors.install(app)
    return app
