"""Typed events the session engine emits; players render them and the recorder stores them.

Every event has `t` (the engine clock, seconds) and `kind` (a short string for JSON).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from backcoach.store.records import DecisionRecord, PainRecord, SetRecord


@dataclass(frozen=True)
class Cue:
    """Text to show and, with voice on, to say."""

    t: float
    text: str
    what: str                 # which cue: "exercise_start", "set_start", "rep", "hold", "rest", ...
    kind: str = "cue"


@dataclass(frozen=True)
class Countdown:
    """A hold or rest timer ticked past a whole second."""

    t: float
    phase: str                # "hold" | "rest"
    remaining: float
    total: float
    kind: str = "countdown"


@dataclass(frozen=True)
class ExerciseStarted:
    t: float
    exercise_id: str
    name: str
    instruction: str
    index: int                # 0-based position in the plan
    total: int
    kind: str = "exercise_started"


@dataclass(frozen=True)
class RepCompleted:
    """One rep counted (a key press, a finished hold, or a camera rep)."""

    t: float
    exercise_id: str
    side: str | None
    count: int                # reps done on this side in this set (all reps without sides)
    target: int               # reps per side (per set without sides)
    hold_seconds: float | None
    source: str               # "manual" | "camera"
    kind: str = "rep"


@dataclass(frozen=True)
class SetCompleted:
    """A set ended (finished, cut short or skipped); `record` is ready for the store."""

    t: float
    record: SetRecord
    kind: str = "set"


@dataclass(frozen=True)
class RestStarted:
    t: float
    seconds: float
    next_up: str              # what comes after the rest, e.g. "Heel slides" or "right side"
    kind: str = "rest"


@dataclass(frozen=True)
class ExerciseCompleted:
    t: float
    exercise_id: str
    skipped: bool = False
    kind: str = "exercise_completed"


@dataclass(frozen=True)
class PainReported:
    """A pain score given before, during or after the session; `record` is for the store."""

    t: float
    record: PainRecord
    kind: str = "pain"


@dataclass(frozen=True)
class Decision:
    """A safety or load decision and the one sentence that explains it to the person."""

    t: float
    record: DecisionRecord
    kind: str = "decision"

    @property
    def message(self) -> str:
        return self.record.message


@dataclass(frozen=True)
class EasierOffer:
    """The easier way to carry on after a pain stop."""

    exercise_id: str
    text: str                 # the one-line offer shown to the person
    reps: int
    hold_seconds: float | None
    swap_to: str | None = None


@dataclass(frozen=True)
class SafetyStopped:
    """The safety rules stopped the exercise (or the session); the UI shows `message`."""

    t: float
    reason: str               # "red_flag" | "pain_before" | "pain_high" | "pain_rise" | "leg_pain"
    message: str
    exercise_id: str | None = None
    offer: EasierOffer | None = None
    session_ends: bool = False
    kind: str = "safety_stop"


@dataclass(frozen=True)
class Paused:
    t: float
    paused: bool              # True when pausing, False when resuming
    kind: str = "paused"


@dataclass(frozen=True)
class SessionCompleted:
    t: float
    status: str               # "completed" | "stopped" | "quit"
    ended_at: datetime
    sets_done: int
    exercises_done: list[str] = field(default_factory=list)
    kind: str = "session_completed"


Event = (
    Cue | Countdown | ExerciseStarted | RepCompleted | SetCompleted | RestStarted
    | ExerciseCompleted | PainReported | Decision | SafetyStopped | Paused | SessionCompleted
)


def event_to_dict(event: Event) -> dict[str, Any]:
    """A JSON-ready dict of any session event (datetimes as ISO strings)."""

    def fix(value: Any) -> Any:
        if isinstance(value, datetime):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: fix(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [fix(v) for v in value]
        return value

    return fix(asdict(event))
