"""Keys to engine commands, and the screen drawn into a StringIO console (no terminal needed)."""

from __future__ import annotations

import io

from rich.console import Console

from backcoach.catalog import get_exercise
from backcoach.session import FakeClock, Phase, RecordingSpeaker, SafetyStopped
from backcoach.terminal import Controls, ScriptedKeys, live_session, render_view, summary_table
from backcoach.terminal.player import spoken_text
from tests.session.helpers import of, run_for, sets, started


def _text(renderable, width: int = 100) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(renderable)
    return console.file.getvalue()


def test_space_and_enter_count_reps_and_digits_report_pain():
    engine, clock, _ = started(["ankle-pumps"], pain_before=3)
    controls = Controls(engine)
    controls.press(" ")
    controls.press("\n")
    assert engine.view().reps_done == 2
    controls.press("4")
    assert engine.view().pain_last == 4 and engine.phase is Phase.MOVE


def test_bang_then_ten_and_enter_reports_pain_ten_and_stops():
    engine, clock, _ = started(["ankle-pumps"], pain_before=3)
    controls = Controls(engine)
    assert controls.press("!") == [] and controls.entry == ""
    controls.press("1")
    controls.press("0")
    controls.press("7")          # ignored: 107 is not on the scale
    assert controls.entry == "10"
    ev = controls.press("\r")
    assert of(ev, SafetyStopped)[0].reason == "pain_high"
    assert controls.entry is None and engine.phase is Phase.PAIN_STOP
    assert [k for k, _ in controls.legend] == ["e", "s", "q"]
    controls.press("e")
    assert engine.phase is Phase.MOVE and engine.plan[0].reps == 5


def test_l_reports_sharp_leg_pain_and_escape_cancels_an_entry():
    engine, clock, _ = started(["heel-slides"], pain_before=2)
    controls = Controls(engine)
    controls.press("!")
    controls.press("\x1b")
    assert controls.entry is None and engine.phase is Phase.MOVE
    ev = controls.press("l")
    assert of(ev, SafetyStopped)[0].reason == "leg_pain"


def test_p_s_r_n_q_drive_the_engine():
    engine, clock, _ = started(["heel-slides", "ankle-pumps"])
    c = Controls(engine)
    c.press("p")
    assert engine.view().paused
    c.press("p")
    for _ in range(3):
        c.press(" ")
    c.press("r")
    assert engine.view().reps_done == 0
    for _ in range(10):
        c.press(" ")
    assert engine.phase is Phase.REST
    c.press("n")
    assert engine.view().side == "right"
    ev = c.press("s")
    assert engine.view().exercise_id == "ankle-pumps" and sets(ev)[0].skipped
    c.press("q")
    assert engine.status == "quit"


def test_the_screen_shows_exercise_side_reps_hold_countdown_and_keys():
    engine, clock, _ = started(["straight-leg-raises", "ankle-pumps"])
    engine.rep_done()
    clock.advance(3.5)
    engine.tick()
    out = _text(render_view(engine.view(), Controls(engine).legend))
    for expected in ("Straight leg raises", "lift one leg", "left", "0/10", "6.5 s left",
                     "Next up", "Ankle pumps", "rep done", "pause", "skip", "quit"):
        assert expected in out, expected


def test_the_rest_screen_shows_the_timer_and_what_comes_next():
    engine, clock, _ = started(["heel-slides"])
    for _ in range(10):
        engine.rep_done()
    clock.advance(5)
    engine.tick()
    out = _text(render_view(engine.view(), Controls(engine).legend))
    assert "Rest" in out and "15.0 s left" in out and "right side" in out


def test_the_pain_stop_screen_shows_the_reason_the_offer_and_its_keys():
    engine, clock, _ = started(["wall-squats"], pain_before=2)
    engine.report_pain(7)
    out = _text(render_view(engine.view(), Controls(engine).legend), width=140)
    assert "Stopped for pain" in out and "above 5" in out
    assert "bending your knees only a" in out and "e easier variant" in out


def test_the_pain_stop_screen_shows_the_reps_done_before_the_stop():
    engine, clock, _ = started(["ankle-pumps"], pain_before=2)
    for _ in range(2):
        clock.advance(1.0)
        engine.rep_done()
    engine.report_pain(7)
    out = _text(render_view(engine.view(), Controls(engine).legend), width=140)
    assert "Stopped for pain" in out and "2/10" in out and "0/10" not in out


def test_the_paused_screen_says_how_to_resume():
    engine, clock, _ = started(["ankle-pumps"], pain_before=2)
    engine.pause()
    out = _text(render_view(engine.view(), Controls(engine).legend), width=140)
    assert "press p to resume" in out and "p resume" in out


def test_alternating_exercises_show_both_sides_counts():
    engine, clock, _ = started(["ball-marching"])
    for _ in range(3):
        engine.rep_done()
    out = _text(render_view(engine.view(), Controls(engine).legend))
    assert "left 2/10" in out and "right 1/10" in out


class ClockKeys(ScriptedKeys):
    """Scripted keys that move a fake clock by the poll time on every read."""

    def __init__(self, keys, clock: FakeClock):
        super().__init__(keys)
        self.clock = clock

    def read(self, timeout: float):
        self.clock.advance(timeout)
        return super().read(timeout)


def test_live_loop_runs_a_whole_session_from_keys_and_speaks_the_cues():
    engine, clock, _ = started(["heel-slides"])
    keys = ClockKeys([" "] * 10 + [None] * 5 + ["n"] + [" "] * 10, clock)
    collected = []
    speaker = RecordingSpeaker()
    console = Console(file=io.StringIO(), width=100)
    live_session(engine, keys, console=console, on_events=collected.extend, speaker=speaker)
    assert engine.status == "completed"
    assert [(s.side, s.reps_done) for s in sets(collected)] == [("left", 10), ("right", 10)]
    said = "\n".join(speaker.said)
    assert "10. Rest for 20 seconds. Next: right side." in said
    start_cue = get_exercise("heel-slides").camera.cues["start"]
    assert f"Right side, 10 reps. {start_cue}" in said
    table = _text(summary_table(engine.plan, [s for s in sets(collected)]))
    assert "1 left  │ 10 of 10" in table and "1 right │ 10 of 10" in table


def test_the_summary_keeps_a_stopped_set_and_the_easier_set_apart():
    engine, clock, _ = started(["wall-squats"], pain_before=2)
    collected = []
    for _ in range(2):
        collected += engine.rep_done()
        collected += run_for(engine, clock, 12)
    collected += engine.report_pain(7)
    collected += engine.accept_easier()
    collected += engine.rep_done()
    collected += run_for(engine, clock, 12)
    collected += engine.quit()
    assert [(s.reps_done, s.reps_target) for s in sets(collected)] == [(2, 10), (1, 5)]
    table = _text(summary_table(engine.plan, sets(collected)), width=120)
    assert "2 of 10" in table and "1 of 5" in table
    assert "3/15" not in table and "3 of 15" not in table


def test_the_last_seconds_of_a_hold_are_spoken():
    engine, clock, _ = started(["straight-leg-raises"])
    ev = engine.rep_done()
    for _ in range(40):
        clock.advance(0.25)
        ev += engine.tick()
    said = spoken_text(ev)
    cues = get_exercise("straight-leg-raises").camera.cues
    assert said.startswith(cues["hold"]) and f"3 2 1 {cues['down']}" in said
