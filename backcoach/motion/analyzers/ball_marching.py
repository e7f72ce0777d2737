"""Seated ball marching: each foot in turn lifts off its resting height, trunk upright.

The lift is the ankle's rise in the image above where that foot rests, as a fraction of the
shank's length, so it reads the same from the side or the front and at any distance.
"""

from __future__ import annotations

import numpy as np

from backcoach.motion.analyzers.base import Analyzer, Body, Sample, Verdict, is_standing
from backcoach.motion.counting import HysteresisCounter, RepSpan
from backcoach.motion.geometry import angle_to_vertical, dist


class BallMarching(Analyzer):
    name = "ball_marching"
    metric = "foot lift"
    direction = "up"
    relative = True
    noise_k = 3.0       # a foot hidden behind the other wanders: count only clear lifts
    settle = 0.4
    warmup = 0.5
    required_parts = ("shoulder", "hip", "knee", "ankle")
    side_parts = ("knee", "ankle", "heel")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._shank: dict[str, float] = {}

    def thresholds(self) -> tuple[float, float]:
        return self.th["foot_count_min"], self.th["foot_leave"]

    def relative_scale(self, body: Body, side: str) -> float:
        """The shank's length in pixels, learnt while the foot rests (it looks shorter lifted)."""
        now = dist(body.p(side, "knee"), body.p(side, "ankle"))
        ref = self._shank.get(side)
        if ref is None:
            ref = now
        elif self.tracks[side].counter.phase == "rest":
            ref += 0.05 * (now - ref)
        self._shank[side] = ref
        return max(ref, 1.0)

    @staticmethod
    def _foot_y(body: Body, side: str) -> float:
        """The foot's height in the image: ankle, heel and toe together (less jitter)."""
        return float(sum(body.p(side, p)[1] for p in ("ankle", "heel", "foot_index")) / 3.0)

    def in_position(self, body: Body) -> bool:
        return not is_standing(body)      # sitting on the ball

    def measure_side(self, body: Body, side: str):
        # image y points down; the whole foot leaves the floor (the knee also rises when the
        # person only leans, so it is left out)
        lift = -self._foot_y(body, side)
        other = "right" if side == "left" else "left"
        trunk = angle_to_vertical(body.mid("shoulder"), body.mid("hip"))
        return lift, {
            "trunk": trunk,
            "other": -self._foot_y(body, other),
            "scale": self._shank.get(side, 1.0),
        }

    def judge(self, side: str, span: RepSpan, samples: list[Sample]) -> Verdict:
        # a step is brief, and the other foot stays on the floor meanwhile: a slow drift, or
        # both feet "moving" together (the person shifting, or the pose model's guesswork)
        # is not a step
        timing = self.timing(side, span)
        counter = self.tracks[side].counter
        assert isinstance(counter, HysteresisCounter)
        enter = counter.enter
        if timing is None or _time_above(span, enter) < self.th["step_min_up_s"]:
            return Verdict(count=False)     # a blip of the landmarks, not a foot going up and down
        if span.end - span.start > self.th["step_max_s"]:
            return Verdict(count=False)     # a foot held up (on something), not a step
        # judge the other foot while this one is up (from half way out to half way back)
        times = np.array([x.t for x in samples])
        values = np.array([x.value for x in samples])
        up = (times >= timing.start + timing.out_seconds / 2) & (
            times <= timing.end - timing.back_seconds / 2
        )
        other = self.feature(samples, "other") / max(samples[-1].features["scale"], 1.0)
        other = other[np.isfinite(other) & up]
        if other.size and float(np.ptp(other)) > self.th["other_foot_max_ratio"] * span.peak:
            return Verdict(count=False)
        faults = []
        level = timing.level
        if level < self.th["foot_lift_min"]:
            faults.append("small_lift")
        trunk = self.feature(samples, "trunk")[values >= 0.5 * span.peak]
        trunk = trunk[np.isfinite(trunk)]
        if trunk.size and float(np.percentile(trunk, 75)) > self.th["trunk_max_tilt_deg"]:
            faults.append("trunk_lean")
        return Verdict(peak=span.peak, faults=tuple(faults), start=timing.start, end=timing.end)


def _time_above(span: RepSpan, level: float) -> float:
    """How long the lift stayed above `level` (frame timestamps, short dips included)."""
    t = np.asarray(span.times, dtype=float)
    v = np.asarray(span.values, dtype=float)
    up = np.flatnonzero(np.isfinite(v) & (v >= level))
    return float(t[up[-1]] - t[up[0]]) if up.size else 0.0
