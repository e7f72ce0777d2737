"""The engine walks exercise -> side -> rep -> hold -> rest on a fake clock."""

from __future__ import annotations

import pytest

from backcoach.catalog import get_exercise, session_order
from backcoach.errors import UnknownExerciseError
from backcoach.session import (
    Countdown,
    ExerciseCompleted,
    ExerciseStarted,
    ItemOverride,
    Phase,
    RestStarted,
    SessionCompleted,
    build_plan,
)
from tests.session.helpers import T0, of, press, reps, run_for, sets, started


def test_default_plan_is_all_nine_in_session_order_with_catalogue_dosage():
    plan = build_plan()
    assert [p.exercise_id for p in plan] == session_order()
    assert len(plan) == 9
    for item in plan:
        d = get_exercise(item.exercise_id).dosage
        assert item.reps == d.reps
        assert item.hold_seconds == (d.hold_seconds.min if d.hold_seconds else None)
        assert item.rest_seconds == d.rest_seconds
    assert build_plan(["wall-squats"], hold="max")[0].hold_seconds == 10


def test_unknown_exercise_id_is_refused_with_the_valid_ids():
    with pytest.raises(UnknownExerciseError) as err:
        build_plan(["ankle-pumps", "toe-touches"])
    assert "ankle-pumps" in err.value.valid_ids and len(err.value.valid_ids) == 9


def test_exercise_without_sides_is_one_set_of_ten_then_the_session_completes():
    engine, clock, ev = started(["ankle-pumps"])
    assert of(ev, ExerciseStarted)[0].exercise_id == "ankle-pumps"
    assert engine.view().reps_done == 0 and engine.view().reps_target == 10
    ev = press(engine, clock, 9)
    assert engine.view().reps_done == 9 and not sets(ev)
    ev = press(engine, clock, 1)
    (record,) = sets(ev)
    assert (record.side, record.reps_done, record.reps_target) == (None, 10, 10)
    assert record.set_index == 1
    assert record.started_at == T0 and (record.ended_at - T0).total_seconds() == 10
    assert of(ev, ExerciseCompleted)[0].skipped is False
    (done,) = of(ev, SessionCompleted)
    assert done.status == "completed" and engine.finished and engine.status == "completed"
    assert engine.rep_done() == []   # nothing happens after the end


def test_per_side_exercise_does_a_whole_set_left_then_rests_then_right():
    engine, clock, _ = started(["heel-slides"])
    assert engine.view().side == "left"
    ev = press(engine, clock, 10)
    (left,) = sets(ev)
    assert left.side == "left" and left.reps_done == 10
    (rest,) = of(ev, RestStarted)
    assert rest.seconds == 20 and rest.next_up == "right side"
    assert engine.phase is Phase.REST
    assert engine.rep_done() == []                    # a press during a rest does not count
    ev = run_for(engine, clock, 19.75)
    assert engine.phase is Phase.REST
    assert [round(c.remaining) for c in of(ev, Countdown)][:3] == [19, 18, 17]
    ev = run_for(engine, clock, 0.25)                 # the rest's 20 s are up
    assert engine.phase is Phase.MOVE and engine.view().side == "right"
    ev = press(engine, clock, 10)
    assert [(s.side, s.reps_done, s.set_index) for s in sets(ev)] == [("right", 10, 1)]
    assert engine.status == "completed"


def test_alternating_exercise_switches_side_every_rep_and_records_each_side():
    engine, clock, _ = started(["ball-marching"])
    ev = press(engine, clock, 20)
    assert [r.side for r in reps(ev)] == ["left", "right"] * 10
    assert [r.count for r in reps(ev)][:4] == [1, 1, 2, 2]
    assert [(s.side, s.reps_done, s.reps_target) for s in sets(ev)] == [
        ("left", 10, 10), ("right", 10, 10)]


def test_ball_arm_heel_raise_starts_with_the_right_arm_as_the_source_says():
    engine, clock, _ = started(["ball-arm-heel-raise"])
    assert engine.view().side == "right"
    ev = press(engine, clock, 3)
    assert [r.side for r in reps(ev)] == ["right", "left", "right"]


