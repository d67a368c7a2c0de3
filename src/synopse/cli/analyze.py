"""The ``synopse analyze`` command: per-document sentences, entities, quotes, dates, numbers.

A thin wrapper: ingest the sources, run :func:`synopse.analysis.pipeline.analyze` on each
document, and write the per-document parts of the JSON contract or a terminal view. A
document that fails to analyse is reported on one stderr line; the others are kept.
"""

from __future__ import annotations

import enum
import json
from typing import Annotated

import typer

from synopse.analysis.pipeline import analyze
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
    write_rendered,
)
from synopse.ingest import ingest
from synopse.model import Analysis, Failure
from synopse.report.json import analysis_report
from synopse.report.terminal import render_analysis


class AnalyzeFormat(enum.StrEnum):
    """How ``synopse analyze`` writes its result."""

    text = "text"
    json = "json"


def run_analysis(
    sources: list[str],
    *,
    raw: bool,
    max_bytes: int | None,
    allow_private: bool,
    timeout: float | None,
    fetch_feed_links: bool = False,
) -> tuple[list[Analysis], list[Failure]]:
    """Ingest and analyse ``sources``; return the analyses and every failure.

    Notices (teaser-only feed entries) are printed on stderr as they are found.
    """
    options = ingest_options(
        max_bytes=max_bytes,
        timeout=timeout,
        allow_private=allow_private,
        raw=raw,
        fetch_feed_links=fetch_feed_links,
    )
    result = ingest(sources, options)
    report_notices(result.notices)
    failures = list(result.failures)
    analyses = []
    for document in result.documents:
        try:
            analyses.append(analyze(document))
        except Exception as exc:  # one bad document must not stop the others
            failures.append(Failure(document.source, f"analysis failed: {one_line(exc)}"))
    return analyses, failures


def analyze_cli(
    sources: SourcesArgument,
    raw: Annotated[
        bool,
        typer.Option(
            "--raw", help="The input is already clean text: no cleaning; offsets refer to it."
        ),
    ] = False,
    output_format: Annotated[
        AnalyzeFormat,
        typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
    ] = AnalyzeFormat.text,
    output: OutputOption = None,
    max_bytes: MaxBytesOption = None,
    allow_private: AllowPrivateOption = False,
    timeout: TimeoutOption = None,
    fetch_feed_links: FetchFeedLinksOption = False,
) -> None:
    """Analyse each document: sentences, entities, quotes with speakers, dates, quantities."""
    try:
        analyses, failures = run_analysis(
            sources,
            raw=raw,
            max_bytes=max_bytes,
            allow_private=allow_private,
            timeout=timeout,
            fetch_feed_links=fetch_feed_links,
        )
        if output_format is AnalyzeFormat.json:
            content = json.dumps(analysis_report(analyses, failures), ensure_ascii=False, indent=2)
            write_output(content + "\n", output)
        else:
            write_rendered(lambda console: render_analysis(analyses, console), output)
    except typer.Exit:
        raise
    except Exception as exc:  # the command line never shows a traceback
        raise fail(one_line(exc) or type(exc).__name__) from None
    report_failures(failures)
    raise typer.Exit(1 if failures or not analyses else 0)
