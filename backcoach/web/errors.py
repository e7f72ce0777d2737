"""BackCoach errors at the web edge: a status code and a friendly page, or JSON under /api."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from backcoach.errors import (
    BackCoachError,
    InputError,
    SafetyStop,
    StorageError,
    UnknownExerciseError,
)
from backcoach.jobs.uploads import UploadTooLarge
from backcoach.store import UnknownJobError, UnknownSessionError
from backcoach.web.templating import templates

log = logging.getLogger(__name__)

STATUS: dict[type[BackCoachError], int] = {
    UploadTooLarge: 413,
    UnknownExerciseError: 404,
    UnknownSessionError: 404,
    UnknownJobError: 404,
    InputError: 400,
    SafetyStop: 409,
    StorageError: 503,
}

TITLES = {
    400: "That did not work",
    404: "Page not found",
    405: "That did not work",
    409: "Time to stop",
    413: "That file is too big",
    422: "That did not work",
    503: "Your data could not be saved",
}


def status_for(exc: BackCoachError) -> int:
    for cls, code in STATUS.items():
        if isinstance(exc, cls):
            return code
    return 400


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    return templates.TemplateResponse(
        request,
        "error.html",
        {"title": TITLES.get(status, "Something went wrong"), "message": message},
        status_code=status,
    )


def install(app: FastAPI) -> None:
    """Register the handlers that turn BackCoach and HTTP errors into pages or JSON."""

    @app.exception_handler(BackCoachError)
    async def _backcoach(request: Request, exc: BackCoachError) -> Response:
        status = status_for(exc)
        if status >= 500:
            log.error("%s on %s: %s", type(exc).__name__, request.url.path, exc)
        return error_response(request, status, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        message = (
            "There is nothing at this address. The library and the session start are linked above."
            if exc.status_code == 404
            else str(exc.detail)
        )
        return error_response(request, exc.status_code, message)
