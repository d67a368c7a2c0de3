"""Temporal expressions normalised against the publication date.

A cross-outlet timeline needs every "am Donnerstag", "am 10. Januar", "im Sommer" and
"zwei Tage später" turned into an ISO 8601 value. The grammar (regular expressions with
named groups) and every word list live in the language's ``temporal_*`` data files; this
module only knows how each pattern *type* is resolved.

Resolution rules:

* Dates without a year take the year that puts them nearest the reference day; a past
  verb in the clause ("hatten … geführt", "warnte") keeps them at or before it, a plan
  ("wollen", "sollen", "ist … geplant") at or after it. The same holds for bare months
  and seasons. The verb reporting a statement in another clause ("…, sagte X") is no cue.
  "ist"/"sind" with a participle is a past only for verbs whose perfect takes "sein"
  ("ist gestiegen"); otherwise it is a state ("ist abgesagt") and says nothing about
  when. "ab Montag" without a tense cue starts at the next such day.
* A weekday in a newspaper's name ("der „Welt am Sonntag“") is no date, nor is a
  capitalised deictic word inside a sentence ("am nächsten Morgen").
* Weekdays follow the clause's tense (past: the latest such day not after the reference,
  future: the first not before it); without a tense cue the nearest one is taken, ties
  going to the past.
* The reference day is the publication day. When the publication date has only month
  (or year) precision, as scrapes often have, the reference day is the latest date the
  text itself states inside that period in a clause that is neither a plan nor a
  pluperfect ("Am Abend des 30. Dezembers hat … stattgefunden"); without one it is the
  last day of the period, so past weekdays fall at the end of that month.
* Relative expressions ("zwei Tage später", "am Vortag") count from the last resolved
  date before them, deictic ones ("gestern", "vor drei Wochen") from the reference day.
* "seit 2014" gives the open range "2014/..", "bis 2014" gives "../2014". Calendar weeks
  ("vergangene Woche") have month precision, since ISO weeks are outside the precision set.
* Plural stretches get a coarse value around their middle: "in den kommenden Wochen" is
  the month two weeks after the reference day, "in den vergangenen Monaten" the year two
  months before it. Open stretches ("seit Jahren") and dates relative to holidays
  ("nach den Weihnachtsfeiertagen") are not normalised.
"""

from __future__ import annotations

import bisect
import calendar
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

import simplemma

from synopse.analysis.quantities import number_words, parse_number
from synopse.analysis.quotes import reporting_verbs
from synopse.errors import LanguageDataError
from synopse.lang import load_json, load_list, load_table
from synopse.model import Sentence, TimeExpression
from synopse.model.analysis import Precision

Tense = Literal["past", "pluperfect", "future"]

_PUBLISHED = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_CLAUSE_BREAK = re.compile(r"[,;:–—()„“”\"»«]")
# Word-formation rules of the tense cues. They are German's; a language states its own in
# an optional ``temporal_morphology.json`` (see data/en), and one without the file keeps
# these. They could move to data/de once that folder may be edited.
_PARTICIPLE = re.compile(r"(?:\w*ge\w{2,}(?:t|en)|\w{3,}iert)")
_PARTICIPLE_EXCLUDE = ("gegen", "gene")
_WEAK_PRETERITE = ("eten", "etest", "etet", "ete", "ten", "test", "tet", "te")
_WEAK_LEMMA_ENDINGS = ("en", "n", "ern", "eln")
_TENSE_WINDOW_DAYS = 366
_MAX_SPAN = 120
_TRIGGER_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_WEEKDAY_PARTS = ("abend", "morgen", "nachmittag", "vormittag", "mittag", "nacht")
_CONTEXT_BEFORE = 50
_CONTEXT_AFTER = 50
_DATE_DIGITS = re.compile(r"(?:19|20)\d\d(?!\d)|\d\d?\.(?!\d{3}(?!\d))")
_RELATIVE_PRECISION: dict[str, Precision] = {
    "day": "day",
    "week": "day",
    "month": "month",
    "year": "year",
}


