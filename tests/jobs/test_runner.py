"""The in-process job runner on a real clip: pose, analysis, annotated H.264 MP4, progress in the
job row; a failing job ends failed with its sentence; closing the runner never leaves a job
running."""

from __future__ import annotations

import json
import subprocess
import threading
import time
from pathlib import Path

import pytest

from backcoach.jobs import InProcessJobRunner, JobRunner, UploadLimits, submit_video
from backcoach.store import Store
from tests.web.clips import clip

pytestmark = pytest.mark.video

GLUTE = "glute-bridge_side_physioplus.mp4"


@pytest.fixture
def sqlite_store(tmp_path: Path):
    with Store.open(f"sqlite:///{tmp_path / 'jobs.sqlite3'}") as store:
        yield store


def _ffprobe(path: Path) -> dict:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
         "stream=codec_name,pix_fmt,width,height,nb_frames", "-of", "json", str(path)],
        capture_output=True, text=True, check=True)
    return json.loads(out.stdout)["streams"][0]


def test_a_real_clip_is_analysed_in_the_background(sqlite_store: Store, tmp_path: Path) -> None:
    progress: list[tuple[str, str | None, float]] = []
    runner = InProcessJobRunner(sqlite_store, tmp_path).start()
    assert isinstance(runner, JobRunner)
    try:
        with clip(GLUTE).open("rb") as fh:
            job_id = submit_video(sqlite_store, runner, tmp_path, UploadLimits(), fh, GLUTE,
                                  "video/mp4", "straight-leg-raises", sqlite_store.local_user())
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            job = runner.status(job_id)
            progress.append((job.status, job.stage, job.progress))
            if job.finished:
                break
            time.sleep(0.05)
        runner.wait(job_id, timeout=10)
    finally:
        runner.close()
    job = sqlite_store.job(job_id)
    assert job.status == "done", job.message
    values = [p for _, _, p in progress]
    assert values == sorted(values) and values[-1] == 1.0
    assert {stage for _, stage, _ in progress} & {"pose", "video"}
    # the README's label: no straight leg raises in a glute bridge (the knees stay bent)
    assert job.result["count"] == 0 and job.result["frames_with_person"] > 40
    trace = job.result["trace"]
    assert len(trace["t"]) == len(trace["value"]) == job.result["frames"]
    video = tmp_path / job.annotated_path
    info = _ffprobe(video)
    assert (info["codec_name"], info["pix_fmt"]) == ("h264", "yuv420p")
    assert (info["width"], info["height"]) == (640, 480) and int(info["nb_frames"]) == 91
    assert (tmp_path / "results" / str(job_id) / "landmarks.json.gz").is_file()


def test_a_job_that_fails_says_why(sqlite_store: Store, tmp_path: Path) -> None:
    """A video that was readable when uploaded but is gone when the job runs."""
    user = sqlite_store.local_user()
    runner = InProcessJobRunner(sqlite_store, tmp_path).start()
    try:
        job_id = sqlite_store.create_job(user, exercise_id="heel-slides", input_name="gone.mp4",
                                         input_path="uploads/none/gone.mp4",
                                         worker=runner.worker)
        runner.submit(job_id)
        runner.wait(job_id, timeout=60)
    finally:
        runner.close()
    job = sqlite_store.job(job_id)
    assert job.status == "failed"
    assert job.message == f"No such file: {tmp_path / 'uploads/none/gone.mp4'}."


def test_closing_the_runner_stops_its_jobs_and_says_so(sqlite_store: Store,
                                                       tmp_path: Path) -> None:
    user = sqlite_store.local_user()
    started = threading.Event()
    release = threading.Event()

    def slow(store: Store, job_id: int, data: Path) -> None:
        store.claim_job(job_id, runner.worker)
        started.set()
        release.wait(10)

    runner = InProcessJobRunner(sqlite_store, tmp_path, work=slow).start()
    first = sqlite_store.create_job(user, exercise_id="heel-slides", input_name="a.mp4",
                                    input_path="a.mp4", worker=runner.worker)
    second = sqlite_store.create_job(user, exercise_id="heel-slides", input_name="b.mp4",
                                     input_path="b.mp4", worker=runner.worker)
    runner.submit(first)
    runner.submit(second)
    assert started.wait(10)
    runner.close()
    release.set()
    assert sqlite_store.job(second).status == "failed"     # never started: closed with a reason
    assert "shutting down" in sqlite_store.job(second).message
    assert sqlite_store.job(first).status == "running"     # its worker (this process) lives on
