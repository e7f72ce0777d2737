"""Seated ball arm and heel raise: one arm rises overhead while the opposite heel lifts."""

from __future__ import annotations

import numpy as np

from backcoach.motion.synth.body import Limb, Skeleton
from backcoach.motion.synth.kinematics import joint_angle
from backcoach.motion.synth.scripts.base import (
    RepPlan,
    RepTiming,
    blend,
    other,
    trunk_from_vertical,
)
from backcoach.motion.synth.scripts.seated import Seated

ARM_UP = 168.0       # shoulder flexion overhead
ARM_LOW = 128.0      # arm_low fault: past horizontal, well short of overhead
HEEL = 0.04          # heel lift (metres; the source says 2.5-5 cm)


class BallArmHeelRaise(Seated):
    idle_scale = 0.8

    def setup(self) -> None:
        for side in ("left", "right"):
            self.tracks.add(f"arm_{side}", 0.0)      # 0..1 of this arm's raise
            self.tracks.add(f"armgoal_{side}", ARM_UP)
            self.tracks.add(f"heel_{side}", 0.0)     # heel lift of this foot (metres)
        self.tracks.add("lean", 0.0)
        self.tracks.add("lean_side", 1.0)

    def rep(self, t0: float, plan: RepPlan) -> RepTiming:
        assert plan.side
        arm, heel = self.tracks[f"arm_{plan.side}"], self.tracks[f"heel_{other(plan.side)}"]
        goal = ARM_LOW if "arm_low" in plan.faults else ARM_UP + (plan.amount - 1.0) * 60
        goal = 10 + (goal - 10) * min(self.ctx.rom, 1.06)
        self.tracks[f"armgoal_{plan.side}"].to(t0, t0 + 0.001, goal)
        d = plan.fast(self.ctx.tempo, 0.2)
        lift = 0.0 if "heel_down" in plan.faults else HEEL * (0.85 + 0.3 * (plan.amount - 0.9))
        if "trunk_lean" in plan.faults:
            self.tracks["lean_side"].to(t0, t0 + 0.001, -1.0 if plan.side == "right" else 1.0)
            self.tracks["lean"].to(t0, t0 + d, 1.0)
        t = arm.to(t0, t0 + d, 1.0)
        heel.to(t0 + 0.1 * d, t0 + d, lift)
        pause = 0.4 * plan.pace
        t = arm.to(t + pause, t + pause + d * 0.9, 0.0)
        heel.to(t - d * 0.9, t - 0.05 * d, 0.0)
        if "trunk_lean" in plan.faults:
            self.tracks["lean"].to(t - d * 0.9, t, 0.0)
        return RepTiming(t0, t)

    def pose(self, p: dict[str, np.ndarray], n: int) -> Skeleton:
        hip, trunk, lean = self.base(n, p["lean"], p["lean_side"])
        legs, arms = {}, {}
        for side in ("left", "right"):
            legs[side] = self.lifted_leg(hip, side, p[f"heel_{side}"], np.zeros(n))
            rest = self.resting_arm(n, side)
            r = p[f"arm_{side}"]
            # shoulder flexion relative to the trunk, so the arm goes up beside the ear
            up = (trunk - 180.0) + self.c * (p[f"armgoal_{side}"] + self.ctx.wob(f"up_{side}", 2))
            upper = blend(rest.upper, up, r)
            lower = upper + blend(rest.lower - rest.upper, self.c * 4.0, r)
            arms[side] = Limb(upper, lower, None, blend(10.0, 4.0, r))
        return self.frame(n, hip, trunk, lean, legs, arms)

    def peak(self, sk: Skeleton, side: str | None, sl: slice) -> dict[str, float]:
        assert side
        flex = joint_angle(sk[f"{side}_hip"], sk[f"{side}_shoulder"], sk[f"{side}_elbow"])[sl]
        heel = sk[f"{other(side)}_heel"][sl, 1]
        tilt = trunk_from_vertical(sk)[sl]
        return {"shoulder_flexion_deg": float(flex.max()),
                "heel_lift_cm": float((heel.max() - heel.min()) * 100),
                "trunk_tilt_max_deg": float(tilt.max())}

    def key_landmarks(self, side: str | None) -> list[str]:
        return [f"{side}_{p}" for p in ("wrist", "index", "pinky", "thumb", "elbow")]
