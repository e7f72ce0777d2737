"""Home and education pages."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from backcoach.catalog import education_text, load_catalog
from backcoach.web.markdown import to_html
from backcoach.web.templating import templates

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse, name="home")
def home(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(
        request, "home.html", {"exercises": list(load_catalog().values()), "nav": "home"}
    )


@router.get("/learn", response_class=HTMLResponse, name="education")
def education(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        "education.html",
        {"body": to_html(education_text()), "nav": "learn", "title": "About lower back pain"},
    )
