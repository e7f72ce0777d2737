"""Safety and cue data for guided sessions, validated into frozen models at load.

The files live in `backcoach/session/data/`: screening.yaml (red flags), pain.yaml (the pain
rule), load.yaml (next-morning load reduction), easier.yaml (easier variants) and cues.yaml
(what the session says). Each decision message must be a single sentence; a file that breaks
that, or uses an unknown placeholder, fails to load.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from backcoach.catalog import EXERCISE_IDS
from backcoach.errors import CatalogError

_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z]")


def is_one_sentence(text: str) -> bool:
    """True when `text` is one sentence: it ends with . ! or ? and has no break inside."""
    text = text.strip()
    return bool(text) and text[-1] in ".!?" and not _SENTENCE_BREAK.search(text[:-1])


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _check_template(name: str, template: str, allowed: set[str], one_sentence: bool) -> None:
    unknown = _placeholders(template) - allowed
    if unknown:
        raise ValueError(f"{name}: unknown placeholders {sorted(unknown)}")
    if one_sentence and not is_one_sentence(template):
        raise ValueError(f"{name}: must be exactly one sentence: {template!r}")


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RedFlag(Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    short: str
    question: str
    urgent: bool = False


class BriefCheck(Frozen):
    question: str
    full_every_days: int | None = Field(default=None, ge=1)  # full screen again after; None: never


class ScreeningMessages(Frozen):
    cleared: str
    red_flag: str
    red_flag_urgent: str
    brief_red_flag: str
    brief_cleared: str


class ScreeningData(Frozen):
    title: str
    intro: str
    disclaimer: str
    questions: list[RedFlag] = Field(min_length=7)
    brief: BriefCheck
    messages: ScreeningMessages

    @model_validator(mode="after")
    def _check(self) -> ScreeningData:
        ids = [q.id for q in self.questions]
        if len(set(ids)) != len(ids):
            raise ValueError("red-flag ids must be unique")
        for name, text in self.messages.model_dump().items():
            _check_template(f"messages.{name}", text, {"signs"}, one_sentence=True)
        _check_template("brief.question", self.brief.question, {"signs"}, one_sentence=False)
        return self


class PainMessages(Frozen):
    safe: str
    acceptable: str
    stop_high: str
    stop_rise: str
    stop_leg: str
    before_too_high: str
    after_safe: str
    after_acceptable: str
    after_high: str
    after_rise: str


class PainData(Frozen):
    scale_max: int = Field(gt=0)
    safe_max: int = Field(ge=0)
    acceptable_max: int = Field(ge=0)
    rise_stop: int = Field(gt=0)
    messages: PainMessages

    @model_validator(mode="after")
    def _check(self) -> PainData:
        if not self.safe_max <= self.acceptable_max < self.scale_max:
            raise ValueError("need safe_max <= acceptable_max < scale_max")
        allowed = {"score", "baseline", "limit", "rise"}
        for name, text in self.messages.model_dump().items():
            _check_template(f"messages.{name}", text, allowed, one_sentence=True)
        return self


class LoadStep(Frozen):
    min_rise: int = Field(gt=0)
    factor: float = Field(gt=0, lt=1)


class LoadMessages(Frozen):
    lowered: str
    kept: str


class LoadData(Frozen):
    window_hours: float = Field(gt=0)
    steps: list[LoadStep] = Field(min_length=1)
    min_reps: int = Field(ge=1)
    min_hold_seconds: float = Field(gt=0)
    messages: LoadMessages

    @model_validator(mode="after")
    def _check(self) -> LoadData:
        rises = [s.min_rise for s in self.steps]
        factors = [s.factor for s in self.steps]
        if rises != sorted(rises) or factors != sorted(factors, reverse=True):
            raise ValueError("steps must rise in min_rise and fall in factor")
        allowed = {"score", "previous", "percent"}
        for name, text in self.messages.model_dump().items():
            _check_template(f"messages.{name}", text, allowed, one_sentence=True)
        return self

    def factor_for(self, rise: int) -> float:
        """The load factor for a rise in pain (1.0 when no step applies)."""
        factor = 1.0
        for step in self.steps:
            if rise >= step.min_rise:
                factor = step.factor
        return factor


class EasierVariant(Frozen):
    reps_factor: float | None = Field(default=None, gt=0, le=1)
    hold_factor: float | None = Field(default=None, gt=0, le=1)
    text: str
    exercise: str | None = Field(default=None, description="Swap to this gentler exercise.")


class EasierMessages(Frozen):
    offer: str
    accepted: str


class EasierData(Frozen):
    default: EasierVariant
    exercises: dict[str, EasierVariant] = Field(default_factory=dict)
    messages: EasierMessages

    @model_validator(mode="after")
    def _check(self) -> EasierData:
        if self.default.reps_factor is None or self.default.hold_factor is None:
            raise ValueError("the default variant needs reps_factor and hold_factor")
        for key, variant in {"default": self.default, **self.exercises}.items():
            if key != "default" and key not in EXERCISE_IDS:
                raise ValueError(f"easier variant for unknown exercise {key!r}")
            if variant.exercise is not None and variant.exercise not in EXERCISE_IDS:
                raise ValueError(f"{key}: unknown gentler exercise {variant.exercise!r}")
            _check_template(f"{key}.text", variant.text, set(), one_sentence=True)
        _check_template("messages.offer", self.messages.offer, {"variant"}, one_sentence=False)
        _check_template("messages.accepted", self.messages.accepted, {"name"}, one_sentence=True)
        return self

    def variant_for(self, exercise_id: str) -> EasierVariant:
        """The exercise's variant, with factors it leaves out taken from the default."""
        own = self.exercises.get(exercise_id)
        if own is None:
            return self.default
        return own.model_copy(
            update={
                "reps_factor": own.reps_factor or self.default.reps_factor,
                "hold_factor": own.hold_factor or self.default.hold_factor,
            }
        )


