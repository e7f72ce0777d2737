"""The one base class every exercise analyzer builds on.

An analyzer takes PoseFrames one at a time: it smooths the landmarks, asks the visibility gate
whether it may measure, measures one value per tracked side (an angle, a height), feeds it to a
hysteresis counter, and when a movement comes back to rest judges it as a rep: range of motion,
hold, tempo, faults. Events stream out as they happen, so live coaching and offline analysis run
the same code. Subclasses say what to measure (`measure_side`) and how to judge a rep
(`judge`); thresholds come from the exercise's `camera.thresholds` in the catalogue.
"""

from __future__ import annotations

import logging
import math
from collections import deque
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from backcoach.catalog.schema import Exercise
from backcoach.motion.counting import (
    Direction,
    HoldTimer,
    HysteresisCounter,
    RepSpan,
    SwingCounter,
)
from backcoach.motion.events import (
    Event,
    FormCue,
    FrameStatus,
    HoldProgress,
    RepCompleted,
    RepRecord,
    VisibilityWarning,
)
from backcoach.motion.gate import GateResult, VisibilityGate
from backcoach.motion.geometry import SIDES, joint_angle, lm_index, midpoint
from backcoach.motion.holds import RampTiming, ramp_timing
from backcoach.motion.recording import PoseFrame
from backcoach.motion.smoothing import LandmarkSmoother
from backcoach.motion.window import running_mean

log = logging.getLogger(__name__)

BOTH = "both"   # the track of an exercise done with both limbs together
LEAD_IN_S = 3.0   # seconds before a movement left rest that its timing may look at
SETTLE_S = 0.8    # a rep is judged this long after it came back past the rest threshold
RESUME_FRACTION = 0.5   # a movement that got less far back than this (rest threshold -> rest)
                        # and went on within the catalogue's resume_within_s is one rep
MIN_FPS_TO_SMOOTH = 20.0
VISIBILITY_DROP = 0.5    # a limb seen at under half its usual visibility is not measured
VISIBILITY_TAU_S = 6.0   # how fast the usual visibility follows
JITTER_CENTER_TAU_S = 3.0   # the resting level the thresholds keep clear of follows this slowly
JITTER_TAU_S = 5.0          # the jitter estimate is a moving mean over about this long
JITTER_MAX_STEP_S = 0.1     # samples further apart are not compared (frame rate unknown)
JITTER_CLIP = 4.0           # a sample further off than this many times the jitter counts so
JITTER_JUDGE_N = 20         # samples the jitter is measured on before it may stop counting
JITTER_CLEAR = 0.8          # unsteady until the jitter falls below this share of the limit
OVERTAKE = 1.5    # one side moving this many times further than the one mid-rep takes over
Counter = HysteresisCounter | SwingCounter


@dataclass
class Body:
    """One smoothed pose in pixel space, with per-landmark visibility."""

    t: float
    px: np.ndarray          # (33, 2) pixels
    vis: np.ndarray         # (33,)
    z: np.ndarray           # (33,) relative depth (raw)
    width: int
    height: int

    def __post_init__(self) -> None:
        # plain-float copies: read many times a frame, one number at a time
        self._px: list[list[float]] = self.px.tolist()
        self._vis: list[float] = self.vis.tolist()

    def p(self, side: str, part: str) -> np.ndarray:
        return self.px[lm_index(side, part)]

    def xy(self, side: str, part: str) -> tuple[float, float]:
        """p's x and y as plain floats (quicker for arithmetic on single numbers)."""
        x, y = self._px[lm_index(side, part)]
        return x, y

    def v(self, side: str, *parts: str) -> float:
        vis = self._vis
        if len(parts) == 1:
            return vis[lm_index(side, parts[0])]
        return min([vis[lm_index(side, p)] for p in parts])

    def angle(self, side: str, a: str, b: str, c: str) -> float:
        return joint_angle(self.p(side, a), self.p(side, b), self.p(side, c))

    def mid(self, part: str) -> np.ndarray:
        """Midpoint of a left/right pair; the better-seen side weighs more."""
        li, ri = lm_index("left", part), lm_index("right", part)
        wl, wr = self._vis[li] + 1e-3, self._vis[ri] + 1e-3
        (lx, ly), (rx, ry) = self._px[li], self._px[ri]
        return np.array([(lx * wl + rx * wr) / (wl + wr), (ly * wl + ry * wr) / (wl + wr)])

    def plain_mid(self, part: str) -> np.ndarray:
        return midpoint(self.p("left", part), self.p("right", part))

    def near_side(self) -> str:
        """The side facing the camera: better seen, nearer in depth."""
        parts = ("shoulder", "hip", "knee", "ankle")
        score = 0.0
        for part in parts:
            li, ri = lm_index("left", part), lm_index("right", part)
            score += float(self.vis[li] - self.vis[ri]) + float(self.z[ri] - self.z[li])
        return "left" if score >= 0 else "right"


