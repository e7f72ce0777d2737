"""Turn a video into a landmark recording, several times faster than the clip plays.

Four things keep offline extraction at several times real time on a 2-core laptop:
- frames are analysed at the rate the movement needs (15 fps by default: the slowest
  therapeutic movement is seconds long), the skipped frames are only demuxed, not converted;
- large frames are shrunk to <= 640 px on the long side before the model (it works at 256 px);
- decoding, frame selection, shrinking and RGB conversion run in an ffmpeg process, beside
  the model (OpenCV decodes in this process when there is no ffmpeg);
- a long clip is split in two halves done at once by two models in two threads, the second
  starting one second early so that BlazePose's tracking and smoothing are warm at the seam.

x and y in the recording are normalised to the image, so shrinking changes nothing for the
analyzers: the recording keeps the video's own width and height.
"""

from __future__ import annotations

import itertools
import logging
import math
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from backcoach.errors import InputError
from backcoach.motion.pose import BlazePoseEstimator, Estimator, blazepose_name
from backcoach.motion.recording import LandmarkRecording, PoseFrame
from backcoach.motion.sources import VideoSource

log = logging.getLogger(__name__)

DEFAULT_SAMPLE_FPS = 15.0   # frames analysed per second of video
DEFAULT_MAX_SIDE = 640      # long side of the image given to the model, in pixels
WARMUP_SECONDS = 1.0        # overlap a child process decodes before its share starts
MIN_SPLIT_SECONDS = 8.0     # shorter clips stay in one process (a child takes ~1 s to start)
MIN_PERSON_SHARE = 0.05     # below this share of frames with a person, there is "no person"

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ExtractOptions:
    """How to sample and shrink frames; the same in every process."""

    sample_fps: float | None = DEFAULT_SAMPLE_FPS   # None: every frame
    max_side: int | None = DEFAULT_MAX_SIDE          # None: full size
    decoder: str = "auto"                            # "ffmpeg", "opencv" or "auto"

    def ratio(self, source_fps: float) -> float:
        if not self.sample_fps or self.sample_fps >= source_fps:
            return 1.0
        return self.sample_fps / source_fps

    def keeps(self, index: int, ratio: float) -> bool:
        """Whether frame `index` is analysed: evenly spread, the same answer in any process."""
        if ratio >= 1.0 or index == 0:
            return True
        return math.floor(index * ratio + 1e-9) > math.floor((index - 1) * ratio + 1e-9)

    def select_expr(self, ratio: float, start: int, stop: int | None) -> str | None:
        """`keeps` (and the [start, stop) range) as an ffmpeg select expression, for a stream
        that begins at frame `start` (ffmpeg's n counts from 0 there)."""
        i = f"(n+{start})" if start else "n"
        terms = []
        if stop is not None:
            terms.append(f"lt({i},{stop})")
        if ratio < 1.0:
            terms.append(
                f"(eq({i},0)+gt(floor({i}*{ratio!r}+1e-9),floor(({i}-1)*{ratio!r}+1e-9)))"
            )
        return "*".join(terms) or None

    def use_ffmpeg(self) -> bool:
        if self.decoder == "auto":
            return shutil.which("ffmpeg") is not None
        return self.decoder == "ffmpeg"

    def model_size(self, width: int, height: int) -> tuple[int, int] | None:
        """(w, h) to shrink to, or None when the frame is small enough already."""
        if not self.max_side or max(width, height) <= self.max_side:
            return None
        scale = self.max_side / max(width, height)
        return max(1, round(width * scale)), max(1, round(height * scale))


# (index, t, landmarks or None)
Sample = tuple[int, float, np.ndarray | None]


def model_frames(
    source: VideoSource, options: ExtractOptions, start: int, stop: int | None
) -> Iterator[tuple[int, float, np.ndarray]]:
    """(index, t, RGB image at the model's size) for the analysed frames in [start, stop)."""
    if options.use_ffmpeg():
        return _ffmpeg_frames(source, options, start, stop)
    return _opencv_frames(source, options, start, stop)


