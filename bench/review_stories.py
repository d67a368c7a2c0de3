"""Review what ``synopse compare`` reports on unseen stories, for a person to judge.

The shared gold covers one story, and every figure measured on it is fitted to it. This
script builds small stories the gold never saw from ``fang-covid-2000.jsonl``: for each
(term, day, window) below, the articles that contain the term and were published within
``window`` days of ``day``. It compares each story and writes, as markdown, every conflict
with the sentence behind each side, the shared facts and the summary, so that a person can
mark each statement right or wrong. It judges nothing itself; the judged figures are
recorded by hand in ``docs/benchmarks.md`` ("Unseen stories: hand check").

Usage: ``python bench/review_stories.py [--data PATH] [-o FILE]`` (default: standard
output). Takes about half a minute on 2 cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import FANG, load_documents, published_at
from synopse import compare
from synopse.model import Document

#: (term, day, window in days): one story each.
STORIES: tuple[tuple[str, str, int], ...] = (
    ("Tönnies", "2020-06-23", 1),
    ("Kita", "2020-04-30", 1),
    ("Lufthansa", "2020-05-22", 2),
    ("Bundesliga", "2020-04-28", 2),
    ("Drosten", "2020-04-30", 2),
    ("Ischgl", "2020-05-18", 3),
    ("Maskenpflicht", "2020-08-04", 1),
    ("Heinsberg", "2020-04-02", 1),
    ("Impfstoff", "2021-01-17", 1),
    ("Kurzarbeit", "2020-04-30", 1),
)


def pick_story(documents: Sequence[Document], term: str, day: str, window: int) -> list[Document]:
    """Return the documents containing ``term`` published within ``window`` days of ``day``."""
    centre = dt.date.fromisoformat(day)
    return [
        d
        for d in documents
        if term in d.text and abs((published_at(d).date() - centre).days) <= window
    ]


def _sentence(doc: Document, start: int, end: int, limit: int = 240) -> str:
    left = max(doc.text.rfind(". ", 0, start) + 2, 0)
    right = doc.text.find(". ", end)
    right = len(doc.text) if right < 0 else right + 1
    text = " ".join(doc.text[left:right].split())
    return text if len(text) <= limit else text[:limit] + " …"


def review(documents: Sequence[Document]) -> str:
    """Return the markdown review of every story in ``STORIES``."""
    lines = ["# Unseen stories: what compare reports", ""]
    for term, day, window in STORIES:
        story = pick_story(documents, term, day, window)
        lines.append(f"## {term}, {day} ± {window} days: {len(story)} documents")
        if len(story) < 2:
            lines += ["", "(too few documents)", ""]
            continue
        result = compare(story)
        by_id = {d.id: d for d in result.documents}
        lines += ["", f"### Conflicts: {len(result.conflicts)}", ""]
        for conflict in result.conflicts:
            lines.append(f"- **{conflict.kind} ({conflict.severity})**: {conflict.topic}")
            for value in conflict.values:
                doc = by_id[value.doc]
                context = _sentence(doc, value.start, value.end)
                lines.append(f"  - {value.doc} `{value.value}`: {context}")
        shared = [f for f in result.facts if len(f.docs) > 1]
        lines += ["", f"### Shared facts: {len(shared)}", ""]
        lines += [f"- {f.id} ({len(f.docs)} documents): {f.label}" for f in shared]
        lines += ["", "### Summary", ""]
        lines += [
            f"{n}. {s.text} [{', '.join(s.sources)}]" for n, s in enumerate(result.summary, 1)
        ]
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    """Build the stories, compare them and write the review."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=FANG, help="fang-covid JSON lines file")
    parser.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(f"review_stories: data file not found: {args.data}")
    text = review(load_documents(args.data, dated_only=True))
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)


if __name__ == "__main__":
    main()
