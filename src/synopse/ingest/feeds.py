"""RSS and Atom feeds: one Document per entry, with the feed's own metadata.

A media researcher follows outlets through their feeds. Each entry becomes an article:
its id from the entry's guid/id, the outlet from the feed title, title, author, date,
language and link from the entry. The body is the entry's full content
(``content:encoded``, Atom ``content``) or, failing that, its summary/description;
HTML bodies go through the same cleaning as HTML pages, so offsets refer to clean
text. Entries that carry only a teaser are marked so that nobody compares teasers
believing they are articles; on request their links are fetched (with every safety
limit of :mod:`synopse.ingest.fetch`).

The XML is parsed with lxml (already a dependency) with DTDs, entity expansion and
network access switched off: a feed is untrusted input, and a parser that expands
``<!ENTITY>`` declarations can be made to read local files or blow up memory.
feedparser is not used: it would add two packages, sanitise the HTML its own way before
ours, and turn every date into UTC without the outlet's offset.
"""

from __future__ import annotations

import email.utils
import functools
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from html import escape
from html.entities import name2codepoint
from typing import Any

from lxml import etree

from synopse.errors import ExtractionError, SynopseError
from synopse.ingest.decode import decode_bytes
from synopse.ingest.extracted import Extracted
from synopse.ingest.fetch import fetch as fetch_url
from synopse.ingest.html import extract_html, visible_lines
from synopse.ingest.metadata import detect_language, parse_date
from synopse.ingest.sources import slugify, url_slug
from synopse.lang import available_languages, load_table
from synopse.model.document import Failure, normalize_text
from synopse.options import IngestOptions

FEED_EXTENSIONS = frozenset({".rss", ".atom", ".xml", ".rdf"})
"""File extensions whose content is sniffed for a feed root element."""
FEED_MEDIA_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
"""Content types a server sends feeds with (content is sniffed for other types too)."""

