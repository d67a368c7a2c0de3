"""Benchmark of the first comparison parts: text reuse, framing and sentence embeddings.

Reuse and framing run on stories of 5, 20, 50 and 100 documents from the FANG-COVID
sample, grouped by publication day; no day of the sample holds more than a handful of
articles, so a story of N documents is the N articles published closest to the busiest
day (the table says how many days that spans). USE throughput is measured on about
1,000 sentences of the same sample.

Usage: ``python bench/bench_compare_parts.py [--data PATH] [--repeats N] [--no-write]``.
The markdown table is printed and written to ``docs/benchmarks.md`` between
``<!-- compare-parts:start -->`` and ``<!-- compare-parts:end -->``.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from synopse.analysis.sentences import split_sentences
from synopse.compare.embeddings import HashingEmbedder, USEEmbedder
from synopse.compare.framing import frame_documents
from synopse.compare.reuse import find_reuse
from synopse.model import Document

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "bench" / "fang-covid-2000.jsonl"
DOCS_FILE = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- compare-parts:start -->", "<!-- compare-parts:end -->"
SIZES = (5, 20, 50, 100)


def load(path: Path) -> list[Document]:
    """Read the JSON lines sample as Documents."""
    docs = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            docs.append(
                Document(
                    id=record["id"],
                    text=record.get("text") or "",
                    source=record["id"],
                    outlet=record.get("outlet"),
                    published=record.get("published"),
                )
            )
    return docs


def story(docs: list[Document], size: int) -> list[Document]:
    """Return the ``size`` documents published closest to the busiest day."""
    days = Counter((d.published or "")[:10] for d in docs)
    busiest = min(days.items(), key=lambda item: (-item[1], item[0]))[0]
    ordered = sorted(docs, key=lambda d: (d.published or "", d.id))
    centre = next(i for i, d in enumerate(ordered) if (d.published or "")[:10] == busiest)
    start = max(0, min(centre - size // 2, len(ordered) - size))
    return ordered[start : start + size]


def timed(function: Callable[[], Any], repeats: int) -> tuple[float, float]:
    """Return (median, min) seconds of ``repeats`` runs after one warm-up run."""
    function()
    runs = []
    for _ in range(repeats):
        began = time.perf_counter()
        function()
        runs.append(time.perf_counter() - began)
    return statistics.median(runs), min(runs)


def embedding_rows(docs: list[Document], target: int = 1000) -> list[str]:
    """Rows of the embedding table (sentences from the sample)."""
    sentences: list[str] = []
    for doc in docs:
        for s in split_sentences(doc.text):
            sentences.append(doc.text[s.start : s.end])
        if len(sentences) >= target:
            break
    return sentences[:target]


def run(data: Path, repeats: int) -> str:
    """Run the benchmark and return the markdown section."""
    docs = load(data)
    lines = [
        f"Compare parts on `{data.name}` ({platform.python_implementation()} "
        f"{platform.python_version()}, {platform.machine()}); median and best of {repeats} "
        "runs after a warm-up, wall-clock seconds.",
        "",
        "| documents | days spanned | words | reuse pairs | reuse s (median / best) "
        "| framing s (median / best) |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for size in SIZES:
        group = story(docs, size)
        words = sum(len(d.text.split()) for d in group)
        days = len({(d.published or "")[:10] for d in group})
        pairs = len(find_reuse(group))
        reuse_med, reuse_min = timed(functools.partial(find_reuse, group), repeats)
        frame_med, frame_min = timed(functools.partial(frame_documents, group), repeats)
        lines.append(
            f"| {size} | {days} | {words:,} | {pairs} | {reuse_med:.3f} / {reuse_min:.3f} "
            f"| {frame_med:.3f} / {frame_min:.3f} |"
        )
    began = time.perf_counter()
    all_pairs = find_reuse(docs)
    lines += [
        "",
        f"Reuse over all {len(docs):,} documents at once: {time.perf_counter() - began:.1f} s, "
        f"{len(all_pairs):,} pairs (mostly shared in-text boilerplate such as app and "
        "newsletter notices that the sample's texts still carry).",
        "",
        "Embedding throughput, each row in a fresh process; `OPENBLAS_NUM_THREADS` is the "
        "BLAS thread count (on a busy 2-core machine, one thread avoids oversubscription).",
        "",
        "| embedder | OPENBLAS_NUM_THREADS | sentences | words | load s | sentences/s | words/s |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for blas_threads in (None, "1"):
        for name, load_s, count, words, per_s, words_s in embed_in_subprocess(data, blas_threads):
            label = "default" if blas_threads is None else blas_threads
            lines.append(
                f"| {name} | {label} | {count:,} | {words:,} | {load_s:.2f} "
                f"| {per_s:,.0f} | {words_s:,.0f} |"
            )
    return "\n".join(lines)


def embed_in_subprocess(
    data: Path, blas_threads: str | None
) -> list[tuple[str, float, int, int, float, float]]:
    """Measure the embedders in a fresh process with the given BLAS thread count."""
    env = dict(os.environ)
    env.pop("OPENBLAS_NUM_THREADS", None)
    if blas_threads is not None:
        env["OPENBLAS_NUM_THREADS"] = blas_threads
    output = subprocess.run(
        [sys.executable, __file__, "--data", str(data), "--embed-only"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [
        (str(n), float(ld), int(c), int(w), float(ps), float(ws))
        for n, ld, c, w, ps, ws in json.loads(output)
    ]


def measure_embedders(data: Path) -> list[tuple[str, float, int, int, float, float]]:
    """Return (name, load s, sentences, words, sentences/s, words/s) per embedder."""
    docs = load(data)
    sentences = embedding_rows(docs)
    words = sum(len(s.split()) for s in sentences)
    rows = []
    for make in (USEEmbedder, HashingEmbedder):
        embedder = make()
        began = time.perf_counter()
        embedder.embed(["Aufwärmen."])
        load_s = time.perf_counter() - began
        began = time.perf_counter()
        embedder.embed(sentences)
        spent = time.perf_counter() - began
        rows.append(
            (embedder.name, load_s, len(sentences), words, len(sentences) / spent, words / spent)
        )
    return rows


def write_section(section: str, path: Path = DOCS_FILE) -> None:
    """Replace (or append) this benchmark's section of ``docs/benchmarks.md``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    block = f"{START}\n## Compare parts: reuse, framing, embeddings\n\n{section}\n{END}"
    if START in current and END in current:
        head, rest = current.split(START, 1)
        _, tail = rest.split(END, 1)
        updated = head + block + tail
    else:
        updated = current.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(updated, encoding="utf-8")


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--embed-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.embed_only:
        print(json.dumps(measure_embedders(args.data)))
        return
    section = run(args.data, args.repeats)
    print(section)
    if not args.no_write:
        write_section(section)


if __name__ == "__main__":
    main()
