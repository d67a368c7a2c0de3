"""Shared ground for the conflict finders: sentences, fact membership and alignment.

Every conflict finder asks the same questions about two sentences of different
documents: do they report the same fact, and how much do they share? This module
answers them once per run, so that each finder works over fact groups and blocked
candidate pairs instead of all sentence pairs of all documents.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from synopse.compare.entities import cluster_index
from synopse.compare.lemmas import lemmatize
from synopse.compare.statements import (
    PREFIX_MATCH,
    Statement,
    extract_statements,
    key_weights,
    weighted_overlap,
    word_similarity,
)
from synopse.lang import load_list, load_set, load_table
from synopse.model import Analysis
from synopse.model.comparison import ConflictKind, ConflictValue, EntityCluster, Fact

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
#: Least weighted key overlap for two sentences outside a common fact to count as aligned.
ALIGN_OVERLAP = 0.25
#: Severity ranks, most severe first.
SEVERITY_RANK = {"hard": 0, "medium": 1, "soft": 2}


@dataclass(frozen=True)
class Draft:
    """A conflict before ids are assigned: the finders return these."""

    kind: ConflictKind
    topic: str
    values: tuple[ConflictValue, ...]
    severity: str
    facts: tuple[str, ...] = ()


@dataclass
class Context:
    """Per-run indexes over the analyses, facts and entity clusters.

    Attributes:
        analyses: Document id → analysis, in input order.
        order: Document id → position in the input.
        statements: (doc, sentence index) → statement (body sentences only).
        weights: IDF weight of every statement key.
        facts_of: (doc, sentence index) → ids of the multi-document facts it supports.
        facts: Fact id → fact.
        cluster_of: (doc, start, end) of an entity mention → cluster id.
        clusters: Cluster id → cluster.
        lang: Language of the data files.
    """

    analyses: dict[str, Analysis]
    order: dict[str, int]
    statements: dict[tuple[str, int], Statement]
    weights: dict[str, float]
    facts_of: dict[tuple[str, int], tuple[str, ...]]
    facts: dict[str, Fact]
    cluster_of: dict[tuple[str, int, int], str]
    clusters: dict[str, EntityCluster]
    lang: str
    _similar: dict[tuple[str, int, str, int], float] = field(default_factory=dict)
    _types: dict[str, str] = field(default_factory=dict)
    _shares: dict[str, float] = field(default_factory=dict)

    def text(self, doc: str, start: int, end: int) -> str:
        """Return the text of a span of one document."""
        return self.analyses[doc].document.text[start:end]

    def shared_facts(self, a: tuple[str, int], b: tuple[str, int]) -> tuple[str, ...]:
        """Return the ids of the multi-document facts both sentences support."""
        fb = set(self.facts_of.get(b, ()))
        return tuple(f for f in self.facts_of.get(a, ()) if f in fb)

    def similarity(self, a: tuple[str, int], b: tuple[str, int]) -> float:
        """Return the IDF-weighted key overlap of two sentences (0 for non-statements)."""
        key = (*a, *b) if a <= b else (*b, *a)
        if key not in self._similar:
            sa, sb = self.statements.get(a), self.statements.get(b)
            self._similar[key] = (
                weighted_overlap(sa.keys, sb.keys, self.weights) if sa and sb else 0.0
            )
        return self._similar[key]

    def aligned(
        self, a: tuple[str, int], b: tuple[str, int], overlap: float = ALIGN_OVERLAP
    ) -> bool:
        """True when two sentences of different documents report the same thing."""
        return a[0] != b[0] and (bool(self.shared_facts(a, b)) or self.similarity(a, b) >= overlap)

    def cluster_types(self) -> dict[str, str]:
        """Return cluster id → entity type."""
        if not self._types:
            self._types.update({c.id: c.type for c in self.clusters.values()})
        return self._types

    def entity_share(self, cluster: str) -> float:
        """Return the share of statements that mention an entity cluster."""
        if not self.statements:
            return 0.0
        if not self._shares:
            counts: dict[str, int] = defaultdict(int)
            for statement in self.statements.values():
                for entity in statement.entities:
                    counts[entity] += 1
            self._shares.update({k: v / len(self.statements) for k, v in counts.items()})
        return self._shares.get(cluster, 0.0)

    def sentence_span(self, doc: str, sentence: int) -> tuple[int, int]:
        """Return the offsets of a sentence."""
        s = self.analyses[doc].sentences[sentence]
        return s.start, s.end

    def entity_clusters(self, doc: str, start: int, end: int) -> set[str]:
        """Return the ids of the clusters mentioned between two offsets of a document."""
        return {
            self.cluster_of[(doc, m.start, m.end)]
            for m in self.analyses[doc].entities
            if start <= m.start and m.end <= end and (doc, m.start, m.end) in self.cluster_of
        }


def build_context(
    analyses: Sequence[Analysis],
    facts: Sequence[Fact],
    clusters: Sequence[EntityCluster],
    *,
    lang: str,
) -> Context:
    """Index the inputs of :func:`synopse.compare.conflicts.find_conflicts`.

    Args:
        analyses: One analysis per document.
        facts: Fact groups of the documents.
        clusters: Entity clusters of the documents.
        lang: Language of the data files.

    Returns:
        The indexes.
    """
    statements = extract_statements(analyses, clusters, lang=lang)
    facts_of: dict[tuple[str, int], list[str]] = defaultdict(list)
    for fact in facts:
        if len(fact.docs) < 2:
            continue
        for support in fact.support:
            key = (support.doc, support.sentence)
            if fact.id not in facts_of[key]:
                facts_of[key].append(fact.id)
    return Context(
        analyses={a.document.id: a for a in analyses},
        order={a.document.id: n for n, a in enumerate(analyses)},
        statements={(s.doc, s.sentence): s for s in statements},
        weights=key_weights(statements),
        facts_of={k: tuple(v) for k, v in facts_of.items()},
        facts={f.id: f for f in facts},
        cluster_of=cluster_index(clusters),
        clusters={c.id: c for c in clusters},
        lang=lang,
    )


@functools.cache
def negators(lang: str) -> frozenset[str]:
    """Return the words that reverse the polarity of what follows."""
    return frozenset(w.casefold() for w in load_list(lang, "conflict_negators.txt"))


@functools.cache
def evaluative_lexicon(lang: str) -> Mapping[str, str]:
    """Return casefolded term and lemma → polarity from both evaluative tables."""
    out: dict[str, str] = {}
    for name in ("framing_evaluative.tsv", "conflict_evaluative.tsv"):
        for row in load_table(lang, name):
            term, polarity = row["term"].strip(), row["polarity"].strip()
            if polarity in {"positive", "negative"}:
                for key in (term.casefold(), lemmatize(term, lang).casefold()):
                    out.setdefault(key, polarity)
    return out


def words_in(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Return the words between two offsets as (start, end, form)."""
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text, start, end)]


