"""The ``synopse analyze``command (placeholder until implemented)."""

from __future__ import annotations

import typer


def analyze_cli() -> None:
    """Not implemented yet."""
    typer.echo("not implemented", err=True)
    raise typer.Exit(1)
