"""Counted words for what BackCoach prints: '1 session', '3 sessions', 'once', '3 times'."""

from __future__ import annotations


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 session', '3 sessions' (`many` for irregular plurals)."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def times(count: int) -> str:
    """'once', 'twice', '3 times'."""
    return {1: "once", 2: "twice"}.get(count, f"{count} times")
