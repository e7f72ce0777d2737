"""Camera pages: practise live with the webcam, or upload a video and follow its analysis.

    GET  /camera                      choose an exercise to practise, or upload a video
    GET  /camera/practice/{id}        live coaching page (drives the /ws/live socket)
    POST /camera/upload               check the upload, queue the analysis job -> its page
    GET  /camera/analyses/{job}       progress bar while it runs; then the result
    GET  /camera/analyses/{job}/video the annotated H.264 MP4
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from backcoach.catalog import get_exercise, load_catalog, session_order
from backcoach.errors import InputError, UnknownExerciseError
from backcoach.jobs import (
    JobRunner,
    UploadLimits,
    UploadTooLarge,
    result_view,
    rom_chart,
    submit_video,
)
from backcoach.jobs.uploads import check_declared_size
from backcoach.motion.landmarks import SKELETON
from backcoach.reports import render_svg
from backcoach.store import Store, UnknownJobError
from backcoach.web.deps import get_data_dir, get_limits, get_runner, get_store
from backcoach.web.templating import templates

router = APIRouter(prefix="/camera", include_in_schema=False)

StoreDep = Annotated[Store, Depends(get_store)]
RunnerDep = Annotated[JobRunner, Depends(get_runner)]
DataDep = Annotated[Path, Depends(get_data_dir)]
LimitsDep = Annotated[UploadLimits, Depends(get_limits)]
VIEW_ADVICE = {
    "side": "Put the camera to your side, at floor or hip height, 2–3 m away, so your whole "
            "body is in the picture.",
    "front": "Face the camera, 2–3 m away, with your whole body in the picture.",
}


def _hub(
    request: Request, store: Store, limits: UploadLimits, *, error: str | None = None,
    chosen: str | None = None, status_code: int = 200,
) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        "camera.html",
        {"title": "Camera coach", "nav": "camera", "catalog": load_catalog(),
         "order": session_order(), "limits": limits, "error": error, "chosen": chosen,
         "jobs": store.jobs(store.local_user(), limit=10)},
        status_code=status_code,
    )


@router.get("", response_class=HTMLResponse, name="camera")
def camera_hub(request: Request, store: StoreDep, limits: LimitsDep) -> HTMLResponse:
    return _hub(request, store, limits)


@router.get("/practice/{exercise_id}", response_class=HTMLResponse, name="camera_practice")
def practice(request: Request, exercise_id: str) -> HTMLResponse:
    ex = get_exercise(exercise_id)
    view = ex.camera.view if ex.camera else "side"
    return templates.TemplateResponse(
        request,
        "practice.html",
        {"title": f"Practise {ex.name.lower()}", "nav": "camera", "ex": ex,
         "advice": VIEW_ADVICE.get(str(view), VIEW_ADVICE["side"]),
         "skeleton": json.dumps([[int(a), int(b)] for a, b in SKELETON]),
         "sided": ex.dosage.per_side or ex.dosage.alternating,
         "body_class": "practice-page"},
    )


@router.post("/upload", response_model=None, name="camera_upload")
async def upload(
    request: Request, store: StoreDep, runner: RunnerDep, data_dir: DataDep, limits: LimitsDep
) -> Response:
    chosen: str | None = None
    try:
        length = request.headers.get("content-length")
        check_declared_size(int(length) if length and length.isdigit() else None, limits)
        async with request.form(max_files=1, max_fields=5) as form:
            chosen = str(form.get("exercise") or "")
            video = form.get("video")
            if not chosen:
                raise InputError("Choose which exercise the video shows.")
            if not isinstance(video, UploadFile) or not video.filename:
                raise InputError("Choose a video file to upload.")
            job_id = await run_in_threadpool(
                submit_video, store, runner, data_dir, limits, video.file, video.filename,
                video.content_type, chosen, store.local_user(),
            )
    except UnknownExerciseError:
        message = f"{chosen!r} is not one of the nine exercises; choose one from the list."
        return _hub(request, store, limits, error=message, status_code=400)
    except InputError as exc:
        code = 413 if isinstance(exc, UploadTooLarge) else 400
        return _hub(request, store, limits, error=str(exc), chosen=chosen, status_code=code)
    return RedirectResponse(f"/camera/analyses/{job_id}", status_code=303)


@router.get("/analyses/{job_id}", response_class=HTMLResponse, name="camera_analysis")
def analysis(request: Request, job_id: int, store: StoreDep) -> HTMLResponse:
    job = store.job(job_id, store.local_user())
    ex = get_exercise(job.exercise_id)
    context: dict = {"title": f"Analysis of {job.input_name}", "nav": "camera", "job": job,
                     "ex": ex}
    if job.status == "done" and job.result is not None:
        context["view"] = result_view(job.result, ex)
        context["chart"] = render_svg(rom_chart(job.result, ex))
        context["cues"] = _cues(job.result)
    return templates.TemplateResponse(request, "analysis.html", context)


def _cues(result: dict) -> list[tuple[float, str]]:
    """Each distinct cue the coach gave, with the first time it was given."""
    first: dict[str, float] = {}
    for cue in result.get("cues") or []:
        first.setdefault(cue.get("text", ""), float(cue.get("t", 0.0)))
    return sorted(((t, text) for text, t in first.items() if text), key=lambda c: c[0])


@router.get("/analyses/{job_id}/video", name="camera_analysis_video")
def analysis_video(job_id: int, store: StoreDep, data_dir: DataDep) -> FileResponse:
    job = store.job(job_id, store.local_user())
    if job.annotated_path is None:
        raise UnknownJobError(job_id)
    path = (data_dir / job.annotated_path).resolve()
    if not path.is_relative_to(data_dir.resolve()) or not path.is_file():
        raise UnknownJobError(job_id)
    return FileResponse(path, media_type="video/mp4", filename=f"backcoach-{job_id}.mp4",
                        content_disposition_type="inline")