@dataclass(frozen=True)
class _Grammar:
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    triggers: frozenset[str]
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    units: dict[str, str]
    words: dict[str, dict[str, str]]
    tense: dict[str, str]
    prefixes: tuple[str, ...]
    inseparable: tuple[str, ...]
    morphology: _Morphology
    sein_participles: tuple[str, ...] = ()
    title_heads: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Morphology:
    """How past forms and participles are recognised beyond the listed tense cues."""

    participle: re.Pattern[str] | None
    participle_exclude: tuple[str, ...]
    weak_past: tuple[tuple[str, tuple[str, ...]], ...]
    weekday_parts: tuple[str, ...]


_GERMAN_MORPHOLOGY = _Morphology(
    participle=_PARTICIPLE,
    participle_exclude=_PARTICIPLE_EXCLUDE,
    weak_past=tuple((suffix, _WEAK_LEMMA_ENDINGS) for suffix in _WEAK_PRETERITE),
    weekday_parts=_WEEKDAY_PARTS,
)


def _morphology(lang: str) -> _Morphology:
    try:
        spec = load_json(lang, "temporal_morphology.json")
    except LanguageDataError:
        # Optional file: a language without it keeps the built-in rules (German's).
        return _GERMAN_MORPHOLOGY
    participle = spec.get("participle")
    return _Morphology(
        participle=re.compile(participle) if participle else None,
        participle_exclude=tuple(spec.get("participle_exclude", ())),
        weak_past=tuple(
            (str(row["suffix"]), tuple(row["lemma_endings"])) for row in spec.get("weak_past", ())
        ),
        weekday_parts=tuple(spec.get("weekday_parts", ())),
    )


def _alternation(words: Sequence[str], *, capitalised: bool = False) -> str:
    forms = set(words)
    if capitalised:
        forms |= {w[:1].upper() + w[1:] for w in words}
    return "|".join(re.escape(w) for w in sorted(forms, key=lambda w: (-len(w), w)))


def _triggers(
    months: dict[str, int],
    weekdays: dict[str, int],
    seasons: dict[str, tuple[int, int]],
    units: dict[str, str],
    words: dict[str, dict[str, str]],
    weekday_parts: Sequence[str],
) -> frozenset[str]:
    """Words of which every pattern holds at least one (digits aside), lower-cased."""
    found: set[str] = set()
    entries = [*months, *seasons, *units]
    for kind in ("deictic", "anaphor", "holiday"):
        entries.extend(words.get(kind, {}))
    for entry in entries:
        parts = _TRIGGER_TOKEN.findall(entry)
        # Of a phrase ("Tag der Arbeit", "nächsten Tag") its first noun is enough.
        nouns = [p for p in parts if p[:1].isupper()] or parts
        found.add(nouns[0].lower())
    for weekday in weekdays:
        found.add(weekday.lower())
        found.update(weekday.lower() + part for part in weekday_parts)
    return frozenset(found)


@functools.cache
def _articles(lang: str) -> frozenset[str]:
    """Indefinite articles, which count as 1 before a unit ("eine Woche später")."""
    rows = load_table(lang, "quantity_number_words.tsv")
    return frozenset(row["word"] for row in rows if row["kind"] == "article")


_NO_GRAMMAR = _Grammar(
    patterns=(),
    triggers=frozenset(),
    months={},
    weekdays={},
    seasons={},
    units={},
    words={},
    tense={},
    prefixes=(),
    inseparable=(),
    morphology=_GERMAN_MORPHOLOGY,
)


@functools.cache
def _grammar(lang: str) -> _Grammar:
    try:
        return _load_grammar(lang)
    except LanguageDataError:
        # A language folder without the temporal tables (or the number words they use)
        # finds no dates: German patterns would misread another language's text.
        return _NO_GRAMMAR


