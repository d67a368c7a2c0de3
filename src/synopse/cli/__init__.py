"""The ``synopse`` command line: one typer module per command.

Exit codes: 0 success, 1 a SynopseError or a source that failed (one line each on
stderr, no traceback), 2 a usage error.
"""

from __future__ import annotations

import typer

from synopse.cli import analyze, compare, eval, extract

app = typer.Typer(
    name="synopse",
    help="Compare how different outlets report the same news event.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("extract")(extract.extract_cli)
app.command("analyze")(analyze.analyze_cli)
app.command("compare")(compare.compare_cli)
app.command("eval")(eval.eval_cli)


def main() -> None:
    """Entry point of the ``synopse`` console script."""
    app()
