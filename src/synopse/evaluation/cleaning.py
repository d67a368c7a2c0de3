"""Scores for the first pipeline stage: HTML extraction and clean bodies with metadata.

``synopse eval`` and the tests report these numbers: snippet precision/recall/F1 on the
trafilatura evaluation pages (ours and plain trafilatura in the same run, as
trafilatura's own evaluation counts them), and, on the shared gold corpus, whether each
body is complete, whether boilerplate leaked, and whether title, author and date are
right.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import trafilatura

from synopse.errors import SynopseError
from synopse.evaluation.common import documents_by_gold_key, find_in_text, normalize_for_match
from synopse.ingest.decode import declared_html_charset, decode_bytes
from synopse.ingest.html import extract_html
from synopse.model import Document
from synopse.model.document import normalize_text

_SPACE = re.compile(r"\s+")
# Text-export table borders ("| text | |") and Markdown heading marks around gold lines.
_BORDERS = re.compile(r"^[|\s]+|[|\s]+$")
_HEADING_MARK = re.compile(r"^#{1,6}\s+")
_SHORT_EXAMPLE = 25
_TIMEZONE = re.compile(r"(?:Z|[+-]\d\d:?\d\d)$")


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", normalize_text(text)).strip()


def _snippet_counts(text: str, gold: Mapping[str, Any]) -> dict[str, int]:
    haystack = _collapse(text)
    found_with = sum(1 for s in gold.get("with", []) if _collapse(s) in haystack)
    found_without = sum(1 for s in gold.get("without", []) if _collapse(s) in haystack)
    return {
        "tp": found_with,
        "fn": len(gold.get("with", [])) - found_with,
        "fp": found_without,
        "tn": len(gold.get("without", [])) - found_without,
    }


def _scores(counts: Mapping[str, int], seconds: float) -> dict[str, Any]:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        **counts,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "seconds": round(seconds, 3),
    }


def _ours(html: str, url: str, name: str) -> str:
    try:
        return extract_html(html, source=name, url=url).text
    except SynopseError:
        return ""


def _plain(html: str, url: str, name: str) -> str:
    return trafilatura.extract(html) or ""


def score_html_extraction(eval_dir: str | Path) -> dict[str, Any]:
    """Score Synopse's HTML extraction and plain trafilatura on snippet gold.

    ``gold.json`` maps each URL to ``{"file", "with", "without"}``. A ``with`` snippet
    found in the extracted text is a true positive, a missing one a false negative; a
    ``without`` snippet found is a false positive, an absent one a true negative.
    Snippets and texts are compared after NFC and whitespace normalisation. Both
    extractors get the same decoded page.

    Args:
        eval_dir: Folder holding ``gold.json`` and ``html/``.

    Returns:
        ``{"pages": n, "synopse": {...}, "trafilatura": {...}}`` with tp, fn, fp, tn,
        precision, recall, f1 and seconds for each.

    Example:
        >>> score_html_extraction("../shared/eval/trafilatura-de-dev")["pages"]  # doctest: +SKIP
        97
    """
    folder = Path(eval_dir)
    gold: dict[str, dict[str, Any]] = json.loads((folder / "gold.json").read_text("utf-8"))
    pages: list[tuple[str, str, dict[str, Any]]] = []
    for url, entry in sorted(gold.items()):
        data = (folder / "html" / entry["file"]).read_bytes()
        try:
            html = decode_bytes(data, source=entry["file"], declared=declared_html_charset(data))
        except SynopseError:
            html = ""
        pages.append((url, html, entry))
    extractors: dict[str, Callable[[str, str, str], str]] = {
        "synopse": _ours,
        "trafilatura": _plain,
    }
    report: dict[str, Any] = {"pages": len(pages)}
    for name, extractor in extractors.items():
        totals = {"tp": 0, "fn": 0, "fp": 0, "tn": 0}
        start = time.perf_counter()
        for url, html, entry in pages:
            text = extractor(html, url, entry["file"]) if html else ""
            for key, value in _snippet_counts(text, entry).items():
                totals[key] += value
        report[name] = _scores(totals, time.perf_counter() - start)
    return report


def _example_form(line: str) -> str:
    return _HEADING_MARK.sub("", _BORDERS.sub("", normalize_for_match(line))).strip()


def _leaked(text: str, example: str) -> bool:
    target = _example_form(example)
    if not target:
        return False
    if len(target) >= _SHORT_EXAMPLE:
        return find_in_text(text, target) is not None
    for line in text.split("\n"):
        line = _collapse(line)
        if line == target or line.startswith(target + " ") or line.endswith(" " + target):
            return True
    return False


def _same_text(predicted: str | None, expected: str | None) -> bool:
    if predicted is None or expected is None:
        return predicted is None and expected is None
    return _collapse(predicted) == _collapse(expected)


def _same_date(predicted: str | None, expected: str | None) -> bool:
    if predicted is None or expected is None:
        return predicted is None and expected is None
    ours = _TIMEZONE.sub("", predicted)
    theirs = _TIMEZONE.sub("", expected)
    return ours == theirs or (len(theirs) > 10 and ours == theirs[:16])


def _gold_date(entry: Mapping[str, Any]) -> str | None:
    value = entry.get("publication_iso") or entry.get("publication_date")
    return str(value) if value else None


def score_clean_bodies(gold: Mapping[str, Any], documents: Iterable[Document]) -> dict[str, Any]:
    """Check cleaned bodies and metadata against the gold corpus annotation.

    Per gold document: the first and last body sentence must be in the text, no
    ``boilerplate_examples`` line may be (table borders and heading marks stripped;
    short examples must form or open/close a whole line), and title, author and date
    must equal the gold values (None where the gold states none; dates compared
    without the time-zone offset, which the gold only assumes).

    Args:
        gold: The parsed gold JSON (``meta`` and ``documents``).
        documents: The ingested documents; matched to gold keys by id or file name.

    Returns:
        ``{"documents": {key: {...}}, "bodies_complete", "boilerplate_leaked",
        "metadata_correct", "metadata_total", "missing"}``.

    Example:
        >>> score_clean_bodies(gold, synopse.load(corpus))["bodies_complete"]  # doctest: +SKIP
        5
    """
    by_key = documents_by_gold_key(documents, gold)
    per_document: dict[str, dict[str, Any]] = {}
    missing: list[str] = []
    complete = leaked_total = correct = total = 0
    for key, entry in sorted(gold.get("documents", {}).items()):
        document = by_key.get(key)
        if document is None:
            missing.append(key)
            continue
        first = find_in_text(document.text, entry["body_first"]) is not None
        last = find_in_text(document.text, entry["body_last"]) is not None
        leaked = [ex for ex in entry.get("boilerplate_examples", []) if _leaked(document.text, ex)]
        metadata = {
            "title": _same_text(document.title, entry.get("title")),
            "author": _same_text(document.author, entry.get("author")),
            "published": _same_date(document.published, _gold_date(entry)),
        }
        per_document[key] = {
            "id": document.id,
            "body_first": first,
            "body_last": last,
            "boilerplate_leaked": leaked,
            "metadata": metadata,
            "predicted": {
                "title": document.title,
                "author": document.author,
                "published": document.published,
            },
        }
        complete += first and last
        leaked_total += len(leaked)
        correct += sum(metadata.values())
        total += len(metadata)
    return {
        "documents": per_document,
        "bodies_complete": complete,
        "boilerplate_leaked": leaked_total,
        "metadata_correct": correct,
        "metadata_total": total,
        "missing": missing,
    }
