"""Where the camera stands for each view, and which side of the person it sees."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backcoach.motion.synth.camera import HFOV_DEG, Camera

OBLIQUE_DEG = 40.0
DEFAULT_CAMERA_HEIGHT = {"supine": 0.75, "kneeling": 0.8, "seated": 1.0, "standing": 1.1}


@dataclass(frozen=True)
class Placement:
    camera: Camera
    distance: float
    camera_height: float
    near_side: str | None     # the person's side nearest the camera (None when facing it)
    head: str | None          # image side of the head for lying and kneeling postures


def near_side_sign(posture: str, c: int, view: str, head: str) -> tuple[float, str, str | None]:
    """Z sign of the camera, the side of the person it sees and the head's image side.

    Standing and seated: the view's suffix names the side the camera sees. Lying and
    kneeling: anatomy ties the seen side to where the head appears (lying on the back with
    the head on the image's left shows the right side), so `head` decides.
    """
    if posture in ("supine", "kneeling"):
        # the head lies towards -X; a camera at +Z sees -X on the image's left
        z = 1.0 if head == "left" else -1.0
        seen = "right" if z * c > 0 else "left"
        return z, seen, head
    want = "left" if view.endswith("left") else "right"
    z = float(c if want == "right" else -c)   # the person's right is c * Z
    return z, want, None


def place_camera(points: np.ndarray, posture: str, c: int, *, view: str, head: str,
                 width: int, height: int, distance: float | None,
                 camera_height: float | None, tilt_deg: float, roll_deg: float,
                 yaw_deg: float = 0.0) -> Placement:
    """Aim a camera at the body (points: (N, 33, 3)) from the chosen view, far enough back
    that the whole movement fits in the picture when no distance is given."""
    lo = points.reshape(-1, 3).min(axis=0)
    hi = points.reshape(-1, 3).max(axis=0)
    centre = (lo + hi) / 2
    z, near, head_side = near_side_sign(posture, c, view, head)
    seen: str | None = near
    cam_h = camera_height if camera_height is not None else DEFAULT_CAMERA_HEIGHT[posture]
    # the person's front along X: standing and seated face -X; lying: feet at +X;
    # kneeling: head at -X
    front = {"supine": 1.0, "kneeling": -1.0, "seated": -1.0, "standing": -1.0}[posture]
    if view == "front":
        horizontal = np.array([front, 0.0, 0.0])
        seen = None
    elif view.startswith("oblique"):
        a = np.radians(OBLIQUE_DEG)
        horizontal = np.array([front * np.sin(a), 0.0, z * np.cos(a)])
    else:
        horizontal = np.array([0.0, 0.0, z])
    if yaw_deg:
        # about the vertical; for side views a positive yaw swings the camera to the front
        a = np.radians(yaw_deg) * (1.0 if view == "front" else float(np.sign(front * z)))
        horizontal = np.array([horizontal[0] * np.cos(a) + horizontal[2] * np.sin(a), 0.0,
                               -horizontal[0] * np.sin(a) + horizontal[2] * np.cos(a)])
    hfov = float(np.tan(np.radians(HFOV_DEG) / 2))
    vfov = hfov * height / width
    if distance is None:
        # extent of the body across and up the picture, with a margin
        across = np.abs(np.cross(horizontal, [0.0, 1.0, 0.0]))
        span_x = float(np.dot(hi - lo, across))
        span_y = float(hi[1] - lo[1])
        depth = float(np.dot(hi - lo, np.abs(horizontal))) / 2
        distance = max(span_x / (2 * hfov * 0.78), span_y / (2 * vfov * 0.72), 1.2) + depth
    position = centre + horizontal * distance
    position[1] = cam_h
    camera = Camera.look_at(position, centre, width=width, height=height,
                            tilt_deg=tilt_deg, roll_deg=roll_deg)
    return Placement(camera, float(distance), float(cam_h), seen, head_side)
