"""JSON API the session player drives: state and new events, commands, pain reports, the record.

Each call ticks the session's engine first (holds and rests end on time), then returns the
engine's view plus the events the page has not seen yet (`since` = the last `seq` it saw).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel, ConfigDict, Field

from backcoach.store import Store
from backcoach.web.deps import get_sessions, get_store
from backcoach.web.live_sessions import STOP_REST_S, Command, LiveSession, LiveSessions
from backcoach.web.present import after_title, coming_next

router = APIRouter(prefix="/api/sessions", tags=["guided session"])

NOT_RUNNING: dict[int | str, dict[str, Any]] = {
    404: {"description": "No running session with this id in this app."},
    409: {"description": "Not now: e.g. the easier way before resting after a pain stop."},
}


class SessionViewOut(BaseModel):
    """Everything the player draws, at one moment (the engine's SessionView)."""

    phase: str = Field(description="ready | move | hold | rest | paused | pain_stop | done")
    paused: bool
    exercise_id: str | None
    exercise_name: str | None
    instruction: str | None
    note: str | None = Field(description="How this exercise differs now, e.g. the easier way.")
    exercise_index: int
    exercise_count: int
    side: str | None = Field(description="The side to move next: left, right or none.")
    mode: str | None = Field(description="none | per_side | alternating")
    set_no: int
    sets: int
    reps_done: int
    reps_target: int
    reps_by_side: dict[str, int]
    hold_total: float | None
    hold_remaining: float | None
    rest_total: float | None
    rest_remaining: float | None
    next_up: str | None
    message: str | None = Field(description="The last decision or notice, one sentence.")
    offer: str | None = Field(description="The easier variant on offer after a pain stop.")
    pain_baseline: int | None
    pain_last: int | None
    load_factor: float
    status: str | None = Field(description="None while running; completed | stopped | quit.")
    plan: list[str]


class SessionEventOut(BaseModel):
    """One engine event, numbered. Cues carry `text` (to show and speak); decisions and safety
    stops carry `message` (one sentence). The event's other fields are passed through."""

    model_config = ConfigDict(extra="allow")

    seq: int
    kind: str
    t: float
    text: str | None = None
    what: str | None = None
    message: str | None = None


class SessionStateOut(BaseModel):
    id: int
    view: SessionViewOut
    events: list[SessionEventOut]
    last_seq: int
    finished: bool
    ended_at_start: bool = Field(description="A red flag or high pain ended it before exercising.")
    pain_after: int | None
    summary_url: str
    begun: bool = Field(description="The person has pressed or reported something already.")
    up_next: str | None = Field(
        description="One line on what comes next: during a rest the next side, set or "
        "exercise (with its dosage), else the next exercise.")
    stop_rest_total: float | None = Field(
        description="After a pain stop: the rest asked for before carrying on, in seconds.")
    stop_rest_remaining: float | None = Field(description="Seconds of that rest still to go.")
    after_title: str = Field(description="The heading over the pain-after question.")
    can_carry_on: bool = Field(
        description="After a pain stop: rested and a fresh pain rating judged fine, so "
        "accept_easier is allowed.")


class CommandIn(BaseModel):
    command: Command = Field(
        description="rep: a rep done (with a hold: starts it, or ends it early); pause / resume "
        "/ toggle_pause; next: end a rest early; skip: skip this exercise; repeat: redo this set; "
        "quit: end the session; accept_easier: carry on with the easier variant after a pain stop"
    )


class PainIn(BaseModel):
    score: int = Field(ge=0, le=10, description="0 = no pain, 10 = the worst imaginable.")
    sharp_leg_pain: bool = Field(False, description="Sharp or shooting pain down the leg.")


class PainAfterIn(BaseModel):
    score: int = Field(ge=0, le=10)


class StoredSetOut(BaseModel):
    id: int | None = None
    side: str | None
    set_index: int
    reps_target: int
    reps_done: int
    holds: list[float]
    skipped: bool
    source: str
    started_at: str
    ended_at: str


class StoredExerciseOut(BaseModel):
    exercise_id: str
    sets: list[StoredSetOut]


class StoredPainOut(BaseModel):
    score: int
    moment: str
    at: str
    exercise_id: str | None
    sharp_leg_pain: bool
    note: str | None


class StoredDecisionOut(BaseModel):
    kind: str
    message: str
    at: str
    exercise_id: str | None


class StoredSessionOut(BaseModel):
    """A session as stored: sets per exercise, pain reports and safety decisions."""

    id: int
    started_at: str
    ended_at: str | None
    status: str = Field(description="completed | stopped | quit | interrupted")
    plan: list[str]
    pain_before: int | None
    pain_after: int | None
    exercises: list[StoredExerciseOut]
    pain: list[StoredPainOut]
    decisions: list[StoredDecisionOut]


SessionsDep = Annotated[LiveSessions, Depends(get_sessions)]
StoreDep = Annotated[Store, Depends(get_store)]


def _live(sessions: LiveSessions, sid: int) -> LiveSession:
    live = sessions.get(sid)
    if live is None:
        raise HTTPException(
            status_code=404,
            detail=f"Session {sid} is not running here (it has ended, or BackCoach restarted).",
        )
    return live


def _event_out(event: dict[str, Any]) -> dict[str, Any]:
    out = dict(event)
    record = out.get("record")
    if event["kind"] == "decision" and isinstance(record, dict):
        out["message"] = record.get("message")
    return out


def state_of(live: LiveSession, since: int = 0) -> SessionStateOut:
    """The state a player draws: the engine's view, new events and what the page adds."""
    with live.lock:
        view = live.engine.view()
        events = live.events_since(since)
        last = live.seq
        rest = live.stop_rest_remaining()
        can_carry_on = live.can_carry_on()
    return SessionStateOut.model_validate(
        {
            "id": live.id,
            "view": asdict(view),
            "events": [_event_out(e) for e in events],
            "last_seq": last,
            "finished": live.engine.finished,
            "ended_at_start": live.ended_at_start,
            "pain_after": live.engine.pain_after,
            "summary_url": f"/session/{live.id}/summary",
            "begun": live.begun,
            "up_next": coming_next(view),
            "stop_rest_total": STOP_REST_S if rest is not None else None,
            "stop_rest_remaining": rest,
            "can_carry_on": can_carry_on,
            "after_title": after_title(view.status),
        }
    )


SinceQuery = Annotated[int, Query(ge=0, description="Return events after this seq.")]


@router.get("/{sid}", response_model=SessionStateOut, responses=NOT_RUNNING,
            summary="State of a running session")
def get_state(sid: int, sessions: SessionsDep, since: SinceQuery = 0) -> SessionStateOut:
    live = _live(sessions, sid)
    live.tick()
    return state_of(live, since)


@router.post("/{sid}/commands", response_model=SessionStateOut, responses=NOT_RUNNING,
             summary="Send a player command")
def send_command(
    sid: int, body: CommandIn, sessions: SessionsDep, since: SinceQuery = 0
) -> SessionStateOut:
    live = _live(sessions, sid)
    live.command(body.command)
    return state_of(live, since)


@router.post("/{sid}/pain", response_model=SessionStateOut, responses=NOT_RUNNING,
             summary="Report pain during the session")
def report_pain(
    sid: int, body: PainIn, sessions: SessionsDep, since: SinceQuery = 0
) -> SessionStateOut:
    live = _live(sessions, sid)
    live.report_pain(body.score, body.sharp_leg_pain)
    return state_of(live, since)


@router.post("/{sid}/pain-after", response_model=SessionStateOut, responses=NOT_RUNNING,
             summary="Report pain after the session (ends it if still running)")
def report_pain_after(
    sid: int, body: PainAfterIn, sessions: SessionsDep, since: SinceQuery = 0
) -> SessionStateOut:
    live = _live(sessions, sid)
    live.report_pain_after(body.score)
    return state_of(live, since)


@router.get("/{sid}/record", response_model=StoredSessionOut,
            responses={404: {"description": "No session with this id."}},
            summary="A session as stored (running or finished)")
def stored_session(sid: int, store: StoreDep) -> StoredSessionOut:
    return StoredSessionOut.model_validate(store.session_detail(sid))
