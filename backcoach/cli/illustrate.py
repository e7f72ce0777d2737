"""`backcoach illustrate`: draw the exercise pictures from the body model."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from backcoach.cli.app import app, console
from backcoach.illustrate import shipped_dir, write_illustrations


@app.command("illustrate")
def illustrate(
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Folder for the SVG files (default: the shipped folder).")] = None,
    exercise: Annotated[list[str] | None, typer.Option(
        "--exercise", "-e", help="Only this exercise id (repeatable).")] = None,
    sheet: Annotated[Path | None, typer.Option(
        "--sheet", help="Also render a contact sheet PNG (needs playwright and Chromium).")
    ] = None,
) -> None:
    """Draw the start, end and animated-rep pictures of every exercise as SVG.

    Example: backcoach illustrate --out pictures/
    """
    folder = out or shipped_dir()
    written = write_illustrations(folder, ids=exercise or None)
    console.print(f"Wrote {len(written)} pictures to {folder}", highlight=False)
    if sheet:
        from backcoach.illustrate.sheet import render_sheet

        render_sheet(folder, sheet)
        console.print(f"Contact sheet: {sheet}", highlight=False)
