"""Where frames come from: a video file, a webcam, or a landmark recording.

    VideoSource       any file OpenCV/ffmpeg can decode; knows its fps, size and frame count
    CameraSource      a webcam by index
    RecordingSource   a landmark recording (.json / .json.gz): poses, no images

Video and camera sources yield `VideoFrame`s (BGR images, as OpenCV decodes them); a recording
yields `PoseFrame`s. Anything that cannot be read raises InputError saying what happened and
what to do.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from backcoach.errors import InputError
from backcoach.motion.recording import LandmarkRecording, PoseFrame, is_recording_path

log = logging.getLogger(__name__)

# FFmpeg's and OpenCV's own log lines about a bad file would only confuse: the InputError says
# what happened. Either can be turned back on with its environment variable.
os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")
if "OPENCV_LOG_LEVEL" not in os.environ:
    cv2.setLogLevel(2)  # errors only

# Frame rate assumed when a file or camera reports none (or nonsense).
FALLBACK_FPS = 30.0


@dataclass(frozen=True)
class VideoFrame:
    """One decoded image: its 0-based index, its time in seconds and the BGR pixels."""

    index: int
    t: float
    bgr: np.ndarray


def _sane_fps(value: float) -> float:
    return float(value) if 1.0 <= value <= 240.0 else FALLBACK_FPS


class VideoSource:
    """A video file read with OpenCV (its FFmpeg backend decodes MP4, MOV, WebM, AVI, ...).

    Opening checks that the file exists, decodes and holds at least one frame, so a bad file
    fails here with a clear message rather than halfway through the work.
    """

    def __init__(self, path: str | Path, *, threads: int | None = None) -> None:
        self.path = Path(path)
        self.threads = threads      # decoding threads; None lets FFmpeg choose (one per core)
        if not self.path.exists():
            raise InputError(f"no such file: {self.path}")
        if self.path.is_dir():
            raise InputError(f"{self.path} is a folder; give the path of a video file")
        if is_recording_path(self.path):
            raise InputError(
                f"{self.path.name} is a landmark recording, not a video; "
                "analyse it with `backcoach analyze` directly"
            )
        if self.path.stat().st_size == 0:
            raise InputError(f"{self.path.name} is empty (0 bytes); record or copy the video again")
        cap = self._open()
        try:
            ok, first = cap.read()
            if not ok or first is None:
                raise InputError(
                    f"{self.path.name} contains no video frames that can be decoded; "
                    "check that it is a complete video file (MP4, MOV, WebM or AVI)"
                )
            self.fps = _sane_fps(cap.get(cv2.CAP_PROP_FPS))
            # The decoded frame is the truth (OpenCV applies rotation metadata).
            self.height, self.width = int(first.shape[0]), int(first.shape[1])
            reported = int(cap.get(cv2.CAP_PROP_FRAME_COUNT) or 0)
            self.frame_count = max(reported, 1)
        finally:
            cap.release()

    def _open(self) -> cv2.VideoCapture:
        params = [cv2.CAP_PROP_N_THREADS, self.threads] if self.threads else []
        cap = cv2.VideoCapture(str(self.path), cv2.CAP_FFMPEG, params)
        if not cap.isOpened():
            cap.release()
            raise InputError(
                f"{self.path.name} cannot be opened as a video: the file is damaged or not a "
                "video format OpenCV/ffmpeg reads; try converting it to MP4 (H.264)"
            )
        return cap

    @property
    def duration(self) -> float:
        """Length in seconds, from the reported frame count."""
        return self.frame_count / self.fps

    def frames(
        self,
        start: int = 0,
        stop: int | None = None,
        want: Callable[[int], bool] | None = None,
    ) -> Iterator[VideoFrame]:
        """Decode frames `start` (inclusive) to `stop` (exclusive, None = to the end).

        With `want`, only frames whose index it accepts are converted and yielded; the others
        are skipped cheaply (demuxed and decoded, never converted to BGR).
        """
        cap = self._open()
        try:
            if start > 0:
                cap.set(cv2.CAP_PROP_POS_FRAMES, start)
                pos = int(cap.get(cv2.CAP_PROP_POS_FRAMES))
                if pos != start:  # the container cannot seek exactly: walk there instead
                    cap.release()
                    cap = self._open()
                    for _ in range(start):
                        if not cap.grab():
                            return
            index = start
            while stop is None or index < stop:
                if want is not None and not want(index):
                    if not cap.grab():
                        break
                    index += 1
                    continue
                ok, bgr = cap.read()
                if not ok or bgr is None:
                    break
                yield VideoFrame(index, index / self.fps, bgr)
                index += 1
        finally:
            cap.release()

    def __iter__(self) -> Iterator[VideoFrame]:
        return self.frames()

    def __repr__(self) -> str:
        return (
            f"VideoSource({self.path.name!r}, {self.width}x{self.height}, "
            f"{self.fps:g} fps, ~{self.frame_count} frames)"
        )


class CameraSource:
    """A webcam by index (0 is the first camera). Yields frames timed from the first one."""

    def __init__(self, index: int = 0, *, width: int | None = None, height: int | None = None):
        self.index = index
        cap = cv2.VideoCapture(index)
        if not cap.isOpened():
            cap.release()
            raise InputError(
                f"no camera found at index {index}; plug in a webcam, close other programs "
                "using it, or analyse a recorded video instead"
            )
        if width and height:
            cap.set(cv2.CAP_PROP_FRAME_WIDTH, width)
            cap.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        ok, first = cap.read()
        if not ok or first is None:
            cap.release()
            raise InputError(
                f"camera {index} opened but sends no picture; check that it is not in use "
                "by another program and that this program may use it"
            )
        self._cap = cap
        self._first: np.ndarray | None = first
        self.height, self.width = int(first.shape[0]), int(first.shape[1])
        self.fps = _sane_fps(cap.get(cv2.CAP_PROP_FPS))

    def frames(self) -> Iterator[VideoFrame]:
        """Frames until the camera stops or the caller stops iterating."""
        import time

        t0 = time.monotonic()
        index = 0
        while True:
            if self._first is not None:
                bgr, self._first = self._first, None
            else:
                ok, bgr = self._cap.read()
                if not ok or bgr is None:
                    log.warning("camera %d stopped sending frames", self.index)
                    return
            yield VideoFrame(index, time.monotonic() - t0, bgr)
            index += 1

    def __iter__(self) -> Iterator[VideoFrame]:
        return self.frames()

    def close(self) -> None:
        self._cap.release()

    def __enter__(self) -> CameraSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class RecordingSource:
    """A landmark recording read from .json or .json.gz: yields its PoseFrames."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if self.path.exists() and self.path.stat().st_size == 0:
            raise InputError(f"{self.path.name} is empty (0 bytes); extract it again with "
                             "`backcoach pose VIDEO --out REC.json`")
        self.recording = LandmarkRecording.load(self.path)
        self.fps = self.recording.fps
        self.width = self.recording.width
        self.height = self.recording.height
        self.frame_count = len(self.recording)

    def __iter__(self) -> Iterator[PoseFrame]:
        return iter(self.recording.frames)


def open_source(path: str | Path) -> VideoSource | RecordingSource:
    """A recording for .json / .json.gz names, a video for anything else."""
    return RecordingSource(path) if is_recording_path(path) else VideoSource(path)
