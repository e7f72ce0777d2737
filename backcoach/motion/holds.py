"""Hold timing: when a rep's movement out ended and its movement back began.

A held rep has three parts: the limb moves out (rest -> held position), stays there, and moves
back. The hold is the time between the end of the movement out and the start of the movement
back. Both moments are found after the rep is over, from all its samples:

1. the samples go onto an even time grid (short gaps, such as dropped frames, are bridged by
   interpolating on the frame timestamps; longer ones stay empty), and a running median takes
   out single-frame glitches of the pose model;
2. the rep is split into its parts by position with hysteresis: the held part lies above
   `HELD` of the way from rest to the held level, each movement runs from the last sample
   below `RESTING` of the way to the held part;
3. each movement is timed by fitting a minimum-jerk move (Flash and Hogan, 1985: the smooth
   bell-shaped speed profile of a human reach) between the resting level and the held level
   (the median of the whole hold, sway both ways) to its samples, from a little before it
   left rest to the middle of the hold. The fit uses every sample of the move, so tremor,
   sway and jitter shift its ends far less than any single threshold crossing would, and
   samples far off the curve (frames where the pose model lost the limb) are weighted down;
4. a movement that is not one smooth move - a return that drops, stalls and goes on, or one
   the pose model loses on the way - fits badly (its samples stray from the curve by much
   more than the limb wobbles while held); it is timed on its part next to the hold alone,
   with its own levels, since that part is what bounds the hold.

The hold's ends are not observable to better than the wobble allows: a slow sway of a few
degrees looks just like the last, slowest part of a move. docs/accuracy.md gives the figures.

All levels are relative to the rep's own range of motion, so the same rules serve a 13-degree
leg raise and a 90-degree reach.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

Direction = Literal["up", "down"]

RESTING = 0.2        # below this fraction of the way to the held level: at rest
HELD = 0.85          # above it: at the held position
MAX_GAP_S = 0.5      # gaps up to this long are interpolated; longer ones stay empty
DESPIKE_S = 0.2      # width of the running median that removes glitches
LEAD_S = 0.17        # rest taken in before (and after) a move in its fit
HOLD_SIDE_S = 3.0    # and at most this much of the hold (further on, it tells nothing)
ROBUST_PASSES = 1    # refits with far-off samples weighted down (a second changed little)
MIN_SCALE = 0.02     # ...counting as far off no less than this share of the range
# a fitted move whose samples stray from it by more than MISFIT_K times the hold's own
# wobble (or MISFIT_FLOOR of the range of motion, if more) is no single smooth movement
MISFIT_K = 2.0
MISFIT_FLOOR = 0.05
NEAR_PART = 0.5      # such a move is timed on its part beyond this fraction of the way...
NEAR_HOLD_S = 1.0    # ...with this much of the hold...
NEAR_TAIL_S = 0.2    # ...and this much past that fraction
# the fit's search: a coarse grid of move lengths x centres, then finer grids around the best
COARSE_LENGTHS, COARSE_CENTRES = 16, 31
GUESS_LENGTHS, GUESS_CENTRES = 9, 11     # ...or one around a first guess
FINE_LENGTHS, FINE_CENTRES, FINE_ROUNDS = 7, 9, 4
_GUESS_STEPS = np.linspace(-1.0, 1.0, GUESS_LENGTHS)      # powers of 2 of the length
_GUESS_OFFSETS = np.linspace(-0.5, 0.5, GUESS_CENTRES)    # shares of the length
_FINE_STEPS = np.linspace(-1.0, 1.0, FINE_LENGTHS)
_FINE_OFFSETS = np.linspace(-1.0, 1.0, FINE_CENTRES)


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


def min_jerk(u: np.ndarray) -> np.ndarray:
    """The minimum-jerk position profile 10u^3 - 15u^4 + 6u^5, clipped to 0..1."""
    u = np.minimum(np.maximum(u, 0.0), 1.0)
    return u * u * u * (10.0 + u * (-15.0 + 6.0 * u))


def even_grid(
    times: np.ndarray, values: np.ndarray, max_gap: float = MAX_GAP_S
) -> tuple[np.ndarray, np.ndarray]:
    """Resample onto an even grid at the typical frame step; gaps over max_gap become nan."""
    dt = float(np.clip(np.median(np.diff(times)), 1 / 60, 0.1))
    grid = np.arange(times[0], times[-1] + dt / 2, dt)
    out = np.interp(grid, times, values)
    j = np.clip(np.searchsorted(times, grid), 1, times.size - 1)
    out[(times[j] - times[j - 1]) > max_gap + 1e-9] = np.nan
    return grid, out


def running_median(values: np.ndarray, width: int) -> np.ndarray:
    """Running median over `width` samples (odd); nan samples are skipped."""
    if width < 3 or values.size < width:
        return values
    r = width // 2
    padded = np.pad(values, r, mode="edge")
    windows = sliding_window_view(padded, width)
    if np.isfinite(padded).all():
        return np.median(windows, axis=1)       # no gaps: the plain (much quicker) median
    out = values.copy()
    ok = np.isfinite(windows).any(axis=1) & np.isfinite(values)
    out[ok] = np.nanmedian(windows[ok], axis=1)
    return out


def fit_move(
    t: np.ndarray,
    y: np.ndarray,
    *,
    rising: bool = True,
    rest: float | None = None,
    durations: tuple[float, float] = (0.15, 12.0),
) -> tuple[float, float] | None:
    """(start, end) of the minimum-jerk move that best fits the samples.

    rising: the move goes from rest (before) to the held level (after), else the other way.
    The levels at either end are solved for each candidate timing, so the fit needs only a
    rough window around the move. `rest` fixes the resting level instead, for a window that
    ends before the limb has settled (a rep is judged as soon as it is back near rest).
    `durations` bounds the move's length. The fit is least squares, then refitted with
    samples far off the curve weighted down (Tukey's biweight), so a few frames where the
    pose model lost the limb do not drag the timing.
    """
    fit = fit_move_checked(t, y, rising=rising, rest=rest, durations=durations)
    return None if fit is None else (fit.start, fit.end)


@dataclass(frozen=True)
class MoveFit:
    """A fitted move and how far the samples during it stray from the curve (RMS)."""

    start: float
    end: float
    misfit: float


@dataclass(frozen=True)
class _Move:
    """What one fit works on: the samples, which way the move goes, and the levels if known."""

    t: np.ndarray
    y: np.ndarray
    rising: bool
    rest: float | None
    held: float | None


def fit_move_checked(
    t: np.ndarray,
    y: np.ndarray,
    *,
    rising: bool = True,
    rest: float | None = None,
    held: float | None = None,
    durations: tuple[float, float] = (0.15, 12.0),
) -> MoveFit | None:
    """fit_move, with the misfit of the samples during the move. `held` (with `rest`) fixes
    the held level too: only the move's timing is fitted."""
    ok = np.isfinite(y)
    t, y = t[ok], y[ok]
    if t.size < 6:
        return None
    w = np.ones_like(y)
    move = _Move(t, y, rising, rest, held)
    c, d = _grid_fit(move, w, durations)
    for _ in range(ROBUST_PASSES):
        p = _profile(t, np.array([c]), d, rising)[0]
        a, b = _levels(p[None, :], y, w, rest, held)
        resid = y - b[0] - a[0] * p
        # the residuals' spread, but not less than a small share of the movement: on a
        # steady signal most samples (those at rest and held) fit almost exactly, and their
        # tiny spread would weight down the samples of the movement itself
        scale = max(1.4826 * float(np.median(np.abs(resid - np.median(resid)))),
                    MIN_SCALE * float(np.ptp(y)))
        if scale <= 1e-9:
            break
        u = resid / (4.685 * scale)
        w = np.where(np.abs(u) < 1.0, (1.0 - u * u) ** 2, 0.0)
        if w.sum() < 6:
            break
        c, d = _grid_fit(move, w, durations, near=(c, d))
    p = _profile(t, np.array([c]), d, rising)[0]
    a, b = _levels(p[None, :], y, w, rest, held)
    during = np.abs(t - c) <= d / 2
    resid = (y - b[0] - a[0] * p)[during]
    misfit = float(np.sqrt(np.mean(resid * resid))) if resid.size else 0.0
    return MoveFit(c - d / 2.0, c + d / 2.0, misfit)


def _profile(
    t: np.ndarray, centres: np.ndarray, d: float | np.ndarray, rising: bool
) -> np.ndarray:
    """(centres, samples): 0 at rest, 1 at the held level, for moves of length d (one for
    all centres, or one per centre)."""
    d = np.asarray(d, dtype=float)
    if d.ndim:
        d = d[:, None]
    p = min_jerk((t[None, :] - (centres[:, None] - d / 2.0)) / d)
    return p if rising else 1.0 - p


def _levels(
    p: np.ndarray, y: np.ndarray, w: np.ndarray, rest: float | None, held: float | None
) -> tuple[np.ndarray, np.ndarray]:
    """Per candidate (rows of p): the weighted least-squares a, b of y = b + a * p."""
    if rest is not None and held is not None:
        return np.full(p.shape[0], held - rest), np.full(p.shape[0], rest)
    if rest is not None:
        wp = p * w
        a = (wp @ (y - rest)) / np.maximum(np.einsum("ij,ij->i", wp, p), 1e-12)
        return a, np.full_like(a, rest)
    sw, swy = float(w.sum()), float(w @ y)
    swp = p @ w
    swpp = np.einsum("ij,ij->i", p * w, p)
    det = sw * swpp - swp * swp
    usable = det > 1e-9 * max(sw, 1.0)
    a = np.where(usable, (sw * ((p * w) @ y) - swp * swy) / np.where(usable, det, 1.0), 0.0)
    b = (swy - a * swp) / sw
    return a, b


def _grid_fit(
    move: _Move, w: np.ndarray, durations: tuple[float, float],
    near: tuple[float, float] | None = None,
) -> tuple[float, float]:
    """Weighted least-squares search over the move's centre and length: (centre, length).

    A first grid, then finer grids around the best so far, each half as wide. With both
    levels known, the first grid spans the lengths and centres the samples' own crossings of
    the way suggest (half to twice the length); if its best lies on its edge, or without the
    levels, it spans every length and centre the window allows. `near`: a (centre, length)
    already close, searched around only (a refit)."""
    lo, hi = durations
    best = None
    if near is not None:
        best = (math.inf, near[0], near[1])
        ratio, half = 1.25, 0.3 * max(near[1], 0.5)
    elif guess := _guess(move):
        c0, d0 = guess
        lengths = np.clip(d0 * 2.0 ** _GUESS_STEPS, lo, hi)
        centres = c0 + d0 * _GUESS_OFFSETS
        found, edge = _best_of(move, w, lengths, centres)
        if not edge:
            best = found
            ratio = 2.0 ** (2.0 / (GUESS_LENGTHS - 1))
            half = d0 / (GUESS_CENTRES - 1)
    if best is None:
        t = move.t
        lengths = np.geomspace(lo, hi, COARSE_LENGTHS)
        centres = np.linspace(t[0], t[-1], COARSE_CENTRES)
        best, _ = _best_of(move, w, lengths, centres)
        ratio = (hi / lo) ** (1.0 / (COARSE_LENGTHS - 1))
        half = float(t[-1] - t[0]) / (COARSE_CENTRES - 1)
    for _ in range(FINE_ROUNDS):
        _, c, d = best
        lengths = np.clip(d * ratio ** _FINE_STEPS, lo, hi)
        found, _ = _best_of(move, w, lengths, c + half * _FINE_OFFSETS)
        best = min(best, found)
        ratio, half = math.sqrt(ratio), half / 2.0
    return best[1], best[2]


def _guess(move: _Move) -> tuple[float, float] | None:
    """(centre, length) of the move from where the samples first pass 20% of the way and
    then 85% of it (a minimum-jerk move takes 39% of its time between the two). The first
    passes, so a move that falters on the way is guessed whole. None without both levels."""
    t, rest, held = move.t, move.rest, move.held
    if rest is None or held is None:
        return None
    way = (move.y - rest) / (held - rest)
    if not move.rising:
        way = 1.0 - way
    left = np.flatnonzero(way >= 0.2)
    if left.size == 0 or left[0] == 0:
        return None
    reached = left[0] + np.flatnonzero(way[left[0]:] >= 0.85)
    if reached.size == 0:
        return None
    t20, t85 = float(t[left[0] - 1]), float(t[reached[0]])
    d = max(t85 - t20, 1e-3) / 0.39
    return t20 + 0.175 * d, d


def _best_of(
    move: _Move, w: np.ndarray, lengths: np.ndarray, centres: np.ndarray
) -> tuple[tuple[float, float, float], bool]:
    """((sse, centre, length) of the best (length, centre) pair, whether it lies on the
    grid's edge)."""
    t, y, rest, held = move.t, move.y, move.rest, move.held
    dd, cc = np.repeat(lengths, centres.size), np.tile(centres, lengths.size)
    p = _profile(t, cc, dd, move.rising)
    if rest is not None and held is not None:
        resid = (y - rest)[None, :] - (held - rest) * p
    else:
        a, b = _levels(p, y, w, rest, held)
        resid = y[None, :] - b[:, None] - a[:, None] * p
    sse = np.einsum("ij,ij->i", resid * w, resid)
    if rest is None:
        # with both levels free, only a move that starts and ends inside the window is
        # pinned down by the samples
        inside = (cc - dd / 2 >= t[0] - 0.1 * dd) & (cc + dd / 2 <= t[-1] + 0.1 * dd)
        sse = np.where(inside, sse, math.inf)
    j = int(np.argmin(sse))
    i, k = divmod(j, centres.size)
    edge = i in (0, lengths.size - 1) or k in (0, centres.size - 1)
    return (float(sse[j]), float(cc[j]), float(dd[j])), edge


def ramp_timing(
    times: list[float] | np.ndarray,
    values: list[float] | np.ndarray,
    *,
    base: float,
    direction: Direction,
    max_gap: float = MAX_GAP_S,
    within: tuple[float, float] | None = None,
) -> RampTiming | None:
    """Time a rest -> hold -> rest movement (see the module docstring); None if it has no
    held part or too few samples. `within`: the times the movement's peak lies between (the
    samples may hold part of an earlier movement)."""
    t = np.asarray(times, dtype=float)
    v = np.asarray(values, dtype=float)
    ok = np.isfinite(v) & np.isfinite(t)
    t, v = t[ok], v[ok]
    if t.size < 6 or t[-1] - t[0] <= 0:
        return None
    sign = 1.0 if direction == "up" else -1.0
    grid, s = even_grid(t, v * sign, max_gap)
    dt = float(grid[1] - grid[0]) if grid.size > 1 else 1 / 30
    s = running_median(s, max(3, int(round(DESPIKE_S / dt)) | 1))
    b = base * sign
    part = s if within is None else s[(grid >= within[0]) & (grid <= within[1])]
    if not np.isfinite(part).any():
        return None
    top = float(np.nanpercentile(part, 97))
    if top - b <= 1e-6:
        return None
    level = float(np.nanmedian(part[part >= b + 0.7 * (top - b)]))
    if level - b <= 1e-6:
        return None
    frac = (s - b) / (level - b)
    # the excursion from rest around the highest point (the window may hold part of another)
    if within is None:
        peak = int(np.nanargmax(s))
    else:
        inside = np.flatnonzero((grid >= within[0]) & (grid <= within[1]) & np.isfinite(s))
        if inside.size == 0:
            return None
        peak = int(inside[np.argmax(s[inside])])
    # the movement left rest before `within` began and came back after it ended: a dip
    # towards rest in between (a pose glitch, a hesitation) is no rest
    first_in = peak if within is None else min(peak, int(np.searchsorted(grid, within[0])))
    last_in = peak if within is None else max(peak, int(np.searchsorted(grid, within[1])) - 1)
    rest_before = np.flatnonzero(frac[:first_in] < RESTING)
    rest_after = np.flatnonzero(frac[last_in:] < RESTING)
    lo = int(rest_before[-1]) if rest_before.size else 0
    hi = last_in + int(rest_after[0]) if rest_after.size else frac.size - 1
    held = lo + np.flatnonzero(frac[lo:hi + 1] >= HELD)
    if held.size == 0:
        return None
    first, last = int(held[0]), int(held[-1])
    i0, i1 = lo, hi
    middle = (first + last) // 2
    if last - first >= 4:
        # the held level: every sample of the hold (sway both ways), not only the high ones
        level = float(np.nanmedian(s[first:last + 1]))
        if level - b <= 1e-6:
            return None
        frac = (s - b) / (level - b)
    lead, into_hold = int(round(LEAD_S / dt)), int(round(HOLD_SIDE_S / dt))
    out_idx = slice(max(0, i0 - lead), max(min(middle, first + into_hold), first + 1) + 1)
    back_idx = slice(min(max(middle, last - into_hold), last - 1), i1 + lead + 1)
    out = fit_move_checked(grid[out_idx], s[out_idx], rest=b, held=level)
    back = fit_move_checked(grid[back_idx], s[back_idx], rising=False, rest=b, held=level)
    # a move that is no single smooth movement (a return that drops, stalls and goes on; a
    # limb the pose model loses on the way) is timed on its part next to the hold alone
    hold = s[first:last + 1]
    hold = hold[np.isfinite(hold)]
    wobble = 1.4826 * float(np.median(np.abs(hold - np.median(hold)))) if hold.size else 0.0
    tolerated = MISFIT_K * max(wobble, MISFIT_FLOOR * (level - b))
    tail, near_hold = int(round(NEAR_TAIL_S / dt)), int(round(NEAR_HOLD_S / dt))
    # a staged move is timed next to the hold, but it began (and ended) where the whole did
    began = out.start if out is not None else None
    ended = back.end if back is not None else None
    if out is not None and out.misfit > tolerated:
        below = np.flatnonzero(frac[:first] < NEAR_PART)
        a0 = int(below[-1]) if below.size else i0
        near = slice(max(0, a0 - tail), min(first + near_hold, middle) + 1)
        out = _better(out, fit_move_checked(grid[near], s[near], durations=(2 * dt, 12.0)))
    if back is not None and back.misfit > tolerated:
        after = np.flatnonzero(frac[last:] < NEAR_PART)
        z1 = last + int(after[0]) if after.size else i1
        near = slice(max(last - near_hold, middle), z1 + tail + 1)
        back = _better(
            back, fit_move_checked(grid[near], s[near], rising=False, durations=(2 * dt, 12.0))
        )
    t_out = (out.start, out.end) if out is not None else _crossing(grid, first, True)
    t_back = (back.start, back.end) if back is not None else _crossing(grid, last, False)
    if began is not None:
        t_out = (min(began, t_out[1]), t_out[1])
    if ended is not None:
        t_back = (t_back[0], max(ended, t_back[0]))
    return RampTiming(
        out_seconds=max(0.0, t_out[1] - t_out[0]),
        back_seconds=max(0.0, t_back[1] - t_back[0]),
        hold_seconds=max(0.0, t_back[0] - t_out[1]),
        level=level * sign,
        base=base,
        start=t_out[0],
        end=t_back[1],
    )


def _better(fit: MoveFit, near: MoveFit | None) -> MoveFit:
    """The near-part fit if it follows its samples better than the whole-move fit did."""
    return near if near is not None and near.misfit < fit.misfit else fit


def _crossing(t: np.ndarray, i: int, rising: bool) -> tuple[float, float]:
    """A move too quick to fit: put it where the value jumped into (or out of) the hold."""
    j = max(i - 1, 0) if rising else min(i + 1, t.size - 1)
    mid = float((t[j] + t[i]) / 2)
    return mid, mid
