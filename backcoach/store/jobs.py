"""Analysis jobs in the database: queued, running (with progress), done or failed.

A job row is the whole truth about a job, so any web process can show it and any worker (a
thread here, a task-queue worker elsewhere) can run it:

    job_id = store.create_job(user_id, exercise_id="heel-slides", input_name="me.mp4",
                              input_path="uploads/1/input.mp4", worker=worker_id())
    store.claim_job(job_id, worker_id())            # queued -> running, once
    store.job_progress(job_id, "pose", 0.4)         # also refreshes the heartbeat
    store.finish_job(job_id, result, "results/1/annotated.mp4")   # or fail_job(job_id, why)
    store.job(job_id, user_id)                      # a JobRecord; UnknownJobError otherwise

A job whose worker died is never left "running": reading it marks it failed when its worker is
a process on this computer that no longer exists, or when its heartbeat is older than
STALE_AFTER (workers refresh it every few seconds with `touch_jobs`). A queued job with no
worker yet (waiting in a task queue) is left alone.
"""

from __future__ import annotations

import os
import socket
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session as OrmSession

from backcoach.errors import StorageError
from backcoach.store.jsonable import to_json_value
from backcoach.store.models import AnalysisJob, User
from backcoach.store.serialize import iso
from backcoach.store.types import as_utc

#: A running job whose heartbeat is older than this is taken as abandoned.
STALE_AFTER = timedelta(seconds=90)
UNFINISHED = ("queued", "running")
INTERRUPTED_MESSAGE = (
    "The analysis stopped before it finished: BackCoach was closed or restarted while it ran. "
    "Upload the video again to analyse it."
)


