"""The planned rhythm of sessions: which weekdays, how many a day, and at what time.

The source article gives no frequency, so the default (one session every day) is a BackCoach
default, not the article's word; a physiotherapist changes it per person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from backcoach.errors import InputError

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
#: RFC 5545 weekday codes, Monday first like `date.weekday()`.
ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
EVERY_DAY = frozenset(range(7))
_ALIASES = {"daily": EVERY_DAY, "weekdays": frozenset(range(5)), "weekends": frozenset({5, 6})}


@dataclass(frozen=True)
class Schedule:
    """Planned sessions: `per_day` sessions on each weekday in `weekdays` (0 = Monday)."""

    weekdays: frozenset[int] = EVERY_DAY
    per_day: int = 1

    def __post_init__(self) -> None:
        if not self.weekdays or not self.weekdays <= EVERY_DAY:
            raise InputError("A schedule needs at least one weekday (0 = Monday ... 6 = Sunday).")
        if not 1 <= self.per_day <= 5:
            raise InputError(f"Sessions a day must be 1 to 5, not {self.per_day}.")

    @classmethod
    def parse(cls, days: str = "daily", per_day: int = 1) -> Schedule:
        """From text such as "mon,wed,fri", "daily", "weekdays" or "mon-fri"."""
        return cls(parse_days(days), per_day)

    def planned_on(self, day: date) -> int:
        """Sessions planned on `day`."""
        return self.per_day if day.weekday() in self.weekdays else 0

    @property
    def day_names(self) -> list[str]:
        return [WEEKDAY_NAMES[d] for d in sorted(self.weekdays)]

    def label(self) -> str:
        """E.g. "every day", "Mon, Wed, Fri", "twice a day on weekdays"."""
        if self.weekdays == EVERY_DAY:
            days = "every day"
        elif self.weekdays == _ALIASES["weekdays"]:
            days = "on weekdays"
        else:
            days = "on " + ", ".join(n.capitalize() for n in self.day_names)
        times = {1: "", 2: "twice a day ", 3: "three times a day "}.get(
            self.per_day, f"{self.per_day} times a day "
        )
        return f"{times}{days}".strip()

    def to_dict(self) -> dict[str, object]:
        return {"days": self.day_names, "per_day": self.per_day, "label": self.label()}


def _day_index(name: str, text: str) -> int:
    key = name.strip().lower()[:3]
    if key not in WEEKDAY_NAMES:
        raise InputError(
            f"{name.strip()!r} in {text!r} is not a weekday. Use names like mon,wed,fri "
            "(or daily, weekdays, weekends, mon-fri)."
        )
    return WEEKDAY_NAMES.index(key)


def parse_days(text: str) -> frozenset[int]:
    """Weekday numbers (0 = Monday) from "mon,wed,fri", "mon-fri", "daily", "weekdays"..."""
    days: set[int] = set()
    for part in text.split(","):
        part = part.strip().lower()
        if not part:
            continue
        if part in _ALIASES:
            days |= _ALIASES[part]
        elif "-" in part:
            first, _, last = part.partition("-")
            a, b = _day_index(first, text), _day_index(last, text)
            days |= {(a + i) % 7 for i in range((b - a) % 7 + 1)}
        else:
            days.add(_day_index(part, text))
    if not days:
        raise InputError(f"No weekdays in {text!r}; give e.g. mon,wed,fri or daily.")
    return frozenset(days)


def parse_time(text: str) -> time:
    """A time of day from "18:00" or "7:30"."""
    hours, sep, minutes = text.strip().partition(":")
    try:
        if not sep or len(minutes) != 2:
            raise ValueError(text)
        return time(int(hours), int(minutes))
    except ValueError as exc:
        raise InputError(f"{text!r} is not a time of day; use 24-hour HH:MM, e.g. 18:00.") from exc
