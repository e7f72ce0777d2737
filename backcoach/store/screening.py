"""The record returned by `Store.last_screening`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ScreeningRecord:
    """One answered red-flag screen: `answers` maps question id -> yes (True) / no (False)."""

    kind: str                        # "full" or "brief"
    answers: dict[str, bool]
    cleared: bool                    # True when no red flag was raised
    at: datetime                     # timezone-aware UTC
