"""Helpers shared by the command modules: options, output files and one-line errors."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from synopse.errors import ConfigError
from synopse.model import Failure, Notice
from synopse.options import IngestOptions
from synopse.report.terminal import make_console

SourcesArgument = Annotated[
    list[str],
    typer.Argument(
        help="Files, folders, globs, http(s) URLs, or - for stdin.",
        metavar="SOURCES",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file instead of stdout.", dir_okay=False),
]
MaxBytesOption = Annotated[
    int | None, typer.Option("--max-bytes", help="Largest source accepted, in bytes.")
]
AllowPrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private", help="Fetch URLs on private, loopback and link-local addresses."
    ),
]
TimeoutOption = Annotated[
    float | None, typer.Option("--timeout", help="Seconds to wait for a URL.")
]
FetchFeedLinksOption = Annotated[
    bool,
    typer.Option(
        "--fetch-feed-links",
        help="Fetch the linked article of each feed entry that carries only a teaser.",
    ),
]


def one_line(value: object) -> str:
    """Return ``value`` as text on a single line (errors must never span lines)."""
    return " ".join(str(value).split())


def fail(message: object, code: int = 1) -> typer.Exit:
    """Print ``error: <message>`` on stderr and return the Exit to raise."""
    typer.echo(f"error: {one_line(message)}", err=True)
    return typer.Exit(code)


def ingest_options(
    *,
    max_bytes: int | None = None,
    timeout: float | None = None,
    allow_private: bool = False,
    raw: bool = False,
    fetch_feed_links: bool = False,
) -> IngestOptions:
    """Build ingest options from command-line flags over the defaults (exit 2 if invalid)."""
    try:
        return IngestOptions.from_defaults(
            max_bytes=max_bytes,
            timeout=timeout,
            allow_private=allow_private or None,
            raw=raw or None,
            fetch_feed_links=fetch_feed_links or None,
        )
    except ConfigError as exc:
        raise fail(exc, code=2) from None


def write_output(content: str, output: Path | None) -> None:
    """Write ``content`` to ``output``, or to stdout when it is None."""
    if output is None:
        sys.stdout.write(content)
        sys.stdout.flush()
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(content, encoding="utf-8")


def write_rendered(render: Callable[[Console], None], output: Path | None) -> None:
    """Run a rich renderer on the terminal, or into ``output`` at a fixed width, no colour."""
    buffer = io.StringIO() if output is not None else None
    render(make_console(buffer))
    if buffer is not None:
        write_output(buffer.getvalue(), output)


def report_notices(notices: Iterable[Notice]) -> None:
    """Print one ``warning: SOURCE: message`` line on stderr per notice."""
    for notice in notices:
        typer.echo(f"warning: {one_line(notice.source)}: {one_line(notice.message)}", err=True)


def report_failures(failures: Iterable[Failure]) -> None:
    """Print one ``error: SOURCE: reason`` line on stderr per failed source."""
    for failure in failures:
        typer.echo(f"error: {one_line(failure.source)}: {one_line(failure.error)}", err=True)
