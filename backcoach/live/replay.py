"""A recorded video as the webcam would send it: JPEG frames, shrunk, at the live frame rate.

    for t, jpeg in video_jpegs("clip.mp4"):          # what the page sends, frame by frame
        coach.process(jpeg, t)

The benchmark and the tests use it to drive the live coach (and the socket) with real footage.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import cv2

from backcoach.errors import InputError
from backcoach.live.coach import LIVE_FPS, MAX_SIDE
from backcoach.motion.sources import VideoSource

JPEG_QUALITY = 70   # the page's canvas.toBlob quality is 0.7


def video_jpegs(
    path: str | Path, *, fps: float = LIVE_FPS, max_side: int = MAX_SIDE,
    quality: int = JPEG_QUALITY,
) -> Iterator[tuple[float, bytes]]:
    """(t, JPEG bytes) for frames evenly picked at `fps`, the long side shrunk to `max_side`."""
    source = VideoSource(path)
    ratio = min(1.0, fps / source.fps)
    scale = min(1.0, max_side / max(source.width, source.height))
    size = (max(1, round(source.width * scale)), max(1, round(source.height * scale)))

    def keep(i: int) -> bool:
        return i == 0 or math.floor(i * ratio + 1e-9) > math.floor((i - 1) * ratio + 1e-9)

    for frame in source.frames(want=keep):
        bgr = frame.bgr if scale == 1.0 else cv2.resize(frame.bgr, size,
                                                         interpolation=cv2.INTER_AREA)
        ok, buf = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, quality])
        if not ok:
            raise InputError(f"frame {frame.index} of {source.path.name} could not be encoded")
        yield frame.t, buf.tobytes()
