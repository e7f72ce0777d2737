"""Adherence: sessions done against the schedule, per day and week, streaks, and a calendar.

Rules (see docs/reports.md):
- a session counts as done when at least one of its sets was done (not skipped);
- the plan starts on the day of the first session; today counts only once it is done, so an
  evening session is not shown as missed in the morning;
- adherence is counted per week (Monday to Sunday), so a session moved to another day of the
  same week still counts, and extra sessions never make up for another week;
- a streak is the number of planned days in a row on which the planned sessions were done;
  days without a planned session neither add to it nor break it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from backcoach.reports.days import week_start
from backcoach.reports.schedule import Schedule

RECENT_DAYS = 28


@dataclass(frozen=True)
class CalendarDay:
    """One day of the adherence calendar."""

    date: date
    planned: int          # sessions the schedule plans on this day
    sessions: int         # sessions done (with at least one set done)
    sets: int             # sets done
    reps: int             # reps done
    pending: bool = False  # today, with planned sessions still to do: not missed yet

    @property
    def met(self) -> bool:
        return self.planned > 0 and self.sessions >= self.planned

    @property
    def missed(self) -> bool:
        return self.planned > 0 and self.sessions < self.planned and not self.pending

    @property
    def counted_plan(self) -> int:
        """Planned sessions that count against adherence (a pending day: those done so far)."""
        return min(self.planned, self.sessions) if self.pending else self.planned

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "planned": self.planned,
                "sessions": self.sessions, "sets": self.sets, "reps": self.reps,
                "met": self.met, "missed": self.missed, "pending": self.pending}


@dataclass(frozen=True)
class WeekAdherence:
    week_start: date
    planned: int
    done: int             # sessions done that week (may exceed planned)
    percent: float | None  # min(done, planned) / planned, None for a week with nothing planned

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["week_start"] = self.week_start.isoformat()
        return d


@dataclass(frozen=True)
class Adherence:
    schedule: Schedule
    today: date
    days: list[CalendarDay] = field(default_factory=list)    # first session's day .. today
    weeks: list[WeekAdherence] = field(default_factory=list)
    planned: int = 0
    done: int = 0                     # sessions done that count against the plan
    percent: float | None = None      # since the first session
    recent_percent: float | None = None   # over the last RECENT_DAYS days
    current_streak: int = 0
    longest_streak: int = 0
    active_days: int = 0
    last_session: date | None = None

    @property
    def calendar(self) -> dict[date, CalendarDay]:
        """Date -> day, for lookups (the heat-map uses it)."""
        return {d.date: d for d in self.days}

    def to_dict(self) -> dict[str, Any]:
        return {
            "schedule": self.schedule.to_dict(),
            "today": self.today.isoformat(),
            "planned": self.planned,
            "done": self.done,
            "percent": self.percent,
            "recent_percent": self.recent_percent,
            "current_streak": self.current_streak,
            "longest_streak": self.longest_streak,
            "active_days": self.active_days,
            "last_session": self.last_session.isoformat() if self.last_session else None,
            "weeks": [w.to_dict() for w in self.weeks],
            "calendar": [d.to_dict() for d in self.days],
        }


def _percent(counted: int, planned: int) -> float | None:
    return round(100.0 * counted / planned, 1) if planned else None


def _counted_weeks(days: list[CalendarDay]) -> list[WeekAdherence]:
    weeks: dict[date, list[int]] = {}
    for day in days:
        planned_done = weeks.setdefault(week_start(day.date), [0, 0])
        planned_done[0] += day.counted_plan
        planned_done[1] += day.sessions
    return [WeekAdherence(start, p, d, _percent(min(d, p), p)) for start, (p, d) in weeks.items()]


def _ratio(days: list[CalendarDay]) -> tuple[int, int]:
    """(sessions that count, sessions planned) over whole weeks of `days`."""
    weeks = _counted_weeks(days)
    return sum(min(w.done, w.planned) for w in weeks), sum(w.planned for w in weeks)


def _streaks(days: list[CalendarDay]) -> tuple[int, int]:
    run = longest = 0
    for day in days:
        if day.planned == 0 or day.pending:
            continue
        run = run + 1 if day.met else 0
        longest = max(longest, run)
    return run, longest


def adherence(
    done_by_day: Iterable[tuple[date, int, int]],
    schedule: Schedule,
    today: date,
) -> Adherence:
    """Adherence from (local date, sets done, reps done) of each session that was done."""
    per_day: dict[date, list[int]] = {}
    for day, sets, reps in done_by_day:
        if day > today:
            continue
        totals = per_day.setdefault(day, [0, 0, 0])
        totals[0] += 1
        totals[1] += sets
        totals[2] += reps
    if not per_day:
        return Adherence(schedule=schedule, today=today)
    first = min(per_day)
    days: list[CalendarDay] = []
    for n in range((today - first).days + 1):
        day = first + timedelta(days=n)
        sessions, sets, reps = per_day.get(day, (0, 0, 0))
        planned = schedule.planned_on(day)
        pending = day == today and sessions < planned   # the day is not over yet
        days.append(CalendarDay(day, planned, sessions, sets, reps, pending))
    counted, planned_total = _ratio(days)
    recent = [d for d in days if d.date > today - timedelta(days=RECENT_DAYS)]
    recent_counted, recent_planned = _ratio(recent)
    current, longest = _streaks(days)
    return Adherence(
        schedule=schedule,
        today=today,
        days=days,
        weeks=_counted_weeks(days),
        planned=planned_total,
        done=counted,
        percent=_percent(counted, planned_total),
        recent_percent=_percent(recent_counted, recent_planned),
        current_streak=current,
        longest_streak=longest,
        active_days=len(per_day),
        last_session=max(per_day),
    )
