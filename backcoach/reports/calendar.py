"""Exercise reminders as an iCalendar file (RFC 5545) that any calendar app imports.

    ics = reminders_ics(Schedule.parse("mon,wed,fri"), [time(18, 0)], plan=build_plan(),
                        start=date(2025, 3, 3), now=datetime.now(UTC))

One repeating event per reminder time, with an alarm at its start and the plan's exercises in
the description. Times are "floating" (no time zone): 18:00 stays 18:00 wherever the person
is, which is what a daily habit wants, and no VTIMEZONE block is needed. Lines end in CRLF and
are folded at 75 octets, never inside a UTF-8 character.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from backcoach.reports.schedule import EVERY_DAY, ICAL_DAYS, Schedule
from backcoach.session.plan import PlanItem, describe_item

PRODID = "-//BackCoach//Exercise reminders//EN"
MAX_OCTETS = 75
SUMMARY = "Back exercises (BackCoach)"


def escape_text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 section 3.3.11 asks."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Fold a content line into CRLF-separated pieces of at most 75 octets (RFC 5545 3.1)."""
    out: list[str] = []
    current, size = "", 0
    limit = MAX_OCTETS
    for char in line:
        n = len(char.encode("utf-8"))
        if size + n > limit:
            out.append(current)
            current, size, limit = " ", 1, MAX_OCTETS   # continuation lines start with a space
        current += char
        size += n
    out.append(current)
    return "\r\n".join(out)


def estimate_minutes(plan: Sequence[PlanItem]) -> int:
    """A rough length of one session (movements, holds and rests), rounded up to 5 minutes."""
    from backcoach.catalog import get_exercise

    seconds = 0.0
    for item in plan:
        tempo = get_exercise(item.exercise_id).dosage.tempo_seconds
        sides = max(1, len(item.sides))
        per_rep = tempo + (item.hold_seconds or 0.0)
        seconds += item.sets * sides * (item.reps * per_rep + item.rest_seconds)
    return max(5, 5 * math.ceil(seconds / 60 / 5))


def plan_description(plan: Sequence[PlanItem]) -> str:
    lines = ["Today's back exercises:"]
    lines += [f"- {item.name}: {describe_item(item)}" for item in plan]
    lines += [
        "",
        "Rate your pain before you start and after you finish. Stop and rest if pain goes "
        "above 5 out of 10, rises by 2 points, or shoots down a leg.",
        "Open BackCoach to be guided through the session.",
    ]
    return "\n".join(lines)


def first_day(schedule: Schedule, start: date) -> date:
    """The first planned day on or after `start` (DTSTART must be an occurrence itself)."""
    return next(start + timedelta(days=n) for n in range(7)
                if (start + timedelta(days=n)).weekday() in schedule.weekdays)


def _rrule(schedule: Schedule, weeks: int | None) -> str:
    if schedule.weekdays == EVERY_DAY:
        rule = "FREQ=DAILY"
    else:
        rule = "FREQ=WEEKLY;BYDAY=" + ",".join(ICAL_DAYS[d] for d in sorted(schedule.weekdays))
    if weeks is not None:
        rule += f";COUNT={weeks * len(schedule.weekdays)}"
    return rule


def _uid(schedule: Schedule, at: time, start: date) -> str:
    """Stable for the same schedule, so importing again updates rather than duplicates."""
    key = f"{sorted(schedule.weekdays)}|{at.isoformat()}|{start.isoformat()}"
    return f"reminder-{hashlib.sha1(key.encode()).hexdigest()[:16]}@backcoach"


def reminders_ics(
    schedule: Schedule,
    times: Sequence[time],
    *,
    plan: Sequence[PlanItem],
    start: date,
    now: datetime,
    weeks: int | None = None,
    minutes: int | None = None,
) -> str:
    """The .ics text: one repeating event (with an alarm) per time of day in `times`.

    `weeks` limits the reminders to that many weeks (None: no end); `minutes` is the event's
    length (default: estimated from the plan).
    """
    if not times:
        raise ValueError("give at least one reminder time")
    if weeks is not None and weeks < 1:
        raise ValueError("weeks must be 1 or more")
    length = minutes or estimate_minutes(plan)
    description = escape_text(plan_description(plan))
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    day = first_day(schedule, start)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:BackCoach reminders",
    ]
    for at in sorted(set(times)):
        begins = datetime.combine(day, at.replace(second=0, microsecond=0, tzinfo=None))
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_uid(schedule, at, day)}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{begins.strftime('%Y%m%dT%H%M%S')}",
            f"DURATION:PT{length}M",
            f"RRULE:{_rrule(schedule, weeks)}",
            f"SUMMARY:{escape_text(SUMMARY)}",
            f"DESCRIPTION:{description}",
            "CATEGORIES:HEALTH,EXERCISE",
            "TRANSP:TRANSPARENT",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape_text('Time for your back exercises.')}",
            "TRIGGER:PT0M",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
