"""Sentence splitting and tokenisation with offsets, tuned for German news copy.

Every later analysis (entities, quotes, dates, quantities) works sentence by sentence on
offsets into the document text, so this module decides where sentences end and which
character runs are tokens, without copying text.

How sentences are found: one compiled regex scans the text for *candidates* (a run of
``. ! ? …`` followed by closing quotes or brackets and whitespace, a period with the space
after it forgotten, a blank line, a single line break); each candidate is judged by a few
constant-time look-ups of the word before it and the word after it (abbreviations,
ordinals before month names, initials, quotes closing after the period, a lowercase
continuation, a line that reads like a heading). Cost is linear in the length of the
text: every pattern is possessive or bounded, so no match attempt rescans more than the
word it starts in.

Language data (``data/<lang>/``): ``abbreviations.txt``, ``sentence_final_abbreviations.txt``,
``sentence_starters.txt``, ``sentence_ordinal_nouns.txt``, ``sentence_ordinal_determiners.txt``,
``sentence_abbreviation_suffixes.txt``.
A language without these tables still gets the language-neutral rules.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from synopse.errors import LanguageDataError
from synopse.lang import load_list
from synopse.model import Sentence, Token

_CLOSERS = "\"'“”‘’»«›‹)]"
_OPENERS = "\"'“”„‘’‚»«›‹([{`´-–—•*·"
_FINAL_MARKS = ".!?…"
_VOWELS = frozenset("aeiouyäöüAEIOUYÄÖÜéèáàâêô")
_ROMAN = re.compile(r"[IVXLC]{2,7}")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_HEADING_MAX_WORDS = 12
_HEADING_MAX_CHARS = 120
_WRAPPED_MIN_CHARS = 50
"""A line this long without final punctuation is wrapped text, so the next is no heading."""
_WINDOW = 64
"""Most characters looked at before a candidate: words are shorter than this."""

# Candidates: sentence punctuation (possessive, and only at the start of a run, so a long
# run of dots is scanned once) with its closing quotes, followed by whitespace or the end;
# a blank line; a single line break.
_CANDIDATE = re.compile(
    rf"(?<![{_FINAL_MARKS}])[{_FINAL_MARKS}]++[{re.escape(_CLOSERS)}]*+(?=\s|\Z)"
    # A space forgotten after the period ("erzählen.Deshalb"), not in an address.
    r"|(?<=[a-zäöüß]{2})[.!?…](?=[A-ZÄÖÜ][a-zäöüß]+(?![\w@.-]))"
    r"|\n[^\S\n]*+\n"
    r"|\u2029"
    r"|\n"
)
_NEXT = re.compile(rf"\s*+(?:[{re.escape(_OPENERS)}]\s*+)*+(\w*)")
_NONSPACE = re.compile(r"\S")
_BLANK_AHEAD = re.compile(r"\n[^\S\n]*+(?:\n|\Z)")


@dataclass(frozen=True)
class _Lexicon:
    never_end: frozenset[str]
    may_end: frozenset[str]
    starters: frozenset[str]
    ordinal_nouns: frozenset[str]
    ordinal_suffixes: tuple[str, ...]
    determiners: frozenset[str]
    suffixes: tuple[str, ...]


def _table(lang: str, name: str) -> tuple[str, ...]:
    try:
        return load_list(lang, name)
    except LanguageDataError:
        return ()


@functools.cache
def _lexicon(lang: str) -> _Lexicon:
    def bare(entries: tuple[str, ...]) -> frozenset[str]:
        return frozenset(entry.rstrip(".") for entry in entries)

    abbreviations = bare(_table(lang, "abbreviations.txt"))
    may_end = bare(_table(lang, "sentence_final_abbreviations.txt"))
    nouns = frozenset(word.lower() for word in _table(lang, "sentence_ordinal_nouns.txt"))
    return _Lexicon(
        never_end=abbreviations - may_end,
        may_end=may_end,
        starters=frozenset(word.lower() for word in _table(lang, "sentence_starters.txt")),
        ordinal_nouns=nouns,
        ordinal_suffixes=tuple(sorted(noun for noun in nouns if len(noun) >= 4)),
        determiners=frozenset(
            word.lower() for word in _table(lang, "sentence_ordinal_determiners.txt")
        ),
        suffixes=tuple(sorted(_table(lang, "sentence_abbreviation_suffixes.txt"))),
    )


def split_sentences(text: str, *, lang: str = "de") -> list[Sentence]:
    """Split ``text`` into sentences, as offsets with surrounding whitespace trimmed.

    A blank line always ends a sentence; a single line break ends one only after a line
    that reads like a heading (short, no final punctuation, not ending in a comma or a
    function word). Sentences never overlap and cover every non-space character.

    Args:
        text: The document text.
        lang: Language code whose ``data/<lang>/`` tables to use.

    Returns:
        The sentences in text order.

    Example:
        >>> text = "Am 10. Januar kam Dr. Meyer. „Wann?“, fragte er. Dann ging er."
        >>> [text[s.start : s.end] for s in split_sentences(text)]
        ['Am 10. Januar kam Dr. Meyer.', '„Wann?“, fragte er.', 'Dann ging er.']
    """
    lexicon = _lexicon(lang)
    sentences: list[Sentence] = []
    start = _first_nonspace(text, 0)
    line_start = 0
    previous_line = -1  # start of the line before, in the same block; -1 after a blank line
    for match in _CANDIDATE.finditer(text):
        char = text[match.start()]
        if char == "\n" or char == "\u2029":
            blank = match.end() - match.start() > 1 or char == "\u2029"
            line_end = match.start()
            cut = blank or _ends_heading(
                text, (previous_line, line_start, line_end, match.end()), lexicon
            )
            previous_line = -1 if blank else line_start
            line_start = match.end()
            if not cut:
                continue
            end = _rstrip(text, start, line_end)
        else:
            if not _ends_sentence(text, match.start(), match.end(), start, lexicon):
                continue
            end = match.end()
        if end > start:
            sentences.append(Sentence(start, end))
            start = _first_nonspace(text, match.end())
    end = _rstrip(text, start, len(text))
    if end > start:
        sentences.append(Sentence(start, end))
    return sentences


def _first_nonspace(text: str, position: int) -> int:
    found = _NONSPACE.search(text, position)
    return found.start() if found else len(text)


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _word_before(text: str, end: int, floor: int) -> tuple[int, str]:
    """Return the whitespace-delimited run before ``end`` (openers stripped) and its start."""
    lowest = max(floor, end - _WINDOW)
    start = end
    while start > lowest and not text[start - 1].isspace():
        start -= 1
    while start < end and text[start] in _OPENERS:
        start += 1
    return start, text[start:end]


def _ends_sentence(text: str, mark: int, after: int, sentence_start: int, lex: _Lexicon) -> bool:
    """Judge a run of sentence punctuation at ``text[mark:after]``."""
    following = _NEXT.match(text, after)
    assert following is not None  # the pattern matches the empty string
    next_pos = following.start(1)
    if next_pos >= len(text):
        return True
    next_word = following.group(1)
    first = text[next_pos]
    lower_next = first.islower() and not (len(next_word) > 1 and next_word[1].isupper())
    if lower_next:
        return False
    if text[mark] != ".":
        if text[mark] == "…" or text.startswith("..", mark):
            # An elision "(…)" or "[...]" inside a sentence is no sentence end.
            return not (mark > 0 and text[mark - 1] in "([")
        return True
    if after - mark > 1 and text[mark + 1] in _FINAL_MARKS:
        return True  # "?." or "..": not an abbreviation period
    word_start, word = _word_before(text, mark, sentence_start)
    if not word:
        return True
    starter = next_word.lower() in lex.starters if next_word else False
    if word.isdigit() or _ROMAN.fullmatch(word):
        return _ordinal_ends(text, word, word_start, next_word, starter, sentence_start, lex)
    if word in lex.never_end or _decapitalize(word) in lex.never_end:
        return False
    if word in lex.may_end or _decapitalize(word) in lex.may_end:
        return starter
    if lex.suffixes and word.isalpha() and word.endswith(lex.suffixes) and len(word) > 4:
        return starter
    if _DOTTED.fullmatch(word):
        return starter  # an unlisted dotted abbreviation: "U.S.", "i.e."
    if len(word) == 1 and word.isalpha():
        return _letter_ends(text, word, word_start, starter, sentence_start, lex)
    if len(word) <= 5 and word.isalpha() and not word.isupper() and _VOWELS.isdisjoint(word):
        return starter  # an unlisted abbreviation: "Hrsg", "bzgl", "Tsd"
    return True


def _decapitalize(word: str) -> str:
    return word[:1].lower() + word[1:]


def _ordinal_ends(
    text: str,
    word: str,
    word_start: int,
    next_word: str,
    starter: bool,
    sentence_start: int,
    lex: _Lexicon,
) -> bool:
    """Judge a period after a number: an ordinal ("am 10. Januar") or a sentence end."""
    if len(word) > 3 and word.isdigit():
        return True
    if word_start == sentence_start:
        return False  # an enumeration: "2. Die Vorschläge …"
    lowered = next_word.lower()
    if lowered in lex.ordinal_nouns or (
        len(lowered) > 4 and lowered.endswith(lex.ordinal_suffixes)
    ):
        return False
    if starter:
        return True
    _, previous = _word_before(text, _rstrip(text, sentence_start, word_start), sentence_start)
    return previous.lower() not in lex.determiners


def _letter_ends(
    text: str, word: str, word_start: int, starter: bool, sentence_start: int, lex: _Lexicon
) -> bool:
    """Judge a period after one letter: an initial, or part of "z. B.", "u. a."."""
    before_end = _rstrip(text, sentence_start, word_start)
    if before_end > sentence_start and text[before_end - 1] == ".":
        _, previous = _word_before(text, before_end - 1, sentence_start)
        if len(previous) == 1 and previous.isalpha():
            joined = previous + "." + word
            if joined in lex.never_end or _decapitalize(joined) in lex.never_end:
                return False
            if joined in lex.may_end or _decapitalize(joined) in lex.may_end:
                return starter
    if word.islower():
        return False
    return starter


def _ends_heading(text: str, lines: tuple[int, int, int, int], lex: _Lexicon) -> bool:
    """Whether a single line break ends a heading line.

    ``lines`` holds the start of the line before (-1 if none in this block), the start and
    end of the line itself, and the start of the next line. A heading has the shape of one
    (see :func:`_heading_shaped`), does not continue an unfinished line of running text,
    and is followed by a line that starts with a capital and is a whole paragraph (its
    block ends there, or it ends with final punctuation and is not much shorter).
    Hard-wrapped text fails these tests: its lines continue each other.
    """
    previous, line_start, line_end, after = lines
    end = _rstrip(text, line_start, line_end)
    start = _first_nonspace(text, line_start)
    if not _heading_shaped(text, start, end, lex):
        return False
    following = _NEXT.match(text, after)
    assert following is not None
    next_pos = following.start(1)
    if next_pos >= len(text) or not (text[next_pos].isupper() or text[next_pos].isdigit()):
        return False
    if previous >= 0:
        previous_start = _first_nonspace(text, previous)
        previous_end = _rstrip(text, previous_start, line_start)
        if not _line_is_final(text, previous_start, previous_end) and (
            previous_end - previous_start >= _WRAPPED_MIN_CHARS
            or not _heading_shaped(text, previous_start, previous_end, lex)
        ):
            return False
    next_end = text.find("\n", after)
    if next_end < 0 or next_end + 1 == len(text) or _BLANK_AHEAD.match(text, next_end):
        return True
    next_line_end = _rstrip(text, after, next_end)
    # A short final line after it is the tail of a wrapped sentence ("… Ihre erste\nReaktion?").
    return 2 * (next_line_end - after) >= end - start and _line_is_final(text, after, next_line_end)


def _heading_shaped(text: str, start: int, end: int, lex: _Lexicon) -> bool:
    """Whether ``text[start:end]`` (one line) could be a heading.

    It is short, starts with a capital, a digit or a quotation mark, and ends in neither
    final punctuation (then it is a sentence) nor a comma, dash, colon, number or function
    word (then the next line continues it).
    """
    if start >= end or end - start > _HEADING_MAX_CHARS:
        return False
    if _line_is_final(text, start, end):
        return False
    last = text[end - 1]
    if last in ",;:-–—(/&+" or last.isdigit():
        return False
    head = text[start]
    if not (head.isupper() or head.isdigit() or head in _OPENERS):
        return False
    if text.count(" ", start, end) >= _HEADING_MAX_WORDS:
        return False
    _, last_word = _word_before(text, end, start)
    return last_word.lower() not in lex.starters


def _line_is_final(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends with final punctuation, closing quotes allowed."""
    while end > start and text[end - 1] in _CLOSERS:
        end -= 1
    return end > start and text[end - 1] in _FINAL_MARKS


