"""The Typer application object and the consoles every command writes to."""

from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(
    name="backcoach",
    help="BackCoach: a home-exercise coach for lower back pain.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain click-style help: flags without a `<bool>` placeholder, and usage errors as
    # the same short plain text that main() prints.
    rich_markup_mode=None,
)
console = Console()
console_err = Console(stderr=True, soft_wrap=True)
