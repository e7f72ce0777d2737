"""Plane geometry on pose landmarks, in pixel space (x * width, y * height).

Angles are measured on the image, so a normalised 16:9 frame does not squash them. Image y
points down; "up" below means towards the top of the image.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np

from backcoach.motion.landmarks import L, side_landmark

SIDES = ("left", "right")


@cache
def lm_index(side: str, part: str) -> int:
    """The landmark row of a side's body part, e.g. ("left", "knee") -> 25 (looked up once)."""
    return int(side_landmark(side, part))


def other_side(side: str) -> str:
    return "right" if side == "left" else "left"


def to_pixels(landmarks: np.ndarray, width: int, height: int) -> np.ndarray:
    """(33, 4) normalised landmarks -> (33, 2) pixel coordinates."""
    return landmarks[:, :2] * np.array([float(width), float(height)])


def _xy(p: np.ndarray | tuple[float, float]) -> tuple[float, float]:
    """A point's x, y as plain floats (arithmetic on numpy scalars is several times slower,
    and these functions run for every frame)."""
    v = p.tolist() if isinstance(p, np.ndarray) else p
    return v[0], v[1]


def joint_angle(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> float:
    """The angle a-b-c at b, in degrees (0..180)."""
    (ax, ay), (bx, by), (cx, cy) = _xy(a), _xy(b), _xy(c)
    v1x, v1y, v2x, v2y = ax - bx, ay - by, cx - bx, cy - by
    n1 = math.hypot(v1x, v1y)
    n2 = math.hypot(v2x, v2y)
    if n1 < 1e-9 or n2 < 1e-9:
        return float("nan")
    cos = (v1x * v2x + v1y * v2y) / (n1 * n2)
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def angle_from_down(top: np.ndarray, bottom: np.ndarray) -> float:
    """The angle (0..180 degrees) of the segment top->bottom from pointing straight down the
    image: 0 hanging, 90 level, 180 pointing up."""
    (tx, ty), (bx, by) = _xy(top), _xy(bottom)
    dx, dy = bx - tx, by - ty
    n = math.hypot(dx, dy)
    if n < 1e-9:
        return float("nan")
    return math.degrees(math.acos(max(-1.0, min(1.0, dy / n))))


def angle_to_horizontal(p: np.ndarray, q: np.ndarray) -> float:
    """How far the line p-q is from horizontal, in degrees (0..90), whichever way it points."""
    (px, py), (qx, qy) = _xy(p), _xy(q)
    dx, dy = abs(qx - px), abs(qy - py)
    if dx < 1e-9 and dy < 1e-9:
        return float("nan")
    return math.degrees(math.atan2(dy, dx))


def angle_to_vertical(p: np.ndarray, q: np.ndarray) -> float:
    """How far the line p-q is from vertical, in degrees (0..90)."""
    h = angle_to_horizontal(p, q)
    return float("nan") if math.isnan(h) else 90.0 - h


def elevation(base: np.ndarray, axis_from: np.ndarray, tip: np.ndarray) -> float:
    """Signed angle of base->tip above the line that continues axis_from->base, in degrees.

    Positive when the tip lies on the upper side of the line (towards the top of the image),
    e.g. a leg lifted off the floor with the trunk as reference, head left or right.
    """
    ax = base - axis_from
    v = tip - base
    na = math.hypot(ax[0], ax[1])
    nv = math.hypot(v[0], v[1])
    if na < 1e-9 or nv < 1e-9:
        return float("nan")
    ang = math.degrees(math.atan2(ax[0] * v[1] - ax[1] * v[0], ax[0] * v[0] + ax[1] * v[1]))
    # the normal of the axis pointing up in the image decides which sign means "up"
    up_sign = 1.0 if ax[0] > 0 else -1.0
    if abs(ax[0]) < 1e-9:
        up_sign = 1.0
    return -ang * up_sign


def point_line_distance(p: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    """Unsigned distance from p to the infinite line through a and b."""
    d = b - a
    n = math.hypot(d[0], d[1])
    if n < 1e-9:
        return float(math.hypot(p[0] - a[0], p[1] - a[1]))
    return abs(d[0] * (p[1] - a[1]) - d[1] * (p[0] - a[0])) / n


def dist(p: np.ndarray, q: np.ndarray) -> float:
    (px, py), (qx, qy) = _xy(p), _xy(q)
    return math.hypot(qx - px, qy - py)


def midpoint(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    return (p + q) / 2.0


def side_visibility(visibility: np.ndarray, side: str, parts: tuple[str, ...]) -> float:
    """The lowest visibility among a side's named parts (e.g. hip, knee, ankle)."""
    return float(min(visibility[side_landmark(side, p)] for p in parts))


def facing_side(landmarks: np.ndarray) -> str | None:
    """Which side of the body faces the camera, from visibility and depth; None if unclear.

    The near side is seen better (higher visibility) and is closer (smaller z). Both cues are
    summed over shoulders, hips, knees and ankles so that a single bad landmark does not decide.
    """
    pairs = [
        (L.LEFT_SHOULDER, L.RIGHT_SHOULDER),
        (L.LEFT_HIP, L.RIGHT_HIP),
        (L.LEFT_KNEE, L.RIGHT_KNEE),
        (L.LEFT_ANKLE, L.RIGHT_ANKLE),
    ]
    vis_score = sum(float(landmarks[a, 3] - landmarks[b, 3]) for a, b in pairs)
    z_score = sum(float(landmarks[b, 2] - landmarks[a, 2]) for a, b in pairs)
    # z is in roughly image-width units; scale it so a 0.1 depth gap weighs like 0.1 visibility
    score = vis_score + z_score
    if abs(score) < 0.05:
        return None
    return "left" if score > 0 else "right"


def side_on_ratio(px: np.ndarray) -> float:
    """Shoulder and hip width seen in the image over trunk length: near 0 side-on, ~0.7 facing."""
    (lsx, lsy), (rsx, rsy) = _xy(px[L.LEFT_SHOULDER]), _xy(px[L.RIGHT_SHOULDER])
    (lhx, lhy), (rhx, rhy) = _xy(px[L.LEFT_HIP]), _xy(px[L.RIGHT_HIP])
    sh_w = math.hypot(rsx - lsx, rsy - lsy)
    hip_w = math.hypot(rhx - lhx, rhy - lhy)
    trunk = math.hypot((lsx + rsx - lhx - rhx) / 2.0, (lsy + rsy - lhy - rhy) / 2.0)
    if trunk < 1e-6:
        return float("inf")
    return (sh_w + hip_w) / 2.0 / trunk


def height_above_line(p: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    """Signed distance of p from the line through a and b, positive towards the image top."""
    d = b - a
    n = math.hypot(d[0], d[1])
    if n < 1e-9:
        return float(a[1] - p[1])
    # unit normal of the line, turned to point up the image (negative y)
    nx, ny = -d[1] / n, d[0] / n
    if ny > 0:
        nx, ny = -nx, -ny
    return float((p[0] - a[0]) * nx + (p[1] - a[1]) * ny)
