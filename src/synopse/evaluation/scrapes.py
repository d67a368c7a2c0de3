"""Score the raw-text scrape cleaner on noisy pages built from real HTML.

The scrape cleaner (:func:`synopse.ingest.text.clean_scrape`) meets pages that were
copied, exported or crawled as plain text: the whole visible page, navigation, cookie
banners and footers included. Clean texts cannot test that, so this module turns each page
of the trafilatura evaluation set into such a scrape (the visible text, one line per block
element) and scores the cleaned text with the same with/without snippet gold that
:func:`synopse.evaluation.cleaning.score_html_extraction` uses, next to a keep-everything
baseline.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lxml.html
from lxml import etree

from synopse.errors import SynopseError
from synopse.evaluation.cleaning import _scores, _snippet_counts
from synopse.ingest.decode import declared_html_charset, decode_bytes
from synopse.ingest.text import clean_scrape

_SPACE = re.compile(r"\s+")
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Elements a browser never shows as text.
_INVISIBLE = frozenset(
    {"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg",
     "iframe", "object", "embed", "canvas", "select", "option", "input", "button", "textarea"}
)  # fmt: skip
# Elements that start a new line in the rendered page.
_BLOCK = frozenset(
    {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
     "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
     "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li",
     "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
     "tfoot", "th", "thead", "tr", "ul"}
)  # fmt: skip


def _hidden(element: etree._Element) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    return bool(_DISPLAY_NONE.search(element.get("style") or ""))


def html_to_scrape(html: str) -> str:
    """Return the visible text of a page as a raw scrape: one line per block element.

    Scripts, styles, templates, form controls and hidden elements are dropped; every other
    text stays, navigation, headers, footers and asides included. Text inside one block
    element (with its inline children) forms one line with whitespace collapsed; a nested
    block element or ``<br>`` starts a new line.

    Args:
        html: The decoded HTML page.

    Returns:
        The lines joined by newlines, without empty lines; an empty string for an empty or
        unparsable page.

    Example:
        >>> html_to_scrape("<ul><li>Start</li><li>Politik</li></ul><p>Der <b>Rat</b> tagt.</p>")
        'Start\\nPolitik\\nDer Rat tagt.'
    """
    if not html.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    lines: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        line = _SPACE.sub(" ", "".join(buffer)).strip()
        if line:
            lines.append(line)
        buffer.clear()

    # An explicit stack instead of recursion: deeply nested pages must not overflow it.
    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        tag = element.tag if isinstance(element.tag, str) else ""
        block = tag.lower() in _BLOCK or tag.lower() == "br"
        if closing:
            if block:
                flush()
            if element.tail:
                buffer.append(element.tail)
            continue
        if not tag or tag.lower() in _INVISIBLE or _hidden(element):
            if element.tail:
                buffer.append(element.tail)
            continue
        if block:
            flush()
        if element.text:
            buffer.append(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    flush()
    return "\n".join(lines)


def _keep_all(scrape: str) -> str:
    return scrape


def _cleaned(scrape: str) -> str:
    return clean_scrape(scrape).text


def score_text_scrapes(eval_dir: str | Path) -> dict[str, Any]:
    """Score :func:`clean_scrape` on text scrapes of the evaluation pages, with a baseline.

    Each page in ``gold.json`` becomes a scrape (:func:`html_to_scrape`); the cleaned text
    and the whole scrape (keep everything) are scored with the with/without snippets like
    :func:`synopse.evaluation.cleaning.score_html_extraction`. Pages are sorted by file
    name; the first and second half are also scored on their own (the first half is the one
    the cleaner was tuned on).

    Args:
        eval_dir: Folder holding ``gold.json`` and ``html/``.

    Returns:
        ``{"pages": n, "synopse": {...}, "baseline": {...}, "halves": {"first": {"synopse":
        ..., "baseline": ...}, "second": {...}}}`` with tp, fn, fp, tn, precision, recall,
        f1 and seconds.

    Example:
        >>> score_text_scrapes("../shared/eval/trafilatura-de-dev")["pages"]  # doctest: +SKIP
        97
    """
    folder = Path(eval_dir)
    gold: dict[str, dict[str, Any]] = json.loads((folder / "gold.json").read_text("utf-8"))
    pages: list[tuple[str, dict[str, Any]]] = []
    for _, entry in sorted(gold.items(), key=lambda item: (item[1]["file"], item[0])):
        data = (folder / "html" / entry["file"]).read_bytes()
        try:
            html = decode_bytes(data, source=entry["file"], declared=declared_html_charset(data))
        except SynopseError:
            html = ""
        pages.append((html_to_scrape(html), entry))
    half = (len(pages) + 1) // 2
    parts = {"all": pages, "first": pages[:half], "second": pages[half:]}
    cleaners: dict[str, Callable[[str], str]] = {"synopse": _cleaned, "baseline": _keep_all}
    report: dict[str, Any] = {"pages": len(pages), "halves": {"first": {}, "second": {}}}
    for name, cleaner in cleaners.items():
        totals = {part: {"tp": 0, "fn": 0, "fp": 0, "tn": 0} for part in parts}
        seconds = 0.0
        for index, (scrape, entry) in enumerate(pages):
            start = time.perf_counter()
            text = cleaner(scrape) if scrape else ""
            seconds += time.perf_counter() - start
            counts = _snippet_counts(text, entry)
            for part in ("all", "first" if index < half else "second"):
                for key, value in counts.items():
                    totals[part][key] += value
        report[name] = _scores(totals["all"], seconds)
        for part in ("first", "second"):
            report["halves"][part][name] = _scores(totals[part], 0.0)
    return report
