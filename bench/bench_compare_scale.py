"""Scaling benchmark of ``synopse.compare``: time per stage and peak memory, 200 to 2,000 documents.

SPEC.md asks that compare cost grow close to linearly with the number of documents and
that 2,000 documents be analysed and compared under 2 GiB resident. This script measures
both on stories chosen as in ``bench_compare.py`` (the N articles of the FANG-COVID
sample published closest to noon of its busiest day; N = 2,000 is the whole sample).

Each size runs once in a fresh process under a wall-clock limit: the bundled models are
loaded on a five-document warm-up story of other articles (at 2,000 documents no other
articles are left, so the warm-up shares five documents with the story), then analysis
and every compare part are timed, and the peak resident set is read at the end. A run
that passes the limit is killed and reported as unfinished.

``--key-cap N`` adds a diagnostic second table in which fact blocking never lets a key
held by more than N statements propose pairs (the shipped limit grows with the number of
documents). It is not the shipped setting; it shows what the rest of the pipeline costs
at sizes the shipped settings cannot reach.

Usage: ``python bench/bench_compare_scale.py [--data PATH] [--sizes 200,500,1000,2000]
[--timeout S] [--key-cap N] [--cap-sizes 200,500,1000,2000] [--embedder use]
[--no-write]``. The markdown is printed and written to ``docs/benchmarks.md`` between
``<!-- compare-scale:start -->`` and ``<!-- compare-scale:end -->``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_compare import PARTS, _timed
from common import FANG, load_documents, machine_line, peak_rss_mib, story, write_section

SIZES = (200, 500, 1000, 2000)
#: Wall-clock limit of one run, in seconds.
TIMEOUT_S = 900
#: The memory target of SPEC.md, in MiB (2,000 documents analysed and compared).
TARGET_MIB = 2048


def worker(path: Path, size: int, embedder: str, key_cap: int | None) -> dict[str, Any]:
    """Run one measured story in this process and return its figures."""
    from synopse.analysis.pipeline import analyze
    from synopse.compare.pipeline import compare
    from synopse.options import CompareOptions

    # By module name: the attribute synopse.compare is the compare() function.
    pipeline = importlib.import_module("synopse.compare.pipeline")
    if key_cap is not None:
        facts = importlib.import_module("synopse.compare.facts")
        shipped = facts._key_limit
        facts._key_limit = lambda statements, share, *rest: min(
            key_cap, shipped(statements, share, *rest)
        )

    docs = load_documents(path, dated_only=True)
    options = CompareOptions(embedder=embedder)
    warm = story(docs, 5, skip=min(size, max(0, len(docs) - 5)))
    compare(warm, options=options)
    chosen = story(docs, size)
    spent: dict[str, float] = defaultdict(float)
    for name in PARTS:
        setattr(pipeline, name, _timed(getattr(pipeline, name), name, spent))
    began = time.perf_counter()
    analyses = [analyze(d) for d in chosen]
    analysed = time.perf_counter()
    after_analysis = peak_rss_mib()
    result = compare(analyses, options=options)
    compared = time.perf_counter()
    return {
        "size": len(chosen),
        "words": sum(len(d.text.split()) for d in chosen),
        "sentences": sum(len(a.sentences) for a in analyses),
        "analysis_s": analysed - began,
        "compare_s": compared - analysed,
        "analysis_mib": after_analysis,
        "peak_mib": peak_rss_mib(),
        "facts": len(result.facts),
        "conflicts": len(result.conflicts),
        "parts": dict(spent),
    }


def run_worker(
    path: Path, size: int, embedder: str, key_cap: int | None, timeout: float
) -> dict[str, Any]:
    """Run :func:`worker` in a fresh process; a run past ``timeout`` comes back unfinished."""
    command = [sys.executable, __file__, "--data", str(path), "--embedder", embedder]
    command += ["--worker", str(size)]
    if key_cap is not None:
        command += ["--key-cap", str(key_cap)]
    began = time.perf_counter()
    try:
        done = subprocess.run(command, check=True, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        # The killed child has been waited for, so its peak counts among the children's.
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        return {"size": size, "unfinished_s": time.perf_counter() - began, "peak_mib": children}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _exponent(small: tuple[int, float], large: tuple[int, float]) -> float:
    """The k of time ~ documents**k between two sizes (1 is linear, 2 quadratic)."""
    (n1, t1), (n2, t2) = small, large
    return math.log(max(t2, 1e-9) / max(t1, 1e-9)) / math.log(n2 / n1)


def _part(run: dict[str, Any], name: str) -> tuple[int, float]:
    return run["size"], run["parts"].get(name, 0.0)


def table(runs: list[dict[str, Any]], timeout: float) -> list[str]:
    """Markdown table and linearity lines for one series of runs."""
    lines = [
        "| documents | words | sentences | analysis s | "
        + " | ".join(f"`{p}` s" for p in PARTS)
        + " | compare s | total s | total ms / document | peak RSS MiB |",
        "|" + "---:|" * (len(PARTS) + 8),
    ]
    for r in runs:
        if "unfinished_s" in r:
            cells = " | ".join("–" for _ in range(len(PARTS) + 2))
            lines.append(
                f"| {r['size']:,} | | | {cells} | > {timeout:.0f} (killed) | | "
                f"≥ {r['peak_mib']:,.0f} |"
            )
            continue
        total = r["analysis_s"] + r["compare_s"]
        parts = " | ".join(f"{r['parts'].get(p, 0.0):.2f}" for p in PARTS)
        lines.append(
            f"| {r['size']:,} | {r['words']:,} | {r['sentences']:,} | {r['analysis_s']:.2f} "
            f"| {parts} | {r['compare_s']:.2f} | {total:.2f} | {1000 * total / r['size']:.0f} "
            f"| {r['peak_mib']:,.0f} |"
        )
    done = [r for r in runs if "unfinished_s" not in r]
    if len(done) >= 2:
        small, large = done[0], done[-1]
        per_doc = ", ".join(
            f"{1000 * (r['analysis_s'] + r['compare_s']) / r['size']:.0f}" for r in done
        )
        stages = {"analysis": "analysis_s", "compare": "compare_s"}
        growth = [
            f"{name} {_exponent((small['size'], small[k]), (large['size'], large[k])):.2f}"
            for name, k in stages.items()
        ] + [
            f"`{p}` {_exponent(_part(small, p), _part(large, p)):.2f}"
            for p in PARTS
            if large["parts"].get(p, 0.0) >= 0.5
        ]
        lines += [
            "",
            f"Linearity: total ms per document {per_doc} at "
            + ", ".join(f"{r['size']:,}" for r in done)
            + f" documents. Growth exponent k (time ~ documents^k, 1 = linear) from "
            f"{small['size']:,} to {large['size']:,} documents: " + ", ".join(growth) + ".",
        ]
    return lines


def markdown(
    runs: list[dict[str, Any]],
    capped: list[dict[str, Any]],
    embedder: str,
    timeout: float,
    key_cap: int | None,
) -> str:
    """Format the measured runs as the docs/benchmarks.md section."""
    lines = [
        "## Compare: scaling to 2,000 documents",
        "",
        f"`python bench/bench_compare_scale.py` on {machine_line()}; embedder `{embedder}`. "
        "Stories chosen as in `bench_compare.py` (2,000 = the whole sample); one fresh "
        f"process per size, killed after {timeout:.0f} s; wall-clock seconds of one run. "
        "Peak RSS is the whole process (models included).",
        "",
        "Shipped settings:",
        "",
        *table(runs, timeout),
    ]
    finished = [r for r in runs if "unfinished_s" not in r]
    largest = max((r["size"] for r in runs), default=0)
    if largest >= 2000 and finished and finished[-1]["size"] >= 2000:
        verdict = "met" if finished[-1]["peak_mib"] < TARGET_MIB else "NOT met"
    else:
        verdict = "NOT met (2,000 documents not reached)"
    if runs and "unfinished_s" not in runs[-1] and largest < max(SIZES):
        lines += ["", "Larger stories were not run with the shipped settings (`--sizes`)."]
    lines += ["", f"Memory target (2,000 documents under {TARGET_MIB:,} MiB): **{verdict}**."]
    if capped:
        lines += [
            "",
            f"Diagnostic, not the shipped setting: fact blocking with keys held by at most "
            f"{key_cap} statements (the shipped limit is the number of documents, capped at "
            "a tenth of the statements and at `FactOptions.max_key_docs`, 50).",
            "",
            *table(capped, timeout),
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Parse the arguments and run the benchmark (or one worker)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--data", type=Path, default=FANG)
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--timeout", type=float, default=TIMEOUT_S)
    parser.add_argument("--key-cap", type=int, default=None)
    parser.add_argument("--cap-sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--embedder", default="use")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"benchmark data not found: {args.data} (set SYNOPSE_SHARED)")
    if args.worker:
        print(json.dumps(worker(args.data, args.worker, args.embedder, args.key_cap)))
        return
    series: list[list[dict[str, Any]]] = []
    for sizes, cap in ((args.sizes, None), (args.cap_sizes if args.key_cap else "", args.key_cap)):
        runs = []
        for size in sorted(int(s) for s in sizes.split(",") if s):
            result = run_worker(args.data, size, args.embedder, cap, args.timeout)
            runs.append(result)
            print(f"cap {cap}: {json.dumps(result)}", file=sys.stderr)
            if "unfinished_s" in result:
                break  # larger sizes would not finish either
        series.append(runs)
    content = markdown(series[0], series[1], args.embedder, args.timeout, args.key_cap)
    print(content)
    if not args.no_write:
        write_section("compare-scale", content)


if __name__ == "__main__":
    main()
