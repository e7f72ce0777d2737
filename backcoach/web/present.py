"""How data reads on a page: dosage, holds, defaults, and figures, times and units.

Dosage wording is shared with the command line (backcoach.catalog.labels)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from backcoach.catalog import Exercise
from backcoach.catalog.labels import FIELD_LABELS, hold_text, reps_text
from backcoach.session import SessionView

POSTURE_LABELS = {
    "supine": "Lying on your back",
    "hands-and-knees": "On hands and knees",
    "seated-ball": "Sitting on a ball",
    "standing-wall": "Standing at a wall",
}

PURPOSE_LABELS = {
    "stretch": "Stretch",
    "strengthen": "Strengthen",
    "stabilise": "Stabilise",
    "mobilise": "Mobilise",
}


@dataclass(frozen=True)
class Illustrations:
    """URLs of an exercise's pictures (served from the package)."""

    start: str
    end: str
    rep: str


def illustrations(exercise_id: str) -> Illustrations:
    base = f"/illustrations/{exercise_id}"
    return Illustrations(start=f"{base}-start.svg", end=f"{base}-end.svg", rep=f"{base}-rep.svg")


def is_default(ex: Exercise, field: str) -> bool:
    """True when this field's value is BackCoach's choice, not the source's word."""
    return field in ex.defaults


def default_labels(ex: Exercise) -> list[str]:
    """The plain names of the fields that are BackCoach defaults."""
    return [FIELD_LABELS.get(name, name.replace("_", " ")) for name in ex.defaults]


@dataclass(frozen=True)
class DosageRow:
    label: str
    value: str
    default: bool       # True: BackCoach's choice; False: the source's word


def dosage_rows(ex: Exercise) -> list[DosageRow]:
    """The dosage as labelled rows, each saying whether the source or BackCoach set it."""
    d = ex.dosage
    side_fields = {"reps", "per_side", "alternating", "sets"}
    rows = [DosageRow("Repetitions", reps_text(ex), bool(side_fields & set(ex.defaults)))]
    hold = hold_text(ex)
    rows.append(
        DosageRow("Hold", hold[5:] if hold else "No hold", is_default(ex, "hold_seconds"))
    )
    for dist in ex.distances:
        rows.append(DosageRow(dist.what.capitalize(), dist.label(), is_default(ex, "distances")))
    for ang in ex.angles:
        rows.append(DosageRow(ang.what.capitalize(), f"{ang.degrees:g}°", is_default(ex, "angles")))
    pace = f"about {d.tempo_seconds:g} s per movement"
    rows.append(DosageRow("Pace", pace, is_default(ex, "tempo_seconds")))
    rest = f"{d.rest_seconds:g} s"
    rows.append(DosageRow("Rest after a set", rest, is_default(ex, "rest_seconds")))
    return rows


def num(value: float | None, digits: int = 1) -> str:
    """A figure for a page: "–" when missing, no trailing ".0"."""
    if value is None:
        return "–"
    text = f"{value:.{digits}f}"
    return text[:-2] if text.endswith(".0") else text


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}%"


def seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} s"


def measure(value: float | None, unit: str = "°", digits: int = 1) -> str:
    """A measured value with its unit: "118.5°", "0.4 shank lengths", "–"."""
    if value is None:
        return "–"
    return f"{num(value, digits)}{'' if unit == '°' else ' '}{unit}"


def when(value: str | datetime | None, fmt: str = "%a %-d %b %Y, %H:%M") -> str:
    """A stored (UTC, ISO) time in this computer's time zone, for a page."""
    if value is None or value == "":
        return "–"
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.astimezone().strftime(fmt)


def clock_time(value: str | datetime | None) -> str:
    return when(value, "%H:%M:%S")


def holds_text(holds: list[float]) -> str:
    """Hold times of a set: each one when few, else their mean and range."""
    if not holds:
        return "–"
    if len(holds) <= 3:
        return ", ".join(f"{num(h)} s" for h in holds)
    mean = sum(holds) / len(holds)
    low, high = min(holds), max(holds)
    spread = f"{num(low)} s" if num(low) == num(high) else f"{num(low)}–{num(high)} s"
    return f"{len(holds)} holds, mean {num(mean)} s ({spread})"


def view_dosage(view: SessionView) -> str:
    """The current plan item's dosage as the engine holds it (after any lowered load):
    '2 sets of 10 reps each side, hold 5 s'."""
    text = f"{view.reps_target} reps"
    if view.mode == "per_side":
        text += " each side"
    elif view.mode == "alternating":
        text += " each side, alternating"
    if view.sets > 1:
        text = f"{view.sets} sets of {text}"
    return f"{text}, hold {view.hold_total:g} s" if view.hold_total else text


def coming_next(view: SessionView) -> str | None:
    """One line under the player: during a rest, what the rest leads to (the next side, set
    or exercise with its dosage) without repeating the heading; otherwise the next exercise."""
    if not view.next_up:
        return None
    if view.rest_remaining is None:
        return f"Next up: {view.next_up}"
    if view.next_up == view.exercise_name:
        return f"Coming up: {view_dosage(view)}"
    reps = f"{view.reps_target} reps" + (
        f", hold {view.hold_total:g} s" if view.hold_total else "")
    if view.next_up == f"set {view.set_no}":
        side = f", {view.side} side" if view.side and view.mode == "per_side" else ""
        return f"Coming up: set {view.set_no} of {view.sets}{side}, {reps}"
    return f"Coming up: {view.next_up}, {reps}"


AFTER_TITLES = {
    "completed": "Well done. How is your back now?",
    "stopped": "Stopping when it hurt was the right call. How is your back now?",
    "quit": "Thank you for what you did today. How is your back now?",
}


def after_title(status: str | None) -> str:
    """The heading over the pain-after question: praise only for a completed session."""
    return AFTER_TITLES.get(status or "", "How is your back now?")


def plan_position(finished: bool, begun: bool, index: int, count: int) -> str:
    """The player's header line."""
    if finished:
        return "Session over"
    if not begun:
        return "Getting ready"
    return f"Exercise {index + 1} of {count}"
