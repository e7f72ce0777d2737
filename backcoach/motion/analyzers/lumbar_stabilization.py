"""Bird-dog: on hands and knees, one leg reaches back level (and the opposite arm forward).

The side is the leg that reaches. The thigh's angle from hanging straight down is counted:
near 0 when kneeling, near 90 when level. The reaching foot (and hand) may leave the image
during the hold, so only hip and knee are needed; the arm is judged only when seen well.
"""

from __future__ import annotations

import numpy as np

from backcoach.motion.analyzers.base import Analyzer, Body, Sample, Verdict
from backcoach.motion.counting import RepSpan
from backcoach.motion.geometry import angle_from_down, angle_to_horizontal, other_side


class LumbarStabilization(Analyzer):
    name = "lumbar_stabilization"
    metric = "leg reach"
    direction = "up"
    required_parts = ("shoulder", "hip", "knee")
    side_parts = ("hip", "knee")
    _trunk_of: Body | None = None
    _trunk = float("nan")

    def thresholds(self) -> tuple[float, float]:
        return 90.0 - self.th["limb_horizontal_tol_deg"], 90.0 - self.th["limb_leave_tol_deg"]

    def measure_side(self, body: Body, side: str):
        # the thigh's angle from hanging straight down: 0 kneeling, 90 level, more if higher
        reach = angle_from_down(body.p(side, "hip"), body.p(side, "knee"))
        arm = other_side(side)
        if self._trunk_of is not body:      # the same for both sides: once a frame
            self._trunk_of = body
            self._trunk = angle_to_horizontal(body.mid("shoulder"), body.mid("hip"))
        feats = {
            "knee": body.angle(side, "hip", "knee", "ankle"),
            "trunk": self._trunk,
            "elbow": body.angle(arm, "shoulder", "elbow", "wrist"),
            "arm_reach": 90.0 - angle_to_horizontal(body.p(arm, "shoulder"), body.p(arm, "wrist")),
            "arm_vis": body.v(arm, "shoulder", "elbow", "wrist"),
        }
        return reach, feats

    def in_hold_band(self, side: str, value: float, features: dict[str, float]) -> bool:
        return value >= 90.0 - self.th["limb_horizontal_tol_deg"]

    def judge(self, side: str, span: RepSpan, samples: list[Sample]) -> Verdict:
        timing = self.timing(side, span)
        hold = timing.hold_seconds if timing else None
        faults = []
        values = np.array([s.value for s in samples])
        held = values >= 90.0 - self.th["limb_horizontal_tol_deg"]
        straight = self.th["limb_straight_deg"]
        knee = self.feature(samples, "knee")[held]
        bent = knee.size > 0 and float(np.median(knee)) < straight
        elbow = self.feature(samples, "elbow")[held]
        arm_vis = self.feature(samples, "arm_vis")[held]
        arm_reach = self.feature(samples, "arm_reach")[held]
        seen = (arm_vis >= 0.5) & (arm_reach >= 45.0)
        if seen.sum() >= 3 and float(np.median(elbow[seen])) < straight:
            bent = True
        if bent:
            faults.append("limb_bent")
        # the back should stay level: not far off horizontal, and not tilting away from where
        # it rested on all fours (people's resting back angle differs a little)
        trunk = self.feature(samples, "trunk")
        rest = self.resting_feature(side, span, "trunk")    # the second before the reach
        if not np.isfinite(rest):
            rest = float(np.nanmedian(trunk[: max(2, len(trunk) // 10)]))
        if held.any() and np.isfinite(rest):
            level = float(np.median(trunk[held]))
            change = abs(level - rest)
            if change > self.th["trunk_change_max_deg"] or (
                level > self.th["trunk_level_tol_deg"] + self.th["trunk_change_max_deg"]
            ):
                faults.append("trunk_tilt")
        if timing and timing.out_seconds < self.th["reach_min_s"]:
            faults.append("too_fast")
        faults += self.hold_faults(hold)
        return Verdict(
            peak=span.peak, hold_seconds=hold, faults=tuple(faults),
            start=timing.start if timing else None, end=timing.end if timing else None,
        )
