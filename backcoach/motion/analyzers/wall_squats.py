"""Wall squats: both knees bend to about 45 degrees (knee angle ~135), hold, straighten."""

from __future__ import annotations

import numpy as np

from backcoach.motion.analyzers.base import Analyzer, Body, Sample, Verdict, both_sides
from backcoach.motion.counting import RepSpan
from backcoach.motion.geometry import angle_to_vertical


class WallSquats(Analyzer):
    name = "wall_squats"
    metric = "knee angle"
    direction = "down"
    required_parts = ("shoulder", "hip", "knee", "ankle")
    side_parts = ("hip", "knee", "ankle")
    noise_k = 5.0   # a small, far body's angle jitters: count only clear movements

    def thresholds(self) -> tuple[float, float]:
        return self.th["knee_count_deg"], self.th["knee_standing_deg"]

    def measure_side(self, body: Body, side: str):
        knee = both_sides(body, self.side_parts, lambda s: body.angle(s, "hip", "knee", "ankle"))
        trunk = angle_to_vertical(body.mid("shoulder"), body.mid("hip"))
        return knee, {"trunk": trunk}

    def in_hold_band(self, side: str, value: float, features: dict[str, float]) -> bool:
        return self.th["knee_band_min_deg"] <= value <= self.th["knee_band_max_deg"]

    def live_faults(self, side: str, value: float, features: dict[str, float]) -> list[str]:
        return ["too_deep"] if value < self.th["knee_too_deep_deg"] - 5 else []

    def judge(self, side: str, span: RepSpan, samples: list[Sample]) -> Verdict:
        timing = self.timing(side, span)
        hold = timing.hold_seconds if timing else None
        faults = []
        level = timing.level if timing else span.peak
        if span.peak < self.th["knee_too_deep_deg"]:
            faults.append("too_deep")
        elif level > self.th["knee_band_max_deg"]:
            faults.append("shallow")
        faults += self.hold_faults(hold)
        values = np.array([s.value for s in samples])
        trunk = self.feature(samples, "trunk")
        held = trunk[np.isfinite(trunk) & (values <= self.th["knee_count_deg"])]
        if held.size and float(np.median(held)) > self.th["trunk_max_tilt_deg"]:
            faults.append("trunk_lean")
        return Verdict(
            peak=span.peak, hold_seconds=hold, faults=tuple(faults),
            start=timing.start if timing else None, end=timing.end if timing else None,
        )