_ATOM = "http://www.w3.org/2005/Atom"
_ATOM03 = "http://purl.org/atom/ns#"
_RSS1 = "http://purl.org/rss/1.0/"
_RSS09 = "http://my.netscape.com/rdf/simple/0.9/"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_CONTENT = "http://purl.org/rss/1.0/modules/content/"
_DC = "http://purl.org/dc/elements/1.1/"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_SNIFF_BYTES = 8192
_FEED_ROOT = re.compile(
    r"\A\s*(?:<\?xml[^>]{0,300}\?>\s*)?"
    r"(?:(?:<!--.{0,2000}?-->|<\?[^>]{0,300}\?>|<!DOCTYPE[^>\[]{0,300}(?:\[.{0,4000}?\])?\s*>)\s*)*"
    r"<(?:[\w.-]{1,40}:)?(rss|feed|RDF)[\s>/]",
    re.S,
)
_XML_SAFE_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_NAMED_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
_MARKUP = re.compile(
    r"<[A-Za-z/!][^<>]{0,2000}>|&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.I
)
_AUTHOR_IN_PARENS = re.compile(r"\(([^()]{2,200})\)\s*$")
_EMAIL = re.compile(r"\A[^\s@]+@[^\s@]+\Z")
_LANGUAGE_TAG = re.compile(r"\A([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\Z")
_SPACES = re.compile(r"[ \t\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
# A summary/description this long and not cut off is taken as the full article (many
# feeds put the whole text into <description>); anything shorter is a teaser.
_FULL_TEXT_MIN_WORDS = 150
_TRUNCATED_END = re.compile(r"(?:\.\.\.|…|\[(?:\.\.\.|…)\]|\((?:\.\.\.|…)\))\s*\Z")
_WORD = re.compile(r"\w+")
_HASH_CHARS = 10
# Feed footers ("Weiterlesen", "The post ... appeared first on ...") sit at the very end.
_MAX_TRAILER_LINES = 3
_MAX_ID_STEM = 60


@dataclass(frozen=True)
class FeedEntry:
    """One feed entry, extracted, before it gets its final document id.

    Attributes:
        source: The entry's link, or ``feed#n`` when it has none.
        id: The entry's id (from its guid/id, unique within the feed).
        extracted: Clean text and metadata.
        teaser: True when the body is only a teaser (summary or description).
    """

    source: str
    id: str
    extracted: Extracted
    teaser: bool = False


@dataclass(frozen=True)
class _Body:
    text: str
    html: bool
    full: bool


def looks_like_feed(data: bytes) -> bool:
    """Return True when ``data`` starts like an RSS, RDF or Atom document.

    Example:
        >>> looks_like_feed(b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>')
        True
        >>> looks_like_feed(b"<html><body>Kein Feed</body></html>")
        False
    """
    head = data[:_SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="replace")
    else:
        text = head.decode("utf-8", errors="replace")
    return _FEED_ROOT.match(text.lstrip("\ufeff")) is not None


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _numeric_entities(data: bytes) -> bytes:
    """Replace HTML named entities (undefined in XML, common in sloppy feeds) by numbers."""

    def repl(match: re.Match[bytes]) -> bytes:
        name = match.group(1).decode("ascii")
        if name in _XML_SAFE_ENTITIES or name not in name2codepoint:
            return match.group(0)
        return f"&#{name2codepoint[name]};".encode("ascii")

    return _NAMED_ENTITY.sub(repl, data)


def _parse(data: bytes, *, source: str) -> Any:
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as first:
        ascii_compatible = not data.startswith((b"\xff\xfe", b"\xfe\xff"))
        if ascii_compatible and "Entity" in str(first.msg):
            try:
                return etree.fromstring(_numeric_entities(data), _parser())
            except etree.XMLSyntaxError:
                pass
        message = " ".join(str(first.msg).split())
        raise ExtractionError(
            f"malformed feed, not well-formed XML ({message}); fix the file or fetch it again",
            source=source,
        ) from first
    except ValueError as exc:  # lxml refuses some encodings and empty documents
        raise ExtractionError(f"malformed feed: {exc}", source=source) from exc


def _local(element: Any) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _ns(element: Any) -> str:
    tag = element.tag
    return (etree.QName(tag).namespace or "") if isinstance(tag, str) else ""


def _children(element: Any, name: str, namespaces: tuple[str, ...]) -> list[Any]:
    return [
        child
        for child in element
        if isinstance(child.tag, str) and _local(child) == name and _ns(child) in namespaces
    ]


def _child(element: Any, name: str, namespaces: tuple[str, ...]) -> Any:
    found = _children(element, name, namespaces)
    return found[0] if found else None


def _raw_text(element: Any) -> str:
    if element is None:
        return ""
    return "".join(element.itertext())


def _collapse(text: str) -> str:
    return " ".join(normalize_text(text).split())


def _plain(value: str, *, html: bool | None = None) -> str | None:
    """Return a one-line plain version of a title or name (HTML tags and scripts dropped)."""
    if not value.strip():
        return None
    if html is None:
        html = _MARKUP.search(value) is not None
    if html:
        value = " ".join(visible_lines(f"<html><body><div>{value}</div></body></html>"))
    return _collapse(value) or None


def _text_construct(element: Any) -> tuple[str, bool]:
    """Return an element's content and whether it is HTML (Atom's ``type`` decides)."""
    if element is None:
        return "", False
    kind = (element.get("type") or "").lower()
    mode = (element.get("mode") or "").lower()
    if kind in {"xhtml", "application/xhtml+xml"} or mode == "xml":
        parts = [element.text or ""]
        parts.extend(etree.tostring(child, encoding="unicode") for child in element)
        return "".join(parts), True
    text = _raw_text(element)
    if kind in {"html", "text/html"} or mode == "escaped":
        return text, True
    if kind in {"text", "text/plain"}:
        return text, False
    return text, _MARKUP.search(text) is not None


def _plain_paragraphs(text: str) -> str:
    paragraphs = (_SPACES.sub(" ", p).strip() for p in _BLANK_LINES.split(normalize_text(text)))
    return "\n".join(p for p in paragraphs if p)


def _language(value: str | None) -> str | None:
    if not value:
        return None
    match = _LANGUAGE_TAG.match(value.strip())
    return match.group(1).lower() if match else None


def _date(value: str) -> str | None:
    value = _collapse(value)
    if not value:
        return None
    try:
        stamp = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        stamp = None
    if stamp is not None and 1900 <= stamp.year <= 2100:
        return stamp.isoformat()
    return parse_date(value)


def _author(value: str) -> str | None:
    value = _collapse(value)
    named = _AUTHOR_IN_PARENS.search(value)
    if named:
        value = named.group(1).strip()
    if not value or _EMAIL.match(value):
        return None
    return _plain(value)


def _entry_id(key: str) -> str:
    stem = url_slug(key) if re.match(r"[a-z][a-z0-9+.-]*://", key, re.I) else slugify(key)
    return stem[:_MAX_ID_STEM].strip("-_")


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:_HASH_CHARS]


