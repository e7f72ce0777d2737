"""Hysteresis counting, live hold timing on timestamps, swing counting."""

from __future__ import annotations

import numpy as np
import pytest

from backcoach.motion.counting import HoldTimer, HysteresisCounter, SwingCounter
from backcoach.motion.holds import min_jerk


def held_move(t: np.ndarray, start: float, move: float, hold: float, back: float, level: float):
    """Rest at 0, move to `level` in `move` s, hold `hold` s, come back in `back` s."""
    up = level * min_jerk((t - start) / move)
    t_back = start + move + hold
    return np.where(t < t_back, up, level * (1 - min_jerk((t - t_back) / back)))


def feed(counter, t, v):
    return [span for ti, vi in zip(t, v, strict=True) if (span := counter.update(ti, vi))]


def test_counts_each_out_and_back_cycle_once():
    t = np.arange(0, 12, 1 / 30)
    v = sum(held_move(t, s, 0.8, 0.5, 0.8, 20.0) for s in (1.0, 4.0, 7.0))
    spans = feed(HysteresisCounter(enter=12, leave=5, direction="up"), t, v)
    assert len(spans) == 3
    assert [round(s.peak) for s in spans] == [20, 20, 20]
    assert all(s.tempo < 3 for s in spans)


def test_jitter_around_a_threshold_never_counts_twice():
    rng = np.random.default_rng(3)
    t = np.arange(0, 10, 1 / 30)
    v = 12 + rng.normal(0, 1.5, t.size)     # hovering around `enter` and never near `leave`
    v[:30] = 0.0
    assert feed(HysteresisCounter(enter=12, leave=5), t, v) == []


def test_downward_reps():
    t = np.arange(0, 8, 1 / 30)
    v = 180 - held_move(t, 1.0, 1.0, 2.0, 1.0, 60.0)
    spans = feed(HysteresisCounter(enter=140, leave=160, direction="down"), t, v)
    assert len(spans) == 1 and spans[0].peak == pytest.approx(120, abs=0.5)


def test_leave_must_sit_on_the_resting_side_of_enter():
    with pytest.raises(ValueError):
        HysteresisCounter(enter=10, leave=20, direction="up")
    with pytest.raises(ValueError):
        HysteresisCounter(enter=150, leave=140, direction="down")


def test_a_movement_already_under_way_when_watching_starts_is_not_counted():
    t = np.arange(0, 6, 1 / 30)
    v = held_move(t, -0.5, 1.0, 1.0, 1.0, 20.0) + held_move(t, 3.0, 1.0, 0.5, 1.0, 20.0)
    spans = feed(HysteresisCounter(enter=12, leave=5), t, v)
    assert len(spans) == 1 and spans[0].start > 2.5


def test_a_rep_in_progress_across_a_long_gap_is_abandoned():
    t = np.arange(0, 8, 1 / 30)
    v = held_move(t, 1.0, 0.8, 3.0, 0.8, 20.0)
    v = np.where((t > 2.5) & (t < 4.0), np.nan, v)    # 1.5 s unseen mid-rep
    counter = HysteresisCounter(enter=12, leave=5, abandon_gap=1.0)
    assert feed(counter, t, v) == []
    assert counter.abandoned == 1
    # a short gap is bridged
    v2 = np.where((t > 2.5) & (t < 2.9), np.nan, held_move(t, 1.0, 0.8, 3.0, 0.8, 20.0))
    assert len(feed(HysteresisCounter(enter=12, leave=5, abandon_gap=1.0), t, v2)) == 1


def test_settle_ends_a_rep_whose_limb_comes_to_rest_a_little_off_its_old_place():
    t = np.arange(0, 6, 1 / 30)
    v = held_move(t, 1.0, 0.6, 0.3, 0.6, 20.0) + 6.0 * (t > 1.9)    # lands at 6, above leave 5
    assert feed(HysteresisCounter(enter=12, leave=5), t, v) == []
    assert len(feed(HysteresisCounter(enter=12, leave=5, settle=0.4), t, v)) == 1


def test_allow_enter_defers_a_rep_until_it_is_allowed():
    counter = HysteresisCounter(enter=12, leave=5)
    counter.update(0.0, 0.0)
    counter.update(0.1, 15.0, allow_enter=False)
    assert counter.phase == "moving"
    counter.update(0.2, 14.0, allow_enter=True)
    assert counter.phase == "active"


def test_hold_timer_uses_timestamps_and_bridges_short_dips():
    timer = HoldTimer(grace=0.3)
    t = np.arange(0, 5, 0.1)
    inside = (t >= 1.0) & (t <= 4.0) & ~((t > 2.0) & (t < 2.2))
    for ti, ok in zip(t, inside, strict=True):
        timer.update(float(ti), bool(ok))
    assert timer.best == pytest.approx(3.0, abs=0.11)


