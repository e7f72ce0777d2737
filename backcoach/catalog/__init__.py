"""The exercise catalogue: nine exercises as validated data, plus the education page."""

from backcoach.catalog.loader import (
    EXERCISE_IDS,
    education_text,
    get_exercise,
    load_catalog,
    load_exercise_file,
    session_order,
)
from backcoach.catalog.schema import Camera, Distance, Dosage, Exercise, Posture, Purpose, Seconds

__all__ = [
    "EXERCISE_IDS",
    "Camera",
    "Distance",
    "Dosage",
    "Exercise",
    "Posture",
    "Purpose",
    "Seconds",
    "education_text",
    "get_exercise",
    "load_catalog",
    "load_exercise_file",
    "session_order",
]
