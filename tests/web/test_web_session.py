"""The guided session in a real headless Chromium: screen, pain before, reps, holds, rests, pain
stop, pain after — then read back from the Store the server wrote to."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from backcoach.session import assess_before, assess_pain, is_one_sentence, load_rules
from backcoach.web.live_sessions import STOP_REST_S
from backcoach.web.present import after_title

pytestmark = pytest.mark.browser


def answer_screen(page, yes: str | None = None) -> None:
    """Answer whichever screen is shown (full or brief): no to all, or yes to question `yes`."""
    names = page.eval_on_selector_all(
        "form input[type=radio][value=no]", "els => els.map(e => e.name)"
    )
    assert names, "no screening questions on the page"
    for name in names:
        value = "yes" if name == yes else "no"
        page.locator(f"input[name={name}][value={value}]").check()
    page.get_by_role("button", name="Continue").click()


def begin_session(page, axe, exercises: list[str], pain_before: int = 1) -> int:
    """Screen, pain before and plan through the pages; returns the session id on the player.

    The tests share one user, so they all start at pain 1 (or a pain that stops at once):
    pain higher than before the previous session would lower the load (fewer reps)."""
    page.goto("/session/new?" + "&".join(f"exercise={e}" for e in exercises))
    assert axe(page) == []
    answer_screen(page)
    expect(page).to_have_url(re.compile(r"/session/new/plan"))
    checked = page.eval_on_selector_all(
        "input[name=exercise]:checked", "els => els.map(e => e.value)"
    )
    assert sorted(checked) == sorted(exercises)
    page.locator(f"input[name=pain_before][value='{pain_before}']").check()
    assert axe(page) == []
    page.get_by_role("button", name="Start the session").click()
    expect(page).to_have_url(re.compile(r"/session/\d+(/summary)?$"))
    return int(re.search(r"/session/(\d+)", page.url).group(1))


def start_player(page) -> None:
    expect(page.locator("#player")).to_have_attribute("data-state", "ready")
    page.get_by_test_id("start").click()
    expect(page.locator("#player")).to_have_attribute("data-state", "move")


def tap_reps(page, n: int, first: int = 1) -> None:
    for count in range(first, first + n):
        page.get_by_test_id("rep").click()
        if count < first + n - 1:
            expect(page.locator("#count")).to_have_text(str(count))


def finish_with_pain_after(page, score: int, axe=None) -> None:
    expect(page.locator("#after-panel")).to_be_visible()
    if axe is not None:
        assert axe(page) == []
    page.locator(f"#after-form input[name=pain_after][value='{score}']").check()
    page.get_by_role("button", name="Save and finish").click()
    expect(page).to_have_url(re.compile(r"/session/\d+/summary$"))


def test_whole_session_clicked_through_is_stored(page, axe, store, fake_clock):
    sid = begin_session(page, axe, ["ankle-pumps", "heel-slides"])
    expect(page.get_by_role("heading", name="Ready when you are")).to_be_visible()
    start_player(page)
    expect(page.locator("#ex-name")).to_have_text("Ankle pumps")
    expect(page.locator("#target")).to_have_text("10")  # the full load
    assert axe(page) == []

    # ankle pumps: 10 taps, then end the rest early
    tap_reps(page, 10)
    expect(page.locator("#player")).to_have_attribute("data-state", "rest")
    # the rest says what it leads to, with that exercise's dosage, under its name
    expect(page.locator("#ex-name")).to_have_text("Heel slides")
    expect(page.locator("#next-up")).to_have_text("Coming up: 10 reps each side")
    expect(page.locator("#timer-label")).to_have_text("Rest")
    page.get_by_test_id("rep").click()  # "Skip rest"

    # heel slides, left side by tapping; the rest before the right side runs out on its own
    expect(page.locator("#ex-name")).to_have_text("Heel slides")
    expect(page.locator("#side-chip")).to_have_text("Left side")
    tap_reps(page, 10)
    expect(page.locator("#player")).to_have_attribute("data-state", "rest")
    expect(page.locator("#next-up")).to_have_text("Coming up: right side, 10 reps")
    fake_clock.advance(25)
    expect(page.locator("#side-chip")).to_have_text("Right side", timeout=5000)

    # right side by keyboard (Space with nothing focused)
    for count in range(1, 11):
        page.evaluate("document.activeElement && document.activeElement.blur()")
        page.keyboard.press("Space")
        if count < 10:
            expect(page.locator("#count")).to_have_text(str(count))
    spoken = page.evaluate("window.backcoachSpoken")
    assert "Rest for 15 seconds." in spoken and any("Heel slides" in s for s in spoken)
    finish_with_pain_after(page, 1, axe)

    assert page.get_by_test_id("status").inner_text() == "Completed"
    assert page.get_by_test_id("pain-before").inner_text() == "1"
    assert page.get_by_test_id("pain-after").inner_text() == "1"
    assert axe(page) == []
    assert page.js_errors == []

    stored = store.session_detail(sid)
    assert stored["status"] == "completed"
    assert (stored["pain_before"], stored["pain_after"]) == (1, 1)
    sets = {(g["exercise_id"], s["side"]): s for g in stored["exercises"] for s in g["sets"]}
    assert set(sets) == {("ankle-pumps", None), ("heel-slides", "left"), ("heel-slides", "right")}
    assert all(s["reps_done"] == 10 and s["reps_target"] == 10 for s in sets.values())
    assert not any(s["skipped"] for s in sets.values())
    assert [(p["moment"], p["score"]) for p in stored["pain"]] == [("before", 1), ("after", 1)]


def test_hold_countdown_and_pain_seven_stops_the_exercise(page, axe, store, fake_clock):
    sid = begin_session(page, axe, ["wall-squats"])
    start_player(page)
    spoken = page.evaluate("window.backcoachSpoken")
    assert any("Wall squats" in s for s in spoken), spoken  # the exercise is announced on Start

    button = page.get_by_test_id("rep")
    expect(button).to_have_text("Start hold")
    button.click()
    expect(page.locator("#player")).to_have_attribute("data-state", "hold")
    expect(page.locator("#timer-label")).to_have_text("Hold")
    expect(page.locator("#timer-num")).to_have_text("5")  # wall squats hold 5-10 s: the minimum
    fake_clock.advance(5.5)
    expect(page.locator("#count")).to_have_text("1", timeout=5000)
    expect(page.locator("#player")).to_have_attribute("data-state", "move")

    page.get_by_test_id("pain").click()
    dialog = page.locator("#pain-dialog")
    expect(dialog).to_be_visible()
    dialog.locator("input[name=pain_now][value='7']").check()
    assert axe(page) == []
    dialog.get_by_role("button", name="Report").click()

    expected = assess_pain(7, baseline=1).message
    assert is_one_sentence(expected)
    expect(page.get_by_test_id("stop-message")).to_have_text(expected)
    expect(page.locator("#player")).to_have_attribute("data-state", "pain_stop")
    expect(page.get_by_test_id("rep")).to_be_disabled()
    # rest first: a countdown, and no easier way yet
    expect(page.locator("#stop-rest-time")).to_have_text(re.compile(r"Rest: [12]:\d\d"))
    expect(page.locator("#easier-btn")).to_be_hidden()
    assert axe(page) == []

    page.locator("#stop-quit-btn").click()
    expect(page.locator("#after-title")).to_have_text(after_title("stopped"))
    assert "Well done" not in page.locator("#after-panel").inner_text()
    finish_with_pain_after(page, 4)
    assert page.get_by_test_id("status").inner_text() == "Stopped for safety"
    assert expected in page.locator(".decisions").inner_text()

    stored = store.session_detail(sid)
    assert stored["status"] == "stopped"
    (squats,) = stored["exercises"]
    (first,) = squats["sets"]
    assert first["reps_done"] == 1 and first["holds"] == [5.0]
    assert {"kind": "stop_exercise", "message": expected} in [
        {"kind": d["kind"], "message": d["message"]} for d in stored["decisions"]
    ]
    during = [p for p in stored["pain"] if p["moment"] == "during"]
    assert [(p["score"], p["exercise_id"]) for p in during] == [(7, "wall-squats")]


def report_pain(page, score: int) -> None:
    dialog = page.locator("#pain-dialog")
    expect(dialog).to_be_visible()
    dialog.locator(f"input[name=pain_now][value='{score}']").check()
    dialog.get_by_role("button", name="Report").click()


def reopen(page, sid: int):
    """The session in a new tab (no sessionStorage from the first one), as after a reopen."""
    tab = page.context.new_page()
    tab.set_default_timeout(10_000)
    tab.goto(f"/session/{sid}")
    return tab


def test_reopening_a_session_shows_where_it_is(page, axe, store, fake_clock):
    sid = begin_session(page, axe, ["ankle-pumps", "wall-squats"])
    start_player(page)
    tap_reps(page, 10)
    expect(page.locator("#player")).to_have_attribute("data-state", "rest")
    expect(page.locator("#next-up")).to_have_text("Coming up: 10 reps, hold 5 s")

    # mid-rest: the page opens on the rest, not on "Getting ready"
    tab = reopen(page, sid)
    page.close()
    expect(tab.locator("#plan-pos")).to_have_text("Exercise 2 of 2")
    expect(tab.locator("#ready-panel")).to_be_hidden()
    expect(tab.locator("#player")).to_have_attribute("data-state", "rest")
    expect(tab.locator("#ex-name")).to_have_text("Wall squats")
    expect(tab.locator("#timer-label")).to_have_text("Rest")
    expect(tab.locator("#next-up")).to_have_text("Coming up: 10 reps, hold 5 s")
    assert "Wall squats" not in tab.locator("#next-up").inner_text()
    assert axe(tab) == []

    # a pain stop: rest first, then a fresh rating that has settled opens the easier way
    tab.get_by_test_id("rep").click()  # skip the rest
    expect(tab.locator("#player")).to_have_attribute("data-state", "move")
    tab.get_by_test_id("pain").click()
    report_pain(tab, 7)
    stop = assess_pain(7, baseline=1).message
    expect(tab.get_by_test_id("stop-message")).to_have_text(stop)
    refused = tab.request.post(f"/api/sessions/{sid}/commands", data={"command": "accept_easier"})
    assert refused.status == 409 and "Rest first" in refused.json()["detail"]

    stopped = reopen(tab, sid)
    tab.close()
    expect(stopped.locator("#player")).to_have_attribute("data-state", "pain_stop")
    expect(stopped.locator("#plan-pos")).to_have_text("Exercise 2 of 2")
    expect(stopped.locator("#ready-panel")).to_be_hidden()
    expect(stopped.locator("#stage")).to_be_hidden()
    expect(stopped.get_by_test_id("stop-message")).to_have_text(stop)
    expect(stopped.locator("#stop-rest-time")).to_be_visible()
    expect(stopped.locator("#easier-btn")).to_be_hidden()
    expect(stopped.get_by_test_id("rerate")).to_be_hidden()
    assert axe(stopped) == []

    fake_clock.advance(STOP_REST_S + 1)
    expect(stopped.get_by_test_id("rerate")).to_be_visible(timeout=5000)
    expect(stopped.locator("#easier-btn")).to_be_hidden()
    stopped.get_by_test_id("rerate").click()
    report_pain(stopped, 2)
    expect(stopped.locator("#easier-btn")).to_be_visible()
    stopped.locator("#easier-btn").click()
    expect(stopped.locator("#player")).to_have_attribute("data-state", "move")
    expect(stopped.locator("#ex-note")).to_be_visible()

    # stopped again (the easier way is used up): the pain-after screen does not praise
    stopped.get_by_test_id("pain").click()
    report_pain(stopped, 7)
    expect(stopped.locator("#player")).to_have_attribute("data-state", "pain_stop")
    expect(stopped.locator("#easier-btn")).to_be_hidden()
    stopped.locator("#stop-quit-btn").click()
    expect(stopped.locator("#after-title")).to_have_text(after_title("stopped"))
    after = reopen(stopped, sid)
    stopped.close()
    expect(after.locator("#after-panel")).to_be_visible()
    expect(after.locator("#plan-pos")).to_have_text("Session over")
    expect(after.locator("#after-title")).to_have_text(after_title("stopped"))
    assert "Well done" not in after.locator("#after-panel").inner_text()
    finish_with_pain_after(after, 3, axe)
    stored = store.session_detail(sid)
    assert stored["status"] == "stopped"
    kinds = [d["kind"] for d in stored["decisions"]]
    assert kinds.count("stop_exercise") == 2 and "easier_variant" in kinds


def test_keyboard_shortcuts_rep_pause_and_mute(page, axe, store):
    sid = begin_session(page, axe, ["ball-marching"])
    expect(page.locator("#player")).to_have_attribute("data-state", "ready")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("Space")  # Space on the ready screen starts
    expect(page.locator("#player")).to_have_attribute("data-state", "move")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("Space")
    expect(page.locator("#count")).to_have_text("1")
    expect(page.locator("#counter-live")).to_have_text("1 of 20 movements, next right")
    expect(page.locator("#by-side")).to_have_text("Left 1 / 10  ·  Right 0 / 10")
    page.keyboard.press("p")
    expect(page.locator("#player")).to_have_attribute("data-state", "paused")
    expect(page.locator("#pause-btn")).to_have_text("Resume")
    page.keyboard.press("p")
    expect(page.locator("#player")).to_have_attribute("data-state", "move")
    page.keyboard.press("m")
    expect(page.locator("#mute-btn")).to_have_attribute("aria-pressed", "true")
    before = page.evaluate("window.backcoachSpoken.length")
    page.keyboard.press("Space")
    expect(page.locator("#count")).to_have_text("2")
    assert page.evaluate("window.backcoachSpoken.length") == before  # muted: nothing spoken
    page.keyboard.press("m")
    # a reload picks the session up where it was, without reading the old cues out again
    page.reload()
    expect(page.locator("#player")).to_have_attribute("data-state", "move")
    expect(page.locator("#count")).to_have_text("2")
    assert page.evaluate("window.backcoachSpoken") == []
    page.keyboard.press("q")
    page.get_by_role("button", name="End the session").first.click()
    finish_with_pain_after(page, 1)
    stored = store.session_detail(sid)
    assert stored["status"] == "quit"
    (marching,) = stored["exercises"]
    assert sorted((s["side"], s["reps_done"]) for s in marching["sets"]) == [
        ("left", 1), ("right", 1)
    ]


def test_red_flag_stops_before_the_session(page, axe, store):
    page.goto("/session/new?exercise=heel-slides")
    names = page.eval_on_selector_all(
        "form input[type=radio][value=no]", "els => els.map(e => e.name)"
    )
    answer_screen(page, yes=names[0])
    decision = page.get_by_test_id("decision").inner_text()
    assert is_one_sentence(decision)
    assert "doctor" in decision or "medical help" in decision
    assert axe(page) == []
    last = store.history(limit=1)[0]
    assert last["status"] == "stopped"
    assert [d["message"] for d in last["decisions"]] == [decision]
    # the failed screen means the full questions come back next time
    page.goto("/session/new")
    questions = page.locator("form .question").count()
    assert questions == len(load_rules().screening.questions)
    answer_screen(page)  # clear it again for the tests that follow


def test_pain_above_five_before_means_no_session_today(page, axe, store):
    sid = begin_session(page, axe, ["ankle-pumps"], pain_before=7)
    expect(page).to_have_url(re.compile(rf"/session/{sid}/summary$"))
    expected = assess_before(7).message
    assert expected in page.locator(".decisions").inner_text()
    assert page.get_by_test_id("status").inner_text() == "Stopped for safety"
    assert store.session_detail(sid)["exercises"] == []


def test_player_fits_a_phone_screen(phone_page, axe):
    page = phone_page
    begin_session(page, axe, ["knee-to-chest"])
    start_player(page)
    rep = page.get_by_test_id("rep").bounding_box()
    count = page.locator("#count").bounding_box()
    assert rep is not None and count is not None
    assert rep["y"] + rep["height"] <= 844  # the big button is on the first screen
    assert rep["width"] >= 300
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    page.get_by_test_id("rep").tap()
    expect(page.locator("#player")).to_have_attribute("data-state", "hold")
    assert axe(page) == []
