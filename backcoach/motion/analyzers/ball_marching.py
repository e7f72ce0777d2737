"""Seated ball marching: each foot in turn lifts off its resting height, trunk upright.

The lift is read on the knee and the foot (ankle, heel and toe) together: how far they rise in
the picture above where they rest, as a fraction of the shank's length, so it reads the same
from the side or the front and at any distance. Both rise when a foot lifts. A foot that slides
towards or away from the camera also moves up or down in the picture (more so the closer the
camera), the foot much more than the knee above it; and the pose model's jitter moves each
point on its own. So a step must lift the knee and the foot together, clear of how much they
wander at rest, and where a foot rests is followed as the median of the last second at rest,
which neither the jitter nor a slow drift pulls away from the floor.

The knee weighs more than the foot in the counted lift: it sits near the camera's height, so a
foot sliding towards or away from the camera barely moves it, while the same slide can hide
most of a small lift of the foot itself. How much the lift wanders at rest is measured
robustly (the median deviation over the last few seconds), so one slow slide at rest does not
raise the bar for every step after it. A step also puts the foot back down: a knee that rises
and stays up (the pelvis rolling, the person settling differently on the ball) is no step.
A far foot the pose model sees only now and then is judged once it has been seen clearly
(side_enter_visibility), and then until it drops below side_min_visibility.
"""

from __future__ import annotations

import logging
import math

import numpy as np

from backcoach.motion.analyzers.base import Body, Sample, Track, Verdict
from backcoach.motion.analyzers.seated import SeatedAnalyzer, trunk_lean
from backcoach.motion.counting import HysteresisCounter, RepSpan
from backcoach.motion.events import Event
from backcoach.motion.geometry import dist, other_side
from backcoach.motion.holds import RampTiming
from backcoach.motion.recording import PoseFrame
from backcoach.motion.window import SlidingMedian

log = logging.getLogger(__name__)

FOOT = ("ankle", "heel", "foot_index")
KNEE_WEIGHT = 0.75      # the counted point: three quarters of the way from the foot to the knee
REST_WINDOW_S = 1.0     # where a foot rests: the median of its last second at rest
DRIFT_AFTER_S = 1.5     # off rest this long without a step: the resting place moved
LEARN_S = 1.0           # seconds at rest a foot is watched before its steps count
BASELINE_RESET_S = 3.0  # unseen longer than this: learn where the foot rests afresh
WANDER_WINDOW_S = 5.0   # how much the lift wanders at rest: over this many seconds
BACK_PERCENTILE = 25    # where the knee and foot came back to: this percentile after the step


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
        self._rest = {s: SlidingMedian() for s in self.tracks}
        self._learnt: dict[str, float] = {s: 0.0 for s in self.tracks}   # seconds seen at rest
        # the absolute lift at rest over the last WANDER_WINDOW_S: in time order, and sorted
        self._wander = {s: SlidingMedian() for s in self.tracks}
        self._seen: dict[str, bool] = {s: False for s in self.tracks}     # clearly seen lately
        self._seen_t: dict[str, float] = {}

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

    def _adapt_to_noise(self, track: Track, t: float, value: float) -> None:
        """Keep the counting thresholds clear of how far the lift wanders at rest, measured
        as the median absolute lift at rest over the last WANDER_WINDOW_S (a robust standard
        deviation): unlike a mean of squares, one slow slide of the foot does not inflate it."""
        counter = track.counter
        assert isinstance(counter, HysteresisCounter) and self.noise_k is not None
        if abs(value) >= abs(counter.enter):
            return      # a movement (or one held back while the other foot moves): not wander
        window = self._wander[track.side]
        if track.noise_t is not None and t - track.noise_t > 10.0:
            window.clear()
        window.add(t, abs(value))
        window.drop_before(t - WANDER_WINDOW_S)
        track.noise_t = t
        sd = 1.4826 * window.median()
        track.noise_var = sd * sd
        self._clear_of_noise(track, sd)

    def _clearly_seen(self, body: Body, side: str) -> bool:
        """Visibility hysteresis: a leg is judged once its knee and foot have been seen at
        side_enter_visibility or better, and stays judged while the gate passes it (at
        side_min_visibility); unseen for longer than abandon_gap, it must be seen clearly
        again. A far foot whose visibility hovers about the gate's floor is then judged
        steadily or not at all, rather than frame by frame."""
        last = self._seen_t.get(side)
        if last is None or body.t - last > self.abandon_gap:
            self._seen[side] = False
        self._seen_t[side] = body.t
        if body.v(side, *self.side_parts) >= self.th["side_enter_visibility"]:
            self._seen[side] = True
        return self._seen[side]

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
            window.add(t, raw)
        window.drop_before(t - REST_WINDOW_S)
        if window:
            track.baseline = window.median()
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
        foot = sum(body.xy(side, p)[1] for p in FOOT) / len(FOOT)
        return -body.xy(side, "knee")[1], -foot

    def measure_side(self, body: Body, side: str):
        if not self._clearly_seen(body, side):
            return None
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
        the foot together clear of how much they wander at rest, puts them back down, and
        the other foot stays on the floor meanwhile (both feet "moving" together is the
        person shifting, or the pose model's guesswork)."""
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
        track = self.tracks[side]
        # after the step, until it is judged (the next movement or SETTLE_S later)
        after = track.window(span.end + 1e-6, span.end if span.settled is None else span.settled)
        # the foot, more moved by slides than the knee, need only rise a smaller share
        least = {"knee": self.th["step_together_min"], "foot": self.th["step_foot_min"]}
        for part in ("knee", "foot"):
            rest = self.resting_feature(side, span, part)
            seen = self.feature(samples, part)[top]
            seen = seen[np.isfinite(seen)]
            if not (seen.size and np.isfinite(rest)):
                continue
            rise = (float(np.median(seen)) - rest) / scale
            log.debug("%s %s rose %.3f of a lift of %.3f", side, part, rise, timing.level)
            if rise < least[part] * timing.level:
                return f"the {part} rose {rise:.3f} of a lift of {timing.level:.3f}"
            back = self.feature(after, part)
            back = back[np.isfinite(back)]
            if back.size:
                stays = (float(np.percentile(back, BACK_PERCENTILE)) - rest) / scale
                if stays > self.th["step_return_max"] * rise:
                    return f"the {part} stayed up ({stays:.3f} of a rise of {rise:.3f})"
        return None


def _time_above(span: RepSpan, level: float) -> float:
    """How long the lift stayed above `level` (frame timestamps, short dips included)."""
    t = np.asarray(span.times, dtype=float)
    v = np.asarray(span.values, dtype=float)
    up = np.flatnonzero(np.isfinite(v) & (v >= level))
    return float(t[up[-1]] - t[up[0]]) if up.size else 0.0