class CueData(Frozen):
    exercise_start: str
    set_start: str
    set_start_side: str
    set_start_alternating: str
    set_number: str
    rep: str
    rep_next_side: str
    hold: str
    hold_end: str
    rest: str
    next_side: str
    next_set: str
    next_exercise: str
    paused: str
    resumed: str
    skipped: str
    repeat: str
    finished: str
    quit: str
    side_names: dict[str, str]
    first_side: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _check(self) -> CueData:
        allowed = {"name", "summary", "side", "reps", "count", "seconds", "next", "set", "sets"}
        for name, text in self.model_dump().items():
            if isinstance(text, str):
                _check_template(name, text, allowed, one_sentence=False)
        if set(self.side_names) != {"left", "right"}:
            raise ValueError("side_names needs exactly left and right")
        for ex, side in self.first_side.items():
            if ex not in EXERCISE_IDS or side not in ("left", "right"):
                raise ValueError(f"first_side: bad entry {ex}: {side}")
        return self

    def side(self, side: str | None) -> str:
        return self.side_names.get(side or "", side or "")


class SessionRules(Frozen):
    """All the data a guided session needs, validated."""

    screening: ScreeningData
    pain: PainData
    load: LoadData
    easier: EasierData
    cues: CueData


_FILES: dict[str, tuple[str, type[BaseModel]]] = {
    "screening": ("screening.yaml", ScreeningData),
    "pain": ("pain.yaml", PainData),
    "load": ("load.yaml", LoadData),
    "easier": ("easier.yaml", EasierData),
    "cues": ("cues.yaml", CueData),
}


def _data_dir() -> Path:
    return Path(str(resources.files("backcoach.session") / "data"))


def load_rules_from(folder: Path) -> SessionRules:
    """Read and validate the five session data files in `folder`."""
    parts: dict[str, BaseModel] = {}
    for key, (filename, model) in _FILES.items():
        path = folder / filename
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
            parts[key] = model.model_validate(raw)
        except (OSError, yaml.YAMLError) as exc:
            raise CatalogError(f"cannot read session data {filename}: {exc}") from exc
        except ValidationError as exc:
            raise CatalogError(f"session data {filename} is not valid:\n{exc}") from exc
    return SessionRules.model_validate(parts)


@lru_cache(maxsize=1)
def load_rules() -> SessionRules:
    """The session rules shipped with BackCoach (cached)."""
    return load_rules_from(_data_dir())
