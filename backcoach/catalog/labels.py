"""Plain wording for catalogue data: dosage lines and the names of defaultable fields."""

from __future__ import annotations

from backcoach.catalog.schema import Exercise

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


def field_label(name: str) -> str:
    """The plain name of a defaultable field ("tempo_seconds" -> "pace")."""
    return FIELD_LABELS.get(name, name.replace("_", " "))


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
