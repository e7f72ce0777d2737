"""A sliding time window of values that knows its median at any moment.

Analyzers ask for the median of the last few seconds of a measurement on every frame (where
a foot rests, the middle an ankle swings about, how far a value wanders at rest). Sorting the
window each time costs tens of microseconds; this keeps the values sorted as they come and go.
"""

from __future__ import annotations

import bisect
from collections import deque


class SlidingMedian:
    """Values with their times, oldest first, and the same values kept sorted."""

    def __init__(self) -> None:
        self.items: deque[tuple[float, float]] = deque()    # (t, value) in time order
        self._sorted: list[float] = []

    def __len__(self) -> int:
        return len(self.items)

    def add(self, t: float, value: float) -> None:
        self.items.append((t, value))
        bisect.insort(self._sorted, value)

    def drop_before(self, t: float) -> None:
        """Forget the values older than t."""
        while self.items and self.items[0][0] < t:
            _, old = self.items.popleft()
            del self._sorted[bisect.bisect_left(self._sorted, old)]

    def clear(self) -> None:
        self.items.clear()
        self._sorted.clear()

    def median(self) -> float:
        """The median of the values (the mean of the middle two for an even count)."""
        values, n = self._sorted, len(self._sorted)
        if n == 0:
            raise ValueError("the window is empty")
        return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2.0

    def span(self) -> float:
        """Seconds from the oldest value to the newest (0 with fewer than two)."""
        return self.items[-1][0] - self.items[0][0] if len(self.items) > 1 else 0.0
