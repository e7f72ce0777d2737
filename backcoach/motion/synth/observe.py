"""From the 3D body to what a pose model reports: projection, depth, visibility and noise.

BlazePose reports lower visibility for limbs hidden behind the body (the far side in a side
view), and for points outside the picture; its coordinates jitter from frame to frame, more
so for poorly seen points. The knobs here reproduce those, plus dropped frames, spans of
low confidence, a limb leaving the picture and a passer-by taking over the detection.
"""

from __future__ import annotations

import numpy as np

from backcoach.motion.landmarks import L
from backcoach.motion.synth.body import Body, Limb, build, to_array
from backcoach.motion.synth.camera import Camera

SIDE_OF = np.array([-1 if lm.name.startswith("LEFT") or lm.name.endswith("LEFT") else
                    1 if lm.name.startswith("RIGHT") or lm.name.endswith("RIGHT") else 0
                    for lm in L])
DISTAL = np.array([lm.name.split("_", 1)[-1] in ("WRIST", "PINKY", "INDEX", "THUMB", "ANKLE",
                                                 "HEEL", "FOOT_INDEX") for lm in L])
FACE = np.arange(0, 11)
PARTS = {
    "legs": [i for i, lm in enumerate(L) if any(p in lm.name for p in
                                                ("HIP", "KNEE", "ANKLE", "HEEL", "FOOT"))],
    "arms": [i for i, lm in enumerate(L) if any(p in lm.name for p in
                                                ("ELBOW", "WRIST", "PINKY", "INDEX", "THUMB"))],
    "head": list(range(0, 11)),
}


def project(points: np.ndarray, camera: Camera) -> np.ndarray:
    """(N, 33, 3) world -> (N, 33, 3) [x, y, z] as BlazePose reports them (z relative to the
    hip midpoint, in roughly the same units as x)."""
    x, y, depth = camera.project(points)
    hip_depth = (depth[:, L.LEFT_HIP] + depth[:, L.RIGHT_HIP]) / 2
    scale = camera.fx / np.maximum(hip_depth[:, None], 0.1) / camera.width
    z = (depth - hip_depth[:, None]) * scale
    return np.stack([x, y, z], axis=-1)


def smoothstep(e0: float, e1: float, x: np.ndarray) -> np.ndarray:
    u = np.clip((x - e0) / (e1 - e0), 0.0, 1.0)
    return u * u * (3 - 2 * u)


# Visibility of a far-side point in a side view, by body part, as BlazePose 0.10.21 reported
# it on real side-view clips (shoulders and hips stay near 1.0 on both sides; the far arm of
# someone lying down is hidden behind the body).
FAR_LEVEL = {"SHOULDER": 0.99, "HIP": 0.99, "KNEE": 0.62, "ANKLE": 0.55, "HEEL": 0.63,
             "FOOT_INDEX": 0.66, "ELBOW": 0.32, "WRIST": 0.42, "PINKY": 0.36, "INDEX": 0.36,
             "THUMB": 0.36, "EYE": 0.93, "EYE_INNER": 0.93, "EYE_OUTER": 0.9, "EAR": 0.8,
             "LEFT": 0.97, "RIGHT": 0.97}
HIDDEN_ARM = {"ELBOW": 0.04, "WRIST": 0.06, "PINKY": 0.05, "INDEX": 0.05, "THUMB": 0.05}


def _far_levels(posture: str) -> np.ndarray:
    levels = []
    for lm in L:
        part = lm.name.split("_", 1)[-1] if "_" in lm.name else lm.name
        level = FAR_LEVEL.get(part, 0.97)
        if posture == "supine":
            level = HIDDEN_ARM.get(part, level)
        levels.append(level)
    return np.array(levels)


