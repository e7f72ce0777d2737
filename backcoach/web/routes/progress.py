"""Progress and history pages: the report with its charts, exports, and one session in detail.

    GET /progress                 pain trend, adherence calendar, streaks, ROM and holds per
                                  exercise (inline SVG with text alternatives), sessions list
    GET /progress/export.{fmt}    everything recorded, as a CSV or JSON download
    GET /history/{sid}            one session: sets, camera reps, holds, pain, decisions
    GET /api/progress             the report as JSON (the same as `backcoach progress --json`)
"""

from __future__ import annotations

import io
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from backcoach.catalog import load_catalog
from backcoach.errors import InputError
from backcoach.reports import (
    ProgressReport,
    Schedule,
    SessionSummary,
    build_progress,
    export_data,
    progress_charts,
    render_svg,
    write_csv,
    write_json,
)
from backcoach.reports.exercises import METRIC_UNITS
from backcoach.store import Store, UnknownSessionError
from backcoach.web.deps import get_store
from backcoach.web.templating import templates

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["progress"])

StoreDep = Annotated[Store, Depends(get_store)]
DaysQuery = Annotated[str, Query(description="Planned days: daily, weekdays, mon,wed,fri ...")]
PerDayQuery = Annotated[int, Query(ge=1, le=5, description="Sessions planned a day.")]
TodayQuery = Annotated[str | None, Query(description="Report as of this date (YYYY-MM-DD).")]
SESSIONS_LISTED = 60


def _today(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"{value!r} is not a date; use YYYY-MM-DD.") from exc


def _report(store: Store, days: str, per_day: int, today: str | None) -> ProgressReport:
    return build_progress(store, store.local_user(), today=_today(today),
                          schedule=Schedule.parse(days, per_day))


def _refused(s: SessionSummary) -> bool:
    """A session the safety checks (a red flag, pain too high) stopped before any set: it was
    never started, so the page does not count it as one."""
    return s.status == "stopped" and s.sets_done == 0 and s.sets_skipped == 0


@router.get("/progress", response_class=HTMLResponse, name="progress")
def progress_page(
    request: Request, store: StoreDep, days: DaysQuery = "daily", per_day: PerDayQuery = 1,
    today: TodayQuery = None,
) -> HTMLResponse:
    report = _report(store, days, per_day, today)
    charts = {name: render_svg(fig) for name, fig in progress_charts(report).items()}
    refused = sum(1 for s in report.sessions if _refused(s))
    return templates.TemplateResponse(
        request,
        "progress.html",
        {"title": "Your progress", "nav": "progress", "r": report, "charts": charts,
         "days": days, "per_day": per_day, "today": today or "",
         "sessions": list(reversed(report.sessions))[:SESSIONS_LISTED],
         "units": METRIC_UNITS, "refused": refused,
         "started": len(report.sessions) - refused},
    )


@router.get("/progress/export.{fmt}", name="progress_export")
def export(store: StoreDep, fmt: str) -> Response:
    if fmt not in ("csv", "json"):
        raise InputError(f"There is no {fmt!r} export; choose CSV or JSON.")
    data = export_data(store, store.local_user())
    buf = io.StringIO()
    if fmt == "csv":
        write_csv(data["sessions"], buf)
    else:
        write_json(data, buf)
    stamp = data["exported_at"][:10]
    return Response(
        buf.getvalue(),
        media_type="text/csv; charset=utf-8" if fmt == "csv" else "application/json",
        headers={"Content-Disposition": f'attachment; filename="backcoach-{stamp}.{fmt}"'},
    )


@router.get("/history/{sid}", response_class=HTMLResponse, name="session_detail")
def session_detail(request: Request, sid: int, store: StoreDep) -> HTMLResponse:
    detail: dict[str, Any] = store.session_detail(sid)
    if detail["user_id"] != store.local_user():
        raise UnknownSessionError(sid)
    return templates.TemplateResponse(
        request,
        "session_detail.html",
        {"title": f"Session {sid}", "nav": "progress", "s": detail, "catalog": load_catalog(),
         "units": METRIC_UNITS},
    )


class ProgressOut(BaseModel):
    """The progress report, as `backcoach progress --json` prints it (docs/reports.md)."""

    model_config = ConfigDict(extra="allow")

    user_id: int
    today: str
    sessions_total: int
    sessions_done: int
    sessions: list[dict[str, Any]] = Field(description="One summary per session, oldest first.")
    pain: dict[str, Any] = Field(description="points, first_week_mean, recent_mean, sentence...")
    adherence: dict[str, Any] | None = Field(
        description="percent, streaks, weeks and the calendar against the schedule.")
    exercises: list[dict[str, Any]] = Field(
        description="Per exercise: reps, range of motion and holds per session and side.")


@api.get("/progress", response_model=ProgressOut,
         summary="The progress report (pain, adherence, exercises)")
def progress_json(
    store: StoreDep, days: DaysQuery = "daily", per_day: PerDayQuery = 1,
    today: TodayQuery = None,
) -> dict[str, Any]:
    return _report(store, days, per_day, today).to_dict()
