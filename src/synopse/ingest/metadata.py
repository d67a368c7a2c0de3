"""PLACEHOLDER: metadata helpers (dates, outlets, language) shared by every extractor."""

from __future__ import annotations

from urllib.parse import urlsplit


def parse_date(value: str) -> str | None:
    """Return ``value`` as an ISO 8601 date (or datetime) string, or None if it is no date."""
    value = value.strip()
    return value or None


def outlet_from_url(url: str) -> str | None:
    """Return the outlet name a URL's host stands for ("www.taz.de" → "taz.de")."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def detect_language(text: str, *, default: str = "de") -> str:
    """Return the ISO 639-1 code of the language ``text`` is written in."""
    return default
