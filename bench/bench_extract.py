"""Extraction speed: JSONL records (FANG-COVID) and HTML pages (trafilatura eval set).

Run from the checkout: ``.venv/bin/python bench/bench_extract.py [--records-batch 50]
[--records-repeats 1] [--records-limit N] [--pages-batch 5] [--pages-repeats 2]
[--pages-limit N] [--output PATH] [--no-write]``. It needs ../shared
(or SYNOPSE_SHARED). After a warm-up it times repeated batches and reports the mean
throughput with a bootstrap 95% confidence interval, peak resident memory, and the
ratio to plain ``trafilatura.extract`` on the same pages. The markdown table goes to
stdout and into the "Extraction" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synopse
from common import (
    FANG,
    REPORT,
    SHARED,
    ci_cell,
    interleaved_rates,
    machine_line,
    peak_rss_mib,
    write_section,
)
from synopse.ingest.decode import declared_html_charset, decode_bytes


@dataclass(frozen=True)
class Run:
    """Throughput samples of one workload, one sample per batch."""

    name: str
    docs_per_s: list[float]
    words_per_s: list[float]
    docs: int
    words: int
    seconds: float


def _time_batches(
    batches: Sequence[object],
    workloads: Mapping[str, Callable[[object], tuple[int, int]]],
    repeats: int,
) -> list[Run]:
    """Time each workload on every batch, interleaved so all see the same machine load."""
    timed = interleaved_rates(batches, workloads, repeats)
    return [Run(name, *figures) for name, figures in timed.items()]


def records_run(
    path: Path, *, batch_size: int, repeats: int, folder: Path, limit: int | None = None
) -> Run:
    """Time ``synopse.ingest`` over JSONL batches cut from the first ``limit`` records."""
    lines = [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    lines = lines[:limit]
    files = []
    for number in range(0, len(lines), batch_size):
        batch_file = folder / f"batch-{number // batch_size:03d}.jsonl"
        batch_file.write_text("\n".join(lines[number : number + batch_size]) + "\n", "utf-8")
        files.append(batch_file)

    def work(batch: object) -> tuple[int, int]:
        result = synopse.ingest([batch], synopse.IngestOptions())  # type: ignore[list-item]
        return len(result.documents), sum(len(d.text.split()) for d in result.documents)

    return _time_batches(files, {"records (FANG-COVID JSONL)": work}, repeats)[0]


def pages_runs(
    folder: Path, *, batch_size: int, repeats: int, limit: int | None = None
) -> tuple[Run, Run]:
    """Time Synopse and plain trafilatura on the same HTML pages (the first ``limit``)."""
    paths = sorted((folder / "html").glob("*.html"))[:limit]
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
    return (
        f"| {run.name} | {len(run.docs_per_s)} | {ci_cell(run.docs_per_s, 1)} "
        f"| {ci_cell(run.words_per_s)} | {run.docs:,} | {run.words:,} |"
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
        f"`bench/bench_extract.py` on {machine_line()}; one warm-up batch, then timed "
        "batches; confidence intervals by bootstrap over batches.",
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and write the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--records-batch", type=int, default=50)
    parser.add_argument("--records-repeats", type=int, default=1)
    parser.add_argument("--pages-batch", type=int, default=5)
    parser.add_argument("--pages-repeats", type=int, default=2)
    parser.add_argument("--records-limit", type=int, default=None)
    parser.add_argument("--pages-limit", type=int, default=None)
    parser.add_argument("--output", type=Path, default=REPORT)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    records = FANG
    pages = SHARED / "eval" / "trafilatura-de-dev"
    if not records.exists() or not pages.exists():
        print(f"error: {SHARED} lacks bench/ or eval/ data (set SYNOPSE_SHARED)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        record_run = records_run(
            records,
            batch_size=args.records_batch,
            repeats=args.records_repeats,
            folder=Path(tmp),
            limit=args.records_limit,
        )
    ours, plain = pages_runs(
        pages, batch_size=args.pages_batch, repeats=args.pages_repeats, limit=args.pages_limit
    )
    ratio = ours.seconds / plain.seconds
    section = render([record_run, ours, plain], ratio, peak_rss_mib())
    print(section)
    if not args.no_write:
        write_section("extract", section, args.output)
        print(json.dumps({"written": str(args.output)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
