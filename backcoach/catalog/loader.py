"""Load and validate the exercise catalogue shipped as one YAML file per exercise."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError

from backcoach.catalog.schema import Exercise
from backcoach.errors import CatalogError, UnknownExerciseError

EXERCISE_IDS = (
    "ankle-pumps",
    "heel-slides",
    "wall-squats",
    "knee-to-chest",
    "hamstring-stretch",
    "straight-leg-raises",
    "lumbar-stabilization",
    "ball-arm-heel-raise",
    "ball-marching",
)


def _exercise_dir() -> Path:
    return Path(str(resources.files("backcoach.catalog") / "exercises"))


def load_exercise_file(path: Path) -> Exercise:
    """Read one exercise file and validate it; the file name must match its id."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        exercise = Exercise.model_validate(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogError(f"cannot read {path.name}: {exc}") from exc
    except ValidationError as exc:
        raise CatalogError(f"{path.name} does not match the exercise schema:\n{exc}") from exc
    if path.stem != exercise.id:
        raise CatalogError(f"{path.name} holds id {exercise.id!r}; the file must be named after it")
    return exercise


@lru_cache(maxsize=1)
def load_catalog() -> dict[str, Exercise]:
    """All exercises by id, in the source's order."""
    found = {p.stem: load_exercise_file(p) for p in sorted(_exercise_dir().glob("*.yaml"))}
    missing = [i for i in EXERCISE_IDS if i not in found]
    if missing:
        raise CatalogError(f"catalogue files missing for: {', '.join(missing)}")
    extra = sorted(set(found) - set(EXERCISE_IDS))
    return {i: found[i] for i in (*EXERCISE_IDS, *extra)}


def get_exercise(exercise_id: str) -> Exercise:
    """One exercise by id; an unknown id raises UnknownExerciseError listing the valid ones."""
    catalog = load_catalog()
    try:
        return catalog[exercise_id]
    except KeyError:
        raise UnknownExerciseError(exercise_id, list(catalog)) from None


def session_order(ids: list[str] | None = None) -> list[str]:
    """Order exercises so the person changes position least: floor, kneeling, ball, standing."""
    catalog = load_catalog()
    chosen = list(catalog) if ids is None else [get_exercise(i).id for i in ids]
    source_index = {i: n for n, i in enumerate(catalog)}
    return sorted(chosen, key=lambda i: (catalog[i].posture.rank, source_index[i]))


def education_text() -> str:
    """The education page (causes and prevention of lower back pain) as Markdown."""
    return (resources.files("backcoach.catalog") / "education.md").read_text(encoding="utf-8")
