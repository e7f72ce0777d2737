"""Shared geometry for the exercises done lying on the back (head towards -X, face up)."""

from __future__ import annotations

import numpy as np

from backcoach.motion.synth.body import Limb, Skeleton, build
from backcoach.motion.synth.kinematics import joint_angle, two_link_ik
from backcoach.motion.synth.scripts.base import Script, bisect, blend, foot_points

TRUNK_THETA = 182.0      # hip -> shoulder line: towards the head, shoulders a touch lower
RELAXED_FOOT = -22.0     # ankle dorsiflexion of a relaxed foot when lying


class Supine(Script):
    posture = "supine"
    c = 1

    @property
    def hip_y(self) -> float:
        return 0.095 * self.body.k

    @property
    def heel_floor(self) -> float:
        return 0.004 * self.body.k

    def leg2d(self, phi: np.ndarray, kflex: np.ndarray, foot_theta: np.ndarray,
              hip: np.ndarray | None = None) -> dict[str, np.ndarray]:
        """Sagittal knee, ankle, heel and toe for thigh angle phi and knee flexion."""
        b = self.body
        n = np.broadcast(phi, kflex, foot_theta).shape
        if hip is None:
            hip = np.zeros(n + (2,))
            hip[..., 1] = self.hip_y
        ph, sh = np.radians(phi), np.radians(phi - self.c * kflex)
        knee = hip + b.thigh * np.stack([np.cos(ph), np.sin(ph)], axis=-1)
        ankle = knee + b.shank * np.stack([np.cos(sh), np.sin(sh)], axis=-1)
        heel, toe = foot_points(b, self.c, ankle, foot_theta)
        return {"knee": knee, "ankle": ankle, "heel": heel, "toe": toe}

    def phi_for_heel(self, kflex: np.ndarray, foot_theta: np.ndarray,
                     heel_y: np.ndarray) -> np.ndarray:
        """The thigh angle that puts the heel at height heel_y (leg on the floor)."""
        n = len(kflex)

        def heel_height(phi: np.ndarray) -> np.ndarray:
            return self.leg2d(phi, kflex, foot_theta)["heel"][:, 1]

        lo = np.maximum(-15.0, np.asarray(kflex) - 88.0)
        return bisect(heel_height, lo, 89.0, heel_y, n)

    def resting_leg(self, n: int, side: str, kflex: float = 2.0,
                    dorsi: np.ndarray | None = None) -> Limb:
        """A leg lying straight and relaxed on the floor, heel down (the heel is the pivot
        when the ankle moves)."""
        w = self.ctx.wob
        k = np.full(n, kflex) + np.abs(w(f"knee_{side}", 1.0))
        if dorsi is None:
            dorsi = RELAXED_FOOT + w(f"ankle_{side}", 2.0)
        dorsi = np.broadcast_to(dorsi, (n,))
        # the foot's world angle depends on the thigh angle only through the tiny lift of a
        # leg on the floor; two passes settle it
        phi = np.zeros(n)
        for _ in range(2):
            foot = phi - self.c * k + self.c * (90 + dorsi)
            phi = self.phi_for_heel(k, foot, np.full(n, self.heel_floor))
        shank = phi - self.c * k
        return Limb(upper=phi, lower=shank, end=shank + self.c * (90 + dorsi),
                    splay=4.0 + w(f"splay_{side}", 1.0))

    def frame(self, n: int, legs: dict[str, Limb], arms: dict[str, Limb],
              trunk_extra: np.ndarray | float = 0.0) -> Skeleton:
        """The lying body with breathing and a little sway."""
        w = self.ctx.wob
        hip = np.zeros((n, 3))
        hip[:, 0] = w("hip_x", 0.004)
        hip[:, 1] = self.hip_y + w("hip_y", 0.002)
        trunk = TRUNK_THETA + w("breath", 0.4, (0.2, 0.3)) + trunk_extra
        neck = 6.0 + w("neck", 2.0)
        return build(self.body, self.c, hip, trunk, w("lean", 0.5), neck, legs, arms)

    def shoulder2d(self, n: int) -> np.ndarray:
        th = np.radians(TRUNK_THETA)
        sh = np.zeros((n, 2))
        sh[:, 0] = self.body.trunk * np.cos(th)
        sh[:, 1] = self.hip_y + self.body.trunk * np.sin(th)
        return sh

    def gripping_arms(self, n: int, target: np.ndarray, grip: np.ndarray) -> dict[str, Limb]:
        """Arms moving from the floor to hold a point on the leg (grip 0 -> 1)."""
        rest = self.arms_by_sides(n)
        b = self.body
        th1, th2 = two_link_ik(self.shoulder2d(n), target, b.upper_arm, b.forearm, -self.c)
        return {s: Limb(upper=blend(rest[s].upper, th1, grip),
                        lower=blend(rest[s].lower, th2, grip),
                        splay=blend(12.0, 6.0, grip)) for s in ("left", "right")}

    @staticmethod
    def knee_angle(sk: Skeleton, side: str) -> np.ndarray:
        return joint_angle(sk[f"{side}_hip"], sk[f"{side}_knee"], sk[f"{side}_ankle"])

    @staticmethod
    def hip_angle(sk: Skeleton, side: str) -> np.ndarray:
        return joint_angle(sk[f"{side}_shoulder"], sk[f"{side}_hip"], sk[f"{side}_knee"])
