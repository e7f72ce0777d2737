"""Heel slides: the knee angle (hip-knee-ankle) closes as one heel slides towards the buttock."""

from __future__ import annotations

import numpy as np

from backcoach.motion.analyzers.base import Analyzer, Body, Sample, Verdict
from backcoach.motion.counting import RepSpan
from backcoach.motion.geometry import dist, height_above_line


class HeelSlides(Analyzer):
    name = "heel_slides"
    metric = "knee angle"
    direction = "down"
    required_parts = ("shoulder", "hip", "knee", "ankle")
    side_parts = ("hip", "knee", "ankle")
    noise_k = 5.0   # a small, far body's angle jitters: count only clear movements

    def thresholds(self) -> tuple[float, float]:
        return self.th["knee_count_deg"], self.th["knee_straight_deg"]

    def measure_side(self, body: Body, side: str):
        knee = body.angle(side, "hip", "knee", "ankle")
        # heel height over the floor line, which runs parallel to the trunk lying on it
        shank = dist(body.p(side, "knee"), body.p(side, "ankle"))
        heel = body.p(side, "heel") if body.v(side, "heel") >= 0.3 else body.p(side, "ankle")
        height = height_above_line(heel, body.mid("shoulder"), body.mid("hip"))
        return knee, {"heel_height": height / max(shank, 1e-6)}

    def judge(self, side: str, span: RepSpan, samples: list[Sample]) -> Verdict:
        timing = self.timing(side, span)
        faults = []
        if span.peak > self.th["knee_short_deg"]:
            faults.append("short_slide")
        heel = self.feature(samples, "heel_height")
        heel = heel[np.isfinite(heel)]
        rest = self.resting_feature(side, span, "heel_height")
        # rise of the heel above where it rested before the slide began
        if heel.size >= 3 and float(np.percentile(heel, 90)) - rest > self.th["heel_lift_max"]:
            faults.append("heel_lifted")
        faults += self.fast_faults(timing.out_seconds if timing else None)
        return Verdict(
            peak=span.peak, faults=tuple(faults),
            start=timing.start if timing else None, end=timing.end if timing else None,
        )
