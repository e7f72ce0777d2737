"""How catalogue data reads on a page: dosage, holds, distances and which values are defaults."""

from __future__ import annotations

from dataclasses import dataclass

from backcoach.catalog import Exercise

# Plain names for the catalogue fields that can be BackCoach defaults.
FIELD_LABELS = {
    "reps": "number of repetitions",
    "per_side": "doing it on each side",
    "alternating": "alternating sides",
    "hold_seconds": "hold time",
    "sets": "number of sets",
    "tempo_seconds": "pace",
    "rest_seconds": "rest between sets",
    "purpose": "what it is for",
    "cautions": "cautions",
    "camera": "camera settings",
    "distances": "distances",
    "angles": "angles",
}

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


def _range(lo: float, hi: float, unit: str) -> str:
    return f"{lo:g} {unit}" if lo == hi else f"{lo:g}–{hi:g} {unit}"


def hold_text(ex: Exercise) -> str | None:
    """'hold 5–10 s', or None for an exercise without a hold."""
    h = ex.dosage.hold_seconds
    return f"hold {_range(h.min, h.max, 's')}" if h else None


def reps_text(ex: Exercise) -> str:
    """'10 reps each leg', '10 reps each side, alternating' or '10 reps'."""
    d = ex.dosage
    text = f"{d.reps} reps"
    if d.per_side:
        text += " each side"
    elif d.alternating:
        text += " each side, alternating"
    if d.sets > 1:
        text = f"{d.sets} sets of {text}"
    return text


def dosage_text(ex: Exercise) -> str:
    """The dosage in one line: reps, sides and hold."""
    hold = hold_text(ex)
    return f"{reps_text(ex)}, {hold}" if hold else reps_text(ex)


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
