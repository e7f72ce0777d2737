"""Local calendar days: sessions are stored in UTC but a person's day is their own."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo


def local_date(moment: datetime, tz: tzinfo | None = None) -> date:
    """The day of `moment` in `tz` (None: this computer's zone, daylight saving included)."""
    return (moment.astimezone(tz) if tz is not None else moment.astimezone()).date()


def end_of_day(day: date, tz: tzinfo | None = None) -> datetime:
    """The first instant after `day` in `tz`, as UTC."""
    midnight = datetime.combine(day + timedelta(days=1), time())
    aware = midnight.replace(tzinfo=tz) if tz is not None else midnight.astimezone()
    return aware.astimezone(UTC)


def today_in(tz: tzinfo | None = None) -> date:
    return datetime.now(tz).date() if tz is not None else datetime.now().astimezone().date()


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())
