"""``eventwire serve``: the HTTP API and dashboard over a corpus store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def serve(
    db: Annotated[Path, typer.Option("--db", help="The DuckDB file written by `eventwire ingest`.")],
    host: Annotated[
        str, typer.Option(help="Address to bind; the default serves this machine only.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
) -> None:
    """Serve the dashboard (at /) and the JSON API (docs at /docs) over a store.

    The database is opened read-only.  Set EVENTWIRE_TOKEN to enable POST /api/ingest
    (the database is then opened writable and requests must send that token).

    \b
    Example:
      eventwire ingest examples/ --db events.duckdb
      eventwire serve --db events.duckdb          # then open http://127.0.0.1:8000/
    """
    import uvicorn

    from ..store.db import StoreError
    from .app import TOKEN_ENV, create_app

    if not db.exists():
        typer.echo(f"error: no database at {db} (create it with `eventwire ingest PATH --db {db}`)", err=True)
        raise typer.Exit(2)
    try:
        app = create_app(db)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    mode = (
        "ingest enabled (token set)"
        if app.state.db.writable
        else f"read-only (set {TOKEN_ENV} to enable ingest)"
    )
    shown = f"[{host}]" if ":" in host else host
    typer.echo(
        f"eventwire dashboard: http://{shown}:{port}/   API docs: http://{shown}:{port}/docs   {mode}",
        err=True,
    )
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"warning: serving on {host}, reachable from other machines", err=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
