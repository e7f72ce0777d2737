"""Rep counting with hysteresis, hold timing on frame timestamps, and tempo.

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

    def _settled(self, t: float) -> bool:
        """Back near rest and still for `settle` seconds (a limb put down a little off its
        old resting place): the rep is over even though `leave` was not crossed."""
        assert self.settle is not None
        sign = 1.0 if self.direction == "up" else -1.0
        vals = np.asarray(self._values) * sign
        peak, leave = float(vals.max()), self.leave * sign
        span = peak - leave
        if span <= 0 or vals[-1] > leave + 0.3 * span:
            return False
        recent = [v for ti, v in zip(self._times, vals, strict=True) if ti >= t - self.settle]
        if self._times[0] > t - self.settle or len(recent) < 3:
            return False
        return float(max(recent) - min(recent)) < 0.1 * span

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


def plateau_seconds(
    times: list[float] | np.ndarray,
    values: list[float] | np.ndarray,
    *,
    direction: Direction,
    tolerance: float,
    grace: float = 0.3,
) -> float:
    """The longest time a value stays within `tolerance` of its extreme (the held position).

    The extreme is taken robustly (the median of the samples nearest it), so one stray sample
    does not set the level. Dips shorter than `grace` seconds are bridged.
    """
    t = np.asarray(times, dtype=float)
    v = np.asarray(values, dtype=float)
    ok = np.isfinite(v)
    t, v = t[ok], v[ok]
    if v.size < 2:
        return 0.0
    s = v if direction == "up" else -v
    top = np.sort(s)[-max(1, s.size // 10):]
    level = float(np.median(top))
    near = s >= level - tolerance
    timer = HoldTimer(grace=grace, max_step=1.0)
    for ti, ni in zip(t, near, strict=True):
        timer.update(float(ti), bool(ni))
    return timer.best


def plateau_level(values: list[float] | np.ndarray, direction: Direction) -> float:
    """The held level of a movement: the median of the tenth of samples nearest the extreme."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if v.size == 0:
        return float("nan")
    s = np.sort(v if direction == "up" else -v)
    top = s[-max(1, s.size // 10):]
    level = float(np.median(top))
    return level if direction == "up" else -level


# Human movements between two rest positions follow a minimum-jerk profile closely
# (Flash and Hogan, 1985): s(u) = 10u^3 - 15u^4 + 6u^5 of the way after a fraction u of the
# move's time. Inverting it turns each sample of a move into "how far through the move", which
# lies on a straight line in time: fitting that line times the move from all its samples.
_U = np.linspace(0.0, 1.0, 2001)
_S = _U**3 * (10.0 + _U * (-15.0 + 6.0 * _U))
_BAND = (0.2, 0.9)   # below: at rest; above: at the held position


@dataclass(frozen=True)
class RampTiming:
    """When a rep's way out ended and its way back began, and how long each took."""

    out_seconds: float      # duration of the movement out (rest -> held position)
    back_seconds: float     # duration of the movement back
    hold_seconds: float     # time at the held position between them
    level: float            # the held level
    base: float             # the resting level
    start: float            # when the movement out began
    end: float              # when the movement back ended


def _mj(u: np.ndarray) -> np.ndarray:
    u = np.clip(u, 0.0, 1.0)
    return u * u * u * (10.0 + u * (-15.0 + 6.0 * u))


def _fit_move(t: np.ndarray, frac: np.ndarray, rising: bool) -> tuple[float, float] | None:
    """(start, end) of one move: the minimum-jerk move that best fits the samples.

    t, frac: the samples from rest to the held position (or back), frac being how far along
    (0 at rest, 1 held). A least-squares search over the move's middle and duration uses every
    sample, so sway while holding or jitter shifts the answer little.
    """
    if t.size < 3:
        return None
    target = frac if rising else 1.0 - frac
    above = np.nonzero(target >= 0.5)[0]
    if above.size == 0:
        return None
    i = int(above[0])
    mid0 = float(t[i]) if i == 0 else float(t[i - 1] + t[i]) / 2.0
    best = (math.inf, mid0, 0.0)
    durations = np.geomspace(0.1, 8.0, 48)
    centres = mid0 + np.linspace(-1.5, 1.5, 61)
    for _ in range(2):
        for dur in durations:
            pred = _mj((t[None, :] - (centres[:, None] - dur / 2.0)) / dur)
            err = np.sum((pred - target[None, :]) ** 2, axis=1)
            j = int(np.argmin(err))
            if err[j] < best[0]:
                best = (float(err[j]), float(centres[j]), float(dur))
        _, c, d = best
        durations = np.linspace(max(0.05, d * 0.8), d * 1.25, 24)
        centres = c + np.linspace(-0.15, 0.15, 31)
    _, c, d = best
    return c - d / 2.0, c + d / 2.0


def ramp_timing(
    times: list[float] | np.ndarray,
    values: list[float] | np.ndarray,
    *,
    base: float,
    direction: Direction,
) -> RampTiming | None:
    """Time a rest -> hold -> rest movement: when the way out ended and the way back began.

    The held level is the median of the samples near the top; each move (out, back) is timed
    by fitting the minimum-jerk profile to its samples between 15% and 85% of the way. This is
    steadier than timing "within x degrees of the top", which over-counts the slow approach
    to the held position, and than single crossing times, which jitter.
    """
    t = np.asarray(times, dtype=float)
    v = np.asarray(values, dtype=float)
    ok = np.isfinite(v)
    t, v = t[ok], v[ok]
    if v.size < 3:
        return None
    sign = 1.0 if direction == "up" else -1.0
    s, b = v * sign, base * sign
    top = float(s.max())
    if top - b <= 1e-6:
        return None
    m1 = float(np.median(s[s >= b + 0.5 * (top - b)]))
    level = float(np.median(s[s >= b + 0.85 * (m1 - b)]))
    excursion = level - b
    if excursion <= 1e-6:
        return None
    frac = (s - b) / excursion
    lo, hi = _BAND
    above = np.nonzero(frac >= hi)[0]
    if above.size == 0:
        above = np.array([int(np.argmax(frac))])
    first_hi, last_hi = int(above[0]), int(above[-1])
    # the held level: every sample of the hold (sway both ways), not only the high ones
    if last_hi - first_hi >= 4:
        level = float(np.median(s[first_hi:last_hi + 1]))
        excursion = level - b
        if excursion <= 1e-6:
            return None
        frac = (s - b) / excursion
    # the way out: the samples in the band since the value last rested before reaching the top
    rest_before = np.nonzero(frac[:first_hi] < lo)[0]
    i0 = int(rest_before[-1]) + 1 if rest_before.size else 0
    middle = (first_hi + last_hi) // 2
    rest_after = np.nonzero(frac[last_hi + 1:] < lo)[0]
    i1 = last_hi + 1 + (int(rest_after[0]) if rest_after.size else frac.size - last_hi - 1)
    # each move is fitted on its samples from rest to the middle of the hold, with a little
    # of the rest before (or after) it
    out_idx = np.arange(max(0, i0 - 5), middle + 1)
    back_idx = np.arange(middle, min(frac.size, i1 + 5))
    out = _fit_move(t[out_idx], frac[out_idx], True) or _crossing(t, frac, first_hi, True)
    back = _fit_move(t[back_idx], frac[back_idx], False) or _crossing(t, frac, last_hi, False)
    hold = back[0] - out[1]
    return RampTiming(
        out_seconds=max(0.0, out[1] - out[0]),
        back_seconds=max(0.0, back[1] - back[0]),
        hold_seconds=max(0.0, hold),
        level=level * sign,
        base=base,
        start=out[0],
        end=back[1],
    )


def _crossing(t: np.ndarray, frac: np.ndarray, i: int, rising: bool) -> tuple[float, float]:
    """A move too quick to have samples inside the band: put it where the value jumped."""
    if rising:
        j = max(i - 1, 0)
        mid = float((t[j] + t[i]) / 2)
    else:
        j = min(i + 1, t.size - 1)
        mid = float((t[i] + t[j]) / 2)
    return mid, mid


class SwingCounter:
    """Counts back-and-forth cycles (e.g. ankle pumps) with no fixed resting position.

    A swing is a move of at least `reversal` from one turning point to the next, confirmed
    once the value has come back by `reversal` or has stayed put for `settle` seconds; two
    swings (there and back) make one rep. The same interface as HysteresisCounter.
    """

    def __init__(self, reversal: float, *, abandon_gap: float = 1.0, settle: float = 0.8):
        self.reversal = reversal
        self.abandon_gap = abandon_gap
        self.settle = settle
        self.direction: Direction = "up"
        self.reset()

    def reset(self, *, armed: bool = False) -> None:
        self.armed = True
        self.phase: Literal["rest", "moving", "active"] = "rest"
        self._last_t: float | None = None
        self._ext: tuple[float, float] | None = None      # last turning point (t, v)
        self._cand: tuple[float, float] | None = None     # the extreme of the move under way
        self._lo: tuple[float, float] | None = None
        self._hi: tuple[float, float] | None = None
        self._going: Direction | None = None
        self._swings: list[tuple[float, float, float, float]] = []  # (t0, v0, t1, v1)
        self._times: list[float] = []
        self._values: list[float] = []
        self.abandoned = 0
        self.last_partial: RepSpan | None = None

    def at_rest(self, value: float) -> bool:
        return not self._swings

    @property
    def in_rep(self) -> bool:
        return bool(self._swings)

    def samples(self) -> tuple[list[float], list[float]]:
        return list(self._times), list(self._values)

    def update(
        self, t: float, value: float | None, *, allow_enter: bool = True
    ) -> RepSpan | None:
        if value is None or not math.isfinite(value):
            if self._last_t is not None and t - self._last_t > self.abandon_gap:
                if self._swings:
                    self.abandoned += 1
                self.reset()
            return None
        if self._last_t is not None and t - self._last_t > self.abandon_gap:
            if self._swings:
                self.abandoned += 1
            self.reset()
        self._last_t = t
        self._times.append(t)
        self._values.append(value)
        if len(self._times) > 2000:
            del self._times[:1000], self._values[:1000]
        if self._going is None:
            return self._find_first(t, value)
        assert self._cand is not None and self._ext is not None
        up = self._going == "up"
        if (value > self._cand[1]) if up else (value < self._cand[1]):
            self._cand = (t, value)
            self.phase = "moving"
            return None
        # a value beyond the last turning point, against the move, extends that turning point
        if (value < self._ext[1]) if up else (value > self._ext[1]):
            self._ext = (t, value)
            self._cand = (t, value)
            if self._swings:
                t0, v0, _, _ = self._swings[-1]
                self._swings[-1] = (t0, v0, t, value)
            return None
        back = abs(self._cand[1] - value)
        still = t - self._cand[0] >= self.settle
        if back >= self.reversal or (still and abs(self._cand[1] - self._ext[1]) >= self.reversal):
            return self._turn(t, value)
        return None

    def _find_first(self, t: float, value: float) -> RepSpan | None:
        if self._lo is None or value < self._lo[1]:
            self._lo = (t, value)
        if self._hi is None or value > self._hi[1]:
            self._hi = (t, value)
        assert self._lo is not None and self._hi is not None
        if self._hi[1] - self._lo[1] >= self.reversal:
            if self._hi[0] > self._lo[0]:
                self._ext, self._cand, self._going = self._lo, self._hi, "up"
            else:
                self._ext, self._cand, self._going = self._hi, self._lo, "down"
            self.phase = "moving"
        return None

    def _turn(self, t: float, value: float) -> RepSpan | None:
        assert self._cand is not None and self._ext is not None
        if abs(self._cand[1] - self._ext[1]) >= self.reversal:
            self._swings.append((self._ext[0], self._ext[1], self._cand[0], self._cand[1]))
        self._ext = self._cand
        self._going = "down" if self._going == "up" else "up"
        self._cand = (t, value)
        self.phase = "active" if self._swings else "rest"
        if len(self._swings) < 2:
            return None
        start, end = self._swings[0][0], t
        idx = [i for i, ti in enumerate(self._times) if start - 1e-9 <= ti <= end + 1e-9]
        span = RepSpan(
            start, end, [self._times[i] for i in idx], [self._values[i] for i in idx], "up",
            swings=list(self._swings),
        )
        self._swings = []
        self.phase = "rest"
        return span
