"""The comparison pipeline: from the documents of one story to one Comparison.

The compare stage has many parts (entities, facts, conflicts, omissions, framing, reuse,
timeline, summary), each with its own module. This module runs them in the order their
inputs require, shares what several need (one analysis per document, one set of entity
clusters, one reuse result, one embedder), and returns a frozen
:class:`~synopse.model.comparison.Comparison`.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from typing import Any

from synopse.analysis.pipeline import analyze, data_language
from synopse.compare.conflicts import find_conflicts
from synopse.compare.embeddings import get_embedder
from synopse.compare.entities import resolve_entities
from synopse.compare.facts import find_facts
from synopse.compare.framing import frame_documents
from synopse.compare.omissions import find_omissions
from synopse.compare.reuse import find_reuse
from synopse.compare.summary import summarize
from synopse.compare.timeline import merge_timeline
from synopse.errors import ConfigError
from synopse.model import Analysis, Document
from synopse.model.comparison import Comparison
from synopse.options import _stage_defaults


@dataclasses.dataclass(frozen=True, kw_only=True)
class CompareOptions:
    """How the documents of a story are compared.

    Attributes:
        embedder: Sentence embedder for fact grouping: ``"use"`` (bundled), ``"hashing"``
            (fast, lexical) or ``"sentence-transformers:<model>"``.
        omission_threshold: Least share of the other documents that must report a fact
            for its absence from a document to count as an omission.
        summary_sentences: Most sentences in the summary.
        language: Language whose data compares the documents; None takes the language
            most of the documents are in.

    Example:
        >>> CompareOptions.from_defaults(embedder="hashing").embedder
        'hashing'
    """

    embedder: str = "use"
    omission_threshold: float = 0.6
    summary_sentences: int = 8
    language: str | None = None

    def __post_init__(self) -> None:
        if not 0.0 < self.omission_threshold <= 1.0:
            raise ConfigError(
                f"omission_threshold must be in (0, 1], not {self.omission_threshold}"
            )
        if self.summary_sentences < 1:
            raise ConfigError(f"summary_sentences must be at least 1, not {self.summary_sentences}")

    @classmethod
    def from_defaults(cls, **overrides: Any) -> CompareOptions:
        """Build options from defaults.toml and the environment, then apply ``overrides``.

        Raises:
            ConfigError: If an option is unknown or out of range.
        """
        values = _stage_defaults("compare")
        values.update({k: v for k, v in overrides.items() if v is not None})
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = set(values) - known
        if unknown:
            raise ConfigError(f"unknown compare option(s): {', '.join(sorted(unknown))}")
        return cls(**values)


def _language(analyses: Sequence[Analysis]) -> str:
    counts = Counter(data_language(a.document) for a in analyses)
    if not counts:
        return "de"
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


def compare(
    documents: Sequence[Document | Analysis], *, options: CompareOptions | None = None
) -> Comparison:
    """Compare the documents of one story: what they share, dispute, omit and how they frame it.

    Args:
        documents: The documents (or their analyses, to skip analysing again), in the
            order reports should list them; ids must be unique.
        options: Embedder, thresholds and language; None uses the defaults.

    Returns:
        The frozen Comparison, every piece of evidence an offset into one document.

    Raises:
        ConfigError: If two documents share an id or an option is invalid.
        TypeError: If an item is neither a Document nor an Analysis.

    Example:
        >>> from synopse import Document, compare
        >>> docs = [Document(id="a", text="Die Bahn streikt am Montag.", source="a"),
        ...         Document(id="b", text="Am Montag streikt die Bahn.", source="b")]
        >>> result = compare(docs, options=CompareOptions(embedder="hashing"))
        >>> [a.document.id for a in result.analyses]
        ['a', 'b']
    """
    options = options or CompareOptions.from_defaults()
    analyses = tuple(_as_analysis(item) for item in documents)
    ids = [a.document.id for a in analyses]
    if len(set(ids)) != len(ids):
        repeated = sorted(i for i, n in Counter(ids).items() if n > 1)
        raise ConfigError(f"document ids must be unique to compare documents: {repeated}")
    lang = options.language or _language(analyses)
    embedder = get_embedder(options.embedder)
    docs = [a.document for a in analyses]

    clusters = tuple(resolve_entities(analyses))
    reuse = tuple(find_reuse(docs))
    facts = tuple(find_facts(analyses, clusters, embedder=embedder, reuse=reuse, lang=lang))
    conflicts = tuple(find_conflicts(analyses, facts, clusters, lang=lang))
    omitted = find_omissions(facts, ids, threshold=options.omission_threshold)
    framing = frame_documents(docs, quotes={a.document.id: a.quotes for a in analyses}, lang=lang)
    timeline = tuple(merge_timeline(analyses, clusters, lang=lang))
    summary = tuple(
        summarize(analyses, facts, conflicts, lang=lang, max_sentences=options.summary_sentences)
    )
    return Comparison(
        analyses=analyses,
        clusters=clusters,
        facts=facts,
        conflicts=conflicts,
        omissions={doc: tuple(omitted.get(doc, ())) for doc in ids},
        framing=framing,
        reuse=reuse,
        timeline=timeline,
        summary=summary,
        language=lang,
    )


def _as_analysis(item: Document | Analysis) -> Analysis:
    if isinstance(item, Analysis):
        return item
    if isinstance(item, Document):
        return analyze(item)
    raise TypeError(f"compare() takes Documents or Analyses, not {type(item).__name__}")
