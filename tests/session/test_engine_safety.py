"""Safety in the engine: red flags, the pain rule, easier variants, next-morning load."""

from __future__ import annotations

from datetime import timedelta

import pytest

from backcoach.session import (
    ExerciseStarted,
    FakeClock,
    PainReported,
    Phase,
    PreviousSession,
    SafetyStopped,
    SessionCompleted,
    SessionEngine,
    build_plan,
    evaluate_brief,
    evaluate_full,
    is_one_sentence,
    red_flags,
)
from tests.session.helpers import T0, cleared, decisions, of, press, run_for, sets, started


def _start(ids, *, screening=None, pain_before=2, previous=None):
    clock = FakeClock()
    engine = SessionEngine(build_plan(ids), clock=clock)
    ev = engine.start(screening=screening or cleared(), pain_before=pain_before,
                      previous=previous, started_at=T0)
    return engine, clock, ev


def test_the_full_screen_asks_the_seven_red_flags():
    ids = [q.id for q in red_flags()]
    assert len(ids) == 7 and len(set(ids)) == 7
    assert all(q.question.endswith("?") for q in red_flags())


@pytest.mark.parametrize("flag", [q.id for q in red_flags()])
def test_any_red_flag_stops_the_session_before_it_starts(flag):
    answers = {q.id: q.id == flag for q in red_flags()}
    outcome = evaluate_full(answers)
    assert not outcome.cleared and outcome.flags == (flag,)
    assert "doctor" in outcome.message or "medical help" in outcome.message
    engine, clock, ev = _start(["ankle-pumps"], screening=outcome)
    (stop,) = of(ev, SafetyStopped)
    assert stop.reason == "red_flag" and stop.session_ends
    assert not of(ev, ExerciseStarted)
    assert of(ev, SessionCompleted)[0].status == "stopped"
    assert [d.kind for d in decisions(ev)] == ["red_flag"]
    assert engine.rep_done() == [] and engine.finished


def test_urgent_signs_ask_for_medical_help_today():
    answers = {q.id: q.id in ("bladder_bowel", "fever") for q in red_flags()}
    outcome = evaluate_full(answers)
    assert outcome.urgent and "today" in outcome.message
    assert is_one_sentence(outcome.message)


def test_the_brief_check_stops_on_anything_new():
    assert evaluate_brief(False).cleared
    outcome = evaluate_brief(True)
    assert not outcome.cleared and "doctor" in outcome.message
    engine, _, ev = _start(["ankle-pumps"], screening=outcome)
    assert engine.status == "stopped" and not of(ev, ExerciseStarted)


def test_an_incomplete_screen_is_refused():
    with pytest.raises(ValueError):
        evaluate_full({"fever": False})


def test_pain_above_five_before_the_session_means_it_does_not_start():
    engine, _, ev = _start(["ankle-pumps"], pain_before=6)
    assert [d.kind for d in decisions(ev)] == ["do_not_start"]
    assert of(ev, SafetyStopped)[0].reason == "pain_before"
    assert engine.status == "stopped"


@pytest.mark.parametrize("score, level", [(0, "safe"), (3, "safe"), (4, "acceptable"),
                                          (5, "acceptable")])
def test_pain_up_to_five_lets_the_exercise_carry_on(score, level):
    engine, clock, _ = started(["ankle-pumps"], pain_before=score)
    press(engine, clock, 2)
    ev = engine.report_pain(score)
    (decision,) = decisions(ev)
    assert decision.kind == "continue" and engine.phase is Phase.MOVE
    assert ("safe" in decision.message) == (level == "safe")
    assert ("acceptable" in decision.message) == (level == "acceptable")
    press(engine, clock, 8)
    assert engine.status == "completed"


def test_pain_above_five_stops_the_exercise_keeps_the_reps_and_offers_an_easier_variant():
    engine, clock, _ = started(["heel-slides", "ankle-pumps"], pain_before=4)
    press(engine, clock, 3)
    ev = engine.report_pain(6)
    (stop,) = of(ev, SafetyStopped)
    assert stop.reason == "pain_high" and not stop.session_ends
    assert "rest" in stop.message and stop.offer is not None
    assert stop.offer.reps == 5                       # half of 10
    assert [(s.side, s.reps_done, s.skipped) for s in sets(ev)] == [("left", 3, False)]
    assert engine.phase is Phase.PAIN_STOP
    assert engine.rep_done() == [] and run_for(engine, clock, 60) == []
    assert engine.view().offer == stop.offer.text


def test_the_view_after_a_pain_stop_shows_the_reps_the_stopped_set_had():
    engine, clock, _ = started(["ankle-pumps"], pain_before=2)
    press(engine, clock, 2)
    ev = engine.report_pain(7)
    assert [s.reps_done for s in sets(ev)] == [2]
    view = engine.view()
    assert (view.phase, view.reps_done, view.reps_target) == ("pain_stop", 2, 10)
    engine.accept_easier()                       # the easier set starts from nothing
    assert (engine.view().phase, engine.view().reps_done) == ("move", 0)


def test_a_rise_of_two_over_the_start_stops_even_at_a_low_score():
    engine, clock, _ = started(["ankle-pumps"], pain_before=1)
    ev = engine.report_pain(2)
    assert decisions(ev)[0].kind == "continue"
    ev = engine.report_pain(3)
    assert of(ev, SafetyStopped)[0].reason == "pain_rise"
    assert "from 1 to 3" in decisions(ev)[0].message


