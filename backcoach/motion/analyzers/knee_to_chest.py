"""Knee to chest: the hip angle (shoulder-hip-knee) closes as one knee comes up to the chest."""

from __future__ import annotations

from backcoach.motion.analyzers.base import Analyzer, Body, Sample, Verdict
from backcoach.motion.counting import RepSpan


class KneeToChest(Analyzer):
    name = "knee_to_chest"
    metric = "hip angle"
    direction = "down"
    required_parts = ("shoulder", "hip", "knee")
    side_parts = ("shoulder", "hip", "knee")
    noise_k = 5.0   # a small, far body's angle jitters: count only clear movements

    def thresholds(self) -> tuple[float, float]:
        return self.th["hip_count_deg"], self.th["hip_leave_deg"]

    def measure_side(self, body: Body, side: str):
        return body.angle(side, "shoulder", "hip", "knee"), {}

    def in_hold_band(self, side: str, value: float, features: dict[str, float]) -> bool:
        return value <= self.th["hip_count_deg"]

    def judge(self, side: str, span: RepSpan, samples: list[Sample]) -> Verdict:
        timing = self.timing(side, span)
        hold = timing.hold_seconds if timing else None
        faults = []
        if span.peak > self.th["hip_enter_deg"]:
            faults.append("short_pull")
        faults += self.hold_faults(hold)
        faults += self.fast_faults(timing.out_seconds if timing else None)
        return Verdict(
            peak=span.peak, hold_seconds=hold, faults=tuple(faults),
            start=timing.start if timing else None, end=timing.end if timing else None,
        )
