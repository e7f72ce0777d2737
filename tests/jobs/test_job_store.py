"""Analysis jobs in the database (SQLite and PostgreSQL): queue, claim once, progress, finish,
fail, and a job whose worker died shown as failed instead of running for ever."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from backcoach.store import Store, UnknownJobError
from backcoach.store.jobs import INTERRUPTED_MESSAGE, STALE_AFTER, worker_id
from backcoach.store.models import AnalysisJob
from tests.reports.history import other_user


def _job(store: Store, user: int, worker: str | None = None) -> int:
    return store.create_job(user, exercise_id="heel-slides", input_name="me.mp4",
                            input_path="uploads/x/me.mp4", worker=worker,
                            params={"duration": 3.0})


def _dead_worker() -> str:
    """The worker id of a process that has ended (and been reaped)."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return worker_id().rsplit("/", 1)[0] + "/" + done.stdout.strip()


def test_a_job_goes_queued_running_done(store: Store) -> None:
    user = store.local_user()
    job_id = _job(store, user, worker_id())
    job = store.job(job_id, user)
    assert (job.status, job.progress, job.finished) == ("queued", 0.0, False)
    assert job.params == {"duration": 3.0} and job.user_id == user
    assert store.claim_job(job_id, worker_id())
    assert not store.claim_job(job_id, "elsewhere/1")          # taken once only
    store.job_progress(job_id, "pose", 0.42)
    job = store.job(job_id)
    assert (job.status, job.stage, job.progress) == ("running", "pose", 0.42)
    store.finish_job(job_id, {"count": 2, "reps": []}, "results/1/annotated.mp4")
    job = store.job(job_id)
    assert (job.status, job.progress, job.result["count"]) == ("done", 1.0, 2)
    assert job.annotated_path == "results/1/annotated.mp4" and job.finished_at is not None
    store.job_progress(job_id, "pose", 0.1)                     # a late report changes nothing
    assert store.job(job_id).status == "done"


def test_jobs_belong_to_their_user(store: Store) -> None:
    me, someone = store.local_user(), other_user(store)
    mine = _job(store, me)
    theirs = _job(store, someone)
    assert [j.id for j in store.jobs(me)] == [mine]
    with pytest.raises(UnknownJobError):
        store.job(theirs, me)
    with pytest.raises(UnknownJobError):
        store.job(99_999)


def test_a_failed_job_keeps_its_sentence(store: Store) -> None:
    job_id = _job(store, store.local_user())
    store.claim_job(job_id, worker_id())
    store.fail_job(job_id, "No person was found in me.mp4.")
    job = store.job(job_id)
    assert (job.status, job.message) == ("failed", "No person was found in me.mp4.")


def test_a_job_whose_worker_process_died_reads_as_failed(store: Store) -> None:
    job_id = _job(store, store.local_user())
    store.claim_job(job_id, _dead_worker())
    store.job_progress(job_id, "pose", 0.3)
    job = store.job(job_id)
    assert (job.status, job.message) == ("failed", INTERRUPTED_MESSAGE)
    assert store.job(job_id).status == "failed"                 # and stays so


def test_a_job_with_an_old_heartbeat_reads_as_failed_unless_touched(store: Store) -> None:
    user = store.local_user()
    stale, alive = _job(store, user), _job(store, user)
    for job_id in (stale, alive):
        store.claim_job(job_id, "another-machine/123")
    old = datetime.now(UTC) - STALE_AFTER - timedelta(seconds=5)
    with store.engine.begin() as conn:
        conn.execute(update(AnalysisJob).values(heartbeat_at=old))
    # the worker of `alive` is still there and refreshes its jobs; then `stale` is closed
    assert store.touch_jobs("another-machine/123") == 2
    with store.engine.begin() as conn:
        conn.execute(update(AnalysisJob).where(AnalysisJob.id == stale).values(heartbeat_at=old))
    assert store.fail_abandoned_jobs() == [stale]
    assert store.job(stale).status == "failed"
    assert store.job(alive).status == "running"
    assert [j.status for j in store.jobs(user)] == ["running", "failed"]


def test_a_queued_job_without_a_worker_waits(store: Store) -> None:
    """Queued for a task queue (no worker yet): never judged abandoned, however long it waits."""
    job_id = _job(store, store.local_user(), worker=None)
    old = datetime.now(UTC) - 10 * STALE_AFTER
    with store.engine.begin() as conn:
        conn.execute(update(AnalysisJob).values(created_at=old, heartbeat_at=old))
    assert store.fail_abandoned_jobs() == []
    assert store.job(job_id).status == "queued"
