"""`backcoach pose`: extract the landmarks of a video once, to re-analyse them in milliseconds."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from backcoach.cli.app import app, console
from backcoach.cli.progress import stage_bars
from backcoach.errors import InputError
from backcoach.motion.recording import is_recording_path


@app.command("pose")
def pose(
    video: Annotated[
        Path, typer.Argument(metavar="VIDEO", help="A video file (MP4, MOV, WebM...).")
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", metavar="REC.json[.gz]",
            help="Where to write the landmark recording (.json, or .json.gz to compress it).",
        ),
    ],
    fps: Annotated[
        float | None,
        typer.Option(
            "--fps",
            help="Frames analysed per second of video (default 15); 0 analyses every frame.",
        ),
    ] = None,
) -> None:
    """Run the pose model over a video and save its landmarks as a recording.

    Example: backcoach pose bird-dog.mp4 --out bird-dog.json.gz
    """
    if not is_recording_path(out):
        raise InputError(f"the recording must be named .json or .json.gz, not {out.name!r}")
    if not out.parent.exists():
        raise InputError(f"the folder {out.parent} does not exist; create it first")
    # imported here so that `backcoach --help` stays quick
    from backcoach.motion.extract import (
        DEFAULT_SAMPLE_FPS,
        extract_landmarks,
        person_share,
        require_person,
    )

    started = time.perf_counter()
    with stage_bars({"pose": "Finding the pose"}) as update:
        recording = extract_landmarks(
            video, progress=lambda done, total: update("pose", done, total),
            sample_fps=DEFAULT_SAMPLE_FPS if fps is None else (fps or None),
        )
    require_person(recording, video.name)
    recording.save(out)
    took = time.perf_counter() - started
    console.print(
        f"Wrote [bold]{out}[/]: {len(recording)} frames at {recording.fps:g} fps "
        f"({recording.width}x{recording.height}), a person in {person_share(recording):.0%} "
        f"of them; took {took:.1f} s for {recording.duration:.1f} s of video.",
        highlight=False,
    )
