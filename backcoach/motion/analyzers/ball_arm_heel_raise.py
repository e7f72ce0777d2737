"""Seated ball arm and heel raise: one arm goes overhead while the opposite heel lifts a little.

The side is the arm that rises; its shoulder flexion (hip-shoulder-wrist angle) is counted.
The opposite heel's rise is read from the image (a fraction of the shank's length) during the
same movement. Seen from the front, an arm raised forwards looks upright in the picture at any
flexion past about 120 degrees; there the flexion is read from how tall the arm stands against
its full length, taken as ARM_TO_TRUNK times the trunk's (shoulders to hips), which faces the
camera at full length.
"""

from __future__ import annotations

import numpy as np

from backcoach.motion.analyzers.base import Analyzer, Body, Sample, Verdict, is_standing
from backcoach.motion.counting import RepSpan
from backcoach.motion.geometry import angle_to_vertical, dist, other_side, side_on_ratio

# shoulder to wrist over shoulder to hip for an adult (Drillis and Contini: about 0.33 and 0.29
# of body height)
ARM_TO_TRUNK = 1.15


class BallArmHeelRaise(Analyzer):
    name = "ball_arm_heel_raise"
    metric = "arm raise"
    direction = "up"
    required_parts = ("shoulder", "hip", "knee", "ankle")
    side_parts = ("shoulder", "elbow", "wrist", "hip")

    def thresholds(self) -> tuple[float, float]:
        return self.th["arm_count_deg"], self.th["arm_leave_deg"]

    def in_position(self, body: Body) -> bool:
        return not is_standing(body)      # sitting on the ball

    def measure_side(self, body: Body, side: str):
        arm = body.angle(side, "hip", "shoulder", "wrist")
        foot = other_side(side)
        heel = (body.p(foot, "heel")[1] + body.p(foot, "ankle")[1]) / 2.0
        feats = {
            "other_arm": body.angle(foot, "hip", "shoulder", "wrist"),
            "heel_y": float(heel),
            "shank": dist(body.p(foot, "knee"), body.p(foot, "ankle")),
            "trunk": angle_to_vertical(body.mid("shoulder"), body.mid("hip")),
            "trunk_len": dist(body.mid("shoulder"), body.mid("hip")),
            "arm_up": float(body.p(side, "shoulder")[1] - body.p(side, "wrist")[1]),
            "facing": side_on_ratio(body.px),
        }
        return arm, feats

    def flexion(self, side: str, span: RepSpan, samples: list[Sample], level: float) -> float:
        """The held shoulder flexion: the image angle from the side, the arm's height against
        its length from the front (where forward and upward look alike)."""
        values = np.array([x.value for x in samples])
        held = values >= 0.5 * (level + span.values[0])
        facing = self.feature(samples, "facing")[held]
        if not facing.size or float(np.nanmedian(facing)) < self.th["side_on_max_ratio"]:
            return level
        full = ARM_TO_TRUNK * float(np.nanmedian(self.feature(samples, "trunk_len")))
        up = self.feature(samples, "arm_up")[held]
        up = up[np.isfinite(up)]
        if not np.isfinite(full) or full <= 0 or not up.size:
            return level
        rise = float(np.clip(np.median(up) / full, -1.0, 1.0))
        return 90.0 + float(np.degrees(np.arcsin(rise)))

    def judge(self, side: str, span: RepSpan, samples: list[Sample]) -> Verdict:
        timing = self.timing(side, span)
        level = timing.level if timing else span.peak
        values = np.array([x.value for x in samples])
        # one arm at a time: both arms up together is another exercise
        other = self.feature(samples, "other_arm")[values >= 0.5 * (level + span.values[0])]
        other = other[np.isfinite(other)]
        if other.size and float(np.median(other)) >= self.th["arm_count_deg"]:
            return Verdict(count=False)
        faults = []
        if self.flexion(side, span, samples, level) < self.th["arm_up_deg"]:
            faults.append("arm_low")
        # the opposite heel's rise above where it rested before the arm went up
        heel = self.feature(samples, "heel_y")
        shank = float(np.nanmedian(self.feature(samples, "shank")))
        rest = self.resting_feature(side, span, "heel_y")
        if heel.size >= 3 and np.isfinite(rest) and shank > 0:
            rise = (rest - float(np.nanpercentile(heel, 10))) / shank
            if rise < self.th["heel_lift_min"]:
                faults.append("heel_down")
        trunk = self.feature(samples, "trunk")[values >= 0.5 * (level + span.values[0])]
        trunk = trunk[np.isfinite(trunk)]
        if trunk.size and float(np.percentile(trunk, 75)) > self.th["trunk_max_tilt_deg"]:
            faults.append("trunk_lean")
        if "heel_down" in faults and "trunk_lean" in faults:
            # arm overhead, bending sideways, heels down: a side (flank) stretch, not this
            return Verdict(count=False)
        return Verdict(
            peak=span.peak, faults=tuple(faults),
            start=timing.start if timing else None, end=timing.end if timing else None,
        )
