"""Benchmark per-document analysis: words/s per stage and end to end, peak memory, linearity.

Runs over ``fang-covid-2000.jsonl`` (2,000 German news articles): one warm-up pass, then
the documents in batches of 50 (40 batches) through :func:`synopse.analysis.pipeline.analyze`,
reporting words/s (``\\w+`` runs) with a bootstrap 95% CI, the time share of each stage,
and peak resident memory. Pathological documents (a 100,000-word text without punctuation,
one with thousands of unbalanced quotation marks) are timed at 10k/50k/100k words to show
that cost grows linearly.

Usage: ``python bench/bench_analysis.py [--docs 2000] [--pathological-sizes 10000,50000,100000]
[--no-write]``
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    batch_rates,
    ci_cell,
    count_words,
    iqr_outliers,
    load_documents,
    machine_line,
    pathological_text,
    peak_rss_mib,
    repeat_seconds,
    write_section,
)
from synopse.analysis.dates import find_dates
from synopse.analysis.entities import find_entities
from synopse.analysis.pipeline import analyze
from synopse.analysis.quantities import find_quantities
from synopse.analysis.quotes import find_quotes
from synopse.analysis.sentences import split_sentences, tokenize
from synopse.model import Document

T = TypeVar("T")
BATCH = 50
FILLER = [
    "die",
    "Regierung",
    "sagte",
    "am",
    "Montag",
    "in",
    "Berlin",
    "es",
    "werde",
    "weitere",
    "Gespräche",
    "geben",
]
PATHOLOGICAL = {"no punctuation": "none", "unbalanced quotes": "quotes"}


def stage_times(documents: list[Document]) -> dict[str, float]:
    """Seconds spent in each analysis stage over all documents."""
    totals = dict.fromkeys(
        ("sentences", "tokens", "entities", "quotes", "dates", "quantities"), 0.0
    )

    def timed(name: str, function: Callable[..., T], *args: Any) -> T:
        started = time.perf_counter()
        result = function(*args)
        totals[name] += time.perf_counter() - started
        return result

    for doc in documents:
        sentences = timed("sentences", split_sentences, doc.text)
        timed("tokens", tokenize, doc.text)
        entities = timed("entities", find_entities, doc.text, sentences)
        timed("quotes", find_quotes, doc.text, sentences, entities)
        timed("dates", find_dates, doc.text, sentences, doc.published)
        timed("quantities", find_quantities, doc.text)
    return totals


def main() -> None:
    """Run the benchmark and print (and record) the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--pathological-sizes", default="10000,50000,100000")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    sizes = [int(size) for size in args.pathological_sizes.split(",")]

    documents = load_documents(limit=args.docs)
    total_words = sum(count_words(d.text) for d in documents)
    for doc in documents[:20]:
        analyze(doc)

    batches = [documents[first : first + BATCH] for first in range(0, len(documents), BATCH)]
    started_all = time.perf_counter()
    rates = batch_rates(
        lambda batch: [analyze(doc) for doc in batch],
        batches,
        lambda batch: sum(count_words(d.text) for d in batch),
        warmup=0,
    )
    elapsed = time.perf_counter() - started_all
    stages = stage_times(documents)
    stage_total = sum(stages.values())

    lines = [
        "## Analysis",
        "",
        f"`python bench/bench_analysis.py` on {machine_line()}. {len(documents):,} articles "
        f"({total_words:,} words) from `fang-covid-2000.jsonl`, after a warm-up; "
        f"{len(rates)} batches of {BATCH} documents; words are `\\w+` runs.",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| end to end, words/s (mean [95% CI]) | {ci_cell(rates)} |",
        f"| end to end, documents/s | {len(documents) / elapsed:,.1f} |",
        f"| outlier batches (1.5 IQR) | {iqr_outliers(rates)} |",
        f"| peak resident memory | {peak_rss_mib():,.0f} MiB |",
        "",
        "| stage | words/s | share of time |",
        "|---|---:|---:|",
    ]
    for name, seconds in stages.items():
        lines.append(
            f"| {name} | {total_words / seconds:,.0f} | {100 * seconds / stage_total:.0f}% |"
        )
    lines += ["", "Pathological documents through `analyze` (best of 3):", ""]
    lines += ["| document | words | seconds | µs/word |", "|---|---:|---:|---:|"]
    for label, kind in PATHOLOGICAL.items():
        for size in sizes:
            doc = Document(
                id=label, text=pathological_text(size, kind, FILLER), source="bench", language="de"
            )
            best = min(repeat_seconds(functools.partial(analyze, doc), 3, warmup=0))
            lines.append(f"| {label} | {size:,} | {best:.2f} | {1e6 * best / size:.1f} |")
    markdown = "\n".join(lines) + "\n"
    print(markdown)
    if not args.no_write:
        write_section("analysis", markdown)


if __name__ == "__main__":
    main()
