"""`backcoach db upgrade` and `backcoach db status`: the database schema."""

from __future__ import annotations

import json
from dataclasses import asdict

import typer

from backcoach import settings
from backcoach.cli.app import app, console

db_app = typer.Typer(
    help="Create or update the database, or show where it is and its schema version.\n\n"
    "Example: backcoach db status",
    no_args_is_help=True,
)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def upgrade() -> None:
    """Create the database if needed and apply any pending migrations.

    Example: backcoach db upgrade
    """
    from backcoach.store import Store, migrate

    url = settings.database_url()
    with Store.open(url):
        pass
    state = migrate.status(url)
    console.print(
        f"Database ready at {state.url} (schema version {state.current}).", soft_wrap=True
    )


@db_app.command("status")
def status(
    as_json: bool = typer.Option(False, "--json", help="Print the status as JSON."),
) -> None:
    """Show which database BackCoach uses and whether its schema is up to date.

    Example: backcoach db status
    """
    from backcoach.store import migrate

    state = migrate.status(settings.database_url())
    if as_json:
        typer.echo(json.dumps({**asdict(state), "up_to_date": state.up_to_date}))
        return
    console.print(f"Database: {state.url}", soft_wrap=True)
    if not state.exists:
        console.print("Not created yet: `backcoach db upgrade` (or any command) creates it.")
    elif state.up_to_date:
        console.print(f"Schema: up to date (version {state.current}).")
    else:
        console.print(
            f"Schema: version {state.current or 'none'}, latest is {state.head}. "
            "Run `backcoach db upgrade`."
        )
