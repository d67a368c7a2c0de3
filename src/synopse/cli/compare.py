"""The ``synopse compare`` command: what several outlets share, dispute, omit and how they frame it.

A thin wrapper: ingest and analyse the sources (as ``synopse analyze`` does), run
:func:`synopse.compare.pipeline.compare` on the documents that could be read, and write
the whole JSON contract, the single-file HTML report or the terminal report. Each source
that fails gets one stderr line and makes the exit code 1; fewer than two readable
documents is an error.
"""

from __future__ import annotations

import enum
import json
from typing import Annotated

import typer

from synopse.cli._common import (
    AllowPrivateOption,
    FetchFeedLinksOption,
    MaxBytesOption,
    OutputOption,
    SourcesArgument,
    TimeoutOption,
    fail,
    one_line,
    report_failures,
    write_output,
    write_rendered,
)
from synopse.cli.analyze import run_analysis
from synopse.compare.embeddings import get_embedder
from synopse.compare.pipeline import compare
from synopse.errors import ConfigError
from synopse.options import CompareOptions
from synopse.report.comparison_html import render_html
from synopse.report.comparison_json import comparison_report
from synopse.report.comparison_terminal import render_comparison


class CompareFormat(enum.StrEnum):
    """How ``synopse compare`` writes its result."""

    text = "text"
    json = "json"
    html = "html"


def compare_cli(
    sources: SourcesArgument,
    output_format: Annotated[
        CompareFormat,
        typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
    ] = CompareFormat.text,
    output: OutputOption = None,
    embedder: Annotated[
        str | None,
        typer.Option(
            "--embedder",
            help="Sentence embedder for fact grouping: use (bundled), hashing (fast, "
            "lexical) or sentence-transformers:<model>.",
        ),
    ] = None,
    max_bytes: MaxBytesOption = None,
    allow_private: AllowPrivateOption = False,
    timeout: TimeoutOption = None,
    fetch_feed_links: FetchFeedLinksOption = False,
) -> None:
    """Compare the documents of one story: consensus, conflicts, omissions, framing, timeline."""
    try:
        options = CompareOptions.from_defaults(embedder=embedder)
        get_embedder(options.embedder)
    except ConfigError as exc:
        raise fail(exc, code=2) from None
    try:
        analyses, failures = run_analysis(
            sources,
            raw=False,
            max_bytes=max_bytes,
            allow_private=allow_private,
            timeout=timeout,
            fetch_feed_links=fetch_feed_links,
        )
    except typer.Exit:
        raise
    except Exception as exc:  # the command line never shows a traceback
        raise fail(one_line(exc) or type(exc).__name__) from None
    if len(analyses) < 2:
        report_failures(failures)
        raise fail(
            f"need at least 2 documents to compare, but only {len(analyses)} could be read; "
            "pass two or more articles on the same story"
        )
    try:
        comparison = compare(analyses, options=options)
        if output_format is CompareFormat.json:
            report = comparison_report(comparison, failures)
            write_output(json.dumps(report, ensure_ascii=False, indent=2) + "\n", output)
        elif output_format is CompareFormat.html:
            write_output(render_html(comparison, failures=failures), output)
        else:
            write_rendered(lambda console: render_comparison(comparison, console), output)
    except typer.Exit:
        raise
    except Exception as exc:  # the command line never shows a traceback
        raise fail(one_line(exc) or type(exc).__name__) from None
    report_failures(failures)
    raise typer.Exit(1 if failures else 0)
