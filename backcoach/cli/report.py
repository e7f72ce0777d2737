"""`backcoach progress`, `export`, `charts` and `reminders`: thin shells over backcoach.reports."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from backcoach.cli.app import app, console
from backcoach.errors import InputError
from backcoach.words import plural

if TYPE_CHECKING:
    from backcoach.reports import ExerciseProgress, ProgressReport

DAYS_HELP = "Planned days: e.g. mon,wed,fri, mon-fri, weekdays or daily."


def _parse_date(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD.",
                                 param_hint=name) from exc


def _schedule(days: str, per_day: int = 1):
    """Parse --days; a bad value is a usage error (exit 2), not an unreadable input."""
    from backcoach.reports import Schedule

    try:
        return Schedule.parse(days, per_day)
    except InputError as exc:
        raise typer.BadParameter(str(exc), param_hint="--days") from exc


def _report(days: str, per_day: int, today: str | None) -> ProgressReport:
    from backcoach.reports import build_progress
    from backcoach.store import Store

    schedule = _schedule(days, per_day)
    with Store.open() as store:
        return build_progress(store, store.local_user(), today=_parse_date(today, "--today"),
                              schedule=schedule)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


def _change(start: float | None, recent: float | None, unit: str) -> str:
    if start is None or recent is None:
        return "—"
    sep = "" if unit == "°" else " "
    return f"{start:g}{sep}{unit} → {recent:g}{sep}{unit}"


def _exercise_row(ex: ExerciseProgress) -> list[str]:
    rom = _change(ex.peak_start, ex.peak_recent, ex.unit)
    if rom != "—" and ex.metric:
        rom = f"{ex.metric}: {rom}"
    hold = "—"
    if ex.hold_start is not None and ex.hold_recent is not None:
        hold = f"{ex.hold_start:g} → {ex.hold_recent:g} s"
        if ex.hold_target:
            hold += f" (target {ex.hold_target:g})"
    # Completion is per set (an easier set of 5 after a stopped set of 10 is judged on its own
    # 5), so it is shown beside the reps done rather than as one done/target sum.
    reps = f"{ex.reps_done} in {plural(ex.sets_done, 'set')} ({_pct(ex.completion)})"
    return [ex.name, str(ex.sessions), reps, rom, hold]


def progress_view(report: ProgressReport) -> Group | Text:
    """The report as Rich renderables: headline figures, the pain sentence, one row per exercise."""
    if report.empty:
        return Text("No sessions yet. Start one with `backcoach session`.")
    adh = report.adherence
    lines = [Text("BackCoach progress", style="bold")]
    first, last = report.sessions[0].date, report.sessions[-1].date
    lines.append(Text(
        f"Sessions: {report.sessions_done} done of {len(report.sessions)} started, "
        f"{first:%-d %b %Y} to {last:%-d %b %Y}"
    ))
    if adh is not None and adh.days:
        lines.append(Text(
            f"Adherence ({adh.schedule.label()}): {_pct(adh.percent)} of planned sessions, "
            f"last 4 weeks {_pct(adh.recent_percent)}"
        ))
        lines.append(Text(
            f"Streak: {plural(adh.current_streak, 'planned day')} in a row now, "
            f"longest {adh.longest_streak}"
        ))
    lines.append(Text(report.pain.sentence))
    if report.pain.effect_sentence:
        lines.append(Text(report.pain.effect_sentence))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1, 0, 0),
                  caption="Range of motion and hold: first 3 sessions → last 3.",
                  caption_justify="left")
    for name in ("exercise", "sessions", "reps (per-set completion)", "range of motion", "hold"):
        table.add_column(name)
    for ex in report.exercises:
        table.add_row(*_exercise_row(ex))
    return Group(*lines, Text(""), table)


JsonOpt = Annotated[bool, typer.Option("--json", help="Print the whole report as JSON.")]
DaysOpt = Annotated[str, typer.Option("--days", help=DAYS_HELP)]
PerDayOpt = Annotated[int, typer.Option("--per-day", min=1, max=5, help="Sessions planned a day.")]
TodayOpt = Annotated[
    str | None, typer.Option("--today", help="Report as of this date (YYYY-MM-DD; default today).")
]


@app.command("progress")
def progress(
    as_json: JsonOpt = False,
    days: DaysOpt = "daily",
    per_day: PerDayOpt = 1,
    today: TodayOpt = None,
) -> None:
    """Show progress: sessions, adherence and streaks, the pain trend, per-exercise figures.

    Example: backcoach progress --days mon,wed,fri
    """
    report = _report(days, per_day, today)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2))
        return
    console.print(progress_view(report))


@app.command("export")
def export(
    out: Annotated[Path, typer.Option("--out", "-o", help="The file to write.")],
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="csv or json (default: from the file's suffix).")] = None,
) -> None:
    """Export all your sessions, sets, pain ratings and decisions to a CSV or JSON file.

    Example: backcoach export --format csv --out backcoach.csv
    """
    from backcoach.reports import export_to_file
    from backcoach.store import Store

    fmt = (fmt or out.suffix.lstrip(".") or "json").lower()
    if fmt not in ("csv", "json"):
        raise typer.BadParameter(f"{fmt!r} is not a format; use csv or json.",
                                 param_hint="--format")
    with Store.open() as store:
        summary = export_to_file(store, store.local_user(), fmt, out)
    console.print(
        f"Wrote {summary.sessions} sessions, {summary.sets} sets and {summary.pain_reports} "
        f"pain ratings to {summary.path}", highlight=False,
    )


@app.command("charts")
def charts(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the charts into.")],
    png: Annotated[bool, typer.Option("--png", help="Write PNG images as well as SVG.")] = False,
    weeks: Annotated[int, typer.Option(
        "--weeks", min=4, max=53, help="Most weeks shown in the calendar.")] = 26,
    days: DaysOpt = "daily",
    per_day: PerDayOpt = 1,
    today: TodayOpt = None,
) -> None:
    """Draw the progress charts (pain, calendar, each exercise) as SVG files in a folder.

    Example: backcoach charts --out charts/
    """
    from backcoach.reports import progress_charts, write_charts

    report = _report(days, per_day, today)
    try:
        paths = write_charts(progress_charts(report, weeks=weeks), out,
                             formats=("svg", "png") if png else ("svg",))
    except OSError as exc:
        raise InputError(f"Cannot write the charts to {out}: {exc.strerror or exc}.") from exc
    for path in paths:
        console.print(str(path), highlight=False)


@app.command("reminders")
def reminders(
    out: Annotated[Path, typer.Option("--out", "-o", help="The .ics file to write.")],
    days: DaysOpt = "daily",
    at: Annotated[str, typer.Option(
        "--time", help="Time of day, 24-hour; several: 07:30,18:00.")] = "18:00",
    exercise: Annotated[list[str] | None, typer.Option(
        "--exercise", "-e", help="Exercise id for the plan (repeat; default: all nine).")] = None,
    start: Annotated[str | None, typer.Option(
        "--start", help="First day (YYYY-MM-DD; default today).")] = None,
    weeks: Annotated[int | None, typer.Option(
        "--weeks", min=1, max=104, help="Stop after this many weeks (default: no end).")] = None,
) -> None:
    """Write calendar reminders (.ics) for the exercise plan, to import into any calendar app.

    Example: backcoach reminders --days mon,wed,fri --time 18:00 --out backcoach.ics
    """
    from backcoach.reports import parse_time, reminders_ics
    from backcoach.session import build_plan

    schedule = _schedule(days)
    try:
        times = [parse_time(t) for t in at.split(",") if t.strip()]
    except InputError as exc:
        raise typer.BadParameter(str(exc), param_hint="--time") from exc
    if not times:
        raise typer.BadParameter("give at least one time, e.g. 18:00.", param_hint="--time")
    plan = build_plan(exercise or None)
    first = _parse_date(start, "--start") or date.today()
    text = reminders_ics(schedule, times, plan=plan, start=first, now=datetime.now(UTC),
                         weeks=weeks)
    try:
        out.expanduser().write_bytes(text.encode("utf-8"))
    except OSError as exc:
        raise InputError(f"Cannot write {out}: {exc.strerror or exc}.") from exc
    console.print(
        f"Wrote reminders {schedule.label()} at {', '.join(t.strftime('%H:%M') for t in times)} "
        f"to {out}", highlight=False,
    )
