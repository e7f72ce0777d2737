"""`backcoach session` (the guided session in the terminal) and `backcoach screen`."""

from __future__ import annotations

from typing import Annotated

import typer

from backcoach.cli.app import app, console, console_err
from backcoach.errors import SafetyStop

ExerciseOption = Annotated[
    list[str] | None,
    typer.Option(
        "--exercise", "-e", metavar="ID",
        help="Do only this exercise (repeat the option for several, in that order). "
             "Default: all nine, ordered to limit getting up and down.",
    ),
]


@app.command("session")
def session(
    exercise: ExerciseOption = None,
    voice: bool = typer.Option(False, "--voice", help="Speak the cues (needs espeak-ng)."),
    hold: str = typer.Option("min", "--hold", help="Hold times: the catalogue's min or max."),
) -> None:
    """Do a guided session: safety check, pain before, timed reps and holds, pain after.

    Keys: space rep done, p pause, s skip, r repeat set, n end rest, 0-9 pain, q quit.

    Every finished set is saved at once.

    Example: backcoach session --exercise ankle-pumps --exercise heel-slides --voice
    """
    if hold not in ("min", "max"):
        raise typer.BadParameter("use min or max", param_hint="--hold")
    from backcoach.session import build_plan, make_speaker
    from backcoach.store import Store
    from backcoach.terminal import TerminalKeys, play_session

    plan = build_plan(exercise or None, hold=hold)  # type: ignore[arg-type]
    speaker = make_speaker(voice, warn=lambda msg: console_err.print(f"[yellow]{msg}[/]"))
    try:
        with Store.open() as store:
            code = play_session(console, store, plan, keys=TerminalKeys(), speaker=speaker)
    finally:
        speaker.close()
    if code:
        raise SystemExit(code)


@app.command("screen")
def screen() -> None:
    """Answer the full red-flag safety screen again (it also runs on first use).

    Exits with code 4 when a warning sign means seeing a doctor before exercising.

    Example: backcoach screen
    """
    from backcoach.store import Store
    from backcoach.terminal import run_screen

    with Store.open() as store:
        outcome = run_screen(console, store, store.local_user(), full=True)
    if not outcome.cleared:
        raise SystemExit(SafetyStop.exit_code)
