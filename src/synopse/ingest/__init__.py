"""Ingest: turn sources (files, folders, globs, URLs, stdin, records, feeds) into Documents.

This is the one entry point of the first pipeline stage. It expands sources, reads and
decodes bytes, sends each item to the extractor for its kind (text scrape, HTML page,
JSON record, RSS/Atom feed) and builds Documents with unique ids. A source that fails
becomes a :class:`~synopse.model.document.Failure` while the others go on; a source that
was read but needs care (feed entries with only a teaser) gets a
:class:`~synopse.model.document.Notice`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

from synopse.errors import ExtractionError, IncompleteIngestError, IngestError, SynopseError
from synopse.ingest.decode import declared_html_charset, decode_bytes, read_capped, read_file
from synopse.ingest.extracted import Extracted
from synopse.ingest.feeds import FEED_EXTENSIONS, looks_like_feed, read_feed
from synopse.ingest.fetch import fetch as fetch_url
from synopse.ingest.html import extract_html, looks_like_html
from synopse.ingest.metadata import detect_language, outlet_from_url, parse_date
from synopse.ingest.records import extract_record, read_records
from synopse.ingest.sources import SourceItem, SourceLike, expand_source
from synopse.ingest.text import clean_scrape
from synopse.model.document import Document, Failure, IngestResult, Notice, normalize_text
from synopse.options import IngestOptions

__all__ = [
    "IncompleteIngestError",
    "IngestOptions",
    "SourceLike",
    "ingest",
    "load",
]

_HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml", ".shtml"})
_HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_JSON_MEDIA_TYPES = frozenset({"application/json", "application/x-ndjson", "application/jsonl"})
_FEED_ONLY_EXTENSIONS = frozenset({".rss", ".atom"})
_FEED_ONLY_MEDIA_TYPES = frozenset({"application/rss+xml", "application/atom+xml"})
_MAX_REASON_CHARS = 300
_MAX_LISTED_IDS = 20


@dataclass(frozen=True)
class _Item:
    """One extracted article before it gets its final id."""

    source: str
    id: str
    extracted: Extracted
    teaser: bool = False


def _as_sources(sources: SourceLike | Iterable[SourceLike]) -> list[SourceLike]:
    if isinstance(sources, str | os.PathLike):
        return [sources]
    if isinstance(sources, bytes):
        raise TypeError("sources must be str or os.PathLike, not bytes")
    return list(sources)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, SynopseError):
        message = exc.message
    else:
        message = f"unexpected {type(exc).__name__}: {exc}"
    return " ".join(message.split())[:_MAX_REASON_CHARS]


def _text_or_html(
    text: str, *, source: str, url: str | None, html: bool, raw: bool = False
) -> Extracted:
    if raw:
        # The caller vouches that the text is clean: keep it whole so offsets refer to it.
        if not text.strip():
            raise ExtractionError("the text is empty", source=source)
        return Extracted(text=normalize_text(text), url=url)
    if html or looks_like_html(text):
        return extract_html(text, source=source, url=url)
    extracted = clean_scrape(text)
    if not extracted.text.strip():
        raise ExtractionError("no article text found after cleaning the text scrape", source=source)
    return extracted


def _records(text: str, *, source: str, default_id: str, lines: bool) -> Iterator[_Item | Failure]:
    for record in read_records(text, source=source, lines=lines):
        if record.data is None:
            yield Failure(record.source, _reason(record.error or IngestError("unreadable")))
            continue
        try:
            record_id, extracted = extract_record(record.data, source=record.source)
        except Exception as exc:  # one bad record must not stop the others
            yield Failure(record.source, _reason(exc))
            continue
        yield _Item(record.source, record_id or default_id, extracted)


def _feed(data: bytes, *, source: str, options: IngestOptions) -> Iterator[_Item | Failure]:
    for entry in read_feed(data, source=source, options=options):
        if isinstance(entry, Failure):
            yield entry
        else:
            yield _Item(entry.source, entry.id, entry.extracted, teaser=entry.teaser)


def _read_item(
    item: SourceItem, options: IngestOptions, stdin: BinaryIO | None
) -> Iterator[_Item | Failure]:
    label = item.location
    if item.kind == "url":
        fetched = fetch_url(item.location, options=options)
        if not options.raw and (
            fetched.media_type in _FEED_ONLY_MEDIA_TYPES or looks_like_feed(fetched.content)
        ):
            yield from _feed(fetched.content, source=label, options=options)
            return
        declared = fetched.charset
        if declared is None and fetched.media_type in _HTML_MEDIA_TYPES:
            declared = declared_html_charset(fetched.content)
        text = decode_bytes(fetched.content, source=label, declared=declared)
        if fetched.media_type in _JSON_MEDIA_TYPES:
            lines = "ndjson" in fetched.media_type or "jsonl" in fetched.media_type
            yield from _records(text, source=label, default_id=item.default_id, lines=lines)
            return
        html = fetched.media_type in _HTML_MEDIA_TYPES
        extracted = _text_or_html(text, source=label, url=fetched.url, html=html, raw=options.raw)
        if extracted.url is None:
            extracted = replace(extracted, url=fetched.url)
        yield _Item(label, item.default_id, extracted)
        return
    if item.kind == "stdin":
        label = "<stdin>"
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = read_capped(stream, max_bytes=options.max_bytes, source=label)
        suffix = ""
    else:
        data = read_file(item.location, max_bytes=options.max_bytes, source=label)
        suffix = Path(item.location).suffix.lower()
    if not options.raw and (
        suffix in _FEED_ONLY_EXTENSIONS
        or ((suffix in FEED_EXTENSIONS or item.kind == "stdin") and looks_like_feed(data))
    ):
        yield from _feed(data, source=label, options=options)
        return
    html = suffix in _HTML_EXTENSIONS
    declared = declared_html_charset(data) if html else None
    text = decode_bytes(data, source=label, declared=declared)
    if suffix in {".jsonl", ".ndjson", ".json"} and not options.raw:
        lines = suffix != ".json"
        yield from _records(text, source=label, default_id=item.default_id, lines=lines)
        return
    extracted = _text_or_html(text, source=label, url=None, html=html, raw=options.raw)
    yield _Item(label, item.default_id, extracted)


def _unique(candidate: str, taken: set[str]) -> str:
    if candidate not in taken:
        return candidate
    number = 2
    while f"{candidate}-{number}" in taken:
        number += 1
    return f"{candidate}-{number}"


def _document(item: _Item, doc_id: str, options: IngestOptions) -> Document:
    extracted = item.extracted
    outlet = extracted.outlet or (outlet_from_url(extracted.url) if extracted.url else None)
    published = parse_date(extracted.published) if extracted.published else None
    return Document(
        id=doc_id,
        text=extracted.text,
        source=item.source,
        outlet=outlet,
        title=extracted.title,
        author=extracted.author,
        published=published,
        language=extracted.language
        or detect_language(extracted.text, default=options.default_language),
        removed=extracted.removed,
        url=extracted.url,
        structure=extracted.structure,
    )


def ingest(
    sources: SourceLike | Iterable[SourceLike],
    options: IngestOptions | None = None,
    *,
    stdin: BinaryIO | None = None,
) -> IngestResult:
    """Read every source into Documents, collecting the sources that fail.

    Files, folders (recursive, sorted, hidden files skipped), globs, http(s) URLs and
    ``-`` (stdin) are accepted. ``.txt``, ``.md`` and other text files are cleaned as
    raw scrapes; ``.html``/``.htm`` files and anything that looks like HTML go through
    trafilatura; ``.json`` and ``.jsonl`` files hold records; ``.rss``/``.atom`` files,
    ``.xml``/``.rdf`` files, stdin and URLs whose content is an RSS or Atom feed give one
    document per entry (teaser-only entries are listed in ``notices``). Ids default to the file
    stem, the record's ``id`` or the URL's last path segment and are made unique with
    ``-2``, ``-3`` suffixes.

    Args:
        sources: One source or several.
        options: Size limit, timeouts, ``allow_private`` ...; defaults from
            ``IngestOptions.from_defaults()``.
        stdin: The stream ``-`` reads (defaults to the process's stdin).

    Returns:
        The documents in source order, one failure per source (or record, or feed
        entry) that failed, and notices about sources read with a caveat.

    Raises:
        TypeError: ``sources`` holds something other than str or os.PathLike.

    Example:
        >>> result = ingest(["a.txt", "missing.txt"])  # doctest: +SKIP
        >>> [f.error for f in result.failures]  # doctest: +SKIP
        ['no such file or folder']
    """
    options = options if options is not None else IngestOptions.from_defaults()
    listed = _as_sources(sources)
    for source in listed:
        if not isinstance(source, str | os.PathLike):
            raise TypeError(f"a source must be a str or os.PathLike, not {type(source).__name__}")
    documents: list[Document] = []
    failures: list[Failure] = []
    notices: list[Notice] = []
    taken: set[str] = set()
    for source in listed:
        name = os.fspath(source)
        try:
            items = expand_source(source)
        except SynopseError as exc:
            failures.append(Failure(str(name), _reason(exc)))
            continue
        for item in items:
            label = "<stdin>" if item.kind == "stdin" else item.location
            try:
                produced = list(_read_item(item, options, stdin))
            except Exception as exc:  # a bad source must never stop the batch
                failures.append(Failure(label, _reason(exc)))
                continue
            teasers: list[str] = []
            for entry in produced:
                if isinstance(entry, Failure):
                    failures.append(entry)
                    continue
                doc_id = _unique(entry.id, taken)
                try:
                    documents.append(_document(entry, doc_id, options))
                except Exception as exc:
                    failures.append(Failure(entry.source, _reason(exc)))
                    continue
                taken.add(doc_id)
                if entry.teaser:
                    teasers.append(doc_id)
            if teasers:
                notices.append(Notice(label, _teaser_notice(teasers, len(produced))))
    return IngestResult(
        documents=tuple(documents), failures=tuple(failures), notices=tuple(notices)
    )


def _teaser_notice(ids: list[str], entries: int) -> str:
    listed = ", ".join(ids[:_MAX_LISTED_IDS])
    more = f" (and {len(ids) - _MAX_LISTED_IDS} more)" if len(ids) > _MAX_LISTED_IDS else ""
    return (
        f"{len(ids)} of {entries} feed entries carry only a teaser (summary or description), "
        f"not the full article: {listed}{more}; compare them with care, or pass "
        "--fetch-feed-links to fetch the articles"
    )


def load(sources: SourceLike | Iterable[SourceLike], **option_overrides: Any) -> list[Document]:
    """Read every source into Documents, raising if any source failed.

    Args:
        sources: One source or several (see :func:`ingest`).
        **option_overrides: Fields of :class:`IngestOptions` (``max_bytes=``,
            ``allow_private=`` ...) applied over the defaults.

    Returns:
        The documents, in source order.

    Raises:
        IncompleteIngestError: At least one source failed; the error's ``documents``
            and ``failures`` keep everything that was read.
        ConfigError: An option override is unknown or invalid.

    Example:
        >>> docs = load("articles/", max_bytes=5_000_000)  # doctest: +SKIP
    """
    result = ingest(sources, IngestOptions.from_defaults(**option_overrides))
    if result.failures:
        raise IncompleteIngestError(result.documents, result.failures)
    return list(result.documents)
