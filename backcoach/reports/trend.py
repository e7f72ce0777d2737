"""The pain trend: pain before each session over time, its rolling mean, and one sentence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from statistics import fmean
from typing import Any

#: Sessions in the rolling mean and in "recent".
WINDOW = 7
#: A change of 2 points on the 0-10 scale is the smallest that people notice as real
#: (the commonly used minimal clinically important difference for numeric pain ratings).
MEANINGFUL_CHANGE = 2.0
#: Below this the trend is described as "about the same".
STEADY_BAND = 0.5


@dataclass(frozen=True)
class PainPoint:
    """Pain around one session; `rolling` is the mean of `before` over the last WINDOW ratings."""

    session_id: int
    date: date
    started_at: datetime
    before: int | None
    after: int | None
    rolling: float | None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["date"], d["started_at"] = self.date.isoformat(), self.started_at.isoformat()
        return d


@dataclass(frozen=True)
class PainTrend:
    """The pain series and what it says, in numbers and in one sentence."""

    points: list[PainPoint] = field(default_factory=list)
    window: int = WINDOW
    rated_sessions: int = 0
    first_week_mean: float | None = None
    recent_mean: float | None = None
    recent_sessions: int = 0
    change: float | None = None           # recent_mean - first_week_mean; negative = less pain
    meaningful: bool = False
    session_effect: float | None = None   # mean (after - before) over the last WINDOW sessions
    sentence: str = ""
    effect_sentence: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["points"] = [p.to_dict() for p in self.points]
        return d


def _the_last(n: int, word: str) -> str:
    """"the last session", "the last 3 sessions"."""
    return f"the last {word}" if n == 1 else f"the last {n} {word}s"


def trend_sentence(first: float | None, recent: float | None, recent_n: int) -> str:
    """One sentence on pain before sessions: the first week against the latest sessions."""
    if first is None:
        return "No pain ratings yet: rate your pain before each session to see a trend here."
    first = round(first, 1)
    if recent is None:
        return (
            f"Pain before sessions has averaged {first:.1f}/10 in the first week; "
            "the trend appears once you have sessions in a second week."
        )
    recent = round(recent, 1)
    change = round(recent - first, 1)
    last = f"over {_the_last(recent_n, 'session')}"
    if abs(change) < STEADY_BAND:
        return (
            f"Pain before sessions is about the same as in the first week "
            f"({first:.1f}/10 then, {recent:.1f}/10 {last})."
        )
    if change < 0:
        tail = ", a change large enough to matter" if -change >= MEANINGFUL_CHANGE else ""
        return (
            f"Pain before sessions fell from {first:.1f}/10 in the first week to "
            f"{recent:.1f}/10 {last}: {-change:.1f} points lower{tail}."
        )
    return (
        f"Pain before sessions rose from {first:.1f}/10 in the first week to {recent:.1f}/10 "
        f"{last}: {change:.1f} points higher, worth telling your physiotherapist."
    )


def effect_sentence(effect: float | None, n: int) -> str | None:
    if effect is None:
        return None
    over = f"over {_the_last(n, 'session')} with both ratings"
    if abs(effect) < STEADY_BAND:
        return f"Pain after exercising was about the same as before, {over}."
    word = "lower" if effect < 0 else "higher"
    return (f"Pain after exercising was {abs(effect):.1f} points {word} than before "
            f"on average, {over}.")


def pain_trend(
    sessions: Sequence[tuple[int, date, datetime, int | None, int | None]],
    window: int = WINDOW,
) -> PainTrend:
    """The trend from (session id, local date, start, pain before, pain after), oldest first."""
    points: list[PainPoint] = []
    recent_values: list[int] = []
    for sid, day, started, before, after in sessions:
        rolling = None
        if before is not None:
            recent_values.append(before)
            rolling = round(fmean(recent_values[-window:]), 2)
        if before is not None or after is not None:
            points.append(PainPoint(sid, day, started, before, after, rolling))
    rated = [p for p in points if p.before is not None]
    if not rated:
        return PainTrend(points=points, window=window, sentence=trend_sentence(None, None, 0),
                         **_effect(points, window))
    week_end = rated[0].date + timedelta(days=7)
    first_week = [p.before for p in rated if p.date < week_end]
    later = [p.before for p in rated if p.date >= week_end][-window:]
    first = round(fmean(v for v in first_week if v is not None), 2)
    recent = round(fmean(v for v in later if v is not None), 2) if later else None
    change = round(recent - first, 2) if recent is not None else None
    return PainTrend(
        points=points,
        window=window,
        rated_sessions=len(rated),
        first_week_mean=first,
        recent_mean=recent,
        recent_sessions=len(later),
        change=change,
        meaningful=change is not None and abs(change) >= MEANINGFUL_CHANGE,
        sentence=trend_sentence(first, recent, len(later)),
        **_effect(points, window),
    )


def _effect(points: list[PainPoint], window: int) -> dict[str, Any]:
    both = [p.after - p.before for p in points
            if p.before is not None and p.after is not None][-window:]
    effect = round(fmean(both), 2) if both else None
    return {"session_effect": effect, "effect_sentence": effect_sentence(effect, len(both))}
