"""Progress charts drawn with Matplotlib (Agg canvas), as SVG text or PNG bytes.

    figs = progress_charts(report)    # {"pain": Figure, "adherence": ..., "exercise-<id>": ...}
    svg = render_svg(figs["pain"])              # an <svg> string with a <title> for screen readers
    png = render_png(figs["pain"])              # 600 px wide at the default dpi

The charts are sized to read at 600 px wide, use the Okabe-Ito colour-blind-safe palette and
marker shapes as well as colours, and say "No sessions yet" instead of showing empty axes.
Figures are built without pyplot, and style changes are held under a lock, so web workers
may draw from several threads.
"""

from __future__ import annotations

import io
import logging
import math
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from pathlib import Path
from statistics import fmean
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

import matplotlib
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.dates import MO, DateFormatter, MonthLocator, WeekdayLocator, date2num
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import MaxNLocator

from backcoach.reports.adherence import Adherence
from backcoach.reports.days import week_start
from backcoach.reports.exercises import ExerciseProgress
from backcoach.reports.trend import PainTrend

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from backcoach.reports.progress import ProgressReport

log = logging.getLogger(__name__)

# Okabe & Ito's palette, distinguishable with every common kind of colour blindness.
BLUE, ORANGE, VERMILLION, GREEN = "#0072B2", "#E69F00", "#D55E00", "#009E73"
SKY, GREY, BLACK = "#56B4E9", "#8C8C8C", "#000000"
SIDE_STYLE = {  # colour, marker, filled, line style: sides differ in shape as well as colour
    "left": (BLUE, "o", True, "-"),
    "right": (VERMILLION, "s", False, "--"),
    None: (GREEN, "D", True, "-"),
}
# One blue hue from light to dark for the calendar: reads as "more" without needing colour.
HEAT = ("#C6DBEF", "#6BAED6", "#2171B5", "#08306B")
MISSED, REST = "#D9D9D9", "#F4F4F4"
WIDTH_IN, DPI = 6.0, 100   # 600 px wide PNGs
NO_SESSIONS = "No sessions yet"
LONG_SPAN_DAYS = 120   # longer histories are drawn as weekly means
MAX_MARKERS = 60       # more points than this are drawn as a line without markers
MIN_WEEKS = 8

STYLE: dict[Any, Any] = {  # Any: matplotlib types the keys as literals
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "none",        # text stays text in the SVG: searchable, selectable
    "svg.hashsalt": "backcoach",   # stable ids, so the same data gives the same SVG
}


_RC_LOCK = threading.RLock()


@contextmanager
def _styled() -> Iterator[None]:
    """Our rcParams, held under a lock: rc_context changes global state, and web workers
    draw from several threads at once."""
    with _RC_LOCK, matplotlib.rc_context(STYLE):
        yield


def _figure(height_in: float, alt: str) -> Figure:
    fig = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    fig.set_label(alt)   # the text alternative, written into the SVG's <title>
    return fig


def _empty(title: str, hint: str, height_in: float = 2.4) -> Figure:
    """An honest empty state: the title and a sentence, no empty axes."""
    with _styled():
        fig = _figure(height_in, f"{title}: {NO_SESSIONS}.")
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.set_title(title)
        ax.text(0.5, 0.58, NO_SESSIONS, ha="center", va="center", fontsize=15, color=BLACK,
                gid="empty-state")
        ax.text(0.5, 0.32, hint, ha="center", va="center", fontsize=10, color="#555555",
                wrap=True)
    return fig


def _date_axis(ax: Axes, dates: list[date]) -> None:
    """Ticks a person reads at a glance: "3 Mar" for weeks of data, "Mar 2025" for longer."""
    span = (max(dates) - min(dates)).days
    if span <= 120:
        interval = max(1, math.ceil(span / 7 / 6))
        ax.xaxis.set_major_locator(WeekdayLocator(byweekday=MO, interval=interval))
        ax.xaxis.set_major_formatter(DateFormatter("%-d %b"))
    else:
        ax.xaxis.set_major_locator(MonthLocator(interval=max(1, math.ceil(span / 30 / 6))))
        ax.xaxis.set_major_formatter(DateFormatter("%b %Y"))


