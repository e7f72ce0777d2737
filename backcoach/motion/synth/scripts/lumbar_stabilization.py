"""Lumbar stabilisation (bird-dog): on hands and knees, reach one leg back and the opposite
arm forward, hold, return; alternate. Head towards -X, face down."""

from __future__ import annotations

import numpy as np

from backcoach.motion.synth.body import Limb, Skeleton, build
from backcoach.motion.synth.kinematics import joint_angle, two_link_ik
from backcoach.motion.synth.scripts.base import (
    RepPlan,
    RepTiming,
    Script,
    bisect,
    blend,
    foot_points,
    other,
    trunk_from_vertical,
)

TRUNK = 168.0          # hip -> shoulder line: shoulders a little higher than the hips
TILT_TRUNK = 154.0     # trunk_tilt fault: hips sink back, chest rises (~24 degrees)
SINK = 32.0            # how far the thighs lean back for the trunk_tilt fault
REACH_LEG = 2.0        # reaching thigh angle (just above horizontal, backwards)
REACH_ARM = -178.0     # reaching arm angle (forwards, horizontal)
BENT = 70.0            # limb_bent fault: knee and elbow flexion at the reach


class LumbarStabilization(Script):
    posture = "kneeling"
    c = -1

    def setup(self) -> None:
        b = self.body
        self.knee_y = 0.055 * b.k
        for side in ("left", "right"):
            self.tracks.add(f"reach_{side}", 0.0)    # leg of this side + the opposite arm
            self.tracks.add(f"bent_{side}", 0.0)
        self.tracks.add("tilt", 0.0)

    def rep(self, t0: float, plan: RepPlan) -> RepTiming:
        assert plan.side
        reach = self.tracks[f"reach_{plan.side}"]
        d = plan.fast(self.ctx.tempo, 0.17)
        bent = BENT if "limb_bent" in plan.faults else 0.0
        self.tracks[f"bent_{plan.side}"].to(t0, t0 + 0.001, bent)
        tilt = self.tracks["tilt"]
        if "trunk_tilt" in plan.faults:
            tilt.to(t0, t0 + d, 1.0)
        t = reach.to(t0, t0 + d, min(1.0, plan.amount * self.ctx.rom))
        hold = self.hold_for(plan)
        hold_start = t
        back = self.ctx.tempo * plan.pace * 0.9      # the return stays at an even pace
        t = reach.to(t + hold, t + hold + back, 0.0)
        if "trunk_tilt" in plan.faults:
            dt = t - hold_start - hold
            tilt.to(t - dt, t, 0.0)
        return RepTiming(t0, t, hold, hold_start)

    def pose(self, p: dict[str, np.ndarray], n: int) -> Skeleton:
        b, c, w = self.body, self.c, self.ctx.wob
        tilt = p["tilt"]
        sink = np.radians(SINK * tilt + w("sink", 1.0))
        knee_mid = np.zeros((n, 2))
        knee_mid[:, 1] = self.knee_y
        hip = np.zeros((n, 3))
        hip[:, 0] = knee_mid[:, 0] + b.thigh * np.sin(sink)
        hip[:, 1] = knee_mid[:, 1] + b.thigh * np.cos(sink)
        trunk = blend(TRUNK, TILT_TRUNK, tilt) + w("trunk", 1.2)
        # support knees stay where they are on the floor
        down = knee_mid - hip[:, :2]
        support_thigh = np.degrees(np.arctan2(down[:, 1], down[:, 0]))
        # support shank: lies back along the floor with the toes on the floor behind
        dorsi_rest = -48.0

        def toe_y(shank: np.ndarray) -> np.ndarray:
            ank = knee_mid + b.shank * np.stack([np.cos(np.radians(shank)),
                                                 np.sin(np.radians(shank))], -1)
            foot = shank + c * (90 + dorsi_rest)
            return foot_points(b, c, ank, foot)[1][:, 1]

        shank_rest = bisect(toe_y, 0.0, 40.0, 0.012 * b.k, n)
        th = np.radians(trunk)
        shoulder = hip[:, :2] + b.trunk * np.stack([np.cos(th), np.sin(th)], -1)
        wrist_target = np.stack([shoulder[:, 0] - 0.10 * b.k, np.full(n, 0.045 * b.k)], -1)
        sup_u, sup_f = two_link_ik(shoulder, wrist_target, b.upper_arm, b.forearm, -c)
        legs: dict[str, Limb] = {}
        arms: dict[str, Limb] = {}
        for side in ("left", "right"):
            r = p[f"reach_{side}"]
            bent = p[f"bent_{side}"]
            thigh = blend(support_thigh, REACH_LEG + w(f"lt_{side}", 2.0), r)
            k_support = c * (support_thigh - shank_rest)     # shank = thigh - c * k
            k = blend(k_support, bent + 4.0, r)
            shank = thigh - c * k
            foot = blend(shank_rest + c * (90 + dorsi_rest), shank + c * (90 - 15.0), r)
            legs[side] = Limb(thigh, shank, foot, 3.0)
            arm_r = p[f"reach_{other(side)}"]
            arm_bent = p[f"bent_{other(side)}"]
            upper = blend(sup_u, REACH_ARM + w(f"au_{side}", 2.0) + arm_bent * 0.3, arm_r)
            ef = blend(sup_f - sup_u, c * (arm_bent + 3.0), arm_r)
            flat = (180.0 - sup_f + 180.0) % 360.0 - 180.0     # hand flat on the floor
            arms[side] = Limb(upper, upper + ef, blend(flat, 0.0, arm_r), 4.0)
        neck = -20.0 + w("neck", 3.0)     # looking at the floor a little ahead
        return build(b, c, hip, trunk, w("lean", 0.8), neck, legs, arms)

    def peak(self, sk: Skeleton, side: str | None, sl: slice) -> dict[str, float]:
        assert side
        arm = other(side)
        leg = sk[f"{side}_ankle"][sl] - sk[f"{side}_hip"][sl]
        arm_v = sk[f"{arm}_wrist"][sl] - sk[f"{arm}_shoulder"][sl]
        leg_ang = np.degrees(np.arctan2(np.abs(leg[:, 1]), np.abs(leg[:, 0])))
        arm_ang = np.degrees(np.arctan2(np.abs(arm_v[:, 1]), np.abs(arm_v[:, 0])))
        i = int(np.argmin(leg_ang + arm_ang))
        tilt = 90.0 - trunk_from_vertical(sk)[sl]
        return {
            "leg_from_horizontal_deg": float(leg_ang[i]),
            "arm_from_horizontal_deg": float(arm_ang[i]),
            "knee_angle": float(joint_angle(sk[f"{side}_hip"], sk[f"{side}_knee"],
                                            sk[f"{side}_ankle"])[sl][i]),
            "elbow_angle": float(joint_angle(sk[f"{arm}_shoulder"], sk[f"{arm}_elbow"],
                                             sk[f"{arm}_wrist"])[sl][i]),
            "trunk_tilt_max_deg": float(tilt.max()),
        }

