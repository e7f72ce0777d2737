"""The one rule for which screen to ask, and the wording of the brief check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from backcoach.session import brief_question, evaluate_brief, load_rules, needs_full_screen
from backcoach.session.rules import ScreeningData

T0 = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
DAY = timedelta(days=1)


@dataclass(frozen=True)
class Past:
    cleared: bool
    at: datetime


@pytest.mark.parametrize(("full", "brief", "expected"), [
    (None, None, True),                                   # first use
    (Past(False, T0), None, True),                        # the full screen did not clear
    (Past(True, T0), None, False),                        # cleared, nothing since
    (Past(True, T0), Past(True, T0 + DAY), False),        # a brief "no" since
    (Past(True, T0), Past(False, T0 + DAY), True),        # a brief "yes" since
    (Past(True, T0 + DAY), Past(False, T0), False),       # a brief "yes" before a cleared full
])
def test_full_screen_on_first_use_and_after_any_screen_that_did_not_clear(full, brief, expected):
    assert needs_full_screen(full, brief, T0 + 2 * DAY) is expected


def _with_full_every(days: int | None) -> ScreeningData:
    data = load_rules().screening
    return data.model_copy(update={"brief": data.brief.model_copy(
        update={"full_every_days": days})})


def test_an_old_full_screen_comes_back_only_when_the_data_says_so():
    full, brief = Past(True, T0), Past(True, T0 + DAY)
    later = T0 + 90 * DAY
    assert not needs_full_screen(full, brief, later, _with_full_every(None))
    assert needs_full_screen(full, brief, later, _with_full_every(90))
    assert not needs_full_screen(full, brief, later - DAY, _with_full_every(90))


def test_the_brief_question_lists_the_signs_as_alternatives():
    question = brief_question()
    shorts = [q.short for q in load_rules().screening.questions]
    assert question.endswith(f", or {shorts[-1]}?")
    assert f" and {shorts[-1]}" not in question


def test_a_brief_yes_says_when_to_get_medical_help_today_like_the_full_screen():
    message = evaluate_brief(True).message
    urgent = [q.short for q in load_rules().screening.questions if q.urgent]
    assert "medical help today" in message and all(s in message for s in urgent)
    assert "{" not in message
