"""Rep counting with hysteresis and live hold timing on frame timestamps.

A rep is a full out-and-back cycle of one measured value (an angle, a height): it begins when
the value leaves its resting side of the `leave` threshold, is committed once it passes `enter`,
and ends when it comes back past `leave`. Because enter and leave differ, jitter around either
threshold can never count twice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from backcoach.motion.window import SlidingMedian, running_mean

Direction = Literal["up", "down"]


@dataclass
class RepSpan:
    """The samples of one completed movement, from leaving rest to coming back."""

    start: float
    end: float
    times: list[float] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    direction: Direction = "up"
    swings: list[tuple[float, float, float, float]] = field(default_factory=list)
    settled: float | None = None    # samples after `end` up to this time may be used in judging

    @property
    def tempo(self) -> float:
        return self.end - self.start

    @property
    def peak(self) -> float:
        """The extreme value reached (max for "up", min for "down")."""
        v = np.asarray(self.values, dtype=float)
        v = v[np.isfinite(v)]
        if v.size == 0:
            return float("nan")
        return float(v.max() if self.direction == "up" else v.min())

    def peak_time(self) -> float:
        v = np.asarray(self.values, dtype=float)
        v = np.where(np.isfinite(v), v, -np.inf if self.direction == "up" else np.inf)
        i = int(np.argmax(v) if self.direction == "up" else np.argmin(v))
        return self.times[i]


class HysteresisCounter:
    """Counts out-and-back cycles of one value.

    direction "up": a rep enters when the value rises above `enter` and ends when it falls below
    `leave` (leave < enter). direction "down" is the mirror image (leave > enter).

    The counter is only armed once it has seen the value at rest, so a movement already under
    way when it starts watching (or after a long gap) is not counted. A gap in the samples
    longer than `abandon_gap` seconds abandons a rep in progress.
    """

    def __init__(
        self,
        enter: float,
        leave: float,
        direction: Direction = "up",
        *,
        abandon_gap: float = 1.0,
        min_duration: float = 0.0,
        settle: float | None = None,
    ):
        if direction == "up" and not leave < enter:
            raise ValueError("for an upward rep, leave must be below enter")
        if direction == "down" and not leave > enter:
            raise ValueError("for a downward rep, leave must be above enter")
        self.enter = enter
        self.leave = leave
        self.direction: Direction = direction
        self.abandon_gap = abandon_gap
        self.min_duration = min_duration
        self.settle = settle
        self.reset(armed=False)

    def reset(self, *, armed: bool = False) -> None:
        self.phase: Literal["rest", "moving", "active"] = "rest"
        self.armed = armed
        self._last_t: float | None = None
        self._rest_t: float | None = None
        self._times: list[float] = []
        self._values: list[float] = []
        self.abandoned = 0
        self._passed = False
        self.last_partial: RepSpan | None = None   # a movement that went out and back short
        self._far: tuple[list[float], int, float] = ([], 0, -math.inf)   # see _furthest

    def _past(self, value: float, threshold: float) -> bool:
        return value > threshold if self.direction == "up" else value < threshold

    def at_rest(self, value: float) -> bool:
        return not self._past(value, self.leave)

    def update(
        self, t: float, value: float | None, *, allow_enter: bool = True
    ) -> RepSpan | None:
        """Feed one sample (None or nan when unmeasurable); returns a RepSpan when a rep ends.

        allow_enter=False keeps a movement from being committed on this sample (another limb
        is mid-rep); it may still be committed on a later one.
        """
        if value is None or not math.isfinite(value):
            if self._last_t is not None and t - self._last_t > self.abandon_gap:
                self._abandon()
            return None
        if self._last_t is not None and t - self._last_t > self.abandon_gap:
            self._abandon()
        self._last_t = t
        if self.at_rest(value):
            if self.phase == "active" and self.armed:
                span = self._close(t, value)
                self.phase = "rest"
                self._rest_t = t
                return span
            if self.phase == "moving" and self.armed and len(self._times) > 1:
                self._times.append(t)
                self._values.append(value)
                self.last_partial = RepSpan(
                    self._times[0], t, list(self._times), list(self._values), self.direction
                )
            self.phase = "rest"
            self.armed = True
            self._rest_t = t
            self._times, self._values = [t], [value]
            return None
        # out of rest
        if self.phase == "rest":
            self.phase = "moving"
            self._passed = False
            self._times = [self._rest_t] if self._rest_t is not None else []
            self._values = self._values[-1:] if self._rest_t is not None else []
        self._times.append(t)
        self._values.append(value)
        if self.phase == "moving" and self._past(value, self.enter):
            self._passed = True
        if self.phase == "moving" and self._passed and allow_enter and self.armed:
            self.phase = "active"
        if self.phase == "active" and self.settle is not None and self._settled(t):
            span = self._close(t, value)
            self.phase = "rest"
            self._rest_t = t
            self._times, self._values = [t], [value]
            return span
        return None

    def resume(self, span: RepSpan) -> None:
        """Make the movement in progress a continuation of `span`, an earlier one that came
        back past rest only for a moment: when it ends, the rep runs from span's start."""
        if self.phase == "rest":
            return
        self._times = list(span.times) + self._times
        self._values = list(span.values) + self._values

    def _settled(self, t: float) -> bool:
        """Back near rest and still for `settle` seconds (a limb put down a little off its
        old resting place): the rep is over even though `leave` was not crossed."""
        assert self.settle is not None
        sign = 1.0 if self.direction == "up" else -1.0
        peak, leave = self._furthest(), self.leave * sign
        span = peak - leave
        if span <= 0 or sign * self._values[-1] > leave + 0.3 * span:
            return False
        if self._times[0] > t - self.settle:
            return False
        recent = []
        for ti, v in zip(reversed(self._times), reversed(self._values), strict=True):
            if ti < t - self.settle:
                break
            recent.append(sign * v)
        if len(recent) < 3:
            return False
        return max(recent) - min(recent) < 0.1 * span

    def _close(self, t: float, value: float) -> RepSpan | None:
        self._times.append(t)
        self._values.append(value)
        start = self._times[0]
        span = RepSpan(start, t, list(self._times), list(self._values), self.direction)
        if span.tempo < self.min_duration:
            return None
        return span

    def _abandon(self) -> None:
        if self.phase == "active":
            self.abandoned += 1
        self.phase = "rest"
        self.armed = False
        self._times, self._values = [], []
        self._rest_t = None

    @property
    def in_rep(self) -> bool:
        return self.phase == "active"

    def samples(self) -> tuple[list[float], list[float]]:
        """Times and values of the movement in progress (empty at rest)."""
        if self.phase == "rest":
            return [], []
        return list(self._times), list(self._values)

    def furthest(self) -> float | None:
        """How far the movement in progress has gone (its highest value for an upward rep,
        lowest for a downward one); None at rest."""
        if self.phase == "rest" or not self._values:
            return None
        sign = 1.0 if self.direction == "up" else -1.0
        return sign * self._furthest()

    def _furthest(self) -> float:
        """The largest of sign * value over the samples so far, kept up to date as they
        come in (read every frame, it must not go through them all each time)."""
        values = self._values
        seen, n, best = self._far
        if seen is not values or n > len(values):
            n, best = 0, -math.inf
        sign = 1.0 if self.direction == "up" else -1.0
        for v in values[n:]:
            best = max(best, sign * v)
        self._far = (values, len(values), best)
        return best


