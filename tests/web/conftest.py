"""Browser-test harness: the real app under uvicorn on loopback, Debian's Chromium, axe-core.

One server (on a SQLite file in a temporary folder, with a fake clock the tests move) and one
browser serve the whole test session; each test gets a fresh browser context and page.
The screenshot script (`python -m tests.web.screenshots`) reuses LiveServer and launch_browser.
Live-coaching tests get a second browser whose fake camera plays a real clip (see clips.py).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from backcoach.session.clock import FakeClock

REPO = Path(__file__).resolve().parents[2]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
BIRD_DOG = "bird-dog_side_polybag.mp4"
PHONE = {"width": 390, "height": 844}


class LiveServer:
    """The web app served by uvicorn in a background thread on a free loopback port."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self.port = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, log_level="warning", lifespan="on")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._sock]}, daemon=True
        )

    def start(self, timeout: float = 20.0) -> LiveServer:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started and self._thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.02)
        if not self._server.started:
            raise RuntimeError("the web app did not start; see the log above")
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._sock.close()


def launch_browser(playwright: Any, extra_args: list[str] | None = None) -> Any:
    """Debian's Chromium, headless; never a downloaded browser."""
    return playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=[*CHROMIUM_ARGS, *(extra_args or [])]
    )


def fake_camera_args(clip: Path) -> list[str]:
    """Chromium flags that make `clip` (.mjpeg or .y4m) the webcam, permission granted."""
    return [
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={clip}",
    ]


def axe_violations(page: Any, impacts: tuple[str, ...] = ("serious", "critical")) -> list[dict]:
    """Run axe-core on the page; the violations of the given impacts, each with its nodes."""
    if not AXE_JS.exists():
        raise RuntimeError(f"{AXE_JS} is missing: run `npm ci` (make test does it)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in impacts
    ]


@pytest.fixture(scope="session")
def fake_clock() -> FakeClock:
    """The clock every guided session on the test server reads; tests advance it."""
    return FakeClock(start=1000.0)


@pytest.fixture(scope="session")
def web_db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('web') / 'backcoach.sqlite3'}"


@pytest.fixture(scope="session")
def store(web_db_url: str) -> Iterator[Any]:
    from backcoach.store import Store

    st = Store.open(web_db_url)
    yield st
    st.close()


@pytest.fixture(scope="session")
def web_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test server's data folder (uploads, analysis results), never the user's own."""
    return tmp_path_factory.mktemp("web-data")


@pytest.fixture(scope="session")
def live_server(store: Any, fake_clock: FakeClock, web_data_dir: Path) -> Iterator[LiveServer]:
    from backcoach.web import create_app

    server = LiveServer(create_app(store, clock=fake_clock, data_dir=web_data_dir)).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Any]:
    """One Playwright driver per test run (a second one cannot run in the same thread)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright: Any) -> Iterator[Any]:
    br = launch_browser(playwright)
    yield br
    br.close()


def _desktop_page(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    """A desktop-sized page on the live server that collects its JavaScript errors."""
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url)
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.js_errors = errors
    yield pg
    context.close()


@pytest.fixture
def page(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    yield from _desktop_page(browser, live_server)


@pytest.fixture
def phone_page(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    context = browser.new_context(
        viewport=PHONE, base_url=live_server.url, is_mobile=True, has_touch=True
    )
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    yield pg
    context.close()


@pytest.fixture
def axe() -> Any:
    """axe(page) -> serious or critical accessibility violations on the page as it is now."""
    return axe_violations


@pytest.fixture(scope="session")
def bird_dog_camera(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bird-dog clip as an MJPEG file Chromium's fake camera plays (in a loop, 30 fps)."""
    from tests.web.clips import fake_camera_file

    return fake_camera_file(BIRD_DOG, tmp_path_factory.mktemp("camera"))


@pytest.fixture(scope="session")
def camera_browser(playwright: Any, bird_dog_camera: Path) -> Iterator[Any]:
    """Chromium whose webcam is the bird-dog clip (permission granted without a prompt)."""
    br = launch_browser(playwright, fake_camera_args(bird_dog_camera))
    yield br
    br.close()


@pytest.fixture
def camera_page(camera_browser: Any, live_server: LiveServer) -> Iterator[Any]:
    yield from _desktop_page(camera_browser, live_server)
