"""Hamstring stretch: lying with knees bent, hold one thigh upright and straighten the knee."""

from __future__ import annotations

import numpy as np

from backcoach.motion.synth.body import Limb, Skeleton
from backcoach.motion.synth.scripts.base import RepPlan, RepTiming, blend
from backcoach.motion.synth.scripts.supine import Supine

HOOK_KNEE = 95.0        # knee flexion lying with the feet flat
UPRIGHT = 92.0          # thigh angle with the thigh held upright (hip about 90 degrees)
NOT_UPRIGHT = 46.0      # thigh_not_vertical fault: about 45 degrees off vertical
HELD_KNEE = 90.0        # knee flexion once the thigh is up
OPEN_KNEE = 18.0        # knee flexion at the stretch (knee angle ~162)
SHORT_OPEN = 48.0       # short_stretch fault (knee angle ~132: counted, under 140)


class HamstringStretch(Supine):
    def setup(self) -> None:
        for side in ("left", "right"):
            self.tracks.add(f"up_{side}", 0.0)          # 0 = foot on the floor, 1 = thigh held up
            self.tracks.add(f"goal_{side}", UPRIGHT)
            self.tracks.add(f"kflex_{side}", HELD_KNEE)

    def rep(self, t0: float, plan: RepPlan) -> RepTiming:
        assert plan.side
        up, k = self.tracks[f"up_{plan.side}"], self.tracks[f"kflex_{plan.side}"]
        goal = NOT_UPRIGHT if "thigh_not_vertical" in plan.faults else UPRIGHT
        self.tracks[f"goal_{plan.side}"].to(t0, t0 + 0.001, goal)
        lift = 1.6 * plan.pace
        t = up.to(t0, t0 + lift, 1.0)
        open_to = SHORT_OPEN if "short_stretch" in plan.faults else OPEN_KNEE / plan.amount
        open_to = max(open_to, 2.0) if self.ctx.rom >= 1 else 90 - (90 - open_to) * self.ctx.rom
        t = k.to(t + 0.2, t + 0.2 + plan.fast(self.ctx.tempo, 0.2), open_to)
        hold = self.hold_for(plan)
        hold_start = t
        t = k.to(t + hold, t + hold + 0.6 * self.ctx.tempo * plan.pace, HELD_KNEE)
        t = up.to(t + 0.2, t + 0.2 + lift, 0.0)
        return RepTiming(t0, t, hold, hold_start)

    def pose(self, p: dict[str, np.ndarray], n: int) -> Skeleton:
        legs: dict[str, Limb] = {}
        grip = np.zeros(n)
        target = np.zeros((n, 2))
        w_ = self.ctx.wob
        for side in ("left", "right"):
            w = p[f"up_{side}"]
            k = blend(HOOK_KNEE + w_(f"hook_{side}", 1.5), p[f"kflex_{side}"], w)
            k = k + w * w_(f"kn_{side}", 1.5)
            on_floor = self.phi_for_heel(k, np.full(n, 2.0), np.full(n, self.heel_floor))
            phi = blend(on_floor, p[f"goal_{side}"], w) + w * w_(f"thigh_{side}", 2.0)
            shank = phi - self.c * k
            foot = blend(2.0, shank + self.c * (90 - 12.0), np.clip(w * 1.5, 0, 1))
            legs[side] = Limb(phi, shank, foot, 5.0)
            leg = self.leg2d(phi, k, foot)
            th = np.radians(phi)
            behind = np.stack([np.sin(th), -np.cos(th)], axis=-1)  # back of the thigh
            spot = (leg["knee"] - 0.12 * self.body.k * np.stack([np.cos(th), np.sin(th)], -1)
                    + 0.06 * self.body.k * behind)
            target = np.where((w > grip)[:, None], spot, target)
            grip = np.maximum(grip, w)
        # reaching the thigh curls the shoulders a little off the floor
        arms = self.gripping_arms(n, target, np.clip(grip * 1.2, 0, 1) ** 2)
        return self.frame(n, legs, arms, trunk_extra=-4.0 * grip)

    def peak(self, sk: Skeleton, side: str | None, sl: slice) -> dict[str, float]:
        assert side
        knee = self.knee_angle(sk, side)[sl]
        i = int(np.argmax(knee))
        thigh = sk[f"{side}_knee"][sl] - sk[f"{side}_hip"][sl]
        from_vertical = np.degrees(np.arctan2(np.abs(thigh[:, 0]), thigh[:, 1]))
        return {"knee_angle_max": float(knee[i]),
                "thigh_from_vertical_deg": float(from_vertical[i]),
                "hip_angle": float(self.hip_angle(sk, side)[sl][i])}
