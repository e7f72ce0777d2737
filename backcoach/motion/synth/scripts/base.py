"""What every motion script shares: the rep plan, the context and the script interface."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from backcoach.catalog import Exercise
from backcoach.motion.synth.body import Body, Limb, Skeleton
from backcoach.motion.synth.kinematics import Tracks, wobble


@dataclass
class RepPlan:
    """One rep to perform: its side, faults, hold and pace (a duration multiplier)."""

    index: int
    side: str | None
    faults: frozenset[str]
    hold: float | None
    pace: float
    amount: float = 1.0    # per-rep variation of the range (around 1.0), times spec.rom

    def fast(self, seconds: float, factor: float = 0.22) -> float:
        """A movement phase's duration: the catalogue tempo at this rep's pace, or much
        quicker when the rep carries the too_fast fault."""
        d = seconds * self.pace
        return d * factor if "too_fast" in self.faults else d


@dataclass
class RepTiming:
    start: float
    end: float
    hold: float | None = None      # seconds held at the target
    hold_start: float | None = None


@dataclass
class Context:
    exercise: Exercise
    body: Body
    rng: np.random.Generator
    rom: float = 1.0
    sway: float = 1.0
    _wob: dict[str, np.ndarray] = field(default_factory=dict)
    t: np.ndarray | None = None

    @property
    def tempo(self) -> float:
        return self.exercise.dosage.tempo_seconds

    def wob(self, name: str, amplitude: float, freq: tuple[float, float] = (0.08, 0.45)
            ) -> np.ndarray:
        """A named slow sway signal over the frame times (same name, same signal)."""
        if name not in self._wob:
            assert self.t is not None
            seed = int(self.rng.integers(0, 2**31))
            self._wob[name] = wobble(self.t, 1.0, np.random.default_rng(seed), freq)
        return self._wob[name] * amplitude * self.sway


def other(side: str) -> str:
    return "right" if side == "left" else "left"


def bisect(fn: Callable[[np.ndarray], np.ndarray], lo: float | np.ndarray,
           hi: float | np.ndarray, target: np.ndarray | float, n: int,
           iters: int = 40) -> np.ndarray:
    """Solve fn(x) = target for increasing fn, element-wise over n frames."""
    a = np.broadcast_to(np.asarray(lo, dtype=float), (n,)).copy()
    b = np.broadcast_to(np.asarray(hi, dtype=float), (n,)).copy()
    for _ in range(iters):
        m = (a + b) / 2
        below = fn(m) < target
        a = np.where(below, m, a)
        b = np.where(below, b, m)
    return (a + b) / 2


def foot_points(body: Body, c: int, ankle: np.ndarray, foot_theta: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
    """Heel and toe (x, y) in the sagittal plane for an ankle position and foot angle."""
    th = np.radians(foot_theta)
    fwd = np.stack([np.cos(th), np.sin(th)], axis=-1)
    up = np.stack([-np.sin(th), np.cos(th)], axis=-1) * c
    (hb, hu), (tf, tu) = body.heel_offset, body.toe_offset
    return ankle + fwd * hb + up * hu, ankle + fwd * tf + up * tu


def ankle_from_toe(body: Body, c: int, toe: np.ndarray, foot_theta: np.ndarray) -> np.ndarray:
    """Where the ankle is when the toe point is at `toe` with the foot at `foot_theta`."""
    _, t_rel = foot_points(body, c, np.zeros_like(toe), foot_theta)
    return toe - t_rel


def blend(a: np.ndarray | float, b: np.ndarray | float, w: np.ndarray) -> np.ndarray:
    return np.asarray(a) + (np.asarray(b) - np.asarray(a)) * w


class Script:
    """A motion script: builds the parameter tracks rep by rep, then the pose from them."""

    posture: str = "supine"
    c: int = 1
    idle_scale: float = 1.0        # scales the idle time between reps
    side_gap: float = 2.5          # pause between the left and the right set

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.body = ctx.body
        self.tracks = Tracks()
        self.setup()

    # -- to implement ------------------------------------------------------------------
    def setup(self) -> None:
        raise NotImplementedError

    def rep(self, t0: float, plan: RepPlan) -> RepTiming:
        raise NotImplementedError

    def pose(self, p: dict[str, np.ndarray], n: int) -> Skeleton:
        raise NotImplementedError

    def peak(self, sk: Skeleton, side: str | None, sl: slice) -> dict[str, float]:
        """The rep's extremes measured on the 3D body over the frames `sl`."""
        raise NotImplementedError

    def key_landmarks(self, side: str | None) -> list[str]:
        """The landmarks that move in a rep (for a limb leaving the frame)."""
        sides = [side] if side else ["left", "right"]
        return [f"{s}_{p}" for s in sides for p in ("ankle", "heel", "foot_index")]

    # -- shared helpers ----------------------------------------------------------------
    def hold_for(self, plan: RepPlan) -> float:
        hold = plan.hold or 0.0
        if "short_hold" in plan.faults:
            hs = self.ctx.exercise.dosage.hold_seconds
            hold = (hs.min if hs else 2.0) * 0.3
        return hold

    def arms_by_sides(self, n: int, splay: float = 12.0) -> dict[str, Limb]:
        """Lying on the back: arms resting on the floor beside the body."""
        w = self.ctx.wob
        return {
            s: Limb(upper=np.full(n, -3.0) + w(f"arm_{s}", 1.0),
                    lower=np.full(n, -3.0) + w(f"arm_{s}", 1.0)
                    + self.c * (6.0 + np.abs(w(f"fore_{s}", 2.0))), splay=splay)
            for s in ("left", "right")
        }


def trunk_from_vertical(sk: Skeleton) -> np.ndarray:
    """Angle (degrees) of the hip-midpoint -> shoulder-midpoint line from vertical."""
    v = (sk["left_shoulder"] + sk["right_shoulder"] - sk["left_hip"] - sk["right_hip"]) / 2
    return np.degrees(np.arccos(np.clip(v[:, 1] / np.linalg.norm(v, axis=1), -1, 1)))
