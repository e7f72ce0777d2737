"""Screenshots of every page at desktop (1280x800) and phone (390x844) width, for docs/.

    .venv/bin/python -m tests.web.screenshots [--out docs/screenshots] [--only progress,camera]

Runs the real app on throw-away SQLite files with a fake clock (so timers hold still) and
walks a session in Debian's Chromium to reach the player's states; the progress pages show the
six-week history of tests/reports/history.py; the camera pages use a Chromium whose webcam plays
the real bird-dog clip, and a real analysis of it.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import sync_playwright

from backcoach.session import FakeClock
from backcoach.store import Store
from backcoach.web import create_app
from tests.reports.history import TODAY, build_history
from tests.web.clips import clip, fake_camera_file
from tests.web.conftest import (
    BIRD_DOG,
    DESKTOP,
    PHONE,
    REPO,
    LiveServer,
    fake_camera_args,
    launch_browser,
)

SIZES = {"desktop": DESKTOP, "phone": PHONE}
PAGES = {
    "home": "/",
    "library": "/library",
    "exercise": "/library/straight-leg-raises",
    "learn": "/learn",
}


def _shoot(page, out: Path, name: str, size: str, full_page: bool = True) -> Path:
    path = out / f"{name}-{size}.png"
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(path), full_page=full_page)
    return path


def _state(page, state: str) -> None:
    page.wait_for_function(
        f"(document.getElementById('player') || {{dataset: {{}}}}).dataset.state === '{state}'"
    )


def _answer_no(page) -> None:
    for name in page.eval_on_selector_all(
        "form input[type=radio][value=no]", "els => els.map(e => e.name)"
    ):
        page.locator(f"input[name={name}][value=no]").check()


def _context(browser, server: LiveServer, size: str):
    viewport = SIZES[size]
    return browser.new_context(viewport=viewport, base_url=server.url,
                               is_mobile=size == "phone", has_touch=size == "phone")


def shoot_session(out: Path) -> list[Path]:
    shots: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{Path(tmp) / 'shots.sqlite3'}")
        clock = FakeClock(start=1000.0)
        server = LiveServer(create_app(store, clock=clock, data_dir=Path(tmp))).start()
        try:
            with sync_playwright() as pw:
                browser = launch_browser(pw)
                for size, viewport in SIZES.items():
                    context = browser.new_context(
                        viewport=viewport, base_url=server.url, is_mobile=size == "phone",
                        has_touch=size == "phone",
                    )
                    page = context.new_page()
                    for name, path in PAGES.items():
                        page.goto(path)
                        shots.append(_shoot(page, out, name, size))

                    # the session: screen, plan, player states, summary
                    page.goto("/session/new?exercise=straight-leg-raises&exercise=ankle-pumps")
                    _answer_no(page)
                    shots.append(_shoot(page, out, "session-screen", size))
                    page.get_by_role("button", name="Continue").click()
                    page.locator("input[name=pain_before][value='2']").check()
                    shots.append(_shoot(page, out, "session-plan", size))
                    page.get_by_role("button", name="Start the session").click()
                    page.wait_for_url(re.compile(r".*/session/\d+$"))
                    _state(page, "ready")
                    shots.append(_shoot(page, out, "session-ready", size, full_page=False))
                    page.get_by_test_id("start").click()
                    _state(page, "move")
                    for _ in range(7):  # ankle pumps come first (floor exercises, source order)
                        page.get_by_test_id("rep").click()
                    page.wait_for_function("document.getElementById('count').textContent === '7'")
                    shots.append(_shoot(page, out, "session-player", size, full_page=False))
                    for _ in range(3):
                        page.get_by_test_id("rep").click()
                    _state(page, "rest")
                    clock.advance(4)
                    page.wait_for_timeout(1300)
                    shots.append(_shoot(page, out, "session-rest", size, full_page=False))
                    page.get_by_test_id("rep").click()  # skip rest
                    _state(page, "move")
                    page.get_by_test_id("rep").click()  # start the hold
                    _state(page, "hold")
                    clock.advance(3.2)
                    page.wait_for_timeout(1300)
                    shots.append(_shoot(page, out, "session-hold", size, full_page=False))
                    page.get_by_test_id("pain").click()
                    page.locator("#pain-dialog input[name=pain_now][value='7']").check()
                    shots.append(_shoot(page, out, "session-pain-dialog", size, full_page=False))
                    page.get_by_role("button", name="Report").click()
                    _state(page, "pain_stop")
                    shots.append(_shoot(page, out, "session-stop", size))
                    page.locator("#stop-quit-btn").click()
                    page.locator("#after-form input[name=pain_after][value='3']").check()
                    page.get_by_role("button", name="Save and finish").click()
                    page.wait_for_url("**/summary")
                    shots.append(_shoot(page, out, "session-summary", size))
                    context.close()
                browser.close()
        finally:
            server.stop()
            store.close()
    return shots


def shoot_progress(out: Path) -> list[Path]:
    """The progress page and one session, on the six-week example history."""
    shots: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{Path(tmp) / 'history.sqlite3'}")
        built = build_history(store)
        server = LiveServer(create_app(store, data_dir=Path(tmp))).start()
        try:
            with sync_playwright() as pw:
                browser = launch_browser(pw)
                for size in SIZES:
                    context = _context(browser, server, size)
                    page = context.new_page()
                    page.goto(f"/progress?today={TODAY.isoformat()}")
                    shots.append(_shoot(page, out, "progress", size))
                    page.goto(f"/history/{built.session_ids[9]}")
                    page.locator("table[data-exercise=heel-slides] details summary").first.click()
                    shots.append(_shoot(page, out, "history-session", size))
                    context.close()
                browser.close()
        finally:
            server.stop()
            store.close()
    return shots


def _wait_done(store: Store, job_id: int, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not store.job(job_id).finished:
        if time.monotonic() > deadline:
            raise RuntimeError(f"analysis {job_id} did not finish")
        time.sleep(0.5)


def shoot_camera(out: Path) -> list[Path]:
    """The camera page, an upload refused, an analysis running and done, live practice with the
    bird-dog clip as the webcam, and the player with the camera on."""
    shots: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        store = Store.open(f"sqlite:///{data / 'camera.sqlite3'}")
        server = LiveServer(create_app(store, clock=FakeClock(start=1000.0),
                                       data_dir=data)).start()
        camera = fake_camera_file(BIRD_DOG, data)
        broken = data / "holiday.mp4"
        broken.write_bytes(bytes(range(256)) * 400)
        try:
            with sync_playwright() as pw:
                browser = launch_browser(pw)
                cam_browser = launch_browser(pw, fake_camera_args(camera))
                # a real analysis, done once, shown at both sizes
                page = browser.new_page(base_url=server.url)
                page.goto("/camera")
                page.select_option("#exercise", "lumbar-stabilization")
                page.set_input_files("#video", str(clip(BIRD_DOG)))
                page.get_by_role("button", name="Analyse the video").click()
                page.wait_for_url(re.compile(r"/camera/analyses/\d+$"))
                done_id = int(page.url.rsplit("/", 1)[1])
                page.close()
                _wait_done(store, done_id)
                # a job frozen mid-way, for the progress bar (its "worker" is this process)
                from backcoach.store.jobs import worker_id

                running = store.create_job(
                    store.local_user(), exercise_id="heel-slides", input_name="heel-slides.mp4",
                    input_path="uploads/none/heel-slides.mp4", worker=worker_id(),
                    at=datetime.now(UTC))
                store.claim_job(running, worker_id())
                store.job_progress(running, "pose", 0.46)
                for size in SIZES:
                    context = _context(browser, server, size)
                    page = context.new_page()
                    page.goto("/camera")
                    shots.append(_shoot(page, out, "camera", size))
                    page.select_option("#exercise", "heel-slides")
                    page.set_input_files("#video", str(broken))
                    page.get_by_role("button", name="Analyse the video").click()
                    page.get_by_test_id("upload-error").wait_for()
                    shots.append(_shoot(page, out, "camera-upload-refused", size))
                    page.goto(f"/camera/analyses/{running}")
                    store.touch_jobs(worker_id())
                    shots.append(_shoot(page, out, "analysis-running", size))
                    page.goto(f"/camera/analyses/{done_id}")
                    page.wait_for_function(
                        "document.querySelector('[data-testid=annotated-video]').readyState >= 2")
                    page.get_by_test_id("annotated-video").evaluate(
                        "v => { v.currentTime = 9.5; }")
                    page.wait_for_timeout(800)
                    shots.append(_shoot(page, out, "analysis-result", size))
                    page.goto("/camera/practice/heel-slides")
                    page.get_by_test_id("camera-start").click()
                    page.get_by_test_id("camera-error").wait_for()
                    page.get_by_test_id("tap").click()
                    shots.append(_shoot(page, out, "practice-no-camera", size))
                    context.close()

                    context = _context(cam_browser, server, size)
                    page = context.new_page()
                    page.goto("/camera/practice/lumbar-stabilization")
                    page.get_by_test_id("camera-start").click()
                    page.wait_for_function(
                        "document.getElementById('live').dataset.state === 'live'",
                        timeout=60_000)
                    page.wait_for_function(
                        "performance.now() - window.backcoachLive.startedAt > 9800",
                        timeout=30_000)
                    shots.append(_shoot(page, out, "practice-live", size, full_page=False))
                    page.get_by_test_id("camera-stop").click()

                    page.goto("/session/new?exercise=lumbar-stabilization")
                    _answer_no(page)
                    page.get_by_role("button", name="Continue").click()
                    page.locator("input[name=pain_before][value='2']").check()
                    page.get_by_role("button", name="Start the session").click()
                    page.wait_for_url(re.compile(r".*/session/\d+$"))
                    _state(page, "ready")
                    page.get_by_test_id("start").click()
                    _state(page, "move")
                    page.get_by_test_id("camera").click()
                    page.wait_for_function(
                        "document.getElementById('player').dataset.camera === 'on'",
                        timeout=60_000)
                    page.wait_for_function(
                        "performance.now() - window.backcoachLive.startedAt > 9800",
                        timeout=30_000)
                    shots.append(_shoot(page, out, "session-camera", size, full_page=False))
                    page.get_by_test_id("camera").click()
                    context.close()
                cam_browser.close()
                browser.close()
        finally:
            server.stop()
            store.close()
    return shots


GROUPS = {"session": shoot_session, "progress": shoot_progress, "camera": shoot_camera}


def shoot_all(out: Path, only: list[str] | None = None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    for name, shoot in GROUPS.items():
        if not only or name in only:
            shots += shoot(out)
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--only", default="", help="comma-separated: session, progress, camera")
    args = parser.parse_args(argv)
    only = [g.strip() for g in args.only.split(",") if g.strip()]
    for path in shoot_all(args.out, only):
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
