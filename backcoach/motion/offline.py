"""Offline analysis of one file, start to finish: what `backcoach analyze` (and the web) call.

    video or landmark recording -> landmarks (BlazePose, once) -> analyzer -> result
                                                                 -> annotated MP4 (optional)

Everything that can be checked cheaply (the exercise id, the file, the output path, ffmpeg) is
checked before the long work starts.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from backcoach.catalog.loader import get_exercise
from backcoach.errors import BackCoachError
from backcoach.motion.analysis import AnalysisResult, analyze_frames
from backcoach.motion.annotate import Timeline, write_annotated_video
from backcoach.motion.events import Event, FrameStatus
from backcoach.motion.extract import DEFAULT_SAMPLE_FPS, extract_landmarks, require_person
from backcoach.motion.recording import LandmarkRecording, PoseFrame, is_recording_path
from backcoach.motion.sources import RecordingSource, VideoSource

log = logging.getLogger(__name__)

# progress(stage, done, total); stage is "pose", "analysis" or "video"
StageProgress = Callable[[str, int, int], None]

VIDEO_SUFFIXES = (".mp4",)


@dataclass
class OfflineAnalysis:
    """The analysis of one file, plus what it took to get there."""

    input: Path
    kind: str                      # "video" or "recording"
    result: AnalysisResult
    recording: LandmarkRecording
    events: list[Event] = field(default_factory=list)
    annotated: Path | None = None
    seconds: dict[str, float] = field(default_factory=dict)   # wall time per stage

    def to_dict(self) -> dict[str, Any]:
        out = self.result.to_dict()
        out["input"] = self.input.name
        out["input_kind"] = self.kind
        out["annotated"] = str(self.annotated) if self.annotated else None
        return out


def check_annotated_path(path: str | Path) -> Path:
    """The annotated video's path, checked before any work: an .mp4 in an existing folder."""
    path = Path(path)
    if path.suffix.lower() not in VIDEO_SUFFIXES:
        raise BackCoachError(f"the annotated video must be an .mp4 file, not {path.name!r}")
    if not path.parent.exists():
        raise BackCoachError(f"the folder {path.parent} does not exist; create it first")
    if path.exists() and path.is_dir():
        raise BackCoachError(f"{path} is a folder; give a file name ending in .mp4")
    if shutil.which("ffmpeg") is None:
        raise BackCoachError(
            "the annotated video needs the ffmpeg program; install it or leave out --annotated"
        )
    return path


def analyze_file(
    path: str | Path,
    exercise_id: str,
    *,
    annotated: str | Path | None = None,
    progress: StageProgress | None = None,
    sample_fps: float | None = DEFAULT_SAMPLE_FPS,
    workers: int | None = None,
) -> OfflineAnalysis:
    """Analyse a video or a landmark recording for one exercise.

    Raises UnknownExerciseError (checked first), InputError for a file that cannot be read or
    shows no person, and BackCoachError when the annotated video cannot be written.
    """
    exercise = get_exercise(exercise_id)
    out_path = check_annotated_path(annotated) if annotated is not None else None
    path = Path(path)
    seconds: dict[str, float] = {}

    def stage(name: str) -> Callable[[int, int], None] | None:
        if progress is None:
            return None
        return lambda done, total: progress(name, done, total)

    video: VideoSource | None = None
    started = time.perf_counter()
    if is_recording_path(path):
        recording = RecordingSource(path).recording
        kind = "recording"
    else:
        video = VideoSource(path)
        recording = extract_landmarks(
            path, progress=stage("pose"), sample_fps=sample_fps, workers=workers
        )
        kind = "video"
    seconds["pose"] = time.perf_counter() - started
    require_person(recording, path.name)

    statuses: list[FrameStatus] = []
    events: list[Event] = []
    total = len(recording)
    tick = stage("analysis")

    def on_frame(frame: PoseFrame, status: FrameStatus) -> None:
        statuses.append(status)
        if tick is not None and (frame.index % 25 == 0 or frame.index == total - 1):
            tick(frame.index + 1, total)

    started = time.perf_counter()
    result = analyze_frames(
        recording.frames,
        exercise.id,
        fps=recording.fps,
        width=recording.width,
        height=recording.height,
        on_event=events.append,
        on_frame=on_frame,
    )
    seconds["analysis"] = time.perf_counter() - started

    written = None
    if out_path is not None:
        started = time.perf_counter()
        timeline = Timeline.build(statuses, events, exercise)
        written = write_annotated_video(
            out_path, recording, timeline, video=video, progress=stage("video")
        )
        seconds["video"] = time.perf_counter() - started
    log.info("analysed %s for %s: %d reps (%s)", path.name, exercise.id, result.count, seconds)
    return OfflineAnalysis(
        input=path,
        kind=kind,
        result=result,
        recording=recording,
        events=events,
        annotated=written,
        seconds=seconds,
    )
