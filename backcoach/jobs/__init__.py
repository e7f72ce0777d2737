"""Background jobs: analysing an uploaded video away from the web request.

    upload = accept_upload(fileobj, name, content_type, data_dir, UploadLimits.from_settings())
    job_id = store.create_job(user_id, exercise_id=..., input_name=upload.name,
                              input_path=upload.relative, worker=runner.worker)
    runner.submit(job_id)                 # InProcessJobRunner: a worker thread
    store.job(job_id, user_id)            # status, stage, progress, result

    job_id = submit_video(store, runner, data_dir, limits, fileobj, name, content_type,
                          exercise_id, user_id)       # the three steps above in one call

Modules: `uploads` (limits and checks), `runner` (JobRunner protocol, in-process runner),
`video` (the job's work: pose, analysis, annotated MP4), `result` (rep rows, fault cues, chart).
"""

from backcoach.jobs.result import RepRow, ResultView, result_view, rom_chart
from backcoach.jobs.runner import InProcessJobRunner, JobRunner
from backcoach.jobs.submit import submit_video
from backcoach.jobs.uploads import (
    Upload,
    UploadLimits,
    UploadRefused,
    UploadTooLarge,
    accept_upload,
)
from backcoach.jobs.video import run_video_job

__all__ = [
    "InProcessJobRunner",
    "JobRunner",
    "RepRow",
    "ResultView",
    "Upload",
    "UploadLimits",
    "UploadRefused",
    "UploadTooLarge",
    "accept_upload",
    "result_view",
    "rom_chart",
    "run_video_job",
    "submit_video",
]
