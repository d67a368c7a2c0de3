"""The story's timeline: dated events merged across documents.

Each document's analysis holds its temporal expressions, normalised against its own
publication date. Outlets that date the same event write it differently ("am
Donnerstag", "am 30. Dezember"), but after normalisation the ISO values agree, so
mentions are grouped by value first. One value can still name several events (a story
dated "2014" twice, once for an annexation and once for a treaty), so within a value a
mention joins an event only when its sentence shares event context with one of the
event's mentions: cross-document entity clusters and content lemmas.

Every mention keeps its document and offsets; the event's label is a short clause
around the most central mention, so the reader sees the event in the outlet's words.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from synopse.compare.entities import cluster_index
from synopse.compare.lemmas import lemmatize
from synopse.lang import load_list
from synopse.model import Analysis
from synopse.model.comparison import EntityCluster, Evidence, TimelineEvent

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
#: Clause boundaries inside a sentence: semicolons, colons, brackets, a comma that is not
#: a decimal comma, and a spaced dash.
_CLAUSE_BREAK = re.compile(r"[;:()\[\]]|,(?!\d)|\s[–—-]\s")
_EDGE = " \t\n,;:.–—-"
#: Shortest lemma kept as context.
MIN_LEMMA_LENGTH = 3
#: Least share of the smaller context two mentions of a coarse date (month, year and
#: coarser) must share to be one event; coarse dates name unrelated events far more often
#: than a day does, which within one story is nearly always one event, so for a day one
#: shared key (an entity or a content lemma) suffices.
MIN_OVERLAP = 0.2
#: Least number of shared context keys for coarse dates.
MIN_SHARED_COARSE = 2
#: Fewest words a label clause should have before neighbouring clauses are added.
MIN_CLAUSE_WORDS = 5
#: Longest label, in characters.
LABEL_CHARS = 110


@dataclass(frozen=True)
class _Mention:
    doc_index: int
    doc: str
    start: int
    end: int
    value: str
    precision: str
    sentence: int
    keys: frozenset[str]


def _stopwords(lang: str) -> frozenset[str]:
    try:
        words = load_list(lang, "framing_stopwords.txt")
    except Exception:  # a language without the list still gets a timeline
        words = ()
    return frozenset(w.casefold() for w in words)


def clause_around(
    text: str,
    start: int,
    end: int,
    span_start: int,
    span_end: int,
    *,
    max_chars: int = LABEL_CHARS,
) -> tuple[int, int]:
    """Return the offsets of the clause of ``text[start:end]`` that holds a span.

    The clause is the stretch between clause boundaries (semicolon, colon, bracket, a
    comma that is not a decimal comma, a spaced dash) around the span, widened by the
    neighbouring clauses until it has ``MIN_CLAUSE_WORDS`` words, then cut at word
    boundaries to ``max_chars`` around the span.

    Args:
        text: The document text.
        start: Start of the sentence.
        end: End of the sentence.
        span_start: Start of the span the clause must hold (inside the sentence).
        span_end: End of that span.
        max_chars: Longest result.

    Returns:
        ``(clause_start, clause_end)``, offsets into ``text`` that hold the span when it
        fits in ``max_chars``; leading and trailing punctuation and spaces are left out.

    Example:
        >>> t = "Am Montag, so hieß es, beginnt der Streik der Lokführer im ganzen Land."
        >>> s, e = clause_around(t, 0, len(t), 3, 9)
        >>> t[s:e]
        'Am Montag, so hieß es'
    """
    span_start = min(max(span_start, start), end)
    span_end = min(max(span_end, span_start), end)
    cuts = [start]
    cuts.extend(m.end() for m in _CLAUSE_BREAK.finditer(text, start, end))
    cuts.append(end)
    clauses = [(a, b) for a, b in itertools.pairwise(cuts) if b > a]
    if not clauses:
        return start, start
    first = next((i for i, (_, b) in enumerate(clauses) if b > span_start), len(clauses) - 1)
    last = next(
        (i for i in range(first, len(clauses)) if clauses[i][1] >= span_end), len(clauses) - 1
    )

    def words(i: int, j: int) -> int:
        return len(text[clauses[i][0] : clauses[j][1]].split())

    while words(first, last) < MIN_CLAUSE_WORDS and (first > 0 or last < len(clauses) - 1):
        if last < len(clauses) - 1:
            last += 1
        else:
            first -= 1
    left, right = _trim(text, clauses[first][0], clauses[last][1])
    if right - left > max_chars:
        left, right = _cut(text, left, right, span_start, span_end, max_chars)
    return left, right


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _cut(
    text: str, start: int, end: int, span_start: int, span_end: int, limit: int
) -> tuple[int, int]:
    """Cut ``[start, end)`` to ``limit`` characters around the span, at spaces."""
    middle = (span_start + span_end) // 2
    left = max(start, min(middle - limit // 2, end - limit))
    right = min(end, left + limit)
    if left > start and not text[left - 1].isspace():
        space = text.find(" ", left, span_start)
        if space == -1:
            space = text.rfind(" ", start, left)
        left = space + 1 if space != -1 else start
    if right < end and not text[right].isspace():
        space = text.rfind(" ", span_end, right)
        if space == -1:
            space = text.find(" ", right, end)
        right = space if space != -1 else end
    return _trim(text, left, right)


def _mentions(
    analyses: Sequence[Analysis], clusters: Sequence[EntityCluster], lang: str
) -> list[_Mention]:
    stop = _stopwords(lang)
    index = cluster_index(clusters)
    out = []
    for doc_index, analysis in enumerate(analyses):
        doc = analysis.document
        text = doc.text
        date_spans = [(d.start, d.end) for d in analysis.dates]
        keys_of: dict[int, frozenset[str]] = {}
        for expression in analysis.dates:
            number = analysis.sentence_at(expression.start)
            if number not in keys_of:
                keys_of[number] = _sentence_keys(
                    analysis, number, index, date_spans, stop, lang, text
                )
            out.append(
                _Mention(
                    doc_index=doc_index,
                    doc=doc.id,
                    start=expression.start,
                    end=expression.end,
                    value=expression.value,
                    precision=expression.precision,
                    sentence=number,
                    keys=keys_of[number],
                )
            )
    return out


def _sentence_keys(
    analysis: Analysis,
    number: int,
    index: dict[tuple[str, int, int], str],
    date_spans: Sequence[tuple[int, int]],
    stop: frozenset[str],
    lang: str,
    text: str,
) -> frozenset[str]:
    if not analysis.sentences:
        return frozenset()
    sentence = analysis.sentences[number]
    doc_id = analysis.document.id
    keys: set[str] = set()
    names: list[tuple[int, int]] = []
    for mention in analysis.entities:
        if sentence.start <= mention.start < sentence.end:
            names.append((mention.start, mention.end))
            cluster = index.get((doc_id, mention.start, mention.end))
            if cluster:
                keys.add("e:" + cluster)
    skip = names + [s for s in date_spans if sentence.start <= s[0] < sentence.end]
    for match in _WORD.finditer(text, sentence.start, sentence.end):
        word = match.group()
        if len(word) < MIN_LEMMA_LENGTH or any(s <= match.start() < e for s, e in skip):
            continue
        lemma = lemmatize(word, lang).casefold()
        if lemma not in stop and word.casefold() not in stop:
            keys.add("l:" + lemma)
    return frozenset(keys)


def _overlap(a: frozenset[str], b: frozenset[str]) -> tuple[int, float]:
    shared = len(a & b)
    smaller = min(len(a), len(b))
    return shared, (shared / smaller if smaller else 0.0)


def _joins(mention: _Mention, member: _Mention) -> bool:
    if mention.doc == member.doc and mention.sentence == member.sentence:
        return True
    shared, share = _overlap(mention.keys, member.keys)
    if mention.precision == "day":
        return shared >= 1
    return shared >= MIN_SHARED_COARSE and share >= MIN_OVERLAP


def _link(mentions: Sequence[_Mention]) -> list[list[_Mention]]:
    """Single-linkage groups of the mentions of one value, in order of first member."""
    parent = list(range(len(mentions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, mention in enumerate(mentions):
        for j in range(i):
            if _joins(mention, mentions[j]):
                a, b = find(i), find(j)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    groups: dict[int, list[_Mention]] = defaultdict(list)
    for i, mention in enumerate(mentions):
        groups[find(i)].append(mention)
    return [groups[root] for root in sorted(groups)]


def merge_timeline(
    analyses: Sequence[Analysis],
    clusters: Sequence[EntityCluster],
    *,
    lang: str = "de",
) -> list[TimelineEvent]:
    """Merge the temporal expressions of several documents into dated events.

    Mentions with the same ISO value form one event when their sentences share event
    context (see the module docstring), linked transitively (single linkage), so the
    result does not depend on the order in which mentions are compared.

    Args:
        analyses: One analysis per document, in document order.
        clusters: Entity clusters from :func:`synopse.compare.entities.resolve_entities`.
        lang: Language of the lemmatizer and stop words.

    Returns:
        The events sorted by date value (ISO strings sort by time; a month sorts before
        its days), then by first mention. ``date`` holds the full normalised value
        (open ranges such as ``"2014/.."`` included); the label is a clause of the
        most central mention's sentence.

    Example:
        >>> from synopse.model import Document
        >>> from synopse.analysis.pipeline import analyze
        >>> docs = [Document(id="a", text="Am 3. Mai 2024 streikten die Piloten.", source="a"),
        ...         Document(id="b", text="Die Piloten streikten am 3. Mai 2024.", source="b")]
        >>> [(e.date, len(e.mentions)) for e in merge_timeline([analyze(d) for d in docs], [])]
        [('2024-05-03', 2)]
    """
    by_value: dict[str, list[_Mention]] = defaultdict(list)
    for mention in _mentions(analyses, clusters, lang):
        by_value[mention.value].append(mention)
    texts = [a.document.text for a in analyses]
    events = []
    for value in sorted(by_value):
        groups = _link(by_value[value])
        for group in groups:
            events.append(_event(value, group, analyses, texts))
    events.sort(key=lambda e: (e[0], e[1]))
    return [event for _, _, event in events]


def _event(
    value: str,
    group: Sequence[_Mention],
    analyses: Sequence[Analysis],
    texts: Sequence[str],
) -> tuple[str, tuple[int, int], TimelineEvent]:
    centre = max(
        group,
        key=lambda m: (
            sum(_overlap(m.keys, o.keys)[1] for o in group if o is not m),
            -m.doc_index,
            -m.start,
        ),
    )
    analysis = analyses[centre.doc_index]
    sentence = analysis.sentences[centre.sentence] if analysis.sentences else None
    text = texts[centre.doc_index]
    if sentence is None:
        label = text[centre.start : centre.end]
    else:
        left, right = clause_around(text, sentence.start, sentence.end, centre.start, centre.end)
        label = " ".join(text[left:right].split())
    mentions = tuple(
        Evidence(m.doc, m.start, m.end) for m in sorted(group, key=lambda m: (m.doc_index, m.start))
    )
    first = min((m.doc_index, m.start) for m in group)
    return (
        value,
        first,
        TimelineEvent(date=value, precision=group[0].precision, label=label, mentions=mentions),
    )
