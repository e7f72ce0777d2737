"""What a measurement did over its last few seconds, kept up to date frame by frame.

Analyzers ask for the median of the last few seconds of a measurement on every frame (where
a foot rests, the middle an ankle swings about, how far a value wanders at rest). Sorting the
window each time costs tens of microseconds; SlidingMedian keeps the values sorted as they
come and go. `running_mean` is the mean over about the last few seconds (how much a value
jitters or wanders at rest).
"""

from __future__ import annotations

import bisect
import math
from collections import deque


def running_mean(mean: float, n: int, x: float, dt: float, tau: float) -> tuple[float, int]:
    """One more sample x, dt seconds after the last, into a mean over about the last tau
    seconds: a plain mean of the first samples (a moving one would lean on its starting
    value), then a moving one. Returns the new mean and the count of samples in it."""
    n += 1
    a = max(1.0 / n, 1.0 - math.exp(-max(dt, 0.0) / tau))
    return mean + a * (x - mean), n


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
