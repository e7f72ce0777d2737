"""The red-flag screen: the full first-use questions and the brief "anything new?" check."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal, Protocol

from backcoach.session.rules import RedFlag, ScreeningData, load_rules

BRIEF_ANSWER_ID = "anything_new"


@dataclass(frozen=True)
class ScreeningOutcome:
    """The result of a screen: cleared to exercise or not, and the one sentence saying why."""

    kind: Literal["full", "brief"]
    answers: dict[str, bool]
    cleared: bool
    message: str
    flags: tuple[str, ...] = field(default=())   # ids answered yes
    urgent: bool = False


class PastScreening(Protocol):
    """What the rule needs of a stored screening (e.g. backcoach.store's ScreeningRecord)."""

    cleared: bool
    at: datetime


def _join(items: list[str], conjunction: str = "and") -> str:
    """"a", "a and b", "a, b, and c": the comma before the last item keeps an item that holds
    its own "or" readable as one sign."""
    if len(items) <= 2:
        return f" {conjunction} ".join(items)
    return ", ".join(items[:-1]) + f", {conjunction} " + items[-1]


def red_flags(data: ScreeningData | None = None) -> list[RedFlag]:
    """The full screen's questions, in order."""
    return list((data or load_rules().screening).questions)


def brief_question(data: ScreeningData | None = None) -> str:
    """The one "anything new?" question asked at the start of each session."""
    data = data or load_rules().screening
    return data.brief.question.format(signs=_join([q.short for q in data.questions], "or"))


def evaluate_full(answers: dict[str, bool], data: ScreeningData | None = None) -> ScreeningOutcome:
    """Judge the full screen; every question must be answered. Any yes means see a doctor."""
    data = data or load_rules().screening
    ids = [q.id for q in data.questions]
    missing = [i for i in ids if i not in answers]
    unknown = sorted(set(answers) - set(ids))
    if missing or unknown:
        raise ValueError(f"screen answers: missing {missing}, unknown {unknown}")
    yes = [q for q in data.questions if answers[q.id]]
    clean = {i: bool(answers[i]) for i in ids}
    if not yes:
        return ScreeningOutcome("full", clean, True, data.messages.cleared)
    urgent = any(q.urgent for q in yes)
    template = data.messages.red_flag_urgent if urgent else data.messages.red_flag
    message = template.format(signs=_join([q.short for q in yes]))
    return ScreeningOutcome("full", clean, False, message, tuple(q.id for q in yes), urgent)


def evaluate_brief(anything_new: bool, data: ScreeningData | None = None) -> ScreeningOutcome:
    """Judge the brief check: a yes stops the session and sends the person to a doctor."""
    data = data or load_rules().screening
    answers = {BRIEF_ANSWER_ID: bool(anything_new)}
    if anything_new:
        urgent = [q.short for q in data.questions if q.urgent]
        message = data.messages.brief_red_flag.format(signs=_join(urgent, "or"))
        # Not marked urgent: a single yes cannot say which sign it is; the message says when
        # to get help today.
        return ScreeningOutcome("brief", answers, False, message, (BRIEF_ANSWER_ID,))
    return ScreeningOutcome("brief", answers, True, data.messages.brief_cleared)


def needs_full_screen(
    last_full: PastScreening | None,
    last_brief: PastScreening | None,
    now: datetime | None = None,
    data: ScreeningData | None = None,
) -> bool:
    """The one rule for which screen to ask: the full one on first use, after any screen (full
    or brief) that did not clear since the last full one cleared, and when the last full one is
    older than the data's `brief.full_every_days` (when set; `now` is then required)."""
    if last_full is None or not last_full.cleared:
        return True
    if last_brief is not None and not last_brief.cleared and last_brief.at >= last_full.at:
        return True
    every = (data or load_rules().screening).brief.full_every_days
    return bool(every and now is not None and now - last_full.at >= timedelta(days=every))
