"""Live camera coaching in a real headless Chromium whose webcam plays a real clip.

Chromium's fake camera plays ../shared/data/videos/bird-dog_side_polybag.mp4 (converted to MJPEG
at test time) in a loop; each test stops after one pass (14.3 s), which holds two reps of
lumbar stabilization: one reach on each side. Frames go over the page's WebSocket to BlazePose
and the analyzer on the server, exactly as a webcam's would.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.web.clips import BIRD_DOG_SECONDS
from tests.web.test_web_session import begin_session, finish_with_pain_after, start_player

pytestmark = [pytest.mark.browser, pytest.mark.video]

ONE_PASS_MS = (BIRD_DOG_SECONDS - 0.3) * 1000   # stop before the loop starts again


def _after_one_pass(page, started_at: str) -> None:
    """Wait until the fake camera has played the clip once since `started_at` (JS expression)."""
    page.wait_for_function(f"performance.now() - {started_at} > {ONE_PASS_MS}",
                           timeout=60_000, polling=200)


def _skeleton_pixels(page) -> int:
    return page.evaluate("""() => {
        const c = document.getElementById('camera-overlay');
        if (!c.width) return 0;
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n += 1;
        return n;
    }""")


def test_practice_page_counts_bird_dog_reps_from_the_webcam(camera_page, axe):
    page = camera_page
    page.goto("/camera/practice/lumbar-stabilization", wait_until="load")
    assert axe(page) == []
    page.get_by_test_id("camera-start").click()
    expect(page.locator("#live")).to_have_attribute("data-state", "live", timeout=60_000)

    # mid-clip: the skeleton is drawn over the video and the measured angle shown
    page.wait_for_function("performance.now() - window.backcoachLive.startedAt > 3000")
    assert _skeleton_pixels(page) > 200
    assert page.locator("#live-measure").inner_text().startswith("Leg reach:")
    assert axe(page) == []

    _after_one_pass(page, "window.backcoachLive.startedAt")
    page.get_by_test_id("camera-stop").click()
    count = page.get_by_test_id("live-count")
    assert count.inner_text() == "2"
    assert page.get_by_test_id("live-by-side").inner_text() == "Left 1 · Right 1"
    assert page.locator("#count-title").inner_text() == "Reps counted"   # the count's label
    stats = page.evaluate("window.backcoachLive")
    assert stats["answered"] >= 50 and stats["answered"] <= stats["sent"]
    spoken = page.evaluate("window.backcoachSpoken")
    assert {"Left, 1.", "Right, 1."} <= set(spoken)
    assert page.locator("#live").get_attribute("data-state") == "stopped"
    assert page.js_errors == []


def test_camera_reps_go_into_the_guided_session_record(camera_page, axe, store):
    page = camera_page
    sid = begin_session(page, axe, ["lumbar-stabilization"])
    start_player(page)
    expect(page.locator("#ex-name")).to_have_text("Lumbar stabilization (bird-dog)")
    page.get_by_test_id("camera").click()
    expect(page.locator("#player")).to_have_attribute("data-camera", "on", timeout=60_000)
    expect(page.get_by_test_id("camera")).to_have_attribute("aria-pressed", "true")
    assert axe(page) == []

    _after_one_pass(page, "window.backcoachLive.startedAt")
    page.get_by_test_id("camera").click()     # camera off; the count is the session's
    expect(page.locator("#player")).to_have_attribute("data-camera", "off")
    expect(page.locator("#count")).to_have_text("2")
    expect(page.locator("#by-side")).to_contain_text("Left 1 / 10")
    expect(page.locator("#by-side")).to_contain_text("Right 1 / 10")

    page.locator("#quit-btn").click()
    page.locator("#quit-confirm").click()
    finish_with_pain_after(page, 1)
    stored = store.session_detail(sid)
    sets = [s for g in stored["exercises"] if g["exercise_id"] == "lumbar-stabilization"
            for s in g["sets"]]
    assert sum(s["reps_done"] for s in sets) == 2
    assert {s["source"] for s in sets if s["reps_done"]} == {"camera"}
    reps = [r for s in sets for r in s["reps"]]
    assert len(reps) == 2 and {r["side"] for r in reps} == {"left", "right"}
    assert all(r["metric"] == "leg reach" and r["peak_angle"] > 45 for r in reps)
    assert page.js_errors == []


def test_without_a_camera_the_page_says_so_and_counts_taps(page, axe):
    """The ordinary test browser has no camera and grants no permission."""
    page.goto("/camera/practice/heel-slides", wait_until="load")
    page.get_by_test_id("camera-start").click()
    error = page.get_by_test_id("camera-error")
    expect(error).to_be_visible(timeout=30_000)
    assert "camera" in error.inner_text().lower() and "tapping" in error.inner_text()
    expect(page.locator("#live")).to_have_attribute("data-state", "tapping")
    for n in (1, 2, 3):
        page.get_by_test_id("tap").click()
        expect(page.get_by_test_id("live-count")).to_have_text(str(n))
    assert axe(page) == []
    assert page.js_errors == []


def test_player_without_a_camera_keeps_tapping(page, axe):
    begin_session(page, axe, ["heel-slides"])
    start_player(page)
    page.get_by_test_id("camera").click()
    chip = page.get_by_test_id("camera-chip")
    expect(chip).to_contain_text("Keep tapping Rep done", timeout=30_000)
    expect(page.locator("#player")).to_have_attribute("data-camera", "off")
    page.get_by_test_id("rep").click()
    expect(page.locator("#count")).to_have_text("1")
    assert axe(page) == []
    page.locator("#quit-btn").click()
    page.locator("#quit-confirm").click()
    finish_with_pain_after(page, 1)
