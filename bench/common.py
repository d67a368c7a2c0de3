"""Shared helpers for the benchmark scripts: paths, data, timing, statistics and the report.

Every script under ``bench/`` measures the same way (a warm-up, then timed batches, a
bootstrap confidence interval, peak memory) and writes its own section of
``docs/benchmarks.md``; keeping those pieces here makes the figures comparable.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from synopse.model import Document

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SYNOPSE_SHARED", ROOT.parent / "shared"))
FANG = SHARED / "bench" / "fang-covid-2000.jsonl"
REPORT = ROOT / "docs" / "benchmarks.md"

T = TypeVar("T")
_WORD = re.compile(r"\w+")
_LOOSE_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")


def count_words(text: str) -> int:
    """Count ``\\w+`` runs, the unit of every words/s figure."""
    return sum(1 for _ in _WORD.finditer(text))


def iter_records(path: Path = FANG) -> Iterator[dict[str, Any]]:
    """Yield the JSON records of a JSON lines file, skipping blank lines."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def load_documents(
    path: Path = FANG, *, limit: int | None = None, dated_only: bool = False
) -> list[Document]:
    """Read fang-covid style records as German Documents.

    Args:
        path: The JSON lines file (``id``, ``text``, ``outlet``, ``title``, ``published``).
        limit: Stop after this many documents.
        dated_only: Leave out records without a publication date or without text.
    """
    from synopse.model import Document

    documents: list[Document] = []
    for record in iter_records(path):
        if limit is not None and len(documents) >= limit:
            break
        if dated_only and not (record.get("published") and record.get("text")):
            continue
        documents.append(
            Document(
                id=record["id"],
                text=record.get("text") or "",
                source=record["id"],
                outlet=record.get("outlet"),
                title=record.get("title"),
                published=record.get("published"),
                language="de",
            )
        )
    return documents


def published_at(doc: Document) -> dt.datetime:
    """The publication time (UTC if unzoned); the sample has unpadded dates ("2020-09-8")."""
    if not doc.published:
        return dt.datetime.min.replace(tzinfo=dt.UTC)
    try:
        value = dt.datetime.fromisoformat(doc.published)
    except ValueError:
        match = _LOOSE_DATE.match(doc.published)
        if match is None:
            return dt.datetime.min.replace(tzinfo=dt.UTC)
        year, month, day = (int(x) for x in match.groups())
        value = dt.datetime(year, month, day, 12)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def busiest_day(docs: Sequence[Document]) -> str:
    """Return the publication day (ISO date) with the most articles, earliest on a tie."""
    days = Counter(published_at(d).date().isoformat() for d in docs)
    return min(days.items(), key=lambda item: (-item[1], item[0]))[0]


def story(docs: Sequence[Document], size: int, *, skip: int = 0) -> list[Document]:
    """Return the ``size`` documents published closest to noon of the busiest day.

    The sample has no day with many articles, so a "story" of N documents is the N
    articles closest in time to the busiest day, in publication order.

    Args:
        docs: The sample.
        size: Documents wanted.
        skip: Leave out this many closest documents first (a warm-up takes others).
    """
    noon = dt.datetime.fromisoformat(busiest_day(docs) + "T12:00:00+00:00")
    ordered = sorted(docs, key=lambda d: (abs((published_at(d) - noon).total_seconds()), d.id))
    return sorted(ordered[skip : skip + size], key=lambda d: (published_at(d), d.id))


def days_spanned(docs: Sequence[Document]) -> int:
    """How many distinct publication days ``docs`` cover."""
    return len({published_at(d).date() for d in docs})


def pathological_text(size: int, kind: str, vocabulary: Sequence[str]) -> str:
    """A ``size``-word text cycling ``vocabulary``, built to stress one weakness.

    Args:
        size: Words wanted.
        kind: ``"none"`` (no punctuation at all), ``"quotes"`` (an unbalanced „ every
            10 words) or ``"periods"`` (a period after every word).
        vocabulary: The words to cycle through.
    """
    tokens = [vocabulary[i % len(vocabulary)] for i in range(size)]
    if kind == "quotes":
        tokens = [f"„{token}" if i % 10 == 0 else token for i, token in enumerate(tokens)]
    elif kind == "periods":
        tokens = [token + "." for token in tokens]
    return " ".join(tokens)


