"""Draw a session view as a Rich renderable: exercise, side, reps, hold and rest timers, keys."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from backcoach.session import SessionView

PANEL_WIDTH = 96
BAR_WIDTH = 40

PHASE_HINT = {
    "move": ("Your turn", "bold green"),
    "hold": ("Hold", "bold cyan"),
    "rest": ("Rest", "bold blue"),
    "paused": ("Paused - press p to resume", "bold yellow"),
    "pain_stop": ("Stopped for pain", "bold red"),
    "done": ("Finished", "bold"),
    "ready": ("Getting ready", "dim"),
}


def _timer(remaining: float, total: float, style: str) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_row(
        ProgressBar(total=max(total, 0.001), completed=max(0.0, total - remaining),
                    width=BAR_WIDTH, complete_style=style, finished_style=style),
        Text(f"{remaining:4.1f} s left", style=style),
    )
    return grid


def _reps(view: SessionView) -> Text:
    if view.mode == "alternating" and view.reps_by_side:
        text = Text()
        for n, (side, count) in enumerate(view.reps_by_side.items()):
            if n:
                text.append("   ")
            style = "bold" if side == view.side and view.phase != "rest" else "dim"
            text.append(f"{side} {count}/{view.reps_target}", style=style)
        return text
    return Text(f"{view.reps_done}/{view.reps_target}", style="bold")


def legend_text(legend: list[tuple[str, str]]) -> Text:
    text = Text()
    for n, (key, what) in enumerate(legend):
        if n:
            text.append("  ")
        text.append(key, style="bold reverse")
        text.append(f" {what}")
    return text


def render_view(
    view: SessionView,
    legend: list[tuple[str, str]],
    *,
    entry: str | None = None,
    notice: str | None = None,
    width: int = PANEL_WIDTH,
) -> RenderableType:
    """The whole player screen for one moment."""
    hint, hint_style = PHASE_HINT.get(view.phase, (view.phase, ""))
    rows = Table.grid(padding=(0, 2))
    rows.add_column(style="dim", no_wrap=True)
    rows.add_column()
    rows.add_row("Now", Text(hint, style=hint_style))
    if view.side:
        rows.add_row("Side", Text(view.side, style="bold magenta"))
    rows.add_row("Reps", _reps(view))
    if view.sets > 1:
        rows.add_row("Set", Text(f"{view.set_no} of {view.sets}"))
    if view.hold_remaining is not None and view.hold_total:
        rows.add_row("Hold", _timer(view.hold_remaining, view.hold_total, "cyan"))
    elif view.hold_total:
        rows.add_row("Hold", Text(f"{view.hold_total:g} s each rep (press when in position)"))
    if view.rest_remaining is not None and view.rest_total:
        rows.add_row("Rest", _timer(view.rest_remaining, view.rest_total, "blue"))
    rows.add_row("Next up", Text(view.next_up or "- (last one)"))
    if view.pain_last is not None:
        start = "-" if view.pain_baseline is None else view.pain_baseline
        rows.add_row("Pain", Text(f"{view.pain_last} of 10 (at the start: {start})"))

    parts: list[RenderableType] = [
        Text(view.exercise_name or "", style="bold"),
        Text(view.instruction or "", style="italic"),
    ]
    if view.note:
        parts.append(Text(f"Easier: {view.note}", style="yellow"))
    parts += [Text(""), rows]
    if view.message:
        style = "bold red" if view.phase == "pain_stop" else "yellow"
        parts += [Text(""), Text(view.message, style=style)]
    if view.phase == "pain_stop":
        parts.append(Text(view.offer or "No easier variant left for this exercise today.",
                          style="yellow"))
    if entry is not None:
        parts += [Text(""), Text(f"Pain now (0-10), then Enter: {entry}_", style="bold reverse")]
    if notice:
        parts.append(Text(notice, style="dim"))
    if view.phase == "pain_stop" and not view.offer:
        legend = [(k, w) for k, w in legend if k != "e"]
    title = f"BackCoach - exercise {view.exercise_index + 1} of {view.exercise_count}"
    border = {"pain_stop": "red", "paused": "yellow", "rest": "blue"}.get(view.phase, "green")
    return Group(
        Panel(Group(*parts), title=title, border_style=border, width=width),
        legend_text(legend),
    )
