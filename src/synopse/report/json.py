"""The JSON report contract (SPEC.md): serialising documents and analyses.

Only this module knows the wire shape; the model stays plain dataclasses. Ids are stable:
sentences are ``<doc>:<n>``, quotes ``<doc>:q<n>``, entities ``e<n>`` in order of first
appearance.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from synopse.model import Analysis, Document, Failure, Quote

SCHEMA = "synopse.report/1"
LABEL_MAX_CHARS = 160


_SEASON_CODE = re.compile(r"^(\d{4})-(2[1-4])$")


def contract_date(value: str) -> str:
    """Return the ``YYYY[-MM[-DD]]`` the contract's ``date`` field allows for a time value.

    Analysis values may be open or closed ranges ("2014/..", "../2011", "2021-11/2021-12")
    and ISO 8601-2 season codes ("2021-22" = summer 2021); the contract's ``date`` is the
    range's known start (else its end) and a season's year. The full value is kept in the
    report's ``value`` field.

    Example:
        >>> [contract_date(v) for v in ("2022-01-10", "2014/..", "../2011", "2021-22")]
        ['2022-01-10', '2014', '2011', '2021']
    """
    start, _, end = value.partition("/")
    date = start if start and start != ".." else end
    season = _SEASON_CODE.match(date)
    return season.group(1) if season else date


def documents_report(
    documents: Sequence[Document], failures: Sequence[Failure] = ()
) -> dict[str, Any]:
    """Return the ``documents`` part of the contract (what ``synopse extract`` writes)."""
    return {
        "schema": SCHEMA,
        "documents": [document.to_dict() for document in documents],
        "failures": [{"source": f.source, "error": f.error} for f in failures],
    }


def _sentence_id(analysis: Analysis, offset: int) -> str:
    return f"{analysis.document.id}:{analysis.sentence_at(offset)}"


def _sentence_text(analysis: Analysis, offset: int) -> str:
    sentence = analysis.sentences[analysis.sentence_at(offset)] if analysis.sentences else None
    if sentence is None:
        return ""
    text = analysis.document.text[sentence.start : sentence.end]
    return text if len(text) <= LABEL_MAX_CHARS else text[: LABEL_MAX_CHARS - 1] + "…"


def _entities(analyses: Sequence[Analysis]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Group mentions by (type, name); returns the entity list and name → id."""
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for analysis in analyses:
        text = analysis.document.text
        for mention in analysis.entities:
            key = (mention.type, mention.name)
            entity = groups.get(key)
            if entity is None:
                entity = {
                    "id": f"e{len(groups) + 1}",
                    "name": mention.name,
                    "type": mention.type,
                    "aliases": [],
                    "roles": [],
                    "mentions": [],
                }
                groups[key] = entity
            surface = text[mention.start : mention.end]
            if surface != mention.name and surface not in entity["aliases"]:
                entity["aliases"].append(surface)
            if mention.role and mention.role not in entity["roles"]:
                entity["roles"].append(mention.role)
            entity["mentions"].append(
                {
                    "doc": analysis.document.id,
                    "start": mention.start,
                    "end": mention.end,
                    "text": surface,
                }
            )
    by_name: dict[str, str] = {}
    for (_, name), entity in groups.items():
        by_name.setdefault(name, entity["id"])
    return list(groups.values()), by_name


def sentence_records(analyses: Sequence[Analysis]) -> list[dict[str, Any]]:
    """Return the ``sentences`` part of the contract: ``<doc>:<n>`` ids with their spans."""
    records = []
    for analysis in analyses:
        doc_id = analysis.document.id
        text = analysis.document.text
        for number, sentence in enumerate(analysis.sentences):
            records.append(
                {
                    "id": f"{doc_id}:{number}",
                    "doc": doc_id,
                    "start": sentence.start,
                    "end": sentence.end,
                    "text": text[sentence.start : sentence.end],
                }
            )
    return records


def quote_records(
    analyses: Sequence[Analysis], speaker_entity: Callable[[Analysis, Quote], str | None]
) -> list[dict[str, Any]]:
    """Return the ``quotes`` part of the contract.

    Args:
        analyses: The analysed documents.
        speaker_entity: Gives the entity id of a quote's speaker, or None.
    """
    records = []
    for analysis in analyses:
        doc_id = analysis.document.id
        text = analysis.document.text
        for number, quote in enumerate(analysis.quotes):
            records.append(
                {
                    "id": f"{doc_id}:q{number}",
                    "doc": doc_id,
                    "sentence": f"{doc_id}:{quote.sentence}",
                    "mode": quote.mode,
                    "text": text[quote.start : quote.end],
                    "start": quote.start,
                    "end": quote.end,
                    "speaker": quote.speaker,
                    "speaker_entity": speaker_entity(analysis, quote),
                    "cue": quote.cue,
                }
            )
    return records


def quantity_records(analyses: Sequence[Analysis]) -> list[dict[str, Any]]:
    """Return every quantity with its interval, unit and hedge (an addition to the contract)."""
    records = []
    for analysis in analyses:
        text = analysis.document.text
        for quantity in analysis.quantities:
            records.append(
                {
                    "doc": analysis.document.id,
                    "start": quantity.start,
                    "end": quantity.end,
                    "text": text[quantity.start : quantity.end],
                    "low": quantity.low,
                    "high": quantity.high,
                    "unit": quantity.unit,
                    "hedge": quantity.hedge,
                    "exact": quantity.exact,
                }
            )
    return records


def mention_record(analysis: Analysis, start: int, end: int) -> dict[str, Any]:
    """Return ``{doc, sentence, start, end, text}`` for a span of one analysed document."""
    return {
        "doc": analysis.document.id,
        "sentence": _sentence_id(analysis, start),
        "start": start,
        "end": end,
        "text": analysis.document.text[start:end],
    }


def analysis_report(
    analyses: Sequence[Analysis], failures: Sequence[Failure] = ()
) -> dict[str, Any]:
    """Return the per-document parts of the contract for several analysed documents.

    The result has ``schema``, ``documents``, ``sentences``, ``entities``, ``quotes`` and
    ``timeline`` as in SPEC.md, plus ``quantities`` and ``failures``.
    """
    report = documents_report([a.document for a in analyses], failures)
    entities, entity_by_name = _entities(analyses)
    timeline: dict[str, dict[str, Any]] = {}
    for analysis in analyses:
        for expression in analysis.dates:
            event = timeline.setdefault(
                expression.value,
                {
                    "date": contract_date(expression.value),
                    "value": expression.value,
                    "precision": expression.precision,
                    "label": _sentence_text(analysis, expression.start),
                    "mentions": [],
                },
            )
            event["mentions"].append(mention_record(analysis, expression.start, expression.end))
    report.update(
        {
            "sentences": sentence_records(analyses),
            "entities": entities,
            "quotes": quote_records(
                analyses, lambda _, quote: entity_by_name.get(quote.speaker_name or "")
            ),
            "timeline": [timeline[key] for key in sorted(timeline)],
            "quantities": quantity_records(analyses),
        }
    )
    return report
