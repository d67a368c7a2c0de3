"""Pairing of quotation marks, kept apart from quote attribution.

German news text mixes „…“, ‚…‘, »…«, «…», “…”, straight "…" and ``…''; the same
character can open in one convention and close in another, and scrapes often hold an
unmatched mark. One left-to-right pass with a small stack pairs the marks in linear time:
every mark is pushed and popped at most once, a line break drops open marks, and a quote
longer than :data:`MAX_QUOTE_CHARS` is never formed.
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: Longest quotation (in characters) that is paired; longer spans are treated as unmatched.
MAX_QUOTE_CHARS = 4000
#: Deepest nesting kept on the stack; deeper openers are ignored.
MAX_DEPTH = 4

_MARK = re.compile(r"``|''|[„‚“”‘’»«\"'\n]")

# Opening mark → the marks that may close it.
_CLOSERS: dict[str, frozenset[str]] = {
    "„": frozenset('“”"'),
    "‚": frozenset("‘’'"),
    "“": frozenset('”"'),
    "‘": frozenset("’'"),
    "»": frozenset("«"),
    "«": frozenset("»"),
    '"': frozenset('"”“'),
    "'": frozenset("'’"),
    "``": frozenset(["''", '"']),
}
# Marks that always open, whatever surrounds them.
_ALWAYS_OPEN = frozenset(["„", "‚", "``"])
# Marks that need a flanking check before they may close (they can also be apostrophes
# or openers of another convention).
_FLANKED_CLOSE = frozenset(['"', "'", "’", "»", "«", "“", "‘"])
_OPEN_BEFORE = frozenset(" \t\n([{–—-/:;,")


class QuoteMarks(NamedTuple):
    """One pair of quotation marks.

    Attributes:
        start: Offset of the opening mark.
        end: Offset just after the closing mark.
        inner_start: Offset just after the opening mark.
        inner_end: Offset of the closing mark.
        depth: 0 for a top-level quotation, 1 for one nested in it, and so on.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    depth: int


def _can_open(mark: str, before: str, after: str, depth: int) -> bool:
    if after.isspace() and mark not in _ALWAYS_OPEN:
        return False
    if mark in _ALWAYS_OPEN:
        return True
    if mark == "'":
        # A straight single quote opens only inside another quotation (else: apostrophe).
        return depth > 0 and (before in _OPEN_BEFORE) and after.isalpha()
    if mark in ("”", "’"):
        return False
    return before in _OPEN_BEFORE


def _can_close(mark: str, before: str, after: str) -> bool:
    if mark not in _FLANKED_CLOSE:
        return True
    if before.isspace():
        return False
    # An apostrophe inside a word ("geht's") is followed by a letter.
    return not (mark in ("'", "’") and after.isalpha())


def pair_quote_marks(text: str) -> list[QuoteMarks]:
    """Pair the quotation marks of ``text``.

    Args:
        text: Any text.

    Returns:
        The paired quotations sorted by start offset; unmatched marks are left out.

    Example:
        >>> [(q.start, q.end, q.depth) for q in pair_quote_marks("Er sagte: „Ja, ‚so‘.“")]
        [(10, 21, 0), (15, 19, 1)]
    """
    found: list[QuoteMarks] = []
    stack: list[tuple[str, int]] = []
    size = len(text)
    for match in _MARK.finditer(text):
        mark = match.group()
        position = match.start()
        if mark == "\n":
            stack.clear()
            continue
        before = text[position - 1] if position > 0 else " "
        after = text[match.end()] if match.end() < size else " "
        closed = False
        if _can_close(mark, before, after):
            for level in range(len(stack) - 1, -1, -1):
                opener, opened_at = stack[level]
                if mark in _CLOSERS[opener]:
                    del stack[level:]
                    if position - opened_at <= MAX_QUOTE_CHARS:
                        found.append(
                            QuoteMarks(
                                opened_at,
                                match.end(),
                                opened_at + len(opener),
                                position,
                                level,
                            )
                        )
                    closed = True
                    break
        if closed:
            continue
        if mark in _CLOSERS and _can_open(mark, before, after, len(stack)):
            while stack and position - stack[0][1] > MAX_QUOTE_CHARS:
                stack.pop(0)
            if len(stack) < MAX_DEPTH:
                stack.append((mark, position))
    found.sort()
    return found
