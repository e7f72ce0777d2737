"""The annotated video: the skeleton, the measured angle, reps, hold timer and cues on each frame.

Frames are drawn with OpenCV and piped raw to the `ffmpeg` command (libx264, yuv420p), which
gives an MP4 any browser plays; OpenCV's own writer cannot encode H.264 here.

    timeline = Timeline.build(statuses, events, exercise)     # what to show at any time
    write_annotated_video("out.mp4", recording, timeline, video=VideoSource("in.mp4"))
"""

from __future__ import annotations

import bisect
import logging
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from backcoach.catalog.schema import Exercise
from backcoach.errors import BackCoachError
from backcoach.motion.events import (
    Event,
    FormCue,
    FrameStatus,
    RepCompleted,
    VisibilityRestored,
    VisibilityWarning,
)
from backcoach.motion.landmarks import SKELETON, side_landmark
from backcoach.motion.pose import ReplayEstimator
from backcoach.motion.recording import LandmarkRecording
from backcoach.motion.sources import VideoSource

log = logging.getLogger(__name__)

CUE_SECONDS = 3.0           # a form cue stays on screen this long
DEFAULT_MAX_SIDE = 960      # long side of the written video, in pixels
MIN_VISIBILITY = 0.5        # joints seen less surely than this are drawn faint
HIDDEN_TEXT = "Can't see you well enough - not counting."

# BGR colours
WHITE = (255, 255, 255)
GREY = (150, 150, 150)
GREEN = (90, 220, 90)
CYAN = (230, 200, 60)
YELLOW = (40, 220, 255)
RED = (60, 60, 230)
LEFT_COLOUR = (255, 170, 70)   # the person's left: blue-ish
RIGHT_COLOUR = (70, 160, 255)  # the person's right: orange-ish

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Hud:
    """Everything the overlay shows at one moment."""

    title: str
    metric: str = ""
    value: float | None = None
    side: str | None = None
    count: int = 0
    count_by_side: dict[str, int] = field(default_factory=dict)
    hold_elapsed: float | None = None
    hold_target: float | None = None
    cue: str | None = None
    warning: str | None = None


class Timeline:
    """An analysis's statuses and events, looked up by time for drawing."""

    def __init__(
        self,
        statuses: list[FrameStatus],
        events: list[Event],
        *,
        title: str,
        hold_target: float | None = None,
        sided: bool = True,
    ) -> None:
        self.statuses = sorted(statuses, key=lambda s: s.t)
        self._status_t = [s.t for s in self.statuses]
        self.events = sorted(events, key=lambda e: e.t)
        self._event_t = [e.t for e in self.events]
        self.title = title
        self.hold_target = hold_target
        self.sided = sided

    @classmethod
    def build(
        cls, statuses: list[FrameStatus], events: list[Event], exercise: Exercise
    ) -> Timeline:
        hold = exercise.dosage.hold_seconds
        return cls(
            statuses,
            events,
            title=exercise.name,
            hold_target=hold.min if hold else None,
            sided=exercise.dosage.per_side or exercise.dosage.alternating,
        )

    def at(self, t: float) -> Hud:
        """What to show at time t (the latest status and the events up to t)."""
        eps = 1e-6
        i = bisect.bisect_right(self._status_t, t + eps) - 1
        status = self.statuses[i] if i >= 0 else None
        past = self.events[: bisect.bisect_right(self._event_t, t + eps)]
        by_side: dict[str, int] = {}
        cue: str | None = None
        warning: str | None = None
        for event in past:
            if isinstance(event, RepCompleted):
                key = event.rep.side or "both"
                by_side[key] = by_side.get(key, 0) + 1
            elif isinstance(event, FormCue) and t - event.t <= CUE_SECONDS:
                cue = event.text
            elif isinstance(event, VisibilityWarning):
                warning = event.text
            elif isinstance(event, VisibilityRestored):
                warning = None
        # Warn only while the analyzer cannot measure: its gate says why (or we say it plainly).
        hidden = status is not None and not status.visible
        warning = (warning or HIDDEN_TEXT) if hidden else None
        return Hud(
            title=self.title,
            metric=status.metric if status else "",
            value=status.value if status else None,
            side=status.side if status else None,
            count=sum(by_side.values()),
            count_by_side=by_side,
            hold_elapsed=status.hold_elapsed if status else None,
            hold_target=self.hold_target,
            cue=cue,
            warning=warning,
        )


