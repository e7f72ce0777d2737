"""Screenshots of every page at desktop (1280x800) and phone (390x844) width, for docs/.

    .venv/bin/python -m tests.web.screenshots [--out docs/screenshots]

Runs the real app on a throw-away SQLite file with a fake clock (so timers hold still) and
walks a session in Debian's Chromium to reach the player's states.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from backcoach.session import FakeClock
from backcoach.store import Store
from backcoach.web import create_app
from tests.web.conftest import DESKTOP, PHONE, REPO, LiveServer, launch_browser

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


def shoot_all(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{Path(tmp) / 'shots.sqlite3'}")
        clock = FakeClock(start=1000.0)
        server = LiveServer(create_app(store, clock=clock)).start()
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args(argv)
    for path in shoot_all(args.out):
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