@dataclass
class Sample:
    t: float
    value: float
    features: dict[str, float]


@dataclass
class Track:
    """One tracked side (or BOTH): its counter and a short history of measurements."""

    side: str
    counter: Counter
    history: deque[Sample] = field(default_factory=lambda: deque(maxlen=3000))
    faults_cued: set[str] = field(default_factory=set)
    hold: HoldTimer = field(default_factory=HoldTimer)
    last_hold_report: float = 0.0
    baseline: float | None = None     # resting raw value (analyzers that count from rest)
    baseline_t: float | None = None
    recent: deque[tuple[float, float]] = field(default_factory=deque)   # raw values, last 0.6 s
    last_end: float = -math.inf       # when this track's previous movement came back
    noise_var: float = 0.0            # how much the counted value wanders at rest
    noise_t: float | None = None
    noise_n: int = 0
    jitter_center: float | None = None    # resting level (absolute values)
    jitter_var: float = 0.0               # mean square frame-to-frame jitter of the value
    jitter_n: int = 0
    jitter_t_center: float = 0.0
    # the last two raw values (t, value) the jitter is measured on
    jitter_raw: tuple[tuple[float, float], tuple[float, float]] = (
        (-math.inf, math.nan), (-math.inf, math.nan))
    unsteady: bool = False            # too jittery to count (see Analyzer._follow_jitter)
    rest_seen: float = 0.0            # seconds of rest seen (analyzers with a warm-up)
    rest_seen_t: float | None = None
    rest_level: float | None = None   # resting counted value
    rep_base: float | None = None     # the resting level when the movement in progress began
    pending: RepSpan | None = None    # a movement back at rest, judged once the limb settles
    left_rest: float = math.inf       # when the counted value last left rest
    _smooth: tuple[float, float] | None = None   # (t, value) of the counted value's average
    usual_visibility: dict[str, float] = field(default_factory=dict)   # per side, running
    usual_visibility_t: float | None = None
    _last_t: float | None = None

    def follow_rest(self, t: float, value: float, tau: float) -> None:
        """Update the resting level from a sample taken at rest."""
        if self.rest_level is None or self._last_t is None or t - self._last_t > 2.0:
            self.rest_level = value
        else:
            a = 1.0 - math.exp(-max(t - self._last_t, 0.0) / tau)
            self.rest_level += a * (value - self.rest_level)
        self._last_t = t

    def smooth_value(self, t: float, value: float, tau: float, max_gap: float) -> float:
        """An exponential moving average of the counted value on frame timestamps."""
        last = self._smooth
        if last is None or not 0 < t - last[0] <= max_gap:
            self._smooth = (t, value)
            return value
        a = 1.0 - math.exp(-(t - last[0]) / tau)
        self._smooth = (t, last[1] + a * (value - last[1]))
        return self._smooth[1]

    def window(self, start: float, end: float) -> list[Sample]:
        return [s for s in self.history if start - 1e-9 <= s.t <= end + 1e-9]


@dataclass
class Verdict:
    """How an analyzer judges one completed movement."""

    count: bool = True
    peak: float | None = None
    hold_seconds: float | None = None
    faults: tuple[str, ...] = ()
    start: float | None = None     # refined start and end of the movement, if known
    end: float | None = None