def _load_grammar(lang: str) -> _Grammar:
    months = {row["word"]: int(row["month"]) for row in load_table(lang, "temporal_months.tsv")}
    weekdays = {
        row["word"]: int(row["weekday"]) for row in load_table(lang, "temporal_weekdays.tsv")
    }
    seasons = {
        row["word"]: (int(row["season"]), int(row["centre_month"]))
        for row in load_table(lang, "temporal_seasons.tsv")
    }
    units = {row["word"]: row["unit"] for row in load_table(lang, "temporal_units.tsv")}
    words: dict[str, dict[str, str]] = {}
    for row in load_table(lang, "temporal_words.tsv"):
        words.setdefault(row["kind"], {})[row["word"]] = row["value"]
    tense: dict[str, str] = {}
    prefixes: list[str] = []
    inseparable: list[str] = []
    for row in load_table(lang, "temporal_tense.tsv"):
        if row["kind"] == "prefix":
            prefixes.append(row["word"])
        elif row["kind"] == "inseparable":
            inseparable.append(row["word"])
        else:
            tense[row["word"]] = row["kind"]
    fill = {
        "MONTH": _alternation(list(months)),
        "WEEKDAY": _alternation(list(weekdays)),
        "SEASON": _alternation(list(seasons)),
        "UNIT": _alternation(list(units)),
        "NUM": r"\d{1,3}|"
        + _alternation([*number_words(lang), *_articles(lang)], capitalised=True),
        "RELATIVE": _alternation(list(words.get("relative", {})), capitalised=True),
        "PART": _alternation(list(words.get("part", {}))),
        "DAYPART": _alternation(list(words.get("daypart", {}))),
        "DEICTIC": _alternation(list(words.get("deictic", {})), capitalised=True),
        "ANAPHOR": _alternation(list(words.get("anaphor", {}))),
        "DIRECTION": _alternation(list(words.get("direction", {}))),
        "HOLIDAY": _alternation(list(words.get("holiday", {}))),
    }
    morphology = _morphology(lang)
    compiled = []
    for spec in load_json(lang, "temporal_patterns.json")["patterns"]:
        regex = re.sub(r"\{([A-Z]+)\}", lambda m: fill[m.group(1)], spec["regex"])
        compiled.append((str(spec["type"]), re.compile(regex)))
    return _Grammar(
        patterns=tuple(compiled),
        triggers=_triggers(months, weekdays, seasons, units, words, morphology.weekday_parts),
        months=months,
        weekdays=weekdays,
        seasons=seasons,
        units=units,
        words=words,
        tense=tense,
        prefixes=tuple(sorted(prefixes, key=lambda p: -len(p))),
        inseparable=tuple(inseparable),
        morphology=morphology,
        sein_participles=_optional_list(lang, "temporal_sein_participles.txt"),
        title_heads=_optional_list(lang, "temporal_title_heads.txt"),
    )


def _optional_list(lang: str, name: str) -> tuple[str, ...]:
    # A language without the list keeps the plain rule (no perfect with "be", no titles).
    try:
        return load_list(lang, name)
    except LanguageDataError:
        return ()


def parse_published(published: str | None) -> tuple[date, Precision] | None:
    """Read a publication date of day, month or year precision ("2021-12-31T00:57:00+01:00").

    Args:
        published: ISO 8601 date or datetime, "YYYY-MM", "YYYY", or None.

    Returns:
        The first day of the stated period and its precision, or None when unreadable.

    Example:
        >>> parse_published("2021-12")
        (datetime.date(2021, 12, 1), 'month')
    """
    if not published:
        return None
    match = _PUBLISHED.match(published.strip())
    if match is None:
        return None
    try:
        year = int(match.group("year"))
        if match.group("day"):
            return date(year, int(match.group("month")), int(match.group("day"))), "day"
        if match.group("month"):
            return date(year, int(match.group("month")), 1), "month"
        return date(year, 1, 1), "year"
    except ValueError:
        return None


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    kind: str
    groups: dict[str, str]


def _segments(text: str, grammar: _Grammar) -> list[tuple[int, int]]:
    """Stretches of text around trigger words: the only places a pattern can match.

    Running every pattern over the whole text costs one regex scan per pattern; running
    them only around month names, weekdays, unit words and digits is several times faster.
    """
    segments: list[tuple[int, int]] = []
    size = len(text)
    for m in _TRIGGER_TOKEN.finditer(text):
        token = m.group()
        if token[0].isdigit():
            if _DATE_DIGITS.match(text, m.start()) is None:
                continue
        elif token.lower() not in grammar.triggers:
            continue
        start = max(0, m.start() - _CONTEXT_BEFORE)
        end = min(size, m.end() + _CONTEXT_AFTER)
        if segments and start <= segments[-1][1]:
            segments[-1] = (segments[-1][0], end)
        else:
            segments.append((start, end))
    widened = []
    for start, end in segments:
        # Cut at whitespace, so that no word is split at a segment's edge.
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < size and not text[end].isspace():
            end += 1
        widened.append((start, end))
    return widened


