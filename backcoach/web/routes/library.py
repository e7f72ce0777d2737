"""The exercise library: the index of nine cards and one page per exercise."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from backcoach.catalog import get_exercise, load_catalog
from backcoach.web.templating import templates

router = APIRouter(prefix="/library", include_in_schema=False)


@router.get("", response_class=HTMLResponse, name="library")
def library(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        "library.html",
        {"exercises": list(load_catalog().values()), "nav": "library", "title": "Exercise library"},
    )


@router.get("/{exercise_id}", response_class=HTMLResponse, name="exercise")
def exercise(request: Request, exercise_id: str) -> HTMLResponse:
    ex = get_exercise(exercise_id)
    ids = list(load_catalog())
    pos = ids.index(ex.id)
    neighbours = {
        "prev": get_exercise(ids[pos - 1]) if pos > 0 else None,
        "next": get_exercise(ids[pos + 1]) if pos + 1 < len(ids) else None,
    }
    return templates.TemplateResponse(
        request,
        "exercise.html",
        {"ex": ex, "nav": "library", "title": ex.name, **neighbours},
    )
