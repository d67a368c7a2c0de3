"""Bytes to text: size limits, binary detection and charset decoding in one place.

Every source (file, stdin, download, record file) passes through here, so a PDF, an
empty file or a cp1252 scrape is recognised the same way whatever its origin.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path
from typing import BinaryIO

import charset_normalizer

from synopse.errors import ExtractionError

# Signatures of common binary formats that users drop into a folder by mistake.
_MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or office document"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy office document"),
    (b"\x7fELF", "executable"),
    (b"MZ", "executable"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Bytes that never occur in text: C0 controls other than tab, newline, form feed, CR, ESC.
_CONTROL_BYTES = frozenset(set(range(0x00, 0x09)) | {0x0B, 0x0E, 0x0F} | set(range(0x10, 0x1B)))
_SNIFF_BYTES = 8192
_MAX_CONTROL_RATIO = 0.05

# Characters a Western European text decoded as cp1252 plausibly contains outside ASCII.
_PLAUSIBLE_CP1252 = re.compile(r"[\u00a0-\u00ff\u2013\u2014\u2018-\u201e\u2022\u2026\u20ac]")
_MIN_PLAUSIBLE_SHARE = 0.9

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I
)


def size_limit_error(size: int, limit: int, *, source: str, what: str = "file") -> ExtractionError:
    """Return the error for content over the size limit, saying how to raise the limit."""
    return ExtractionError(
        f"{what} is {size:,} bytes, over the limit of {limit:,} bytes "
        "(raise it with --max-bytes or max_bytes=)",
        source=source,
    )


def read_file(path: str | os.PathLike[str], *, max_bytes: int, source: str) -> bytes:
    """Read a file's bytes, refusing it before reading when it is over ``max_bytes``.

    Args:
        path: The file to read.
        max_bytes: Largest size accepted.
        source: How to name the file in errors.

    Returns:
        The file's content.

    Raises:
        ExtractionError: The file is too large or cannot be read.

    Example:
        >>> read_file("missing.txt", max_bytes=10, source="missing.txt")  # doctest: +SKIP
    """
    file_path = Path(path)
    try:
        size = file_path.stat().st_size
        if size > max_bytes:
            raise size_limit_error(size, max_bytes, source=source)
        with file_path.open("rb") as handle:
            return read_capped(handle, max_bytes=max_bytes, source=source)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ExtractionError(f"cannot read file: {reason}", source=source) from exc


def read_capped(stream: BinaryIO, *, max_bytes: int, source: str) -> bytes:
    """Read a stream to its end, failing as soon as it exceeds ``max_bytes``.

    Raises:
        ExtractionError: The stream holds more than ``max_bytes`` bytes.
    """
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ExtractionError(
            f"input is over the limit of {max_bytes:,} bytes "
            "(raise it with --max-bytes or max_bytes=)",
            source=source,
        )
    return data


def binary_kind(data: bytes) -> str | None:
    """Return what kind of binary content ``data`` is, or None if it may be text.

    Example:
        >>> binary_kind(b"%PDF-1.7 ...")
        'PDF document'
        >>> binary_kind("Straße".encode()) is None
        True
    """
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    for magic, kind in _MAGIC_NUMBERS:
        if data.startswith(magic):
            # "MZ" and "ID3" are plausible starts of text; require a control byte as well.
            if len(magic) < 4 and kind != "gzip archive" and not _has_control(data[:64]):
                continue
            return kind
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    if head and sum(1 for b in head if b in _CONTROL_BYTES) / len(head) > _MAX_CONTROL_RATIO:
        return "binary data (control characters)"
    return None


def _has_control(data: bytes) -> bool:
    return any(b in _CONTROL_BYTES for b in data)


def declared_html_charset(data: bytes) -> str | None:
    """Return the charset a ``<meta>`` tag near the top of an HTML page declares."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def _cp1252_plausible(data: bytes) -> str | None:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    non_ascii = [c for c in text if ord(c) > 0x7F]
    if not non_ascii:
        return text
    plausible = sum(1 for c in non_ascii if _PLAUSIBLE_CP1252.match(c))
    return text if plausible / len(non_ascii) >= _MIN_PLAUSIBLE_SHARE else None


def decode_bytes(data: bytes, *, source: str, declared: str | None = None) -> str:
    """Decode bytes to text, refusing binary, empty and whitespace-only content.

    The order is: byte-order mark, strict UTF-8, the declared charset (HTTP header or
    ``<meta>``), cp1252 when the result reads as Western European text, then
    charset-normalizer's guess, and cp1252 with replacement as the last resort.

    Args:
        data: The raw content.
        source: How to name the content in errors.
        declared: A charset stated by the server or the page, if any.

    Returns:
        The decoded text, not yet normalised.

    Raises:
        ExtractionError: The content is binary, empty or whitespace only.

    Example:
        >>> decode_bytes("Größe".encode("cp1252"), source="x")
        'Größe'
    """
    if not data:
        raise ExtractionError("empty file, no text to read", source=source)
    kind = binary_kind(data)
    if kind is not None:
        raise ExtractionError(
            f"binary file, not text ({kind}); give a text, HTML or JSON file", source=source
        )
    text = _decode(data, declared)
    if not text.strip():
        raise ExtractionError("file holds only whitespace, no text to read", source=source)
    return text


def _decode(data: bytes, declared: str | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    codec = _codec(declared)
    if codec in {"iso8859-1", "ascii"}:
        # As browsers do (WHATWG Encoding): the label latin-1 means windows-1252.
        codec = "cp1252"
    if codec is not None and codec != "utf-8":
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass
    text = _cp1252_plausible(data)
    if text is not None:
        return text
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    if best is not None:
        return data.decode(best.encoding, errors="replace")
    return data.decode("cp1252", errors="replace")
