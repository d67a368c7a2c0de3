"""Benchmark of the first comparison parts: text reuse, framing and sentence embeddings.

Reuse and framing run on stories of 5, 20, 50 and 100 documents from the FANG-COVID
sample, grouped by publication day; no day of the sample holds more than a handful of
articles, so a story of N documents is the N articles published closest to the busiest
day (the table says how many days that spans). USE throughput is measured on about
1,000 sentences of the same sample.

Usage: ``python bench/bench_compare_parts.py [--data PATH] [--repeats N] [--sizes 5,20,50,100]
[--limit N] [--no-write]``.
The markdown table is printed and written to ``docs/benchmarks.md`` between
``<!-- compare-parts:start -->`` and ``<!-- compare-parts:end -->``.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    FANG,
    days_spanned,
    load_documents,
    machine_line,
    median_best,
    repeat_seconds,
    run_json,
    story,
    write_section,
)
from synopse.analysis.sentences import split_sentences
from synopse.compare.embeddings import HashingEmbedder, USEEmbedder
from synopse.compare.framing import frame_documents
from synopse.compare.reuse import find_reuse
from synopse.model import Document

SIZES = (5, 20, 50, 100)
HEADING = "## Compare parts: reuse, framing, embeddings"


def embedding_rows(docs: list[Document], target: int = 1000) -> list[str]:
    """Rows of the embedding table (sentences from the sample)."""
    sentences: list[str] = []
    for doc in docs:
        for s in split_sentences(doc.text):
            sentences.append(doc.text[s.start : s.end])
        if len(sentences) >= target:
            break
    return sentences[:target]


def run(data: Path, repeats: int, sizes: tuple[int, ...] = SIZES, limit: int | None = None) -> str:
    """Run the benchmark on the first ``limit`` documents and return the markdown section."""
    docs = load_documents(data, limit=limit)
    lines = [
        f"Compare parts on `{data.name}` ({machine_line()}); median and best of {repeats} "
        "runs after a warm-up, wall-clock seconds.",
        "",
        "| documents | days spanned | words | reuse pairs | reuse s (median / best) "
        "| framing s (median / best) |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        group = story(docs, size)
        words = sum(len(d.text.split()) for d in group)
        pairs = len(find_reuse(group))
        reuse = repeat_seconds(functools.partial(find_reuse, group), repeats)
        framing = repeat_seconds(functools.partial(frame_documents, group), repeats)
        lines.append(
            f"| {size} | {days_spanned(group)} | {words:,} | {pairs} "
            f"| {median_best(reuse, 3)} | {median_best(framing, 3)} |"
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
        for name, load_s, count, words, per_s, words_s in embed_in_subprocess(
            data, blas_threads, limit
        ):
            label = "default" if blas_threads is None else blas_threads
            lines.append(
                f"| {name} | {label} | {count:,} | {words:,} | {load_s:.2f} "
                f"| {per_s:,.0f} | {words_s:,.0f} |"
            )
    return "\n".join(lines)


def embed_in_subprocess(
    data: Path, blas_threads: str | None, limit: int | None = None
) -> list[tuple[str, float, int, int, float, float]]:
    """Measure the embedders in a fresh process with the given BLAS thread count."""
    env = dict(os.environ)
    env.pop("OPENBLAS_NUM_THREADS", None)
    if blas_threads is not None:
        env["OPENBLAS_NUM_THREADS"] = blas_threads
    command = [sys.executable, __file__, "--data", str(data), "--embed-only"]
    if limit is not None:
        command += ["--limit", str(limit)]
    rows = run_json(command, env)
    return [
        (str(n), float(ld), int(c), int(w), float(ps), float(ws)) for n, ld, c, w, ps, ws in rows
    ]


def measure_embedders(
    data: Path, limit: int | None = None
) -> list[tuple[str, float, int, int, float, float]]:
    """Return (name, load s, sentences, words, sentences/s, words/s) per embedder."""
    docs = load_documents(data, limit=limit)
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


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=FANG)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--limit", type=int, default=None, help="read only this many documents")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--embed-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.embed_only:
        print(json.dumps(measure_embedders(args.data, args.limit)))
        return
    sizes = tuple(int(s) for s in args.sizes.split(","))
    section = run(args.data, args.repeats, sizes, args.limit)
    print(section)
    if not args.no_write:
        write_section("compare-parts", f"{HEADING}\n\n{section}")


if __name__ == "__main__":
    main()
