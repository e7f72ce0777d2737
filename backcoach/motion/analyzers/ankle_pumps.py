"""Ankle pumps: both ankles pull up and point away together; one up-and-down is one rep.

The ankle angle (knee-ankle-toe) of both feet, the better-seen foot weighing more, swings
back and forth; there is no fixed resting angle, so reps are counted as pairs of swings.
"""

from __future__ import annotations

from backcoach.motion.analyzers.base import Analyzer, Body, Sample, Verdict, both_sides
from backcoach.motion.counting import RepSpan, SwingCounter


class AnklePumps(Analyzer):
    name = "ankle_pumps"
    metric = "ankle angle"
    required_parts = ("hip", "knee", "ankle", "foot_index")
    side_parts = ("knee", "ankle", "foot_index")

    def make_counter(self) -> SwingCounter:
        return SwingCounter(self.th["swing_count_deg"], abandon_gap=self.abandon_gap)

    def in_position(self, body: Body) -> bool:
        # the legs lie out straight; with the knees bent (kneeling, a bridge) the ankle angle
        # changes with the shin, not the foot
        knee = both_sides(
            body, ("hip", "knee", "ankle"), lambda s: body.angle(s, "hip", "knee", "ankle")
        )
        return knee >= self.th["knee_straight_min_deg"]

    def measure_side(self, body: Body, side: str):
        angle = both_sides(
            body, self.side_parts, lambda s: body.angle(s, "knee", "ankle", "foot_index")
        )
        return angle, {}

    def judge(self, side: str, span: RepSpan, samples: list[Sample]) -> Verdict:
        (_, a0, _, a1), (t1, b0, t2, b1) = span.swings[0], span.swings[-1]
        swing = max(abs(a1 - a0), abs(b1 - b0)) / 2.0
        faults = []
        if swing < self.th["swing_min_deg"]:
            faults.append("small_range")
        if t2 - t1 < self.th["fast_move_s"]:
            faults.append("too_fast")
        return Verdict(peak=round(2 * swing, 1), faults=tuple(faults))
