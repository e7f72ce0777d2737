"""The exercise schema: every catalogue file is validated into these frozen models at load."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Posture(StrEnum):
    """Starting posture; its rank orders a session so the person gets up and down least."""

    SUPINE = "supine"
    HANDS_AND_KNEES = "hands-and-knees"
    SEATED_BALL = "seated-ball"
    STANDING_WALL = "standing-wall"

    @property
    def rank(self) -> int:
        return list(Posture).index(self)


class Purpose(StrEnum):
    STRETCH = "stretch"
    STRENGTHEN = "strengthen"
    STABILISE = "stabilise"
    MOBILISE = "mobilise"


class Seconds(Frozen):
    """A duration range in seconds (min == max for an exact figure)."""

    min: float = Field(gt=0)
    max: float = Field(gt=0)

    @model_validator(mode="after")
    def _ordered(self) -> Seconds:
        if self.min > self.max:
            raise ValueError(f"min {self.min} is above max {self.max}")
        return self


class Distance(Frozen):
    """A distance the exercise asks for, in the source's inches and in centimetres."""

    what: str
    min_in: float = Field(ge=0)
    max_in: float = Field(ge=0)
    min_cm: float = Field(ge=0)
    max_cm: float = Field(ge=0)

    @model_validator(mode="after")
    def _consistent(self) -> Distance:
        if self.min_in > self.max_in or self.min_cm > self.max_cm:
            raise ValueError(f"{self.what}: min is above max")
        for inches, cm in ((self.min_in, self.min_cm), (self.max_in, self.max_cm)):
            if abs(inches * 2.54 - cm) > 0.25 * max(1.0, inches):
                raise ValueError(f"{self.what}: {inches} in is not about {cm} cm")
        return self

    def label(self) -> str:
        def fmt(a: float, b: float, unit: str) -> str:
            a_s, b_s = f"{a:g}", f"{b:g}"
            return f"{a_s} {unit}" if a == b else f"{a_s}–{b_s} {unit}"

        return f"{fmt(self.min_in, self.max_in, 'in')} ({fmt(self.min_cm, self.max_cm, 'cm')})"


class Angle(Frozen):
    """A joint angle the exercise asks for, in degrees."""

    what: str
    degrees: float = Field(gt=0, le=180)


class Dosage(Frozen):
    """How much to do. For per-side and alternating exercises, `reps` counts each side."""

    reps: int = Field(gt=0, le=100)
    per_side: bool
    alternating: bool
    hold_seconds: Seconds | None = None
    sets: int = Field(default=1, gt=0, le=10)
    tempo_seconds: float = Field(gt=0, description="How long one movement takes at a slow pace.")
    rest_seconds: float = Field(ge=0, description="Rest after a set (and between sides).")

    @model_validator(mode="after")
    def _side_mode(self) -> Dosage:
        if self.per_side and self.alternating:
            raise ValueError("an exercise is either done per side or alternating, not both")
        return self


class Camera(Frozen):
    """What the camera coach needs: the view, the analyzer, its thresholds, faults and cues."""

    view: Literal["side", "front", "side-or-front"]
    analyzer: str
    thresholds: dict[str, float]
    faults: dict[str, str] = Field(
        default_factory=dict, description="Fault id -> the cue said when it happens."
    )
    cues: dict[str, str] = Field(default_factory=dict, description="Other cue ids -> text.")

    @model_validator(mode="after")
    def _jitter_limit_positive(self) -> Camera:
        # rest_jitter_max: above this wander of the measured value at rest (its units, e.g.
        # degrees) the coach stops counting and asks the person to come closer
        limit = self.thresholds.get("rest_jitter_max")
        if limit is not None and not limit > 0:
            raise ValueError(f"rest_jitter_max must be above 0, not {limit}")
        return self


# Field names that may appear in `defaults` (fields whose value is ours, not the source's).
DEFAULTABLE = {
    "reps", "per_side", "alternating", "hold_seconds", "sets", "tempo_seconds",
    "rest_seconds", "purpose", "cautions", "camera", "distances", "angles",
}


class Exercise(Frozen):
    """One exercise of the catalogue."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    name: str
    posture: Posture
    position: str
    equipment: list[str] = Field(min_length=1)
    summary: str
    steps: list[str] = Field(min_length=2)
    dosage: Dosage
    distances: list[Distance] = Field(default_factory=list)
    angles: list[Angle] = Field(default_factory=list)
    purpose: list[Purpose] = Field(min_length=1)
    cautions: list[str] = Field(min_length=1)
    camera: Camera
    defaults: list[str] = Field(
        description="Names of fields whose value is a BackCoach default, not stated by the source."
    )
    notes: list[str] = Field(default_factory=list, description="Why each default was chosen.")

    @model_validator(mode="after")
    def _defaults_known(self) -> Exercise:
        unknown = set(self.defaults) - DEFAULTABLE
        if unknown:
            raise ValueError(f"unknown field names in defaults: {sorted(unknown)}")
        return self

    @property
    def sides(self) -> list[str | None]:
        """Sides walked in order: per-side and alternating exercises have two, others one."""
        if self.dosage.per_side or self.dosage.alternating:
            return ["left", "right"]
        return [None]

    def to_summary_dict(self) -> dict:
        """The flat JSON object that `backcoach exercises --json` prints."""
        d = self.dosage
        return {
            "id": self.id,
            "name": self.name,
            "position": self.position,
            "posture": self.posture.value,
            "equipment": list(self.equipment),
            "reps": d.reps,
            "per_side": d.per_side,
            "alternating": d.alternating,
            "hold_seconds": d.hold_seconds.model_dump() if d.hold_seconds else None,
            "sets": d.sets,
            "rest_seconds": d.rest_seconds,
            "distances": [x.model_dump() for x in self.distances],
            "angles": [x.model_dump() for x in self.angles],
            "purpose": [p.value for p in self.purpose],
            "summary": self.summary,
            "steps": list(self.steps),
            "cautions": list(self.cautions),
            "camera_view": self.camera.view,
            "defaults": list(self.defaults),
        }
