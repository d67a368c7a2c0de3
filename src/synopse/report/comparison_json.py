"""The whole JSON report contract (SPEC.md) for a Comparison.

``synopse compare --format json`` writes this. The per-document parts (documents,
sentences, quotes, quantities) share their record builders with
:mod:`synopse.report.json`; here entities are the cross-document clusters, so quote
speakers and framing's quote counts are keyed by cluster id, and the comparison parts
(facts, conflicts, omissions, framing, reuse, timeline, summary) are added. Every span
is written with its offsets and the text they slice, so a consumer can check both.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from synopse.compare.entities import cluster_index, speaker_cluster
from synopse.model import Analysis, Failure, Quote
from synopse.model.comparison import Comparison, Conflict, Fact, TimelineEvent
from synopse.report.json import (
    SCHEMA,
    contract_date,
    documents_report,
    mention_record,
    quantity_records,
    quote_records,
    sentence_records,
)

__all__ = ["SCHEMA", "EntityIds", "comparison_report"]


class EntityIds:
    """Finds the cluster id of a speaker: by the mention under the speaker phrase, else by name."""

    def __init__(self, comparison: Comparison) -> None:
        index = cluster_index(comparison.clusters)
        self.by_doc_name: dict[tuple[str, str], str] = {}
        for analysis in comparison.analyses:
            doc = analysis.document.id
            for mention in analysis.entities:
                cluster = index.get((doc, mention.start, mention.end))
                if cluster is not None:
                    self.by_doc_name.setdefault((doc, mention.name), cluster)
        self.by_name: dict[str, str] = {}
        for entity in comparison.clusters:
            for name in (entity.name, *entity.aliases):
                self.by_name.setdefault(name, entity.id)
        self.index = index
        self.types = {c.id: c.type for c in comparison.clusters}

    def name(self, doc: str, name: str | None) -> str | None:
        if not name:
            return None
        return self.by_doc_name.get((doc, name)) or self.by_name.get(name)

    def speaker(self, analysis: Analysis, quote: Quote) -> str | None:
        doc = analysis.document.id
        cluster = speaker_cluster(analysis, quote, self.index, self.types)
        return cluster or self.name(doc, quote.speaker_name) or self.name(doc, quote.speaker)


def _entities(comparison: Comparison) -> list[dict[str, Any]]:
    texts = {a.document.id: a.document.text for a in comparison.analyses}
    return [
        {
            "id": cluster.id,
            "name": cluster.name,
            "type": cluster.type,
            "aliases": list(cluster.aliases),
            "roles": list(cluster.roles),
            "mentions": [
                {
                    "doc": m.doc,
                    "start": m.start,
                    "end": m.end,
                    "text": texts[m.doc][m.start : m.end] if m.doc in texts else "",
                }
                for m in cluster.mentions
            ],
        }
        for cluster in comparison.clusters
    ]


def _facts(facts: Sequence[Fact], analyses: dict[str, Analysis]) -> list[dict[str, Any]]:
    out = []
    for fact in facts:
        support = []
        for s in fact.support:
            text = analyses[s.doc].document.text if s.doc in analyses else ""
            support.append(
                {
                    "doc": s.doc,
                    "sentence": f"{s.doc}:{s.sentence}",
                    "attributed_to": s.attributed_to,
                    "start": s.start,
                    "end": s.end,
                    "text": text[s.start : s.end],
                    "reused": s.reused,
                }
            )
        out.append(
            {
                "id": fact.id,
                "label": fact.label,
                "docs": list(fact.docs),
                "exclusive": fact.exclusive,
                "support": support,
                "related": [
                    {
                        "doc": r.doc,
                        "sentence": f"{r.doc}:{r.sentence}",
                        "start": r.start,
                        "end": r.end,
                        "text": (
                            analyses[r.doc].document.text[r.start : r.end]
                            if r.doc in analyses
                            else ""
                        ),
                    }
                    for r in fact.related
                ],
            }
        )
    return out


def _conflicts(
    conflicts: Sequence[Conflict], analyses: dict[str, Analysis]
) -> list[dict[str, Any]]:
    out = []
    for conflict in conflicts:
        values = []
        for v in conflict.values:
            analysis = analyses.get(v.doc)
            text = analysis.document.text if analysis is not None else ""
            values.append(
                {
                    "doc": v.doc,
                    "value": v.value,
                    "start": v.start,
                    "end": v.end,
                    "text": text[v.start : v.end],
                    "sentence": (
                        f"{v.doc}:{analysis.sentence_at(v.start)}"
                        if analysis is not None and analysis.sentences
                        else None
                    ),
                }
            )
        out.append(
            {
                "id": conflict.id,
                "kind": conflict.kind,
                "topic": conflict.topic,
                "severity": conflict.severity,
                "facts": list(conflict.facts),
                "values": values,
            }
        )
    return out


def _timeline(
    events: Sequence[TimelineEvent], analyses: dict[str, Analysis]
) -> list[dict[str, Any]]:
    return [
        {
            "date": contract_date(event.date),
            "value": event.date,
            "precision": event.precision,
            "label": event.label,
            "docs": list(dict.fromkeys(m.doc for m in event.mentions)),
            "mentions": [
                mention_record(analyses[m.doc], m.start, m.end)
                for m in event.mentions
                if m.doc in analyses
            ],
        }
        for event in events
    ]


def _framing(comparison: Comparison, ids: EntityIds) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for doc, framing in comparison.framing.items():
        entry = framing.to_dict()
        quoted: dict[str, int] = {}
        for speaker, count in framing.quoted:
            key = ids.name(doc, speaker) or speaker
            quoted[key] = quoted.get(key, 0) + count
        entry["quoted"] = dict(sorted(quoted.items(), key=lambda kv: (-kv[1], kv[0])))
        out[doc] = entry
    return out


def comparison_report(comparison: Comparison, failures: Sequence[Failure] = ()) -> dict[str, Any]:
    """Return the whole JSON report contract of SPEC.md for a comparison.

    Args:
        comparison: The result of :func:`synopse.compare.pipeline.compare`.
        failures: Sources that could not be read or analysed.

    Returns:
        A JSON-ready dict: ``schema``, ``documents``, ``sentences``, ``entities``,
        ``quotes``, ``timeline``, ``facts``, ``conflicts``, ``omissions``, ``framing``,
        ``reuse`` and ``summary`` as in the contract, plus ``language``, ``quantities``
        and ``failures``. Entity ids are the cluster ids; a speaker that matches no
        entity is keyed by its written name in ``framing[doc].quoted``.
    """
    analyses = list(comparison.analyses)
    by_id = {a.document.id: a for a in analyses}
    ids = EntityIds(comparison)
    speaker_entity: Callable[[Analysis, Quote], str | None] = ids.speaker
    report = documents_report([a.document for a in analyses], failures)
    report.update(
        {
            "language": comparison.language,
            "sentences": sentence_records(analyses),
            "entities": _entities(comparison),
            "quotes": quote_records(analyses, speaker_entity),
            "timeline": _timeline(comparison.timeline, by_id),
            "facts": _facts(comparison.facts, by_id),
            "conflicts": _conflicts(comparison.conflicts, by_id),
            "omissions": {doc: list(facts) for doc, facts in comparison.omissions.items()},
            "framing": _framing(comparison, ids),
            "reuse": [r.to_dict() for r in comparison.reuse],
            "summary": [
                {"text": s.text, "sources": list(s.sources), "facts": list(s.facts)}
                for s in comparison.summary
            ],
            "quantities": quantity_records(analyses),
        }
    )
    return report
