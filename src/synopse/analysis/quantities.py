"""Quantities: numbers with their unit or counted noun, normalised to intervals.

Numeric conflicts between outlets ("fast einstündig" against "exakt 50 Minuten",
"Zehntausende" against "100.000 Soldaten") can only be found once every figure is a value
range in one unit. This module reads digits in German notation, number words and compounds,
fused forms ("50-minütig", "Elf-Milliarden-Euro-Projekt"), scale words and hedges, and
returns :class:`~synopse.model.Quantity` intervals. All words come from the
``quantity_*`` data tables of the language; dates, clock times, ordinals, URLs and ids are
left alone.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import simplemma

from synopse.errors import LanguageDataError
from synopse.lang import load_json, load_set, load_table
from synopse.model import Quantity

_TOKEN = re.compile(
    r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?![\d.]\d)"
    r"|[^\W_](?:[\w.,'’-]*[^\W_])?|[%€$£§]"
)
_DIGITS_DE = re.compile(
    r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
)
_GROUP_SPACE = re.compile(r"[ \u00a0\u202f.]")
_DATE_LIKE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}\.\d{1,2}\.?")
_CHUNK_SKIP = re.compile(r"[/@:!=#_\\]|www\.|\.(?:de|com|org|net)\b")
_ADJ_ENDING = re.compile(r"(?:e|en|er|es|em|ig|isch)$")
_MAX_ADJECTIVES = 2


@dataclass(frozen=True)
class _Notation:
    """How a language writes figures and counted nouns (``quantity_grammar.json``)."""

    digits: re.Pattern[str]
    group_marks: re.Pattern[str]
    decimal_mark: str
    date_like: re.Pattern[str]
    nouns_capitalised: bool
    noun_links: frozenset[str]
    adjective_ending: re.Pattern[str] | None
    plural_endings: tuple[str, ...] = ()
    verb_endings: tuple[str, ...] = ()


# German's conventions; a language states its own in an optional quantity_grammar.json
# (see data/en), one without the file keeps these. They could move to data/de.
_GERMAN_NOTATION = _Notation(
    digits=_DIGITS_DE,
    group_marks=_GROUP_SPACE,
    decimal_mark=",",
    date_like=_DATE_LIKE,
    nouns_capitalised=True,
    noun_links=frozenset(["von"]),
    adjective_ending=_ADJ_ENDING,
)


@functools.cache
def _notation(lang: str) -> _Notation:
    try:
        spec = load_json(lang, "quantity_grammar.json")
    except LanguageDataError:
        return _GERMAN_NOTATION
    group, decimal = re.escape(spec["group_mark"]), re.escape(spec["decimal_mark"])
    spaces = r"[ \u00a0\u202f]"
    ending = spec.get("adjective_ending")
    return _Notation(
        digits=re.compile(
            rf"\d{{1,3}}(?:{group}\d{{3}})+(?:{decimal}\d+)?"
            rf"|\d{{1,3}}(?:{spaces}\d{{3}})+(?:{decimal}\d+)?|\d+(?:{decimal}\d+)?"
        ),
        group_marks=re.compile(rf"{spaces[:-1]}{group}]"),
        decimal_mark=spec["decimal_mark"],
        date_like=re.compile(spec["date_like"]),
        nouns_capitalised=bool(spec["nouns_capitalised"]),
        noun_links=frozenset(spec.get("noun_links", ())),
        adjective_ending=re.compile(ending) if ending else None,
        plural_endings=tuple(spec.get("plural_endings", ())),
        verb_endings=tuple(spec.get("verb_endings", ())),
    )


@dataclass(frozen=True)
class _Lexicon:
    cardinals: dict[str, float]
    scales: dict[str, float]
    vague: dict[str, tuple[float, float]]
    vague_phrases: dict[tuple[str, ...], tuple[float, float]]
    articles: frozenset[str]
    units: dict[str, tuple[str, float]]
    adjective_units: tuple[tuple[str, str, float], ...]
    hedges: dict[str, tuple[float, float, bool]]
    max_hedge_words: int
    stopwords: frozenset[str]
    months: frozenset[str]
    weekdays: frozenset[str]
    fused: re.Pattern[str]
    abbreviations: frozenset[str]
    skip_before: frozenset[str]
    notation: _Notation


_NO_LEXICON = _Lexicon(
    cardinals={},
    scales={},
    vague={},
    vague_phrases={},
    articles=frozenset(),
    units={},
    adjective_units=(),
    hedges={},
    max_hedge_words=0,
    stopwords=frozenset(),
    months=frozenset(),
    weekdays=frozenset(),
    fused=re.compile(r"(?!)"),
    abbreviations=frozenset(),
    skip_before=frozenset(),
    notation=_GERMAN_NOTATION,
)


@functools.cache
def _lexicon(lang: str) -> _Lexicon:
    try:
        return _load_lexicon(lang)
    except LanguageDataError:
        # A language folder without the quantity tables finds no quantities: German
        # number words and units would misread another language's figures.
        return _NO_LEXICON


def _load_lexicon(lang: str) -> _Lexicon:
    cardinals: dict[str, float] = {}
    scales: dict[str, float] = {}
    vague: dict[str, tuple[float, float]] = {}
    vague_phrases: dict[tuple[str, ...], tuple[float, float]] = {}
    articles: set[str] = set()
    for row in load_table(lang, "quantity_number_words.tsv"):
        word, kind = row["word"].lower(), row["kind"]
        low, high = float(row["low"]), float(row["high"])
        if kind == "cardinal":
            cardinals[word] = low
        elif kind == "scale":
            scales[word] = low
        elif kind == "vague" and " " in word:
            vague_phrases[tuple(word.split())] = (low, high)
        elif kind == "vague":
            vague[word] = (low, high)
        elif kind == "article":
            articles.add(word)
    units = {
        row["word"].lower(): (row["unit"], float(row["factor"]))
        for row in load_table(lang, "quantity_units.tsv")
    }
    adjective_units = tuple(
        sorted(
            (
                (row["suffix"].lower(), row["unit"], float(row["factor"]))
                for row in load_table(lang, "quantity_adjective_units.tsv")
            ),
            key=lambda item: -len(item[0]),
        )
    )
    hedges = {
        row["hedge"].lower(): (float(row["low"]), float(row["high"]), row["exact"] == "yes")
        for row in load_table(lang, "quantity_hedges.tsv")
    }
    months = frozenset(row["word"].rstrip(".") for row in load_table(lang, "temporal_months.tsv"))
    weekdays = frozenset(row["word"] for row in load_table(lang, "temporal_weekdays.tsv"))
    suffixes = "|".join(re.escape(s) for s, _, _ in adjective_units)
    fused = re.compile(
        rf"(?P<num>[a-zäöüß]+?)(?P<suffix>{suffixes})(?:e|en|er|es|em)?",
        re.IGNORECASE,
    )
    return _Lexicon(
        cardinals=cardinals,
        scales=scales,
        vague=vague,
        vague_phrases=vague_phrases,
        articles=frozenset(articles),
        units=units,
        adjective_units=adjective_units,
        hedges=hedges,
        max_hedge_words=max(len(h.split()) for h in hedges),
        stopwords=load_set(lang, "quantity_stopwords.txt"),
        months=months,
        weekdays=weekdays,
        fused=fused,
        abbreviations=frozenset(
            w for w in (*scales, *units, *hedges) if w.endswith(".") and len(w) > 1
        ),
        skip_before=load_set(lang, "quantity_skip_before.txt"),
        notation=_notation(lang),
    )


def parse_number_word(word: str, *, lang: str = "de") -> float | None:
    """Return the value of a cardinal number word, compounds included, or None.

    Args:
        word: One word ("drei", "dreiundzwanzig", "zweihundertfünfzig", "Elf").
        lang: Language code of the data tables.

    Returns:
        The number, or None when the word is no cardinal.

    Example:
        >>> parse_number_word("dreiundzwanzig")
        23.0
    """
    lex = _lexicon(lang)
    return _parse_compound(word.lower(), lex.cardinals, 0)


def _parse_compound(word: str, cardinals: dict[str, float], depth: int) -> float | None:
    if word in cardinals:
        return cardinals[word]
    if depth > 3 or len(word) > 40:
        return None
    # "tausend" and "hundert" multiply what stands before them and add what follows.
    for big, factor in (("tausend", 1000.0), ("hundert", 100.0)):
        head, sep, tail = word.partition(big)
        if sep and (head or tail):
            left = 1.0 if head in ("", "ein") else _parse_compound(head, cardinals, depth + 1)
            right = 0.0 if not tail else _parse_compound(tail, cardinals, depth + 1)
            if left is not None and right is not None and left < factor:
                return left * factor + right
            return None
    head, sep, tail = word.partition("und")
    if sep and head and (tail.endswith("zig") or tail == "dreißig"):
        ones = 1.0 if head == "ein" else cardinals.get(head)
        tens = cardinals.get(tail)
        if ones is not None and tens is not None and ones < 10 and tens >= 20:
            return tens + ones
    return None


def parse_number(token: str, *, lang: str = "de") -> float | None:
    """Return the value of a number written in digits (German separators) or in words.

    Args:
        token: "100.000", "1,5", "11", "fünf", "dreiundzwanzig".
        lang: Language code of the data tables.

    Returns:
        The number, or None when the token is no cardinal number.

    Example:
        >>> parse_number("100.000"), parse_number("1,5"), parse_number("zwölf")
        (100000.0, 1.5, 12.0)
    """
    if token[:1].isdigit():
        notation = _lexicon(lang).notation
        if notation.digits.fullmatch(token) is None:
            return None
        return float(notation.group_marks.sub("", token).replace(notation.decimal_mark, "."))
    return parse_number_word(token, lang=lang)


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    text: str


def find_quantities(text: str, *, lang: str = "de") -> list[Quantity]:
    """Find numbers with their unit or counted noun and return them as intervals.

    Hedges become intervals by the widths in ``quantity_hedges.tsv`` ("rund 50 Minuten" →
    45–55 minute); vague plurals take their range from ``quantity_number_words.tsv``
    ("Zehntausende" → 20,000–99,999); durations are normalised to minutes (or days, months,
    years), money to a currency code, counted nouns to their lemma ("Soldaten" → "Soldat").
    Numbers without a unit or noun, dates, years, clock times, ordinals ("10. Januar"),
    URLs and ids are skipped.

    Args:
        text: The document text.
        lang: Language code of the data tables.

    Returns:
        Quantities sorted by start offset.

    Example:
        >>> q = find_quantities("Das Gespräch dauerte rund 50 Minuten.")[0]
        >>> (q.low, q.high, q.unit, q.hedge)
        (45.0, 55.0, 'minute', 'rund')
    """
    lex = _lexicon(lang)
    tokens = [_Tok(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    results: list[Quantity] = []
    index = 0
    while index < len(tokens):
        found = _quantity_at(text, tokens, index, lex, lang)
        if found is None:
            index += 1
            continue
        quantity, next_index = found
        results.append(quantity)
        index = max(next_index, index + 1)
    results.sort(key=lambda q: (q.start, q.end))
    return results


def _chunk(text: str, start: int, end: int) -> str:
    left = start
    while left > 0 and not text[left - 1].isspace() and start - left < 200:
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace() and right - end < 200:
        right += 1
    return text[left:right]


def _is_gap(text: str, left: _Tok, right_start: int, lex: _Lexicon) -> bool:
    """Whether punctuation separates two tokens (the dot of "Mrd." or "ca." does not)."""
    between = text[left.end : right_start].strip()
    if not between:
        return False
    return not (between == "." and left.text.lower() + "." in lex.abbreviations)


def _quantity_at(
    text: str, tokens: Sequence[_Tok], index: int, lex: _Lexicon, lang: str
) -> tuple[Quantity, int] | None:
    tok = tokens[index]
    word = tok.text
    lower = word.lower()
    first_char = word[0]
    value_low: float
    value_high: float
    unit: str | None
    factor = 1.0
    end_index = index
    if not (
        first_char.isdigit()
        or "-" in word
        or lower in lex.vague
        or any(phrase[0] == lower for phrase in lex.vague_phrases)
        or lower in lex.articles
        or parse_number_word(lower, lang=lang) is not None
        or _fused_value(lower, lex, lang) is not None
    ):
        return None
    if first_char.isdigit() and _skip_digit_token(text, tokens, index, lex):
        return None
    parts = word.split("-")
    if len(parts) > 1:
        compound = _compound(parts, lex, lang)
        if compound is None:
            return None
        value, unit, unit_factor = compound
        value_low = value_high = value * unit_factor
    elif (fused := _fused_value(lower, lex, lang)) is not None:
        value, unit, unit_factor = fused
        value_low = value_high = value * unit_factor
    else:
        vague = lex.vague.get(lower)
        number = parse_number(word, lang=lang)
        phrase = _vague_phrase(text, tokens, index, lex)
        if phrase is not None:
            (value_low, value_high), end_index = phrase
        elif vague is not None and not (
            index > 0 and parse_number(tokens[index - 1].text, lang=lang)
        ):
            value_low, value_high = vague
        elif number is not None or lower in lex.articles:
            if lower in ("beide", "beiden"):
                return None
            is_article = lower in lex.articles
            value_low = value_high = 1.0 if number is None or is_article else number
            # A scale word multiplies: "1,5 Millionen", "11 Mrd.", "eine Milliarde".
            if end_index + 1 < len(tokens):
                nxt = tokens[end_index + 1]
                scale = lex.scales.get(_with_dot(text, nxt).lower())
                if scale is not None and not _is_gap(text, tok, nxt.start, lex):
                    value_low *= scale
                    value_high *= scale
                    end_index += 1
                    is_article = False
            if is_article:
                unit_hit = _unit_after(text, tokens, end_index, lex)
                if unit_hit is None or unit_hit[0] == "percent":
                    return None
        else:
            return None
        unit_hit = _unit_after(text, tokens, end_index, lex)
        currency_before = _currency_before(text, tokens, index, lex)
        if unit_hit is not None:
            unit, factor, end_index = unit_hit
        elif currency_before is not None:
            unit, factor = currency_before
        else:
            noun = _counted_noun(text, tokens, end_index, lex, lang)
            if noun is None:
                return None
            unit, end_index = noun
        value_low *= factor
        value_high *= factor
    start = tok.start
    hedge = _hedge_before(text, tokens, index, lex)
    exact = False
    hedge_word: str | None = None
    if hedge is not None:
        hedge_word, hedge_start, (low_f, high_f, exact) = hedge
        start = hedge_start
        value_low, value_high = value_low * low_f, value_high * high_f
    if unit is None:
        return None
    end = tokens[end_index].end
    if end < len(text) and text[end] == "." and tokens[end_index].text.lower() + "." in lex.units:
        end += 1
    quantity = Quantity(
        start=start,
        end=end,
        low=_tidy(value_low),
        high=_tidy(value_high),
        unit=unit,
        hedge=hedge_word,
        exact=exact,
    )
    return quantity, end_index + 1


def _tidy(value: float) -> float:
    """Drop binary noise from factor arithmetic (55.00000000000001 → 55.0)."""
    return float(f"{value:.12g}")


def _with_dot(text: str, tok: _Tok) -> str:
    if tok.end < len(text) and text[tok.end] == ".":
        return tok.text + "."
    return tok.text


def _skip_digit_token(text: str, tokens: Sequence[_Tok], index: int, lex: _Lexicon) -> bool:
    tok = tokens[index]
    core = tok.text.split("-")[0]
    notation = lex.notation
    if notation.date_like.fullmatch(core) or _CHUNK_SKIP.search(_chunk(text, tok.start, tok.end)):
        return True
    if notation.digits.fullmatch(core) is None:
        return True
    if len(core) >= 7 and core.isdigit():
        return True  # ids, phone numbers
    if len(core) > 1 and core[0] == "0" and core[1].isdigit():
        return True  # "000" of a space-separated thousand, ids with leading zeros
    if index > 0:
        prev = tokens[index - 1]
        if _with_dot(text, prev) in lex.skip_before or prev.text in lex.skip_before:
            return True  # "§ 223", "Artikel 5", "Seite 12": references, not amounts
    after = text[tok.end : tok.end + 3]
    # An ordinal ("10. Januar", "zum 2. Mal") is digits with a dot before a word.
    if "-" not in tok.text and re.match(r"\.\s*[^\W\d]", after):
        return True
    if after[:1] == ":" or text[max(0, tok.start - 1) : tok.start] in (":", "/"):
        return True
    if core.isdigit() and len(core) == 4 and 1900 <= int(core) <= 2099:
        nxt = tokens[index + 1].text if index + 1 < len(tokens) else ""
        before = tokens[index - 1].text.lower() if index > 0 else ""
        if not (nxt[:1].isupper() and nxt not in lex.months) or before in (
            "im",
            "seit",
            "bis",
            "ab",
            "von",
            "jahr",
            "jahre",
            "jahres",
            "anfang",
            "mitte",
            "ende",
        ):
            return True
    return False


def _compound(parts: list[str], lex: _Lexicon, lang: str) -> tuple[float, str, float] | None:
    """Read a hyphenated compound: "Elf-Milliarden-Euro-Projekt", "50-minütigen", "20-Jährigen".

    Returns the value, the unit (or counted noun) and the factor into the unit.
    """
    value = parse_number(parts[0], lang=lang)
    if value is None:
        return None
    position = 1
    while position < len(parts):
        scale = lex.scales.get(parts[position].lower()) or lex.scales.get(
            parts[position].lower() + "."
        )
        if scale is None:
            break
        value *= scale
        position += 1
    if position >= len(parts):
        return None
    part = parts[position].lower()
    for suffix, unit, factor in lex.adjective_units:
        if re.fullmatch(rf"{re.escape(suffix)}(?:e|en|er|es|em)?", part):
            return value, unit, factor
    if part in lex.units:
        unit, factor = lex.units[part]
        return value, unit, factor
    if parts[position][:1].isupper() and parts[-1][:1].isupper():
        return value, _lemma(parts[-1], lang), 1.0
    return None


def _fused_value(lower: str, lex: _Lexicon, lang: str) -> tuple[float, str, float] | None:
    match = lex.fused.fullmatch(lower)
    if match is None:
        return None
    head = match.group("num")
    value = 0.5 if head == "halb" else parse_number_word(head, lang=lang)
    if value is None and head in lex.articles | {"ein"}:
        value = 1.0
    if value is None:
        return None
    for suffix, unit, factor in lex.adjective_units:
        if suffix == match.group("suffix"):
            return value, unit, factor
    return None


def _unit_after(
    text: str, tokens: Sequence[_Tok], index: int, lex: _Lexicon
) -> tuple[str, float, int] | None:
    if index + 1 >= len(tokens):
        return None
    nxt = tokens[index + 1]
    if _is_gap(text, tokens[index], nxt.start, lex):
        return None
    word = nxt.text.lower()
    hit = lex.units.get(_with_dot(text, nxt).lower()) or lex.units.get(word)
    if hit is None and "-" in word:
        # "Euro-Projekt", "Dollar-Paket": a unit at the head of a compound.
        hit = lex.units.get(word.split("-")[0])
        if hit is not None and hit[0] in ("minute", "day", "month", "year"):
            hit = None
    if hit is None:
        return None
    if len(word) <= 2 and not nxt.text.islower() and word not in ("%",):
        return None  # "2 M", a capital single letter is no unit
    return hit[0], hit[1], index + 1


def _currency_before(
    text: str, tokens: Sequence[_Tok], index: int, lex: _Lexicon
) -> tuple[str, float] | None:
    if index == 0:
        return None
    prev = tokens[index - 1]
    symbol = prev.text in ("€", "$", "£", "EUR", "USD", "CHF", "GBP")
    if symbol and not text[prev.end : tokens[index].start].strip():
        return lex.units.get(prev.text.lower())
    return None


def _vague_phrase(
    text: str, tokens: Sequence[_Tok], index: int, lex: _Lexicon
) -> tuple[tuple[float, float], int] | None:
    """A vague plural of several words ("tens of thousands"): its range and last token."""
    for phrase, bounds in sorted(lex.vague_phrases.items(), key=lambda item: -len(item[0])):
        last = index + len(phrase) - 1
        if last >= len(tokens):
            continue
        words = tokens[index : last + 1]
        if all(t.text.lower() == w for t, w in zip(words, phrase, strict=True)) and not any(
            _is_gap(text, a, b.start, lex) for a, b in itertools.pairwise(words)
        ):
            return bounds, last
    return None


def _counted_noun(
    text: str, tokens: Sequence[_Tok], index: int, lex: _Lexicon, lang: str
) -> tuple[str, int] | None:
    if not lex.notation.nouns_capitalised:
        return _uncased_noun(text, tokens, index, lex, lang)
    skipped = 0
    position = index + 1
    previous = tokens[index]
    while position < len(tokens) and skipped <= _MAX_ADJECTIVES:
        tok = tokens[position]
        if _is_gap(text, previous, tok.start, lex):
            return None
        word = tok.text
        if word in lex.stopwords or (word.lower() in lex.stopwords and word.islower()):
            return None
        if word[:1].isupper():
            if word in lex.months or word in lex.weekdays or (word.isupper() and len(word) <= 4):
                return None
            return _lemma(word, lang), position
        if word in lex.notation.noun_links and skipped == 0:
            position += 1
            previous = tok
            continue
        ending = lex.notation.adjective_ending
        if (
            word.islower()
            and ending is not None
            and ending.search(word)
            and parse_number(word, lang=lang) is None
        ):
            skipped += 1
            position += 1
            previous = tok
            continue
        return None
    return None


def _uncased_noun(
    text: str, tokens: Sequence[_Tok], index: int, lex: _Lexicon, lang: str
) -> tuple[str, int] | None:
    """The counted noun where nouns are not capitalised ("3,000 stranded passengers").

    Adjectives cannot be told from nouns by their form, so the noun is the last word of
    the run of content words after the number (at most ``_MAX_ADJECTIVES`` before it),
    after an optional link word ("thousands of people"). A plural ends the run; a verb
    form ends it before itself unless it opens it ("stranded passengers", "people fled").
    """
    notation = lex.notation
    position = index + 1
    previous = tokens[index]
    if (
        position < len(tokens)
        and tokens[position].text.lower() in lex.notation.noun_links
        and not _is_gap(text, previous, tokens[position].start, lex)
    ):
        previous = tokens[position]
        position += 1
    last: int | None = None
    while position < len(tokens) and position - index <= _MAX_ADJECTIVES + 2:
        tok = tokens[position]
        word = tok.text
        lower = word.lower()
        if _is_gap(text, previous, tok.start, lex) or not word[:1].isalpha():
            break
        if lower in lex.stopwords or lower in lex.months or word in lex.weekdays:
            break
        if parse_number(lower, lang=lang) is not None or lower in lex.units:
            break
        if last is not None and lower.endswith(notation.verb_endings):
            break
        last = position
        if lower.endswith(notation.plural_endings) and _lemma(lower, lang) != lower:
            break
        previous = tok
        position += 1
    if last is None:
        return None
    return _lemma(tokens[last].text, lang), last


@functools.cache
def _lemma(word: str, lang: str) -> str:
    head = word.split("-")[-1] if "-" in word else word
    lemma = str(simplemma.lemmatize(head, lang=lang))
    # A capitalised noun keeps its capital (simplemma may lower it); others take the lemma.
    if head[:1].isupper() and not lemma[:1].isupper():
        lemma = head
    if "-" in word:
        return word.rsplit("-", 1)[0] + "-" + lemma
    return lemma


def _hedge_before(
    text: str, tokens: Sequence[_Tok], index: int, lex: _Lexicon
) -> tuple[str, int, tuple[float, float, bool]] | None:
    for width in range(lex.max_hedge_words, 0, -1):
        first = index - width
        if first < 0:
            continue
        words = tokens[first:index]
        if any(
            _is_gap(text, a, b.start, lex)
            for a, b in zip(words, [*words[1:], tokens[index]], strict=True)
        ):
            continue
        phrase = " ".join(_with_dot(text, t) if t is words[-1] else t.text for t in words)
        key = phrase.lower()
        if key in lex.hedges:
            return key, words[0].start, lex.hedges[key]
        if width == 1 and words[0].text.lower() in lex.hedges:
            key = words[0].text.lower()
            return key, words[0].start, lex.hedges[key]
    return None


def number_words(lang: str = "de") -> tuple[str, ...]:
    """Return the cardinal number words of a language, longest first (for building regexes).

    Example:
        >>> "drei" in number_words()
        True
    """
    lex = _lexicon(lang)
    return tuple(sorted((w for w in lex.cardinals if w.isalpha()), key=lambda w: (-len(w), w)))


__all__ = ["find_quantities", "number_words", "parse_number", "parse_number_word"]
