"""The whole terminal flow in-process against a real store: screens, pain, load, summary."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from rich.console import Console

from backcoach.errors import SafetyStop
from backcoach.session import FakeClock, NullSpeaker, build_plan
from backcoach.terminal import ScriptedKeys, play_session
from tests.session.helpers import T0


class ClockKeys(ScriptedKeys):
    def __init__(self, keys, clock: FakeClock):
        super().__init__(keys)
        self.clock = clock

    def read(self, timeout: float):
        self.clock.advance(timeout)
        return super().read(timeout)


def _play(store, monkeypatch, typed: str, keys: list, ids: list[str], at):
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    console = Console(file=io.StringIO(), width=110, color_system=None)
    clock = FakeClock()
    code = play_session(console, store, build_plan(ids), keys=ClockKeys(keys, clock),
                        speaker=NullSpeaker(), clock=clock, now=lambda: at)
    return code, " ".join(console.file.getvalue().split())   # words, not line breaks


def test_worse_pain_the_next_morning_lowers_the_stored_load(store, monkeypatch):
    code, out = _play(store, monkeypatch, "n\n" * 7 + "2\n" + "2\n", [" "] * 10,
                      ["ankle-pumps"], T0)
    assert code == 0 and "not a diagnosis" in out and "10/10" in out
    # next morning: brief check only, pain 5 against 2 -> half the reps (the 50% step)
    code, out = _play(store, monkeypatch, "n\n" + "5\n" + "3\n", [" "] * 5,
                      ["ankle-pumps"], T0 + timedelta(hours=20))
    assert code == 0 and "Anything new" in out and "50% of the usual load" in out
    newest, first = store.history(store.local_user())
    assert [d["kind"] for d in newest["decisions"]] == ["lower_load", "after_check"]
    (s,) = newest["exercises"][0]["sets"]
    assert (s["reps_target"], s["reps_done"]) == (5, 5)
    assert first["exercises"][0]["sets"][0]["reps_target"] == 10


def test_pain_too_high_before_starting_stops_with_the_safety_exit_code(store, monkeypatch):
    code, out = _play(store, monkeypatch, "n\n" * 7 + "8\n", [], ["ankle-pumps"], T0)
    assert code == SafetyStop.exit_code and "rest today instead of exercising" in out
    (item,) = store.history(store.local_user())
    assert item["status"] == "stopped" and item["pain_before"] == 8
    assert [d["kind"] for d in item["decisions"]] == ["do_not_start"]


@pytest.mark.parametrize("answers", ["y\n" + "n\n" * 6, "n\n" * 6 + "y\n"])
def test_a_red_flag_on_first_use_stops_and_the_full_screen_comes_back_next_time(
        store, monkeypatch, answers):
    code, out = _play(store, monkeypatch, answers, [], ["ankle-pumps"], T0)
    assert code == SafetyStop.exit_code and "doctor" in out
    last = store.last_screening(store.local_user(), "full")
    assert last is not None and not last.cleared and sum(last.answers.values()) == 1
    # not cleared last time: the full screen (not the brief check) runs again
    code, out = _play(store, monkeypatch, "n\n" * 7 + "1\n" + "1\n", ["q"],
                      ["ankle-pumps"], T0 + timedelta(days=1))
    assert code == 0 and "Anything new" not in out and "not a diagnosis" in out


def test_a_yes_to_the_brief_check_brings_the_full_screen_back_next_time(store, monkeypatch):
    code, _ = _play(store, monkeypatch, "n\n" * 7 + "1\n" + "1\n", ["q"], ["ankle-pumps"], T0)
    assert code == 0
    # next day: the brief check only; "yes, something new" stops the session
    code, out = _play(store, monkeypatch, "y\n", [], ["ankle-pumps"], T0 + timedelta(days=1))
    assert code == SafetyStop.exit_code and "Anything new" in out and "medical help today" in out
    # the day after: not the brief check again (a "no" there would let the person exercise)
    code, out = _play(store, monkeypatch, "n\n" * 7 + "1\n" + "1\n", ["q"],
                      ["ankle-pumps"], T0 + timedelta(days=2))
    assert code == 0 and "Anything new" not in out and "not a diagnosis" in out
    full = store.last_screening(store.local_user(), "full")
    assert full is not None and full.cleared and full.at == T0 + timedelta(days=2)


def test_one_pain_stop_is_reported_once_not_1_times(store, monkeypatch):
    code, out = _play(store, monkeypatch, "n\n" * 7 + "2\n" + "2\n", [" ", " ", "7", "q"],
                      ["ankle-pumps"], T0)
    assert code == 0 and "Stopped for pain once during the session" in out
    assert "time(s)" not in out and "2 of 10" in out
