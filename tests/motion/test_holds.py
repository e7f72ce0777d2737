"""Hold timing: when a held rep's movement out ended and its movement back began."""

from __future__ import annotations

import numpy as np
import pytest

from backcoach.motion.holds import (
    even_grid,
    fit_move,
    fit_move_checked,
    min_jerk,
    ramp_timing,
    running_median,
)


def held_move(t: np.ndarray, start: float, move: float, hold: float, back: float, level: float):
    """Rest at 0, move to `level` in `move` s, hold `hold` s, come back in `back` s."""
    up = level * min_jerk((t - start) / move)
    t_back = start + move + hold
    return np.where(t < t_back, up, level * (1 - min_jerk((t - t_back) / back)))


@pytest.mark.parametrize(
    ("move", "hold", "back"), [(1.0, 10.0, 2.4), (2.0, 3.0, 1.0), (0.4, 6.0, 0.4), (6.0, 12, 4.0)]
)
def test_times_the_hold_between_the_moves(move, hold, back):
    t = np.arange(0, 1.0 + move + hold + back + 1.0, 1 / 30)
    v = held_move(t, 1.0, move, hold, back, 15.0)
    timing = ramp_timing(t, v, base=0.0, direction="up")
    assert timing is not None
    assert timing.hold_seconds == pytest.approx(hold, abs=0.05)
    assert timing.out_seconds == pytest.approx(move, abs=0.05)
    assert timing.back_seconds == pytest.approx(back, abs=0.05)
    assert timing.start == pytest.approx(1.0, abs=0.05)
    assert timing.level == pytest.approx(15.0, abs=0.1)


def low_pass(t: np.ndarray, v: np.ndarray, tau: float) -> np.ndarray:
    """A first-order low-pass, as a landmark smoother leaves a clean signal: a little lag."""
    out = v.copy()
    for i in range(1, v.size):
        a = 1.0 - np.exp(-(t[i] - t[i - 1]) / tau)
        out[i] = out[i - 1] + a * (v[i] - out[i - 1])
    return out


@pytest.mark.parametrize("fps", [15, 24, 30])
def test_a_slightly_smoothed_clean_move_is_timed_exactly(fps):
    # nearly every sample at rest or held fits almost exactly: their tiny spread must not
    # make the fit give up the samples of the movement itself (it once timed this 0.4 s short)
    t = np.arange(0, 19.0, 1 / fps)
    v = low_pass(t, held_move(t, 2.9, 1.7, 10.0, 1.9, 12.6), 0.04)
    timing = ramp_timing(t, v, base=0.0, direction="up")
    assert timing is not None
    assert timing.hold_seconds == pytest.approx(10.0, abs=0.1)
    assert timing.out_seconds == pytest.approx(1.7, abs=0.1)


def test_judged_before_the_limb_settles():
    # the samples end a third of the way into the return, where a rep is first seen back at rest
    t = np.arange(0, 9.0, 1 / 30)
    v = held_move(t, 1.0, 2.0, 4.0, 2.0, 20.0)
    keep = t <= 7.0 + 0.62 * 2.0
    timing = ramp_timing(t[keep], v[keep], base=0.0, direction="up")
    assert timing is not None and timing.hold_seconds == pytest.approx(4.0, abs=0.05)


def test_steady_under_tremor_while_holding():
    rng = np.random.default_rng(0)
    t = np.arange(0, 16, 1 / 30)
    tremor = 0.8 * np.sin(2 * np.pi * 0.9 * t + 1.0) + rng.normal(0, 0.2, t.size)
    v = held_move(t, 1.0, 2.0, 10.0, 2.4, 13.5)
    v = v + tremor * np.clip(v / 6.0, 0, 1)       # a held leg trembles, a resting one does not
    timing = ramp_timing(t, v, base=0.0, direction="up")
    assert timing is not None and timing.hold_seconds == pytest.approx(10.0, abs=0.3)


def test_dropped_frames_are_bridged_on_timestamps():
    rng = np.random.default_rng(1)
    t = np.arange(0, 12, 1 / 30)
    v = held_move(t, 1.0, 1.5, 6.0, 1.5, 40.0)
    kept = rng.random(t.size) > 0.15                  # 15% of frames lost, in ones and twos
    kept[int(4.0 * 30):int(4.3 * 30)] = False        # and a 0.3 s gap in the hold
    timing = ramp_timing(t[kept], v[kept], base=0.0, direction="up")
    assert timing is not None and timing.hold_seconds == pytest.approx(6.0, abs=0.1)


def test_pose_glitches_do_not_drag_the_timing():
    t = np.arange(0, 10, 1 / 30)
    v = held_move(t, 1.0, 1.5, 5.0, 1.5, 80.0)
    for i in (75, 76, 160, 161, 162, 200):          # a few frames where the limb was lost
        v[i] = 10.0
    timing = ramp_timing(t, v, base=0.0, direction="up")
    assert timing is not None and timing.hold_seconds == pytest.approx(5.0, abs=0.1)


