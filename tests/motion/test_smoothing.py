"""The One Euro filter: jitter goes, movement stays, gaps restart it."""

from __future__ import annotations

import numpy as np
import pytest

from backcoach.motion.smoothing import LandmarkSmoother, OneEuroFilter


def test_still_point_jitter_is_reduced_a_lot():
    rng = np.random.default_rng(1)
    f = OneEuroFilter(min_cutoff=1.0, beta=0.02)
    raw = 100.0 + rng.normal(0, 3.0, 300)
    out = np.array([f(i / 30, np.array([v]))[0] for i, v in enumerate(raw)])
    assert np.std(out[30:]) < np.std(raw[30:]) / 3
    assert np.mean(out[30:]) == pytest.approx(100.0, abs=1.0)


def test_fast_movement_is_followed_with_little_lag():
    f = OneEuroFilter(min_cutoff=1.0, beta=0.05)
    t = np.arange(0, 2, 1 / 30)
    x = 400.0 * np.clip(t - 0.5, 0, 1)       # 400 px/s for one second
    out = np.array([f(ti, np.array([xi]))[0] for ti, xi in zip(t, x, strict=True)])
    during = (t > 0.9) & (t < 1.5)
    lag_px = np.max(x[during] - out[during])
    assert lag_px < 40        # under 0.1 s of the movement
    assert out[-1] == pytest.approx(400.0, abs=2.0)


def test_a_long_gap_restarts_the_filter_where_the_value_reappears():
    f = OneEuroFilter(min_cutoff=0.5, beta=0.0, max_gap=0.5)
    for i in range(30):
        f(i / 30, np.array([0.0]))
    after_gap = f(3.0, np.array([500.0]))[0]
    assert after_gap == pytest.approx(500.0)
    g = OneEuroFilter(min_cutoff=0.5, beta=0.0, max_gap=0.5)
    for i in range(30):
        g(i / 30, np.array([0.0]))
    short_gap = g(1.2, np.array([500.0]))[0]
    assert short_gap < 500.0      # within max_gap: smoothed, not restarted


def test_missing_values_keep_their_last_estimate():
    f = OneEuroFilter()
    f(0.0, np.array([10.0, 20.0]))
    out = f(1 / 30, np.array([np.nan, 21.0]))
    assert out[0] == pytest.approx(10.0)
    assert np.isfinite(out[1])


def test_landmark_smoother_returns_pixels_and_smoothed_visibility():
    s = LandmarkSmoother(1280, 720)
    lm = np.zeros((33, 4))
    lm[:, 0], lm[:, 1], lm[:, 3] = 0.5, 0.25, 0.9
    px, vis = s(0.0, lm)
    assert px.shape == (33, 2) and vis.shape == (33,)
    assert px[0] == pytest.approx([640.0, 180.0])
    lm2 = lm.copy()
    lm2[:, 3] = 0.1          # one frame of low confidence does not drop visibility at once
    _, vis2 = s(1 / 30, lm2)
    assert 0.5 < vis2[0] < 0.9
