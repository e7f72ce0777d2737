"""`backcoach exercises` and `backcoach show`: the exercise library in the terminal."""

from __future__ import annotations

import json

import typer
from rich.panel import Panel
from rich.table import Table

from backcoach.catalog import get_exercise, load_catalog
from backcoach.catalog.labels import dosage_text, field_label
from backcoach.cli.app import app, console


@app.command("exercises")
def exercises(
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list instead of a table."),
) -> None:
    """List the nine exercises.

    Example: backcoach exercises --json
    """
    catalog = load_catalog()
    if as_json:
        typer.echo(json.dumps([ex.to_summary_dict() for ex in catalog.values()], indent=2))
        return
    table = Table(title="BackCoach exercises", show_lines=False)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("name")
    table.add_column("position")
    table.add_column("equipment")
    table.add_column("dosage")
    for ex in catalog.values():
        table.add_row(ex.id, ex.name, ex.position, ", ".join(ex.equipment), dosage_text(ex))
    console.print(table)
    console.print("Defaults (not stated by the source) are marked in `backcoach show ID`.")


@app.command("show")
def show(
    exercise_id: str = typer.Argument(..., metavar="ID", help="Exercise id, e.g. wall-squats."),
    as_json: bool = typer.Option(False, "--json", help="Print the exercise as JSON."),
) -> None:
    """Show one exercise: position, steps, dosage, cautions.

    Example: backcoach show straight-leg-raises
    """
    ex = get_exercise(exercise_id)
    if as_json:
        typer.echo(json.dumps(ex.to_summary_dict(), indent=2))
        return
    lines = [f"[bold]{ex.summary}[/]", "", f"Position: {ex.position}"]
    lines.append(f"Equipment: {', '.join(ex.equipment)}")
    lines.append(f"Dosage: {dosage_text(ex)}")
    for dist in ex.distances:
        lines.append(f"{dist.what.capitalize()}: {dist.label()}")
    for ang in ex.angles:
        lines.append(f"{ang.what.capitalize()}: {ang.degrees:g}°")
    lines.append(f"Purpose: {', '.join(p.value for p in ex.purpose)}")
    lines.append("")
    lines += [f"{n}. {s}" for n, s in enumerate(ex.steps, 1)]
    lines.append("")
    lines += [f"[yellow]Caution:[/] {c}" for c in ex.cautions]
    if ex.defaults:
        lines.append("")
        lines.append("[dim]BackCoach defaults (not from the source): "
                     f"{', '.join(field_label(f) for f in ex.defaults)}[/]")
        lines += [f"[dim]- {n}[/]" for n in ex.notes]
    console.print(Panel("\n".join(lines), title=f"{ex.name} ({ex.id})", expand=False))