def test_sharp_pain_down_the_leg_stops_whatever_the_score():
    engine, clock, _ = started(["straight-leg-raises"], pain_before=2)
    engine.rep_done()
    ev = engine.report_pain(2, sharp_leg_pain=True)
    assert of(ev, SafetyStopped)[0].reason == "leg_pain"
    assert "leg" in decisions(ev)[0].message
    pain = of(ev, PainReported)[0].record
    assert pain.sharp_leg_pain and pain.moment == "during"


def test_accepting_the_easier_variant_continues_with_fewer_reps_and_shorter_holds():
    engine, clock, _ = started(["straight-leg-raises"], pain_before=2)
    engine.report_pain(7)
    ev = engine.accept_easier()
    assert [d.kind for d in decisions(ev)] == ["easier_variant"]
    item = engine.plan[0]
    assert (item.reps, item.hold_seconds) == (5, 5) and item.note
    view = engine.view()
    assert view.phase == "move" and view.side == "left" and view.reps_target == 5
    assert view.note == item.note
    # a second stop on the easier variant offers nothing easier: rest, skip or quit
    ev = engine.report_pain(7)
    assert of(ev, SafetyStopped)[0].offer is None
    assert engine.accept_easier() == []
    ev = engine.quit()
    assert of(ev, SessionCompleted)[0].status == "stopped"


def test_skip_after_a_pain_stop_moves_on_and_records_the_rest_as_skipped():
    engine, clock, _ = started(["heel-slides", "ankle-pumps"], pain_before=2)
    press(engine, clock, 4)
    engine.report_pain(8)
    ev = engine.skip()
    assert [(s.side, s.reps_done, s.skipped) for s in sets(ev)] == [("right", 0, True)]
    assert engine.view().exercise_id == "ankle-pumps"


def test_pain_after_is_judged_against_the_start():
    engine, clock, _ = started(["ankle-pumps"], pain_before=2)
    press(engine, clock, 10)
    ev = engine.report_pain_after(5)
    (decision,) = decisions(ev)
    assert decision.kind == "after_check" and "2 to 5" in decision.message
    assert engine.pain_after == 5


def test_worse_pain_than_before_last_session_lowers_the_load():
    previous = PreviousSession(pain_before=2, started_at=T0 - timedelta(hours=22))
    engine, clock, ev = _start(None, pain_before=4, previous=previous)
    (decision,) = decisions(ev)
    assert decision.kind == "lower_load" and "75%" in decision.message
    full = {p.exercise_id: p for p in build_plan()}
    for item in engine.plan:
        base = full[item.exercise_id]
        assert item.reps < base.reps and item.reps >= min(3, base.reps)
        if base.hold_seconds:
            assert item.hold_seconds <= base.hold_seconds
            assert item.hold_seconds >= min(3, base.hold_seconds)
    by_id = {p.exercise_id: p for p in engine.plan}
    assert by_id["straight-leg-raises"].reps == 8 and by_id["straight-leg-raises"].hold_seconds == 8
    assert by_id["hamstring-stretch"].reps == 4 and by_id["lumbar-stabilization"].hold_seconds == 2
    assert engine.view().load_factor == 0.75


def test_a_big_rise_lowers_the_load_more_but_never_below_the_minimums():
    previous = PreviousSession(pain_before=1, started_at=T0 - timedelta(hours=20))
    engine, _, ev = _start(["hamstring-stretch", "wall-squats"], pain_before=5, previous=previous)
    assert "50%" in decisions(ev)[0].message
    ham, squat = engine.plan
    assert (ham.reps, ham.hold_seconds) == (3, 5)      # 5 reps -> 2.5 -> the minimum of 3
    assert (squat.reps, squat.hold_seconds) == (5, 3)  # hold 5 s -> 2.5 -> the minimum of 3


@pytest.mark.parametrize("before, hours", [(2, 20), (1, 20), (4, 24 * 5)])
def test_the_load_stays_when_pain_is_no_worse_or_the_last_session_is_old(before, hours):
    previous = PreviousSession(pain_before=2, started_at=T0 - timedelta(hours=hours))
    engine, _, ev = _start(["ankle-pumps"], pain_before=before, previous=previous)
    assert engine.plan[0].reps == 10
    assert all(d.kind != "lower_load" for d in decisions(ev))


def test_every_decision_is_explained_in_one_sentence():
    outcomes = [evaluate_full({q.id: True for q in red_flags()}), evaluate_brief(True)]
    all_decisions = []
    for outcome in outcomes:
        all_decisions += decisions(_start(["ankle-pumps"], screening=outcome)[2])
    all_decisions += decisions(_start(["ankle-pumps"], pain_before=9)[2])
    previous = PreviousSession(pain_before=1, started_at=T0 - timedelta(hours=12))
    engine, clock, ev = _start(["heel-slides", "ankle-pumps"], pain_before=4, previous=previous)
    ev += engine.report_pain(2) + engine.report_pain(5) + engine.report_pain(7)
    ev += engine.accept_easier() + engine.report_pain(3, sharp_leg_pain=True) + engine.skip()
    ev += engine.report_pain(6) + engine.skip()
    ev += engine.report_pain_after(4)
    all_decisions += decisions(ev)
    kinds = {d.kind for d in all_decisions}
    assert kinds == {"red_flag", "do_not_start", "lower_load", "continue", "stop_exercise",
                     "easier_variant", "after_check"}
    for d in all_decisions:
        assert is_one_sentence(d.message), d.message
        assert "{" not in d.message and d.at.tzinfo is not None
