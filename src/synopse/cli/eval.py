"""The ``synopse eval`` command: score the pipeline against a gold annotation.

Prints one table row per measure with its target; ``--check`` turns a missed target into
exit status 1 (what CI asserts). Dev sets (UD sentences, GermEval NER, HTML pages) are
scored too when their paths are given.
"""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from synopse.cli._common import (
    OutputOption,
    fail,
    ingest_options,
    one_line,
    report_failures,
    write_output,
    write_rendered,
)
from synopse.evaluation.run import EvalResult, Metric, evaluate


class EvalFormat(enum.StrEnum):
    """How ``synopse eval`` writes its scores."""

    text = "text"
    json = "json"


def _dev_metrics(
    ud: Path | None, germeval: Path | None, html_dir: Path | None, scrape_dir: Path | None = None
) -> list[Metric]:
    metrics: list[Metric] = []
    if ud is not None:
        from synopse.evaluation.sentences import score_sentence_boundaries

        scored = score_sentence_boundaries(ud)
        metrics.append(Metric("sentences (UD GSD dev)", "boundary F1", scored["f1"], 0.950))
    if germeval is not None:
        from synopse.evaluation.entities import score_germeval

        scored = score_germeval(germeval)
        metrics.append(
            Metric("entities (GermEval dev)", "F1 PER/LOC/ORG", scored["overall"]["f1"], 0.60)
        )
    if html_dir is not None:
        from synopse.evaluation.cleaning import score_html_extraction

        scored = score_html_extraction(html_dir)
        ours, plain = scored["synopse"]["f1"], scored["trafilatura"]["f1"]
        metrics.append(Metric("HTML (trafilatura dev)", "snippet F1", ours, plain))
    if scrape_dir is not None:
        from synopse.evaluation.scrapes import score_text_scrapes

        scraped = score_text_scrapes(scrape_dir)
        metrics.append(
            Metric("text scrapes (trafilatura dev)", "snippet F1", scraped["synopse"]["f1"])
        )
        metrics.append(
            Metric("text scrapes (trafilatura dev)", "keep-all F1", scraped["baseline"]["f1"])
        )
    return metrics


def _table(result: EvalResult) -> Table:
    table = Table(title="synopse eval", title_justify="left")
    for column in ("area", "measure", "value", "target", ""):
        table.add_column(column)
    for metric in result.metrics:
        value = f"{metric.value:.3f}" if metric.value != int(metric.value) else f"{metric.value:g}"
        if metric.target is None:
            target, verdict = "", Text("info", style="dim")
        else:
            sign = "≥" if metric.higher_is_better else "≤"
            target = f"{sign} {metric.target:.3g}"
            verdict = Text("ok", style="green") if metric.passed else Text("MISS", style="red bold")
        table.add_row(Text(metric.area), Text(metric.name), Text(value), Text(target), verdict)
    return table


def eval_cli(
    gold: Annotated[
        Path, typer.Argument(help="Gold annotation JSON.", exists=False, show_default=False)
    ],
    sources: Annotated[list[str], typer.Argument(help="The annotated sources.", metavar="SOURCES")],
    output_format: Annotated[
        EvalFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
    ] = EvalFormat.text,
    output: OutputOption = None,
    ud: Annotated[
        Path | None, typer.Option("--ud", help="Also score sentences on this UD .conllu file.")
    ] = None,
    germeval: Annotated[
        Path | None, typer.Option("--germeval", help="Also score NER on this GermEval .tsv file.")
    ] = None,
    html_eval: Annotated[
        Path | None,
        typer.Option("--html-eval", help="Also score HTML extraction on this folder (gold.json)."),
    ] = None,
    scrape_eval: Annotated[
        Path | None,
        typer.Option(
            "--scrape-eval", help="Also score the text-scrape cleaner on this folder (gold.json)."
        ),
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Exit with status 1 when a target is missed.")
    ] = False,
) -> None:
    """Score extraction and analysis against a gold annotation, with targets."""
    options = ingest_options()
    try:
        result = evaluate(gold, sources, options)
        extra = _dev_metrics(ud, germeval, html_eval, scrape_eval)
        result = EvalResult(result.metrics + tuple(extra), result.details, result.failures)
        if output_format is EvalFormat.json:
            write_output(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n", output)
        else:
            write_rendered(lambda console: console.print(_table(result)), output)
    except Exception as exc:  # the command line never shows a traceback
        raise fail(one_line(exc) or type(exc).__name__) from None
    report_failures(result.failures)
    raise typer.Exit(1 if result.failures or (check and not result.passed) else 0)
