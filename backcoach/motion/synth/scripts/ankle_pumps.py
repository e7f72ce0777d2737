"""Ankle pumps: lying on the back, both ankles pull up and point away together."""

from __future__ import annotations

import numpy as np

from backcoach.motion.synth.body import Skeleton, joint_angles
from backcoach.motion.synth.scripts.base import RepPlan, RepTiming
from backcoach.motion.synth.scripts.supine import Supine

MIDDLE = -14.0    # the middle of the swing (dorsiflexion, degrees)
SWING = 21.0      # each way from the middle
SMALL = 10.0      # the small_range fault


class AnklePumps(Supine):
    idle_scale = 0.6

    def setup(self) -> None:
        self.tracks.add("dorsi", MIDDLE)   # relaxed feet rest at the middle of the swing

    def rep(self, t0: float, plan: RepPlan) -> RepTiming:
        d = self.tracks["dorsi"]
        period = plan.fast(self.ctx.tempo, 0.28)
        swing = (SMALL if "small_range" in plan.faults else SWING) * plan.amount * self.ctx.rom
        up, down = min(MIDDLE + swing, 28.0), max(MIDDLE - swing * 1.1, -50.0)
        t = d.to(t0, t0 + 0.3 * period, up)
        t = d.to(t, t + 0.45 * period, down)
        t = d.to(t, t + 0.25 * period, MIDDLE)
        return RepTiming(t0, t)

    def pose(self, p: dict[str, np.ndarray], n: int) -> Skeleton:
        legs = {}
        for side in ("left", "right"):
            dorsi = p["dorsi"] + self.ctx.wob(f"pump_{side}", 1.2)
            legs[side] = self.resting_leg(n, side, dorsi=dorsi)
        return self.frame(n, legs, self.arms_by_sides(n))

    def peak(self, sk: Skeleton, side: str | None, sl: slice) -> dict[str, float]:
        out: dict[str, float] = {}
        for s in ("left", "right"):
            a = joint_angles(sk, s)["ankle_dorsiflexion"][sl]
            out[f"{s}_dorsiflexion_max"] = float(a.max())
            out[f"{s}_dorsiflexion_min"] = float(a.min())
        hi = (out["left_dorsiflexion_max"] + out["right_dorsiflexion_max"]) / 2
        lo = (out["left_dorsiflexion_min"] + out["right_dorsiflexion_min"]) / 2
        out["ankle_swing_deg"] = (hi - lo) / 2
        return out
