"""PROVISIONAL sentence splitter (to be replaced): splits on . ! ? followed by space+capital."""

from __future__ import annotations

import re

from synopse.model import Sentence, Token

_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„\"])|\n+")
_TOKEN = re.compile(r"\w+(?:[-']\w+)*|[^\w\s]")


def split_sentences(text: str) -> list[Sentence]:
    """Return the sentences of ``text`` as offsets, whitespace trimmed."""
    sentences = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if text[start : match.start()].strip():
            sentences.append(_trim(text, start, match.start()))
        start = match.end()
    if text[start:].strip():
        sentences.append(_trim(text, start, len(text)))
    return sentences


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Return the tokens of ``text[start:end]`` as offsets into ``text``."""
    end = len(text) if end is None else end
    return [Token(m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]


def _trim(text: str, start: int, end: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end)