ClauseKeys = tuple[frozenset[str], frozenset[str]]
_CLAUSE_BREAK = re.compile(r"[,;:–—]")


def clause_keys(context: Context, doc: str, start: int, end: int) -> ClauseKeys:
    """Return the entity clusters and content lemmas of the clause around a span.

    The clause runs between the nearest , ; : or dash on either side inside the
    sentence; the span's own words are left out (the value, not what it is about).
    """
    analysis = context.analyses[doc]
    text = analysis.document.text
    sentence = analysis.sentences[analysis.sentence_at(start)]
    left, right = sentence.start, sentence.end
    for m in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end):
        if m.end() <= start:
            left = m.end()
        elif m.start() >= end:
            right = m.start()
            break
    stop = load_set(context.lang, "framing_stopwords.txt")
    lemmas = frozenset(
        lemmatize(m.group(), context.lang).casefold()
        for m in WORD.finditer(text, left, right)
        if not (start <= m.start() < end)
        and len(m.group()) >= 3
        and m.group().casefold() not in stop
    )
    return frozenset(context.entity_clusters(doc, left, right)), lemmas - stop


def keys_alike(a: ClauseKeys, b: ClauseKeys, bar: float = PREFIX_MATCH) -> bool:
    """True when two clauses share an entity cluster or two words alike at ``bar``."""
    if a[0] & b[0]:
        return True
    return any(word_similarity(x, y) >= bar for x in a[1] for y in b[1])
