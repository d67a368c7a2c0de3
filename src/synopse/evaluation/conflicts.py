"""Scoring predicted conflicts against gold conflicts: recall, precision, per kind.

Definition:

* A predicted conflict *matches* a gold conflict when at least two of its values, in
  two different documents, each overlap a gold quote of that document in that gold
  conflict (quotes located with :func:`~synopse.evaluation.common.find_in_text`), and its
  kind is compatible with the gold kind (table below).
* Recall: share of the gold conflicts whose severity starts with "hard" or "medium"
  matched by at least one prediction (target ≥ 0.80).
* Precision: share of the predictions that match any gold conflict, whatever its
  severity (target ≥ 0.70). A prediction that matches a ``checked_no_conflict`` item
  (same overlap rule, any kind) is wrong even if it also matches a gold conflict.

Kind compatibility. Gold kinds are free text; the first word names the base kind and
compound or parenthesised kinds accept the neighbouring kinds they describe:

=======================================  =====================================
gold kind                                 accepted predicted kinds
=======================================  =====================================
numeric                                   numeric
numeric (count)                           numeric, temporal (counts of events)
numeric/structural                        numeric, characterization
temporal (...)                            temporal
attribution, attribution dispute          attribution
quote wording (...)                       attribution, characterization
spelling, spelling (typo)                 spelling
naming variant (/ role)                   spelling, attribution
characterization                          characterization
characterization (...) or /...           characterization, attribution
actor difference                          attribution, characterization
place                                     characterization, temporal
=======================================  =====================================
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from synopse.evaluation.common import find_in_text
from synopse.model.comparison import Conflict

_KINDS = ("numeric", "temporal", "attribution", "spelling", "characterization")


def compatible_kinds(gold_kind: str) -> frozenset[str]:
    """Return the predicted kinds that may match a gold kind (see the module table).

    Example:
        >>> sorted(compatible_kinds("numeric (count)"))
        ['numeric', 'temporal']
    """
    kind = gold_kind.casefold().strip()
    compound = "(" in kind or "/" in kind
    if kind.startswith("numeric"):
        if "count" in kind:
            return frozenset({"numeric", "temporal"})
        return frozenset({"numeric", "characterization"}) if compound else frozenset({"numeric"})
    if kind.startswith("temporal"):
        return frozenset({"temporal"})
    if kind.startswith("attribution"):
        return frozenset({"attribution"})
    if kind.startswith("quote"):
        return frozenset({"attribution", "characterization"})
    if kind.startswith("spelling"):
        return frozenset({"spelling"})
    if kind.startswith("naming"):
        return frozenset({"spelling", "attribution"})
    if kind.startswith("characterization"):
        extra = {"attribution"} if compound else set()
        return frozenset({"characterization", *extra})
    if kind.startswith("actor"):
        return frozenset({"attribution", "characterization"})
    if kind.startswith("place"):
        return frozenset({"characterization", "temporal"})
    return frozenset(k for k in _KINDS if k in kind)


def _spans(
    item: Mapping[str, Any], texts_by_key: Mapping[str, str]
) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for doc, value in item.get("values", {}).items():
        text = texts_by_key.get(doc)
        if text is None:
            continue
        for quote in value.get("quotes", ()):
            found = find_in_text(text, quote)
            if found is not None:
                out[doc].append(found)
    return dict(out)


def _matches(
    conflict: Conflict, spans: Mapping[str, list[tuple[int, int]]], doc_key: Mapping[str, str]
) -> bool:
    docs = set()
    for value in conflict.values:
        key = doc_key.get(value.doc, value.doc)
        if any(value.start < end and start < value.end for start, end in spans.get(key, ())):
            docs.add(key)
    return len(docs) >= 2


def score_conflicts(
    gold: Mapping[str, Any],
    conflicts: Iterable[Conflict],
    texts_by_key: Mapping[str, str],
    *,
    doc_key: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Score predicted conflicts against the gold annotation (see the module docstring).

    Args:
        gold: The gold annotation (``conflicts`` and ``checked_no_conflict``).
        conflicts: Predicted conflicts.
        texts_by_key: Gold document key ("000") → that document's clean text.
        doc_key: Predicted document id → gold key, where they differ.

    Returns:
        ``recall`` (hard and medium), ``precision``, counts, ``matched`` (gold id →
        predicted ids), ``missed`` gold ids, ``wrong`` predicted ids, ``no_conflict_hits``
        and ``per_kind`` (predicted kind → predicted, correct, precision; gold base kind
        → relevant, found, recall).
    """
    doc_key = doc_key or {}
    predicted = list(conflicts)
    gold_items = list(gold.get("conflicts", ()))
    gold_spans = {g["id"]: _spans(g, texts_by_key) for g in gold_items}
    negative = list(gold.get("checked_no_conflict", ()))
    negative_spans = {n["id"]: _spans(n, texts_by_key) for n in negative}
    matched: dict[str, list[str]] = defaultdict(list)
    correct: set[str] = set()
    no_conflict_hits: dict[str, list[str]] = defaultdict(list)
    for conflict in predicted:
        hits = [
            g["id"]
            for g in gold_items
            if conflict.kind in compatible_kinds(g["kind"])
            and _matches(conflict, gold_spans[g["id"]], doc_key)
        ]
        bad = [n["id"] for n in negative if _matches(conflict, negative_spans[n["id"]], doc_key)]
        for gold_id in hits:
            matched[gold_id].append(conflict.id)
        for neg in bad:
            no_conflict_hits[neg].append(conflict.id)
        if hits and not bad:
            correct.add(conflict.id)
    relevant = [
        g
        for g in gold_items
        if str(g.get("severity", "")).casefold().startswith(("hard", "medium"))
    ]
    found = [g for g in relevant if g["id"] in matched]
    per_kind: dict[str, dict[str, float]] = {}
    for kind in _KINDS:
        mine = [c for c in predicted if c.kind == kind]
        good = [c for c in mine if c.id in correct]
        rel = [
            g for g in relevant if kind in compatible_kinds(g["kind"]) and _base(g["kind"]) == kind
        ]
        hit = [g for g in rel if g["id"] in matched]
        per_kind[kind] = {
            "predicted": len(mine),
            "correct": len(good),
            "precision": len(good) / len(mine) if mine else 0.0,
            "relevant": len(rel),
            "found": len(hit),
            "recall": len(hit) / len(rel) if rel else 0.0,
        }
    return {
        "recall": len(found) / len(relevant) if relevant else 0.0,
        "precision": len(correct) / len(predicted) if predicted else 0.0,
        "relevant": len(relevant),
        "found": len(found),
        "predicted": len(predicted),
        "correct": len(correct),
        "matched": {k: sorted(v) for k, v in sorted(matched.items())},
        "missed": sorted(g["id"] for g in relevant if g["id"] not in matched),
        "wrong": [c.id for c in predicted if c.id not in correct],
        "no_conflict_hits": {k: sorted(v) for k, v in sorted(no_conflict_hits.items())},
        "per_kind": per_kind,
    }


def _base(gold_kind: str) -> str:
    """Return the predicted kind a gold kind is counted under in the per-kind table."""
    kind = gold_kind.casefold()
    if kind.startswith("numeric") and "count" in kind:
        return "temporal"
    for prefix, base in (
        ("quote", "attribution"),
        ("naming", "spelling"),
        ("actor", "attribution"),
        ("place", "characterization"),
    ):
        if kind.startswith(prefix):
            return base
    return next((k for k in _KINDS if kind.startswith(k)), "characterization")