def test_hold_is_timed_by_the_clock_and_completes_the_rep():
    engine, clock, _ = started(["straight-leg-raises"])
    ev = engine.rep_done()
    assert engine.phase is Phase.HOLD and of(ev, Countdown)[0].total == 10
    ev = run_for(engine, clock, 9.75)
    assert not reps(ev) and engine.view().hold_remaining == pytest.approx(0.25)
    assert [round(c.remaining) for c in of(ev, Countdown)] == [9, 8, 7, 6, 5, 4, 3, 2, 1]
    ev = run_for(engine, clock, 0.25)
    (rep,) = reps(ev)
    assert rep.hold_seconds == 10 and rep.count == 1 and engine.phase is Phase.MOVE


def test_pressing_during_a_hold_ends_it_early_and_records_the_shorter_hold():
    engine, clock, _ = started(["wall-squats"])
    engine.rep_done()
    clock.advance(3)
    (rep,) = reps(engine.rep_done())
    assert rep.hold_seconds == 3
    ev = []
    for _ in range(9):
        ev += engine.rep_done()
        ev += run_for(engine, clock, 5)
    (record,) = sets(ev)
    assert record.holds == [3] + [5] * 9 and engine.status == "completed"


def test_rest_between_exercises_can_be_ended_early_with_next():
    engine, clock, _ = started(["ankle-pumps", "heel-slides"])
    ev = press(engine, clock, 10)
    (rest,) = of(ev, RestStarted)
    assert rest.next_up == "Heel slides" and rest.seconds == 15
    assert engine.view().next_up == "Heel slides"
    ev = engine.next()
    assert of(ev, ExerciseStarted)[0].exercise_id == "heel-slides"
    assert engine.view().side == "left" and engine.view().reps_done == 0


def test_pause_freezes_the_hold_timer_and_resume_keeps_the_time_left():
    engine, clock, _ = started(["straight-leg-raises"])
    engine.rep_done()
    run_for(engine, clock, 4)
    engine.pause()
    assert engine.view().paused
    ev = run_for(engine, clock, 100)
    assert not reps(ev) and engine.view().hold_remaining == pytest.approx(6)
    assert engine.rep_done() == []                    # paused: presses do nothing
    engine.resume()
    ev = run_for(engine, clock, 5.75)
    assert not reps(ev)
    ev = run_for(engine, clock, 0.25)
    assert reps(ev)[0].hold_seconds == 10


def test_pause_freezes_the_rest_timer_too():
    engine, clock, _ = started(["heel-slides"])
    press(engine, clock, 10)
    run_for(engine, clock, 5)
    engine.pause()
    run_for(engine, clock, 60)
    assert engine.view().rest_remaining == pytest.approx(15)
    engine.resume()
    run_for(engine, clock, 14.75)
    assert engine.phase is Phase.REST
    run_for(engine, clock, 0.25)
    assert engine.phase is Phase.MOVE and engine.view().side == "right"


def test_skip_records_the_exercise_as_skipped_and_moves_to_the_next():
    engine, clock, _ = started(["heel-slides", "ankle-pumps"])
    press(engine, clock, 3)
    ev = engine.skip()
    assert [(s.side, s.reps_done, s.skipped) for s in sets(ev)] == [
        ("left", 3, True), ("right", 0, True)]
    assert of(ev, ExerciseCompleted)[0].skipped
    assert of(ev, ExerciseStarted)[0].exercise_id == "ankle-pumps"
    press(engine, clock, 10)
    assert engine.status == "completed"


def test_skip_during_the_rest_between_sides_skips_the_rest_of_that_exercise():
    engine, clock, _ = started(["heel-slides", "ankle-pumps"])
    press(engine, clock, 10)
    ev = engine.skip()
    assert [(s.side, s.reps_done, s.skipped) for s in sets(ev)] == [("right", 0, True)]
    assert engine.view().exercise_id == "ankle-pumps"