def test_a_staged_return_is_timed_where_it_leaves_the_hold():
    # the limb drops fast to a third of the way, stalls, then goes on down: no single smooth
    # move fits it; the hold ends where the drop begins
    t = np.arange(0, 9, 1 / 30)
    up = 85 * min_jerk((t - 1.0) / 1.2)
    drop = 55 * min_jerk((t - 4.7) / 0.25)
    rest = 27 * min_jerk((t - 5.4) / 0.8)
    v = up - drop - rest
    timing = ramp_timing(t, v, base=0.0, direction="up")
    assert timing is not None
    assert timing.hold_seconds == pytest.approx(4.7 - 2.2, abs=0.1)


def test_downward_and_degenerate():
    t = np.arange(0, 10, 1 / 30)
    v = 176 - held_move(t, 1.0, 2.0, 5.0, 2.0, 41.0)
    timing = ramp_timing(t, v, base=176.0, direction="down")
    assert timing is not None and timing.hold_seconds == pytest.approx(5.0, abs=0.05)
    assert timing.level == pytest.approx(135.0, abs=0.2)
    assert ramp_timing(t, np.zeros_like(t), base=0.0, direction="up") is None
    assert ramp_timing(t[:4], v[:4], base=176.0, direction="down") is None


def test_even_grid_interpolates_short_gaps_only():
    t = np.array([0.0, 0.1, 0.2, 0.5, 0.6, 1.4, 1.5])
    grid, v = even_grid(t, t * 10, max_gap=0.5)
    assert grid[1] - grid[0] == pytest.approx(0.1)
    assert v[4] == pytest.approx(4.0)                  # 0.4 s: inside a 0.3 s gap, bridged
    assert np.isnan(v[10])                             # 1.0 s: inside a 0.8 s gap, left empty


def test_running_median_removes_single_frame_spikes():
    v = np.arange(20, dtype=float)
    spiky = v.copy()
    spiky[7] = 100.0
    smooth = running_median(spiky, 5)
    assert np.max(np.abs(smooth[2:18] - v[2:18])) <= 1.0     # a ramp keeps its shape


def test_fit_move_finds_a_clean_move():
    t = np.arange(0, 6, 1 / 30)
    fit = fit_move(t, 3.0 + 20 * min_jerk((t - 1.5) / 2.0))
    assert fit is not None
    assert fit[0] == pytest.approx(1.5, abs=0.02) and fit[1] == pytest.approx(3.5, abs=0.02)
    back = fit_move(t, 23.0 - 20 * min_jerk((t - 1.5) / 2.0), rising=False, rest=3.0)
    assert back is not None and back[0] == pytest.approx(1.5, abs=0.02)


def _dense_fit(t: np.ndarray, y: np.ndarray, rest: float, held: float) -> tuple[float, float]:
    """(start, end) of the least-squares minimum-jerk move by brute force over a fine grid."""
    best = (np.inf, 0.0, 0.0)
    for d in np.arange(0.2, 4.0, 0.01):
        centres = np.arange(t[0], t[-1], 0.01)
        p = min_jerk((t[None, :] - (centres[:, None] - d / 2)) / d)
        sse = (((y - rest)[None, :] - (held - rest) * p) ** 2).sum(axis=1)
        j = int(np.argmin(sse))
        if sse[j] < best[0]:
            best = (float(sse[j]), float(centres[j] - d / 2), float(centres[j] + d / 2))
    return best[1], best[2]


@pytest.mark.parametrize("seed", range(4))
def test_the_quick_search_finds_the_least_squares_move(seed):
    # the fit searches a few small grids, not every timing: it must land where a brute-force
    # search over every start and length does, on a noisy, swaying move
    rng = np.random.default_rng(seed)
    t = np.arange(0, 5.0, 1 / 30)
    start, move = rng.uniform(0.8, 1.5), rng.uniform(0.8, 2.5)
    sway = 0.8 * np.sin(2 * np.pi * rng.uniform(0.1, 0.4) * t + rng.uniform(0, 6))
    y = 20.0 * min_jerk((t - start) / move) + sway + rng.normal(0, 0.5, t.size)
    fit = fit_move_checked(t, y, rest=0.0, held=20.0)
    assert fit is not None
    dense = _dense_fit(t, y, 0.0, 20.0)
    # the robust refit may weight a few samples down, so allow a little more than the grid
    assert fit.start == pytest.approx(dense[0], abs=0.04)
    assert fit.end == pytest.approx(dense[1], abs=0.04)


def test_a_misleading_first_guess_falls_back_to_the_whole_search():
    # a glitch reaching the held level long before the move makes the quick first guess
    # (from where the samples cross 20% and 85% of the way) wrong: the move is still found
    t = np.arange(0, 6.0, 1 / 30)
    y = 20.0 * min_jerk((t - 3.0) / 1.5)
    y[15:17] = 20.0
    fit = fit_move_checked(t, y, rest=0.0, held=20.0)
    assert fit is not None
    assert fit.start == pytest.approx(3.0, abs=0.05) and fit.end == pytest.approx(4.5, abs=0.05)
