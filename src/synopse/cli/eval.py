"""The ``synopse eval``command (placeholder until implemented)."""

from __future__ import annotations

import typer


def eval_cli() -> None:
    """Not implemented yet."""
    typer.echo("not implemented", err=True)
    raise typer.Exit(1)
