"""Wall squats: back flat on a wall, feet 30 cm out, bend the knees to 45 degrees and hold."""

from __future__ import annotations

import numpy as np

from backcoach.motion.synth.body import Limb, Skeleton, build
from backcoach.motion.synth.kinematics import joint_angle, two_link_ik
from backcoach.motion.synth.scripts.base import (
    RepPlan,
    RepTiming,
    Script,
    blend,
    trunk_from_vertical,
)

STAND = 176.0       # knee angle standing against the wall
SQUAT = 135.0       # 45 degrees of bend
TOO_DEEP = 92.0
SHALLOW = 154.0   # below the 158 that counts a squat, above the 150 band
LEAN = 32.0         # trunk_lean fault: trunk off the wall, degrees from vertical


class WallSquats(Script):
    posture = "standing"
    c = -1

    @property
    def wall_x(self) -> float:
        return 0.0

    def setup(self) -> None:
        self.tracks.add("knee", STAND)
        self.tracks.add("lean", 0.0)

    def feet_out(self) -> float:
        d = next((x for x in self.ctx.exercise.distances if "wall" in x.what), None)
        return (d.min_cm + d.max_cm) / 200 if d else 0.30

    def rep(self, t0: float, plan: RepPlan) -> RepTiming:
        knee = self.tracks["knee"]
        if "too_deep" in plan.faults:
            goal = TOO_DEEP
        elif "shallow" in plan.faults:
            goal = SHALLOW
        else:
            goal = STAND - (STAND - SQUAT) * plan.amount * self.ctx.rom
        down = plan.fast(self.ctx.tempo, 0.2)
        t = knee.to(t0, t0 + down, goal)
        if "trunk_lean" in plan.faults:
            self.tracks["lean"].to(t0 + 0.3 * down, t + min(0.5, self.hold_for(plan)), 1.0)
        hold = self.hold_for(plan)
        hold_start = t
        up = self.ctx.tempo * plan.pace
        t = knee.to(t + hold, t + hold + up, STAND)
        if "trunk_lean" in plan.faults:
            self.tracks["lean"].to(t - up, t - 0.3 * up, 0.0)
        return RepTiming(t0, t, hold, hold_start)

    def pose(self, p: dict[str, np.ndarray], n: int) -> Skeleton:
        b, c, w = self.body, self.c, self.ctx.wob
        ankle = np.zeros((n, 2))
        heel_x = self.wall_x - self.feet_out()
        ankle[:, 0] = heel_x + b.heel_offset[0]       # heel = ankle + fwd * hb, fwd = -X
        ankle[:, 1] = b.ankle_height
        hip = np.zeros((n, 3))
        hip[:, 0] = self.wall_x - 0.11 * b.k + w("hip_x", 0.004)
        knee = np.radians(p["knee"] + w("knee", 0.8))
        reach = np.sqrt(b.thigh**2 + b.shank**2 - 2 * b.thigh * b.shank * np.cos(knee))
        dx = hip[:, 0] - ankle[:, 0]
        hip[:, 1] = ankle[:, 1] + np.sqrt(np.maximum(reach**2 - dx**2, 0.0))
        th1, th2 = two_link_ik(hip[:, :2], ankle, b.thigh, b.shank, c)
        legs = {s: Limb(th1, th2, np.full(n, 180.0), 5.0) for s in ("left", "right")}
        trunk = 90.0 + LEAN * p["lean"] + w("trunk", 0.8)
        arms = {}
        for s in ("left", "right"):
            upper = (trunk - 180.0) + c * (8.0 + w(f"arm_{s}", 2.0))
            arms[s] = Limb(upper, upper + c * (15.0 + w(f"el_{s}", 3.0)), None, 12.0)
        return build(b, c, hip, trunk, w("lean", 0.6), blend(3.0, 15.0, p["lean"]), legs, arms)

    def peak(self, sk: Skeleton, side: str | None, sl: slice) -> dict[str, float]:
        knees = [joint_angle(sk[f"{s}_hip"], sk[f"{s}_knee"], sk[f"{s}_ankle"])[sl]
                 for s in ("left", "right")]
        tilt = trunk_from_vertical(sk)[sl]
        return {"knee_angle_min": float(np.mean([k.min() for k in knees])),
                "trunk_tilt_max_deg": float(tilt.max())}

    def key_landmarks(self, side: str | None) -> list[str]:
        return [f"{s}_{p}" for s in ("left", "right") for p in ("knee", "ankle", "heel",
                                                               "foot_index")]
