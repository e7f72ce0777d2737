"""Progress reports: what a person and their physiotherapist look at to see it getting better.

    from backcoach.reports import build_progress, progress_charts, render_svg
    report = build_progress(store, user_id, today=date.today(), schedule=Schedule.parse("daily"))
    report.pain.sentence                       # the pain trend in one sentence
    report.adherence.current_streak            # planned days in a row done
    svgs = {name: render_svg(fig) for name, fig in progress_charts(report).items()}

Modules: `progress` (the report), `queries` (its SQL), `trend` (pain), `adherence` (schedule,
streaks, calendar), `exercises` (range of motion, holds, reps), `charts` (Matplotlib SVG/PNG),
`export` (CSV and JSON), `calendar` (iCalendar reminders), `schedule` (planned days and times).
"""

from backcoach.reports.adherence import Adherence, CalendarDay, WeekAdherence
from backcoach.reports.calendar import reminders_ics
from backcoach.reports.charts import (
    adherence_chart,
    exercise_chart,
    pain_chart,
    progress_charts,
    render_png,
    render_svg,
    write_charts,
)
from backcoach.reports.exercises import ExercisePoint, ExerciseProgress
from backcoach.reports.export import (
    CSV_COLUMNS,
    ExportSummary,
    export_data,
    export_to_file,
    write_csv,
    write_json,
)
from backcoach.reports.progress import ProgressReport, SessionSummary, build_progress
from backcoach.reports.schedule import Schedule, parse_days, parse_time
from backcoach.reports.trend import PainPoint, PainTrend

__all__ = [
    "CSV_COLUMNS",
    "Adherence",
    "CalendarDay",
    "ExercisePoint",
    "ExerciseProgress",
    "ExportSummary",
    "PainPoint",
    "PainTrend",
    "ProgressReport",
    "Schedule",
    "SessionSummary",
    "WeekAdherence",
    "adherence_chart",
    "build_progress",
    "exercise_chart",
    "export_data",
    "export_to_file",
    "pain_chart",
    "parse_days",
    "parse_time",
    "progress_charts",
    "reminders_ics",
    "render_png",
    "render_svg",
    "write_charts",
    "write_csv",
    "write_json",
]
