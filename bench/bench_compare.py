"""Benchmark of ``synopse.compare``: time and peak memory for stories of 5 to 100 documents.

The FANG-COVID sample has no story with many articles on one day (no day holds more
than 14), so a story of N documents is the N articles published closest in time to
the middle of the busiest day; the table says how many days that spans. Such a story is
looser than a real one (fewer shared facts), which makes fact grouping cheaper than on a
tight story, but the blocking cost grows the same way.

Each run is a fresh process (the embedder caches vectors by text, so a second run in the
same process would skip the embedding): it loads the bundled models on a 5-document
warm-up story of other articles, then analyses the story (timed) and compares it (timed
separately). Peak resident memory is read after each of the two steps. The median and
the best of ``--repeats`` runs are reported, plus the time of each compare part at the
largest size.

Usage: ``python bench/bench_compare.py [--data PATH] [--repeats N] [--sizes 5,20,50,100]
[--embedder use] [--no-write]``. The markdown is printed and written to
``docs/benchmarks.md`` between ``<!-- compare:start -->`` and ``<!-- compare:end -->``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    FANG,
    busiest_day,
    days_spanned,
    load_documents,
    machine_line,
    median_best,
    peak_rss_mib,
    run_json,
    story,
    write_section,
)

SIZES = (5, 20, 50, 100)
#: The speed target of SPEC.md: a story of this many documents in under this many seconds.
TARGET_DOCS, TARGET_SECONDS = 50, 10.0
#: The pipeline's steps, as names in ``synopse.compare.pipeline``, timed at the largest size.
PARTS = (
    "resolve_entities",
    "find_reuse",
    "find_facts",
    "find_conflicts",
    "find_omissions",
    "frame_documents",
    "merge_timeline",
    "summarize",
)


def worker(path: Path, size: int, embedder: str, parts: bool) -> dict[str, Any]:
    """Run one measured story in this process and return its figures."""
    from synopse.analysis.pipeline import analyze
    from synopse.compare.pipeline import compare
    from synopse.options import CompareOptions

    # By module name: the attribute synopse.compare is the compare() function.
    pipeline = importlib.import_module("synopse.compare.pipeline")

    docs = load_documents(path, dated_only=True)
    options = CompareOptions(embedder=embedder)
    largest = max(SIZES)
    warm = story(docs, 5, skip=largest)
    compare(warm, options=options)
    baseline = peak_rss_mib()
    chosen = story(docs, size)
    spent: dict[str, float] = defaultdict(float)
    if parts:
        for name in PARTS:
            setattr(pipeline, name, _timed(getattr(pipeline, name), name, spent))
    began = time.perf_counter()
    analyses = [analyze(d) for d in chosen]
    analysed = time.perf_counter()
    after_analysis = peak_rss_mib()
    result = compare(analyses, options=options)
    compared = time.perf_counter()
    return {
        "size": size,
        "words": sum(len(d.text.split()) for d in chosen),
        "sentences": sum(len(a.sentences) for a in analyses),
        "days": days_spanned(chosen),
        "analysis_s": analysed - began,
        "compare_s": compared - analysed,
        "baseline_mib": baseline,
        "analysis_mib": after_analysis,
        "peak_mib": peak_rss_mib(),
        "facts": len(result.facts),
        "shared_facts": sum(1 for f in result.facts if len(f.docs) > 1),
        "conflicts": len(result.conflicts),
        "parts": dict(spent),
    }


def _timed(function: Callable[..., Any], name: str, spent: dict[str, float]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - began

    return wrapper


def run_worker(path: Path, size: int, embedder: str, parts: bool) -> dict[str, Any]:
    """Run :func:`worker` in a fresh Python process."""
    command = [
        sys.executable,
        __file__,
        "--data",
        str(path),
        "--embedder",
        embedder,
        "--worker",
        str(size),
    ]
    if parts:
        command.append("--parts")
    result: dict[str, Any] = run_json(command)
    return result


def markdown(runs: dict[int, list[dict[str, Any]]], embedder: str, busiest: str) -> str:
    """Format the measured runs as the docs/benchmarks.md section."""
    lines = [
        "## Compare: whole pipeline",
        "",
        f"`python bench/bench_compare.py` on {machine_line()}; embedder `{embedder}`. "
        "A story of N documents is the N articles of `fang-covid-2000.jsonl` "
        f"published closest to noon of its busiest day ({busiest}; no day holds more than "
        "14 articles, so larger stories span several days). Each run is a fresh process "
        "after a warm-up on five other articles (models loaded); median / best of "
        f"{len(next(iter(runs.values())))} runs, wall-clock seconds. Memory is the peak "
        "resident set of the process (models included) after analysis and after compare.",
        "",
        "| documents | days | words | sentences | analysis s | compare s (without analysis) "
        "| total s | compare ms / document | peak MiB after analysis / compare | facts (shared) "
        "| conflicts |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in sorted(runs):
        items = runs[size]
        first = items[0]
        analysis = [r["analysis_s"] for r in items]
        comparing = [r["compare_s"] for r in items]
        total = [r["analysis_s"] + r["compare_s"] for r in items]
        lines.append(
            f"| {size} | {first['days']} | {first['words']:,} | {first['sentences']:,} "
            f"| {median_best(analysis)} | {median_best(comparing)} | {median_best(total)} "
            f"| {1000 * statistics.median(comparing) / size:.0f} "
            f"| {max(r['analysis_mib'] for r in items):.0f} / "
            f"{max(r['peak_mib'] for r in items):.0f} "
            f"| {first['facts']} ({first['shared_facts']}) | {first['conflicts']} |"
        )
    largest = max(runs)
    target = [r["analysis_s"] + r["compare_s"] for r in runs.get(TARGET_DOCS, [])]
    if target:
        verdict = "met" if statistics.median(target) < TARGET_SECONDS else "NOT met"
        lines += [
            "",
            f"Target ({TARGET_DOCS} documents in under {TARGET_SECONDS:.0f} s, analysis "
            f"included): **{verdict}** ({statistics.median(target):.1f} s).",
        ]
    parts = [r["parts"] for r in runs[largest] if r["parts"]]
    if parts:
        lines += [
            "",
            f"Compare parts at {largest} documents (median seconds over the same runs):",
            "",
            "| part | seconds |",
            "|---|---:|",
        ]
        for name in PARTS:
            values = [p.get(name, 0.0) for p in parts]
            lines.append(f"| `{name}` | {statistics.median(values):.2f} |")
        slowest = max(PARTS, key=lambda name: statistics.median(p.get(name, 0.0) for p in parts))
        rest = statistics.median(sum(v for k, v in p.items() if k != slowest) for p in parts)
        lines += ["", f"All parts but `{slowest}` together: {rest:.2f} s."]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Parse the arguments and run the benchmark (or one worker)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--data", type=Path, default=FANG)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--embedder", default="use")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--parts", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"benchmark data not found: {args.data} (set SYNOPSE_SHARED)")
    if args.worker:
        print(json.dumps(worker(args.data, args.worker, args.embedder, args.parts)))
        return
    sizes = sorted(int(s) for s in args.sizes.split(","))
    runs: dict[int, list[dict[str, Any]]] = {}
    for size in sizes:
        runs[size] = []
        for _ in range(args.repeats):
            result = run_worker(args.data, size, args.embedder, size == max(sizes))
            runs[size].append(result)
            print(
                f"{size:>4} docs: analysis {result['analysis_s']:.2f} s, "
                f"compare {result['compare_s']:.2f} s, peak {result['peak_mib']:.0f} MiB",
                file=sys.stderr,
            )
    content = markdown(runs, args.embedder, busiest_day(load_documents(args.data, dated_only=True)))
    print(content)
    if not args.no_write:
        write_section("compare", content)


if __name__ == "__main__":
    main()
