"""Queue an uploaded video for analysis: check and keep the file, create the job, submit it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import BinaryIO

from backcoach.catalog import get_exercise
from backcoach.jobs.runner import JobRunner
from backcoach.jobs.uploads import UploadLimits, accept_upload
from backcoach.store import Store


def submit_video(
    store: Store,
    runner: JobRunner,
    data_dir: Path,
    limits: UploadLimits,
    src: BinaryIO,
    name: str,
    content_type: str | None,
    exercise_id: str,
    user_id: int,
) -> int:
    """The new job's id. UnknownExerciseError, UploadRefused (a plain message) or
    StorageError before anything is queued; a refused file is not kept."""
    exercise = get_exercise(exercise_id)
    upload = accept_upload(src, name, content_type, data_dir, limits)
    try:
        job_id = store.create_job(
            user_id, exercise_id=exercise.id, input_name=upload.name,
            input_path=upload.relative, worker=runner.worker,
            params={"duration": round(upload.duration, 2), "size": upload.size,
                    "width": upload.width, "height": upload.height},
        )
    except BaseException:
        shutil.rmtree(upload.path.parent, ignore_errors=True)
        raise
    runner.submit(job_id)
    return job_id
