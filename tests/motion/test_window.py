"""The sliding median window: the same median as sorting the window each time."""

from __future__ import annotations

import numpy as np
import pytest

from backcoach.motion.window import SlidingMedian, running_mean


def test_follows_the_median_of_the_last_seconds():
    rng = np.random.default_rng(3)
    window = SlidingMedian()
    kept: list[tuple[float, float]] = []
    for i in range(400):
        t = i / 30
        v = float(rng.normal(0, 5)) if i % 7 else 3.0      # repeated values too
        window.add(t, v)
        kept.append((t, v))
        window.drop_before(t - 1.0)
        kept = [(ti, vi) for ti, vi in kept if ti >= t - 1.0]
        assert len(window) == len(kept)
        assert window.median() == pytest.approx(float(np.median([vi for _, vi in kept])))
        assert window.span() == pytest.approx(kept[-1][0] - kept[0][0])


def test_an_empty_window_has_no_median():
    window = SlidingMedian()
    window.add(0.0, 1.0)
    window.clear()
    assert len(window) == 0 and window.span() == 0.0
    with pytest.raises(ValueError):
        window.median()


def test_running_mean_is_plain_at_first_then_follows_the_last_seconds():
    mean, n = 0.0, 0
    for x in (4.0, 2.0, 6.0):                       # samples close together: a plain mean
        mean, n = running_mean(mean, n, x, 0.01, 5.0)
    assert n == 3 and mean == pytest.approx(4.0)
    for _ in range(300):                            # 30 s of a new level: the old one is gone
        mean, n = running_mean(mean, n, 10.0, 0.1, 5.0)
    assert mean == pytest.approx(10.0, abs=0.01)