def _candidates(text: str, grammar: _Grammar) -> list[_Match]:
    seen: set[tuple[int, int, int]] = set()
    found: list[tuple[int, int, int, _Match]] = []
    for segment_start, segment_end in _segments(text, grammar):
        for order, (kind, pattern) in enumerate(grammar.patterns):
            for m in pattern.finditer(text, segment_start, segment_end):
                key = (m.start(), m.end(), order)
                if m.end() - m.start() > _MAX_SPAN or m.end() == m.start() or key in seen:
                    continue
                seen.add(key)
                groups = {k: v for k, v in m.groupdict().items() if v is not None}
                match = _Match(m.start(), m.end(), kind, groups)
                found.append((-(m.end() - m.start()), m.start(), order, match))
    found.sort(key=lambda item: item[:3])
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[_Match] = []
    for _, _, _, match in found:
        position = bisect.bisect_right(starts, match.start)
        if position > 0 and ends[position - 1] > match.start:
            continue
        if position < len(starts) and starts[position] < match.end:
            continue
        starts.insert(position, match.start)
        ends.insert(position, match.end)
        chosen.append(match)
    chosen.sort(key=lambda m: (m.start, m.end))
    return chosen


_CITATION_BEFORE = re.compile(r"\([^()\n]{1,200},\s*$")
_CITATION_AFTER = re.compile(r"\s*[a-z]?\s*[);,]")


def _citation_year(text: str, match: _Match) -> bool:
    """True for the year of a reference in parentheses ("(Lancet: Li et al., 2020)").

    Such a year dates a publication cited as a source, not an event of the story.
    """
    if match.kind != "year" or set(match.groups) - {"year"}:
        return False
    before = _CITATION_BEFORE.search(text, max(0, match.start - 200), match.start)
    return before is not None and _CITATION_AFTER.match(text, match.end) is not None


_TITLE_WORD = re.compile(r"([^\W\d_]+)[„“”\"»«]?\s+$")
_OPENING_QUOTE = re.compile(r"[„“\"»«]\s*[^\W\d_]+\s+$")
_CLOSING_QUOTE = re.compile(r"[“”\"«»]")


def _in_title(text: str, match: _Match, grammar: _Grammar) -> bool:
    """True for a weekday inside a newspaper's name ("der „Welt am Sonntag“").

    The weekday follows a capitalised word directly, and either that word names a medium
    (``temporal_title_heads.txt``) or quotation marks enclose just the two.
    """
    if match.kind != "weekday" or set(match.groups) - {"weekday"}:
        return False
    before = _TITLE_WORD.search(text, max(0, match.start - 40), match.start)
    if before is None or not before.group(1)[0].isupper():
        return False
    if before.group(1).lower() in grammar.title_heads:
        return True
    quoted = _OPENING_QUOTE.search(text, max(0, match.start - 40), match.start)
    return quoted is not None and _CLOSING_QUOTE.match(text, match.end) is not None


def _noun_use(text: str, sentence: Sentence, match: _Match) -> bool:
    """True for a capitalised deictic word inside a sentence: a noun ("am nächsten Morgen")."""
    if not text[match.start].isupper():
        return False
    before = text[sentence.start : match.start].strip(" \t\n\"'„“”»«‚‘(–—-")
    return bool(before)


# --- tense -----------------------------------------------------------------------------


@functools.cache
def _word_cue(word: str, lang: str) -> str | None:
    grammar = _grammar(lang)
    if word in grammar.tense:
        kind = grammar.tense[word]
        return None if kind == "nonparticiple" else kind
    if not word.islower():
        return None
    for prefix in grammar.prefixes:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 2 and grammar.tense.get(rest) == "past":
            return "past"
    morphology = grammar.morphology
    if (
        morphology.participle is not None
        and morphology.participle.fullmatch(word)
        and not word.startswith(morphology.participle_exclude)
    ):
        return "participle"
    if (
        word.startswith(grammar.inseparable)
        and len(word) >= 6
        and word.endswith(("t", "en"))
        and not word.endswith(("lich", "ig", "isch", "heit", "keit", "sten"))
    ):
        # "hat beraten", "hat erklärt": participles without "ge" (only count with an
        # auxiliary, since the same forms are also infinitives and present tense).
        return "participle"
    for suffix, endings in morphology.weak_past:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            lemma = str(simplemma.lemmatize(word, lang=lang))
            if lemma != word and lemma in tuple(stem + ending for ending in endings):
                return "past"
            break
    return None


