"""Plain records passed to and from the store, independent of SQLAlchemy."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class SetRecord:
    """One finished set of one exercise on one side (or both, for two-sided exercises)."""

    exercise_id: str
    side: str | None                 # "left", "right", or None
    set_index: int                   # 1-based within this exercise and side
    reps_target: int
    reps_done: int
    started_at: datetime
    ended_at: datetime
    holds: list[float] = field(default_factory=list)   # seconds held, one per rep with a hold
    skipped: bool = False
    source: str = "manual"           # "manual" (taps/keys) or "camera"
    reps: list[dict[str, Any]] = field(default_factory=list)  # camera RepRecord dicts, if any


@dataclass(frozen=True)
class PainRecord:
    score: int                       # 0-10 numeric pain rating
    moment: str                      # "before", "during", "after", "next-morning"
    at: datetime
    exercise_id: str | None = None
    sharp_leg_pain: bool = False
    note: str | None = None


@dataclass(frozen=True)
class DecisionRecord:
    """A safety decision and the one sentence that explained it to the person."""

    kind: str        # e.g. "stop_exercise", "lower_load", "red_flag", "easier_variant"
    message: str
    at: datetime
    exercise_id: str | None = None
