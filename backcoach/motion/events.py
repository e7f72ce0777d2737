"""Typed values the camera coach emits: rep records and the events that stream out live.

PoseFrame -> analyzer -> RepCompleted / HoldProgress / FormCue / VisibilityWarning
-> CLI, web, store.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class RepRecord:
    """One counted repetition: side, timing, range of motion, hold and faults."""

    index: int                      # 1-based, over the whole analysis
    side: str | None                # "left", "right" or None for two-footed exercises
    start: float                    # seconds from the start of the input
    end: float
    peak_angle: float | None        # the measured angle at the rep's extreme (range of motion)
    hold_seconds: float | None      # time held in the target band, None if the exercise has no hold
    tempo_seconds: float            # end - start
    faults: tuple[str, ...] = ()
    metric: str = ""                # what peak_angle measures, e.g. "knee angle"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["faults"] = list(self.faults)
        return d


@dataclass(frozen=True)
class RepCompleted:
    t: float
    rep: RepRecord
    kind: str = "rep"


@dataclass(frozen=True)
class HoldProgress:
    t: float
    side: str | None
    elapsed: float
    target: float
    kind: str = "hold"


@dataclass(frozen=True)
class FormCue:
    t: float
    cue: str            # a fault id or cue id from the catalogue's camera section
    text: str
    side: str | None = None
    kind: str = "cue"


@dataclass(frozen=True)
class VisibilityWarning:
    """The coach cannot see well enough and is not counting."""

    t: float
    reason: str         # a key of gate.MESSAGES, e.g. "no_person", "low_visibility", "unsteady"
    text: str           # what the person should do, e.g. "Move so your whole body is in view."
    kind: str = "visibility"


@dataclass(frozen=True)
class VisibilityRestored:
    t: float
    kind: str = "visible"


Event = RepCompleted | HoldProgress | FormCue | VisibilityWarning | VisibilityRestored


def event_to_dict(event: Event) -> dict[str, Any]:
    """A JSON-ready dict of any event (the web socket and --json output use this)."""
    d = asdict(event)
    if isinstance(event, RepCompleted):
        d["rep"] = event.rep.to_dict()
    return d


@dataclass(frozen=True)
class FrameStatus:
    """What the analyzer measured on the latest frame, for overlays and live display."""

    t: float
    metric: str = ""
    value: float | None = None
    phase: str = "idle"
    count: int = 0
    side: str | None = None
    hold_elapsed: float | None = None
    cue: str | None = None
    visible: bool = True
    extra: dict[str, float] = field(default_factory=dict)
