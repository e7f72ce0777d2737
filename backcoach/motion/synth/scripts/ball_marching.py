"""Seated ball marching: lift one foot a few inches, put it down, then the other."""

from __future__ import annotations

import numpy as np

from backcoach.motion.synth.body import Skeleton
from backcoach.motion.synth.scripts.base import RepPlan, RepTiming, other, trunk_from_vertical
from backcoach.motion.synth.scripts.seated import Seated

LIFT = 0.10         # metres (the source says 5-15 cm)
SMALL = 0.024       # small_lift fault (about 0.07 shank lengths at the ankle)


class BallMarching(Seated):
    idle_scale = 0.25

    def setup(self) -> None:
        for side in ("left", "right"):
            self.tracks.add(f"foot_{side}", 0.0)
        self.tracks.add("lean", 0.0)
        self.tracks.add("lean_side", 1.0)

    def rep(self, t0: float, plan: RepPlan) -> RepTiming:
        assert plan.side
        foot = self.tracks[f"foot_{plan.side}"]
        d = plan.fast(self.ctx.tempo, 0.3)
        lift = SMALL if "small_lift" in plan.faults else LIFT * plan.amount * self.ctx.rom
        if "trunk_lean" in plan.faults:
            self.tracks["lean_side"].to(t0, t0 + 0.001, 1.0 if plan.side == "left" else -1.0)
            self.tracks["lean"].to(t0, t0 + 0.5 * d, 1.0)
        t = foot.to(t0, t0 + 0.5 * d, lift)
        t = foot.to(t + 0.1 * plan.pace, t + 0.1 * plan.pace + 0.5 * d, 0.0)
        if "trunk_lean" in plan.faults:
            self.tracks["lean"].to(t - 0.5 * d, t, 0.0)
        return RepTiming(t0, t)

    def pose(self, p: dict[str, np.ndarray], n: int) -> Skeleton:
        hip, trunk, lean = self.base(n, p["lean"], p["lean_side"])
        legs = {s: self.lifted_leg(hip, s, np.zeros(n), p[f"foot_{s}"]) for s in ("left", "right")}
        arms = {s: self.resting_arm(n, s) for s in ("left", "right")}
        return self.frame(n, hip, trunk, lean, legs, arms)

    def peak(self, sk: Skeleton, side: str | None, sl: slice) -> dict[str, float]:
        assert side
        out = {}
        for part in ("heel", "foot_index", "ankle"):
            y = sk[f"{side}_{part}"][sl, 1]
            out[f"{part}_lift_cm"] = float((y.max() - y.min()) * 100)
        out["foot_lift_cm"] = out.pop("ankle_lift_cm")
        tilt = trunk_from_vertical(sk)[sl]
        out["trunk_tilt_max_deg"] = float(tilt.max())
        out["other_foot_lift_cm"] = float(np.ptp(sk[f"{other(side)}_ankle"][sl, 1]) * 100)
        return out
