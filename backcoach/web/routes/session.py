"""Guided-session pages: the red-flag screen, pain before and the plan, the player, the summary.

    GET  /session/new          full red-flag screen on first use, else "anything new?"
    POST /session/new/screen   judge it; a yes ends here with the one-sentence reason
    GET  /session/new/plan     pain before (0-10) and which exercises
    POST /session/new/plan     start the engine; high pain ends here, else the player
    GET  /session/{sid}        the player (drives /api/sessions/{sid})
    GET  /session/{sid}/summary  what was stored
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from backcoach.catalog import get_exercise, load_catalog, session_order
from backcoach.motion.landmarks import SKELETON
from backcoach.session import (
    ScreeningOutcome,
    evaluate_brief,
    evaluate_full,
    load_rules,
    needs_full_screen,
    red_flags,
)
from backcoach.session.safety import BRIEF_ANSWER_ID
from backcoach.store import Store
from backcoach.web.deps import get_sessions, get_store
from backcoach.web.live_sessions import LiveSessions
from backcoach.web.present import plan_position
from backcoach.web.routes.session_api import state_of
from backcoach.web.templating import templates

router = APIRouter(prefix="/session", include_in_schema=False)

CLEARANCE_WINDOW = timedelta(hours=1)  # a cleared screen lets a session start for this long

StoreDep = Annotated[Store, Depends(get_store)]
SessionsDep = Annotated[LiveSessions, Depends(get_sessions)]


def _chosen(ids: list[str] | None) -> list[str]:
    """Valid exercise ids in session order (all nine when none are given)."""
    if not ids:
        return session_order()
    return session_order([get_exercise(i).id for i in dict.fromkeys(ids)])


def _plan_query(ids: list[str]) -> str:
    return urlencode([("exercise", i) for i in ids])


def recent_clearance(store: Store, user_id: int, now: datetime) -> ScreeningOutcome | None:
    """The latest screen's outcome when it cleared the person within CLEARANCE_WINDOW."""
    records = [store.last_screening(user_id, k) for k in ("full", "brief")]
    latest = max((r for r in records if r is not None), key=lambda r: r.at, default=None)
    if latest is None or not latest.cleared or now - latest.at > CLEARANCE_WINDOW:
        return None
    try:
        if latest.kind == "full":
            return evaluate_full(latest.answers)
        return evaluate_brief(bool(latest.answers.get(BRIEF_ANSWER_ID, False)))
    except ValueError:  # the questions changed since: ask again
        return None


def _screen_page(
    request: Request, full: bool, ids: list[str], error: str | None = None,
    answers: dict[str, str] | None = None, status_code: int = 200,
) -> HTMLResponse:
    data = load_rules().screening
    return templates.TemplateResponse(
        request,
        "screen.html",
        {
            "title": "Safety check",
            "nav": "session",
            "full": full,
            "screening": data,
            "questions": red_flags(),
            "brief_id": BRIEF_ANSWER_ID,
            "ids": ids,
            "error": error,
            "answers": answers or {},
        },
        status_code=status_code,
    )


@router.get("/new", response_class=HTMLResponse, name="session_new")
def new_session(
    request: Request, store: StoreDep, exercise: Annotated[list[str] | None, Query()] = None
) -> HTMLResponse:
    ids = _chosen(exercise)
    user = store.local_user()
    full = needs_full_screen(store.last_screening(user, "full"),
                             store.last_screening(user, "brief"), datetime.now(UTC))
    return _screen_page(request, full, ids)


@router.post("/new/screen", response_model=None)
async def submit_screen(
    request: Request, store: StoreDep, sessions: SessionsDep
) -> Response:
    form = await request.form()
    ids = _chosen([str(v) for v in form.getlist("exercise")])
    user = store.local_user()
    full = needs_full_screen(store.last_screening(user, "full"),
                             store.last_screening(user, "brief"), datetime.now(UTC))
    expected = [q.id for q in red_flags()] if full else [BRIEF_ANSWER_ID]
    raw = {k: str(form.get(k, "")) for k in expected}
    missing = [k for k, v in raw.items() if v not in ("yes", "no")]
    if missing:
        return _screen_page(
            request, full, ids, error="Please answer every question with yes or no.",
            answers=raw, status_code=400,
        )
    answers = {k: v == "yes" for k, v in raw.items()}
    outcome = (
        evaluate_full(answers) if full else evaluate_brief(answers[BRIEF_ANSWER_ID])
    )
    now = datetime.now(UTC)
    store.record_screening(user, outcome.kind, outcome.answers, outcome.cleared, now)
    if outcome.cleared:
        return RedirectResponse(f"/session/new/plan?{_plan_query(ids)}", status_code=303)
    # The engine records the stop (a session that ended before it began, and why).
    live = sessions.start(store, user, ids, outcome)
    sessions.drop(live.id)
    return templates.TemplateResponse(
        request,
        "screen_stop.html",
        {"title": "See a doctor first", "nav": "session", "outcome": outcome,
         "disclaimer": load_rules().screening.disclaimer},
    )


