"""Uploading a video for analysis, in a real headless Chromium: the limits, the background job
with its progress bar, the result page with its table, chart and playable annotated video, and
a job whose process was killed showing as failed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from backcoach.jobs import UploadLimits
from backcoach.store import Store
from backcoach.web import create_app
from tests.web.clips import clip
from tests.web.conftest import BIRD_DOG, LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.video]

GLUTE_BRIDGE = "glute-bridge_side_physioplus.mp4"


def _upload(page, exercise: str, path: Path) -> None:
    page.goto("/camera", wait_until="load")
    page.select_option("#exercise", exercise)
    page.set_input_files("#video", str(path))
    page.get_by_role("button", name="Analyse the video").click()


def test_upload_of_a_real_clip_ends_on_its_result_page(page, axe, store, web_data_dir):
    _upload(page, "lumbar-stabilization", clip(BIRD_DOG))
    page.wait_for_url(re.compile(r"/camera/analyses/\d+$"))
    job_id = int(page.url.rsplit("/", 1)[1])

    # the job runs in the background; its page shows a progress bar that moves
    bar = page.get_by_test_id("job-progress")
    expect(bar).to_be_visible()
    assert axe(page) == []
    seen: list[tuple[float, str]] = []
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        try:
            now = page.evaluate("""() => {
                const bar = document.querySelector('[data-testid=job-progress]');
                return bar ? [Number(bar.value), document.getElementById('job-stage').textContent]
                           : null; }""")
        except PlaywrightError:   # the page is reloading into the result
            continue
        if now is None:
            break
        seen.append((now[0], now[1]))
        time.sleep(0.2)
    assert any(0 < value < 100 for value, _ in seen), seen
    assert {stage for _, stage in seen} <= {
        "Starting", "Finding your body in each frame", "Counting and checking the reps",
        "Drawing the annotated video", "Waiting for its turn"}
    assert [v for v, _ in seen] == sorted(v for v, _ in seen)   # it only moves forwards

    # ... and the page turns into the result when it is done
    expect(page.get_by_test_id("count")).to_have_text("2", timeout=240_000)
    assert page.get_by_test_id("count-left").inner_text() == "1"
    assert page.get_by_test_id("count-right").inner_text() == "1"
    rows = page.get_by_test_id("reps").locator("tbody tr")
    assert rows.count() == 2
    sides = sorted(rows.nth(i).locator("td").first.inner_text() for i in range(2))
    assert sides == ["Left", "Right"]
    first = rows.first.locator("td").all_inner_texts()
    assert first[1].endswith(" s") and first[3].endswith("°")   # start time, leg reach

    chart = page.locator("figure[data-chart=rom] svg")
    assert chart.get_attribute("role") == "img"
    assert "2 reps counted" in chart.locator("title").text_content()
    assert page.locator("figure[data-chart=rom] #peak-1").count() == 1

    # the annotated H.264 video plays in the page
    video = page.get_by_test_id("annotated-video")
    page.wait_for_function(
        "document.querySelector('[data-testid=annotated-video]').readyState >= 1",
        timeout=30_000)
    duration = video.evaluate("v => v.duration")
    assert abs(duration - 14.2) < 0.5
    video.evaluate("v => { v.muted = true; return v.play(); }")
    page.wait_for_function(
        "document.querySelector('[data-testid=annotated-video]').currentTime > 0.5",
        timeout=30_000)
    assert video.evaluate("v => v.videoWidth") > 0
    assert axe(page) == []
    assert page.js_errors == []

    job = store.job(job_id)
    assert job.status == "done" and job.result["count"] == 2
    assert (web_data_dir / job.annotated_path).is_file()
    assert (web_data_dir / job.input_path).is_file()

    # the camera page lists it
    page.goto("/camera")
    listed = page.get_by_test_id("jobs").locator(f"a[href='/camera/analyses/{job_id}']")
    assert listed.inner_text() == BIRD_DOG


def test_a_corrupt_file_is_refused_with_a_plain_message(page, axe, store, tmp_path):
    broken = tmp_path / "holiday.mp4"
    broken.write_bytes(os.urandom(200_000))
    before = len(store.jobs(store.local_user(), limit=None))
    _upload(page, "heel-slides", broken)
    error = page.get_by_test_id("upload-error")
    expect(error).to_be_visible()
    assert error.inner_text() == (
        "BackCoach cannot read holiday.mp4 as a video: the file is damaged or in a format this "
        "computer cannot decode. Try another file, or convert it to MP4 (H.264)."
    )
    assert page.locator("#exercise").input_value() == "heel-slides"   # the choice is kept
    assert axe(page) == []
    assert len(store.jobs(store.local_user(), limit=None)) == before   # nothing queued


def test_the_page_refuses_a_file_that_is_not_a_video_before_sending_it(page, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a video", encoding="utf-8")
    page.goto("/camera", wait_until="load")
    page.select_option("#exercise", "heel-slides")
    page.set_input_files("#video", str(notes))
    expect(page.get_by_test_id("upload-error")).to_have_text(
        "notes.txt (text/plain) is not a video. Choose a video file: MP4, MOV, WebM or AVI.")
    page.get_by_role("button", name="Analyse the video").click()
    assert page.url.endswith("/camera")   # not sent


@pytest.fixture
def tight_server(tmp_path):
    """A server with small limits: 1 MB and 2 seconds."""
    store = Store.open(f"sqlite:///{tmp_path / 'tight.sqlite3'}")
    limits = UploadLimits(max_bytes=1024 * 1024, max_seconds=2.0)
    server = LiveServer(create_app(store, data_dir=tmp_path, upload_limits=limits)).start()
    yield server
    server.stop()
    store.close()


def test_size_length_and_type_limits_are_enforced_by_the_server(tight_server):
    url = f"{tight_server.url}/camera/upload"
    glute = clip(GLUTE_BRIDGE)  # 1.3 MB, 3 s
    r = httpx.post(url, data={"exercise": "straight-leg-raises"},
                   files={"video": (glute.name, glute.read_bytes(), "video/mp4")})
    assert r.status_code == 413
    assert "The video is 1.3 MB; the limit is 1.0 MB." in r.text
    r = httpx.post(f"{tight_server.url}/api/analyses", data={"exercise": "straight-leg-raises"},
                   files={"video": (glute.name, glute.read_bytes(), "video/mp4")})
    assert r.status_code == 413 and r.json()["detail"].startswith("The video is 1.3 MB;")

    small = glute.read_bytes()[: 900 * 1024]   # under 1 MB but cut short: still readable?
    r = httpx.post(f"{tight_server.url}/api/analyses", data={"exercise": "heel-slides"},
                   files={"video": ("notes.txt", b"hello", "text/plain")})
    assert r.status_code == 400
    assert r.json()["detail"].startswith("notes.txt (text/plain) is not a video.")
    r = httpx.post(f"{tight_server.url}/api/analyses", data={"exercise": "back-flips"},
                   files={"video": ("a.mp4", small, "video/mp4")})
    assert r.status_code == 404 and "back-flips" in r.json()["detail"]


def test_a_long_video_is_refused(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'long.sqlite3'}")
    limits = UploadLimits(max_seconds=2.0)
    server = LiveServer(create_app(store, data_dir=tmp_path, upload_limits=limits)).start()
    try:
        glute = clip(GLUTE_BRIDGE)
        r = httpx.post(f"{server.url}/api/analyses", data={"exercise": "straight-leg-raises"},
                       files={"video": (glute.name, glute.read_bytes(), "video/mp4")})
        assert r.status_code == 400
        assert r.json()["detail"] == ("The video is 3 seconds long; the limit is 2 seconds. "
                                      "Trim it to the exercise and try again.")
        assert not list((tmp_path / "uploads").glob("*/*"))   # the refused file is not kept
    finally:
        server.stop()
        store.close()


def test_a_job_whose_process_was_killed_shows_as_failed(page, axe, web_db_url):
    """A worker process takes a job, reports progress, and is killed mid-way (SIGKILL)."""
    script = textwrap.dedent(f"""
        import os, signal
        from backcoach.store import Store
        from backcoach.store.jobs import worker_id
        store = Store.open({web_db_url!r})
        user = store.local_user()
        job = store.create_job(user, exercise_id="heel-slides", input_name="killed.mp4",
                               input_path="uploads/none/killed.mp4")
        store.claim_job(job, worker_id())
        store.job_progress(job, "pose", 0.4)
        print(job, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == -9, done.stderr
    job_id = int(done.stdout.strip())
    page.goto(f"/camera/analyses/{job_id}", wait_until="load")
    assert page.locator("h1").inner_text() == "The analysis did not finish"
    assert page.get_by_test_id("job-message").inner_text().startswith(
        "The analysis stopped before it finished: BackCoach was closed or restarted")
    assert axe(page) == []
    api = httpx.get(f"{page.url.split('/camera')[0]}/api/analyses/{job_id}").json()
    assert api["status"] == "failed"