class HoldTimer:
    """Times how long a value stays in its band, on frame timestamps.

    Dips out of the band shorter than `grace` seconds do not end the hold (jitter); a step
    between samples longer than `max_step` seconds (a gap with nothing seen) is not counted.
    """

    def __init__(self, grace: float = 0.3, max_step: float = 0.5):
        self.grace = grace
        self.max_step = max_step
        self.reset()

    def reset(self) -> None:
        self.elapsed = 0.0
        self.best = 0.0
        self._last_in: float | None = None
        self._last_t: float | None = None
        self._out_since: float | None = None

    def update(self, t: float, in_band: bool) -> float:
        """Feed one sample; returns the current hold's elapsed seconds."""
        if in_band:
            if self._last_in is not None and t - self._last_in <= max(self.grace, self.max_step):
                self.elapsed += t - self._last_in
            elif self._last_in is not None:
                self.elapsed = 0.0
            self._last_in = t
            self._out_since = None
        else:
            if self._out_since is None:
                self._out_since = t
            if self._last_in is not None and t - self._last_in > self.grace:
                self.elapsed = 0.0
                self._last_in = None
        self.best = max(self.best, self.elapsed)
        self._last_t = t
        return self.elapsed


class SwingCounter:
    """Counts pumps (e.g. ankle pumps): a swing to one side of the middle, then to the other.

    The middle is where the value sits on average (its median over the last `window` seconds),
    so a slow drift or a differently set resting angle moves it along. A rep starts
    when the value goes further than `reach` from the middle on one side, becomes active once
    it goes further than `reach` on the other side, and is over when it turns back from that
    second extreme by `reach` (or has stayed put for `settle` seconds). Pumping on without a
    pause or stopping in the middle between pumps both count one rep per pump, and jitter
    smaller than 2 x `reach` from peak to peak never counts. The same interface as
    HysteresisCounter; the span's `swings` holds the two extremes (t, v, t, v).

    With noise_k > 0 the reach grows with the value's own frame-to-frame noise (its `noise`,
    an estimate of its standard deviation from how far each sample at rest lies off the line
    through its neighbours, over about `noise_tau` seconds): reach >= noise_k x noise, so a
    jittery value (a short segment seen small, or few frames a second, too few to smooth)
    needs a bigger swing, and a jitter spike cannot pass for half a pump.
    """

    def __init__(
        self,
        reach: float,
        *,
        abandon_gap: float = 1.0,
        settle: float = 0.8,
        window: float = 8.0,
        noise_k: float = 0.0,
        noise_tau: float = 5.0,
    ):
        self.reach = reach
        self.abandon_gap = abandon_gap
        self.settle = settle
        self.window = window
        self.noise_k = noise_k
        self.noise_tau = noise_tau
        self.direction: Direction = "up"
        self.reset()

    def reset(self, *, armed: bool = False) -> None:
        self.armed = True
        self.phase: Literal["rest", "moving", "active"] = "rest"
        self._last_t: float | None = None
        self._recent = SlidingMedian()                   # (t, v) over the window
        self._first_side = 0                             # -1 below, +1 above the middle
        self._ext_a: tuple[float, float] | None = None   # extreme on the first side
        self._ext_b: tuple[float, float] | None = None   # extreme on the second side
        self._start: float | None = None
        self._rest_t: float | None = None
        self._blocked = 0       # the side a finished pump ended on, until the value leaves it
        self._mid_since: float | None = None   # back in the middle since (mid-pump)
        self._times: list[float] = []
        self._values: list[float] = []
        self._noise_var: float | None = None   # per-sample noise variance (rest samples)
        self._noise_n = 0
        self.abandoned = 0
        self.last_partial: RepSpan | None = None

    def at_rest(self, value: float) -> bool:
        return self.phase == "rest"

    @property
    def in_rep(self) -> bool:
        return self.phase == "active"

    @property
    def middle(self) -> float | None:
        """The median of the recent values, once they span half a second."""
        if len(self._recent) < 3 or self._recent.span() < 0.5:
            return None
        return self._recent.median()

    @property
    def noise(self) -> float:
        """The value's frame-to-frame noise (standard deviation) seen at rest; 0 unknown.
        Learnt from few samples so far, it is taken larger, as it may well be."""
        if self._noise_var is None:
            return 0.0
        return math.sqrt(self._noise_var) * (1.0 + 1.0 / math.sqrt(self._noise_n))

    @property
    def reach_now(self) -> float:
        """The reach in force: `reach`, or more for a noisy value."""
        return max(self.reach, self.noise_k * self.noise)

    def samples(self) -> tuple[list[float], list[float]]:
        return list(self._times), list(self._values)

    def _drop(self) -> None:
        if self.phase == "active":
            self.abandoned += 1
        self._mid_since = None
        self.phase = "rest"
        self._first_side = 0
        self._ext_a = self._ext_b = None
        self._times, self._values = [], []

    def _learn_noise(self, t: float, value: float) -> None:
        """Update the noise estimate from the last sample at rest and its two neighbours."""
        if len(self._recent) < 2:
            return
        (t0, v0), (t1, v1) = self._recent.items[-2], self._recent.items[-1]
        if not t0 < t1 < t or t - t0 > 3.0 * (t1 - t0) + 1e-9 or t - t0 > self.abandon_gap:
            return      # a dropped frame or a gap: the neighbours are too far apart
        w = (t1 - t0) / (t - t0)
        r2 = (v1 - (v0 + w * (value - v0))) ** 2 / (1.0 + (1.0 - w) ** 2 + w * w)
        if self._noise_var is None:
            self._noise_var, self._noise_n = r2, 1
            return
        # one wild sample (the value moving off, a glitch) is clipped to a few times the
        # noise so far
        r2 = min(r2, 9.0 * self._noise_var + 1e-3)
        self._noise_var, self._noise_n = running_mean(
            self._noise_var, self._noise_n, r2, t - t1, self.noise_tau)

    def update(
        self, t: float, value: float | None, *, allow_enter: bool = True
    ) -> RepSpan | None:
        if self._last_t is not None and t - self._last_t > self.abandon_gap:
            # unseen for a while: the middle is learnt afresh, and no pump starts until the
            # value has been seen there (it may come back mid-swing)
            self._drop()
            self._recent.clear()
            self._rest_t = None
            self.armed = False
        if value is None or not math.isfinite(value):
            return None
        self._last_t = t
        middle = self.middle
        if self.phase == "rest" and not self._blocked and self.noise_k > 0:
            self._learn_noise(t, value)
        self._recent.add(t, value)
        self._recent.drop_before(t - self.window)
        if middle is None:
            return None
        reach = self.reach_now
        side = 1 if value > middle + reach else -1 if value < middle - reach else 0
        if self.phase == "rest":
            if side != self._blocked:
                self._blocked = 0
            if side == 0 or side == self._blocked:
                self._rest_t = t
                self.armed = self.armed or side == 0
                return None
            if not self.armed:
                return None
            self.phase = "moving"
            self._first_side = side
            self._mid_since = None
            self._ext_a = (t, value)
            self._start = self._rest_t if self._rest_t is not None else t
            self._times, self._values = [self._start, t], [middle, value]
            return None
        self._times.append(t)
        self._values.append(value)
        further = (lambda v, e: v > e) if self._first_side > 0 else (lambda v, e: v < e)
        if self.phase == "moving":
            assert self._ext_a is not None
            if further(value, self._ext_a[1]):
                self._ext_a = (t, value)
            if side == -self._first_side and allow_enter:
                self.phase = "active"
                self._ext_b = (t, value)
            elif side == 0 and self._mid_since is not None and t - self._mid_since > self.settle:
                self._drop()      # went out and came back to rest in the middle: no pump
            if side == 0:
                self._mid_since = t if self._mid_since is None else self._mid_since
            else:
                self._mid_since = None
            return None
        # active: follow the second extreme until the value turns back from it
        assert self._ext_a is not None and self._ext_b is not None
        if further(self._ext_b[1], value):        # beyond the second extreme: it moves on
            self._ext_b = (t, value)
            return None
        turned = abs(value - self._ext_b[1]) >= reach
        still = t - self._ext_b[0] >= self.settle
        if not (turned or still):
            return None
        assert self._start is not None
        span = RepSpan(
            self._start, t, list(self._times), list(self._values), "up",
            swings=[(self._ext_a[0], self._ext_a[1], self._ext_b[0], self._ext_b[1])],
        )
        # the way back from the second side is not the start of another pump
        self._blocked = -self._first_side
        self.phase = "rest"
        self._first_side = 0
        self._ext_a = self._ext_b = None
        self._rest_t = t
        self._times, self._values = [], []
        return span