def _pad_dates(ax: Axes, dates: list[date]) -> None:
    """A few days of margin, and a readable width when there is only one day."""
    first, last = min(dates), max(dates)
    pad = max(timedelta(days=1), (last - first) * 0.04)
    ax.set_xlim(date2num(_at(first) - pad), date2num(_at(last) + pad))


# -- pain ------------------------------------------------------------------------------------

PAIN_ZONES = (  # the pain-monitoring model: 0-3 safe, 4-5 acceptable, above 5 too much
    (0, 3.5, "#EAF3FA", "0–3 safe"),
    (3.5, 5.5, "#FFF4DC", "4–5 acceptable"),
    (5.5, 10.4, "#FBE6DE", "6–10 too much"),
)


def _weekly(points: list[tuple[date, float]]) -> list[tuple[date, float]]:
    """Weekly means, placed mid-week: long histories stay readable at 600 px."""
    weeks: dict[date, list[float]] = {}
    for day, value in points:
        weeks.setdefault(week_start(day), []).append(value)
    return [(w + timedelta(days=3), round(fmean(vs), 2)) for w, vs in sorted(weeks.items())]


def _is_long(dates: list[date]) -> bool:
    return (max(dates) - min(dates)).days > LONG_SPAN_DAYS


def _at(day: date) -> datetime:
    return datetime.combine(day, time())


def _x(days: Iterable[date]) -> list[float]:
    """Matplotlib date numbers of days (at midnight)."""
    return [float(date2num(_at(d))) for d in days]


def pain_chart(trend: PainTrend) -> Figure:
    """Pain before and after each session over time, with the rolling mean of pain before.

    Over more than LONG_SPAN_DAYS it shows weekly means of pain before and after instead.
    """
    title = "Pain before and after each session"
    if not trend.points:
        return _empty(title, "Rate your pain before and after a session to start this chart.")
    dates = [p.date for p in trend.points]
    long = _is_long(dates)
    with _styled():
        fig = _figure(3.6, f"{title}. {trend.sentence}")
        ax = fig.add_subplot()
        for low, high, colour, label in PAIN_ZONES:
            ax.axhspan(low - 0.5 if low == 0 else low, high, color=colour, zorder=0, lw=0)
            ax.text(1.005, (max(low, 0) + min(high, 10)) / 2, label, fontsize=8,
                    transform=ax.get_yaxis_transform(), color="#444444", va="center", ha="left")
        if long:
            _pain_weekly(ax, trend)
        else:
            _pain_sessions(ax, trend)
        ax.set_ylim(-0.5, 10.4)
        ax.set_yticks(range(0, 11, 2))
        ax.set_ylabel("Pain (0–10 scale)")
        ax.set_xlabel("Week" if long else "Session date")
        _pad_dates(ax, dates)
        _date_axis(ax, dates)
        ax.set_title("Pain before and after sessions, weekly mean" if long else title)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, frameon=False)
    return fig


def _pain_sessions(ax: Axes, trend: PainTrend) -> None:
    before = [(date2num(p.started_at), p.before) for p in trend.points if p.before is not None]
    after = [(date2num(p.started_at), p.after) for p in trend.points if p.after is not None]
    rolling = [(date2num(p.started_at), p.rolling) for p in trend.points
               if p.rolling is not None]
    links = [  # a thin line from before to after shows each session's effect
        [(date2num(p.started_at), p.before), (date2num(p.started_at), p.after)]
        for p in trend.points if p.before is not None and p.after is not None
    ]
    ax.add_collection(LineCollection(links, colors=GREY, linewidths=0.8, zorder=1,
                                     gid="pain-links"))
    if before:
        ax.plot(*zip(*before, strict=True), ls="none", marker="o", ms=5, color=BLUE,
                label="before", zorder=3, gid="pain-before")
    if after:
        ax.plot(*zip(*after, strict=True), ls="none", marker="s", ms=4.5, mfc="white",
                mew=1.4, color=ORANGE, label="after", zorder=3, gid="pain-after")
    if rolling:
        ax.plot(*zip(*rolling, strict=True), color=BLACK, lw=2,
                label=f"{trend.window}-session average (before)", zorder=4, gid="pain-rolling")


