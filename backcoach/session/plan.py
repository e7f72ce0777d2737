"""Session plans: the ordered exercises with reps, sides, hold, sets and rest for each.

A plan is built from the catalogue (default: all nine in `session_order()`), can be overridden
item by item (a clinician's prescription) and scaled down by a load factor.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from backcoach.catalog import Exercise, get_exercise, session_order
from backcoach.session.rules import CueData, load_rules

Mode = Literal["none", "per_side", "alternating"]
HoldChoice = Literal["min", "max"]


@dataclass(frozen=True)
class PlanItem:
    """One exercise in a plan. `reps` counts each side for per-side and alternating exercises."""

    exercise_id: str
    name: str
    instruction: str
    mode: Mode
    sides: tuple[str, ...]          # walked order; () without sides; alternating: starting first
    reps: int
    hold_seconds: float | None
    sets: int
    rest_seconds: float
    cues: dict[str, str] = field(default_factory=dict)   # catalogue cues: start / hold / down / up
    note: str | None = None         # how this item differs, e.g. the easier variant's text
    load_factor: float = 1.0

    @property
    def reps_per_set(self) -> int:
        """Movements in one set of the walk: alternating sets hold both sides' reps."""
        return self.reps * len(self.sides) if self.mode == "alternating" else self.reps


class ItemOverride(BaseModel):
    """Changes to one plan item (all optional), e.g. from a clinician's prescription."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    reps: int | None = Field(default=None, gt=0, le=100)
    hold_seconds: float | None = Field(default=None, ge=0, le=120)   # 0 = no hold
    sets: int | None = Field(default=None, gt=0, le=10)
    rest_seconds: float | None = Field(default=None, ge=0, le=600)
    sides: list[Literal["left", "right"]] | None = Field(default=None, min_length=1, max_length=2)


def _mode(ex: Exercise) -> Mode:
    if ex.dosage.per_side:
        return "per_side"
    if ex.dosage.alternating:
        return "alternating"
    return "none"


def plan_item(
    exercise_id: str,
    *,
    hold: HoldChoice = "min",
    override: ItemOverride | None = None,
    cues: CueData | None = None,
) -> PlanItem:
    """One plan item from the catalogue's dosage, with an optional override applied."""
    ex = get_exercise(exercise_id)
    cues = cues or load_rules().cues
    d = ex.dosage
    mode = _mode(ex)
    sides: tuple[str, ...] = ()
    if mode != "none":
        first = cues.first_side.get(ex.id, "left")
        sides = (first, "right" if first == "left" else "left")
    hold_s = None
    if d.hold_seconds is not None:
        hold_s = d.hold_seconds.min if hold == "min" else d.hold_seconds.max
    item = PlanItem(
        exercise_id=ex.id,
        name=ex.name,
        instruction=ex.summary,
        mode=mode,
        sides=sides,
        reps=d.reps,
        hold_seconds=hold_s,
        sets=d.sets,
        rest_seconds=d.rest_seconds,
        cues=dict(ex.camera.cues),
    )
    return apply_override(item, override) if override else item


def apply_override(item: PlanItem, override: ItemOverride) -> PlanItem:
    """The item with the override's fields replaced; sides only change for two-sided items."""
    changes: dict = {}
    if override.reps is not None:
        changes["reps"] = override.reps
    if override.hold_seconds is not None:
        changes["hold_seconds"] = override.hold_seconds or None
    if override.sets is not None:
        changes["sets"] = override.sets
    if override.rest_seconds is not None:
        changes["rest_seconds"] = override.rest_seconds
    if override.sides is not None:
        if item.mode == "none":
            raise ValueError(f"{item.exercise_id} has no sides to choose")
        if item.mode == "alternating" and len(set(override.sides)) != 2:
            raise ValueError(f"{item.exercise_id} alternates: give both sides, starting one first")
        changes["sides"] = tuple(dict.fromkeys(override.sides))
    return replace(item, **changes)


def build_plan(
    exercise_ids: list[str] | None = None,
    *,
    hold: HoldChoice = "min",
    overrides: dict[str, ItemOverride] | None = None,
    load_factor: float = 1.0,
) -> list[PlanItem]:
    """A plan: all nine in session order by default, else the given ids in the given order.

    Unknown ids raise UnknownExerciseError.
    """
    ids = session_order() if exercise_ids is None else [get_exercise(i).id for i in exercise_ids]
    overrides = overrides or {}
    for key in overrides:
        get_exercise(key)
    plan = [plan_item(i, hold=hold, override=overrides.get(i)) for i in ids]
    return scale_plan(plan, load_factor) if load_factor != 1.0 else plan


def scale_item(
    item: PlanItem,
    factor: float,
    *,
    reps_factor: float | None = None,
    hold_factor: float | None = None,
    min_reps: int | None = None,
    min_hold_seconds: float | None = None,
) -> PlanItem:
    """Fewer reps and shorter holds, never below the minimums nor above the item's own values.

    `factor` scales both; `reps_factor`/`hold_factor` set them apart. Rest is kept.
    """
    if not 0 < factor <= 1:
        raise ValueError(f"a load factor is in (0, 1], not {factor}")
    load = load_rules().load
    min_reps = load.min_reps if min_reps is None else min_reps
    min_hold = load.min_hold_seconds if min_hold_seconds is None else min_hold_seconds
    rf = factor if reps_factor is None else reps_factor
    hf = factor if hold_factor is None else hold_factor
    reps = max(min(item.reps, min_reps), math.floor(item.reps * rf + 0.5))
    hold = item.hold_seconds
    if hold is not None:
        hold = max(min(hold, min_hold), float(math.floor(hold * hf + 0.5)))
    return replace(item, reps=reps, hold_seconds=hold, load_factor=item.load_factor * rf)


def scale_plan(plan: list[PlanItem], factor: float) -> list[PlanItem]:
    """Every item scaled by the same load factor."""
    return [scale_item(item, factor) for item in plan]


def describe_item(item: PlanItem) -> str:
    """A short dosage label, e.g. '10 each side, hold 10 s'."""
    text = f"{item.reps}"
    if item.mode == "per_side":
        text += " each side" if len(item.sides) == 2 else f" {item.sides[0]} side"
    elif item.mode == "alternating":
        text += " each side, alternating"
    if item.sets > 1:
        text = f"{item.sets} x {text}"
    if item.hold_seconds:
        text += f", hold {item.hold_seconds:g} s"
    return text
