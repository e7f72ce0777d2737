"""`backcoach analyze`: count and check an exercise in a video or a landmark recording."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from backcoach.catalog import get_exercise
from backcoach.cli.app import app, console
from backcoach.cli.progress import stage_bars
from backcoach.words import times

if TYPE_CHECKING:
    from backcoach.motion.offline import OfflineAnalysis

STAGES = {"pose": "Finding the pose", "analysis": "Analysing", "video": "Writing the video"}


def _fmt(value: float | None, unit: str = "") -> str:
    return "-" if value is None else f"{value:.1f}{unit}"


def fault_label(fault: str) -> str:
    """A fault id as words for the table ("bent_knee" -> "bent knee"); the tips below it give
    the catalogue's cue, and --json keeps the ids."""
    return fault.replace("_", " ")


def metric_header(metric: str) -> str:
    """The peak column's title: the metric, with its unit when it is not degrees."""
    from backcoach.reports.exercises import METRIC_UNITS

    unit = METRIC_UNITS.get(metric, "°")
    return metric if unit == "°" else f"{metric} ({unit})"


def metric_value(value: float | None, metric: str) -> str:
    """A peak in its metric's unit: degrees to 0.1°, other units (e.g. shank lengths) to 0.01."""
    from backcoach.reports.exercises import METRIC_UNITS

    if value is None:
        return "-"
    return f"{value:.1f}°" if METRIC_UNITS.get(metric, "°") == "°" else f"{value:.2f}"


def _render(done: OfflineAnalysis) -> None:
    result = done.result
    exercise = get_exercise(result.exercise)
    table = Table(title=f"{exercise.name}: {done.input.name}")
    table.add_column("#", justify="right")
    table.add_column("side")
    table.add_column("start", justify="right")
    table.add_column("end", justify="right")
    table.add_column("hold", justify="right")
    metric = result.reps[0].metric if result.reps else ""
    table.add_column(metric_header(metric) if metric else "peak", justify="right")
    table.add_column("faults")
    for rep in result.reps:
        table.add_row(
            str(rep.index), rep.side or "both", _fmt(rep.start, " s"), _fmt(rep.end, " s"),
            _fmt(rep.hold_seconds, " s"), metric_value(rep.peak_angle, rep.metric),
            ", ".join(fault_label(f) for f in rep.faults) or "[green]none[/]",
        )
    if result.reps:
        console.print(table)
    else:
        console.print(f"No {exercise.name} repetitions found in {done.input.name}.")
    sides = ", ".join(f"{k} {v}" for k, v in result.count_by_side.items())
    share = result.frames_with_person / result.frames if result.frames else 0.0
    console.print(f"[bold]Reps: {result.count}[/] ({sides})", highlight=False)
    console.print(
        f"Frames analysed: {result.frames} over {result.duration:.1f} s, a person in "
        f"{share:.0%} of them.",
        highlight=False,
    )
    if result.warnings:
        console.print(
            f"[yellow]The coach could not see well {times(len(result.warnings))}[/]: "
            + "; ".join(sorted({w.text for w in result.warnings})),
            highlight=False,
        )
    for cue in sorted({c.text for c in result.cues}):
        console.print(f"[yellow]Tip:[/] {cue}", highlight=False)
    if done.annotated:
        console.print(f"Annotated video: [bold]{done.annotated}[/]", highlight=False)


@app.command("analyze")
def analyze(
    input_path: Annotated[
        Path,
        typer.Argument(
            metavar="INPUT", help="A video, or a landmark recording (.json / .json.gz)."
        ),
    ],
    exercise: Annotated[
        str,
        typer.Option(
            "--exercise", "-e", metavar="ID", help="Exercise id, e.g. lumbar-stabilization."
        ),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the result as one JSON object.")
    ] = False,
    annotated: Annotated[
        Path | None,
        typer.Option(
            "--annotated", metavar="OUT.mp4",
            help="Also write the video with the skeleton, angle, reps, hold timer and cues.",
        ),
    ] = None,
    fps: Annotated[
        float | None,
        typer.Option(
            "--fps",
            help="Frames analysed per second of video (default 15); 0 analyses every frame.",
        ),
    ] = None,
) -> None:
    """Count the repetitions of an exercise in a video and check their form.

    Example: backcoach analyze bird-dog.mp4 --exercise lumbar-stabilization --annotated out.mp4
    """
    # imported here so that `backcoach --help` stays quick
    from backcoach.motion.extract import DEFAULT_SAMPLE_FPS
    from backcoach.motion.offline import analyze_file

    get_exercise(exercise)  # a wrong id fails at once, before any video is read
    with stage_bars(STAGES) as update:
        done = analyze_file(
            input_path, exercise, annotated=annotated, progress=update,
            sample_fps=DEFAULT_SAMPLE_FPS if fps is None else (fps or None),
        )
    if as_json:
        typer.echo(json.dumps(done.to_dict(), indent=2))
    else:
        _render(done)