def test_skipping_the_last_exercise_completes_the_session():
    engine, clock, _ = started(["ankle-pumps"])
    ev = engine.skip()
    assert of(ev, SessionCompleted)[0].status == "completed"
    assert sets(ev)[0].skipped


def test_repeat_restarts_the_current_set_from_zero():
    engine, clock, _ = started(["ankle-pumps"])
    press(engine, clock, 4)
    ev = engine.repeat()
    assert not sets(ev) and engine.view().reps_done == 0
    ev = press(engine, clock, 10)
    assert [(s.reps_done, s.set_index) for s in sets(ev)] == [(10, 1)]


def test_repeat_during_a_rest_redoes_the_set_just_finished_as_a_new_set():
    engine, clock, _ = started(["heel-slides"])
    press(engine, clock, 10)
    engine.repeat()
    assert engine.phase is Phase.MOVE and engine.view().side == "left"
    ev = press(engine, clock, 10)
    assert [(s.side, s.set_index) for s in sets(ev)] == [("left", 2)]
    assert engine.view().side == "right"            # then on to the right side


def test_quit_keeps_the_reps_of_the_set_in_progress():
    engine, clock, _ = started(["ankle-pumps", "heel-slides"])
    press(engine, clock, 4)
    ev = engine.quit()
    assert [(s.reps_done, s.skipped) for s in sets(ev)] == [(4, False)]
    assert of(ev, SessionCompleted)[0].status == "quit" and engine.finished


def test_overrides_change_reps_sides_sets_and_hold():
    override = ItemOverride(reps=3, sides=["right"], sets=2, hold_seconds=4, rest_seconds=5)
    engine, clock, _ = started(["straight-leg-raises"],
                               overrides={"straight-leg-raises": override})
    out = []
    for _ in range(2):
        for _ in range(3):
            out += engine.rep_done()
            out += run_for(engine, clock, 4)
        out += engine.next()
    assert [(s.side, s.set_index, s.reps_done, s.holds) for s in sets(out)] == [
        ("right", 1, 3, [4, 4, 4]), ("right", 2, 3, [4, 4, 4])]
    assert engine.status == "completed"


def test_camera_reps_carry_their_measured_hold_and_record():
    engine, clock, _ = started(["knee-to-chest"])
    ev = []
    for n in range(10):
        clock.advance(7)
        ev += engine.rep_done(source="camera", hold_seconds=6.5, rep={"index": n + 1})
    (left,) = sets(ev)
    assert left.source == "camera" and left.holds == [6.5] * 10
    assert [r["index"] for r in left.reps] == list(range(1, 11))



def test_camera_rep_counts_on_the_side_it_saw():
    """In an alternating set a camera rep goes to the side the camera saw while that side still
    has reps to do; a manual rep then takes the side with fewer reps."""
    engine, clock, _ = started(["lumbar-stabilization"])
    target = engine.plan[0].reps
    seen = ["right", "right", "left"] + ["left", "right"] * target
    events = []
    for side in seen:
        clock.advance(3.0)
        events += engine.rep_done(source="camera", hold_seconds=2.5, rep={"side": side}, side=side)
        if sets(events):
            break
    counted = [r.side for r in reps(events)]
    assert counted[:3] == ["right", "right", "left"]
    assert counted.count("left") == target and counted.count("right") == target
    done = {rec.side: rec.reps_done for rec in sets(events)}
    assert done == {"left": target, "right": target}


def test_manual_rep_after_camera_reps_takes_the_side_behind():
    engine, clock, _ = started(["lumbar-stabilization"])
    clock.advance(3.0)
    engine.rep_done(source="camera", hold_seconds=2.5, side="right")
    clock.advance(3.0)
    engine.rep_done(source="camera", hold_seconds=2.5, side="right")
    clock.advance(3.0)
    (rep,) = reps(engine.rep_done(hold_seconds=2.5))
    assert rep.side == "left"
