"""Run every benchmark in turn; each writes its own section of ``docs/benchmarks.md``.

Usage: ``python bench/run.py [--scale]``. The scale run of compare (200 to 1,000
documents, ``bench_compare_scale.py``) takes a quarter of an hour or more on 2 cores, so it
runs only with ``--scale``. A benchmark that fails is reported and the others still run;
the exit status is 1 when any failed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = (
    "bench_extract.py",
    "bench_sentences.py",
    "bench_analysis.py",
    "bench_compare_parts.py",
    "bench_compare.py",
)
SCALE = ("bench_compare_scale.py", "--sizes", "200,500,1000")


def main() -> None:
    """Run the benchmarks and print which failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", action="store_true", help="also run the compare scale run")
    args = parser.parse_args()
    runs = [(name,) for name in SCRIPTS] + ([SCALE] if args.scale else [])
    failed = []
    for script, *options in runs:
        print(f"== {script} {' '.join(options)}", flush=True)
        status = subprocess.call([sys.executable, str(HERE / script), *options])
        if status:
            failed.append(script)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
