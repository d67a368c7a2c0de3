"""Helpers shared by the scorers: matching gold strings to documents and offsets."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from synopse.model import Document

_LINK_MARKER = re.compile(r"\[\d+\]\[([^\]]*)\]")
_SPACE = re.compile(r"\s+")


def normalize_for_match(text: str) -> str:
    """Return ``text`` with link markers ``[1][…]`` unwrapped and whitespace collapsed.

    Gold strings are verbatim from the raw scrapes, which can still hold inline link
    markers and hard line breaks; clean texts hold neither.

    Example:
        >>> normalize_for_match("bot [1][der Krise]  an")
        'bot der Krise an'
    """
    return _SPACE.sub(" ", _LINK_MARKER.sub(r"\1", text)).strip()


def gold_key_for(document: Document, gold: Mapping[str, Any]) -> str | None:
    """Return the gold document key ('000') a document corresponds to, or None."""
    source_files: Mapping[str, str] = gold.get("meta", {}).get("source_files", {})
    for key, filename in source_files.items():
        stem = filename.rsplit(".", 1)[0]
        if document.id in (key, stem) or document.source.endswith(filename):
            return key
    return None


def find_in_text(text: str, needle: str) -> tuple[int, int] | None:
    """Find ``needle`` in ``text`` ignoring whitespace differences and link markers.

    Returns:
        The ``(start, end)`` offsets of the match in ``text``, or None.
    """
    target = normalize_for_match(needle)
    if not target:
        return None
    # Build a whitespace-collapsed copy of text with a map back to original offsets.
    chars: list[str] = []
    origin: list[int] = []
    previous_space = False
    for index, char in enumerate(text):
        if char.isspace():
            if previous_space:
                continue
            chars.append(" ")
            previous_space = True
        else:
            chars.append(char)
            previous_space = False
        origin.append(index)
    collapsed = "".join(chars)
    position = collapsed.find(target)
    if position < 0:
        return None
    return origin[position], origin[position + len(target) - 1] + 1


def prf(true_positives: int, predicted: int, relevant: int) -> dict[str, float]:
    """Return precision, recall and F1 from counts (0.0 where undefined)."""
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / relevant if relevant else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def documents_by_gold_key(
    documents: Iterable[Document], gold: Mapping[str, Any]
) -> dict[str, Document]:
    """Map gold keys to the documents that correspond to them."""
    mapping = {}
    for document in documents:
        key = gold_key_for(document, gold)
        if key is not None:
            mapping[key] = document
    return mapping
