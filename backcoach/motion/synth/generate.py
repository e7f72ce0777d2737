"""generate(SynthSpec) -> LandmarkRecording with ground truth: plan the reps, move the body,
film it, add the pose model's imperfections, and write down what really happened."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from backcoach.catalog import Exercise
from backcoach.motion.landmarks import L
from backcoach.motion.recording import LandmarkRecording, PoseFrame
from backcoach.motion.synth import observe
from backcoach.motion.synth.body import Body, Skeleton, to_array
from backcoach.motion.synth.scripts import SCRIPTS, Context, RepPlan, RepTiming, Script
from backcoach.motion.synth.spec import SynthSpec, sides_of, validate
from backcoach.motion.synth.views import Placement, place_camera

log = logging.getLogger(__name__)

LANDMARK_NAMES = [lm.name.lower() for lm in L]


def plan_reps(exercise: Exercise, spec: SynthSpec, rng: np.random.Generator) -> list[RepPlan]:
    """Every rep to perform in order: side, faults, hold, pace."""
    sides = sides_of(exercise, spec.side)
    if exercise.dosage.alternating:
        order = [sides[i % 2] for i in range(2 * spec.reps)]
    else:
        order = [s for s in sides for _ in range(spec.reps)]
    hs = exercise.dosage.hold_seconds
    plans = []
    for i, side in enumerate(order, 1):
        faults = frozenset(f for f, reps in spec.faults.items() if i in {int(r) for r in reps})
        pace = math.exp(rng.normal(0.0, spec.tempo_jitter)) / spec.tempo
        pace = float(np.clip(pace, 0.6 / spec.tempo, 1.6 / spec.tempo))
        if spec.hold_seconds is not None:
            hold: float | None = float(spec.hold_seconds)
        elif hs is not None:
            hold = float(rng.uniform(hs.min + 0.2 * (hs.max - hs.min), hs.max))
        else:
            hold = None
        amount = float(np.clip(1.0 + rng.normal(0.0, 0.035), 0.93, 1.07))
        plans.append(RepPlan(i, side, faults, hold, pace, amount))
    return plans


def schedule(script: Script, plans: list[RepPlan], spec: SynthSpec,
             rng: np.random.Generator) -> tuple[list[RepTiming], float]:
    t = spec.idle_before
    timings = []
    for n, plan in enumerate(plans):
        if n and plan.side != plans[n - 1].side and not script.ctx.exercise.dosage.alternating:
            t += script.side_gap
        timing = script.rep(t, plan)
        timings.append(timing)
        t = timing.end + spec.idle_between * script.idle_scale * float(rng.uniform(0.8, 1.2))
    end = (timings[-1].end if timings else t) + spec.idle_after
    return timings, end


def _hold_value(plan: RepPlan, timing: RepTiming) -> float | None:
    if plan.hold is None and "short_hold" not in plan.faults:
        return None
    return None if timing.hold is None else round(float(timing.hold), 3)


def _spans(mask: np.ndarray, t: np.ndarray, reason: str, **extra: Any) -> list[dict[str, Any]]:
    """Contiguous runs of True in mask as {"start", "end", "reason"} (end = last frame time)."""
    out = []
    idx = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(int), [0]])))
    for a, b in zip(idx[::2], idx[1::2], strict=True):
        out.append({"start": round(float(t[a]), 4), "end": round(float(t[b - 1]), 4),
                    "reason": reason, **extra})
    return out


@dataclass
class Motion:
    """The 3D performance before any camera sees it."""

    exercise: Exercise
    script: Script
    plans: list[RepPlan]
    timings: list[RepTiming]
    t: np.ndarray
    skeleton: Skeleton

    @property
    def points(self) -> np.ndarray:
        return to_array(self.skeleton)


def perform(spec: SynthSpec, rng: np.random.Generator | None = None) -> Motion:
    """Plan the reps and move the body: 3D landmark positions for every frame."""
    exercise = validate(spec)
    rng = rng if rng is not None else np.random.default_rng(spec.seed)
    body = Body(spec.body_height_m)
    ctx = Context(exercise, body, rng, rom=spec.rom, sway=spec.sway)
    script = SCRIPTS[exercise.id](ctx)
    plans = plan_reps(exercise, spec, rng)
    timings, duration = schedule(script, plans, spec, rng)
    n = int(math.floor(duration * spec.fps)) + 1
    t = np.arange(n) / spec.fps
    ctx.t = t
    sk = script.pose(script.tracks.at(t), n)
    return Motion(exercise, script, plans, timings, t, sk)


def generate(spec: SynthSpec) -> LandmarkRecording:
    """A synthetic landmark recording of one exercise, with its ground truth in `.truth`."""
    rng = np.random.default_rng(spec.seed)
    motion_rng, noise_rng = (np.random.default_rng(s) for s in rng.integers(0, 2**31, size=2))
    motion = perform(spec, motion_rng)
    exercise, script, plans, timings = motion.exercise, motion.script, motion.plans, motion.timings
    t, sk = motion.t, motion.skeleton
    n = len(t)
    points = to_array(sk)

    place = place_camera(points, script.posture, script.c, view=spec.view, head=spec.head,
                         width=spec.width, height=spec.height, distance=spec.distance_m,
                         camera_height=spec.camera_height_m, tilt_deg=spec.tilt_deg,
                         roll_deg=spec.roll_deg, yaw_deg=spec.yaw_deg)
    lm, unobservable = observe_frames(spec, script, sk, points, place, plans, t, noise_rng)

    reps = []
    for plan, timing in zip(plans, timings, strict=True):
        i0, i1 = int(np.searchsorted(t, timing.start)), int(np.searchsorted(t, timing.end)) + 1
        peak = {k: round(v, 2) for k, v in script.peak(sk, plan.side, slice(i0, i1)).items()}
        seen = not any(u["start"] <= timing.end and u["end"] >= timing.start
                       for u in unobservable if u["reason"] != "no_person" or
                       u["end"] - u["start"] > 0.25)
        reps.append({
            "index": plan.index, "side": plan.side,
            "start": round(timing.start, 4), "end": round(timing.end, 4),
            "hold_seconds": _hold_value(plan, timing),
            "hold_start": None if timing.hold_start is None else round(timing.hold_start, 4),
            "peak": peak, "faults": sorted(plan.faults), "observable": seen,
        })
    if exercise.dosage.per_side or exercise.dosage.alternating:
        by_side = {s: sum(1 for p in plans if p.side == s) for s in ("left", "right")}
    else:
        by_side = {"both": len(plans)}
    knobs = spec.to_dict()
    knobs.update({"distance_m": round(place.distance, 3),
                  "camera_height_m": round(place.camera_height, 3),
                  "near_side": place.near_side, "head": place.head or spec.head,
                  "posture": script.posture})
    truth = {
        "exercise": exercise.id, "count": len(plans), "count_by_side": by_side,
        "reps": reps, "unobservable": unobservable, "knobs": knobs,
        "duration": round(float(t[-1]), 4),
    }
    frames = [PoseFrame(t=float(t[i]), landmarks=lm[i], index=i) for i in range(n)]
    meta = {"source": "synthetic", "generator": "backcoach.motion.synth"}
    return LandmarkRecording(spec.fps, spec.width, spec.height, frames, truth, meta)


def observe_frames(spec: SynthSpec, script: Script, sk: Skeleton, points: np.ndarray,
                   place: Placement, plans: list[RepPlan], t: np.ndarray,
                   rng: np.random.Generator) -> tuple[list[np.ndarray | None], list[dict]]:
    """Project and degrade: returns per-frame (33, 4) arrays (None = no person) and the spans
    where the person cannot be seen well enough to judge."""
    n = len(t)
    cam = place.camera
    xyz = observe.project(points, cam)
    vis = observe.visibility(points, sk["_r"], cam, script.posture, rng)
    unobservable: list[dict] = []

    if spec.limb_out_of_frame and plans:
        keys = [LANDMARK_NAMES.index(k) for k in script.key_landmarks(plans[len(plans) // 2].side)]
        shift = _edge_shift(xyz[:, keys, :2])
        xyz[..., :2] += shift
        key_xy = xyz[:, keys, :2]
        out = np.any((key_xy < 0) | (key_xy > 1), axis=(1, 2))
        unobservable += _spans(out, t, "out_of_frame")

    low = np.zeros((n, 33), dtype=bool)
    for span in spec.low_visibility:
        start, end = float(span[0]), float(span[1])
        part = span[2] if len(span) > 2 else "legs"
        in_span = (t >= start) & (t <= end)
        cols = np.array(_part_indices(part, place.near_side), dtype=int)
        low[np.ix_(in_span, cols)] = True
        unobservable += _spans(in_span, t, "low_visibility", part=part)
    vis = np.where(low, rng.uniform(0.05, 0.35, size=vis.shape), vis)
    vis = vis * observe.off_frame_factor(xyz[..., :2])

    jit = observe.jitter(n, spec.jitter_px, vis, spec.width, spec.height, rng)
    extra = observe.jitter(n, max(spec.jitter_px, 3.0) * 2.5, vis, spec.width, spec.height, rng)
    xyz[..., :2] += jit + np.where(low[..., None], extra, 0.0)

    frames: list[np.ndarray | None] = [np.concatenate([xyz[i], vis[i, :, None]], axis=1)
                                       for i in range(n)]
    if spec.second_person and n > 10:
        dur = float(rng.uniform(0.6, 1.0))
        start = float(rng.uniform(0.3, 0.7)) * (t[-1] - dur)
        mask = (t >= start) & (t <= start + dur)
        world = observe.passer_by(t[mask], script.body, cam, start, start + dur, rng)
        other_xyz = observe.project(world, cam)
        other_vis = np.clip(0.9 + 0.05 * rng.standard_normal(other_xyz.shape[:2]), 0.5, 0.999)
        other_vis = other_vis * observe.off_frame_factor(other_xyz[..., :2])
        for j, i in enumerate(np.flatnonzero(mask)):
            frames[i] = np.concatenate([other_xyz[j], other_vis[j, :, None]], axis=1)
        unobservable += _spans(mask, t, "second_person")

    if spec.drop_frames > 0:
        dropped = np.zeros(n, dtype=bool)
        target = int(round(spec.drop_frames * n))
        while dropped.sum() < target:
            i = int(rng.integers(0, n))
            dropped[i:i + int(rng.integers(1, 5))] = True
        for i in np.flatnonzero(dropped):
            frames[i] = None
        unobservable += _spans(dropped, t, "no_person")
    unobservable.sort(key=lambda u: u["start"])
    return frames, unobservable


def _part_indices(part: str, near: str | None) -> list[int]:
    if part == "all":
        return list(range(33))
    if part in observe.PARTS:
        return observe.PARTS[part]
    where, limb = part.split("_")
    side = near if where == "near" else ("left" if near == "right" else "right")
    side = side or "left"
    idx = observe.PARTS["legs" if limb == "leg" else "arms"]
    return [i for i in idx if L(i).name.lower().startswith(side)]


def _edge_shift(key_xy: np.ndarray) -> np.ndarray:
    """A constant image shift that makes the key landmarks cross the picture edge towards
    which they move most, while staying inside at rest where the motion allows."""
    rest = key_xy[0].mean(axis=0)
    path = key_xy.mean(axis=1)                          # (N, 2)
    moves = path - rest
    best = None
    for axis in (0, 1):
        for sign in (-1.0, 1.0):
            reach = float(np.max(sign * moves[:, axis]))
            if best is None or reach > best[0]:
                best = (reach, axis, sign)
    assert best is not None
    reach, axis, sign = best
    extreme = float(np.max(sign * key_xy[..., axis]))       # furthest key point that way
    rest_extreme = float(np.max(sign * key_xy[0, :, axis]))
    edge = 1.0 if sign > 0 else 0.0
    # put the picture edge between the rest position and the extreme of the movement
    goal = rest_extreme + 0.6 * max(extreme - rest_extreme, 0.02)
    shift = np.zeros(2)
    shift[axis] = sign * (sign * edge - goal)
    return shift
