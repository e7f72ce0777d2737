"""Key poses of one rep, taken from the body model, seen flat from the side (no perspective)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backcoach.catalog import get_exercise
from backcoach.motion.synth import SynthSpec
from backcoach.motion.synth.generate import Motion, perform

# The limb groups that move in each exercise, as (group, side) with side "moving" or
# "opposite" (the side the picture shows moving is chosen to face the viewer).
MOVING: dict[str, list[tuple[str, str]]] = {
    "ankle-pumps": [("foot", "left"), ("foot", "right")],
    "heel-slides": [("leg", "moving")],
    "wall-squats": [("leg", "left"), ("leg", "right")],
    "knee-to-chest": [("leg", "moving")],
    "hamstring-stretch": [("leg", "moving")],
    "straight-leg-raises": [("leg", "moving")],
    "lumbar-stabilization": [("leg", "moving"), ("arm", "opposite")],
    "ball-arm-heel-raise": [("arm", "moving"), ("foot", "opposite")],
    "ball-marching": [("leg", "moving")],
}

# Exercises whose pictures show the two ends of a swing rather than rest and peak.
SWING_BETWEEN_EXTREMES = {"ankle-pumps"}

ANIMATION_TEMPO = 1.6     # the animated rep plays faster than the real one
ANIMATION_HOLD = 1.0      # seconds a hold lasts in the animation


@dataclass
class RepPoses:
    """A rep seen from the side: 2D points (x right, y up, metres) for named landmarks."""

    exercise_id: str
    posture: str
    side: str | None
    start: dict[str, np.ndarray]            # name -> (2,)
    end: dict[str, np.ndarray]
    frames: list[dict[str, np.ndarray]]     # the animation, start to start
    frame_times: list[float]
    near: str                               # the person's side nearest the viewer
    props: dict[str, float]                 # floor/wall/ball geometry
    height: float
    highlight: list[tuple[str, str]]        # (group, side) to draw in the accent colour


def _flat(sk: dict[str, np.ndarray], i: int) -> dict[str, np.ndarray]:
    return {k: v[i, :2].copy() for k, v in sk.items() if not k.startswith("_")}


def _highlight(exercise_id: str, side: str | None) -> list[tuple[str, str]]:
    out = []
    for group, which in MOVING[exercise_id]:
        if which in ("left", "right"):
            out.append((group, which))
        else:
            assert side is not None
            opposite = "right" if side == "left" else "left"
            out.append((group, side if which == "moving" else opposite))
    return out


def rep_poses(exercise_id: str, *, body_height: float = 1.75, fps: float = 12.0) -> RepPoses:
    """Perform one clean rep and take its start, its peak and an animation from it."""
    ex = get_exercise(exercise_id)
    probe = perform(SynthSpec(exercise=exercise_id, reps=1, side=None if not ex.dosage.per_side
                              else "left", sway=0.0, tempo_jitter=0.0, fps=5))
    # show the side nearest the viewer (the viewer stands at +Z) moving
    sk0 = probe.skeleton
    near = "left" if sk0["left_hip"][0, 2] > sk0["right_hip"][0, 2] else "right"
    side = None
    if ex.dosage.per_side or ex.dosage.alternating:
        side = near
    hold = ANIMATION_HOLD if ex.dosage.hold_seconds else None
    spec = SynthSpec(exercise=exercise_id, reps=1, side=side, sway=0.0, tempo_jitter=0.0,
                     tempo=ANIMATION_TEMPO, hold_seconds=hold, idle_before=0.4,
                     idle_between=0.3, idle_after=0.4, fps=fps, body_height_m=body_height)
    motion = perform(spec)
    timing = motion.timings[0]
    t = motion.t
    i0 = int(np.searchsorted(t, timing.start))
    i1 = min(int(np.searchsorted(t, timing.end)), len(t) - 1)
    peak = _peak_frame(motion, i0, i1)
    if exercise_id in SWING_BETWEEN_EXTREMES:
        pts = motion.points[i0:i1 + 1]
        i0 = i0 + int(np.argmax(np.linalg.norm(pts - motion.points[peak], axis=-1).sum(axis=1)))
    first = int(np.searchsorted(t, timing.start))
    frames_idx = list(range(max(first - 3, 0), min(i1 + 4, len(t))))
    sk = motion.skeleton
    return RepPoses(
        exercise_id=exercise_id, posture=motion.script.posture, side=side,
        start=_flat(sk, i0), end=_flat(sk, peak),
        frames=[_flat(sk, i) for i in frames_idx],
        frame_times=[float(t[i] - t[frames_idx[0]]) for i in frames_idx],
        near=near, props=_props(motion), height=body_height,
        highlight=_highlight(exercise_id, side or near),
    )


def _peak_frame(motion: Motion, i0: int, i1: int) -> int:
    timing = motion.timings[0]
    if timing.hold_start is not None and timing.hold:
        return int(np.searchsorted(motion.t, timing.hold_start + timing.hold / 2))
    pts = motion.points[i0:i1 + 1]
    moved = np.linalg.norm(pts - pts[0], axis=-1).sum(axis=1)
    return i0 + int(np.argmax(moved))


def _props(motion: Motion) -> dict[str, float]:
    script = motion.script
    props: dict[str, float] = {"floor": 0.0}
    if motion.exercise.id == "wall-squats":
        props["wall_x"] = float(script.wall_x)            # type: ignore[attr-defined]
    if script.posture == "seated":
        cx, cy = script.ball_centre                        # type: ignore[attr-defined]
        props.update(ball_x=float(cx), ball_y=float(cy),
                     ball_r=float(script.ball_radius))     # type: ignore[attr-defined]
    if script.posture in ("supine", "kneeling"):
        props["mat"] = 1.0
    return props