def _is_teaser(text: str) -> bool:
    return len(_WORD.findall(text)) < _FULL_TEXT_MIN_WORDS or bool(_TRUNCATED_END.search(text))


@dataclass(frozen=True)
class _Raw:
    """An entry's fields as the feed states them."""

    number: int
    key: str
    link: str | None
    title: str | None
    author: str | None
    published: str | None
    language: str | None
    body: _Body | None


@dataclass(frozen=True)
class _Feed:
    title: str | None
    language: str | None
    author: str | None
    entries: tuple[_Raw, ...]


def _body(full: tuple[str, bool] | None, summary: tuple[str, bool] | None) -> _Body | None:
    for candidate, is_full in ((full, True), (summary, False)):
        if candidate is not None and candidate[0].strip():
            return _Body(candidate[0], candidate[1], is_full)
    return None


def _rss_entries(items: list[Any], namespaces: tuple[str, ...]) -> Iterator[_Raw]:
    for number, item in enumerate(items, start=1):
        link = _collapse(_raw_text(_child(item, "link", namespaces))) or None
        guid = _collapse(_raw_text(_child(item, "guid", namespaces)))
        about = _collapse(item.get(f"{{{_RDF}}}about") or "")
        if link is None and guid and _child(item, "guid", namespaces).get("isPermaLink") != "false":
            link = guid if re.match(r"https?://", guid, re.I) else None
        encoded = _child(item, "encoded", (_CONTENT,))
        description = _child(item, "description", namespaces)
        creators = [_raw_text(c) for c in _children(item, "creator", (_DC,))]
        author = ", ".join(a for a in (_author(c) for c in creators) if a) or _author(
            _raw_text(_child(item, "author", namespaces))
        )
        date = _raw_text(_child(item, "pubDate", namespaces)) or _raw_text(
            _child(item, "date", (_DC,))
        )
        yield _Raw(
            number=number,
            key=guid or about or link or "",
            link=link,
            title=_plain(_raw_text(_child(item, "title", namespaces))),
            author=author or None,
            published=_date(date),
            language=_language(_raw_text(_child(item, "language", (_DC,)))),
            body=_body(
                (_raw_text(encoded), True) if encoded is not None else None,
                _text_construct(description) if description is not None else None,
            ),
        )


def _rss(root: Any, rss1: bool) -> _Feed:
    namespaces = (_RSS1, _RSS09) if rss1 else ("",)
    channel = _child(root, "channel", namespaces)
    items = _children(root, "item", namespaces)
    if channel is not None and not rss1:
        items = _children(channel, "item", namespaces) + items
    scope = channel if channel is not None else root
    language = _raw_text(_child(scope, "language", namespaces)) or _raw_text(
        _child(scope, "language", (_DC,))
    )
    return _Feed(
        title=_plain(_raw_text(_child(scope, "title", namespaces))),
        language=_language(language or root.get(_XML_LANG)),
        author=None,
        entries=tuple(_rss_entries(items, namespaces)),
    )


def _atom_link(element: Any, namespaces: tuple[str, ...]) -> str | None:
    links = _children(element, "link", namespaces)
    for link in links:
        if (link.get("rel") or "alternate") == "alternate" and link.get("href"):
            return _collapse(link.get("href"))
    return None