class UnknownJobError(StorageError, LookupError):
    """A job id that is not in the database (or belongs to someone else)."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        super().__init__(f"There is no analysis with id {job_id}.")


def worker_id() -> str:
    """This process as a job worker: "host/pid"."""
    return f"{socket.gethostname()}/{os.getpid()}"


def _process_gone(worker: str | None) -> bool:
    """True when `worker` names a process on this computer that no longer runs."""
    if not worker or "/" not in worker:
        return False
    host, _, pid_text = worker.rpartition("/")
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    try:  # a killed child not yet reaped by its parent is a zombie: gone all the same
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rpartition(")")[2].split()[0] == "Z"
    except (OSError, IndexError):
        return False


@dataclass(frozen=True)
class JobRecord:
    """One job as stored. Paths are relative to the data folder."""

    id: int
    user_id: int
    kind: str
    exercise_id: str
    status: str                  # queued | running | done | failed
    stage: str | None            # what it is doing now, e.g. "pose", "analysis", "video"
    progress: float              # 0..1 over the whole job
    message: str | None          # why it failed, in one plain sentence
    input_name: str              # the file name as uploaded
    input_path: str
    params: dict[str, Any]
    result: dict[str, Any] | None
    annotated_path: str | None
    worker: str | None
    created_at: datetime
    started_at: datetime | None
    heartbeat_at: datetime | None
    finished_at: datetime | None

    @property
    def finished(self) -> bool:
        return self.status not in UNFINISHED

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind, "exercise_id": self.exercise_id,
            "status": self.status, "stage": self.stage, "progress": round(self.progress, 4),
            "message": self.message, "input_name": self.input_name,
            "created_at": iso(self.created_at), "started_at": iso(self.started_at),
            "finished_at": iso(self.finished_at), "result": self.result,
        }


def _record(row: AnalysisJob) -> JobRecord:
    return JobRecord(
        id=row.id, user_id=row.user_id, kind=row.kind, exercise_id=row.exercise_id,
        status=row.status, stage=row.stage, progress=float(row.progress), message=row.message,
        input_name=row.input_name, input_path=row.input_path, params=dict(row.params or {}),
        result=row.result, annotated_path=row.annotated_path, worker=row.worker,
        created_at=row.created_at, started_at=row.started_at, heartbeat_at=row.heartbeat_at,
        finished_at=row.finished_at,
    )


def _abandoned(row: AnalysisJob, now: datetime) -> bool:
    if row.status not in UNFINISHED:
        return False
    if row.status == "queued" and row.worker is None:
        return False    # waiting in a task queue for any worker: not ours to judge
    beat = row.heartbeat_at or row.created_at
    return _process_gone(row.worker) or now - beat > STALE_AFTER


class AnalysisJobs:
    """The job methods of `Store` (mixed in; they use its transactions)."""

    if TYPE_CHECKING:
        def _writing(self, action: str) -> AbstractContextManager[OrmSession]: ...

        def _reading(self, action: str) -> AbstractContextManager[OrmSession]: ...

    def create_job(
        self,
        user_id: int,
        *,
        exercise_id: str,
        input_name: str,
        input_path: str,
        kind: str = "video-analysis",
        params: dict[str, Any] | None = None,
        worker: str | None = None,
        at: datetime | None = None,
    ) -> int:
        """Queue a job; `worker` is the process that will run it, when already known."""
        now = as_utc(at or datetime.now(UTC), "at")
        with self._writing("queueing an analysis") as db:
            if db.get(User, user_id) is None:
                raise StorageError(f"There is no user with id {user_id}.")
            row = AnalysisJob(
                user_id=user_id, kind=kind, exercise_id=exercise_id, status="queued",
                progress=0.0, input_name=input_name[:255], input_path=input_path,
                params=to_json_value(params or {}), worker=worker, created_at=now,
                heartbeat_at=now,
            )
            db.add(row)
            db.flush()
            return row.id

    def job(self, job_id: int, user_id: int | None = None) -> JobRecord:
        """One job (of `user_id`, when given); an abandoned one is marked failed first."""
        with self._writing("reading an analysis") as db:
            row = db.get(AnalysisJob, job_id)
            if row is None or (user_id is not None and row.user_id != user_id):
                raise UnknownJobError(job_id)
            now = datetime.now(UTC)
            if _abandoned(row, now):
                row.status, row.message, row.finished_at = "failed", INTERRUPTED_MESSAGE, now
            return _record(row)

    def jobs(
        self, user_id: int, limit: int | None = 20
    ) -> list[JobRecord]:
        """The user's jobs, newest first (abandoned ones shown as failed)."""
        query = (
            select(AnalysisJob).where(AnalysisJob.user_id == user_id)
            .order_by(AnalysisJob.created_at.desc(), AnalysisJob.id.desc())
        )
        if limit is not None:
            query = query.limit(limit)
        with self._reading("reading the analyses") as db:
            rows = list(db.scalars(query))
        now = datetime.now(UTC)
        out = []
        for row in rows:
            rec = _record(row)
            if _abandoned(row, now):
                rec = JobRecord(**{**rec.__dict__, "status": "failed",
                                   "message": INTERRUPTED_MESSAGE})
            out.append(rec)
        return out

    def claim_job(self, job_id: int, worker: str) -> bool:
        """Start a queued job for `worker`; False when it is not queued (taken, or gone)."""
        now = datetime.now(UTC)
        with self._writing("starting an analysis") as db:
            done = cast(CursorResult[Any], db.execute(
                update(AnalysisJob)
                .where(AnalysisJob.id == job_id, AnalysisJob.status == "queued")
                .values(status="running", worker=worker, started_at=now, heartbeat_at=now,
                        stage="starting")
            ))
            return bool(done.rowcount)

    def job_progress(self, job_id: int, stage: str, progress: float) -> None:
        """Record what a running job is doing and how far along it is (0..1)."""
        value = min(1.0, max(0.0, float(progress)))
        with self._writing("saving an analysis's progress") as db:
            db.execute(
                update(AnalysisJob)
                .where(AnalysisJob.id == job_id, AnalysisJob.status == "running")
                .values(stage=stage, progress=value, heartbeat_at=datetime.now(UTC))
            )

    def touch_jobs(self, worker: str) -> int:
        """Refresh the heartbeat of every unfinished job of `worker`; returns how many."""
        with self._writing("keeping analyses alive") as db:
            done = cast(CursorResult[Any], db.execute(
                update(AnalysisJob)
                .where(AnalysisJob.worker == worker, AnalysisJob.status.in_(UNFINISHED))
                .values(heartbeat_at=datetime.now(UTC))
            ))
            return int(done.rowcount or 0)

    def finish_job(
        self, job_id: int, result: dict[str, Any], annotated_path: str | None
    ) -> None:
        with self._writing("saving an analysis's result") as db:
            row = db.get(AnalysisJob, job_id)
            if row is None:
                raise UnknownJobError(job_id)
            row.status, row.stage, row.progress = "done", "done", 1.0
            row.result = to_json_value(result)
            row.annotated_path = annotated_path
            row.finished_at = row.heartbeat_at = datetime.now(UTC)

    def fail_job(self, job_id: int, message: str) -> None:
        with self._writing("saving why an analysis failed") as db:
            row = db.get(AnalysisJob, job_id)
            if row is None:
                raise UnknownJobError(job_id)
            row.status, row.message = "failed", message
            row.finished_at = row.heartbeat_at = datetime.now(UTC)

    def fail_abandoned_jobs(self) -> list[int]:
        """Mark every abandoned job failed (a runner calls this when it starts); their ids."""
        now = datetime.now(UTC)
        with self._writing("closing interrupted analyses") as db:
            rows = db.scalars(select(AnalysisJob).where(AnalysisJob.status.in_(UNFINISHED)))
            failed = []
            for row in rows:
                if _abandoned(row, now):
                    row.status, row.message, row.finished_at = "failed", INTERRUPTED_MESSAGE, now
                    failed.append(row.id)
            return failed
