"""How an analysis result reads: the per-rep rows with fault cues, and the range-of-motion chart.

    view = result_view(job.result, get_exercise(job.exercise_id))
    view.rows, view.faults, view.count_by_side
    svg = render_svg(rom_chart(job.result, exercise))

The chart follows the progress charts' look (Okabe-Ito colours plus marker shapes and line
styles per side, units on the axes) and carries its text alternative in the SVG <title>.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from backcoach.catalog.schema import Exercise
from backcoach.reports.charts import SIDE_STYLE, _styled
from backcoach.reports.exercises import METRIC_UNITS

SIDE_LABEL = {"left": "Left", "right": "Right", None: "Both", "both": "Both"}


@dataclass(frozen=True)
class RepRow:
    index: int
    side: str | None
    start: float
    end: float
    hold: float | None
    peak: float | None
    faults: list[tuple[str, str]]      # (fault id, the cue that corrects it)


@dataclass(frozen=True)
class ResultView:
    exercise: Exercise
    count: int
    count_by_side: dict[str, int]
    metric: str
    unit: str
    rows: list[RepRow]
    faults: list[tuple[str, str, int]]          # (fault id, cue text, reps with it)
    warnings: list[str] = field(default_factory=list)   # what got in the way of seeing
    frames: int = 0
    person_share: float = 0.0
    duration: float = 0.0


def cue_text(exercise: Exercise, fault: str) -> str:
    """The catalogue's cue for a fault id (its id in words when the catalogue has none)."""
    cam = exercise.camera
    text = (cam.faults.get(fault) or cam.cues.get(fault)) if cam else None
    return text or fault.replace("_", " ").capitalize() + "."


def unit_of(metric: str) -> str:
    return METRIC_UNITS.get(metric, "°")


def result_view(result: dict[str, Any], exercise: Exercise) -> ResultView:
    reps = result.get("reps") or []
    metric = next((r.get("metric") for r in reps if r.get("metric")), "") or (
        (result.get("trace") or {}).get("metric") or "peak angle"
    )
    rows = [
        RepRow(
            index=int(r["index"]), side=r.get("side"), start=float(r["start"]),
            end=float(r["end"]), hold=r.get("hold_seconds"), peak=r.get("peak_angle"),
            faults=[(f, cue_text(exercise, f)) for f in r.get("faults") or []],
        )
        for r in reps
    ]
    counts: dict[str, int] = {}
    for row in rows:
        for fault, _ in row.faults:
            counts[fault] = counts.get(fault, 0) + 1
    warnings = sorted({w.get("text", "") for w in result.get("warnings") or [] if w.get("text")})
    frames = int(result.get("frames") or 0)
    return ResultView(
        exercise=exercise,
        count=int(result.get("count") or 0),
        count_by_side=dict(result.get("count_by_side") or {}),
        metric=metric,
        unit=unit_of(metric),
        rows=rows,
        faults=[(f, cue_text(exercise, f), n) for f, n in sorted(counts.items())],
        warnings=warnings,
        frames=frames,
        person_share=(int(result.get("frames_with_person") or 0) / frames) if frames else 0.0,
        duration=float(result.get("duration") or 0.0),
    )


def figure(value: float, unit: str) -> str:
    """A measured value with its unit: whole degrees ("118°"), two decimals for a length ratio
    ("0.42 shank lengths")."""
    if unit == "°":
        return f"{value:.0f}°"
    return f"{value:.2f} {unit}"


def _peak_point(
    row: RepRow, ts: list[float], values: list[float | None], sides: list[str | None]
) -> tuple[float, float] | None:
    """Where the rep's peak sits on the plotted line: within the rep's span (on its side), the
    plotted sample nearest the rep's peak value. None when the line has no sample there."""
    best: tuple[float, float, float] | None = None
    for t, v, s in zip(ts, values, sides, strict=False):
        if v is None or not (row.start <= t <= row.end):
            continue
        if row.side not in (None, "both") and s not in (row.side, None):
            continue
        gap = abs(v - (row.peak or 0.0))
        if best is None or gap < best[0]:
            best = (gap, t, v)
    return (best[1], best[2]) if best else None


def _alt(view: ResultView) -> str:
    sides = ", ".join(f"{(SIDE_LABEL.get(k) or k).lower()} {v}"
                      for k, v in view.count_by_side.items())
    peaks = "; ".join(
        f"rep {r.index} ({(SIDE_LABEL.get(r.side) or str(r.side)).lower()}) peaked at "
        f"{figure(r.peak, view.unit)}"
        for r in view.rows if r.peak is not None
    )
    text = (f"{view.exercise.name}: {view.metric} over the {view.duration:.0f}-second video, "
            f"{view.count} reps counted ({sides or 'none'}).")
    return f"{text} {peaks}." if peaks else text


def rom_chart(result: dict[str, Any], exercise: Exercise) -> Figure:
    """The measured value through the video, per side, with each counted rep shaded and its
    peak marked."""
    view = result_view(result, exercise)
    trace = result.get("trace") or {}
    ts: list[float] = list(trace.get("t") or [])
    values: list[float | None] = list(trace.get("value") or [])
    sides: list[str | None] = list(trace.get("side") or [None] * len(ts))
    with _styled():
        fig = Figure(figsize=(6.0, 3.0), dpi=100, layout="constrained")
        FigureCanvasAgg(fig)
        fig.set_label(_alt(view))
        ax = fig.add_subplot()
        for row in view.rows:
            ax.axvspan(row.start, row.end, color="#E4F1EE", zorder=0, lw=0)
        seen = [s for s in dict.fromkeys(sides)] or [None]
        for side in seen:
            colour, marker, filled, style = SIDE_STYLE.get(side, SIDE_STYLE[None])
            ys = [v if s == side and v is not None else math.nan
                  for v, s in zip(values, sides, strict=False)]
            if all(math.isnan(y) for y in ys):
                continue
            ax.plot(ts, ys, color=colour, ls=style, lw=1.6, label=SIDE_LABEL.get(side, side),
                    gid=f"trace-{side or 'both'}")
        for row in view.rows:
            if row.peak is None:
                continue
            colour, marker, filled, _ = SIDE_STYLE.get(row.side, SIDE_STYLE[None])
            # on the plotted line (same samples, same time base), not at the span's middle
            at = _peak_point(row, ts, values, sides) or ((row.start + row.end) / 2, row.peak)
            ax.plot([at[0]], [at[1]], marker=marker, ms=8, color=colour,
                    mfc=colour if filled else "white", mew=1.6, ls="none",
                    gid=f"peak-{row.index}")
            ax.annotate(str(row.index), at, xytext=(0, 7),
                        textcoords="offset points", ha="center", fontsize=9)
        ax.set_xlabel("Time in the video (s)")
        ax.set_ylabel(f"{view.metric.capitalize()} ({view.unit})")
        ax.set_xlim(0, max([view.duration, *ts[-1:]] or [1.0]))
        ax.set_title(f"{view.metric.capitalize()} through the video; shaded: counted reps")
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="upper right", frameon=False)
    return fig