def _atom_author(element: Any, namespaces: tuple[str, ...]) -> str | None:
    names = [
        _author(_raw_text(_child(person, "name", namespaces)))
        for person in _children(element, "author", namespaces)
    ]
    return ", ".join(n for n in names if n) or None


def _atom(root: Any, namespaces: tuple[str, ...]) -> _Feed:
    feed_author = _atom_author(root, namespaces)
    entries = []
    for number, entry in enumerate(_children(root, "entry", namespaces), start=1):
        content = _child(entry, "content", namespaces)
        if content is not None and content.get("src"):
            content = None  # out-of-line content lives elsewhere: not the article here
        summary = _child(entry, "summary", namespaces)
        date = ""
        for name in ("published", "issued", "created", "updated", "modified"):
            date = _raw_text(_child(entry, name, namespaces))
            if date.strip():
                break
        title_text, title_html = _text_construct(_child(entry, "title", namespaces))
        link = _atom_link(entry, namespaces)
        entries.append(
            _Raw(
                number=number,
                key=_collapse(_raw_text(_child(entry, "id", namespaces))) or link or "",
                link=link,
                title=_plain(title_text, html=title_html),
                author=_atom_author(entry, namespaces) or feed_author,
                published=_date(date),
                language=_language(
                    (content.get(_XML_LANG) if content is not None else None)
                    or entry.get(_XML_LANG)
                ),
                body=_body(
                    _text_construct(content) if content is not None else None,
                    _text_construct(summary) if summary is not None else None,
                ),
            )
        )
    feed_title, feed_title_html = _text_construct(_child(root, "title", namespaces))
    return _Feed(
        title=_plain(feed_title, html=feed_title_html),
        language=_language(root.get(_XML_LANG)),
        author=feed_author,
        entries=tuple(entries),
    )


def _read(root: Any, *, source: str) -> _Feed:
    name, namespace = _local(root), _ns(root)
    if name == "rss":
        return _rss(root, rss1=False)
    if name == "RDF" and namespace == _RDF:
        return _rss(root, rss1=True)
    if name == "feed" and namespace in {_ATOM, _ATOM03, ""}:
        return _atom(root, (namespace,))
    shown = f"{{{namespace}}}{name}" if namespace else name
    raise ExtractionError(
        f"not an RSS or Atom feed: the root element is <{shown}>, not <rss>, <feed> or <rdf:RDF>",
        source=source,
    )


@functools.cache
def _trailer_patterns() -> tuple[re.Pattern[str], ...]:
    patterns: list[re.Pattern[str]] = []
    for lang in ("common", *available_languages()):
        try:
            rows = load_table(lang, "feed_trailers.tsv")
        except SynopseError:  # a language without the table adds nothing
            continue
        patterns.extend(re.compile(row["pattern"], re.IGNORECASE) for row in rows)
    return tuple(patterns)


def _without_trailers(extracted: Extracted) -> Extracted:
    """Drop read-more links and blog footers from the last lines of an entry's text."""
    text = extracted.text
    dropped: list[str] = []
    for _ in range(_MAX_TRAILER_LINES):
        head, _newline, last = text.rpartition("\n")
        line = " ".join(last.split())
        if not head.strip() or not any(p.fullmatch(line) for p in _trailer_patterns()):
            break
        dropped.insert(0, line)
        text = head.rstrip()
    if not dropped:
        return extracted
    return replace(
        extracted,
        text=text,
        removed=(*extracted.removed, *dropped),
        structure=tuple(s for s in extracted.structure if s.end <= len(text)),
    )


def _clean_body(body: _Body, *, source: str, title: str | None, url: str | None) -> Extracted:
    if not body.html:
        text = _plain_paragraphs(body.text)
        if not text:
            raise ExtractionError("the feed entry has no text", source=source)
        return _without_trailers(Extracted(text=text))
    page = (
        f"<html><head><title>{escape(title or '')}</title></head>"
        f"<body><article>{body.text}</article></body></html>"
    )
    return _without_trailers(extract_html(page, source=source, url=url))