class Analyzer:
    """Base of the exercise analyzers. See the module docstring for the flow."""

    name: ClassVar[str] = ""
    metric: ClassVar[str] = ""
    direction: ClassVar[Direction] = "up"
    required_parts: ClassVar[tuple[str, ...]] = ("shoulder", "hip", "knee", "ankle")
    side_parts: ClassVar[tuple[str, ...]] = ("hip", "knee", "ankle")
    # the analyzer tracks "left" and "right" (per side, alternating) or one BOTH track
    exclusive: ClassVar[bool] = True  # only one side may be mid-rep at a time
    abandon_gap: ClassVar[float] = 1.0
    # count from a resting baseline learnt while at rest (value = raw - baseline)
    relative: ClassVar[bool] = False
    baseline_tau: ClassVar[float] = 8.0
    # smooth the counted value itself with this time constant (s; 0: not at all), for values
    # built from small, jittery segments such as the foot; not below MIN_FPS_TO_SMOOTH, where
    # a quick movement spans only a few frames
    value_tau: ClassVar[float] = 0.0
    # raise the counting thresholds above the resting noise: enter >= rest + noise_k * sd
    # (rest: 0 for relative values, the measured resting level for absolute ones)
    noise_k: ClassVar[float | None] = None
    settle: ClassVar[float | None] = None   # see HysteresisCounter
    warmup: ClassVar[float] = 0.0   # seconds of rest a track must see before it may count
    rest_tau: ClassVar[float] = 0.4

    def __init__(self, exercise: Exercise, *, width: int, height: int, fps: float):
        self.exercise = exercise
        self.th: dict[str, float] = dict(exercise.camera.thresholds)
        self.width, self.height, self.fps = width, height, fps
        self.smoother = LandmarkSmoother(width, height)
        self.gate = VisibilityGate(
            self.required_parts,
            width=width,
            height=height,
            min_visibility=self.th.get("min_visibility", 0.5),
            side_parts=self.side_parts,
            side_min_visibility=self.th.get("side_min_visibility"),
            side_on_max=self.th.get("side_on_max_ratio")
            if exercise.camera.view == "side"
            else None,
            trunk_range=(self.th["posture_trunk_min_deg"], self.th["posture_trunk_max_deg"])
            if "posture_trunk_min_deg" in self.th
            else None,
        )
        self.sided = exercise.dosage.per_side or exercise.dosage.alternating
        sides = SIDES if self.sided else (BOTH,)
        self.tracks: dict[str, Track] = {s: Track(s, self.make_counter()) for s in sides}
        hold = exercise.dosage.hold_seconds
        self.hold_target: float | None = hold.min if hold else None
        self._reps: list[RepRecord] = []
        self._status = FrameStatus(t=0.0, metric=self.metric)
        self._last_cue: str | None = None
        self._last_t = 0.0
        self._active: str | None = None   # the side mid-rep (exclusive analyzers)
        self.frames = 0
        self.frames_with_person = 0
        self.visibility_warnings: list[VisibilityWarning] = self.gate.warnings
        # the most the counted value may wander at rest (its sd) for the coach to count
        self.jitter_max: float | None = self.th.get("rest_jitter_max")
        # the smoothed value's wander at rest per unit of frame-to-frame jitter: landmarks
        # smoothed by a low-pass filter of gain `a` a frame wander about 1 / (2 sqrt(a)) times
        # the jitter (more at higher frame rates, where the filter smooths harder)
        cutoff = getattr(getattr(self.smoother, "xy", None), "min_cutoff", 1.2)
        self._wander_per_jitter = 0.5 * math.sqrt(1.0 + max(fps, 1.0) / (2 * math.pi * cutoff))

    # -- what subclasses provide -----------------------------------------------------------
    def make_counter(self) -> Counter:
        enter, leave = self.thresholds()
        return HysteresisCounter(
            enter, leave, self.direction, abandon_gap=self.abandon_gap, settle=self.settle
        )

    def thresholds(self) -> tuple[float, float]:
        """(enter, leave) of the rep counter, from the catalogue thresholds."""
        raise NotImplementedError

    def measure_side(self, body: Body, side: str) -> tuple[float, dict[str, float]] | None:
        """The counted value for one track and any extra measurements (None: can't measure)."""
        raise NotImplementedError

    def judge(self, side: str, span: RepSpan, samples: list[Sample]) -> Verdict:
        """Judge a completed movement: count it or not, its peak, hold and faults."""
        return Verdict(peak=span.peak)

    # -- helpers for judging ---------------------------------------------------------------
    def base_of(self, side: str, span: RepSpan) -> float:
        """The resting level before a movement: near the low end of the second before it."""
        track = self.tracks[side]
        before = [x.value for x in track.window(max(span.start - 1.5, track.last_end), span.start)]
        if not before:
            return span.values[0]
        q = 10 if self.direction == "up" else 90
        return float(np.percentile(before, q))

    def timing(self, side: str, span: RepSpan) -> RampTiming | None:
        """When the way out ended and the way back began (see holds.ramp_timing)."""
        track = self.tracks[side]
        end = span.end if span.settled is None else max(span.end, span.settled)
        samples = track.window(max(span.start - LEAD_IN_S, track.last_end), end)
        return ramp_timing(
            [x.t for x in samples],
            [x.value for x in samples],
            base=self.base_of(side, span),
            direction=self.direction,
            within=(span.start, span.end),
        )

    def hold_faults(self, hold: float | None) -> list[str]:
        """short_hold when the exercise has a hold and this one fell short of it."""
        if self.hold_target is None or hold is None:
            return []
        if hold < self.hold_target - self.th.get("hold_slack_s", 1.0):
            return ["short_hold"]
        return []

    def fast_faults(self, out_seconds: float | None) -> list[str]:
        """too_fast when the movement out took less than the catalogue's fast_move_s."""
        limit = self.th.get("fast_move_s")
        if limit is None or out_seconds is None or "too_fast" not in self.exercise.camera.faults:
            return []
        return ["too_fast"] if out_seconds < limit else []

    def resting_feature(self, side: str, span: RepSpan, name: str) -> float:
        """A measurement's median over the second before the movement left rest."""
        track = self.tracks[side]
        before = self.feature(track.window(max(span.start - 1.0, track.last_end), span.start), name)
        before = before[np.isfinite(before)]
        return float(np.median(before)) if before.size else float("nan")

    @staticmethod
    def feature(samples: list[Sample], name: str) -> np.ndarray:
        return np.array([s.features.get(name, np.nan) for s in samples], dtype=float)

    def in_hold_band(self, side: str, value: float, features: dict[str, float]) -> bool:
        """Whether the live value is in the held position (for HoldProgress)."""
        return False

    def in_position(self, body: Body) -> bool:
        """Whether the body is in the exercise's starting position at all (else: not measured)."""
        return True

    def live_faults(self, side: str, value: float, features: dict[str, float]) -> list[str]:
        """Faults visible on this very frame, cued at once (e.g. trunk leaning)."""
        return []

    # -- the public interface --------------------------------------------------------------
    @property
    def reps(self) -> list[RepRecord]:
        return list(self._reps)

    @property
    def status(self) -> FrameStatus:
        return self._status

    def update(self, frame: PoseFrame) -> list[Event]:
        """Take one frame; return the events it causes."""
        t = float(frame.t)
        self._last_t = t
        self.frames += 1
        body: Body | None = None
        if frame.landmarks is not None and np.isfinite(frame.landmarks[:, :2]).any():
            self.frames_with_person += 1
            px, vis = self.smoother(t, frame.landmarks)
            z = frame.landmarks[:, 2]
            body = Body(t, px, vis, z, self.width, self.height)
            result = self.gate.check(t, px, vis)
            if result.ok and not self.in_position(body):
                result = GateResult(False, "wrong_position", result.sides)
        else:
            result = self.gate.check(t, None, None)
        shown = result
        if result.ok and any(track.unsteady for track in self.tracks.values()):
            # measured (to see when it steadies) but not counted: say why
            shown = GateResult(False, "unsteady", result.sides)
        events: list[Event] = list(self.gate.events(t, shown))
        value: float | None = None
        if result.ok and body is not None:
            events += self._measure(body, result)
            value = self._display_value
        else:
            for track in self.tracks.values():
                track.counter.update(t, None)
            if self._active and not self.tracks[self._active].counter.in_rep:
                self._active = None
        for track in self.tracks.values():
            if track.pending is not None and t - track.pending.end >= SETTLE_S:
                events += self._complete(track, t)
        self._status = self._make_status(t, shown, value)
        return events

    def finish(self, t: float) -> list[Event]:
        """The input has ended: a rep back at rest is judged; one still in progress is not
        counted."""
        events: list[Event] = []
        for track in self.tracks.values():
            if track.pending is not None:
                events += self._complete(track, t)
            if track.counter.in_rep:
                log.info("rep in progress on %s at the end of the input: not counted", track.side)
            track.counter.reset(armed=False)
        self._active = None
        return events

    # -- machinery -------------------------------------------------------------------------
    _display_value: float | None = None

    def _measure(self, body: Body, gate: GateResult) -> list[Event]:
        t = body.t
        events: list[Event] = []
        measured: dict[str, tuple[float, dict[str, float]]] = {}
        raw: dict[str, float] = {}    # the counted values before any smoothing of their own
        for side, track in self.tracks.items():
            m = None
            if (side == BOTH or gate.sides.get(side, False)) and self._seen_as_usual(track, body):
                m = self.measure_side(body, side)
            if m is None or not math.isfinite(m[0]):
                track.counter.update(t, None)
                continue
            if self.relative:
                m = (self._relative(track, t, m[0], body, side), m[1])
            raw[side] = m[0]
            if self.value_tau > 0 and self.fps >= MIN_FPS_TO_SMOOTH:
                m = (track.smooth_value(t, m[0], self.value_tau, self.abandon_gap), m[1])
            measured[side] = m
            track.history.append(Sample(t, m[0], m[1]))
        for side, (value, feats) in measured.items():
            track = self.tracks[side]
            # another side mid-rep: this one may not commit a rep until that one is over,
            # unless (for values counted from where the limb rests, which can drift past
            # their threshold) it clearly moves more
            blocked = self.exclusive and self._active not in (None, side)
            if blocked and self.relative and self._overtakes(value, self._active):
                assert self._active is not None
                log.debug("%s moves more than %s: that one was no rep", side, self._active)
                self.tracks[self._active].counter.reset(armed=True)
                self._active = None
                blocked = False
            was = track.counter.phase
            span = track.counter.update(t, value, allow_enter=not blocked)
            if was == "rest" and track.counter.phase != "rest":
                track.left_rest = t
            if track.pending is not None and (span is not None or track.counter.in_rep):
                if span is None and self._resumed(track):
                    # back past rest for a moment only, then on: still the same rep
                    assert isinstance(track.counter, HysteresisCounter)
                    track.counter.resume(track.pending)
                    track.pending = None
                else:
                    # the next movement is under way: judge on the samples before it began
                    events += self._complete(track, min(t, track.left_rest))
            if span is not None:
                track.pending = span
            if self.noise_k is not None and self.relative and not track.counter.in_rep:
                self._adapt_to_noise(track, t, value)
            elif (self.noise_k is not None or self.jitter_max is not None) and not self.relative:
                self._follow_jitter(track, t, value, raw[side])
            if not track.counter.in_rep:
                last = track.rest_seen_t
                if last is not None and t - last > self.abandon_gap:
                    track.rest_seen = 0.0      # after a long gap, learn the rest again
                elif last is not None:
                    track.rest_seen += t - last
                track.rest_seen_t = t
                if track.rest_seen < self.warmup or track.unsteady:
                    track.counter.armed = False
            if track.counter.phase == "rest":
                track.follow_rest(t, value, self.rest_tau)
            elif was == "rest":
                track.rep_base = track.rest_level
            if track.counter.in_rep:
                self._active = side
                events += self._during_rep(track, t, value, feats)
            elif self._active == side:
                self._active = None
        shown = self._active or (max(measured, key=self._movement) if measured else None)
        self._display_value = measured[shown][0] if shown in measured else None
        self._display_side = shown if shown != BOTH else None
        return events

    def _seen_as_usual(self, track: Track, body: Body) -> bool:
        """Whether the track's limbs are seen about as well as they usually are.

        A limb the pose model suddenly sees much worse than usual (its visibility falls below
        VISIBILITY_DROP of its running level: something in the way, bad light) is not
        measured, though its visibility may still pass the gate's fixed floor, which must be
        low enough for a far limb that is always half hidden. A track of both limbs needs
        both as usual (its value mixes them).
        """
        ok = True
        for s in SIDES if track.side == BOTH else (track.side,):
            vis = body.v(s, *self.side_parts)
            usual = track.usual_visibility.get(s)
            last = track.usual_visibility_t
            if usual is None or last is None or body.t - last > 10.0:
                track.usual_visibility[s] = vis
                continue
            a = 1.0 - math.exp(-max(body.t - last, 0.0) / VISIBILITY_TAU_S)
            track.usual_visibility[s] = usual + a * (vis - usual)
            ok = ok and vis >= VISIBILITY_DROP * usual
        track.usual_visibility_t = body.t
        return ok

    def _overtakes(self, value: float, active: str | None) -> bool:
        """Whether a side's value has gone well past how far the side mid-rep has got in its
        movement (OVERTAKE times as far from rest) and past its own threshold to count."""
        if active is None:
            return False
        counter = self.tracks[active].counter
        sign = 1.0 if self.direction == "up" else -1.0
        if isinstance(counter, HysteresisCounter):
            far = counter.furthest()        # kept up to date: this runs every frame
            if far is None:
                return False
        else:
            _, values = counter.samples()
            if not values:
                return False
            far = sign * max(sign * v for v in values)
        enter, leave = self.thresholds()
        rest = 0.0 if self.relative else sign * leave
        theirs = sign * far - rest
        return sign * value > sign * enter and sign * value - rest > OVERTAKE * max(theirs, 1e-9)

    def _adapt_to_noise(self, track: Track, t: float, value: float) -> None:
        """Keep the counting thresholds clear of how far the value wanders at rest.

        Used by analyzers that count from a resting baseline: the value at rest should be
        near 0, so its root mean square over the last few seconds of rest measures the
        wander (a hidden foot guessed by the pose model wanders a lot, a seen one little).
        """
        assert self.noise_k is not None
        counter = track.counter
        if isinstance(counter, HysteresisCounter) and abs(value) >= abs(counter.enter):
            return      # a movement (or one held back while another limb moves): not noise
        dev = value * value
        if track.noise_t is None or t - track.noise_t > 10.0:
            track.noise_var, track.noise_n = dev, 1
        else:       # over about 5 seconds
            track.noise_var, track.noise_n = running_mean(
                track.noise_var, track.noise_n, dev, t - track.noise_t, 5.0)
        track.noise_t = t
        self._clear_of_noise(track, math.sqrt(track.noise_var))

    def _clear_of_noise(self, track: Track, sd: float) -> None:
        """At rest, put the counting thresholds at least noise_k times the wander `sd` from
        rest (the way out; half that on the way back)."""
        assert self.noise_k is not None
        counter = track.counter
        if not (isinstance(counter, HysteresisCounter) and counter.phase == "rest"):
            return
        enter, leave = self.thresholds()
        sign = 1.0 if self.direction == "up" else -1.0
        floor = self.noise_k * sd
        counter.enter = sign * max(sign * enter, floor)
        counter.leave = sign * max(sign * leave, 0.5 * floor)

    def _follow_jitter(self, track: Track, t: float, value: float, raw: float) -> None:
        """Measure how much an absolute value jitters; keep the counting threshold clear of
        it, and stop counting when it jitters too much to count at all.

        A body small in the picture, or poorly lit, gives landmarks that jitter by a few
        pixels on segments a few dozen pixels long: the angle between them jumps by degrees
        from frame to frame though the limb is still. The jitter is the root mean square of
        how far each sample lies off the line through the two before it (a steady movement
        lies on it, noise does not), over the last few seconds out of a rep; a sample far off
        counts as JITTER_CLIP times the estimate. It is taken on `raw`, the value before any
        smoothing of its own (`value_tau`), which would hide it. The smoothed value wanders about
        `_wander_per_jitter` times that at rest. With `noise_k`, the enter threshold keeps
        noise_k times the wander from the resting level; leave stays where the catalogue has
        it, so the hysteresis band only widens (a slow movement jittering across a narrow
        band would count twice). A wander above the catalogue's `rest_jitter_max` makes the
        track unsteady: still measured, not counted, and the gate's "unsteady" message asks
        the person to come closer or add light.
        """
        counter = track.counter
        before = track.jitter_raw
        track.jitter_raw = (before[1], (t, raw))
        if counter.in_rep:
            return
        (t2, v2), (t1, v1) = before
        step = 1.5 / self.fps if self.fps > 0 else JITTER_MAX_STEP_S
        if t - t1 <= step and 0 < t1 - t2 <= step:
            r = raw - v1 - (v1 - v2) * (t - t1) / (t1 - t2)
            dev = r * r
            if track.jitter_n >= 10:
                dev = min(dev, JITTER_CLIP * JITTER_CLIP * track.jitter_var)
            track.jitter_var, track.jitter_n = running_mean(
                track.jitter_var, track.jitter_n, dev, t - t1, JITTER_TAU_S)
        wander = math.sqrt(track.jitter_var) * self._wander_per_jitter
        sign = 1.0 if self.direction == "up" else -1.0
        center = track.jitter_center
        if counter.phase == "rest":
            # the resting level follows slowly, and not a value heading out for a movement
            if center is None:
                track.jitter_center = value
            elif sign * (value - center) < 2.0 * wander:
                a = 1.0 - math.exp(-(t - track.jitter_t_center) / JITTER_CENTER_TAU_S)
                track.jitter_center = center + a * (value - center)
            track.jitter_t_center = t
        if track.jitter_center is None or track.jitter_n < 3:
            return
        if self.jitter_max is not None and track.jitter_n >= JITTER_JUDGE_N:
            limit = self.jitter_max * (JITTER_CLEAR if track.unsteady else 1.0)
            if (wander > limit) != track.unsteady:
                log.info("%s: wander %.2f at rest, %s counting", track.side, wander,
                         "resumes" if track.unsteady else "stops")
            track.unsteady = wander > limit
        if self.noise_k is not None and isinstance(counter, HysteresisCounter) and (
            counter.phase == "rest"
        ):
            enter, leave = self.thresholds()
            rest = min(sign * track.jitter_center, sign * leave)   # never past the catalogue's
            counter.enter = sign * max(sign * enter, rest + self.noise_k * wander)

    def _relative(self, track: Track, t: float, raw: float, body: Body, side: str) -> float:
        """raw minus its resting baseline, over the analyzer's scale.

        The resting position is the furthest the value goes away from the movement (a foot
        on the floor, a leg lying on it, knees straight): the baseline follows a value beyond
        it within a fraction of a second, but one towards the movement only slowly and never
        during a rep, so a slow start of a movement is not taken for the new resting position.
        """
        last = track.baseline_t
        rest_side = -1.0 if self.direction == "up" else 1.0   # where the resting value lies
        scale = self.relative_scale(body, side)
        track.recent.append((t, raw))
        while track.recent and track.recent[0][0] < t - 0.6:
            track.recent.popleft()
        if track.baseline is None or last is None or t - last > 3.0:
            track.baseline = raw
        else:
            dt = max(t - last, 0.0)
            if (raw - track.baseline) * rest_side > 0:
                tau = 0.3
            elif track.counter.in_rep:
                tau = math.inf
            else:
                # out of a rep and holding still: this is where the limb rests now (a foot
                # put down a little off its old place); otherwise follow only slowly
                values = [r for _, r in track.recent]
                _, leave = self.thresholds()
                still = (
                    len(values) >= 3
                    and track.recent[-1][0] - track.recent[0][0] >= 0.4
                    and (max(values) - min(values)) / scale < abs(leave) / 2
                )
                tau = 0.5 if still else self.baseline_tau
            track.baseline += (1.0 - math.exp(-dt / tau)) * (raw - track.baseline)
        track.baseline_t = t
        return (raw - track.baseline) / scale

    def relative_scale(self, body: Body, side: str) -> float:
        """What a relative value is divided by (e.g. the shank's length in pixels)."""
        return 1.0

    def _movement(self, side: str) -> float:
        hist = self.tracks[side].history
        if len(hist) < 2:
            return 0.0
        return abs(hist[-1].value - hist[0].value)

    def _during_rep(self, track: Track, t: float, value: float, feats: dict[str, float]):
        events: list[Event] = []
        side = None if track.side == BOTH else track.side
        for fault in self.live_faults(track.side, value, feats):
            if fault not in track.faults_cued:
                track.faults_cued.add(fault)
                events.append(self._cue(t, fault, side))
        if self.hold_target is not None:
            elapsed = track.hold.update(t, self.in_hold_band(track.side, value, feats))
            if elapsed > 0 and (
                elapsed - track.last_hold_report >= 1.0 or track.last_hold_report == 0.0
            ):
                track.last_hold_report = elapsed
                events.append(
                    HoldProgress(t=t, side=side, elapsed=round(elapsed, 2), target=self.hold_target)
                )
        return events

    def _resumed(self, track: Track) -> bool:
        """Whether the pending movement went on after coming back past rest only briefly
        (within the catalogue's `resume_within_s`) and without getting even halfway from the
        rest threshold back to where the limb rests: a pose-model glitch or a hesitation in
        one slow movement, not two reps."""
        span, within = track.pending, self.th.get("resume_within_s", 0.0)
        counter = track.counter
        if span is None or not within or not isinstance(counter, HysteresisCounter):
            return False
        if track.left_rest - span.end > within:
            return False
        between = [x.value for x in track.window(span.end, track.left_rest)]
        if not between:
            return False
        sign = 1.0 if self.direction == "up" else -1.0
        leave = sign * counter.leave
        depth = leave - sign * self.base_of(track.side, span)     # rest threshold -> rest
        came_back = leave - min(sign * v for v in between)
        return depth > 0 and came_back < RESUME_FRACTION * depth

    def _complete(self, track: Track, now: float) -> list[Event]:
        """Judge the track's pending movement with the samples seen up to `now`."""
        span = track.pending
        assert span is not None
        track.pending = None
        now = max(now, span.end)
        span.settled = now
        samples = track.window(span.start, span.end)
        verdict = self.judge(track.side, span, samples)
        track.last_end = span.end
        cued = set(track.faults_cued)
        track.faults_cued.clear()
        track.hold.reset()
        track.last_hold_report = 0.0
        if not verdict.count:
            return []
        side = None if track.side == BOTH else track.side
        start = verdict.start if verdict.start is not None else span.start
        # a fitted end beyond the last sample seen is a guess: the rep ended by `now`
        end = min(verdict.end, now) if verdict.end is not None else span.end
        rep = RepRecord(
            index=len(self._reps) + 1,
            side=side,
            start=round(start, 3),
            end=round(end, 3),
            peak_angle=None if verdict.peak is None else _round_peak(verdict.peak),
            hold_seconds=None
            if verdict.hold_seconds is None
            else round(float(verdict.hold_seconds), 2),
            tempo_seconds=round(end - start, 3),
            faults=tuple(verdict.faults),
            metric=self.metric,
        )
        self._reps.append(rep)
        events: list[Event] = [self._cue(now, f, side) for f in verdict.faults if f not in cued]
        events.append(RepCompleted(t=now, rep=rep))
        return events

    def _cue(self, t: float, fault: str, side: str | None) -> FormCue:
        cam = self.exercise.camera
        text = cam.faults.get(fault) or cam.cues.get(fault) or fault
        self._last_cue = text
        return FormCue(t=t, cue=fault, text=text, side=side)

    def _make_status(self, t: float, gate: GateResult, value: float | None) -> FrameStatus:
        track = self.tracks.get(self._active) if self._active else None
        hold = track.hold.elapsed if track is not None and self.hold_target else None
        phase = "rep" if track is not None else ("idle" if gate.ok else "hidden")
        return FrameStatus(
            t=t,
            metric=self.metric,
            value=None if value is None else round(float(value), 1),
            phase=phase,
            count=len(self._reps),
            side=getattr(self, "_display_side", None),
            hold_elapsed=None if hold is None else round(hold, 2),
            cue=self._last_cue,
            visible=gate.ok,
        )

    def count_by_side(self) -> dict[str, int]:
        if not self.sided:
            return {BOTH: len(self._reps)}
        out = {s: 0 for s in SIDES}
        for rep in self._reps:
            if rep.side in out:
                out[rep.side] += 1
        return out


