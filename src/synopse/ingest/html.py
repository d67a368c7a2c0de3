"""HTML pages to clean article text: trafilatura for the body, htmldate for the date.

Trafilatura (with htmldate underneath) finds the article body and metadata. This
module adds what Synopse needs around it: a fallback to the page's visible text when
trafilatura finds nothing (broken markup, tiny pages), the visible blocks it dropped
as ``removed``, heading spans, and a full timestamp from the page's own metadata.

``removed`` for HTML lists the visible text blocks of the page (navigation, title,
teasers, footers ...) that do not occur in the extracted text, in page order and
without repeats; trafilatura itself does not report what it discarded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html import unescape
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from synopse.errors import ExtractionError
from synopse.ingest.extracted import Extracted
from synopse.ingest.metadata import outlet_from_url, parse_date
from synopse.model import Span
from synopse.model.document import normalize_text

_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.{0,1000}?-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|article)\b",
    re.I | re.S,
)
_HTML_TAGS = re.compile(r"</(?:p|div|span|a|li|td|table|h[1-6]|section|article)>|<br\s*/?>", re.I)
_MIN_TAGS_FOR_HTML = 3

_INVISIBLE_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "canvas",
    "head",
)
_BLOCK_TAGS = (
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
)
# Page furniture left out of the fallback text when the page has anything else.
_CHROME_TAGS = ("nav", "header", "footer", "aside", "form", "button", "select")
_MAIN_XPATH = (
    "//article[not(ancestor::article or ancestor::main)]"
    " | //main[not(ancestor::article or ancestor::main)]"
)
_SCRIPT_START = re.compile(r"<(script|style|template|noscript)\b")
_ENTITY_FREE_TAGS = re.compile(r"<[^<>]*>|<!--|-->")
# lxml refuses to set text holding these (the parser itself lets them through).
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_MAX_REMOVED = 400
_MAX_REMOVED_CHARS = 300
# Substring checks of visible lines against the text cost lines × text; cap both.
_MAX_SUBSTRING_CHECKS = 3000
_MAX_SUBSTRING_TEXT = 500_000
_PUBLISHED_XPATH = (
    "//meta[@property='article:published_time' or @name='article:published_time' "
    "or @itemprop='datePublished' or @name='date' or @name='DC.date.issued']/@content"
)


def looks_like_html(text: str) -> bool:
    """Return True when ``text`` is an HTML page rather than plain text.

    Example:
        >>> looks_like_html("<!DOCTYPE html><html><body><p>Hallo</p></body></html>")
        True
        >>> looks_like_html("Die Straße ist <gesperrt>.")
        False
    """
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    return head.lstrip().startswith("<") and len(_HTML_TAGS.findall(head)) >= _MIN_TAGS_FOR_HTML


def _collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def visible_lines(html: str) -> list[str]:
    """Return the visible text of a page, one block element per line.

    Scripts, styles and other invisible elements are dropped; this never raises on
    broken markup (an unparseable page has no visible lines).

    Example:
        >>> visible_lines("<p>Erster <b>Absatz</b></p><div>Zweiter</div><script>x()</script>")
        ['Erster Absatz', 'Zweiter']
    """
    tree = _parse(html)
    if tree is None:
        return []
    return _tree_lines(tree)


def _parse(html: str) -> Any:
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError, TypeError):
        pass
    try:
        # Pages declaring an encoding in an XML prolog are refused as str; parse bytes.
        return lxml.html.document_fromstring(html.encode("utf-8"))
    except (etree.ParserError, ValueError, TypeError):
        return None


def _tree_lines(tree: Any, *, drop_chrome: bool = False) -> list[str]:
    etree.strip_elements(tree, *_INVISIBLE_TAGS, etree.Comment, with_tail=False)
    if drop_chrome:
        etree.strip_elements(tree, *_CHROME_TAGS, with_tail=False)
    for element in tree.iter(*_BLOCK_TAGS):
        element.text = "\n" + _NOT_XML.sub("", element.text or "")
        element.tail = "\n" + _NOT_XML.sub("", element.tail or "")
    raw = etree.tostring(tree, method="text", encoding="unicode")
    lines = (_collapse(line) for line in normalize_text(raw).split("\n"))
    return [line for line in lines if line]


def _fallback_text(html: str) -> str:
    """Return the visible text without navigation, headers, footers and forms."""
    tree = _parse(html)
    if tree is None:
        return ""
    main = tree.xpath(_MAIN_XPATH)
    if main:
        lines = [line for element in main for line in _tree_lines(element, drop_chrome=True)]
    else:
        lines = _tree_lines(tree, drop_chrome=True)
    return "\n".join(lines)


def _stripped_tags(html: str) -> str:
    """Return the text between tags, scripts and styles cut, for pages lxml cannot read.

    libxml2 drops content nested deeper than its depth limit; this last resort scans
    the markup once with plain string searches.
    """
    lowered = html.lower()
    kept: list[str] = []
    position = 0
    for match in _SCRIPT_START.finditer(lowered):
        if match.start() < position:
            continue
        kept.append(html[position : match.start()])
        close = lowered.find(f"</{match.group(1)}", match.end())
        position = len(html) if close < 0 else close
    kept.append(html[position:])
    text = _ENTITY_FREE_TAGS.sub("\n", "".join(kept))
    lines = (_collapse(line) for line in normalize_text(unescape(text)).split("\n"))
    return "\n".join(line for line in lines if line)


def _published(tree: Any, day: str | None) -> str | None:
    """Return the page's own full timestamp when it agrees with htmldate's day."""
    if tree is None:
        return day
    try:
        values = tree.xpath(_PUBLISHED_XPATH)
    except etree.XPathError:
        return day
    for value in values:
        stamp = parse_date(str(value))
        if stamp and (day is None or stamp.startswith(day)):
            return stamp
    return day


def _removed(lines: Iterable[str], text: str) -> tuple[str, ...]:
    """Return visible lines missing from ``text``, with bounded cost on huge pages."""
    collapsed = _collapse(text.replace("\n", " "))
    kept_lines = {_collapse(line) for line in text.split("\n")}
    substring_budget = _MAX_SUBSTRING_CHECKS if len(collapsed) <= _MAX_SUBSTRING_TEXT else 0
    seen: set[str] = set()
    removed: list[str] = []
    for line in lines:
        if line in seen or line in kept_lines:
            continue
        if substring_budget > 0:
            substring_budget -= 1
            if line in collapsed:
                continue
        seen.add(line)
        removed.append(line[:_MAX_REMOVED_CHARS])
        if len(removed) >= _MAX_REMOVED:
            break
    return tuple(removed)


def _line_spans(text: str, lines: Iterable[str], label: str) -> Iterator[Span]:
    """Yield spans of whole lines of ``text`` equal to ``lines``, searched in order."""
    cursor = 0
    for line in lines:
        if not line:
            continue
        position = text.find(line, cursor)
        while position >= 0:
            end = position + len(line)
            at_start = position == 0 or text[position - 1] == "\n"
            at_end = end == len(text) or text[end] == "\n"
            if at_start and at_end:
                yield Span(position, end, label)
                cursor = end
                break
            position = text.find(line, position + 1)


def _without_title_line(text: str, title: str | None) -> str:
    """Drop a first line that repeats the title: it is metadata, as in text scrapes."""
    first, _newline, rest = text.partition("\n")
    if title and _collapse(first) == title and rest.strip():
        return rest.lstrip("\n")
    return text


def _trafilatura(html: str, url: str | None) -> Any:
    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            favor_precision=False,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
        )
    except Exception:  # trafilatura may fail in many ways on hostile markup: fall back.
        return None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = _collapse(normalize_text(value))
    return value or None


def extract_html(html: str, *, source: str, url: str | None = None) -> Extracted:
    """Return the article text and metadata of an HTML page.

    Args:
        html: The decoded page.
        source: How to name the page in errors.
        url: The address the page came from, if known (a canonical link in the page wins).

    Returns:
        The clean text (normalised), the visible blocks dropped as ``removed``, heading
        spans, title, author, published date, outlet (site name or host) and URL.

    Raises:
        ExtractionError: Neither trafilatura nor the visible text yields any text.

    Example:
        >>> page = "<html><body><article><p>Der Rat tagte am Montag.</p></article></body></html>"
        >>> extract_html(page, source="x.html").text
        'Der Rat tagte am Montag.'
    """
    result = _trafilatura(html, url)
    tree = _parse(html)
    raw_date = _clean(getattr(result, "date", None))
    published = _published(tree, parse_date(raw_date) if raw_date else None)
    lines = _tree_lines(tree) if tree is not None else []
    text = ""
    headings: list[str] = []
    if result is not None and isinstance(getattr(result, "text", None), str):
        text = normalize_text(result.text).strip()
        body = getattr(result, "body", None)
        if body is not None:
            headings = [_collapse(normalize_text("".join(h.itertext()))) for h in body.iter("head")]
    if not text:
        text = _fallback_text(html) or "\n".join(lines) or _stripped_tags(html)
    if not text:
        raise ExtractionError("no article text found in the HTML page", source=source)
    title = _clean(getattr(result, "title", None))
    text = _without_title_line(text, title)
    if not text:
        raise ExtractionError("no article text found in the HTML page", source=source)
    page_url = _clean(getattr(result, "url", None)) or url
    outlet = _clean(getattr(result, "sitename", None)) or (
        outlet_from_url(page_url) if page_url else None
    )
    return Extracted(
        text=text,
        removed=_removed(lines, text),
        structure=tuple(_line_spans(text, headings, "heading")),
        title=title,
        author=_clean(getattr(result, "author", None)),
        published=published,
        outlet=outlet,
        url=page_url,
    )
