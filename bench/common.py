"""Shared helpers for the benchmark scripts: statistics, paths and the report file."""

from __future__ import annotations

import os
import platform
import random
import resource
import statistics
from collections.abc import Sequence
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SYNOPSE_SHARED", ROOT.parent / "shared"))
FANG = SHARED / "bench" / "fang-covid-2000.jsonl"
REPORT = ROOT / "docs" / "benchmarks.md"


def bootstrap_ci(
    values: Sequence[float], *, rounds: int = 2000, seed: int = 0
) -> tuple[float, float, float]:
    """Return the mean and a bootstrap 95% confidence interval of ``values``."""
    rng = random.Random(seed)
    means = sorted(statistics.fmean(rng.choices(values, k=len(values))) for _ in range(rounds))
    return statistics.fmean(values), means[int(0.025 * rounds)], means[int(0.975 * rounds) - 1]


def iqr_outliers(values: Sequence[float]) -> int:
    """Count values outside 1.5 IQR of the quartiles."""
    if len(values) < 4:
        return 0
    q1, _, q3 = statistics.quantiles(values, n=4)
    spread = q3 - q1
    return sum(1 for v in values if v < q1 - 1.5 * spread or v > q3 + 1.5 * spread)


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine_line() -> str:
    """One line describing where the benchmark ran."""
    return (
        f"CPython {platform.python_version()}, {os.cpu_count()} CPUs ({platform.machine()}), "
        f"{date.today().isoformat()}"
    )


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
    report.write_text(text, encoding="utf-8")