def is_standing(body: Body) -> bool:
    """Standing (not sitting or lying): straight knees under the hips, thighs long and upright.

    Seen from the front, a sitting person's thighs point at the camera and look much shorter
    than the shins; a standing person's are about as long.
    """
    return all(_leg_stands(body, side) for side in SIDES)


def _leg_stands(body: Body, side: str) -> bool:
    """A straight leg under its hip, its thigh long and upright in the picture."""
    (hx, hy), (kx, ky) = body.xy(side, "hip"), body.xy(side, "knee")
    ax, ay = body.xy(side, "ankle")
    thigh = math.hypot(kx - hx, ky - hy)
    shank = math.hypot(ax - kx, ay - ky)
    upright = abs(kx - hx) < 0.35 * max(thigh, 1e-6) and ky > hy
    straight = body.angle(side, "hip", "knee", "ankle") > 150
    return upright and straight and thigh > 0.8 * shank


def is_lying(body: Body) -> bool:
    """Lying down (not kneeling or sitting): neither knee hangs well below its hip.

    On hands and knees, or sitting, each knee sits about a thigh's length below the hip in the
    image; lying on the back, both are near the hip's height (or above it, knee bent up).
    """
    for side in SIDES:
        hip, knee = body.p(side, "hip"), body.p(side, "knee")
        thigh = float(np.hypot(*(knee - hip)))
        if knee[1] - hip[1] > 0.5 * max(thigh, 1e-6):
            return False
    return True


def both_sides(body: Body, parts: tuple[str, ...], fn) -> float:
    """A measurement taken on both sides, averaged with the better-seen side weighing more."""
    vals, weights = [], []
    for side in SIDES:
        v = fn(side)
        w = body.v(side, *parts)
        if math.isfinite(v) and w > 0.05:
            vals.append(v)
            weights.append(w * w)
    if not vals:
        return float("nan")
    return sum(v * w for v, w in zip(vals, weights, strict=True)) / sum(weights)


def _round_peak(x: float) -> float:
    """Angles to 0.1 degree; fractions (a lift as a share of the shank) to 0.001."""
    return round(float(x), 1 if abs(x) >= 5 else 3)
