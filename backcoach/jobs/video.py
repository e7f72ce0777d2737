"""The video-analysis job: pose, analysis and annotated video, with progress in the job row.

    run_video_job(store, job_id, data_dir, worker=worker_id())

Any runner (a thread here, a task-queue worker on another machine sharing the database and the
data folder) calls this one function. It claims the job, so a job runs once; writes its stage and
progress as it goes; and ends it done (result + annotated H.264 MP4) or failed (one sentence).
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Any

from backcoach.errors import BackCoachError
from backcoach.motion.analysis import analyze_frames
from backcoach.motion.events import FrameStatus
from backcoach.motion.offline import analyze_file
from backcoach.motion.recording import PoseFrame
from backcoach.store import Store

log = logging.getLogger(__name__)

RESULTS = "results"        # folder under the data folder
# share of the whole job each stage takes (pose is by far the longest)
STAGE_SPAN = {"pose": (0.0, 0.7), "analysis": (0.7, 0.75), "video": (0.75, 1.0)}
WRITE_EVERY_S = 0.5        # progress is written to the row at most this often
TRACE_POINTS = 1500        # the range-of-motion trace keeps at most this many points


class JobCancelled(BackCoachError):
    """The runner is shutting down: the job stops where it is."""


class _Progress:
    """Turns the stage callbacks into throttled writes of (stage, 0..1) to the job row."""

    def __init__(self, store: Store, job_id: int, cancel: threading.Event | None) -> None:
        self.store, self.job_id, self.cancel = store, job_id, cancel
        self.stage: str | None = None
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise JobCancelled(
                "The analysis stopped because BackCoach was shutting down. Upload the video "
                "again to analyse it."
            )
        lo, hi = STAGE_SPAN.get(stage, (0.0, 1.0))
        value = lo + (hi - lo) * (done / total if total else 1.0)
        now = time.monotonic()
        if stage != self.stage or now - self.last >= WRITE_EVERY_S or done >= total:
            self.stage, self.last = stage, now
            self.store.job_progress(self.job_id, stage, value)


def rom_trace(frames: list[PoseFrame], exercise_id: str, *, fps: float, width: int,
              height: int) -> dict[str, Any]:
    """The measured value over time (for the range-of-motion chart), at most TRACE_POINTS."""
    points: list[tuple[float, float | None, str | None]] = []
    metric = [""]

    def on_frame(frame: PoseFrame, status: FrameStatus) -> None:
        metric[0] = metric[0] or status.metric
        value = status.value if status.visible else None
        points.append((round(frame.t, 3), None if value is None else round(value, 2),
                       status.side))

    analyze_frames(frames, exercise_id, fps=fps, width=width, height=height, on_frame=on_frame)
    step = max(1, -(-len(points) // TRACE_POINTS))
    kept = points[::step]
    return {"metric": metric[0], "t": [p[0] for p in kept], "value": [p[1] for p in kept],
            "side": [p[2] for p in kept]}


def run_video_job(
    store: Store, job_id: int, data_dir: Path, *, worker: str,
    cancel: threading.Event | None = None,
) -> None:
    """Run one queued job to its end (done or failed). A job already taken is left alone;
    setting `cancel` stops it at its next progress report (it is then failed)."""
    if not store.claim_job(job_id, worker):
        log.info("job %s is not queued any more; skipping it", job_id)
        return
    job = store.job(job_id)
    out_dir = data_dir / RESULTS / str(job_id)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        params = job.params
        done = analyze_file(
            data_dir / job.input_path,
            job.exercise_id,
            annotated=out_dir / "annotated.mp4",
            progress=_Progress(store, job_id, cancel),
            sample_fps=params.get("sample_fps", 15.0),
            workers=params.get("workers"),
        )
        rec = done.recording
        rec.save(out_dir / "landmarks.json.gz")
        result = done.to_dict()
        result["input"] = job.input_name
        result["annotated"] = None
        result["trace"] = rom_trace(rec.frames, job.exercise_id, fps=rec.fps,
                                    width=rec.width, height=rec.height)
        result["seconds"] = {k: round(v, 2) for k, v in done.seconds.items()}
        annotated = str(done.annotated.relative_to(data_dir)) if done.annotated else None
        store.finish_job(job_id, result, annotated)
        log.info("job %s done: %s reps of %s", job_id, result["count"], job.exercise_id)
    except BackCoachError as exc:
        log.info("job %s failed: %s", job_id, exc)
        store.fail_job(job_id, _sentence(str(exc)))
    except Exception as exc:
        log.exception("job %s failed unexpectedly", job_id)
        store.fail_job(
            job_id,
            f"The analysis failed unexpectedly ({type(exc).__name__}: {exc}). Try again; if it "
            "fails again, the video may be unusual: try another recording.",
        )


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
