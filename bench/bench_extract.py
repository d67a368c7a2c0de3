"""Extraction speed: JSONL records (FANG-COVID) and HTML pages (trafilatura eval set).

Run from the checkout: ``.venv/bin/python bench/bench_extract.py``. It needs ../shared
(or SYNOPSE_SHARED). After a warm-up it times repeated batches and reports the mean
throughput with a bootstrap 95% confidence interval, peak resident memory, and the
ratio to plain ``trafilatura.extract`` on the same pages. The markdown table goes to
stdout and into the "Extraction" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import trafilatura

import synopse
from synopse.ingest.decode import declared_html_charset, decode_bytes

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SYNOPSE_SHARED", ROOT.parent / "shared"))
START, END = "<!-- extract:start -->", "<!-- extract:end -->"
BOOTSTRAP_SAMPLES = 2000


@dataclass(frozen=True)
class Run:
    """Throughput samples of one workload, one sample per batch."""

    name: str
    docs_per_s: list[float]
    words_per_s: list[float]
    docs: int
    words: int
    seconds: float


def bootstrap_ci(values: Sequence[float], *, seed: int = 0) -> tuple[float, float]:
    """Return the bootstrap 95% confidence interval of the mean of ``values``."""
    data = np.asarray(values, dtype=float)
    rng = np.random.default_rng(seed)
    means = rng.choice(data, size=(BOOTSTRAP_SAMPLES, len(data)), replace=True).mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return float(low), float(high)


def _time_batches(
    batches: Sequence[object],
    workloads: Mapping[str, Callable[[object], tuple[int, int]]],
    repeats: int,
) -> list[Run]:
    """Time each workload on every batch, interleaved so all see the same machine load."""
    for work in workloads.values():
        work(batches[0])  # warm-up: imports, caches, language models
    rates: dict[str, tuple[list[float], list[float]]] = {n: ([], []) for n in workloads}
    totals = {name: [0, 0, 0.0] for name in workloads}
    for _ in range(repeats):
        for batch in batches:
            for name, work in workloads.items():
                start = time.perf_counter()
                docs, words = work(batch)
                seconds = time.perf_counter() - start
                rates[name][0].append(docs / seconds)
                rates[name][1].append(words / seconds)
                totals[name][0] += docs
                totals[name][1] += words
                totals[name][2] += seconds
    return [
        Run(name, rates[name][0], rates[name][1], int(t[0]), int(t[1]), float(t[2]))
        for name, t in totals.items()
    ]


def records_run(path: Path, *, batch_size: int, repeats: int, folder: Path) -> Run:
    """Time ``synopse.ingest`` over JSONL batches cut from ``path``."""
    lines = [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    files = []
    for number in range(0, len(lines), batch_size):
        batch_file = folder / f"batch-{number // batch_size:03d}.jsonl"
        batch_file.write_text("\n".join(lines[number : number + batch_size]) + "\n", "utf-8")
        files.append(batch_file)

    def work(batch: object) -> tuple[int, int]:
        result = synopse.ingest([batch], synopse.IngestOptions())  # type: ignore[list-item]
        return len(result.documents), sum(len(d.text.split()) for d in result.documents)

    return _time_batches(files, {"records (FANG-COVID JSONL)": work}, repeats)[0]


def pages_runs(folder: Path, *, batch_size: int, repeats: int) -> tuple[Run, Run]:
    """Time Synopse and plain trafilatura on the same HTML pages."""
    paths = sorted((folder / "html").glob("*.html"))
    batches = [paths[i : i + batch_size] for i in range(0, len(paths), batch_size)]
    decoded: dict[Path, str] = {}
    for path in paths:
        data = path.read_bytes()
        decoded[path] = decode_bytes(data, source=path.name, declared=declared_html_charset(data))

    def ours(batch: object) -> tuple[int, int]:
        result = synopse.ingest(batch, synopse.IngestOptions())  # type: ignore[arg-type]
        return len(result.documents), sum(len(d.text.split()) for d in result.documents)

    def plain(batch: object) -> tuple[int, int]:
        texts = [trafilatura.extract(decoded[p]) or "" for p in batch]  # type: ignore[attr-defined]
        return len(texts), sum(len(t.split()) for t in texts)

    runs = _time_batches(
        batches,
        {"HTML pages, synopse": ours, "HTML pages, plain trafilatura": plain},
        repeats,
    )
    return runs[0], runs[1]


def _row(run: Run) -> str:
    low, high = bootstrap_ci(run.docs_per_s)
    wlow, whigh = bootstrap_ci(run.words_per_s)
    return (
        f"| {run.name} | {len(run.docs_per_s)} | {np.mean(run.docs_per_s):,.1f} "
        f"[{low:,.1f}, {high:,.1f}] | {np.mean(run.words_per_s):,.0f} "
        f"[{wlow:,.0f}, {whigh:,.0f}] | {run.docs:,} | {run.words:,} |"
    )


def render(runs: Sequence[Run], ratio: float, peak_mib: float) -> str:
    """Return the markdown section with the results table."""
    header = (
        "| workload | batches | documents/s (mean [95% CI]) | words/s (mean [95% CI]) "
        "| documents | words |\n|---|---:|---:|---:|---:|---:|"
    )
    lines = [
        "## Extraction",
        "",
        f"`bench/bench_extract.py` on {platform.machine()} with {os.cpu_count()} CPU(s), "
        f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}; one warm-up "
        "batch, then timed batches; confidence intervals by bootstrap over batches.",
        "",
        header,
        *(_row(run) for run in runs),
        "",
        f"- Synopse / plain trafilatura time on the same pages: **{ratio:.2f}×** (Synopse adds "
        "decoding, metadata with htmldate, the visible-text pass for `removed`, and language "
        "detection).",
        f"- Peak resident memory of the whole run: **{peak_mib:,.0f} MiB**.",
    ]
    return "\n".join(lines) + "\n"


def write_section(path: Path, section: str) -> None:
    """Replace (or add) the Extraction section between its markers in ``path``."""
    block = f"{START}\n{section}{END}\n"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1].lstrip("\n")
        text = before + block + ("\n" + after if after else "")
    else:
        text = text.rstrip("\n") + "\n\n" + block
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and write the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--records-batch", type=int, default=50)
    parser.add_argument("--records-repeats", type=int, default=1)
    parser.add_argument("--pages-batch", type=int, default=5)
    parser.add_argument("--pages-repeats", type=int, default=2)
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args(argv)
    records = SHARED / "bench" / "fang-covid-2000.jsonl"
    pages = SHARED / "eval" / "trafilatura-de-dev"
    if not records.exists() or not pages.exists():
        print(f"error: {SHARED} lacks bench/ or eval/ data (set SYNOPSE_SHARED)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        record_run = records_run(
            records, batch_size=args.records_batch, repeats=args.records_repeats, folder=Path(tmp)
        )
    ours, plain = pages_runs(pages, batch_size=args.pages_batch, repeats=args.pages_repeats)
    ratio = ours.seconds / plain.seconds
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    section = render([record_run, ours, plain], ratio, peak_mib)
    print(section)
    write_section(args.output, section)
    print(json.dumps({"written": str(args.output)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
