"""Run every scorer that applies against one gold annotation: what ``synopse eval`` prints.

Each score becomes a :class:`Metric` row with its target, so the CLI table, the JSON output
and the CI tests all read the same numbers.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from synopse.analysis.pipeline import analyze
from synopse.compare.pipeline import compare
from synopse.errors import SynopseError
from synopse.evaluation import cleaning, conflicts, entities, facts, quotes, timeline
from synopse.evaluation.common import documents_by_gold_key
from synopse.ingest import ingest
from synopse.model import Analysis, Failure
from synopse.options import IngestOptions


@dataclass(frozen=True)
class Metric:
    """One score with its target.

    Attributes:
        area: What is scored ("clean body", "quotes", ...).
        name: The measure ("recall", "leaked lines", ...).
        value: The measured value.
        target: The target, or None for information only.
        higher_is_better: False for counts of errors (leaked lines).
    """

    area: str
    name: str
    value: float
    target: float | None = None
    higher_is_better: bool = True

    @property
    def passed(self) -> bool | None:
        """True/False against the target, None without one."""
        if self.target is None:
            return None
        if self.higher_is_better:
            return self.value >= self.target - 1e-9
        return self.value <= self.target + 1e-9


@dataclass(frozen=True)
class EvalResult:
    """All metrics of one evaluation run, plus the scorers' detailed output."""

    metrics: tuple[Metric, ...]
    details: dict[str, Any] = field(default_factory=dict)
    failures: tuple[Failure, ...] = ()

    @property
    def passed(self) -> bool:
        """True when every metric with a target meets it."""
        return all(m.passed is not False for m in self.metrics)

    def to_dict(self) -> dict[str, Any]:
        """Serialise metrics and details as JSON-ready data."""
        return {
            "metrics": [
                {
                    "area": m.area,
                    "name": m.name,
                    "value": m.value,
                    "target": m.target,
                    "higher_is_better": m.higher_is_better,
                    "passed": m.passed,
                }
                for m in self.metrics
            ],
            "passed": self.passed,
            "failures": [{"source": f.source, "error": f.error} for f in self.failures],
            "details": self.details,
        }


def read_gold(path: str | Path) -> dict[str, Any]:
    """Read a gold annotation file, with a one-line error when it is unusable."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SynopseError("gold file not found", source=str(path)) from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SynopseError(f"gold file is not readable JSON: {exc}", source=str(path)) from exc
    if not isinstance(data, dict) or "documents" not in data:
        raise SynopseError("gold file has no 'documents' section", source=str(path))
    return data


def evaluate_analyses(gold: dict[str, Any], analyses: Sequence[Analysis]) -> EvalResult:
    """Score analysed documents against a gold annotation.

    Args:
        gold: The parsed gold JSON.
        analyses: One analysis per source document; matched to gold keys by id/file name.

    Returns:
        Metrics for clean bodies and metadata, quotes, timeline and entities.
    """
    documents = [a.document for a in analyses]
    by_key = {
        key: next(a for a in analyses if a.document.id == doc.id)
        for key, doc in documents_by_gold_key(documents, gold).items()
    }
    metrics: list[Metric] = []
    details: dict[str, Any] = {}

    body = cleaning.score_clean_bodies(gold, documents)
    details["clean_body"] = body
    expected = len(gold.get("documents", {}))
    metrics += [
        Metric("clean body", "bodies complete", body["bodies_complete"] / max(expected, 1), 1.0),
        Metric("clean body", "boilerplate lines leaked", body["boilerplate_leaked"], 0, False),
        Metric(
            "metadata",
            "title/author/date right",
            body["metadata_correct"] / max(body["metadata_total"], 1),
            1.0,
        ),
    ]
    if gold.get("quotes"):
        scored = quotes.score_quotes(
            gold, {k: (a.document.text, a.quotes) for k, a in by_key.items()}
        )
        details["quotes"] = scored
        metrics += [
            Metric("quotes", "recall", scored["recall"], 0.85),
            Metric("quotes", "precision", scored["precision"], 0.85),
            Metric("quotes", "speaker right", scored["speaker_accuracy"], 0.80),
            Metric("quotes", "mode right", scored["mode_accuracy"]),
        ]
    if gold.get("timeline"):
        scored = timeline.score_timeline(
            gold, {k: (a.document.text, a.dates) for k, a in by_key.items()}
        )
        details["timeline"] = scored
        metrics += [
            Metric("timeline", "events with right ISO date", scored["score"], 0.85),
            Metric("timeline", "mentions with right ISO date", scored["mention_accuracy"]),
        ]
    if gold.get("entities"):
        scored = entities.score_gold_entities(
            gold,
            {k: a.document.text for k, a in by_key.items()},
            {k: a.entities for k, a in by_key.items()},
        )
        details["entities"] = scored
        metrics += [
            Metric("entities", "found", scored["found"], 0.90),
            Metric("entities", "variants grouped", scored["grouped"]),
            Metric("entities", "type right", scored["typed"]),
        ]
    if len(by_key) >= 2 and (gold.get("facts") or gold.get("conflicts")):
        metrics += _comparison_metrics(gold, by_key, details)
    return EvalResult(metrics=tuple(metrics), details=details)


def _comparison_metrics(
    gold: dict[str, Any],
    by_key: dict[str, Analysis],
    details: dict[str, Any],
) -> list[Metric]:
    """Compare the gold documents with each other and score facts, conflicts, omissions."""
    compared = compare([by_key[key] for key in sorted(by_key)])
    texts = {key: a.document.text for key, a in by_key.items()}
    doc_keys = {a.document.id: key for key, a in by_key.items()}
    metrics: list[Metric] = []
    if gold.get("facts"):
        scored = facts.score_facts(gold, compared.facts, texts, doc_keys=doc_keys)
        details["facts"] = scored
        metrics += [
            Metric("facts", "document-link F1", scored["f1"], 0.70),
            Metric("facts", "document-link precision", scored["precision"]),
            Metric("facts", "document-link recall", scored["recall"]),
            Metric("facts", "F1, one gold fact per fact", scored["one_fact_f1"]),
        ]
        if gold.get("omissions"):
            scored = facts.score_omissions(
                gold, compared.facts, compared.omissions, texts, doc_keys=doc_keys
            )
            details["omissions"] = scored
            metrics += [
                Metric("omissions", "F1 against gold majority omissions", scored["f1"]),
                Metric("omissions", "omissions claimed that are right", scored["precision"]),
            ]
    if gold.get("conflicts"):
        scored = conflicts.score_conflicts(gold, compared.conflicts, texts, doc_key=doc_keys)
        details["conflicts"] = scored
        metrics += [
            Metric("conflicts", "recall (hard and medium)", scored["recall"], 0.80),
            Metric("conflicts", "reported conflicts real", scored["precision"], 0.70),
        ]
    return metrics


def evaluate(
    gold_path: str | Path, sources: Sequence[str], options: IngestOptions | None = None
) -> EvalResult:
    """Ingest and analyse ``sources`` and score them against the gold file.

    Example:
        >>> result = evaluate("gold.json", ["corpus/"])  # doctest: +SKIP
        >>> result.passed  # doctest: +SKIP
        True
    """
    gold = read_gold(gold_path)
    ingested = ingest(list(sources), options)
    failures = list(ingested.failures)
    analyses = []
    for document in ingested.documents:
        try:
            analyses.append(analyze(document))
        except Exception as exc:  # score what can be scored; report the rest
            failures.append(Failure(document.source, f"analysis failed: {exc}"))
    result = evaluate_analyses(gold, analyses)
    return EvalResult(result.metrics, result.details, tuple(failures))
