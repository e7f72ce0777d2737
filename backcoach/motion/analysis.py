"""Analyse a stream of pose frames for one exercise: the entry point of the camera coach.

    analyzer = make_analyzer("heel-slides", width=1280, height=720, fps=30.0)
    for frame in frames:
        for event in analyzer.update(frame): ...
    analyzer.finish(t)

or, in one call, `analyze_frames(frames, "heel-slides", fps=30, width=1280, height=720)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from backcoach.catalog.loader import get_exercise
from backcoach.errors import CatalogError
from backcoach.motion.analyzers import ANALYZERS, Analyzer
from backcoach.motion.events import (
    Event,
    FormCue,
    FrameStatus,
    RepRecord,
    VisibilityWarning,
    event_to_dict,
)
from backcoach.motion.recording import PoseFrame

__all__ = ["AnalysisResult", "analyze_frames", "make_analyzer"]


def make_analyzer(exercise_id: str, *, width: int, height: int, fps: float) -> Analyzer:
    """The analyzer for an exercise id (UnknownExerciseError for an id not in the catalogue)."""
    exercise = get_exercise(exercise_id)
    try:
        cls = ANALYZERS[exercise.camera.analyzer]
    except KeyError:
        raise CatalogError(
            f"{exercise_id}: no analyzer named {exercise.camera.analyzer!r}"
        ) from None
    return cls(exercise, width=width, height=height, fps=fps)


@dataclass
class AnalysisResult:
    """What an analysis found: the reps, counts per side, and what got in the way."""

    exercise: str
    count: int
    count_by_side: dict[str, int]
    reps: list[RepRecord]
    frames: int
    frames_with_person: int
    duration: float
    fps: float
    width: int
    height: int
    warnings: list[VisibilityWarning] = field(default_factory=list)
    cues: list[FormCue] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "exercise": self.exercise,
            "count": self.count,
            "count_by_side": dict(self.count_by_side),
            "reps": [r.to_dict() for r in self.reps],
            "frames": self.frames,
            "frames_with_person": self.frames_with_person,
            "duration": round(self.duration, 3),
            "fps": self.fps,
            "width": self.width,
            "height": self.height,
            "warnings": [event_to_dict(w) for w in self.warnings],
            "cues": [event_to_dict(c) for c in self.cues],
        }


def analyze_frames(
    frames: Iterable[PoseFrame],
    exercise_id: str,
    *,
    fps: float,
    width: int,
    height: int,
    on_event: Callable[[Event], None] | None = None,
    on_frame: Callable[[PoseFrame, FrameStatus], None] | None = None,
) -> AnalysisResult:
    """Run the exercise's analyzer over all frames and collect the result."""
    analyzer = make_analyzer(exercise_id, width=width, height=height, fps=fps)
    cues: list[FormCue] = []
    last_t = 0.0

    def emit(events: list[Event]) -> None:
        for event in events:
            if isinstance(event, FormCue):
                cues.append(event)
            if on_event is not None:
                on_event(event)

    for frame in frames:
        last_t = float(frame.t)
        emit(analyzer.update(frame))
        if on_frame is not None:
            on_frame(frame, analyzer.status)
    emit(analyzer.finish(last_t))
    reps = analyzer.reps
    return AnalysisResult(
        exercise=exercise_id,
        count=len(reps),
        count_by_side=analyzer.count_by_side(),
        reps=reps,
        frames=analyzer.frames,
        frames_with_person=analyzer.frames_with_person,
        duration=last_t,
        fps=fps,
        width=width,
        height=height,
        warnings=list(analyzer.visibility_warnings),
        cues=cues,
    )
