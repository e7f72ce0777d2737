"""Smooth trajectories and small geometry helpers shared by the motion scripts.

Everything is vectorised over frames: a time array in, arrays out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


def min_jerk(u: np.ndarray) -> np.ndarray:
    """The minimum-jerk profile 10u^3 - 15u^4 + 6u^5 on u in [0, 1] (clipped outside)."""
    u = np.clip(u, 0.0, 1.0)
    return u * u * u * (10.0 + u * (-15.0 + 6.0 * u))


@dataclass
class Track:
    """One scalar parameter over time: a start value and minimum-jerk moves to new values.

    Moves are added in time order; between moves the value holds still.
    """

    start: float
    moves: list[tuple[float, float, float]] = field(default_factory=list)  # (t0, t1, value)

    @property
    def last(self) -> float:
        return self.moves[-1][2] if self.moves else self.start

    @property
    def free_from(self) -> float:
        return self.moves[-1][1] if self.moves else float("-inf")

    def to(self, t0: float, t1: float, value: float) -> float:
        """Move from the current value to `value` between t0 and t1; returns t1."""
        if t0 < self.free_from - 1e-9:
            raise ValueError(f"move at {t0:.3f}s overlaps the previous one (ends {self.free_from})")
        self.moves.append((float(t0), float(max(t1, t0 + 1e-3)), float(value)))
        return t1

    def __call__(self, t: np.ndarray) -> np.ndarray:
        out = np.full_like(t, self.start, dtype=float)
        prev = self.start
        for t0, t1, value in self.moves:
            u = (t - t0) / (t1 - t0)
            seg = prev + (value - prev) * min_jerk(u)
            out = np.where(t >= t0, seg, out)
            prev = value
        return out


class Tracks(dict[str, Track]):
    """Named tracks; `tracks.at(t)` evaluates all of them."""

    def add(self, name: str, start: float) -> Track:
        self[name] = Track(start)
        return self[name]

    def at(self, t: np.ndarray) -> dict[str, np.ndarray]:
        return {name: track(t) for name, track in self.items()}


def wobble(t: np.ndarray, amplitude: float, rng: np.random.Generator,
           freq: tuple[float, float] = (0.08, 0.45)) -> np.ndarray:
    """Slow natural sway: a sum of three sinusoids of random frequency and phase."""
    out = np.zeros_like(t, dtype=float)
    for _ in range(3):
        f = rng.uniform(*freq)
        out += np.sin(2 * np.pi * f * t + rng.uniform(0, 2 * np.pi))
    return amplitude * out / np.sqrt(1.5)


def direction(theta_deg: np.ndarray | float, psi_deg: np.ndarray | float = 0.0) -> np.ndarray:
    """Unit vectors from a sagittal angle (in the world X-Y plane, from +X towards +Y) and a
    small lateral angle out of that plane (towards +Z). Shape (..., 3)."""
    th = np.radians(np.asarray(theta_deg, dtype=float))
    ps = np.radians(np.asarray(psi_deg, dtype=float))
    th, ps = np.broadcast_arrays(th, ps)
    return np.stack([np.cos(ps) * np.cos(th), np.cos(ps) * np.sin(th), np.sin(ps)], axis=-1)


def planar_angle(v: np.ndarray) -> np.ndarray:
    """Sagittal angle (degrees) of vectors (..., 3) in the X-Y plane."""
    return np.degrees(np.arctan2(v[..., 1], v[..., 0]))


def two_link_ik(root: np.ndarray, target: np.ndarray, l1: float, l2: float,
                bend: float) -> tuple[np.ndarray, np.ndarray]:
    """Planar two-segment inverse kinematics in the X-Y plane.

    root, target: (N, 2) or (N, 3) (only x, y used). `bend` = +1 puts the middle joint on the
    left of the root->target line (counter-clockwise), -1 on the right. Returns the world
    sagittal angles (degrees) of the first and second segment. Targets out of reach give a
    straight limb pointing at them.
    """
    d = target[..., :2] - root[..., :2]
    dist = np.hypot(d[..., 0], d[..., 1])
    dist_c = np.clip(dist, abs(l1 - l2) + 1e-6, l1 + l2 - 1e-6)
    base = np.arctan2(d[..., 1], d[..., 0])
    cos_a = (l1 * l1 + dist_c * dist_c - l2 * l2) / (2 * l1 * dist_c)
    a = np.arccos(np.clip(cos_a, -1.0, 1.0))
    th1 = base + bend * a
    p1 = np.stack([l1 * np.cos(th1), l1 * np.sin(th1)], axis=-1)
    d2 = d / np.maximum(dist, 1e-9)[..., None] * dist_c[..., None] - p1
    th2 = np.arctan2(d2[..., 1], d2[..., 0])
    return np.degrees(th1), np.degrees(th2)


def angle_between(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Angle in degrees between vectors a and b (..., 3)."""
    na = np.linalg.norm(a, axis=-1)
    nb = np.linalg.norm(b, axis=-1)
    cos = np.sum(a * b, axis=-1) / np.maximum(na * nb, 1e-12)
    return np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))


def joint_angle(p: np.ndarray, centre: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Interior angle p-centre-q in degrees."""
    return angle_between(p - centre, q - centre)
