"""Pose estimators: BlazePose on images, or a replay of a landmark recording.

Every estimator answers one question: given an RGB image taken at time `t` (seconds), where
are the 33 BlazePose landmarks? The answer is a (33, 4) float array [x, y, z, visibility]
with x and y normalised to the image, or None when no person is found.

    Estimator (protocol)
    ├── BlazePoseEstimator   MediaPipe BlazePose full (the model in the mediapipe wheel), video mode
    └── ReplayEstimator      serves a LandmarkRecording, so tests and re-analysis need no model
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
import types
from collections.abc import Iterator
from importlib import metadata
from typing import Any, Protocol, runtime_checkable

import numpy as np

from backcoach.errors import InputError
from backcoach.motion.recording import LandmarkRecording

log = logging.getLogger(__name__)

MODEL_NAME = "blazepose-full"
_FIRST_US = 100_000  # graph time of t=0, after the warm-up frame (stamped 33 333 us)


def blazepose_name() -> str:
    """The model and the mediapipe version that runs it, for a recording's metadata."""
    try:
        return f"{MODEL_NAME} (mediapipe {metadata.version('mediapipe')})"
    except metadata.PackageNotFoundError:
        return MODEL_NAME


@runtime_checkable
class Estimator(Protocol):
    """Finds one person's landmarks in an RGB image taken at time `t` (seconds)."""

    def estimate(self, rgb: np.ndarray | None, t: float) -> np.ndarray | None: ...

    def close(self) -> None: ...


_STDERR_LOCK = threading.RLock()


@contextlib.contextmanager
def _native_stderr_silenced() -> Iterator[None]:
    """Hide the C++ start-up chatter (TFLite, absl) that MediaPipe writes straight to fd 2."""
    fd = 2  # the C++ code writes to the process's fd 2, whatever sys.stderr is
    with _STDERR_LOCK:  # fd 2 is shared by all threads: one redirection at a time
        try:
            sys.stderr.flush()
            saved = os.dup(fd)
        except (OSError, ValueError):
            yield  # no fd 2 at all: nothing to hide
            return
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, fd)
            yield
        finally:
            os.dup2(saved, fd)
            os.close(saved)
            os.close(devnull)


def _import_pose_solution() -> Any:
    """Import mediapipe's legacy pose solution, without matplotlib when nothing loaded it yet.

    `import mediapipe` imports its plotting helper, which imports matplotlib.pyplot: about
    half of mediapipe's one-second import, paid again by every extraction process. Stand-in
    modules take their place during the import and are removed afterwards, so a later
    `import matplotlib` anywhere gets the real one; only mediapipe's own plot_landmarks()
    (never used here) is left without pyplot.
    """
    if "mediapipe" in sys.modules:
        from mediapipe.python.solutions import pose

        return pose
    stand_ins: dict[str, types.ModuleType] = {}
    for name in ("matplotlib", "matplotlib.pyplot"):
        if name not in sys.modules:
            module = types.ModuleType(name)
            if name == "matplotlib":
                module.__path__ = []
            sys.modules[name] = stand_ins[name] = module
    try:
        from mediapipe.python.solutions import pose
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    return pose


class BlazePoseEstimator:
    """MediaPipe BlazePose full (legacy `solutions.pose`, model_complexity=1) in video mode.

    Video mode tracks the person from frame to frame (the detector runs only when tracking is
    lost), which is faster and steadier than detecting on every frame. Frames must come in time
    order. Nothing is downloaded: complexity 1 is the model the mediapipe 0.10.21 wheel ships.
    """

    def __init__(
        self,
        *,
        min_detection_confidence: float = 0.5,
        min_tracking_confidence: float = 0.5,
        smooth: bool = True,
    ) -> None:
        try:
            with _native_stderr_silenced():
                mp_pose = _import_pose_solution()
                # model_complexity must stay 1: 0 and 2 fetch other models from the network.
                self._pose: Any = mp_pose.Pose(
                    static_image_mode=False,
                    model_complexity=1,
                    smooth_landmarks=smooth,
                    enable_segmentation=False,
                    min_detection_confidence=min_detection_confidence,
                    min_tracking_confidence=min_tracking_confidence,
                )
                # A first blank frame loads both models now, while their log lines are hidden.
                self._pose.process(np.zeros((64, 64, 3), dtype=np.uint8))
        except (ImportError, RuntimeError, OSError) as exc:
            raise InputError(
                f"the pose model could not be loaded ({exc}); reinstall with `make setup`"
            ) from exc
        self._last_us = 0
        self._quiet = 100  # frames to keep the graph's start-up logging hidden
        self.name = blazepose_name()

    def _set_timestamp(self, t: float) -> None:
        # The legacy API stamps frames as if they came at 30 fps; give it the real times instead,
        # so its landmark smoothing is right when frames are skipped (e.g. analysed at 15 fps).
        us = max(_FIRST_US + int(round(t * 1e6)), self._last_us + 1)
        self._last_us = us
        if hasattr(self._pose, "_simulated_timestamp"):
            self._pose._simulated_timestamp = us - 33333  # process() adds 33333 before use

    def estimate(self, rgb: np.ndarray | None, t: float) -> np.ndarray | None:
        """Landmarks of the person in an RGB uint8 image, or None when nobody is found."""
        if rgb is None:
            return None
        if rgb.ndim != 3 or rgb.shape[2] != 3:
            raise ValueError(f"expected an RGB image of shape (h, w, 3), got {rgb.shape}")
        self._set_timestamp(t)
        if self._quiet:  # the graph logs once more when it first finds a person
            self._quiet -= 1
            with _native_stderr_silenced():
                result = self._pose.process(rgb)
        else:
            result = self._pose.process(rgb)
        found = result.pose_landmarks
        if found is None:
            return None
        self._quiet = 0
        return np.array(
            [[p.x, p.y, p.z, p.visibility] for p in found.landmark], dtype=np.float64
        )

    def close(self) -> None:
        self._pose.close()

    def __enter__(self) -> BlazePoseEstimator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ReplayEstimator:
    """Serves the landmarks of a recording: the frame at or just before time `t`.

    The image is ignored, so a recording can stand in for a camera or a video anywhere an
    estimator is expected.
    """

    def __init__(self, recording: LandmarkRecording, *, tolerance: float | None = None) -> None:
        self.recording = recording
        self.name = "replay"
        self._times = np.array([f.t for f in recording.frames], dtype=np.float64)
        # A query may fall a little before the frame it means (float rounding of t).
        self._tolerance = tolerance if tolerance is not None else 0.25 / max(recording.fps, 1.0)

    def estimate(self, rgb: np.ndarray | None, t: float) -> np.ndarray | None:
        if not len(self._times):
            return None
        i = int(np.searchsorted(self._times, t + self._tolerance, side="right")) - 1
        if i < 0:
            return None
        landmarks = self.recording.frames[i].landmarks
        return None if landmarks is None else landmarks.copy()

    def close(self) -> None:
        pass

