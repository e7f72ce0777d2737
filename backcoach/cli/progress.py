"""A Rich progress bar for long library calls that report `progress(done, total)`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from backcoach.cli.app import console_err


@contextmanager
def stage_bars(labels: dict[str, str]) -> Iterator[Callable[[str, int, int], None]]:
    """Yields `update(stage, done, total)`; each stage gets its own bar, on stderr.

    `labels` maps a stage name to its description; bars appear when their stage starts.
    """
    progress = Progress(
        TextColumn("{task.description:<18}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console_err,
        transient=False,
    )
    tasks: dict[str, TaskID] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = progress.add_task(labels.get(stage, stage), total=total)
        progress.update(tasks[stage], completed=done, total=total)

    with progress:
        yield update
