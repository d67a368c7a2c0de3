"""PLACEHOLDER: cleaning of raw text scrapes (to be replaced by the line/block classifier)."""

from __future__ import annotations

from synopse.ingest.extracted import Extracted
from synopse.model.document import normalize_text


def clean_scrape(raw: str) -> Extracted:
    """Return the clean body text and metadata of a raw text scrape."""
    return Extracted(text=normalize_text(raw).strip())
