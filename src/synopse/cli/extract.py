"""The ``synopse extract`` command: sources in, clean documents out (text, JSON, JSONL).

A thin wrapper over :func:`synopse.ingest.ingest`: it checks the options, runs the
library function, prints what it returns and turns failures into one stderr line each
and the exit code (0 all read, 1 any source failed, 2 usage error).
"""

from __future__ import annotations

import enum
import io
import json
from typing import Annotated

import typer
from rich.console import Console
from rich.rule import Rule
from rich.text import Text

from synopse.cli._common import (
    AllowPrivateOption,
    FetchFeedLinksOption,
    MaxBytesOption,
    OutputOption,
    SourcesArgument,
    TimeoutOption,
    fail,
    ingest_options,
    one_line,
    report_failures,
    report_notices,
    write_output,
)
from synopse.ingest import ingest
from synopse.model.document import Document, IngestResult
from synopse.report.json import documents_report
from synopse.report.terminal import make_console


class OutputFormat(enum.StrEnum):
    """How ``synopse extract`` writes documents."""

    text = "text"
    json = "json"
    jsonl = "jsonl"


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


def render(result: IngestResult, output_format: OutputFormat, *, to_file: bool) -> str | None:
    """Return the rendering of ``result`` (None: text already printed to the terminal)."""
    if output_format is OutputFormat.json:
        report = documents_report(result.documents, result.failures)
        if result.notices:
            report["warnings"] = [
                {"source": n.source, "message": n.message} for n in result.notices
            ]
        return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    if output_format is OutputFormat.jsonl:
        return "".join(json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in result.documents)
    buffer = io.StringIO() if to_file else None
    render_text(result, make_console(buffer))
    return buffer.getvalue() if buffer is not None else None


def extract_cli(
    sources: SourcesArgument,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
    ] = OutputFormat.text,
    output: OutputOption = None,
    max_bytes: MaxBytesOption = None,
    allow_private: AllowPrivateOption = False,
    timeout: TimeoutOption = None,
    fetch_feed_links: FetchFeedLinksOption = False,
) -> None:
    """Extract clean article text and metadata from files, folders, feeds, URLs or stdin."""
    options = ingest_options(
        max_bytes=max_bytes,
        timeout=timeout,
        allow_private=allow_private,
        fetch_feed_links=fetch_feed_links,
    )
    try:
        result = ingest(sources, options)
        content = render(result, output_format, to_file=output is not None)
        if content is not None:
            write_output(content, output)
    except Exception as exc:  # the command line never shows a traceback
        raise fail(one_line(exc) or type(exc).__name__) from None
    report_notices(result.notices)
    report_failures(result.failures)
    raise typer.Exit(1 if result.failures else 0)
