"""`backcoach history`: past sessions with their sets, reps, holds and pain before/after."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import typer
from rich import box
from rich.table import Table
from rich.text import Text

from backcoach.cli.app import app, console

STATUS_STYLE = {"completed": "green", "stopped": "red", "quit": "yellow", "interrupted": "magenta"}


def _when(value: str | None) -> str:
    if value is None:
        return "—"
    return datetime.fromisoformat(value).astimezone().strftime("%Y-%m-%d %H:%M")


def _pain(item: dict[str, Any]) -> str:
    before, after = item["pain_before"], item["pain_after"]
    if before is None and after is None:
        return "—"
    return f"{'?' if before is None else before}→{'?' if after is None else after}"


def _reps(sets: list[dict[str, Any]]) -> str:
    """Reps done/target, summed per side: "L 10/10 R 9/10" or "10/10"."""
    totals: dict[str | None, list[int]] = {}
    for s in sets:
        if s["skipped"]:
            continue
        done_target = totals.setdefault(s["side"], [0, 0])
        done_target[0] += s["reps_done"]
        done_target[1] += s["reps_target"]
    if not totals:
        return "—"
    return " ".join(
        f"{side[0].upper() + ' ' if side else ''}{done}/{target}"
        for side, (done, target) in totals.items()
    )


def _sets(sets: list[dict[str, Any]]) -> str:
    skipped = sum(1 for s in sets if s["skipped"])
    done = len(sets) - skipped
    if not done:
        return "skipped"
    return f"{done}" + (f" +{skipped} skipped" if skipped else "")


def _holds(sets: list[dict[str, Any]]) -> str:
    holds = [h for s in sets for h in s["holds"]]
    if not holds:
        return "—"
    return f"{len(holds)}× avg {sum(holds) / len(holds):.1f} s"


def history_table(items: list[dict[str, Any]]) -> Table:
    """The history as a Rich table: one row per exercise, sessions in sections."""
    table = Table(
        title="BackCoach history (newest first)", box=box.SIMPLE_HEAD, show_edge=False,
        padding=(0, 1, 0, 0),
    )
    for name in ("started", "status", "pain", "exercise", "sets", "reps", "holds"):
        table.add_column(name, no_wrap=name in ("started", "status", "pain", "exercise"))
    for item in items:
        head = [
            _when(item["started_at"]),
            Text(item["status"], style=STATUS_STYLE.get(item["status"], "")),
            _pain(item),
        ]
        exercises = item["exercises"] or [{"exercise_id": "(no sets recorded)", "sets": []}]
        for n, ex in enumerate(exercises):
            cells = head if n == 0 else ["", "", ""]
            sets = ex["sets"]
            row = [ex["exercise_id"], _sets(sets), _reps(sets), _holds(sets)]
            table.add_row(*cells, *row)
        table.add_section()
    return table


@app.command("history")
def history(
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list instead of a table."),
    limit: int | None = typer.Option(
        None, "--limit", "-n", min=0, help="Show only the N most recent sessions."
    ),
) -> None:
    """List past sessions, newest first: sets, reps and holds per exercise, pain before/after.

    Example: backcoach history --limit 5
    """
    from backcoach.store import Store  # imported here: keeps `backcoach --help` quick

    with Store.open() as store:
        items = store.history(store.local_user(), limit=limit)
    if as_json:
        typer.echo(json.dumps(items, indent=2))
        return
    if not items:
        console.print("No sessions yet. Start one with `backcoach session`.")
        return
    console.print(history_table(items))
