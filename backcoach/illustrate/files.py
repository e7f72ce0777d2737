"""Write the illustration files, and find the ones shipped with the package."""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from backcoach.catalog import EXERCISE_IDS, get_exercise
from backcoach.errors import InputError
from backcoach.illustrate.poses import rep_poses
from backcoach.illustrate.svg import animated, still

log = logging.getLogger(__name__)

ILLUSTRATION_KINDS = ("start", "end", "rep")


def shipped_dir() -> Path:
    """The folder of illustrations shipped inside the package."""
    return Path(str(resources.files("backcoach.catalog") / "illustrations"))


def illustration_path(exercise_id: str, kind: str, folder: Path | None = None) -> Path:
    """Path of one picture: kind is "start", "end" or "rep" (the animation)."""
    if kind not in ILLUSTRATION_KINDS:
        raise ValueError(f"kind must be one of {ILLUSTRATION_KINDS}")
    get_exercise(exercise_id)
    return (folder or shipped_dir()) / f"{exercise_id}-{kind}.svg"


def write_illustrations(out_dir: Path | None = None, ids: list[str] | None = None,
                        progress: Callable[[str], None] | None = None) -> list[Path]:
    """Draw the three pictures of each exercise into out_dir (default: the shipped folder)."""
    folder = Path(out_dir) if out_dir is not None else shipped_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create {folder}: {exc}") from exc
    written = []
    for exercise_id in ids or list(EXERCISE_IDS):
        ex = get_exercise(exercise_id)
        poses = rep_poses(ex.id)
        texts = {
            "start": still(poses, "start", f"{ex.name}: starting position"),
            "end": still(poses, "end", f"{ex.name}: end position"),
            "rep": animated(poses, f"{ex.name}: one repetition"),
        }
        for kind, text in texts.items():
            path = folder / f"{ex.id}-{kind}.svg"
            try:
                path.write_text(text, encoding="utf-8")
            except OSError as exc:
                raise InputError(f"cannot write {path}: {exc}") from exc
            written.append(path)
        log.info("drew %s", ex.id)
        if progress:
            progress(ex.id)
    return written
