"""Landmark smoothing: a One Euro filter on every coordinate, restarted across long gaps.

The One Euro filter (Casiez, Roussel and Vogel, CHI 2012) is a low-pass filter whose cutoff
rises with speed: still landmarks are smoothed hard (jitter goes away), moving ones lightly
(little lag). It works on timestamps, so dropped frames are simply a longer step.
"""

from __future__ import annotations

import math

import numpy as np


def _alpha(dt: float, cutoff: np.ndarray | float) -> np.ndarray | float:
    tau = 1.0 / (2.0 * math.pi * np.asarray(cutoff))
    return 1.0 / (1.0 + tau / dt)


class OneEuroFilter:
    """One Euro filter over an array of values that share one timestamp per sample.

    min_cutoff (Hz) sets the smoothing at rest, beta how fast the cutoff rises with speed (in
    units of the signal per second), d_cutoff the cutoff of the speed estimate. A step longer
    than max_gap seconds restarts the filter, so a value seen again after a gap is not dragged
    towards where it was before.
    """

    def __init__(
        self,
        min_cutoff: float = 1.0,
        beta: float = 0.02,
        d_cutoff: float = 1.0,
        max_gap: float = 0.5,
    ):
        self.min_cutoff = min_cutoff
        self.beta = beta
        self.d_cutoff = d_cutoff
        self.max_gap = max_gap
        self.reset()

    def reset(self) -> None:
        self._t: float | None = None
        self._x: np.ndarray | None = None
        self._dx: np.ndarray | None = None
        self._all_finite = False

    def __call__(self, t: float, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        if self._t is None or self._x is None or self._dx is None:
            return self._restart(t, x)
        dt = t - self._t
        if dt <= 0:
            return self._x.copy()
        if dt > self.max_gap or self._x.shape != x.shape:
            return self._restart(t, x)
        a_d = 1.0 / (1.0 + 1.0 / (2.0 * math.pi * self.d_cutoff * dt))
        if self._all_finite and np.isfinite(x).all():
            # the usual frame, every value seen now and before: the same steps, fewer passes
            dx_hat = a_d * ((x - self._x) / dt) + (1 - a_d) * self._dx
            k = (2.0 * math.pi * dt) * (self.min_cutoff + self.beta * np.abs(dx_hat))
            x_hat = self._x + (k / (1.0 + k)) * (x - self._x)
            self._t, self._x, self._dx = t, x_hat, dx_hat
            return x_hat.copy()
        # a value that was missing (nan) before starts afresh where it reappears
        fresh = ~np.isfinite(self._x)
        prev = np.where(fresh, x, self._x)
        dx = (x - prev) / dt
        dx_hat = a_d * dx + (1 - a_d) * self._dx
        dx_hat = np.where(np.isfinite(dx_hat), dx_hat, 0.0)
        cutoff = self.min_cutoff + self.beta * np.abs(dx_hat)
        a = _alpha(dt, cutoff)
        x_hat = a * x + (1 - a) * prev
        # a value missing now keeps its last estimate
        x_hat = np.where(np.isfinite(x), x_hat, self._x)
        self._t, self._x, self._dx = t, x_hat, dx_hat
        self._all_finite = bool(np.isfinite(x_hat).all())
        return x_hat.copy()

    def _restart(self, t: float, x: np.ndarray) -> np.ndarray:
        self._t, self._x, self._dx = t, x.copy(), np.zeros_like(x)
        self._all_finite = bool(np.isfinite(x).all())
        return x.copy()


class LandmarkSmoother:
    """Smooths a pose frame by frame: One Euro on pixel x, y; a short moving average on visibility.

    Call with the frame time and a (33, 4) normalised landmark array; get back (33, 2) smoothed
    pixel coordinates and (33,) smoothed visibility. A frame without a person leaves the state
    alone; if the person is gone for longer than max_gap the filter starts again.
    """

    def __init__(
        self,
        width: int,
        height: int,
        *,
        min_cutoff: float = 1.2,
        beta: float = 0.03,
        visibility_tau: float = 0.15,
        max_gap: float = 0.5,
    ):
        self.scale = np.array([float(width), float(height)])
        self.xy = OneEuroFilter(min_cutoff=min_cutoff, beta=beta, max_gap=max_gap)
        self.visibility_tau = visibility_tau
        self.max_gap = max_gap
        self._vis: np.ndarray | None = None
        self._t: float | None = None

    def reset(self) -> None:
        self.xy.reset()
        self._vis = None
        self._t = None

    def __call__(self, t: float, landmarks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        px = self.xy(t, landmarks[:, :2] * self.scale)
        v = landmarks[:, 3]
        vis = np.clip(np.where(np.isfinite(v), v, 0.0), 0.0, 1.0)
        if self._vis is None or self._t is None or not 0 < t - self._t <= self.max_gap:
            self._vis = vis.copy()
        else:
            a = 1.0 - math.exp(-(t - self._t) / self.visibility_tau)
            self._vis = a * vis + (1 - a) * self._vis
        self._t = t
        return px, self._vis.copy()