# -- drawing --------------------------------------------------------------------------------


def _scale(img: np.ndarray) -> float:
    """Text and line scale for an image: 1.0 at 720 px on the short side."""
    return max(0.45, min(img.shape[0], img.shape[1]) / 720.0)


def _px(landmarks: np.ndarray, w: int, h: int) -> np.ndarray:
    return np.stack([landmarks[:, 0] * w, landmarks[:, 1] * h], axis=1)


def draw_skeleton(
    img: np.ndarray, landmarks: np.ndarray, *, min_visibility: float = MIN_VISIBILITY
) -> None:
    """Bones and joints of one pose, in place. Left side blue, right orange, unsure joints grey."""
    h, w = img.shape[:2]
    pts = _px(landmarks, w, h)
    vis = landmarks[:, 3]
    s = _scale(img)
    thick = max(1, round(3 * s))
    for a, b in SKELETON:
        if not (np.isfinite(pts[a]).all() and np.isfinite(pts[b]).all()):
            continue
        sure = min(vis[a], vis[b]) >= min_visibility
        name = a.name if a.name.startswith(("LEFT", "RIGHT")) else b.name
        colour = LEFT_COLOUR if name.startswith("LEFT") else RIGHT_COLOUR
        if a.name.startswith("LEFT") != b.name.startswith("LEFT") or not sure:
            colour = WHITE if sure else GREY
        p1 = tuple(int(round(v)) for v in pts[a])
        p2 = tuple(int(round(v)) for v in pts[b])
        cv2.line(img, p1, p2, colour, thick if sure else max(1, thick // 2), cv2.LINE_AA)
    for i in range(len(pts)):
        if i <= 10 and i != 0:  # face details clutter the picture; keep the nose
            continue
        if not np.isfinite(pts[i]).all():
            continue
        sure = vis[i] >= min_visibility
        centre = (int(round(pts[i][0])), int(round(pts[i][1])))
        cv2.circle(img, centre, max(2, round(4 * s)), WHITE if sure else GREY, -1, cv2.LINE_AA)


def _text(
    img: np.ndarray,
    text: str,
    org: tuple[int, int],
    scale: float,
    colour: tuple[int, int, int],
    thick: int = 1,
    bg: tuple[int, int, int] | None = None,
) -> tuple[int, int]:
    font = cv2.FONT_HERSHEY_SIMPLEX
    (tw, th), base = cv2.getTextSize(text, font, scale, thick)
    x, y = int(org[0]), int(org[1])
    if bg is not None:
        pad = max(3, int(6 * scale))
        cv2.rectangle(img, (x - pad, y - th - pad), (x + tw + pad, y + base + pad), bg, -1)
    cv2.putText(img, text, (x, y), font, scale, colour, thick, cv2.LINE_AA)
    return tw, th + base


def _ascii(text: str) -> str:
    """OpenCV's fonts are ASCII only."""
    table = {"\u2013": "-", "\u2014": "-", "\u2019": "'", "\u00b0": " deg", "\u2026": "..."}
    return "".join(table.get(c, c) for c in text).encode("ascii", "replace").decode()


def _wrap(text: str, max_chars: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > max_chars:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines


def _angle_anchor(
    hud: Hud, landmarks: np.ndarray | None, w: int, h: int
) -> tuple[int, int] | None:
    """Where to print the measured angle: at the measured joint when the metric names one."""
    if landmarks is None or hud.value is None or hud.side not in ("left", "right"):
        return None
    for part in ("knee", "hip", "ankle", "elbow", "shoulder"):
        if part in hud.metric:
            p = landmarks[side_landmark(hud.side, part)]
            if np.isfinite(p[:2]).all() and 0 <= p[0] <= 1 and 0 <= p[1] <= 1:
                return int(p[0] * w), int(p[1] * h)
    return None


def draw_hud(img: np.ndarray, hud: Hud, landmarks: np.ndarray | None = None) -> None:
    """Counter, measured value, hold timer, cue and warning, in place."""
    h, w = img.shape[:2]
    s = _scale(img)
    fs = 0.7 * s
    thick = max(1, round(1.6 * s))
    line = int(30 * s)
    pad = int(10 * s)

    # top-left panel, drawn on a copy and blended so the video shows through
    rows: list[tuple[str, tuple[int, int, int]]] = [(_ascii(hud.title), WHITE)]
    if len(hud.count_by_side) > 1 or (hud.count_by_side and "both" not in hud.count_by_side):
        sides = " ".join(
            f"{k[0].upper()} {hud.count_by_side.get(k, 0)}" for k in ("left", "right")
        )
        rows.append((f"Reps {hud.count}  ({sides})", GREEN))
    else:
        rows.append((f"Reps {hud.count}", GREEN))
    if hud.value is not None and hud.metric:
        side = f" ({hud.side})" if hud.side in ("left", "right") else ""
        rows.append((_ascii(f"{hud.metric}{side}: {hud.value:.0f} deg"), CYAN))
    if hud.hold_elapsed is not None and hud.hold_elapsed > 0:
        target = f" / {hud.hold_target:g} s" if hud.hold_target else " s"
        rows.append((f"Hold {hud.hold_elapsed:.1f}{target}", YELLOW))
    panel_w = int(max(cv2.getTextSize(r[0], cv2.FONT_HERSHEY_SIMPLEX, fs, thick)[0][0]
                      for r in rows) + 2 * pad)
    panel_h = line * len(rows) + pad
    overlay = img.copy()
    cv2.rectangle(overlay, (0, 0), (min(w, panel_w + pad), panel_h + pad), (20, 20, 20), -1)
    cv2.addWeighted(overlay, 0.6, img, 0.4, 0, dst=img)
    for n, (text, colour) in enumerate(rows):
        _text(img, text, (pad, pad + line * (n + 1) - int(8 * s)), fs, colour, thick)

    # hold progress bar under the panel
    if hud.hold_elapsed and hud.hold_target:
        frac = min(1.0, hud.hold_elapsed / hud.hold_target)
        x0, y0 = pad, panel_h + pad + int(6 * s)
        bar_w, bar_h = max(panel_w - pad, int(120 * s)), max(4, int(10 * s))
        cv2.rectangle(img, (x0, y0), (x0 + bar_w, y0 + bar_h), GREY, 1)
        cv2.rectangle(img, (x0, y0), (x0 + int(bar_w * frac), y0 + bar_h),
                      GREEN if frac >= 1 else YELLOW, -1)

    # the angle at its joint
    anchor = _angle_anchor(hud, landmarks, w, h)
    if anchor is not None and hud.value is not None:
        _text(img, f"{hud.value:.0f}", (anchor[0] + int(12 * s), anchor[1] - int(12 * s)),
              0.8 * s, CYAN, thick + 1, bg=(20, 20, 20))

    # cue and warning banners along the bottom
    max_chars = max(16, int(w / (14 * fs)))
    y = h - pad
    banners = [(hud.warning, WHITE, RED), (hud.cue, (20, 20, 20), YELLOW)]
    for banner, colour, bg in banners:
        if not banner:
            continue
        for part in reversed(_wrap(_ascii(banner), max_chars)):
            _text(img, part, (pad * 2, y - int(6 * s)), fs * 1.1, colour, thick, bg=bg)
            y -= int(line * 1.15)
        y -= int(6 * s)


def render_frame(img: np.ndarray, landmarks: np.ndarray | None, hud: Hud) -> np.ndarray:
    """Draw the skeleton and the HUD on a BGR image, in place; returns it."""
    if landmarks is not None:
        draw_skeleton(img, landmarks)
    draw_hud(img, hud, landmarks)
    return img


# -- writing --------------------------------------------------------------------------------


def output_size(width: int, height: int, max_side: int | None) -> tuple[int, int]:
    """The written size: shrunk to max_side on the long side, both sides even (for yuv420p)."""
    scale = 1.0
    if max_side and max(width, height) > max_side:
        scale = max_side / max(width, height)
    w = max(2, int(round(width * scale / 2)) * 2)
    h = max(2, int(round(height * scale / 2)) * 2)
    return w, h


class H264Writer:
    """Writes BGR frames to a browser-playable MP4 through the ffmpeg command."""

    def __init__(self, path: str | Path, width: int, height: int, fps: float) -> None:
        ffmpeg = shutil.which("ffmpeg")
        if ffmpeg is None:
            raise BackCoachError(
                "the annotated video needs the ffmpeg program; install it (e.g. apt install "
                "ffmpeg) or leave out --annotated"
            )
        if width % 2 or height % 2:
            raise ValueError("H.264 in yuv420p needs an even width and height")
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.width, self.height = width, height
        self.frames = 0
        self._log = tempfile.TemporaryFile()
        cmd = [
            ffmpeg, "-hide_banner", "-loglevel", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "bgr24", "-s", f"{width}x{height}",
            "-framerate", f"{fps:.6g}", "-i", "-",
            "-an", "-c:v", "libx264", "-preset", "veryfast", "-crf", "23",
            "-pix_fmt", "yuv420p", "-movflags", "+faststart",
            str(self.path),
        ]
        self._proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=self._log)

    def write(self, bgr: np.ndarray) -> None:
        if bgr.shape[:2] != (self.height, self.width):
            bgr = cv2.resize(bgr, (self.width, self.height), interpolation=cv2.INTER_AREA)
        assert self._proc.stdin is not None
        try:
            self._proc.stdin.write(np.ascontiguousarray(bgr, dtype=np.uint8).tobytes())
        except BrokenPipeError as exc:
            raise BackCoachError(f"ffmpeg stopped while writing {self.path.name}: "
                                 f"{self._errors()}") from exc
        self.frames += 1

    def _errors(self) -> str:
        self._proc.wait()
        self._log.seek(0)
        return self._log.read().decode(errors="replace").strip()[-500:] or "no message"

    def close(self) -> Path:
        """Finish the file; raises BackCoachError if ffmpeg failed."""
        assert self._proc.stdin is not None
        try:
            self._proc.stdin.close()
        except BrokenPipeError:
            pass
        code = self._proc.wait()
        if code != 0:
            raise BackCoachError(f"ffmpeg could not write {self.path}: {self._errors()}")
        self._log.close()
        return self.path

    def abort(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        self._log.close()


def write_annotated_video(
    out_path: str | Path,
    recording: LandmarkRecording,
    timeline: Timeline,
    *,
    video: VideoSource | None = None,
    max_side: int | None = DEFAULT_MAX_SIDE,
    progress: Progress | None = None,
) -> Path:
    """Draw the analysis over the video (or over a blank canvas for a bare recording).

    Every frame of the video is written; the landmarks of the latest analysed frame are drawn
    on it (the analysis may run at a lower rate than the video).
    """
    replay = ReplayEstimator(recording)
    if video is not None:
        src_w, src_h, fps = video.width, video.height, video.fps
        total = video.frame_count
    else:
        src_w, src_h, fps = recording.width, recording.height, recording.fps
        total = len(recording)
    w, h = output_size(src_w, src_h, max_side)
    writer = H264Writer(out_path, w, h, fps)
    try:
        if video is not None:
            frames = ((f.t, f.bgr) for f in video.frames())
        else:
            blank = np.full((h, w, 3), 40, dtype=np.uint8)
            frames = ((f.t, blank.copy()) for f in recording.frames)
        for n, (t, bgr) in enumerate(frames, 1):
            if bgr.shape[:2] != (h, w):
                bgr = cv2.resize(bgr, (w, h), interpolation=cv2.INTER_AREA)
            render_frame(bgr, replay.estimate(None, t), timeline.at(t))
            writer.write(bgr)
            if progress is not None:
                progress(min(n, total), total)
    except BaseException:
        writer.abort()
        raise
    path = writer.close()
    if progress is not None:
        progress(total, total)
    log.info("wrote %s: %d frames, %dx%d", path, writer.frames, w, h)
    return path
