"""The kinematic body: adult segment proportions scaled by height, forward kinematics into
BlazePose's 33 landmarks, and the anatomical joint angles measured back from them.

World frame: metres, X horizontal along the body's sagittal plane, Y up (floor at Y = 0),
Z across the body. Segment directions are given as a sagittal angle in the X-Y plane plus a
small lateral angle, so every segment keeps its length by construction.

Each posture has a chirality `c` (+1 lying on the back, -1 otherwise) such that `c * Z` is
the person's right: flexing a joint turns the distal segment by `+c` about Z.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backcoach.motion.landmarks import NUM_LANDMARKS, L
from backcoach.motion.synth.kinematics import angle_between, direction

Skeleton = dict[str, np.ndarray]   # landmark name (lower case, as in L) -> (N, 3); "_s", "_a", "_r"


@dataclass(frozen=True)
class Body:
    """Segment lengths (metres) for an adult of the given height (after Drillis & Contini)."""

    height: float = 1.75

    @property
    def k(self) -> float:
        return self.height / 1.75

    @property
    def thigh(self) -> float:
        return 0.245 * self.height

    @property
    def shank(self) -> float:
        return 0.246 * self.height

    @property
    def trunk(self) -> float:
        """Hip joint centre to shoulder joint centre."""
        return 0.288 * self.height

    @property
    def hip_width(self) -> float:
        return 0.12 * self.height

    @property
    def shoulder_width(self) -> float:
        return 0.20 * self.height

    @property
    def upper_arm(self) -> float:
        return 0.186 * self.height

    @property
    def forearm(self) -> float:
        return 0.146 * self.height

    @property
    def neck(self) -> float:
        """Shoulder midpoint to the head centre (ear level)."""
        return 0.115 * self.height

    @property
    def leg(self) -> float:
        return self.thigh + self.shank

    @property
    def arm(self) -> float:
        return self.upper_arm + self.forearm

    # Foot points relative to the ankle, along the foot (forward) and its dorsum (up).
    @property
    def heel_offset(self) -> tuple[float, float]:
        return (-0.05 * self.k, -0.06 * self.k)

    @property
    def toe_offset(self) -> tuple[float, float]:
        return (0.19 * self.k, -0.05 * self.k)

    @property
    def ankle_height(self) -> float:
        """Ankle height above the floor with the foot flat."""
        return 0.062 * self.k


@dataclass
class Limb:
    """Sagittal angles (degrees, world X-Y plane) of a limb's two segments and its end piece
    (foot or hand), with a lateral splay (degrees, positive = away from the body's midline)."""

    upper: np.ndarray
    lower: np.ndarray
    end: np.ndarray | None = None     # legs: foot angle; arms: hand angle relative to the
                                      # forearm (None = straight along it)
    splay: np.ndarray | float = 0.0


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.maximum(np.linalg.norm(v, axis=-1, keepdims=True), 1e-12)


def _perp(v: np.ndarray, c: int) -> np.ndarray:
    """The unit vector at right angles to v, turned by +c*90 degrees about Z."""
    z = np.zeros_like(v)
    z[..., 2] = 1.0
    return -c * _unit(np.cross(v, z))


def build(body: Body, c: int, hip_mid: np.ndarray, trunk_theta: np.ndarray,
          trunk_lean: np.ndarray, neck_flex: np.ndarray,
          legs: dict[str, Limb], arms: dict[str, Limb]) -> Skeleton:
    """Forward kinematics: place every landmark from the root position and segment angles.

    trunk_theta is the sagittal angle of the hip->shoulder line, trunk_lean its sideways
    lean (degrees, positive towards the person's right), neck_flex the head bent towards the
    chest (degrees).
    """
    k = body.k
    n = hip_mid.shape[0]
    rz = np.zeros((n, 3))
    rz[:, 2] = c   # c * Z is the person's right
    s = direction(trunk_theta, c * np.asarray(trunk_lean, dtype=float) * np.ones(n))
    r = _unit(rz - np.sum(rz * s, axis=-1, keepdims=True) * s)
    a = np.cross(s, r)
    sk: Skeleton = {"_s": s, "_a": a, "_r": r, "hip_mid": hip_mid}
    sign = {"left": -1.0, "right": 1.0}
    shoulder_mid = hip_mid + s * body.trunk
    # a sideways lean bends the spine: the pelvis stays level
    sp = direction(trunk_theta, np.zeros(n))
    rp = _unit(rz - np.sum(rz * sp, axis=-1, keepdims=True) * sp)
    for side, sg in sign.items():
        sk[f"{side}_hip"] = hip_mid + sg * rp * body.hip_width / 2
        sk[f"{side}_shoulder"] = shoulder_mid + sg * r * body.shoulder_width / 2

    for side, limb in legs.items():
        out = sign[side] * c   # lateral (Z) sign of "away from the midline"
        splay = out * np.asarray(limb.splay, dtype=float) * np.ones(n)
        thigh = direction(limb.upper, splay)
        shank = direction(limb.lower, splay)
        knee = sk[f"{side}_hip"] + thigh * body.thigh
        ankle = knee + shank * body.shank
        foot_theta = limb.end if limb.end is not None else np.asarray(limb.lower) + c * 90.0
        fwd = direction(foot_theta, splay)
        up = _perp(fwd, c)
        (hb, hu), (tf, tu) = body.heel_offset, body.toe_offset
        sk[f"{side}_knee"] = knee
        sk[f"{side}_ankle"] = ankle
        sk[f"{side}_heel"] = ankle + fwd * hb + up * hu
        sk[f"{side}_foot_index"] = ankle + fwd * tf + up * tu

    for side, limb in arms.items():
        out = sign[side] * c
        splay = out * np.asarray(limb.splay, dtype=float) * np.ones(n)
        upper = direction(limb.upper, splay)
        fore = direction(limb.lower, splay)
        elbow = sk[f"{side}_shoulder"] + upper * body.upper_arm
        wrist = elbow + fore * body.forearm
        hand = fore if limb.end is None else direction(np.asarray(limb.lower) + limb.end, splay)
        hp = _perp(hand, c)
        # the hand's third axis, pointed towards the body's midline
        third = np.cross(hand, hp)
        toward = np.sign(np.sum(third * (-sign[side] * r), axis=-1, keepdims=True))
        inward = third * np.where(toward == 0, 1.0, toward)
        sk[f"{side}_elbow"] = elbow
        sk[f"{side}_wrist"] = wrist
        sk[f"{side}_index"] = wrist + k * (0.085 * hand + 0.01 * hp + 0.01 * inward)
        sk[f"{side}_pinky"] = wrist + k * (0.07 * hand - 0.025 * hp)
        sk[f"{side}_thumb"] = wrist + k * (0.045 * hand + 0.035 * hp + 0.01 * inward)

    nf = np.radians(np.asarray(neck_flex, dtype=float) * np.ones(n))[:, None]
    sh = np.cos(nf) * s + np.sin(nf) * a
    ah = np.cos(nf) * a - np.sin(nf) * s
    hc = shoulder_mid + sh * body.neck
    sk["head_centre"] = hc

    def face(fw: float, up: float, lat: float) -> np.ndarray:
        return hc + k * (fw * ah + up * sh + lat * r)

    sk["nose"] = face(0.10, -0.01, 0)
    for side, sg in sign.items():
        sk[f"{side}_eye_inner"] = face(0.085, 0.03, 0.015 * sg)
        sk[f"{side}_eye"] = face(0.08, 0.03, 0.032 * sg)
        sk[f"{side}_eye_outer"] = face(0.07, 0.03, 0.048 * sg)
        sk[f"{side}_ear"] = face(-0.005, 0.0, 0.075 * sg)
        sk[f"mouth_{side}"] = face(0.085, -0.045, 0.024 * sg)
    return sk


def to_array(sk: Skeleton) -> np.ndarray:
    """(N, 33, 3) world positions in BlazePose order."""
    return np.stack([sk[lm.name.lower()] for lm in L], axis=1)


assert len(L) == NUM_LANDMARKS


def _signed(u: np.ndarray, v: np.ndarray, axis: np.ndarray) -> np.ndarray:
    """Signed angle from u to v about `axis` (degrees)."""
    cross = np.sum(np.cross(u, v) * axis, axis=-1)
    return np.degrees(np.arctan2(cross, np.sum(u * v, axis=-1)))


def joint_angles(sk: Skeleton, side: str) -> dict[str, np.ndarray]:
    """Anatomical angles of one side (degrees): flexion positive, as a goniometer reads them."""
    s, r = sk["_s"], sk["_r"]
    thigh = sk[f"{side}_knee"] - sk[f"{side}_hip"]
    shank = sk[f"{side}_ankle"] - sk[f"{side}_knee"]
    foot = sk[f"{side}_foot_index"] - sk[f"{side}_heel"]
    upper = sk[f"{side}_elbow"] - sk[f"{side}_shoulder"]
    fore = sk[f"{side}_wrist"] - sk[f"{side}_elbow"]
    return {
        "hip_flexion": _signed(-s, thigh, r),
        "knee_flexion": -_signed(thigh, shank, r),
        "ankle_dorsiflexion": _signed(shank, foot, r) - 90.0,
        "shoulder_flexion": _signed(-s, upper, r),
        "elbow_flexion": _signed(upper, fore, r),
        "hip_abduction": 90.0 - angle_between(thigh, (1.0 if side == "right" else -1.0) * r),
    }


# Passive ranges of motion (degrees) every generated pose must stay within.
JOINT_RANGES: dict[str, tuple[float, float]] = {
    "hip_flexion": (-30.0, 135.0),
    "knee_flexion": (-2.0, 150.0),
    "ankle_dorsiflexion": (-55.0, 30.0),
    "shoulder_flexion": (-60.0, 180.0),
    "elbow_flexion": (-2.0, 150.0),
    "hip_abduction": (-20.0, 45.0),
}
