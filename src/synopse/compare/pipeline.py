"""The comparison pipeline: from the documents of one story to one Comparison.

The compare stage has many parts (entities, facts, conflicts, omissions, framing, reuse,
timeline, summary), each with its own module. This module runs them in the order their
inputs require, shares what several need (one analysis per document, one set of entity
clusters, one reuse result, one embedder), and returns a frozen
:class:`~synopse.model.comparison.Comparison`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from synopse.analysis.pipeline import analyze, data_language
from synopse.compare.conflicts import find_conflicts
from synopse.compare.embeddings import get_embedder
from synopse.compare.entities import resolve_entities
from synopse.compare.facts import find_facts
from synopse.compare.framing import frame_documents
from synopse.compare.memory import release_memory
from synopse.compare.omissions import find_omissions
from synopse.compare.reuse import find_reuse
from synopse.compare.summary import summarize
from synopse.compare.timeline import merge_timeline
from synopse.errors import ConfigError
from synopse.model import Analysis, Document
from synopse.model.comparison import Comparison
from synopse.options import CompareOptions


def _majority(values: Sequence[str], default: str) -> str:
    """The most frequent value (the first in sort order on a tie), ``default`` when none."""
    counts = Counter(values)
    if not counts:
        return default
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


def _language(analyses: Sequence[Analysis]) -> str:
    return _majority([data_language(a.document) for a in analyses], "de")


def _written_language(analyses: Sequence[Analysis], default: str) -> str:
    return _majority([(a.document.language or default).lower() for a in analyses], default)


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
    release_memory()
    facts = tuple(find_facts(analyses, clusters, embedder=embedder, reuse=reuse, lang=lang))
    release_memory()
    conflicts = tuple(find_conflicts(analyses, facts, clusters, lang=lang))
    omitted = find_omissions(facts, ids, threshold=options.omission_threshold)
    framing = frame_documents(
        docs,
        quotes={a.document.id: a.quotes for a in analyses},
        names={a.document.id: [(m.start, m.end) for m in a.entities] for a in analyses},
        lang=lang,
    )
    timeline = tuple(merge_timeline(analyses, clusters, lang=lang))
    # The summary's own words follow the language the story is written in: a story in a
    # language without data of its own is analysed with the fallback data, but framed
    # with the language-neutral phrases rather than in the fallback language.
    summary = tuple(
        summarize(
            analyses,
            facts,
            conflicts,
            lang=options.language or _written_language(analyses, lang),
            max_sentences=options.summary_sentences,
        )
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