def _fetched_article(link: str, options: IngestOptions) -> Extracted | None:
    """Return the article a teaser links to, or None when it cannot be read."""
    try:
        fetched = fetch_url(link, options=options)
        text = decode_bytes(fetched.content, source=link, declared=fetched.charset)
        return extract_html(text, source=link, url=fetched.url)
    except SynopseError:
        return None


def _unique_ids(entries: tuple[_Raw, ...], feed_key: str) -> list[str]:
    """Return one id per entry: the guid's slug, with a hash of the guid where slugs clash."""
    keys = [
        raw.key or f"{feed_key}#{raw.title or ''}#{raw.published or ''}#{raw.number}"
        for raw in entries
    ]
    stems = [_entry_id(key) if raw.key else "" for raw, key in zip(entries, keys, strict=True)]
    counts: dict[str, int] = {}
    for stem in stems:
        counts[stem] = counts.get(stem, 0) + 1
    ids: list[str] = []
    for stem, key in zip(stems, keys, strict=True):
        if stem and counts[stem] == 1:
            ids.append(stem)
        else:
            ids.append(f"{stem or 'entry'}-{_hash(key)}")
    return ids


def read_feed(data: bytes, *, source: str, options: IngestOptions) -> list[FeedEntry | Failure]:
    """Return the entries of an RSS 0.9x/1.0/2.0 or Atom feed, entries that fail as Failures.

    Args:
        data: The feed's bytes (the XML declaration names the encoding).
        source: How to name the feed in errors (path or URL).
        options: ``default_language`` for detection; ``fetch_feed_links`` and the fetch
            limits for teaser-only entries.

    Returns:
        One :class:`FeedEntry` per entry with text, one :class:`Failure` (named
        ``source#n``) per entry without.

    Raises:
        ExtractionError: The feed is not well-formed XML, not a feed, or has no entries.

    Example:
        >>> feed = b'''<rss version="2.0"><channel><title>Blatt</title><item>
        ...   <guid>https://blatt.example/a1</guid><title>Rat tagt</title>
        ...   <description>Der Rat tagte am Montag.</description></item></channel></rss>'''
        >>> [e.id for e in read_feed(feed, source="f.rss", options=IngestOptions())]
        ['a1']
    """
    root = _parse(data, source=source)
    etree.strip_elements(root, etree.Entity, with_tail=False)  # undeclared: never expanded
    feed = _read(root, source=source)
    if not feed.entries:
        raise ExtractionError("the feed holds no entries (no <item> or <entry>)", source=source)
    results: list[FeedEntry | Failure] = []
    for raw, entry_id in zip(feed.entries, _unique_ids(feed.entries, source), strict=True):
        where = f"{source}#{raw.number}"
        try:
            results.append(_entry(raw, entry_id, feed, where=where, options=options))
        except Exception as exc:  # one bad entry must not stop the others
            message = (
                exc.message if isinstance(exc, SynopseError) else f"{type(exc).__name__}: {exc}"
            )
            results.append(Failure(where, " ".join(message.split())))
    return results


def _entry(
    raw: _Raw, entry_id: str, feed: _Feed, *, where: str, options: IngestOptions
) -> FeedEntry:
    extracted: Extracted | None = None
    teaser = True
    if raw.body is not None:
        extracted = _clean_body(raw.body, source=where, title=raw.title, url=raw.link)
        teaser = not raw.body.full and _is_teaser(extracted.text)
    if teaser and options.fetch_feed_links and raw.link:
        article = _fetched_article(raw.link, options)
        if article is not None and (extracted is None or len(article.text) > len(extracted.text)):
            extracted, teaser = article, False
    if extracted is None:
        raise ExtractionError(
            "the feed entry has no text (no content, summary or description)", source=where
        )
    stated = raw.language or feed.language or options.default_language
    merged = replace(
        extracted,
        title=raw.title or extracted.title,
        author=raw.author or extracted.author,
        published=raw.published,
        outlet=feed.title or extracted.outlet,
        url=raw.link or extracted.url,
        language=detect_language(extracted.text, default=stated),
    )
    return FeedEntry(source=raw.link or where, id=entry_id, extracted=merged, teaser=teaser)
