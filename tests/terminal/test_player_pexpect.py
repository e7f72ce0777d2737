"""Drive `backcoach session` in a real pseudo-terminal as a person would, then read the store.

Each test uses its own SQLite file in tmp_path. Rests are ended with the `n` key, so nothing
waits on real timers.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

BIN = Path(sys.executable).parent / "backcoach"
RED_FLAG_QUESTIONS = 7


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    e = dict(os.environ)
    e.update(BACKCOACH_DATABASE_URL=f"sqlite:///{tmp_path / 'backcoach.sqlite3'}",
             BACKCOACH_DATA_DIR=str(tmp_path), TERM="xterm-256color")
    for var in ("NO_COLOR", "COLUMNS", "LINES"):
        e.pop(var, None)
    return e


def spawn(env: dict[str, str], *args: str) -> pexpect.spawn:
    return pexpect.spawn(str(BIN), list(args), env=env, dimensions=(40, 120),
                         encoding="utf-8", timeout=20)


def history(env: dict[str, str]) -> list[dict]:
    out = subprocess.run([str(BIN), "history", "--json"], env=env, capture_output=True,
                         text=True, check=True, timeout=60)
    return json.loads(out.stdout)


def answer_full_screen(child: pexpect.spawn) -> None:
    child.expect("not a diagnosis")
    for _ in range(RED_FLAG_QUESTIONS):
        child.expect(r"\[y/n\]")
        child.sendline("n")
    child.expect("you can go ahead")


def press_reps(child: pexpect.spawn, count: int, target: int, last: str | None = None) -> None:
    """Press space `count` times, waiting for the counter each time; the last press may lead
    to another screen, matched by `last` instead."""
    for n in range(1, count + 1):
        child.send(" ")
        child.expect(last if (n == count and last) else rf"(?<!\d){n}/{target}")


def test_a_person_does_ankle_pumps_and_history_has_the_set_and_pains(env):
    child = spawn(env, "session", "--exercise", "ankle-pumps")
    answer_full_screen(child)
    child.expect(r"pain right now.*\[0-10\]")
    child.sendline("12")                                    # off the scale: asked again
    child.expect("Please type a number from 0")
    child.sendline("2")
    child.expect("Ankle pumps")
    child.expect(r"(?<!\d)0/10")
    press_reps(child, 10, 10)
    child.expect(r"after the session.*\[0-10\]")
    child.sendline("3")
    child.expect(r" 3\r\n")                                  # echoed: the terminal is restored
    child.expect("Session summary")
    child.expect("10 of 10")
    child.expect("safe range")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    (item,) = history(env)
    assert item["status"] == "completed" and item["plan"] == ["ankle-pumps"]
    assert (item["pain_before"], item["pain_after"]) == (2, 3)
    (ex,) = item["exercises"]
    (s,) = ex["sets"]
    assert ex["exercise_id"] == "ankle-pumps"
    assert (s["side"], s["set_index"], s["reps_target"], s["reps_done"], s["skipped"]) == (
        None, 1, 10, 10, False)
    assert s["source"] == "manual" and s["started_at"] <= s["ended_at"]
    assert [(p["moment"], p["score"]) for p in item["pain"]] == [("before", 2), ("after", 3)]
    assert [d["kind"] for d in item["decisions"]] == ["after_check"]

    # Next time only the brief "anything new?" check comes back; a yes stops the session.
    child = spawn(env, "session", "--exercise", "ankle-pumps")
    child.expect(r"Anything new since your last check\?.*\[y/n\]")
    child.sendline("y")
    child.expect("see a doctor before exercising")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 4
    newest, older = history(env)
    assert newest["status"] == "stopped" and newest["exercises"] == []
    assert [d["kind"] for d in newest["decisions"]] == ["red_flag"]
    assert older["id"] == item["id"]


def test_killing_the_player_keeps_the_finished_sets_and_shows_the_session_interrupted(env):
    child = spawn(env, "session", "-e", "ankle-pumps", "-e", "heel-slides")
    answer_full_screen(child)
    child.expect(r"\[0-10\]")
    child.sendline("2")
    child.expect(r"(?<!\d)0/10")
    press_reps(child, 10, 10, last="s left")                # ends in the rest before heel slides
    child.send("n")                                         # end the rest early
    child.expect("Your turn")
    press_reps(child, 10, 10, last="s left")                # heel slides, left leg: rest again
    child.send("n")
    child.expect("Your turn")
    press_reps(child, 3, 10)                                # 3 reps into the right leg...
    os.kill(child.pid, signal.SIGKILL)                      # ...and the process dies
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus == signal.SIGKILL

    (item,) = history(env)
    assert item["status"] == "interrupted" and item["ended_at"] is None
    by_ex = {e["exercise_id"]: e["sets"] for e in item["exercises"]}
    assert [(s["side"], s["reps_done"]) for s in by_ex["ankle-pumps"]] == [(None, 10)]
    assert [(s["side"], s["reps_done"]) for s in by_ex["heel-slides"]] == [("left", 10)]
    assert [(p["moment"], p["score"]) for p in item["pain"]] == [("before", 2)]


def test_ctrl_c_quits_keeps_the_reps_and_restores_the_terminal(env):
    child = spawn(env, "session", "-e", "heel-slides")
    answer_full_screen(child)
    child.expect(r"\[0-10\]")
    child.sendline("1")
    child.expect(r"(?<!\d)0/10")
    press_reps(child, 4, 10)
    child.sendintr()
    child.expect(r"after the session.*\[0-10\]")
    child.sendline("4")
    child.expect(r" 4\r\n")                                  # typed text echoes again
    child.expect("Session summary")
    child.expect(pexpect.EOF)
    child.close()
    (item,) = history(env)
    assert item["status"] == "quit" and item["pain_after"] == 4
    (ex,) = item["exercises"]
    assert [(s["side"], s["reps_done"], s["skipped"]) for s in ex["sets"]] == [
        ("left", 4, False)]


def test_pain_above_five_mid_exercise_stops_it_and_is_stored_with_its_reason(env):
    child = spawn(env, "session", "-e", "knee-to-chest", "-e", "ankle-pumps")
    answer_full_screen(child)
    child.expect(r"\[0-10\]")
    child.sendline("3")
    child.expect(r"(?<!\d)0/10")
    child.send(" ")                                         # into the first hold...
    child.expect("s left")
    child.send("7")                                         # ...pain 7 now
    child.expect("Stopped for pain")
    child.expect("easier variant")
    child.send("s")                                         # skip to the next exercise
    child.expect("exercise 2 of 2")
    child.send("q")
    child.expect(r"\[0-10\]")
    child.sendline("4")
    child.expect(pexpect.EOF)
    child.close()
    (item,) = history(env)
    assert item["status"] == "quit"
    kinds = [d["kind"] for d in item["decisions"]]
    assert kinds[0] == "stop_exercise" and "above 5" in item["decisions"][0]["message"]
    during = [p for p in item["pain"] if p["moment"] == "during"]
    assert [(p["score"], p["exercise_id"]) for p in during] == [(7, "knee-to-chest")]
    sets = {e["exercise_id"]: e["sets"] for e in item["exercises"]}
    assert all(s["skipped"] for s in sets["knee-to-chest"])


def test_an_unknown_exercise_id_lists_the_valid_ones_and_exits_non_zero(env):
    out = subprocess.run([str(BIN), "session", "-e", "toe-touches"], env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode != 0
    assert "toe-touches" in out.stderr and "ankle-pumps" in out.stderr
    assert "ball-marching" in out.stderr