def _pain_weekly(ax: Axes, trend: PainTrend) -> None:
    for name, colour, style in (("before", BLUE, "-"), ("after", ORANGE, "--")):
        values = [(p.date, getattr(p, name)) for p in trend.points
                  if getattr(p, name) is not None]
        if values:
            weekly = _weekly(values)
            ax.plot(_x(d for d, _ in weekly), [v for _, v in weekly], color=colour, ls=style,
                    lw=1.8, label=f"{name} (weekly mean)", zorder=3, gid=f"pain-{name}")


# -- adherence calendar -----------------------------------------------------------------------

WEEKDAY_LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _heat_bins(max_sets: int) -> list[tuple[int, int]]:
    """Four ranges of sets done per day, from 1 to the busiest day."""
    top = max(max_sets, 4)
    edges = [1]
    for k in (1, 2, 3):
        edges.append(max(edges[-1] + 1, 1 + math.ceil(top * k / 4)))
    edges.append(top + 1)
    return [(edges[i], edges[i + 1] - 1) for i in range(4)]


def _level(sets: int, bins: list[tuple[int, int]]) -> int:
    return next((i for i, (lo, hi) in enumerate(bins) if lo <= sets <= hi), len(bins) - 1)


def adherence_chart(adherence: Adherence | None, weeks: int = 26) -> Figure:
    """A weeks x weekdays heat-map of sets done, up to today.

    It shows at most `weeks` weeks, and no more than the weeks since the first session (but
    at least MIN_WEEKS), so a new user does not look at half a year of blank squares.
    """
    title = "Exercise calendar"
    if adherence is None or not adherence.days:
        return _empty(title, "Each day you exercise fills a square here.")
    today = adherence.today
    last_monday = today - timedelta(days=today.weekday())
    since_first = (last_monday - week_start(adherence.days[0].date)).days // 7 + 1
    weeks = max(MIN_WEEKS, min(weeks, since_first))
    first_monday = last_monday - timedelta(weeks=weeks - 1)
    days = {d.date: d for d in adherence.days if d.date >= first_monday}
    bins = _heat_bins(max((d.sets for d in days.values()), default=0))
    pct = "—" if adherence.percent is None else f"{adherence.percent:.0f}%"
    subtitle = (f"{pct} of planned sessions done ({adherence.schedule.label()}); "
                f"streak {adherence.current_streak}, best {adherence.longest_streak}")
    with _styled():
        fig = _figure(3.0, f"{title}, last {weeks} weeks: {subtitle}.")
        ax = fig.add_subplot()
        for w in range(weeks):
            for wd in range(7):
                day = first_monday + timedelta(weeks=w, days=wd)
                if day > today:
                    continue
                info = days.get(day)
                if info is None:       # before the first session
                    colour, edge = "white", "#E6E6E6"
                elif info.sets:
                    colour, edge = HEAT[_level(info.sets, bins)], "white"
                else:
                    colour, edge = (MISSED if info.missed else REST), "white"
                cell = Rectangle((w + 0.06, wd + 0.06), 0.88, 0.88, facecolor=colour,
                                 edgecolor=edge, lw=0.6, gid=f"day-{day.isoformat()}")
                ax.add_patch(cell)
                if info is not None and info.missed:
                    ax.plot(w + 0.5, wd + 0.5, marker="x", ms=4, color="#6E6E6E", mew=1,
                            gid=f"missed-{day.isoformat()}")
        ax.add_patch(Rectangle(((today - first_monday).days // 7 + 0.02, today.weekday() + 0.02),
                               0.96, 0.96, fill=False, edgecolor=BLACK, lw=1.4, gid="today"))
        ax.set_xlim(0, weeks)
        ax.set_ylim(7, 0)
        ax.set_aspect("equal")
        ax.set_yticks([i + 0.5 for i in range(7)], WEEKDAY_LABELS)
        step = max(3, math.ceil(weeks / 9))   # labels about 60 px apart at 600 px wide
        ticks = list(range(0, weeks, step))
        ax.set_xticks([t + 0.5 for t in ticks],
                      [(first_monday + timedelta(weeks=t)).strftime("%-d %b") for t in ticks])
        ax.set_xlabel("Week starting (Monday)")
        ax.tick_params(length=0)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        fig.suptitle(title, fontsize=12, fontweight="bold")
        ax.set_title(subtitle, fontsize=10, fontweight="normal")
        handles: list[Artist] = [
            Patch(facecolor=HEAT[i], label=f"{lo}–{hi}" if hi > lo else f"{lo}")
            for i, (lo, hi) in enumerate(bins)
        ]
        handles += [
            Line2D([], [], marker="x", ls="none", color="#6E6E6E", markerfacecolor=MISSED,
                   label="missed"),
            Patch(facecolor=REST, edgecolor="#CCCCCC", label="rest day"),
        ]
        fig.legend(handles=handles, title="Sets done per day", loc="outside lower center",
                   ncol=6, frameon=False, handlelength=1.2, columnspacing=1.0,
                   title_fontsize=9)
    return fig


# -- per exercise -----------------------------------------------------------------------------


def _side_label(side: str | None) -> str:
    return side if side else "both legs"   # exercises without sides move both legs at once


def _plot_sides(
    ax: Axes, series: dict[str | None, list[tuple[date, float]]], gid: str, weekly: bool
) -> None:
    for side, points in sorted(series.items(), key=lambda kv: str(kv[0])):
        if weekly:
            points = _weekly(points)
        colour, marker, filled, line = SIDE_STYLE.get(side, SIDE_STYLE[None])
        if len(points) > MAX_MARKERS:
            marker = "none"
        ax.plot(_x(d for d, _ in points), [v for _, v in points], color=colour, marker=marker,
                ls=line, lw=1.6,
                ms=5 if filled else 7.5, mfc=colour if filled else "none", mew=1.3,
                zorder=3 if filled else 2,   # a filled circle shows inside a hollow square
                label=_side_label(side), gid=f"{gid}-{side or 'both'}")


def exercise_chart(progress: ExerciseProgress) -> Figure:
    """Range of motion (peak angle of camera reps) and hold time over time, per side.

    Without camera reps or holds, it shows reps done against the target instead.
    """
    title = progress.name
    if not progress.points:
        return _empty(title, "Do this exercise in a session to see its progress here.")
    rom = progress.series("peak_mean")
    holds = progress.series("hold_mean")
    panels = [p for p, has in (("rom", rom), ("hold", holds)) if has] or ["reps"]
    long = _is_long([p.date for p in progress.points])
    alt_parts = {
        "rom": f"range of motion ({progress.metric or 'peak angle'})",
        "hold": "hold time",
        "reps": "reps done against the target",
    }
    alt = f"{title}: {' and '.join(alt_parts[p] for p in panels)} per session."
    with _styled():
        fig = _figure(2.2 + 1.7 * len(panels), alt)
        axes = fig.subplots(len(panels), 1, sharex=True, squeeze=False)[:, 0]
        for ax, panel in zip(axes, panels, strict=True):
            if panel == "rom":
                _rom_panel(ax, progress, rom, long)
            elif panel == "hold":
                _hold_panel(ax, progress, holds, long)
            else:
                _reps_panel(ax, progress, long)
        _pad_dates(axes[-1], [p.date for p in progress.points])
        _date_axis(axes[-1], [p.date for p in progress.points])
        axes[-1].set_xlabel("Session date")
        fig.suptitle(f"{title}: {' and '.join(alt_parts[p] for p in panels)}",
                     fontsize=12, fontweight="bold")
    return fig


def _rom_panel(ax: Axes, progress: ExerciseProgress, rom: dict, long: bool) -> None:
    _plot_sides(ax, rom, "rom", long)
    metric = (progress.metric or "peak angle").capitalize()
    ax.set_ylabel(f"{metric} ({progress.unit})")
    bigger = "lower" if progress.rom_direction == "lower" else "higher"
    per = "week" if long else "session"
    ax.set_title(f"Range of motion: mean peak per {per} ({bigger} = bigger movement)",
                 fontsize=10, fontweight="normal", loc="left")
    ax.legend(loc="best", frameon=False)


def _hold_panel(ax: Axes, progress: ExerciseProgress, holds: dict, long: bool) -> None:
    _plot_sides(ax, holds, "hold", long)
    if progress.hold_target:
        ax.axhline(progress.hold_target, color=GREY, ls=":", lw=1.4,
                   label=f"target {progress.hold_target:g} s", gid="hold-target")
    ax.set_ylabel("Hold (seconds)")
    ax.set_ylim(bottom=0)
    ax.set_title(f"Hold time: mean per {'week' if long else 'session'}", fontsize=10,
                 fontweight="normal", loc="left")
    ax.legend(loc="lower right", frameon=False)


def _reps_panel(ax: Axes, progress: ExerciseProgress, long: bool) -> None:
    by_session: dict[int, list] = {}
    for p in progress.points:
        row = by_session.setdefault(p.session_id, [p.date, 0, 0])
        row[1] += p.reps_done
        row[2] += p.reps_target
    done = [(d, float(n)) for d, n, _ in by_session.values()]
    target = [(d, float(t)) for d, _, t in by_session.values()]
    if long:
        done, target = _weekly(done), _weekly(target)
    marker = "o" if len(done) <= MAX_MARKERS else "none"
    ax.plot(_x(d for d, _ in target), [v for _, v in target], color=GREY, ls=":", lw=1.6,
            label="target", gid="reps-target")
    ax.plot(_x(d for d, _ in done), [v for _, v in done], color=BLUE, marker=marker, lw=1.6,
            ms=5, label="done", gid="reps-done")
    ax.set_ylabel(f"Reps per {'session, weekly mean' if long else 'session'}")
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="lower right", frameon=False)


