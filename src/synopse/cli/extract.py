"""The ``synopse extract`` command: sources in, clean documents out (text, JSON, JSONL).

A thin wrapper over :func:`synopse.ingest.ingest`: it checks the options, runs the
library function, prints what it returns and turns failures into one stderr line each
and the exit code (0 all read, 1 any source failed, 2 usage error).
"""

from __future__ import annotations

import enum
import io
import json
import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.rule import Rule
from rich.text import Text

from synopse.errors import ConfigError
from synopse.ingest import ingest
from synopse.model.document import Document, IngestResult
from synopse.options import IngestOptions

REPORT_SCHEMA = "synopse.report/1"
_TEXT_WIDTH = 100


class OutputFormat(enum.StrEnum):
    """How ``synopse extract`` writes documents."""

    text = "text"
    json = "json"
    jsonl = "jsonl"


def _one_line(value: object) -> str:
    return " ".join(str(value).split())


def render_json(result: IngestResult) -> str:
    """Return the report JSON (schema ``synopse.report/1``) for an ingest result."""
    report = {
        "schema": REPORT_SCHEMA,
        "documents": [doc.to_dict() for doc in result.documents],
        "failures": [{"source": f.source, "error": f.error} for f in result.failures],
    }
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def render_jsonl(result: IngestResult) -> str:
    """Return one JSON document per line."""
    return "".join(json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in result.documents)


def _header(doc: Document) -> Text:
    fields = (
        ("outlet", doc.outlet),
        ("title", doc.title),
        ("author", doc.author),
        ("published", doc.published),
        ("language", doc.language),
    )
    header = Text()
    for name, value in fields:
        header.append(f"{name}: ", style="bold")
        header.append(value if value is not None else "-", style="" if value else "dim")
        header.append("\n")
    header.append("source: ", style="bold")
    header.append(doc.source, style="dim")
    return header


def render_text(result: IngestResult, console: Console) -> None:
    """Print each document as a header and its text; untrusted text never becomes markup."""
    for number, doc in enumerate(result.documents):
        if number:
            console.print()
        console.print(Rule(Text(doc.id, style="bold cyan"), style="cyan"))
        console.print(_header(doc))
        console.print()
        console.print(Text(doc.text), soft_wrap=False)


def _write(result: IngestResult, output_format: OutputFormat, handle: TextIO) -> None:
    if output_format is OutputFormat.json:
        handle.write(render_json(result))
    elif output_format is OutputFormat.jsonl:
        handle.write(render_jsonl(result))
    else:
        is_file = handle is not sys.stdout
        console = Console(
            file=handle,
            width=_TEXT_WIDTH if is_file else None,
            no_color=is_file,
            force_terminal=False if is_file else None,
            highlight=False,
            markup=False,
            emoji=False,
        )
        render_text(result, console)


def _run(
    sources: list[str],
    output_format: OutputFormat,
    output: Path | None,
    options: IngestOptions,
) -> int:
    result = ingest(sources, options)
    if output is None:
        _write(result, output_format, sys.stdout)
    else:
        buffer = io.StringIO()
        _write(result, output_format, buffer)
        output.write_text(buffer.getvalue(), encoding="utf-8")
    for failure in result.failures:
        typer.echo(f"error: {_one_line(failure.source)}: {_one_line(failure.error)}", err=True)
    return 1 if result.failures else 0


def extract_cli(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders, globs, http(s) URLs, or - for stdin.",
            metavar="SOURCES",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
    ] = OutputFormat.text,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file instead of stdout.", dir_okay=False
        ),
    ] = None,
    max_bytes: Annotated[
        int | None, typer.Option("--max-bytes", help="Largest source accepted, in bytes.")
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private", help="Fetch URLs on private, loopback and link-local addresses."
        ),
    ] = False,
    timeout: Annotated[
        float | None, typer.Option("--timeout", help="Seconds to wait for a URL.")
    ] = None,
) -> None:
    """Extract clean article text and metadata from files, folders, URLs or stdin."""
    try:
        options = IngestOptions.from_defaults(
            max_bytes=max_bytes, timeout=timeout, allow_private=allow_private or None
        )
    except ConfigError as exc:
        typer.echo(f"error: {_one_line(exc)}", err=True)
        raise typer.Exit(2) from None
    try:
        code = _run(sources, output_format, output, options)
    except Exception as exc:  # the command line never shows a traceback
        typer.echo(f"error: {_one_line(exc) or type(exc).__name__}", err=True)
        code = 1
    raise typer.Exit(code)