def _tense(text: str, sentence: Sentence, match: _Match, lang: str) -> Tense | None:
    left = sentence.start
    for m in _CLAUSE_BREAK.finditer(text, sentence.start, match.start):
        left = m.end()
    found = _CLAUSE_BREAK.search(text, match.end, sentence.end)
    right = found.start() if found else sentence.end
    clause = ((left, match.start), (match.end, right))
    sentence_scope = ((sentence.start, match.start), (match.end, sentence.end))
    nearest = _nearest_tense(text, clause, match, lang)
    if nearest is None:
        # The verb that reports a statement ("…, sagte Spahn") dates the saying, not what
        # the other clauses report: it is no cue outside its own clause.
        nearest = _nearest_tense(text, sentence_scope, match, lang, skip=reporting_verbs(lang))
    return nearest


def _lemma(word: str, lang: str) -> str:
    return str(simplemma.lemmatize(word.lower(), lang=lang))


def _nearest_tense(
    text: str,
    scope: tuple[tuple[int, int], ...],
    match: _Match,
    lang: str,
    *,
    skip: frozenset[str] = frozenset(),
) -> Tense | None:
    participle = False
    moved = False  # a participle of a verb whose perfect takes "sein"
    sein = _grammar(lang).sein_participles
    cues: list[tuple[int, str]] = []
    for a, b in scope:
        for m in _WORD.finditer(text, a, b):
            cue = _word_cue(m.group(), lang)
            if cue is not None and skip and _lemma(m.group(), lang) in skip:
                continue
            if cue == "participle":
                participle = True
                moved = moved or m.group().lower().endswith(sein)
            elif cue is not None:
                distance = (
                    match.start - m.end() if m.end() <= match.start else m.start() - match.end
                )
                cues.append((distance, cue))
    best: tuple[int, int, Tense] | None = None
    for distance, cue in cues:
        tense: Tense | None = None
        if cue == "future":
            tense = "future"
        elif cue == "past":
            tense = "past"
        elif cue == "pluperfect":
            tense = "pluperfect" if participle else "past"
        elif (cue == "aux" and participle) or (
            cue == "aux_sein" and _perfect(participle, moved, bool(sein))
        ):
            tense = "past"
        if tense is None:
            continue
        rank = (distance, 0 if tense == "future" else 1)
        if best is None or rank < best[:2]:
            best = (rank[0], rank[1], tense)
    return None if best is None else best[2]


def _perfect(participle: bool, moved: bool, listed: bool) -> bool:
    # Without a list of "sein" verbs (``listed`` False) every participle counts, as with
    # "haben".
    return moved or (participle and not listed)


# --- calendar helpers ------------------------------------------------------------------


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _shift(day: date, amount: int, unit: str) -> date | None:
    try:
        if unit == "day":
            return day + timedelta(days=amount)
        if unit == "week":
            return day + timedelta(days=7 * amount)
        if unit == "month":
            return _add_months(day, amount)
        return _add_months(day, 12 * amount)
    except (OverflowError, ValueError):
        return None


def _pick(
    candidates: Sequence[tuple[date, date, date]], ref: date, tense: Tense | None
) -> tuple[date, bool] | None:
    """Pick among (start, centre, end) periods the one nearest ``ref`` that fits the tense."""
    if not candidates:
        return None
    nearest = min(candidates, key=lambda c: (abs((c[1] - ref).days), c[1]))
    if tense is None:
        return nearest[1], False
    if tense == "future":
        fitting = [c for c in candidates if c[2] >= ref]
    else:
        fitting = [c for c in candidates if c[0] <= ref]
    if not fitting:
        return nearest[1], False
    chosen = min(fitting, key=lambda c: (abs((c[1] - ref).days), c[1]))
    if abs((chosen[1] - ref).days) > _TENSE_WINDOW_DAYS:
        return nearest[1], False
    return chosen[1], chosen is not nearest


