"""Clocks the session engine reads: a real monotonic one and a fake one tests move by hand."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """Anything with `now()`: seconds as a float that never goes backwards."""

    def now(self) -> float: ...


class MonotonicClock:
    """The real clock: `time.monotonic()`."""

    def now(self) -> float:
        return time.monotonic()


class FakeClock:
    """A clock that only moves when told to; for deterministic tests."""

    def __init__(self, start: float = 0.0) -> None:
        self._t = float(start)

    def now(self) -> float:
        return self._t

    def advance(self, seconds: float) -> float:
        """Move forward by `seconds` and return the new time."""
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        self._t += seconds
        return self._t

    def set(self, t: float) -> None:
        """Jump to time `t` (not earlier than now)."""
        if t < self._t:
            raise ValueError("a clock cannot go backwards")
        self._t = float(t)
