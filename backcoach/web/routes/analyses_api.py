"""JSON API of the video analyses: upload one, follow its progress, read its result.

The job row is the truth (status, stage, progress 0..1, message, result), so any web process
answers these calls whichever process runs the job.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, UploadFile
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from backcoach.jobs import JobRunner, UploadLimits, submit_video
from backcoach.store import JobRecord, Store
from backcoach.web.deps import get_data_dir, get_limits, get_runner, get_store

router = APIRouter(prefix="/api/analyses", tags=["video analysis"])

StoreDep = Annotated[Store, Depends(get_store)]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No analysis with this id."}}


class AnalysisOut(BaseModel):
    """An analysis job: where it is, and its result once done."""

    id: int
    exercise_id: str
    input_name: str = Field(description="The file name as uploaded.")
    status: str = Field(description="queued | running | done | failed")
    stage: str | None = Field(description="starting | pose | analysis | video | done")
    progress: float = Field(ge=0, le=1, description="How far along the whole job is.")
    message: str | None = Field(description="Why it failed, in one sentence.")
    created_at: str | None
    started_at: str | None
    finished_at: str | None
    page_url: str
    video_url: str | None = Field(description="The annotated H.264 MP4, once done.")
    result: dict[str, Any] | None = Field(
        description="count, count_by_side, reps (side, start, end, peak_angle, hold_seconds, "
        "faults), warnings, cues, trace (the measured value over time)."
    )


def job_out(job: JobRecord) -> AnalysisOut:
    d = job.to_dict()
    return AnalysisOut(
        **{k: d[k] for k in ("id", "exercise_id", "input_name", "status", "stage", "progress",
                             "message", "created_at", "started_at", "finished_at", "result")},
        page_url=f"/camera/analyses/{job.id}",
        video_url=f"/camera/analyses/{job.id}/video" if job.annotated_path else None,
    )


@router.post("", response_model=AnalysisOut, status_code=202,
             responses={400: {"description": "Not a readable video, or over a limit."}},
             summary="Upload a video to analyse")
async def create_analysis(
    store: StoreDep,
    runner: Annotated[JobRunner, Depends(get_runner)],
    data_dir: Annotated[Path, Depends(get_data_dir)],
    limits: Annotated[UploadLimits, Depends(get_limits)],
    exercise: Annotated[str, Form(description="Exercise id, e.g. lumbar-stabilization.")],
    video: Annotated[UploadFile, File(description="The video (MP4, MOV, WebM, AVI).")],
) -> AnalysisOut:
    def submit() -> AnalysisOut:
        user = store.local_user()
        job_id = submit_video(store, runner, data_dir, limits, video.file,
                              video.filename or "video", video.content_type, exercise, user)
        return job_out(store.job(job_id, user))

    return await run_in_threadpool(submit)


@router.get("", response_model=list[AnalysisOut], summary="Your latest analyses")
def list_analyses(store: StoreDep) -> list[AnalysisOut]:
    return [job_out(j) for j in store.jobs(store.local_user(), limit=50)]


@router.get("/{job_id}", response_model=AnalysisOut, responses=NOT_FOUND,
            summary="One analysis: progress, or its result")
def get_analysis(job_id: int, store: StoreDep) -> AnalysisOut:
    return job_out(store.job(job_id, store.local_user()))
