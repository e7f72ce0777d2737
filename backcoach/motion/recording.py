"""The landmark recording: the one interchange format between pose estimation and analysis.

    {"format": "backcoach-landmarks/1", "fps": 30.0, "width": 1280, "height": 720,
     "frames": [{"t": 0.0, "landmarks": [[x, y, z, visibility], ... 33 rows]}, ...],
     "truth": {...}}

x and y are normalised to the image (they may leave 0..1 off-frame), z is BlazePose's relative
depth, visibility is 0..1. A frame with no person has `"landmarks": null`. `truth` is optional
(synthetic recordings carry their ground truth there). See docs/landmark-format.md.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from backcoach.errors import InputError
from backcoach.motion.landmarks import NUM_LANDMARKS

FORMAT = "backcoach-landmarks/1"


@dataclass(frozen=True)
class PoseFrame:
    """One frame of pose: time in seconds and a (33, 4) array [x, y, z, visibility], or None."""

    t: float
    landmarks: np.ndarray | None
    index: int = 0

    @property
    def has_person(self) -> bool:
        return self.landmarks is not None


@dataclass
class LandmarkRecording:
    """A whole recording: frames plus the image size and frame rate they came from."""

    fps: float
    width: int
    height: int
    frames: list[PoseFrame] = field(default_factory=list)
    truth: dict[str, Any] | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def __iter__(self) -> Iterator[PoseFrame]:
        return iter(self.frames)

    def __len__(self) -> int:
        return len(self.frames)

    @property
    def duration(self) -> float:
        return self.frames[-1].t if self.frames else 0.0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "format": FORMAT,
            "fps": float(self.fps),
            "width": int(self.width),
            "height": int(self.height),
            "frames": [
                {
                    "t": round(float(f.t), 4),
                    "landmarks": None
                    if f.landmarks is None
                    else np.round(f.landmarks.astype(float), 5).tolist(),
                }
                for f in self.frames
            ],
        }
        if self.truth is not None:
            out["truth"] = self.truth
        if self.meta:
            out["meta"] = self.meta
        return out

    @classmethod
    def from_dict(cls, data: Any, *, source: str = "recording") -> LandmarkRecording:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise InputError(f"{source} is not a BackCoach landmark recording ({FORMAT})")
        try:
            fps = float(data["fps"])
            width, height = int(data["width"]), int(data["height"])
            frames = []
            for i, raw in enumerate(data["frames"]):
                lm = raw.get("landmarks")
                arr = None
                if lm is not None:
                    arr = np.asarray(lm, dtype=np.float64)
                    if arr.shape != (NUM_LANDMARKS, 4):
                        raise ValueError(f"frame {i} has landmarks of shape {arr.shape}")
                frames.append(PoseFrame(t=float(raw["t"]), landmarks=arr, index=i))
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"{source} is damaged: {exc}") from exc
        if fps <= 0 or width <= 0 or height <= 0:
            raise InputError(f"{source} has an invalid frame rate or image size")
        return cls(
            fps=fps, width=width, height=height, frames=frames,
            truth=data.get("truth"), meta=data.get("meta") or {},
        )

    def save(self, path: str | Path) -> Path:
        """Write as JSON (gzip-compressed when the name ends in .gz)."""
        path = Path(path)
        text = json.dumps(self.to_dict(), separators=(",", ":"))
        if path.suffix == ".gz":
            with gzip.open(path, "wt", encoding="utf-8") as fh:
                fh.write(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: str | Path) -> LandmarkRecording:
        path = Path(path)
        try:
            if path.suffix == ".gz":
                with gzip.open(path, "rt", encoding="utf-8") as fh:
                    data = json.load(fh)
            else:
                data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise InputError(f"no such file: {path}") from exc
        except (OSError, ValueError, EOFError) as exc:
            raise InputError(f"{path.name} is not readable JSON: {exc}") from exc
        return cls.from_dict(data, source=path.name)


def is_recording_path(path: str | Path) -> bool:
    """True when a path names a landmark recording rather than a video."""
    name = str(path).lower()
    return name.endswith(".json") or name.endswith(".json.gz")
