"""One router per area of the web app; app.py includes every router listed here."""

from backcoach.web.routes import api, library, media, pages, session, session_api

ROUTERS = [
    pages.router,
    library.router,
    media.router,
    session.router,
    api.router,
    session_api.router,
]

__all__ = ["ROUTERS"]