# --- resolution ------------------------------------------------------------------------


@dataclass
class _State:
    ref: date | None
    precision: Precision | None
    previous: tuple[date, Precision] | None = None


def _iso(day: date, precision: Precision) -> str:
    if precision == "day":
        return day.isoformat()
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def _open(value: str, groups: dict[str, str]) -> str:
    if "since" in groups:
        return f"{value}/.."
    if "until" in groups:
        return f"../{value}"
    return value


def _month_number(word: str, grammar: _Grammar) -> int | None:
    if word.isdigit():
        number = int(word)
        return number if 1 <= number <= 12 else None
    return grammar.months.get(word)


def _year_of(word: str) -> int:
    year = int(word)
    return year + 2000 if year < 100 else year


def _tense_for(
    state: _State, text: str, sentence: Sentence, match: _Match, lang: str
) -> Tense | None:
    # Without a publication date the reference day is only a lower bound on it, so a
    # past tense says nothing about which side of the reference day a date lies.
    if state.precision is None:
        return None
    tense = _tense(text, sentence, match, lang)
    if tense is None and "onward" in match.groups:
        return "future"  # "ab Montag müssen alle schließen": from the next Monday on
    return tense


def _resolve(
    match: _Match, text: str, sentence: Sentence, state: _State, lang: str
) -> tuple[str, Precision, str, date | None] | None:
    grammar = _grammar(lang)
    g = match.groups
    kind = match.kind
    ref = state.ref
    if kind in ("full_date", "day_month", "day_range"):
        month = _month_number(g.get("month2") or g.get("month", ""), grammar)
        if month is None:
            return None
        day_key = "day2" if kind == "day_range" else "day"
        day: date | None
        if "year" in g:
            day = _safe_date(_year_of(g["year"]), month, int(g[day_key]))
            anchor = "absolute"
        else:
            if ref is None:
                return None
            tense = _tense_for(state, text, sentence, match, lang)
            periods = []
            for year in (ref.year - 1, ref.year, ref.year + 1):
                candidate = _safe_date(year, month, int(g[day_key]))
                if candidate is None:
                    continue
                if "weekday" in g and candidate.weekday() != grammar.weekdays[g["weekday"]]:
                    continue
                periods.append((candidate, candidate, candidate))
            picked = _pick(periods, ref, tense)
            if picked is None:
                return None
            day, by_tense = picked
            anchor = "tense" if by_tense else "publication"
        if day is None:
            return None
        if kind == "day_range":
            first_month = _month_number(g["month"], grammar) if "month" in g else month
            if first_month is None:
                return None
            start_year = day.year if first_month <= month else day.year - 1
            begin = _safe_date(start_year, first_month, int(g["day"]))
            if begin is None or begin > day:
                return None
            return f"{begin.isoformat()}/{day.isoformat()}", "day", anchor, day
        return _open(day.isoformat(), g), "day", anchor, day
    if kind == "weekday":
        if ref is None:
            return None
        weekday = grammar.weekdays[g["weekday"]]
        back = (ref.weekday() - weekday) % 7
        forward = (weekday - ref.weekday()) % 7
        sign = int(grammar.words.get("relative", {}).get(g.get("rel", "").lower(), "0") or 0)
        tense = _tense_for(state, text, sentence, match, lang)
        if "since" in g:
            day = ref - timedelta(days=back)
            return f"{day.isoformat()}/..", "day", "tense", day
        if sign == 0 and "rel" in g:
            # "an diesem Mittwoch": the nearest one, whatever the tense of another clause.
            day = ref + timedelta(days=forward) if forward <= back else ref - timedelta(days=back)
            anchor = "publication"
        elif sign < 0 or (sign == 0 and tense in ("past", "pluperfect")):
            day = ref - timedelta(days=back or (7 if sign < 0 else 0))
            anchor = "tense"
        elif sign > 0 or tense == "future":
            day = ref + timedelta(days=forward or (7 if sign > 0 else 0))
            anchor = "tense"
        elif state.precision == "day" and forward < back:
            day, anchor = ref + timedelta(days=forward), "publication"
        else:
            day, anchor = ref - timedelta(days=back), "publication"
        return day.isoformat(), "day", anchor, day
    if kind == "month_year":
        month = _month_number(g["month"], grammar)
        if month is None:
            return None
        day = date(_year_of(g["year"]), month, 1)
        return _open(_iso(day, "month"), g), "month", "absolute", day
    if kind in ("month", "season"):
        if ref is None:
            return None
        tense = _tense_for(state, text, sentence, match, lang)
        if kind == "month":
            month = _month_number(g["month"], grammar)
            if month is None:
                return None
            periods = [
                (date(y, month, 1), date(y, month, 15), _month_end(date(y, month, 1)))
                for y in (ref.year - 1, ref.year, ref.year + 1)
            ]
        else:
            code, centre = grammar.seasons[g["season"]]
            if "year" in g:
                year = int(g["year"])
                return _open(f"{year:04d}-{code}", g), "season", "absolute", None
            periods = []
            for y in (ref.year - 1, ref.year, ref.year + 1):
                middle = date(y + (1 if code == 24 else 0), centre, 15)
                periods.append((_add_months(middle, -1), middle, _add_months(middle, 1)))
        sign = int(grammar.words.get("relative", {}).get(g.get("rel", "").lower(), "0") or 0)
        if sign:
            tense = "future" if sign > 0 else "past"
        picked = _pick(periods, ref, tense)
        if picked is None:
            return None
        middle, by_tense = picked
        anchor = "tense" if by_tense else "publication"
        if kind == "month":
            return _open(_iso(middle, "month"), g), "month", anchor, middle
        code = grammar.seasons[g["season"]][0]
        year = middle.year - (1 if code == 24 else 0)
        return _open(f"{year:04d}-{code}", g), "season", anchor, None
    if kind == "year":
        year = int(g["year"])
        return _open(f"{year:04d}", g), "year", "absolute", date(year, 1, 1)
    if kind == "year_range":
        first, last = int(g["year"]), int(g["year2"])
        if first >= last:
            return None
        return f"{first:04d}/{last:04d}", "year", "absolute", None
    if kind == "deictic":
        if ref is None or _noun_use(text, sentence, match):
            return None
        offset = int(grammar.words["deictic"][g["deictic"].lower()])
        day = ref + timedelta(days=offset)
        if state.precision != "day":
            return _iso(day, "month"), "month", "publication", None
        return day.isoformat(), "day", "publication", day
    if kind == "anaphor":
        if state.previous is None or state.previous[1] != "day":
            return None
        day = state.previous[0] + timedelta(days=int(grammar.words["anaphor"][g["anaphor"]]))
        return day.isoformat(), "day", "previous", day
    if kind in ("ago", "in_future", "after_previous"):
        amount = 1.0 if g["num"].lower() in _articles(lang) else parse_number(g["num"], lang=lang)
        unit = grammar.units.get(g["unit"])
        if amount is None or unit is None or amount != int(amount) or amount > 1000:
            return None
        if kind == "after_previous":
            if state.previous is None:
                return None
            base, base_precision = state.previous
            sign = int(grammar.words["direction"][g["dir"]])
            anchor = "previous"
        else:
            if ref is None:
                return None
            base, base_precision = ref, state.precision or "day"
            sign = -1 if kind == "ago" else 1
            anchor = "publication"
        shifted = _shift(base, sign * int(amount), unit)
        if shifted is None:
            return None
        precision = _RELATIVE_PRECISION[unit]
        if base_precision != "day" or (unit == "week" and kind != "after_previous"):
            # "vor drei Wochen" is a rough distance from the publication, not a day.
            precision = "month" if precision == "day" else precision
        return _iso(shifted, precision), precision, anchor, shifted if precision == "day" else None
    if kind == "relative_period":
        if ref is None:
            return None
        sign = int(grammar.words.get("relative", {}).get(g.get("rel", "").lower(), "0") or 0)
        unit = grammar.units.get(g["unit"], "year")
        shifted = _shift(ref, sign, unit)
        if shifted is None:
            return None
        precision = "year" if unit == "year" else "month"
        return _iso(shifted, precision), precision, "publication", None
    if kind == "vague_period":
        sign = int(grammar.words.get("relative", {}).get(g["rel"].lower(), "0") or 0)
        if ref is None or sign == 0:
            return None
        unit = grammar.units.get(g["unit"], "month")
        # A few weeks (months) either side: the middle of the stretch, at a precision
        # coarse enough to be honest about it.
        shifted = ref + timedelta(days=sign * (14 if unit == "week" else 60))
        precision = "month" if unit == "week" else "year"
        return _iso(shifted, precision), precision, "publication", None
    if kind == "holiday":
        if "before" in g or "after" in g or ref is None:
            return None
        month_text, day_text = grammar.words["holiday"][g["holiday"]].split("-")
        tense = _tense_for(state, text, sentence, match, lang)
        periods = []
        for year in (ref.year - 1, ref.year, ref.year + 1):
            candidate = _safe_date(year, int(month_text), int(day_text))
            if candidate is not None:
                periods.append((candidate, candidate, candidate))
        picked = _pick(periods, ref, tense)
        if picked is None:
            return None
        return picked[0].isoformat(), "day", "tense" if picked[1] else "publication", picked[0]
    return None


