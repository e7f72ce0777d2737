"""JSON API for the catalogue (documented in the OpenAPI schema at /api/docs)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from backcoach.catalog import get_exercise, load_catalog

router = APIRouter(prefix="/api", tags=["catalogue"])


class HoldRange(BaseModel):
    min: float
    max: float


class DistanceOut(BaseModel):
    what: str
    min_in: float
    max_in: float
    min_cm: float
    max_cm: float


class AngleOut(BaseModel):
    what: str
    degrees: float


class ExerciseOut(BaseModel):
    """One exercise as `backcoach exercises --json` prints it, plus its picture URLs."""

    id: str
    name: str
    position: str
    posture: str
    equipment: list[str]
    reps: int
    per_side: bool
    alternating: bool
    hold_seconds: HoldRange | None
    sets: int
    rest_seconds: float
    distances: list[DistanceOut]
    angles: list[AngleOut]
    purpose: list[str]
    summary: str
    steps: list[str]
    cautions: list[str]
    camera_view: str
    defaults: list[str]
    illustrations: dict[str, str]


def _out(exercise_id: str) -> ExerciseOut:
    ex = get_exercise(exercise_id)
    base = f"/illustrations/{ex.id}"
    pictures = {"start": f"{base}-start.svg", "end": f"{base}-end.svg", "rep": f"{base}-rep.svg"}
    return ExerciseOut.model_validate({**ex.to_summary_dict(), "illustrations": pictures})


@router.get("/exercises", response_model=list[ExerciseOut], summary="The nine exercises")
def list_exercises() -> list[ExerciseOut]:
    return [_out(i) for i in load_catalog()]


@router.get(
    "/exercises/{exercise_id}",
    response_model=ExerciseOut,
    summary="One exercise",
    responses={404: {"description": "Unknown exercise id; the message lists the valid ids."}},
)
def one_exercise(exercise_id: str) -> ExerciseOut:
    return _out(exercise_id)