# --- tokens -----------------------------------------------------------------------------


@functools.cache
def _token_pattern(lang: str) -> re.Pattern[str]:
    entries = set(_table(lang, "abbreviations.txt")) | set(
        _table(lang, "sentence_final_abbreviations.txt")
    )
    forms: set[str] = set()
    for entry in entries:
        bare = entry.rstrip(".")
        if bare:
            forms.add(bare)
            forms.add(bare[:1].upper() + bare[1:])
    abbreviations = "|".join(re.escape(form) for form in sorted(forms, key=lambda f: (-len(f), f)))
    months = [noun for noun in _table(lang, "sentence_ordinal_nouns.txt") if noun]
    ordinal_words = "|".join(
        re.escape(word[:1].upper() + word[1:]) for word in sorted(months, key=lambda w: -len(w))
    )
    parts = [
        # Fast paths first: a word not followed by anything that could make it part of an
        # abbreviation, URL, e-mail address or number, and punctuation that starts nothing.
        r"[^\W\d_]\w*+(?:[-'’]\w+)*+(?![\w.@'’:/-])",
        r"[,;!?()„“”»«–—]",
        r"(?:https?://|www\.)[^\s<>\"„“”«»]*(?<![.,;:!?)\]'’])",
        r"[\w.+-]{1,64}@\w[\w-]*(?:\.[\w-]+)+",
    ]
    if abbreviations:
        parts.append(rf"(?<![\w.])(?:{abbreviations})\.")
    ordinal_next = r"[a-zäöüß]"
    if ordinal_words:
        ordinal_next += rf"|(?:{ordinal_words})\b"
    parts += [
        rf"(?<![\w.])\d{{1,3}}\.(?=[^\S\n]++(?:{ordinal_next}))",
        r"(?<![\w.])[^\W\d_]\.(?=[^\S\n]?+[^\W\d_])",
        r"\d+(?:[.,:/]\d+)+(?:-\w+)*",
        r"\w+(?:[-'’]\w+)*(?:-(?=[^\S\n]++(?:und|oder|bzw|sowie|bis)\b))?",
        r"``|''|\.\.\.|[^\w\s]",
    ]
    return re.compile("|".join(parts))


