"""One router per area of the web app; app.py includes every router listed here."""

from backcoach.web.routes import (
    analyses_api,
    api,
    api_docs,
    camera,
    library,
    live,
    media,
    pages,
    progress,
    session,
    session_api,
)

ROUTERS = [
    pages.router,
    library.router,
    media.router,
    session.router,
    progress.router,
    camera.router,
    live.router,
    api.router,
    session_api.router,
    analyses_api.router,
    api_docs.router,
    progress.api,
]

__all__ = ["ROUTERS"]
