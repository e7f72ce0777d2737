"""A pinhole camera placed around the person: side, front or oblique, at a distance and height.

The camera aims at the body's centre; `tilt_deg` pitches it further down (negative: up) and
`roll_deg` turns the picture about the lens axis, like a phone propped up crooked.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

HFOV_DEG = 65.0   # a typical laptop webcam


@dataclass(frozen=True)
class Camera:
    position: np.ndarray   # (3,)
    right: np.ndarray      # image +x, unit
    down: np.ndarray       # image +y, unit
    forward: np.ndarray    # optical axis, unit
    fx: float
    width: int
    height: int

    @classmethod
    def look_at(cls, position: np.ndarray, target: np.ndarray, *, width: int, height: int,
                tilt_deg: float = 0.0, roll_deg: float = 0.0,
                hfov_deg: float = HFOV_DEG) -> Camera:
        position = np.asarray(position, dtype=float)
        fwd = np.asarray(target, dtype=float) - position
        fwd /= np.linalg.norm(fwd)
        up = np.array([0.0, 1.0, 0.0])
        right = np.cross(fwd, up)
        right /= np.linalg.norm(right)
        down = np.cross(fwd, right)
        if tilt_deg:
            t = np.radians(tilt_deg)   # pitch down about the right axis
            fwd, down = np.cos(t) * fwd + np.sin(t) * down, np.cos(t) * down - np.sin(t) * fwd
        if roll_deg:
            q = np.radians(roll_deg)
            right, down = np.cos(q) * right + np.sin(q) * down, np.cos(q) * down - np.sin(q) * right
        fx = (width / 2) / np.tan(np.radians(hfov_deg) / 2)
        return cls(position, right, down, fwd, float(fx), width, height)

    def project(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """World points (..., 3) -> normalised image x, y and camera depth (metres)."""
        rel = points - self.position
        depth = rel @ self.forward
        safe = np.where(np.abs(depth) < 1e-3, 1e-3, depth)
        x = (self.fx * (rel @ self.right) / safe + self.width / 2) / self.width
        y = (self.fx * (rel @ self.down) / safe + self.height / 2) / self.height
        return x, y, depth

    @property
    def hfov_tan(self) -> float:
        return (self.width / 2) / self.fx

    @property
    def vfov_tan(self) -> float:
        return (self.height / 2) / self.fx
