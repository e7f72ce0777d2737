"""The engine's phases, the steps it walks, and the snapshot players draw."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Phase(StrEnum):
    READY = "ready"          # built, not started
    MOVE = "move"            # waiting for the next rep
    HOLD = "hold"            # a hold is counting down
    REST = "rest"            # resting before the next set, side or exercise
    PAUSED = "paused"
    PAIN_STOP = "pain_stop"  # stopped for pain: rest, then easier variant, skip or quit
    DONE = "done"


@dataclass(frozen=True)
class Step:
    """One set of one plan item on its side(s): () none, ("left",) per side, both alternating."""

    item: int
    set_no: int
    sides: tuple[str, ...]


@dataclass(frozen=True)
class SessionView:
    """Everything a player draws, at one moment."""

    phase: str
    paused: bool
    exercise_id: str | None
    exercise_name: str | None
    instruction: str | None
    note: str | None
    exercise_index: int
    exercise_count: int
    side: str | None                 # the side to move next
    mode: str | None                 # "none" | "per_side" | "alternating"
    set_no: int
    sets: int
    reps_done: int                   # on the current side (all reps without sides)
    reps_target: int                 # per side
    reps_by_side: dict[str, int]
    hold_total: float | None
    hold_remaining: float | None
    rest_total: float | None
    rest_remaining: float | None
    next_up: str | None
    message: str | None              # the last decision or cue worth showing
    offer: str | None                # the easier variant on offer after a pain stop
    pain_baseline: int | None
    pain_last: int | None
    load_factor: float
    status: str | None
    plan: list[str] = field(default_factory=list)
