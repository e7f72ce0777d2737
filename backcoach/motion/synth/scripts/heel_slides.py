"""Heel slides: lying on the back, one heel slides towards the buttock and back out."""

from __future__ import annotations

import numpy as np

from backcoach.motion.synth.body import Limb, Skeleton
from backcoach.motion.synth.scripts.base import RepPlan, RepTiming, blend
from backcoach.motion.synth.scripts.supine import Supine

BENT = 80.0        # knee flexion at the end of the slide (knee angle ~100)
SHORT = 36.0       # short_slide: knee angle ~144
FLAT_FOOT = 10.0
MAX_PLANTAR = -50.0  # ankle dorsiflexion never below this   # foot angle when flat on the floor


class HeelSlides(Supine):
    def setup(self) -> None:
        for side in ("left", "right"):
            self.tracks.add(f"kflex_{side}", 2.0)
            self.tracks.add(f"lift_{side}", 0.0)

    def rep(self, t0: float, plan: RepPlan) -> RepTiming:
        assert plan.side
        k, lift = self.tracks[f"kflex_{plan.side}"], self.tracks[f"lift_{plan.side}"]
        d = plan.fast(self.ctx.tempo, 0.2)
        bent = SHORT if "short_slide" in plan.faults else min(BENT * plan.amount * self.ctx.rom, 95)
        t = k.to(t0, t0 + d, bent)
        if "heel_lifted" in plan.faults:
            lift.to(t0 + 0.1 * d, t0 + 0.7 * d, 0.4 * self.body.shank)
        t = k.to(t + 0.3, t + 0.3 + d, 2.0)
        if "heel_lifted" in plan.faults:
            lift.to(t - d, t - 0.35 * d, 0.0)
        return RepTiming(t0, t)

    def pose(self, p: dict[str, np.ndarray], n: int) -> Skeleton:
        legs = {}
        for side in ("left", "right"):
            rest = self.resting_leg(n, side)
            k = np.maximum(p[f"kflex_{side}"], rest.upper - rest.lower)
            w = np.clip((k - 2.0) / (BENT - 2.0), 0, 1)
            # the foot turns from toes-up (relaxed) to flat as the knee bends
            relaxed = rest.end - rest.lower + rest.upper - self.c * k
            foot = blend(relaxed, FLAT_FOOT, np.sqrt(w))
            heel_y = self.heel_floor + p[f"lift_{side}"]
            phi = self.phi_for_heel(k, foot, heel_y)
            # keep the ankle within its range when the heel is lifted: point the foot less
            foot = np.maximum(foot, phi - self.c * k + self.c * (90 + MAX_PLANTAR))
            phi = self.phi_for_heel(k, foot, heel_y)
            legs[side] = Limb(phi, phi - self.c * k, foot, rest.splay)
        return self.frame(n, legs, self.arms_by_sides(n))

    def peak(self, sk: Skeleton, side: str | None, sl: slice) -> dict[str, float]:
        assert side
        heel = sk[f"{side}_heel"][sl, 1] - self.heel_floor
        return {
            "knee_angle_min": float(self.knee_angle(sk, side)[sl].min()),
            "heel_lift_cm": float(heel.max() * 100),
            "heel_lift_shank": float(heel.max() / self.body.shank),
        }
