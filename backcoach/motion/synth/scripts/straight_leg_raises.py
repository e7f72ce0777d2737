"""Straight leg raises: lying on the back, lift one straight leg 6-12 in, hold, lower slowly."""

from __future__ import annotations

import numpy as np

from backcoach.motion.synth.body import Limb, Skeleton
from backcoach.motion.synth.scripts.base import RepPlan, RepTiming
from backcoach.motion.synth.scripts.supine import Supine

LIFT = 13.5         # leg angle above the floor (heel ~20 cm up for an adult leg)
TOO_HIGH = 40.0
BENT_KNEE = 40.0    # bent_knee fault: knee flexion (knee angle ~140)


class StraightLegRaises(Supine):
    def setup(self) -> None:
        for side in ("left", "right"):
            self.tracks.add(f"lift_{side}", 0.0)
            self.tracks.add(f"kflex_{side}", 0.0)

    def rep(self, t0: float, plan: RepPlan) -> RepTiming:
        assert plan.side
        lift, k = self.tracks[f"lift_{plan.side}"], self.tracks[f"kflex_{plan.side}"]
        angle = TOO_HIGH if "too_high" in plan.faults else LIFT * plan.amount * self.ctx.rom
        up = plan.fast(self.ctx.tempo)
        if "bent_knee" in plan.faults:
            k.to(t0, t0 + up, BENT_KNEE)
            angle += BENT_KNEE / 2     # the thigh rises further so the foot still clears
        t = lift.to(t0, t0 + up, angle)
        hold = self.hold_for(plan)
        hold_start = t
        down = 0.3 if "dropped" in plan.faults else 1.2 * self.ctx.tempo * plan.pace
        t = lift.to(t + hold, t + hold + down, 0.0)
        if "bent_knee" in plan.faults:
            k.to(t - down, t, 0.0)
        return RepTiming(t0, t, hold, hold_start)

    def pose(self, p: dict[str, np.ndarray], n: int) -> Skeleton:
        legs: dict[str, Limb] = {}
        for side in ("left", "right"):
            rest = self.resting_leg(n, side)
            lift = p[f"lift_{side}"]
            # a held leg trembles a little, more the higher it is
            wob = self.ctx.wob(f"shake_{side}", 0.8, (0.5, 1.5)) * np.clip(lift / 6.0, 0, 1)
            phi = rest.upper + lift + wob
            k = rest.upper - rest.lower + p[f"kflex_{side}"]
            shank = phi - self.c * k
            legs[side] = Limb(phi, shank, rest.end - rest.lower + shank, rest.splay)
        return self.frame(n, legs, self.arms_by_sides(n))

    def peak(self, sk: Skeleton, side: str | None, sl: slice) -> dict[str, float]:
        assert side
        leg = sk[f"{side}_ankle"][sl] - sk[f"{side}_hip"][sl]
        lift = np.degrees(np.arctan2(leg[:, 1], np.abs(leg[:, 0])))
        rest = sk[f"{side}_heel"][0, 1]
        heel = sk[f"{side}_heel"][sl, 1] - rest
        return {"lift_deg": float(lift.max() - lift.min()),
                "heel_lift_cm": float(heel.max() * 100),
                "knee_angle_min": float(self.knee_angle(sk, side)[sl].min())}
