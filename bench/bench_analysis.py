"""Benchmark per-document analysis: words/s per stage and end to end, peak memory, linearity.

Runs over ``fang-covid-2000.jsonl`` (2,000 German news articles): one warm-up pass, then
the documents in batches of 50 (40 batches) through :func:`synopse.analysis.pipeline.analyze`,
reporting words/s (``\\w+`` runs) with a bootstrap 95% CI, the time share of each stage,
and peak resident memory. Pathological documents (a 100,000-word text without punctuation,
one with thousands of unbalanced quotation marks) are timed at 10k/50k/100k words to show
that cost grows linearly.

Usage: ``python bench/bench_analysis.py [--docs 2000] [--no-write]``
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import FANG, bootstrap_ci, iqr_outliers, machine_line, peak_rss_mib, write_section
from synopse.analysis.dates import find_dates
from synopse.analysis.entities import find_entities
from synopse.analysis.pipeline import analyze
from synopse.analysis.quantities import find_quantities
from synopse.analysis.quotes import find_quotes
from synopse.analysis.sentences import split_sentences, tokenize
from synopse.model import Document

_WORD = re.compile(r"\w+")
BATCH = 50


def words(text: str) -> int:
    """Count ``\\w+`` runs, the unit of every words/s figure here."""
    return sum(1 for _ in _WORD.finditer(text))


def load_documents(limit: int) -> list[Document]:
    """Read the benchmark articles as Documents (their text is already clean)."""
    documents = []
    with FANG.open(encoding="utf-8") as handle:
        for line in handle:
            if len(documents) >= limit:
                break
            record = json.loads(line)
            documents.append(
                Document(
                    id=record["id"],
                    text=record["text"],
                    source=str(FANG),
                    published=record.get("published"),
                    language="de",
                )
            )
    return documents


def stage_times(documents: list[Document]) -> dict[str, float]:
    """Seconds spent in each analysis stage over all documents."""
    totals = dict.fromkeys(
        ("sentences", "tokens", "entities", "quotes", "dates", "quantities"), 0.0
    )

    def timed(name: str, work: Callable[[], object]) -> object:
        started = time.perf_counter()
        result = work()
        totals[name] += time.perf_counter() - started
        return result

    for doc in documents:
        sentences = timed("sentences", lambda d=doc: split_sentences(d.text))
        timed("tokens", lambda d=doc: tokenize(d.text))
        entities = timed("entities", lambda d=doc, s=sentences: find_entities(d.text, s))
        timed("quotes", lambda d=doc, s=sentences, e=entities: find_quotes(d.text, s, e))
        timed("dates", lambda d=doc, s=sentences: find_dates(d.text, s, d.published))
        timed("quantities", lambda d=doc: find_quantities(d.text))
    return totals


def pathological(kind: str, size: int) -> Document:
    """A document built to stress one weakness, ``size`` words long."""
    filler = "die Regierung sagte am Montag in Berlin es werde weitere Gespräche geben " * size
    tokens = filler.split()[:size]
    if kind == "unbalanced quotes":
        tokens = [f"„{t}" if i % 10 == 0 else t for i, t in enumerate(tokens)]
    return Document(id=kind, text=" ".join(tokens), source="bench", language="de")


def main() -> None:
    """Run the benchmark and print (and record) the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    documents = load_documents(args.docs)
    total_words = sum(words(d.text) for d in documents)
    for doc in documents[:20]:
        analyze(doc)

    rates = []
    started_all = time.perf_counter()
    for first in range(0, len(documents), BATCH):
        batch = documents[first : first + BATCH]
        started = time.perf_counter()
        for doc in batch:
            analyze(doc)
        rates.append(sum(words(d.text) for d in batch) / (time.perf_counter() - started))
    elapsed = time.perf_counter() - started_all
    mean, low, high = bootstrap_ci(rates)
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
        f"| end to end, words/s (mean [95% CI]) | {mean:,.0f} [{low:,.0f}, {high:,.0f}] |",
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
    for kind in ("no punctuation", "unbalanced quotes"):
        for size in (10_000, 50_000, 100_000):
            doc = pathological(kind, size)
            best = min(_time(lambda d=doc: analyze(d)) for _ in range(3))
            lines.append(f"| {kind} | {size:,} | {best:.2f} | {1e6 * best / size:.1f} |")
    markdown = "\n".join(lines) + "\n"
    print(markdown)
    if not args.no_write:
        write_section("analysis", markdown)


def _time(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
