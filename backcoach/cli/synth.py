"""`backcoach synth`: write a synthetic landmark recording with its ground truth."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from backcoach.catalog import get_exercise
from backcoach.cli.app import app, console
from backcoach.errors import InputError
from backcoach.motion.synth import SynthSpec, generate
from backcoach.motion.synth.presets import NOISE_LEVELS, parse_fault, with_noise
from backcoach.motion.synth.spec import VIEWS, validate


@app.command("synth")
def synth(
    exercise: Annotated[str, typer.Argument(help="Exercise id, e.g. straight-leg-raises.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output file (.json or .json.gz).")],
    reps: int = typer.Option(5, "--reps", "-n", help="Reps (per side for per-side and "
                             "alternating exercises)."),
    side: str = typer.Option(None, "--side", help="left, right or both (per-side); the "
                             "starting side (alternating)."),
    fault: Annotated[list[str] | None, typer.Option(
        "--fault", "-f", help="Fault id, on every rep or on some: ID or ID:2,4. Repeatable.")
    ] = None,
    noise: str = typer.Option("none", "--noise", help=f"Noise level: {', '.join(NOISE_LEVELS)}."),
    view: str = typer.Option("side-left", "--view", help=f"Camera view: {', '.join(VIEWS)}."),
    head: str = typer.Option("left", "--head", help="Lying/kneeling: image side of the head."),
    tempo: float = typer.Option(1.0, "--tempo", help="Speed factor (2 = twice as fast)."),
    hold: float = typer.Option(None, "--hold", help="Hold seconds (default: the catalogue's)."),
    body_height: float = typer.Option(1.75, "--body-height", help="Body height in metres."),
    distance: float = typer.Option(None, "--distance", help="Camera distance in metres."),
    camera_height: float = typer.Option(None, "--camera-height", help="Camera height (m)."),
    tilt: float = typer.Option(0.0, "--tilt", help="Camera tilt down, degrees."),
    yaw: float = typer.Option(0.0, "--yaw", help="Camera turned from the view about the "
                              "vertical, degrees (side views: + towards the front)."),
    limb_out: bool = typer.Option(False, "--limb-out", help="A limb leaves the picture."),
    second_person: bool = typer.Option(False, "--second-person", help="Someone walks past."),
    fps: float = typer.Option(30.0, "--fps", help="Frames per second."),
    seed: int = typer.Option(0, "--seed", help="Random seed (same seed, same file)."),
) -> None:
    """Generate a synthetic recording of an exercise, with ground truth, from the body model.

    Example: backcoach synth straight-leg-raises --reps 3 --fault bent_knee:2 --out slr.json.gz
    """
    ex = get_exercise(exercise)
    per_rep = 2 if ex.dosage.alternating or (ex.dosage.per_side and side in (None, "both")) else 1
    try:  # every problem found here is a bad option value: a usage error (exit 2)
        faults: dict[str, list[int]] = {}
        for text in fault or []:
            name, which = parse_fault(text, reps * per_rep)
            faults.setdefault(name, []).extend(which)
        spec = SynthSpec(exercise=ex.id, reps=reps, side=side, faults=faults, view=view,
                         head=head, tempo=tempo, hold_seconds=hold, body_height_m=body_height,
                         distance_m=distance, camera_height_m=camera_height, tilt_deg=tilt,
                         yaw_deg=yaw, limb_out_of_frame=limb_out,
                         second_person=second_person, fps=fps, seed=seed)
        spec = with_noise(spec, noise)
        validate(spec)
    except InputError as exc:
        raise typer.BadParameter(str(exc)) from exc
    rec = generate(spec)
    rec.save(out)
    truth = rec.truth or {}
    sides = ", ".join(f"{k} {v}" for k, v in truth.get("count_by_side", {}).items())
    console.print(f"Wrote {out}: {len(rec)} frames, {rec.duration:.1f} s, "
                  f"{truth.get('count')} reps ({sides}).", highlight=False)
