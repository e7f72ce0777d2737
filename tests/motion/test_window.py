"""The sliding median window: the same median as sorting the window each time."""

from __future__ import annotations

import numpy as np
import pytest

from backcoach.motion.window import SlidingMedian


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
