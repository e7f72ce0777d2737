"""Single knee to chest: lying on the back, both hands draw one knee up to the chest."""

from __future__ import annotations

import numpy as np

from backcoach.motion.synth.body import Limb, Skeleton
from backcoach.motion.synth.scripts.base import RepPlan, RepTiming, blend
from backcoach.motion.synth.scripts.supine import TRUNK_THETA, Supine

HIP_ANGLE = 60.0      # shoulder-hip-knee angle with the knee at the chest
SHORT_PULL = 88.0     # short_pull fault: counted (below 100) but not at the chest (70)
KNEE_FLEX = 118.0


class KneeToChest(Supine):
    def setup(self) -> None:
        for side in ("left", "right"):
            self.tracks.add(f"lift_{side}", 0.0)       # 0 = leg on the floor, 1 = at the chest
            self.tracks.add(f"goal_{side}", HIP_ANGLE)  # this rep's hip angle at the chest

    def rep(self, t0: float, plan: RepPlan) -> RepTiming:
        assert plan.side
        lift = self.tracks[f"lift_{plan.side}"]
        d = plan.fast(self.ctx.tempo, 0.2)
        goal = SHORT_PULL if "short_pull" in plan.faults else HIP_ANGLE / plan.amount
        self.tracks[f"goal_{plan.side}"].to(t0, t0 + 0.001, goal)
        hold = self.hold_for(plan)
        t = lift.to(t0, t0 + d, 1.0)
        t = lift.to(t + hold, t + hold + d * 0.9, 0.0)
        return RepTiming(t0, t, hold, t - d * 0.9 - hold)

    def pose(self, p: dict[str, np.ndarray], n: int) -> Skeleton:
        legs: dict[str, Limb] = {}
        grip = np.zeros(n)
        target = np.zeros((n, 2))
        for side in ("left", "right"):
            rest = self.resting_leg(n, side)
            w = p[f"lift_{side}"]
            goal_phi = TRUNK_THETA - p[f"goal_{side}"] + self.ctx.wob(f"pull_{side}", 1.5)
            phi = blend(rest.upper, goal_phi, w)
            k = blend(rest.upper - rest.lower, KNEE_FLEX, np.clip(w * 1.15, 0, 1))
            shank = phi - self.c * k
            foot = shank + self.c * (90 - 15.0)
            assert rest.end is not None
            legs[side] = Limb(phi, shank, blend(rest.end, foot, w), rest.splay)
            leg = self.leg2d(phi, k, foot)
            spot = leg["knee"] + 0.09 * self.body.k * (leg["ankle"] - leg["knee"]) / self.body.shank
            target = np.where((w > grip)[:, None], spot, target)
            grip = np.maximum(grip, w)
        arms = self.gripping_arms(n, target, np.clip(grip * 1.3, 0, 1) ** 1.5)
        return self.frame(n, legs, arms)

    def peak(self, sk: Skeleton, side: str | None, sl: slice) -> dict[str, float]:
        assert side
        return {"hip_angle_min": float(self.hip_angle(sk, side)[sl].min()),
                "knee_angle_min": float(self.knee_angle(sk, side)[sl].min())}
