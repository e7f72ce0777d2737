"""Plain names for the catalogue fields that can be BackCoach defaults (`Exercise.defaults`)."""

from __future__ import annotations

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
