"""`backcoach serve`: the web app on this computer, through uvicorn."""

from __future__ import annotations

import typer

from backcoach.cli.app import app, console


@app.command("serve")
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
) -> None:
    """Start the BackCoach web app (library, guided sessions) in your browser.

    Example: backcoach serve --port 8000
    """
    import uvicorn

    from backcoach.store import Store
    from backcoach.web import create_app

    store = Store.open()  # a database problem is reported here, before the server starts
    try:
        console.print(f"BackCoach is running at [bold]http://{host}:{port}[/]  (Ctrl+C stops it)")
        uvicorn.run(create_app(store), host=host, port=port, log_level="info")
    finally:
        store.close()
