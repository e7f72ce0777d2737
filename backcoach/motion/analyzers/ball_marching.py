"""Seated ball marching: each foot in turn lifts off its resting height, trunk upright.

The lift is read on the knee and the foot (ankle, heel and toe) together: how far they rise in
the picture above where they rest, as a fraction of the shank's length, so it reads the same
from the side or the front and at any distance. Both rise when a foot lifts. A foot that slides
towards or away from the camera also moves up or down in the picture (more so the closer the
camera), the foot much more than the knee above it; and the pose model's jitter moves each
point on its own. So a step must lift the knee and the foot together, clear of how much they
wander at rest, and where a foot rests is followed as the median of the last second at rest,
which neither the jitter nor a slow drift pulls away from the floor.
"""

from __future__ import annotations

import logging
import math
from collections import deque

import numpy as np

from backcoach.motion.analyzers.base import Body, Sample, Track, Verdict
from backcoach.motion.analyzers.seated import SeatedAnalyzer, trunk_lean
from backcoach.motion.counting import HysteresisCounter, RepSpan
from backcoach.motion.events import Event
from backcoach.motion.geometry import dist, other_side
from backcoach.motion.holds import RampTiming
from backcoach.motion.recording import PoseFrame

log = logging.getLogger(__name__)

FOOT = ("ankle", "heel", "foot_index")
KNEE_WEIGHT = 0.5       # the counted point: halfway between the knee and the foot
REST_WINDOW_S = 1.0     # where a foot rests: the median of its last second at rest
DRIFT_AFTER_S = 1.5     # off rest this long without a step: the resting place moved
LEARN_S = 1.0           # seconds at rest a foot is watched before its steps count
BASELINE_RESET_S = 3.0  # unseen longer than this: learn where the foot rests afresh