def _opencv_frames(
    source: VideoSource, options: ExtractOptions, start: int, stop: int | None
) -> Iterator[tuple[int, float, np.ndarray]]:
    ratio = options.ratio(source.fps)
    size = options.model_size(source.width, source.height)
    for frame in source.frames(start, stop, want=lambda i: options.keeps(i, ratio)):
        bgr = frame.bgr
        if size is not None:
            bgr = cv2.resize(bgr, size, interpolation=cv2.INTER_AREA)
        yield frame.index, frame.t, cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)


def _ffmpeg_frames(
    source: VideoSource, options: ExtractOptions, start: int, stop: int | None
) -> Iterator[tuple[int, float, np.ndarray]]:
    """Decoding, frame selection, shrinking and RGB conversion in an ffmpeg process.

    ffmpeg does this work beside the pose model (it runs on the other core) and converts only
    the frames that are analysed, at their small size; OpenCV would convert every frame to a
    full-size BGR image first.
    """
    ratio = options.ratio(source.fps)
    w, h = options.model_size(source.width, source.height) or (source.width, source.height)
    wanted = (i for i in itertools.count(start) if options.keeps(i, ratio))
    filters = []
    select = options.select_expr(ratio, start, stop)
    if select:
        filters.append(f"select='{select}'")
    filters.append(f"scale={w}:{h}:flags=area")
    # Seek half a frame before `start`: ffmpeg decodes from the keyframe before it and drops
    # what comes earlier, so the first frame out is frame `start` and n counts from there.
    seek = ["-ss", f"{(start - 0.5) / source.fps:.6f}"] if start > 0 else []
    cmd = [
        shutil.which("ffmpeg") or "ffmpeg", "-nostdin", "-v", "error",
        "-threads", str(source.threads or 0), *seek, "-i", str(source.path),
        "-vf", ",".join(filters), "-fps_mode", "passthrough", "-an",
    ]
    if stop is not None:
        count = sum(1 for i in range(start, stop) if options.keeps(i, ratio))
        cmd += ["-frames:v", str(count)]
    cmd += ["-pix_fmt", "rgb24", "-f", "rawvideo", "-"]
    size = w * h * 3
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=errors)
        assert proc.stdout is not None
        try:
            while True:
                buf = proc.stdout.read(size)
                if len(buf) < size:
                    break
                index = next(wanted)
                yield index, index / source.fps, np.frombuffer(buf, np.uint8).reshape(h, w, 3)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            if proc.returncode not in (0, -9):
                errors.seek(0)
                log.warning("ffmpeg stopped early on %s: %s", source.path.name,
                            errors.read().decode(errors="replace").strip()[-300:])


def run_chunk(
    source: VideoSource,
    estimator: Estimator,
    options: ExtractOptions,
    start: int,
    stop: int | None,
    keep_from: int,
    tick: Callable[[int], None] | None = None,
) -> list[Sample]:
    """Pose for frames [start, stop); frames before `keep_from` only warm the tracker up."""
    out: list[Sample] = []
    for index, t, rgb in model_frames(source, options, start, stop):
        landmarks = estimator.estimate(rgb, t)
        if index >= keep_from:
            out.append((index, t, landmarks))
        if tick is not None:
            tick(index)
    return out


class Ticker:
    """Turns "reached frame i" into "n more frames done" reports, every `every` frames."""

    def __init__(self, report: Callable[[int], None], *, first: int = 0, every: int = 1):
        self.report, self.every = report, every
        self.reported = first      # frames before this one are reported (or not ours)
        self.pending = 0

    def __call__(self, index: int) -> None:
        self.pending = max(0, index + 1 - self.reported)
        if self.pending >= self.every:
            self.report(self.pending)
            self.reported += self.pending
            self.pending = 0


def _auto_workers(source: VideoSource) -> int:
    cores = os.cpu_count() or 1
    if cores < 2 or source.duration < MIN_SPLIT_SECONDS:
        return 1
    return 2


