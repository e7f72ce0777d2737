"""Straight leg raises: one straight leg lifts 10-20 degrees off the floor, holds, lowers."""

from __future__ import annotations

import numpy as np

from backcoach.motion.analyzers.base import Analyzer, Body, Sample, Verdict, is_lying
from backcoach.motion.counting import RepSpan
from backcoach.motion.geometry import elevation


class StraightLegRaises(Analyzer):
    name = "straight_leg_raises"
    metric = "leg lift"
    direction = "up"
    relative = True          # lift is measured from where the leg rests on the floor
    noise_k = 3.0            # a far leg, half hidden, wanders: count only clear lifts
    required_parts = ("shoulder", "hip", "knee", "ankle")
    side_parts = ("hip", "knee", "ankle")

    def thresholds(self) -> tuple[float, float]:
        return self.th["lift_enter_deg"], self.th["lift_leave_deg"]

    def measure_side(self, body: Body, side: str):
        # the leg's angle above the image's horizontal, on the feet's side of the hip: with a
        # still camera that is the floor, which (unlike the trunk) does not rise and fall with
        # each breath; the lift counts from where the leg rested (relative = True)
        hip = body.p(side, "hip")
        towards_head = 1.0 if body.mid("shoulder")[0] >= hip[0] else -1.0
        lift = elevation(hip, hip + np.array([towards_head * 100.0, 0.0]), body.p(side, "ankle"))
        return lift, {"knee": body.angle(side, "hip", "knee", "ankle")}

    def in_position(self, body: Body) -> bool:
        return is_lying(body)      # not kneeling: on all fours the leg can lift as well

    def in_hold_band(self, side: str, value: float, features: dict[str, float]) -> bool:
        return value >= self.th["lift_min_deg"]

    def live_faults(self, side: str, value: float, features: dict[str, float]) -> list[str]:
        return ["too_high"] if value > self.th["lift_max_deg"] + 3 else []

    def judge(self, side: str, span: RepSpan, samples: list[Sample]) -> Verdict:
        timing = self.timing(side, span)
        hold = timing.hold_seconds if timing else None
        level = timing.level if timing else span.peak
        if level < self.th["lift_enter_deg"]:
            return Verdict(count=False)     # never held clear of the floor: the leg wandered
        faults = []
        values = np.array([s.value for s in samples])
        knee = self.feature(samples, "knee")
        lifted = knee[np.isfinite(knee) & (values >= self.th["lift_enter_deg"])]
        if lifted.size and float(np.median(lifted)) < self.th["knee_straight_deg"]:
            faults.append("bent_knee")
        if level > self.th["lift_max_deg"]:
            faults.append("too_high")
        faults += self.hold_faults(hold)
        if timing and timing.back_seconds < self.th["lower_min_s"]:
            faults.append("dropped")
        return Verdict(
            peak=level, hold_seconds=hold, faults=tuple(faults),
            start=timing.start if timing else None, end=timing.end if timing else None,
        )
