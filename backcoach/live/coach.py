"""Live camera coaching: webcam frames in, pose, counts and cues out, one frame at a time.

    coach = LiveCoach("lumbar-stabilization")         # loads BlazePose (about a second)
    update = coach.process(jpeg_bytes, t=0.07, seq=1)   # decode, pose, analyzer
    update.events, update.count, update.to_message()    # what the page shows and speaks
    coach.close()

The same analyzers as the offline analysis run here, so a rep counts the same live and in an
uploaded video. One coach serves one camera (one WebSocket): BlazePose tracks one person over
time and must see frames in time order.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass, field
from typing import Any

import cv2
import numpy as np

from backcoach.catalog import get_exercise
from backcoach.errors import InputError
from backcoach.motion.analysis import make_analyzer
from backcoach.motion.analyzers import Analyzer
from backcoach.motion.events import Event, FrameStatus, RepCompleted, event_to_dict
from backcoach.motion.pose import BlazePoseEstimator, Estimator
from backcoach.motion.recording import PoseFrame

log = logging.getLogger(__name__)

LIVE_FPS = 15.0        # the rate the page aims at; the analyzers time everything from `t`
MAX_SIDE = 480         # the page shrinks frames to this; bigger ones are shrunk here


@dataclass
class LiveUpdate:
    """What one frame gave: landmarks to draw, the analyzer's status, new events, counts."""

    seq: int
    t: float
    landmarks: np.ndarray | None            # (33, 4) normalised, or None: nobody seen
    status: FrameStatus
    events: list[Event]
    count: int
    count_by_side: dict[str, int]
    exercise: str
    ms: dict[str, float] = field(default_factory=dict)   # time spent per step

    @property
    def reps(self) -> list[RepCompleted]:
        return [e for e in self.events if isinstance(e, RepCompleted)]

    def to_message(self) -> dict[str, Any]:
        """The JSON message the page gets: x, y, visibility per landmark (3 decimals)."""
        points = None
        if self.landmarks is not None:
            points = np.round(self.landmarks[:, [0, 1, 3]], 3).tolist()
        return {
            "type": "frame",
            "seq": self.seq,
            "t": round(self.t, 3),
            "exercise": self.exercise,
            "landmarks": points,
            "status": asdict(self.status),
            "events": [event_to_dict(e) for e in self.events],
            "count": self.count,
            "count_by_side": self.count_by_side,
            "ms": {k: round(v, 1) for k, v in self.ms.items()},
        }


class LiveCoach:
    """BlazePose and one exercise's analyzer over a stream of JPEG frames."""

    def __init__(
        self, exercise_id: str, *, estimator: Estimator | None = None, fps: float = LIVE_FPS
    ) -> None:
        self.exercise = get_exercise(exercise_id)
        self.fps = fps
        self._estimator: Estimator = estimator or BlazePoseEstimator()
        self._analyzer: Analyzer | None = None
        self._size: tuple[int, int] | None = None
        self._last_t = -1.0
        self._frames = 0

    @property
    def exercise_id(self) -> str:
        return self.exercise.id

    def switch(self, exercise_id: str) -> None:
        """Coach another exercise from the next frame (its counts start from zero)."""
        if exercise_id != self.exercise.id:
            self.exercise = get_exercise(exercise_id)
            self._analyzer = None

    def _decode(self, jpeg: bytes) -> np.ndarray:
        bgr = cv2.imdecode(np.frombuffer(jpeg, dtype=np.uint8), cv2.IMREAD_COLOR)
        if bgr is None:
            raise InputError("a camera frame could not be decoded as a JPEG image")
        h, w = bgr.shape[:2]
        if max(h, w) > MAX_SIDE:
            scale = MAX_SIDE / max(h, w)
            bgr = cv2.resize(bgr, (max(1, round(w * scale)), max(1, round(h * scale))),
                             interpolation=cv2.INTER_AREA)
        return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)

    def process(self, jpeg: bytes, t: float, seq: int = 0) -> LiveUpdate:
        """One frame taken at time `t` (seconds, increasing) -> what it showed."""
        t0 = time.perf_counter()
        rgb = self._decode(jpeg)
        t1 = time.perf_counter()
        t = t if t > self._last_t else self._last_t + 1e-3
        self._last_t = t
        h, w = rgb.shape[:2]
        if self._analyzer is None or self._size != (w, h):
            self._analyzer = make_analyzer(self.exercise.id, width=w, height=h, fps=self.fps)
            self._size = (w, h)
        landmarks = self._estimator.estimate(rgb, t)
        t2 = time.perf_counter()
        events = self._analyzer.update(PoseFrame(t, landmarks, self._frames))
        self._frames += 1
        t3 = time.perf_counter()
        return LiveUpdate(
            seq=seq, t=t, landmarks=landmarks, status=self._analyzer.status, events=events,
            count=len(self._analyzer.reps), count_by_side=self._analyzer.count_by_side(),
            exercise=self.exercise.id,
            ms={"decode": (t1 - t0) * 1e3, "pose": (t2 - t1) * 1e3,
                "analysis": (t3 - t2) * 1e3, "total": (t3 - t0) * 1e3},
        )

    def finish(self) -> list[Event]:
        """End of the stream: what the analyzer still has to say."""
        if self._analyzer is None:
            return []
        return self._analyzer.finish(max(self._last_t, 0.0))

    def close(self) -> None:
        self._estimator.close()

    def __enter__(self) -> LiveCoach:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
