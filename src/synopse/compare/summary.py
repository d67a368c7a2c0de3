"""The story's summary: a few sentences taken from the documents, every one cited.

A reader who pastes three URLs wants a synopsis they can check. Generated prose could say
what no document says, so the summary is extractive and deterministic: it shows what
most documents report first (the facts with the widest independent coverage, each in the
words of one of its supporting sentences, the outlet's own voice preferred over a quoted
speaker), then the main disputes, each side in its own document's words and prefixed
with its source ("laut Rheinblatt „…“; laut DNA „…“"). The frames around the extracted
text come from a language's ``summary_phrases.tsv`` (a language-neutral table otherwise).
Every sentence lists the documents and facts it rests on.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from synopse.analysis.quotes import reporting_verbs
from synopse.analysis.speakers import noun_kind, role_noun
from synopse.compare.lemmas import lemmatize
from synopse.compare.statements import (
    QUOTE_MARKS,
    dangling_starts,
    first_person_words,
    opens_leaning,
)
from synopse.compare.timeline import clause_around
from synopse.errors import LanguageDataError
from synopse.lang import load_set, load_table
from synopse.model import Analysis, Quote
from synopse.model.comparison import Conflict, Fact, FactSupport, SummarySentence

_WORD = re.compile(r"[^\W_]+")
#: A dateline before the first sentence of agency copy: a place (up to three words), the
#: agency in brackets, and a dash ("Hannover (dpa) - ").
_DATELINE = re.compile(r"^[^\W\d_][\w.'/-]*(?: [^\W\d_][\w.'/-]*){0,2} ?\([^()\n]{1,24}\) ?[-–—] ")
_SEVERITY = {"hard": 0, "medium": 1, "soft": 2}
_KIND_ORDER = {"numeric": 0, "temporal": 1, "attribution": 2, "characterization": 3}
#: Kinds of conflict worth a summary sentence (spelling variants are listed in the
#: report, not summarised) and the severities that count as a dispute.
SUMMARY_KINDS = frozenset(_KIND_ORDER)
SUMMARY_SEVERITIES = frozenset({"hard", "medium"})
#: Fewest sentences the summary aims for (exclusive facts fill up to it).
MIN_SENTENCES = 5
#: Share of the summary at most given to disputes.
DISPUTE_SHARE = 0.4
#: Most sides (different values) of one dispute shown.
MAX_SIDES = 3
#: Preferred length of an extracted sentence, in characters.
GOOD_LENGTH = (40, 240)
#: Longest clause quoted for one side of a dispute.
SIDE_CHARS = 160
#: Word overlap (Jaccard) above which a sentence repeats one already in the summary.
REDUNDANT = 0.5
#: Least share of a summary sentence's content words that another document's supporting
#: sentence must state for that document to be cited for it (a fact can group sentences
#: that share one claim but add different details).
CITE_SHARE = 0.25
#: Best-ranked supports of a fact tried as its consensus wording (each is checked
#: against every support, so trying all of a fact told by hundreds would be quadratic).
WORDING_CANDIDATES = 10


@functools.cache
def phrases(lang: str) -> Mapping[str, str]:
    """Return the summary frames of ``lang`` (the language-neutral ones where it has none).

    Example:
        >>> phrases("de")["side"]
        'laut {sources} „{text}“'
    """
    try:
        rows = load_table(lang, "summary_phrases.tsv")
    except LanguageDataError:
        rows = load_table("common", "summary_phrases.tsv")
    return {row["key"]: row["template"] for row in rows}


@functools.cache
def _stopwords(lang: str) -> frozenset[str]:
    try:
        return frozenset(w.casefold() for w in load_set(lang, "framing_stopwords.txt"))
    except LanguageDataError:
        return frozenset()


@functools.cache
def _optional_set(lang: str, name: str) -> frozenset[str]:
    try:
        return frozenset(w.casefold() for w in load_set(lang, name))
    except LanguageDataError:
        return frozenset()


def _citing(fact: Fact, chosen: FactSupport, text: str, story: _Story) -> tuple[str, ...]:
    """The documents whose own supporting sentence states what ``text`` says.

    A document is cited when one of its supports of the fact shares at least
    ``CITE_SHARE`` of the sentence's content words and every number in it.
    """
    target = story.content(text)
    numbers = {w for w in target if any(c.isdigit() for c in w)}
    docs = {chosen.doc}
    for support in fact.support:
        if support.doc in docs or not target:
            continue
        words = story.content(story.sentence_text(support))
        # A document that gives other figures does not confirm this sentence's figures.
        if numbers - words:
            continue
        if len(target & words) / len(target) >= CITE_SHARE:
            docs.add(support.doc)
    return tuple(sorted(docs, key=lambda d: story.order[d]))


def _flat(text: str) -> str:
    return " ".join(text.split())


def _words(text: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in _WORD.findall(text))


def _redundant(words: frozenset[str], chosen: Sequence[frozenset[str]]) -> bool:
    for other in chosen:
        union = len(words | other)
        if union and len(words & other) / union >= REDUNDANT:
            return True
    return False


def _join(names: Sequence[str], table: Mapping[str, str]) -> str:
    unique = list(dict.fromkeys(names))
    if len(unique) <= 1:
        return "".join(unique)
    return table["list"].join(unique[:-1]) + table["and"] + unique[-1]


class _Story:
    """The analyses by id, with the helpers the summary needs."""

    def __init__(self, analyses: Sequence[Analysis], lang: str) -> None:
        self.by_id = {a.document.id: a for a in analyses}
        self.order = {a.document.id: n for n, a in enumerate(analyses)}
        self.table = phrases(lang)
        self.dangling = dangling_starts(lang)
        self.dangling_objects = _optional_set(lang, "summary_dangling_objects.txt")
        self.leaning_adverbs = _optional_set(lang, "summary_leaning_adverbs.txt")
        self.definite_articles = _optional_set(lang, "summary_definite_articles.txt")
        self.anaphoric = _optional_set(lang, "summary_anaphoric_words.txt")
        self.first_person = first_person_words(lang)
        self.lang = lang
        self.stopwords = _stopwords(lang)

    def content(self, text: str) -> frozenset[str]:
        """Casefolded words of ``text`` less stop words."""
        return _words(text) - self.stopwords

    def dangles(self, support: FactSupport, text: str) -> bool:
        """True when a sentence leans on the text before it, so it misleads read alone.

        It does when it opens with a connective or pronoun ("Sie müssen also ...") or
        with a demonstrative before a reporting verb ("Das sagte er am Dienstag"), dates
        something relative to an earlier date ("Zwei Tage später ..."), is one piece of
        a quotation over several sentences, quotes a speaker it does not name (a pronoun,
        a Konjunktiv continuation, "der Virologe" for a name given earlier), or speaks in
        a first person whose speaker it does not name.
        """
        if opens_leaning(text, self.lang) or self._leans_in_words(text):
            return True
        analysis = self.by_id[support.doc]
        inside = range(support.start, support.end)
        if any(d.anchor == "previous" and d.start in inside for d in analysis.dates):
            return True
        if sum(text.count(mark) for mark in QUOTE_MARKS) % 2:
            return True  # one piece of a quotation that runs over several sentences
        near = [q for q in analysis.quotes if support.start <= q.start < support.end]
        if any(self._speaker_elsewhere(q, support, text) for q in near):
            return True
        # "..., müssten wir auf die Intensivmediziner hören": a first person whose
        # speaker this sentence does not name.
        named = any(support.start <= q.speaker_start < support.end for q in near)
        return not named and any(w in self.first_person for w in _WORD.findall(text))

    def _leans_in_words(self, text: str) -> bool:
        # "Das sagte er am Dienstag": a demonstrative object before a reporting verb;
        # "Vor Corona verbrachten sie ...": a pronoun in the first clause.
        words = [w.casefold() for w in _WORD.findall(text, 0, 80)]
        if (
            len(words) > 1
            and words[0] in self.dangling_objects
            and lemmatize(words[1], self.lang) in reporting_verbs(self.lang)
        ):
            return True
        first_clause = _WORD.findall(text.split(",", 1)[0])
        return any(w in self.anaphoric for w in first_clause[1:])

    def contrasts(self, text: str) -> bool:
        """True when the first clause sets the sentence against an earlier one ("aber").

        Such a sentence still reads alone ("Laschet schließt aber einen Lockdown nicht
        aus"), so it is only a worse wording of its fact, not left out.
        """
        words = [w.casefold() for w in _WORD.findall(text.split(",", 1)[0])]
        return any(w in self.leaning_adverbs for w in words[1:])

    def _speaker_elsewhere(self, quote: Quote, support: FactSupport, text: str) -> bool:
        # A quote of this sentence whose speaker the sentence does not name: a Konjunktiv
        # continuation of an earlier report, a pronoun ("sagte er"), or a description
        # resolved to a name given earlier ("der Wissenschaftler").
        if quote.speaker is None:
            return 0 <= quote.speaker_start < support.start
        if quote.speaker.casefold() in self.dangling:
            return True
        name = quote.speaker_name
        if name is not None:
            return name.split()[-1] not in text
        # A person named by role only ("Der Virologe verwies darauf, dass ...").
        words = quote.speaker.split()
        head = role_noun(words[-1], self.lang) if len(words) > 1 else None
        return (
            head is not None
            and noun_kind(head, self.lang) == "person"
            and words[0].casefold() in self.definite_articles
        )

    def outlet(self, doc: str) -> str:
        document = self.by_id[doc].document
        return _flat(document.outlet or "") or doc

    def sentence_text(self, support: FactSupport) -> str:
        text = _flat(self.by_id[support.doc].document.text[support.start : support.end])
        stripped = _DATELINE.sub("", text, count=1)
        if stripped != text and stripped[:1].isalpha():
            text = stripped[0].upper() + stripped[1:]
        return text

    def quoted(self, text: str) -> str:
        table = self.table
        return text.replace("„", table["inner_open"]).replace("“", table["inner_close"])


def _independent(fact: Fact) -> int:
    """Documents that confirm a fact independently (wire copy counts once)."""
    own = {s.doc for s in fact.support if not s.reused}
    copied = {s.doc for s in fact.support if s.reused} - own
    return len(own) + (1 if copied else 0)


def _disputed(support: FactSupport, disputed: Mapping[str, Sequence[tuple[int, int]]]) -> bool:
    return any(support.start <= start < support.end for start, _ in disputed.get(support.doc, ()))


def _ranked_supports(
    fact: Fact, story: _Story, disputed: Mapping[str, Sequence[tuple[int, int]]] | None = None
) -> list[FactSupport]:
    """The undisputed supports, the sentence that best states the fact first."""
    low, high = GOOD_LENGTH
    candidates = [s for s in fact.support if not disputed or not _disputed(s, disputed)]

    def rank(support: FactSupport) -> tuple[int, int, int, int, int, int, int, int]:
        text = story.sentence_text(support)
        return (
            1 if story.dangles(support, text) else 0,
            1 if story.contrasts(text) else 0,
            0 if support.attributed_to is None else 1,
            1 if text[:1] in '„“"»«‚‘' else 0,
            0 if low <= len(text) <= high else 1,
            0 if text == fact.label else 1,
            story.order[support.doc],
            support.sentence,
        )

    return sorted(candidates, key=rank)


def _pick_support(
    fact: Fact, story: _Story, disputed: Mapping[str, Sequence[tuple[int, int]]] | None = None
) -> FactSupport | None:
    """The support whose sentence best states the fact, or None when every one is disputed."""
    ranked = _ranked_supports(fact, story, disputed)
    return ranked[0] if ranked else None


def _consensus(
    facts: Sequence[Fact],
    story: _Story,
    limit: int,
    chosen: list[frozenset[str]],
    disputed: Mapping[str, Sequence[tuple[int, int]]],
) -> list[SummarySentence]:
    shared = [f for f in facts if len(f.docs) > 1]
    order = {f.id: n for n, f in enumerate(facts)}
    shared.sort(key=lambda f: (-_independent(f), -len(f.docs), order[f.id]))
    out: list[SummarySentence] = []
    for fact in shared:
        if len(out) >= limit:
            break
        # The wording that the most documents state (best-ranked first on ties): a
        # consensus sentence needs at least two documents that say what it says.
        # A sentence that leans on the one before it ("Sie müssen also ...") is left
        # out: read alone it names nobody, or the wrong one.
        best: tuple[str, tuple[str, ...]] | None = None
        for support in _ranked_supports(fact, story, disputed)[:WORDING_CANDIDATES]:
            text = story.sentence_text(support)
            if story.dangles(support, text):
                continue
            docs = _citing(fact, support, text, story)
            if best is None or len(docs) > len(best[1]):
                best = (text, docs)
        if best is None or len(best[1]) < 2:
            continue
        text, docs = best
        words = _words(text)
        if not words or _redundant(words, chosen):
            continue
        chosen.append(words)
        out.append(SummarySentence(text=text, sources=docs, facts=(fact.id,)))
    return out


def _facts_at(facts: Sequence[Fact]) -> dict[str, list[tuple[int, int, str]]]:
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for fact in facts:
        for support in fact.support:
            spans[support.doc].append((support.start, support.end, fact.id))
    return spans


def _dispute(
    conflict: Conflict,
    story: _Story,
    spans: Mapping[str, list[tuple[int, int, str]]],
) -> SummarySentence | None:
    table = story.table
    groups: dict[str, list[int]] = {}
    for index, value in enumerate(conflict.values):
        if value.doc in story.by_id:
            groups.setdefault(_flat(value.value).casefold(), []).append(index)
    if len(groups) < 2:
        return None
    ranked = sorted(groups.values(), key=lambda members: (-len(members), members[0]))
    ranked = sorted(ranked[:MAX_SIDES], key=lambda members: members[0])
    sides = []
    sources: list[str] = []
    for members in ranked:
        first = conflict.values[members[0]]
        analysis = story.by_id[first.doc]
        text = analysis.document.text
        if analysis.sentences:
            sentence = analysis.sentences[analysis.sentence_at(first.start)]
            if sentence.end - sentence.start <= SIDE_CHARS:
                left, right = sentence.start, sentence.end
                while right > left and text[right - 1] in " \n.":
                    right -= 1
            else:
                left, right = clause_around(
                    text, sentence.start, sentence.end, first.start, first.end, max_chars=SIDE_CHARS
                )
        else:
            left, right = first.start, first.end
        clause = _flat(text[left:right]) or _flat(first.value)
        docs = list(dict.fromkeys(conflict.values[m].doc for m in members))
        names = [story.outlet(d) for d in docs]
        sides.append(table["side"].format(sources=_join(names, table), text=story.quoted(clause)))
        sources.extend(docs)
    facts = list(conflict.facts)
    if not facts:
        for value in conflict.values:
            for start, end, fact_id in spans.get(value.doc, ()):
                if start <= value.start < end and fact_id not in facts:
                    facts.append(fact_id)
    if not facts:
        return None
    template = table.get(f"dispute_{conflict.kind}", table["dispute"])
    text = template.format(sides=table["side_join"].join(sides), topic=conflict.topic)
    docs = sorted(dict.fromkeys(sources), key=lambda d: story.order[d])
    return SummarySentence(
        text=text[:1].upper() + text[1:], sources=tuple(docs), facts=tuple(facts)
    )


def _disputes(
    conflicts: Sequence[Conflict], facts: Sequence[Fact], story: _Story, limit: int
) -> list[SummarySentence]:
    eligible = [
        (n, c)
        for n, c in enumerate(conflicts)
        if c.kind in SUMMARY_KINDS and c.severity in SUMMARY_SEVERITIES
    ]
    eligible.sort(
        key=lambda item: (
            _SEVERITY.get(item[1].severity, 3),
            _KIND_ORDER.get(item[1].kind, 9),
            -len({v.doc for v in item[1].values}),
            item[0],
        )
    )
    spans = _facts_at(facts)
    out: list[SummarySentence] = []
    for _, conflict in eligible:
        if len(out) >= limit:
            break
        sentence = _dispute(conflict, story, spans)
        if sentence is not None and sentence.text not in {s.text for s in out}:
            out.append(sentence)
    return out


def _exclusive(
    facts: Sequence[Fact],
    story: _Story,
    limit: int,
    chosen: list[frozenset[str]],
    disputed: Mapping[str, Sequence[tuple[int, int]]],
) -> list[SummarySentence]:
    """Single-document facts, earliest sentences first, taking documents in turn."""
    by_doc: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        if fact.exclusive:
            by_doc[fact.docs[0]].append(fact)
    queues = [
        sorted(items, key=lambda f: min(s.sentence for s in f.support))
        for _, items in sorted(by_doc.items(), key=lambda kv: story.order[kv[0]])
    ]
    out: list[SummarySentence] = []
    table = story.table
    while len(out) < limit and any(queues):
        for queue in queues:
            if not queue or len(out) >= limit:
                continue
            fact = queue.pop(0)
            support = _pick_support(fact, story, disputed)
            if support is None:
                continue
            text = story.sentence_text(support)
            words = _words(text)
            if not words or _redundant(words, chosen):
                continue
            chosen.append(words)
            framed = table["exclusive"].format(sources=story.outlet(support.doc), text=text)
            out.append(SummarySentence(text=framed, sources=(support.doc,), facts=(fact.id,)))
    return out


def summarize(
    analyses: Sequence[Analysis],
    facts: Sequence[Fact],
    conflicts: Sequence[Conflict],
    *,
    lang: str = "de",
    max_sentences: int = 8,
) -> list[SummarySentence]:
    """Write the extractive summary of a story: consensus first, then the main disputes.

    Args:
        analyses: One analysis per document, in document order.
        facts: The story's facts (:func:`synopse.compare.facts.find_facts`).
        conflicts: The story's conflicts.
        lang: Language of the frames around extracted text.
        max_sentences: Most sentences; up to ``DISPUTE_SHARE`` of them are disputes
            (hard and medium, spelling left out), the rest facts reported by several
            documents, ordered by independent coverage (wire copy counts once). When
            fewer than ``MIN_SENTENCES`` result, facts reported by one document fill up,
            framed as such ("Nur Rheinblatt: …").

    Returns:
        The summary sentences; each cites at least one document and one fact. Empty
        when there are no facts.

    Example:
        >>> from synopse.model import Document
        >>> from synopse.model.comparison import FactSupport
        >>> from synopse.analysis.pipeline import analyze
        >>> a = analyze(Document(id="a", text="Die Bahn streikt am Montag.", source="a"))
        >>> b = analyze(Document(id="b", text="Am Montag streikt die Bahn.", source="b"))
        >>> fact = Fact("f1", "Die Bahn streikt am Montag.",
        ...             (FactSupport("a", 0, 0, 27), FactSupport("b", 0, 0, 27)))
        >>> [(s.text, s.sources, s.facts) for s in summarize([a, b], [fact], [])]
        [('Die Bahn streikt am Montag.', ('a', 'b'), ('f1',))]
    """
    if max_sentences < 1 or not facts:
        return []
    story = _Story(analyses, lang)
    dispute_limit = int(max_sentences * DISPUTE_SHARE)
    disputes = _disputes(conflicts, facts, story, dispute_limit)
    disputed: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for conflict in conflicts:
        if conflict.kind in SUMMARY_KINDS and conflict.severity in SUMMARY_SEVERITIES:
            for value in conflict.values:
                disputed[value.doc].append((value.start, value.end))
    chosen: list[frozenset[str]] = []
    consensus = _consensus(facts, story, max_sentences - len(disputes), chosen, disputed)
    summary = consensus + disputes
    wanted = min(MIN_SENTENCES, max_sentences)
    if len(summary) < wanted:
        extra = _exclusive(facts, story, wanted - len(summary), chosen, disputed)
        summary = consensus + extra + disputes
    return summary
