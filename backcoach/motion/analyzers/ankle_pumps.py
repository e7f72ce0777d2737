"""Ankle pumps: both ankles pull up and point away together; one up-and-down is one rep.

The ankle angle (knee-ankle-toe) of both feet, the better-seen foot weighing more, swings
back and forth about its middle; a pump is a swing to one side of the middle and then to the
other (counting.SwingCounter), whether the feet pause in the middle between pumps or not.
"""

from __future__ import annotations

import logging

from backcoach.motion.analyzers.base import Analyzer, Body, Sample, Verdict, both_sides
from backcoach.motion.counting import RepSpan, SwingCounter

log = logging.getLogger(__name__)


class AnklePumps(Analyzer):
    name = "ankle_pumps"
    metric = "ankle angle"
    required_parts = ("hip", "knee", "ankle", "foot_index")
    side_parts = ("knee", "ankle", "foot_index")
    value_tau = 0.08       # the foot is a short segment: its angle jitters
    abandon_gap = 0.5      # a pump lasts a second or two: half of it unseen is no pump

    def make_counter(self) -> SwingCounter:
        return SwingCounter(
            self.th["swing_reach_deg"],
            abandon_gap=self.abandon_gap,
            noise_k=self.th.get("swing_noise_k", 0.0),   # jitter raises the reach
        )

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
        t1, a, t2, b = span.swings[0]
        swing = abs(b - a) / 2.0           # each way from the middle
        counter = self.tracks[side].counter
        assert isinstance(counter, SwingCounter)
        # with a jittery angle (a small foot in the picture, few frames a second) a pump must
        # stand clear of the jitter: the rule is to miss a pump rather than invent one
        need = max(self.th["swing_count_deg"], self.th.get("count_noise_k", 0.0) * counter.noise)
        log.debug("pump %.2f-%.2f swing %.1f need %.1f noise %.2f", span.start, span.end, swing,
                  need, counter.noise)
        if swing < need:
            return Verdict(count=False)    # jitter about the middle, not a pump
        faults = []
        if t2 - t1 < self.th["fast_move_s"]:
            # a pump this quick spans a few frames, which catch its extremes poorly: the cue
            # is to slow down, not to move further
            faults.append("too_fast")
        elif swing < self.th["swing_min_deg"]:
            faults.append("small_range")
        return Verdict(peak=round(2 * swing, 1), faults=tuple(faults))