def tokenize(text: str, start: int = 0, end: int | None = None, *, lang: str = "de") -> list[Token]:
    """Return the tokens of ``text[start:end]`` as offsets into ``text``.

    Words keep inner hyphens and apostrophes ("US-Präsident", "geht's"); numbers keep
    German separators ("100.000", "1,5", "31.12.2021", "20:40"); known abbreviations,
    initials and ordinals before a month or counted noun keep their period ("Dr.", "J.",
    "10."); URLs and e-mail addresses are one token; other punctuation and every quotation
    mark is a token of its own.

    Args:
        text: The document text.
        start: Offset where to begin (a sentence start).
        end: Offset where to stop; the end of ``text`` by default. Nothing after it is
            looked at, so tokens never cross ``end``.
        lang: Language code whose abbreviation list to use.

    Returns:
        Tokens in text order, never overlapping.

    Example:
        >>> text = "Dr. Meyer kam am 10. Januar um 20:40 Uhr."
        >>> [text[t.start : t.end] for t in tokenize(text)]
        ['Dr.', 'Meyer', 'kam', 'am', '10.', 'Januar', 'um', '20:40', 'Uhr', '.']
    """
    stop = len(text) if end is None else min(end, len(text))
    spans = map(re.Match.span, _token_pattern(lang).finditer(text, start, stop))
    return list(map(Token._make, spans))