def visibility(points: np.ndarray, right: np.ndarray, camera: Camera, posture: str,
               rng: np.random.Generator) -> np.ndarray:
    """(N, 33) visibility: 0.95+ for the near side, lower for far-side limbs in a side view
    (trunk points stay high), with slow wander and frame-to-frame flicker."""
    to_cam = camera.position - points
    to_cam /= np.linalg.norm(to_cam, axis=-1, keepdims=True)
    outward = SIDE_OF[None, :, None] * right[:, None, :]
    facing = np.sum(outward * to_cam, axis=-1)         # +1 the side faces the camera
    near = smoothstep(-0.6, -0.1, facing)
    far_level = _far_levels(posture)[None, :] + 0.04 * rng.standard_normal((1, 33))
    near_level = 0.975 - 0.02 * DISTAL[None, :]
    vis = far_level + (near_level - far_level) * near
    vis = np.where(SIDE_OF[None, :] == 0, 0.995, vis)
    n = len(points)
    drift = np.cumsum(rng.standard_normal((n, 33)), axis=0)
    drift -= drift.mean(axis=0)
    drift /= np.maximum(drift.std(axis=0), 1e-9)
    far = 1.0 - near
    wander = drift * (0.008 + 0.07 * far * (far_level < 0.9))
    flicker = rng.standard_normal((n, 33)) * (0.005 + 0.04 * far * (far_level < 0.9))
    return np.clip(vis + wander + flicker, 0.01, 0.999)


def off_frame_factor(xy: np.ndarray) -> np.ndarray:
    """1 inside the picture, falling to ~0.1 just outside it."""
    outside = np.maximum.reduce([-xy[..., 0], xy[..., 0] - 1, -xy[..., 1], xy[..., 1] - 1])
    return 1.0 - 0.9 * smoothstep(-0.01, 0.03, outside)


def jitter(n: int, sigma_px: float, vis: np.ndarray, width: int, height: int,
           rng: np.random.Generator) -> np.ndarray:
    """(N, 33, 2) normalised offsets: white noise plus a slowly correlated part, larger for
    poorly seen points."""
    if sigma_px <= 0:
        return np.zeros((n, 33, 2))
    scale = sigma_px * (1.0 + 2.0 * (1.0 - vis))[..., None]
    white = rng.standard_normal((n, 33, 2))
    slow = np.zeros((n, 33, 2))
    e = rng.standard_normal((n, 33, 2))
    for i in range(1, n):
        slow[i] = 0.85 * slow[i - 1] + 0.53 * e[i]
    off = (0.8 * white + 0.6 * slow) * scale
    return off / np.array([width, height])


def passer_by(t: np.ndarray, body: Body, camera: Camera, start: float, end: float,
              rng: np.random.Generator) -> np.ndarray:
    """World landmarks (N, 33, 3) of a second person walking across in front of the camera."""
    n = len(t)
    pos = camera.position
    fwd = camera.forward * np.array([1, 0, 1])
    fwd /= np.linalg.norm(fwd)
    across = np.cross(fwd, [0, 1.0, 0])
    u = np.clip((t - start) / max(end - start, 1e-3), 0, 1)
    dist = rng.uniform(1.2, 1.8)
    half = dist * 0.9
    hip = pos * np.array([1, 0, 1]) + fwd * dist + across[None, :] * (-half + 2 * half * u)[:, None]
    hip[:, 1] = 0.92 * body.height / 1.75
    phase = 2 * np.pi * 1.8 * (t - start)
    swing = 22 * np.sin(phase)
    # walking towards +across: build in a frame whose X is `across`, then rotate
    legs = {"left": Limb(-90 - swing, -90 - swing + 25 * np.clip(np.sin(phase), 0, 1)),
            "right": Limb(-90 + swing, -90 + swing + 25 * np.clip(-np.sin(phase), 0, 1))}
    arms = {"left": Limb(-90 + swing * 0.8, -90 + swing * 0.8 - 15),
            "right": Limb(-90 - swing * 0.8, -90 - swing * 0.8 - 15)}
    local = to_array(build(body, -1, np.zeros((n, 3)), np.full(n, 90.0), np.zeros(n),
                           np.zeros(n), legs, arms))
    # local frame: X = facing backwards (the person faces -X), Z = across the body
    ex = -across   # the walker faces +across, i.e. local -X maps to +across
    ez = np.cross(ex, [0, 1.0, 0])
    world = (local[..., 0:1] * ex + local[..., 1:2] * np.array([0, 1.0, 0])
             + local[..., 2:3] * ez)
    return world + hip[:, None, :]