def seconds(work: Callable[[], object]) -> float:
    """Wall-clock seconds one call of ``work`` takes."""
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def repeat_seconds(work: Callable[[], object], repeats: int, *, warmup: int = 1) -> list[float]:
    """Seconds of ``repeats`` calls of ``work`` after ``warmup`` untimed calls."""
    for _ in range(warmup):
        work()
    return [seconds(work) for _ in range(repeats)]


def batch_rates(
    work: Callable[[T], object],
    batches: Sequence[T],
    units: Callable[[T], float],
    *,
    warmup: int = 1,
) -> list[float]:
    """Units per second of ``work`` on each batch, after ``warmup`` untimed batches.

    Args:
        work: Processes one batch.
        batches: The timed batches; the warm-up cycles through them from the first.
        units: What a batch counts for (words, documents).
        warmup: Untimed batches first (imports, caches, models).
    """
    for number in range(warmup):
        work(batches[number % len(batches)])
    rates = []
    for batch in batches:
        count = units(batch)
        started = time.perf_counter()
        work(batch)
        rates.append(count / (time.perf_counter() - started))
    return rates


def interleaved_rates(
    batches: Sequence[T],
    workloads: Mapping[str, Callable[[T], tuple[int, int]]],
    repeats: int,
) -> dict[str, tuple[list[float], list[float], int, int, float]]:
    """Time workloads on the same batches, interleaved so all see the same machine load.

    Each workload returns ``(documents, words)`` for a batch; one warm-up call each on the
    first batch comes first.

    Returns:
        Per workload: documents/s per batch, words/s per batch, total documents, total
        words and total seconds.
    """
    for work in workloads.values():
        work(batches[0])
    results: dict[str, tuple[list[float], list[float], int, int, float]] = {}
    totals: dict[str, list[float]] = {name: [0, 0, 0.0] for name in workloads}
    rates: dict[str, tuple[list[float], list[float]]] = {n: ([], []) for n in workloads}
    for _ in range(repeats):
        for batch in batches:
            for name, work in workloads.items():
                started = time.perf_counter()
                docs, words = work(batch)
                spent = time.perf_counter() - started
                rates[name][0].append(docs / spent)
                rates[name][1].append(words / spent)
                totals[name][0] += docs
                totals[name][1] += words
                totals[name][2] += spent
    for name, (all_docs, all_words, all_seconds) in totals.items():
        results[name] = (rates[name][0], rates[name][1], int(all_docs), int(all_words), all_seconds)
    return results


def bootstrap_ci(
    values: Sequence[float], *, rounds: int = 2000, seed: int = 0
) -> tuple[float, float, float]:
    """Return the mean and a bootstrap 95% confidence interval of ``values``."""
    rng = random.Random(seed)
    means = sorted(statistics.fmean(rng.choices(values, k=len(values))) for _ in range(rounds))
    return statistics.fmean(values), means[int(0.025 * rounds)], means[int(0.975 * rounds) - 1]


def ci_cell(values: Sequence[float], digits: int = 0) -> str:
    """Format a table cell "mean [low, high]" with a bootstrap 95% CI of ``values``."""
    mean, low, high = bootstrap_ci(values)
    return f"{mean:,.{digits}f} [{low:,.{digits}f}, {high:,.{digits}f}]"


def median_best(values: Sequence[float], digits: int = 2) -> str:
    """Format a table cell "median / best" (best = smallest) of ``values``."""
    return f"{statistics.median(values):.{digits}f} / {min(values):.{digits}f}"


def iqr_outliers(values: Sequence[float]) -> int:
    """Count values outside 1.5 IQR of the quartiles."""
    if len(values) < 4:
        return 0
    q1, _, q3 = statistics.quantiles(values, n=4)
    spread = q3 - q1
    return sum(1 for v in values if v < q1 - 1.5 * spread or v > q3 + 1.5 * spread)


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # macOS: bytes, Linux: KiB


def machine_line() -> str:
    """One line describing where the benchmark ran."""
    return (
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPUs ({platform.machine()}), {dt.date.today().isoformat()}"
    )


def run_json(command: Sequence[str], env: Mapping[str, str] | None = None) -> Any:
    """Run ``command`` (a fresh process) and parse the last line of its output as JSON."""
    done = subprocess.run(
        list(command),
        env=None if env is None else dict(env),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def write_section(name: str, markdown: str, report: Path = REPORT) -> None:
    """Replace the ``<!-- name:start -->`` … ``<!-- name:end -->`` section of the report."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{markdown.rstrip()}\n{end}"
    text = report.read_text(encoding="utf-8") if report.exists() else "# Benchmarks\n"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(text, encoding="utf-8")
