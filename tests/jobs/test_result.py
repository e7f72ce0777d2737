"""The analysis result's chart and text alternative: peak markers on the plotted line, figures
formatted by their unit."""

from __future__ import annotations

import math

from backcoach.catalog import get_exercise
from backcoach.jobs.result import figure, rom_chart


def _result(metric: str, peak_value: float, scale: float) -> dict:
    """A 20-second trace with one bump per rep; rep 2's peak is late in its span (at 11.6 s)."""
    ts = [round(0.2 * k, 1) for k in range(101)]
    values = [scale * (1 + math.exp(-((t - 4.0) ** 2)) + (peak_value / scale - 1)
                       * math.exp(-((t - 11.6) ** 2) * 2)) for t in ts]
    sides = ["left" if t < 8 else "right" for t in ts]
    reps = [
        {"index": 1, "side": "left", "start": 2.0, "end": 6.0, "metric": metric,
         "peak_angle": max(v for t, v in zip(ts, values, strict=True) if 2 <= t <= 6)},
        {"index": 2, "side": "right", "start": 8.8, "end": 12.4, "metric": metric,
         "peak_angle": peak_value},
    ]
    return {"reps": reps, "count": 2, "count_by_side": {"left": 1, "right": 1},
            "duration": 20.0, "trace": {"metric": metric, "t": ts, "value": values,
                                         "side": sides}}


def _marker(fig, gid: str) -> tuple[float, float]:
    (line,) = [ln for ln in fig.axes[0].lines if ln.get_gid() == gid]
    return float(line.get_xdata()[0]), float(line.get_ydata()[0])


def test_peak_markers_sit_on_the_plotted_line():
    result = _result("hip angle", 160.0, 80.0)
    fig = rom_chart(result, get_exercise("lumbar-stabilization"))
    x, y = _marker(fig, "peak-2")
    assert abs(x - 11.6) < 0.25  # not the span's middle (10.6 s)
    trace = result["trace"]
    i = trace["t"].index(round(x, 1))
    assert y == trace["value"][i]
    x1, _ = _marker(fig, "peak-1")
    assert abs(x1 - 4.0) < 0.25


def test_the_text_alternative_formats_by_unit():
    fig = rom_chart(_result("foot lift", 0.42, 0.2), get_exercise("ankle-pumps"))
    alt = fig.get_label()
    assert "peaked at 0.42 shank lengths" in alt and "peaked at 0 " not in alt
    assert figure(118.4, "°") == "118°"
    assert figure(0.4, "shank lengths") == "0.40 shank lengths"
