"""The pain rules: judge a 0-10 pain report, and lower the load when pain is worse next time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from backcoach.session.rules import LoadData, PainData, load_rules


@dataclass(frozen=True)
class PainVerdict:
    """What a pain report means: the level, whether to stop, and the one sentence saying so."""

    level: str          # "safe" | "acceptable" | "stop"
    stop: bool
    reason: str         # "safe" | "acceptable" | "high" | "rise" | "leg"
    message: str


@dataclass(frozen=True)
class PreviousSession:
    """What the load rule needs from the last session: its pain before and when it began."""

    pain_before: int | None
    started_at: datetime


@dataclass(frozen=True)
class LoadVerdict:
    """The load for this session (1.0 = as prescribed) and the sentence explaining it."""

    factor: float
    lowered: bool
    message: str | None


def check_score(score: int, data: PainData | None = None) -> int:
    """A valid 0-10 score, or ValueError."""
    data = data or load_rules().pain
    if isinstance(score, bool) or not isinstance(score, int):
        raise ValueError(f"a pain score is a whole number, not {score!r}")
    if not 0 <= score <= data.scale_max:
        raise ValueError(f"a pain score is 0 to {data.scale_max}, not {score}")
    return score


def assess_pain(
    score: int,
    baseline: int | None = None,
    sharp_leg_pain: bool = False,
    data: PainData | None = None,
) -> PainVerdict:
    """Judge a pain report during a session against the rule and the starting level."""
    data = data or load_rules().pain
    check_score(score, data)
    m = data.messages
    fill = {"score": score, "baseline": baseline, "limit": data.acceptable_max,
            "rise": data.rise_stop}
    if sharp_leg_pain:
        return PainVerdict("stop", True, "leg", m.stop_leg.format(**fill))
    if score > data.acceptable_max:
        return PainVerdict("stop", True, "high", m.stop_high.format(**fill))
    if baseline is not None and score - baseline >= data.rise_stop:
        return PainVerdict("stop", True, "rise", m.stop_rise.format(**fill))
    if score <= data.safe_max:
        return PainVerdict("safe", False, "safe", m.safe.format(**fill))
    return PainVerdict("acceptable", False, "acceptable", m.acceptable.format(**fill))


def assess_before(score: int, data: PainData | None = None) -> PainVerdict | None:
    """Pain above the limit before starting means no session today; None when it may start."""
    data = data or load_rules().pain
    check_score(score, data)
    if score > data.acceptable_max:
        msg = data.messages.before_too_high.format(score=score, limit=data.acceptable_max)
        return PainVerdict("stop", True, "high", msg)
    return None


def assess_after(score: int, baseline: int | None, data: PainData | None = None) -> PainVerdict:
    """Judge the pain after the session, in one sentence."""
    data = data or load_rules().pain
    check_score(score, data)
    m = data.messages
    fill = {"score": score, "baseline": baseline, "limit": data.acceptable_max,
            "rise": data.rise_stop}
    if score > data.acceptable_max:
        return PainVerdict("stop", True, "high", m.after_high.format(**fill))
    if baseline is not None and score - baseline >= data.rise_stop:
        return PainVerdict("stop", True, "rise", m.after_rise.format(**fill))
    if score <= data.safe_max:
        return PainVerdict("safe", False, "safe", m.after_safe.format(**fill))
    return PainVerdict("acceptable", False, "acceptable", m.after_acceptable.format(**fill))


def next_session_load(
    pain_before: int | None,
    previous: PreviousSession | None,
    now: datetime,
    data: LoadData | None = None,
) -> LoadVerdict:
    """Lower the load when pain now is worse than before the previous (recent) session."""
    data = data or load_rules().load
    if pain_before is None or previous is None or previous.pain_before is None:
        return LoadVerdict(1.0, False, None)
    hours = (now - previous.started_at).total_seconds() / 3600
    if hours < 0 or hours > data.window_hours:
        return LoadVerdict(1.0, False, None)
    rise = pain_before - previous.pain_before
    factor = data.factor_for(rise)
    if factor >= 1.0:
        return LoadVerdict(1.0, False, data.messages.kept)
    message = data.messages.lowered.format(
        score=pain_before, previous=previous.pain_before, percent=round(factor * 100)
    )
    return LoadVerdict(factor, True, message)