def _plan_page(
    request: Request, ids: list[str], outcome: ScreeningOutcome, error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        "plan.html",
        {
            "title": "Your session",
            "nav": "session",
            "catalog": load_catalog(),
            "order": session_order(),
            "chosen": set(ids),
            "cleared": outcome.message,
            "error": error,
        },
        status_code=status_code,
    )


@router.get("/new/plan", response_model=None, name="session_plan")
def plan_page(
    request: Request, store: StoreDep, exercise: Annotated[list[str] | None, Query()] = None
) -> Response:
    ids = _chosen(exercise)
    outcome = recent_clearance(store, store.local_user(), datetime.now(UTC))
    if outcome is None:
        return RedirectResponse(f"/session/new?{_plan_query(ids)}", status_code=303)
    return _plan_page(request, ids, outcome)


@router.post("/new/plan", response_model=None)
def start_session(
    request: Request,
    store: StoreDep,
    sessions: SessionsDep,
    pain_before: Annotated[str, Form()] = "",
    exercise: Annotated[list[str] | None, Form()] = None,
) -> Response:
    user = store.local_user()
    outcome = recent_clearance(store, user, datetime.now(UTC))
    ids = _chosen(exercise) if exercise else []
    if outcome is None:
        return RedirectResponse(f"/session/new?{_plan_query(ids)}", status_code=303)
    score = int(pain_before) if pain_before.isdigit() and int(pain_before) <= 10 else None
    if score is None or not ids:
        error = (
            "Choose how much your back hurts right now, from 0 to 10."
            if score is None
            else "Choose at least one exercise."
        )
        return _plan_page(request, ids or session_order(), outcome, error, status_code=400)
    live = sessions.start(store, user, ids, outcome, pain_before=score)
    if live.ended_at_start:
        sessions.drop(live.id)
        return RedirectResponse(f"/session/{live.id}/summary", status_code=303)
    return RedirectResponse(f"/session/{live.id}", status_code=303)


@router.get("/{sid}", response_model=None, name="session_player")
def player(request: Request, sid: int, store: StoreDep, sessions: SessionsDep) -> Response:
    live = sessions.get(sid)
    if live is None or (live.engine.finished and live.engine.pain_after is not None):
        store.session_detail(sid)  # 404 for an unknown id
        return RedirectResponse(f"/session/{sid}/summary", status_code=303)
    plan = [get_exercise(p.exercise_id) for p in live.engine.plan]
    live.tick()
    state = state_of(live)
    view = state.view
    return templates.TemplateResponse(
        request,
        "player.html",
        {"title": "Guided session", "nav": "session", "sid": sid, "plan": plan,
         "body_class": "player-page", "st": state,
         # the engine's state as the page draws it at once (no flash of "Getting ready")
         "state_json": state.model_dump_json().replace("</", "<\\/"),
         "plan_pos": plan_position(state.finished, state.begun, view.exercise_index,
                                   view.exercise_count),
         "after_title": state.after_title,
         "skeleton": json.dumps([[int(a), int(b)] for a, b in SKELETON])},
    )


@router.get("/{sid}/summary", response_class=HTMLResponse, name="session_summary")
def summary(request: Request, sid: int, store: StoreDep) -> HTMLResponse:
    detail: dict[str, Any] = store.session_detail(sid)
    catalog = load_catalog()
    started = datetime.fromisoformat(detail["started_at"])
    ended = datetime.fromisoformat(detail["ended_at"]) if detail["ended_at"] else None
    minutes = round((ended - started).total_seconds() / 60) if ended else None
    sets_done = sum(1 for g in detail["exercises"] for st in g["sets"] if not st["skipped"])
    return templates.TemplateResponse(
        request,
        "summary.html",
        {"title": "Session summary", "nav": "session", "s": detail, "catalog": catalog,
         "minutes": minutes, "sets_done": sets_done},
    )