# -- rendering ---------------------------------------------------------------------------------


def progress_charts(report: ProgressReport, weeks: int = 26) -> dict[str, Figure]:
    """Every chart of a report: "pain", "adherence", and "exercise-<id>" for each exercise done."""
    charts = {"pain": pain_chart(report.pain),
              "adherence": adherence_chart(report.adherence, weeks)}
    for ex in report.exercises:
        charts[f"exercise-{ex.exercise_id}"] = exercise_chart(ex)
    return charts


def render_svg(fig: Figure) -> str:
    """The figure as an SVG document, with role="img" and a <title> from its text alternative."""
    buf = io.StringIO()
    with _styled():   # svg.fonttype and hashsalt apply when saving
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "BackCoach"})
    svg = buf.getvalue()
    alt = str(fig.get_label() or "")
    head = svg.index("<svg ")
    end = svg.index(">", head)
    return (svg[:head] + svg[head:end].replace("<svg ", '<svg role="img" ', 1) + ">"
            + (f"\n <title>{escape(alt)}</title>" if alt else "") + svg[end + 1:])


def render_png(fig: Figure, dpi: int = DPI) -> bytes:
    """The figure as PNG bytes (600 px wide at the default dpi)."""
    buf = io.BytesIO()
    with _styled():
        fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": "BackCoach"})
    return buf.getvalue()


def write_charts(
    charts: dict[str, Figure], out_dir: Path, formats: Iterable[str] = ("svg",)
) -> list[Path]:
    """Write each chart as `<name>.<format>` (svg and/or png) into `out_dir`; returns the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, fig in charts.items():
        for fmt in formats:
            path = out_dir / f"{name}.{fmt}"
            if fmt == "svg":
                path.write_text(render_svg(fig), encoding="utf-8")
            elif fmt == "png":
                path.write_bytes(render_png(fig))
            else:
                raise ValueError(f"unknown chart format {fmt!r}; use svg or png")
            written.append(path)
            log.debug("wrote %s", path)
    return written
