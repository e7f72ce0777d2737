"""Running jobs: a small JobRunner protocol and the in-process runner behind it.

    runner = InProcessJobRunner(store, data_dir).start()
    runner.submit(job_id)           # returns at once; the work runs in a worker thread
    runner.status(job_id)           # the JobRecord, read from the database
    runner.close()

The job row is the only shared state (status, stage, progress, result), so a real task queue
(workers on other machines, sharing the database and the data folder) can replace this runner
by implementing `submit` to enqueue `run_video_job(store, job_id, data_dir, worker=...)`.
While its jobs are unfinished the runner refreshes their heartbeat, so a job whose process
died is reported as failed (see backcoach.store.jobs) rather than running for ever.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Protocol, runtime_checkable

from backcoach.errors import StorageError
from backcoach.jobs.video import run_video_job
from backcoach.store import JobRecord, Store
from backcoach.store.jobs import worker_id

log = logging.getLogger(__name__)

HEARTBEAT_S = 10.0
SHUTDOWN_MESSAGE = (
    "The analysis did not start because BackCoach was shutting down. Upload the video again."
)
JobWork = Callable[[Store, int, Path], None]   # (store, job_id, data_dir)


@runtime_checkable
class JobRunner(Protocol):
    """Runs queued analysis jobs somewhere; their state lives in the job rows."""

    worker: str

    def submit(self, job_id: int) -> None: ...

    def status(self, job_id: int) -> JobRecord: ...

    def close(self) -> None: ...


class InProcessJobRunner:
    """Jobs in worker threads of this process (one at a time by default: pose is CPU-bound)."""

    def __init__(
        self,
        store: Store,
        data_dir: Path,
        *,
        max_workers: int = 1,
        work: JobWork | None = None,
        heartbeat_s: float = HEARTBEAT_S,
    ) -> None:
        self.store = store
        self.data_dir = Path(data_dir)
        self.worker = worker_id()
        self._stop = threading.Event()
        self._work = work or (
            lambda st, job_id, data: run_video_job(
                st, job_id, data, worker=self.worker, cancel=self._stop
            )
        )
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="job")
        self._futures: dict[int, Future[None]] = {}
        self._lock = threading.Lock()
        self._heartbeat_s = heartbeat_s
        self._beat = threading.Thread(target=self._heartbeat, name="job-heartbeat", daemon=True)

    def start(self) -> InProcessJobRunner:
        """Close what an earlier run left unfinished, and start the heartbeat."""
        failed = self.store.fail_abandoned_jobs()
        if failed:
            log.warning("analyses interrupted by an earlier shutdown: %s", failed)
        self._beat.start()
        return self

    def submit(self, job_id: int) -> None:
        future = self._pool.submit(self._run, job_id)
        with self._lock:
            self._futures[job_id] = future

    def _run(self, job_id: int) -> None:
        try:
            self._work(self.store, job_id, self.data_dir)
        except Exception:
            log.exception("job %s could not be run", job_id)
        finally:
            with self._lock:
                self._futures.pop(job_id, None)

    def status(self, job_id: int) -> JobRecord:
        return self.store.job(job_id)

    def wait(self, job_id: int, timeout: float | None = None) -> None:
        """Block until a submitted job's work returns (tests and scripts)."""
        with self._lock:
            future = self._futures.get(job_id)
        if future is not None:
            future.result(timeout)

    def _heartbeat(self) -> None:
        while not self._stop.wait(self._heartbeat_s):
            try:
                self.store.touch_jobs(self.worker)
            except StorageError as exc:
                log.warning("could not refresh the analyses' heartbeat: %s", exc)

    def close(self) -> None:
        """Stop taking work; a running job stops at its next progress report (failed, saying
        why), queued ones are dropped and shown as interrupted."""
        self._stop.set()
        with self._lock:
            waiting = [job_id for job_id, f in self._futures.items() if f.cancel()]
        self._pool.shutdown(wait=False, cancel_futures=True)
        for job_id in waiting:
            try:
                self.store.fail_job(job_id, SHUTDOWN_MESSAGE)
            except StorageError as exc:
                log.warning("could not close analysis %s: %s", job_id, exc)
