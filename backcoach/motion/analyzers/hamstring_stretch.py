"""Hamstring stretch: thigh held upright, the knee angle opens towards straight and holds."""

from __future__ import annotations

import numpy as np

from backcoach.motion.analyzers.base import Analyzer, Body, Sample, Verdict
from backcoach.motion.counting import RepSpan


class HamstringStretch(Analyzer):
    name = "hamstring_stretch"
    metric = "knee angle"
    direction = "up"
    required_parts = ("shoulder", "hip", "knee", "ankle")
    side_parts = ("hip", "knee", "ankle")
    noise_k = 8.0   # a small, far body's angle jitters: count only clear movements

    def thresholds(self) -> tuple[float, float]:
        return self.th["knee_count_deg"], self.th["knee_bent_deg"]

    def measure_side(self, body: Body, side: str):
        knee = body.angle(side, "hip", "knee", "ankle")
        # the thigh is upright when the hip angle (trunk to thigh) is about 90 degrees
        hip = body.angle(side, "shoulder", "hip", "knee")
        return knee, {"thigh_off": abs(hip - 90.0)}

    def in_hold_band(self, side: str, value: float, features: dict[str, float]) -> bool:
        return value >= self.th["knee_open_deg"] - self.th["knee_leave_margin_deg"]

    def judge(self, side: str, span: RepSpan, samples: list[Sample]) -> Verdict:
        timing = self.timing(side, span)
        hold = timing.hold_seconds if timing else None
        faults = []
        level = timing.level if timing else span.peak
        if level < self.th["knee_open_deg"]:
            faults.append("short_stretch")
        values = np.array([s.value for s in samples])
        off = self.feature(samples, "thigh_off")
        held = off[np.isfinite(off) & (values >= self.th["knee_count_deg"])]
        if held.size and float(np.median(held)) > self.th["thigh_vertical_tol_deg"]:
            faults.append("thigh_not_vertical")
        faults += self.hold_faults(hold)
        return Verdict(
            peak=span.peak, hold_seconds=hold, faults=tuple(faults),
            start=timing.start if timing else None, end=timing.end if timing else None,
        )
