"""The `backcoach` command line: a thin Typer shell over the library.

Each command group lives in its own module and registers itself on `app`; library errors are
turned into a plain message and an exit code here, in one place.
"""

from __future__ import annotations

import sys

import click
from typer._click.exceptions import ClickException  # typer 0.29 vendors its own click
from typer.exceptions import Abort as TyperAbort

from backcoach.cli.app import app, console_err
from backcoach.errors import BackCoachError

# Importing the command modules registers their commands on `app`, in the order `--help`
# lists them: library, sessions, progress, camera coach, tools.
from backcoach.cli import exercises as _exercises
from backcoach.cli import session as _session
from backcoach.cli import serve as _serve
from backcoach.cli import history as _history
from backcoach.cli import report as _report
from backcoach.cli import analyze as _analyze
from backcoach.cli import pose as _pose
from backcoach.cli import synth as _synth
from backcoach.cli import illustrate as _illustrate
from backcoach.cli import db as _db

__all__ = ["app", "main"]


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script and of `python -m backcoach`."""
    try:
        result = app(args=argv, prog_name="backcoach", standalone_mode=False)
    except BackCoachError as exc:
        console_err.print(f"[bold red]Error:[/] {exc}", highlight=False)
        return exc.exit_code
    except SystemExit as exc:  # typer/click exits
        return int(exc.code or 0)
    except KeyboardInterrupt:
        console_err.print("Stopped.")
        return 130
    except (ClickException, click.exceptions.ClickException) as exc:
        # Usage errors (exit 2) print the short usage line and the problem, no traceback.
        exc.show()
        return exc.exit_code
    except (TyperAbort, click.exceptions.Abort):
        console_err.print("Aborted.")
        return 1
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