def extract_landmarks(
    video_path: str | Path,
    *,
    progress: Progress | None = None,
    sample_fps: float | None = DEFAULT_SAMPLE_FPS,
    max_side: int | None = DEFAULT_MAX_SIDE,
    workers: int | None = None,
    estimator: Estimator | None = None,
    decode_threads: int | None = None,
    decoder: str = "auto",
) -> LandmarkRecording:
    """Run BlazePose over a video and return its landmark recording.

    `progress(done, total)` is called as frames are read (total is the video's frame count),
    always from the calling thread. `sample_fps=None` analyses every frame, `max_side=None`
    keeps the full size. `workers=2` (the default on a multi-core machine for clips of 8 s or
    more) runs two models on the two halves at once. `decoder` is "ffmpeg", "opencv" or
    "auto" (ffmpeg when the program is installed); `decode_threads` caps the decoder's
    threads. Passing an `estimator` runs one pass with it (e.g. a ReplayEstimator).
    Raises InputError for a file that cannot be read as a video.
    """
    source = VideoSource(video_path, threads=decode_threads)
    options = ExtractOptions(sample_fps=sample_fps, max_side=max_side, decoder=decoder)
    total = source.frame_count
    n_workers = 1 if estimator is not None else (workers or _auto_workers(source))
    done = [0]

    def report(n: int) -> None:
        done[0] = min(total, done[0] + n)
        if progress is not None:
            progress(done[0], total)

    if n_workers <= 1 or total < 2 * source.fps:
        own = estimator or BlazePoseEstimator()
        try:
            samples = run_chunk(source, own, options, 0, None, 0, Ticker(report))
        finally:
            if estimator is None:
                own.close()
    else:
        samples = _extract_split(source, options, report)
    if progress is not None:
        progress(total, total)
    if not samples:
        raise InputError(f"{source.path.name} has no frames that could be decoded")
    model = blazepose_name() if estimator is None else getattr(estimator, "name", "custom")
    return _recording(source, options, samples, model)


def _extract_split(
    source: VideoSource, options: ExtractOptions, report: Callable[[int], None]
) -> list[Sample]:
    """Both halves at once, in two threads with a model each (MediaPipe lets go of the GIL
    while it works). The second half starts WARMUP_SECONDS early so that its tracking and
    smoothing are warm at the seam; progress is reported from this thread only."""
    split = source.frame_count // 2
    warm_start = max(0, split - int(round(WARMUP_SECONDS * source.fps)))
    second: dict[str, Any] = {}
    lock = threading.Lock()
    pending = [0]

    def count(n: int) -> None:
        with lock:
            pending[0] += n

    def flush() -> None:
        with lock:
            n, pending[0] = pending[0], 0
        if n:
            report(n)

    def work() -> None:
        try:
            with BlazePoseEstimator() as estimator:
                second["samples"] = run_chunk(
                    source, estimator, options, warm_start, None, split,
                    Ticker(count, first=split, every=5),
                )
        except BaseException as exc:  # handed to the calling thread, which raises it
            second["error"] = exc

    helper = threading.Thread(target=work, name="pose-second-half", daemon=True)
    helper.start()
    ticker = Ticker(report)

    def tick(index: int) -> None:
        ticker(index)
        flush()

    try:
        with BlazePoseEstimator() as estimator:
            first = run_chunk(source, estimator, options, 0, split, 0, tick)
    finally:
        helper.join()
    flush()
    if "error" in second:
        raise second["error"]
    return first + second["samples"]


def _recording(
    source: VideoSource, options: ExtractOptions, samples: list[Sample], model: str
) -> LandmarkRecording:
    ratio = options.ratio(source.fps)
    frames = [PoseFrame(t=t, landmarks=lm, index=n) for n, (_, t, lm) in enumerate(samples)]
    last_index = samples[-1][0]
    return LandmarkRecording(
        fps=source.fps * ratio,
        width=source.width,
        height=source.height,
        frames=frames,
        meta={
            "source": source.path.name,
            "source_fps": source.fps,
            "source_frames": last_index + 1,
            "model": model,
            "max_side": options.max_side,
        },
    )


def person_share(recording: LandmarkRecording) -> float:
    """The share of frames in which a person was found (0..1)."""
    if not len(recording):
        return 0.0
    return sum(f.has_person for f in recording.frames) / len(recording)


def require_person(recording: LandmarkRecording, name: str) -> None:
    """Raise InputError when (almost) no frame of a recording shows a person."""
    share = person_share(recording)
    if share >= MIN_PERSON_SHARE:
        return
    found = "no person was found" if share == 0 else f"a person was found in only {share:.0%}"
    raise InputError(
        f"{found} in {name}. Film the whole body, side-on, in good light, "
        "2-3 m from the camera, and try again"
    )
