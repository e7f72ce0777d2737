"""Shared geometry for the exercises sitting on an exercise ball (facing -X)."""

from __future__ import annotations

import numpy as np

from backcoach.motion.synth.body import Limb, Skeleton, build
from backcoach.motion.synth.kinematics import two_link_ik
from backcoach.motion.synth.scripts.base import Script, ankle_from_toe, foot_points

FLAT = 180.0     # a flat foot points along -X


class Seated(Script):
    posture = "seated"
    c = -1
    lean_forward = 20.0     # trunk_lean fault: forwards ...
    lean_sideways = 20.0    # ... and sideways at once, so both side and front views show it

    @property
    def ball_radius(self) -> float:
        return 0.325 * self.body.k

    @property
    def ball_centre(self) -> tuple[float, float]:
        return (0.06 * self.body.k, self.ball_radius)

    @property
    def hip_y(self) -> float:
        return 2 * self.ball_radius - 0.02 * self.body.k + 0.09 * self.body.k

    def rest_ankle(self) -> np.ndarray:
        return np.array([-0.44 * self.body.k, self.body.ankle_height])

    def rest_toe(self) -> np.ndarray:
        return foot_points(self.body, self.c, self.rest_ankle()[None], np.array([FLAT]))[1][0]

    def leg(self, hip: np.ndarray, ankle: np.ndarray, foot: np.ndarray,
            splay: np.ndarray | float = 6.0) -> Limb:
        th1, th2 = two_link_ik(hip, ankle, self.body.thigh, self.body.shank, self.c)
        return Limb(th1, th2, foot, splay)

    def base(self, n: int, lean: np.ndarray, lean_side: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Hip position, trunk angle and sideways lean with a little balancing sway."""
        w = self.ctx.wob
        hip = np.zeros((n, 3))
        hip[:, 0] = w("hip_x", 0.008)
        hip[:, 1] = self.hip_y + w("bounce", 0.004)
        trunk = 90.0 + 2.0 + self.lean_forward * lean + w("trunk", 1.5)   # +: leaning forward
        side = self.lean_sideways * lean * lean_side + w("lean", 1.0)
        return hip, trunk, side

    def resting_arm(self, n: int, side: str) -> Limb:
        w = self.ctx.wob
        upper = -90.0 + self.c * (12.0 + w(f"arm_{side}", 2.0))
        return Limb(upper, upper + self.c * (20.0 + w(f"elbow_{side}", 3.0)), None, 10.0)

    def lifted_leg(self, hip: np.ndarray, side: str, heel_lift: np.ndarray,
                   foot_lift: np.ndarray) -> Limb:
        """A foot on the floor, its heel raised by heel_lift (toe stays) and the whole foot
        lifted by foot_lift (metres)."""
        b, c = self.body, self.c
        toe0 = self.rest_toe()
        span = b.toe_offset[0] - b.heel_offset[0]
        pitch = np.degrees(np.arcsin(np.clip(heel_lift / span, 0, 0.9)))
        foot = FLAT + pitch + 6.0 * np.clip(foot_lift / 0.1, 0, 1)   # heel up = toes down
        ankle = ankle_from_toe(b, c, np.broadcast_to(toe0, (len(foot), 2)), foot)
        ankle = ankle + np.stack([-0.3 * foot_lift, foot_lift], -1)
        return self.leg(hip[:, :2], ankle, foot, 6.0 + self.ctx.wob(f"splay_{side}", 1.0))

    def frame(self, n: int, hip: np.ndarray, trunk: np.ndarray, lean: np.ndarray,
              legs: dict[str, Limb], arms: dict[str, Limb]) -> Skeleton:
        return build(self.body, self.c, hip, trunk, lean, 4.0 + self.ctx.wob("neck", 2.0),
                     legs, arms)