def _reference_day(
    text: str,
    matches: Sequence[_Match],
    sentences: Sequence[Sentence],
    starts: Sequence[int],
    published: tuple[date, Precision] | None,
    lang: str,
) -> date | None:
    grammar = _grammar(lang)
    if published is None:
        stated = [
            _safe_date(_year_of(m.groups["year"]), month, int(m.groups["day"]))
            for m in matches
            if m.kind in ("full_date", "day_month") and "year" in m.groups
            for month in [_month_number(m.groups["month"], grammar)]
            if month is not None
        ]
        dates = [d for d in stated if d is not None]
        return max(dates) if dates else None
    first, precision = published
    if precision == "day":
        return first
    last = _month_end(first) if precision == "month" else date(first.year, 12, 31)
    inside: list[date] = []
    for m in matches:
        if m.kind not in ("full_date", "day_month"):
            continue
        month = _month_number(m.groups["month"], grammar)
        if month is None:
            continue
        year = _year_of(m.groups["year"]) if "year" in m.groups else first.year
        day = _safe_date(year, month, int(m.groups["day"]))
        if day is None or not first <= day <= last:
            continue
        sentence = sentences[max(0, bisect.bisect_right(starts, m.start) - 1)]
        if _tense(text, sentence, m, lang) in ("future", "pluperfect"):
            continue
        inside.append(day)
    return max(inside) if inside else last


