"""JSON and JSON Lines records: articles that arrive with their metadata attached.

Scrapers and datasets deliver articles as objects with ``text`` (the article body, taken
as already extracted) or ``html`` (a page to extract), plus optional ``id``, ``url``,
``outlet``, ``title``, ``author`` and ``published``. Fields a record states beat
anything extracted from its content. A bad line of a JSONL file fails alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from synopse.errors import ExtractionError
from synopse.ingest.extracted import Extracted
from synopse.ingest.html import extract_html
from synopse.ingest.metadata import outlet_from_url, parse_date
from synopse.model.document import normalize_text

RECORD_TEXT_FIELDS = ("text", "html")
RECORD_META_FIELDS = ("url", "outlet", "title", "author", "published")


@dataclass(frozen=True)
class RawRecord:
    """One record as read from a file, before extraction.

    Attributes:
        source: ``file:line`` for JSON Lines, ``file#n`` for items of a JSON list,
            the file itself for a single JSON object.
        data: The parsed object, or None when it could not be read.
        error: Why the record could not be read, when ``data`` is None.
    """

    source: str
    data: Mapping[str, Any] | None
    error: ExtractionError | None = None


def _json_error(exc: json.JSONDecodeError) -> str:
    return f"invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"


def _jsonl(text: str, source: str) -> Iterator[RawRecord]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield RawRecord(where, None, ExtractionError(_json_error(exc), source=where))
            continue
        yield _as_record(value, where)


def _as_record(value: Any, where: str) -> RawRecord:
    if isinstance(value, dict):
        return RawRecord(where, value)
    kind = type(value).__name__
    return RawRecord(
        where, None, ExtractionError(f"a record must be a JSON object, not {kind}", source=where)
    )


def read_records(text: str, *, source: str, lines: bool) -> Iterator[RawRecord]:
    """Yield the records of a ``.json`` or ``.jsonl`` file, bad ones as errors.

    Args:
        text: The decoded file.
        source: The file name, used to name each record.
        lines: True for JSON Lines (one object per line).

    Yields:
        One :class:`RawRecord` per object (or per unreadable line).

    Raises:
        ExtractionError: A ``.json`` file is not valid JSON or holds no objects.

    Example:
        >>> [r.source for r in read_records('{"text": "a"}\\n{"text": "b"}', source="f.jsonl",
        ...                                  lines=True)]
        ['f.jsonl:1', 'f.jsonl:2']
    """
    if lines:
        yield from _jsonl(text, source)
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # several objects, one per line: read as JSON Lines
            yield from _jsonl(text, source)
            return
        raise ExtractionError(_json_error(exc), source=source) from exc
    if isinstance(value, list):
        if not value:
            raise ExtractionError("the JSON list holds no records", source=source)
        for number, item in enumerate(value, start=1):
            yield _as_record(item, f"{source}#{number}")
    else:
        yield _as_record(value, source)


def _field(record: Mapping[str, Any], name: str, where: str) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if name == "id" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise ExtractionError(
            f"record field {name!r} must be a string, not {type(value).__name__}", source=where
        )
    value = " ".join(normalize_text(value).split())
    return value or None


def extract_record(record: Mapping[str, Any], *, source: str) -> tuple[str | None, Extracted]:
    """Return a record's own id (if any) and its text and metadata.

    ``text`` is taken as the article body as it stands (normalised, not cleaned);
    ``html`` is extracted like an HTML page. Stated fields beat extracted metadata;
    ``published`` is normalised to ISO 8601 (None when it is no date).

    Args:
        record: The parsed JSON object.
        source: How to name the record in errors (``file:line``).

    Returns:
        ``(id, extracted)``; id is None when the record has none.

    Raises:
        ExtractionError: The record has no usable ``text`` or ``html``, or a field has
            the wrong type.

    Example:
        >>> extract_record({"id": 7, "text": "Der Rat tagte."}, source="f.jsonl:1")[0]
        '7'
    """
    html = record.get("html")
    text = record.get("text")
    if isinstance(html, str) and html.strip():
        extracted = extract_html(html, source=source, url=_field(record, "url", source))
    elif isinstance(text, str):
        body = normalize_text(text).strip()
        if not body:
            raise ExtractionError("the record's text is empty", source=source)
        extracted = Extracted(text=body)
    elif text is None and html is None:
        raise ExtractionError("the record has neither a 'text' nor an 'html' field", source=source)
    else:
        raise ExtractionError(
            "the record's 'text' or 'html' field must be a non-empty string", source=source
        )
    stated = {name: _field(record, name, source) for name in RECORD_META_FIELDS}
    published = stated["published"]
    url = stated["url"] or extracted.url
    merged = replace(
        extracted,
        url=url,
        title=stated["title"] or extracted.title,
        author=stated["author"] or extracted.author,
        published=(parse_date(published) if published else None) or extracted.published,
        outlet=stated["outlet"] or extracted.outlet or (outlet_from_url(url) if url else None),
    )
    return _field(record, "id", source), merged
