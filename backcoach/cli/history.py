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
# The store reports a session never finished as "interrupted" (the JSON keeps that value), but
# it cannot tell one still running from one that was cut off, so the table says "unfinished".
STATUS_SHOWN = {"interrupted": "unfinished"}
UNFINISHED_NOTE = "unfinished: still running, or ended without being finished (e.g. killed)."


def _when(value: str | None) -> str:
    if value is None:
        return "—"
    return datetime.fromisoformat(value).astimezone().strftime("%Y-%m-%d %H:%M")


def _pain(item: dict[str, Any]) -> str:
    before, after = item["pain_before"], item["pain_after"]
    if before is None and after is None:
        return "—"
    return f"{'?' if before is None else before}→{'?' if after is None else after}"


def _set_label(s: dict[str, Any]) -> str:
    """"1", "2 left": the set's number, and its side when it has one."""
    return f"{s['set_index']}" + (f" {s['side']}" if s["side"] else "")


def _set_reps(s: dict[str, Any]) -> str:
    """One set's reps on its own ("2 of 10"): sets of an easier variant have their own target."""
    return "skipped" if s["skipped"] else f"{s['reps_done']} of {s['reps_target']}"


def _holds(holds: list[float]) -> str:
    if not holds:
        return "—"
    return f"{len(holds)}× avg {sum(holds) / len(holds):.1f} s"


def history_table(items: list[dict[str, Any]]) -> Table:
    """The history as a Rich table: one row per set, under its exercise, sessions in sections."""
    table = Table(
        title="BackCoach history (newest first)", box=box.HORIZONTALS, show_edge=False,
        padding=(0, 1, 0, 0),
    )
    for name in ("started", "status", "pain", "exercise", "set", "reps", "holds"):
        table.add_column(name, no_wrap=name in ("started", "status", "pain", "exercise"))
    for k, item in enumerate(items):
        status = item["status"]
        head = [
            _when(item["started_at"]),
            Text(STATUS_SHOWN.get(status, status), style=STATUS_STYLE.get(status, "")),
            _pain(item),
        ]
        rows = [
            (ex["exercise_id"] if n == 0 else "", _set_label(s), _set_reps(s),
             _holds([] if s["skipped"] else s["holds"]))
            for ex in item["exercises"] for n, s in enumerate(ex["sets"])
        ] or [("(no sets recorded)", "—", "—", "—")]
        for n, row in enumerate(rows):
            table.add_row(*(head if n == 0 else ["", "", ""]), *row)
        if k < len(items) - 1:
            table.add_section()
    if any(i["status"] == "interrupted" for i in items):
        table.caption, table.caption_justify = UNFINISHED_NOTE, "left"
    return table


@app.command("history")
def history(
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list instead of a table."),
    limit: int | None = typer.Option(
        None, "--limit", "-n", min=0, help="Show only the N most recent sessions."
    ),
) -> None:
    """List past sessions, newest first: each set's reps and holds, pain before and after.

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