def test_hold_timer_with_dropped_frames():
    timer = HoldTimer(grace=0.3, max_step=0.5)
    for ti in [0.0, 0.1, 0.4, 0.5, 0.9, 1.0]:     # uneven steps, none longer than max_step
        timer.update(ti, True)
    assert timer.best == pytest.approx(1.0)


def test_swing_counter_counts_each_pump_once_pumping_on():
    t = np.arange(0, 12, 1 / 30)
    pumps = np.where((t > 1) & (t < 11), 20 * np.sin(2 * np.pi * 0.5 * (t - 1)), 0.0)
    spans = feed(SwingCounter(6.0), t, 100 + pumps)
    assert len(spans) == 5
    for span in spans:
        t1, a, t2, b = span.swings[0]
        assert abs(b - a) == pytest.approx(40, abs=1) and 0.9 < t2 - t1 < 1.1


def pumps_with_pauses(amplitude: float) -> tuple[np.ndarray, np.ndarray]:
    """Three 2-s pumps starting at 1, 5 and 9 s about a middle of 120: from the middle up,
    down past it, back to it; then a pause. (times, values) at 30 fps over 16 s."""
    t = np.arange(0, 16, 1 / 30)
    v = np.full(t.size, 120.0)
    for start in (1.0, 5.0, 9.0):
        u = (t - start) / 2.0
        inside = (u >= 0) & (u <= 1)
        v[inside] += amplitude * np.sin(2 * np.pi * u[inside])
    return t, v


def test_swing_counter_counts_pumps_with_pauses_in_the_middle():
    t, v = pumps_with_pauses(22)
    v += 0.5 * np.sin(7 * t)
    spans = feed(SwingCounter(6.0), t, v)
    assert len(spans) == 3
    assert [round(s.start) for s in spans] == [1, 5, 9]


def test_swing_counter_ignores_small_wobble_and_a_slow_drift():
    rng = np.random.default_rng(2)
    t = np.arange(0, 20, 1 / 30)
    wobble = 4.0 * np.sin(t * 3) + rng.normal(0, 0.8, t.size) + 1.5 * t     # drifts 30 degrees
    assert feed(SwingCounter(6.0), t, 100 + wobble) == []


def test_swing_counter_after_a_gap_waits_for_the_middle():
    # pumps with pauses; the feet go unseen for 0.75 s just as the second pump begins (a
    # passer-by) and come back mid-swing: that pump is no rep (it was not seen from the
    # middle), and nothing counts from before the gap
    t, v = pumps_with_pauses(20)
    seen = ~((t > 5.05) & (t < 5.8))
    spans = feed(SwingCounter(6.0, abandon_gap=0.5), t[seen], v[seen])
    assert [round(s.start) for s in spans] == [1, 9]


def test_swing_counter_raises_its_reach_above_the_jitter_it_sees():
    # ten samples a second of white jitter (sd 3) about a resting angle, with two pumps of 25
    # each way: a fixed reach lets the jitter through as pumps; one that grows with the jitter
    # it learns at rest counts the two pumps only
    rng = np.random.default_rng(5)
    t = np.arange(0, 30, 0.1)
    v = 120 + rng.normal(0, 3.0, t.size)
    for start in (12.0, 20.0):
        u = (t - start) / 1.5
        inside = (u >= 0) & (u <= 1)
        v[inside] += 25 * np.sin(2 * np.pi * u[inside])
    assert len(feed(SwingCounter(6.0), t, v)) > 2
    counter = SwingCounter(6.0, noise_k=5.0)
    spans = feed(counter, t, v)
    assert [round(s.start) for s in spans] == [12, 20]
    assert counter.noise == pytest.approx(3.0, rel=0.35)
    assert counter.reach_now > 6.0


@pytest.mark.parametrize("direction", ["up", "down"])
def test_furthest_follows_the_movement_in_progress(direction):
    sign = 1.0 if direction == "up" else -1.0
    enter, leave = (20.0, 10.0) if direction == "up" else (-20.0, -10.0)
    c = HysteresisCounter(enter, leave, direction)
    c.update(0.0, 0.0)
    assert c.furthest() is None                       # at rest
    for i, v in enumerate([15, 30, 25, 42, 40]):
        c.update(0.1 * (i + 1), sign * v)
    assert c.furthest() == sign * 42
    span = c.update(0.7, 0.0)                         # back at rest: the rep ends
    assert span is not None and c.furthest() is None
    for i, v in enumerate([12, 22]):                  # a new movement starts from scratch
        c.update(0.8 + 0.1 * i, sign * v)
    assert c.furthest() == sign * 22
    c.resume(span)                                    # the same rep as before after all
    assert c.furthest() == sign * 42