def find_dates(
    text: str,
    sentences: Sequence[Sentence],
    published: str | None,
    *,
    lang: str = "de",
) -> list[TimeExpression]:
    """Find temporal expressions and normalise them to ISO 8601 values.

    Args:
        text: The document text.
        sentences: The document's sentences (used for the tense of each expression).
        published: Publication date: ISO datetime or date, "YYYY-MM", "YYYY", or None.
        lang: Language code of the data tables.

    Returns:
        Time expressions sorted by start offset. See the module docstring for the rules.

    Example:
        >>> from synopse.model import Sentence
        >>> text = "Die Gespräche sollen am 10. Januar beginnen."
        >>> found = find_dates(text, [Sentence(0, len(text))], "2021-12-31")
        >>> [(e.value, e.precision) for e in found]
        [('2022-01-10', 'day')]
    """
    grammar = _grammar(lang)
    matches = [
        m
        for m in _candidates(text, grammar)
        if not _citation_year(text, m) and not _in_title(text, m, grammar)
    ]
    if not matches:
        return []
    spans = list(sentences) or [Sentence(0, len(text))]
    spans.sort()
    starts = [s.start for s in spans]
    parsed = parse_published(published)
    ref = _reference_day(text, matches, spans, starts, parsed, lang)
    state = _State(ref=ref, precision=parsed[1] if parsed else None)
    results: list[TimeExpression] = []
    for match in matches:
        sentence = spans[max(0, bisect.bisect_right(starts, match.start) - 1)]
        if not sentence.start <= match.start < max(sentence.end, sentence.start + 1):
            sentence = Sentence(match.start, match.end)
        resolved = _resolve(match, text, sentence, state, lang)
        if resolved is None:
            continue
        value, precision, anchor, day = resolved
        results.append(TimeExpression(match.start, match.end, value, precision, anchor))
        if day is not None:
            state.previous = (day, precision)
    return results


__all__ = ["find_dates", "parse_published"]