class BallMarching(SeatedAnalyzer):
    name = "ball_marching"
    metric = "foot lift"
    direction = "up"
    relative = True
    noise_k = 3.0       # a foot hidden behind the other wanders: count only clear lifts
    settle = 0.4
    warmup = 0.1        # after a gap, once LEARN_S has taught how much a foot wanders
    required_parts = ("shoulder", "hip", "knee", "ankle")
    side_parts = ("knee", "ankle", "heel")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._shank: dict[str, float] = {}
        self._rest: dict[str, deque[tuple[float, float]]] = {s: deque() for s in self.tracks}
        self._learnt: dict[str, float] = {s: 0.0 for s in self.tracks}   # seconds seen at rest

    def thresholds(self) -> tuple[float, float]:
        return self.th["foot_count_min"], self.th["foot_leave"]

    def update(self, frame: PoseFrame) -> list[Event]:
        events = super().update(frame)
        # until a foot has been seen at rest long enough to learn how much it wanders, its
        # steps do not count (the counting thresholds rise above that wander)
        for side, track in self.tracks.items():
            if self._learnt[side] >= LEARN_S or not track.history:
                continue
            last = track.history[-1]
            if last.t != frame.t:
                continue
            if track.counter.phase == "rest" and len(track.history) > 1:
                dt = last.t - track.history[-2].t
                if dt <= self.abandon_gap:
                    self._learnt[side] += dt
            if self._learnt[side] < LEARN_S and not track.counter.in_rep:
                track.counter.armed = False
        return events

    def restart(self) -> None:
        super().restart()
        self._shank.clear()
        for window in self._rest.values():
            window.clear()

    def _relative(self, track: Track, t: float, raw: float, body: Body, side: str) -> float:
        """The lift above where the foot rests: the median of its samples over the last
        REST_WINDOW_S at rest (a foot off rest for DRIFT_AFTER_S without stepping counts as
        resting where it is now). Replaces the base's baseline, which follows a value below it
        at once and so, with jitter, settles under the floor."""
        scale = self.relative_scale(body, side)
        window = self._rest[side]
        if track.baseline_t is not None and t - track.baseline_t > BASELINE_RESET_S:
            window.clear()
            track.baseline = None
        phase = track.counter.phase
        if phase == "rest" or (phase == "moving" and t - track.left_rest > DRIFT_AFTER_S):
            window.append((t, raw))
        while window and window[0][0] < t - REST_WINDOW_S:
            window.popleft()
        if window:
            track.baseline = float(np.median([r for _, r in window]))
        elif track.baseline is None:
            track.baseline = raw
        track.baseline_t = t
        return (raw - track.baseline) / scale

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
    def _heights(body: Body, side: str) -> tuple[float, float]:
        """How high the knee and the foot (ankle, heel and toe together) are in the picture,
        in pixels up from the top (image y points down)."""
        foot = sum(float(body.p(side, p)[1]) for p in FOOT) / len(FOOT)
        return -float(body.p(side, "knee")[1]), -foot

    def measure_side(self, body: Body, side: str):
        knee, foot = self._heights(body, side)
        # the other foot's lift above where it rests, read against its own track
        other = other_side(side)
        base, scale = self.tracks[other].baseline, self._shank.get(other)
        lift = KNEE_WEIGHT * knee + (1 - KNEE_WEIGHT) * foot
        if base is not None and scale:
            k, f = self._heights(body, other)
            other_lift = (KNEE_WEIGHT * k + (1 - KNEE_WEIGHT) * f - base) / scale
        else:
            other_lift = float("nan")
        return lift, {"lean": trunk_lean(body), "other": other_lift, "knee": knee, "foot": foot}

    def judge(self, side: str, span: RepSpan, samples: list[Sample]) -> Verdict:
        timing = self.timing(side, span)
        counter = self.tracks[side].counter
        assert isinstance(counter, HysteresisCounter)
        why = self._not_a_step(side, span, samples, timing, counter.enter)
        if why:
            log.debug("%s %.2f-%.2f: %s", side, span.start, span.end, why)
            return Verdict(count=False)
        assert timing is not None
        values = np.array([x.value for x in samples])
        faults = []
        if timing.level < self.th["foot_lift_min"]:
            faults.append("small_lift")
        if self.leans(side, span, samples, values >= 0.5 * span.peak):
            faults.append("trunk_lean")
        return Verdict(peak=span.peak, faults=tuple(faults), start=timing.start, end=timing.end)

    def _not_a_step(
        self,
        side: str,
        span: RepSpan,
        samples: list[Sample],
        timing: RampTiming | None,
        enter: float,
    ) -> str | None:
        """Why a movement is no step (None: it is one). A step is brief, lifts the knee and
        the foot together clear of how much they wander at rest, and the other foot stays on
        the floor meanwhile (both feet "moving" together is the person shifting, or the pose
        model's guesswork)."""
        if timing is None or _time_above(span, enter) < self.th["step_min_up_s"]:
            return f"a blip (peak {span.peak:.3f})"
        if span.end - span.start > self.th["step_max_s"]:
            return "too long: a foot held up (on something), not a step"
        wander = math.sqrt(self.tracks[side].noise_var)
        if timing.level < max(self.th["step_min_lift"], self.th["step_min_snr"] * wander):
            return f"lift {timing.level:.3f} within the wander at rest ({wander:.3f})"
        times = np.array([x.t for x in samples])
        values = np.array([x.value for x in samples])
        # the other foot while this one is up (from half way out to half way back)
        up = (times >= timing.start + timing.out_seconds / 2) & (
            times <= timing.end - timing.back_seconds / 2
        )
        other = self.feature(samples, "other")
        other = other[np.isfinite(other) & up]
        moved = abs(float(np.median(other))) if other.size else 0.0
        if moved > self.th["other_foot_max_ratio"] * span.peak:
            return f"the other foot moved too ({moved:.3f})"
        top = values >= 0.5 * span.peak
        scale = self._shank.get(side, 1.0)
        for part in ("knee", "foot"):
            rest = self.resting_feature(side, span, part)
            seen = self.feature(samples, part)[top]
            seen = seen[np.isfinite(seen)]
            if not (seen.size and np.isfinite(rest)):
                continue
            rise = (float(np.median(seen)) - rest) / scale
            if rise < self.th["step_together_min"] * timing.level:
                return f"the {part} rose {rise:.3f} of a lift of {timing.level:.3f}"
        return None


def _time_above(span: RepSpan, level: float) -> float:
    """How long the lift stayed above `level` (frame timestamps, short dips included)."""
    t = np.asarray(span.times, dtype=float)
    v = np.asarray(span.values, dtype=float)
    up = np.flatnonzero(np.isfinite(v) & (v >= level))
    return float(t[up[-1]] - t[up[0]]) if up.size else 0.0
