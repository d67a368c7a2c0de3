"""Scoring fact groups against gold facts: pairwise document-link precision, recall and F1.

A fact group says "documents a and b report the same claim". The gold annotation lists,
for every claim, the documents that report it and the sentences ("quotes") where each
does. The score asks whether the predicted groups link the same pairs of documents for
the same claims.

Definition:

* Gold links: for every gold fact G and every pair of distinct documents (a, b) in its
  ``docs``, the triple (G, a, b). A gold fact reported by one document has no link.
* A predicted fact P *covers* G in document d when one of P's supports in d overlaps a
  gold quote of G in d (quotes located in the document text with
  :func:`~synopse.evaluation.common.find_in_text`).
* Predicted links: for every predicted fact P and every pair of distinct documents
  (a, b) it supports, one link (P, a, b). It is correct when some gold fact G is
  covered by P in both a and b; the triples (G, a, b) it covers are credited.
* precision = correct predicted links / predicted links;
  recall = distinct credited gold triples / gold links; F1 their harmonic mean.

The gold lists selected claims, not every claim of every sentence. As a secondary
figure, ``precision_annotated`` judges only the predicted links whose supports in both
documents overlap some gold quote (of any fact), leaving out links between sentences
the annotation says nothing about; ``f1_annotated`` combines it with the same recall.
The strict ``precision``/``f1`` above are the headline figures.

A fact split into two predicted groups that both link a and b counts twice in the
predicted links (both correct); a merged group that joins two claims is credited for
both only where its supports overlap both claims' quotes.

The measure rewards lumping: one predicted fact holding every sentence of every document
would score 1.0. The ``one_fact_*`` figures judge each predicted fact for one gold fact
only, the one it covers in the most documents (ties to the lower id): a link is correct
when that gold fact is covered in both documents, and only its triples are credited.
A fact lumping two claims then earns the links of one. The lenient figures are only
meaningful for groupings that, like :func:`synopse.compare.facts.find_facts`, keep few
sentences of one document per fact (``FactOptions.max_per_doc``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import combinations
from typing import Any

from synopse.evaluation.common import find_in_text, prf
from synopse.model.comparison import Fact


def gold_fact_spans(
    gold: Mapping[str, Any], texts_by_key: Mapping[str, str]
) -> dict[str, dict[str, list[tuple[int, int]]]]:
    """Locate every gold fact's support quotes in the documents' texts.

    Args:
        gold: The gold annotation (with ``facts``).
        texts_by_key: Gold document key ("000") → that document's clean text.

    Returns:
        Gold fact id → document key → ``(start, end)`` of each quote found.
    """
    spans: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for fact in gold.get("facts", ()):
        per_doc: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for support in fact.get("support", ()):
            text = texts_by_key.get(support["doc"])
            if text is None:
                continue
            for quote in support.get("quotes", ()):
                found = find_in_text(text, quote)
                if found is not None:
                    per_doc[support["doc"]].append(found)
        spans[fact["id"]] = dict(per_doc)
    return spans


def score_facts(
    gold: Mapping[str, Any],
    facts: Iterable[Fact],
    texts_by_key: Mapping[str, str],
    *,
    doc_keys: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Score predicted fact groups by pairwise document links (see the module docstring).

    Args:
        gold: The gold annotation.
        facts: The predicted facts.
        texts_by_key: Gold document key → clean text of that document.
        doc_keys: Predicted document id → gold key; ids that are gold keys need none.

    Returns:
        ``precision``, ``recall``, ``f1``, ``precision_annotated``, ``f1_annotated``,
        the counts (``predicted``, ``judged``, ``correct``, ``gold``, ``credited``) and
        ``one_fact_precision``/``one_fact_recall``/``one_fact_f1`` (one gold fact per predicted
        fact) and ``per_fact``: gold fact id → ``[found, total]`` links.

    Example:
        >>> score_facts({"facts": []}, [], {})["f1"]
        0.0
    """
    doc_keys = doc_keys or {}
    spans = gold_fact_spans(gold, texts_by_key)
    gold_links: set[tuple[str, str, str]] = set()
    for fact in gold.get("facts", ()):
        gold_docs = sorted(set(fact.get("docs", ())))
        gold_links.update((fact["id"], a, b) for a, b in combinations(gold_docs, 2))

    predicted = 0
    judged = 0
    correct = 0
    one_fact_correct = 0
    credited: set[tuple[str, str, str]] = set()
    one_fact_credited: set[tuple[str, str, str]] = set()
    for fact in facts:
        covered: dict[str, set[str]] = defaultdict(set)  # gold id -> doc keys
        docs: set[str] = set()
        for support in fact.support:
            key = doc_keys.get(support.doc, support.doc)
            docs.add(key)
            for gold_id, per_doc in spans.items():
                for start, end in per_doc.get(key, ()):
                    if support.start < end and start < support.end:
                        covered[gold_id].add(key)
        annotated = set().union(*covered.values()) if covered else set()
        main = min(covered, key=lambda g: (-len(covered[g]), g)) if covered else None
        for a, b in combinations(sorted(docs), 2):
            if (
                main is not None
                and (main, a, b) in gold_links
                and a in covered[main]
                and b in covered[main]
            ):
                one_fact_correct += 1
                one_fact_credited.add((main, a, b))
            predicted += 1
            if a in annotated and b in annotated:
                judged += 1
            hits = [(g, a, b) for g, keys in covered.items() if a in keys and b in keys]
            hits = [h for h in hits if h in gold_links]
            if hits:
                correct += 1
                credited.update(hits)
    scores = prf(correct, predicted, 0)
    recall = len(credited) / len(gold_links) if gold_links else 0.0
    precision = scores["precision"]
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    one_fact = prf(one_fact_correct, predicted, 0)
    one_fact_recall = len(one_fact_credited) / len(gold_links) if gold_links else 0.0
    one_fact_f1 = (
        2 * one_fact["precision"] * one_fact_recall / (one_fact["precision"] + one_fact_recall)
        if one_fact["precision"] + one_fact_recall
        else 0.0
    )
    per_fact: dict[str, list[int]] = {}
    for gold_id, a, b in sorted(gold_links):
        entry = per_fact.setdefault(gold_id, [0, 0])
        entry[1] += 1
        if (gold_id, a, b) in credited:
            entry[0] += 1
    precision_annotated = correct / judged if judged else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "precision_annotated": precision_annotated,
        "f1_annotated": (
            2 * precision_annotated * recall / (precision_annotated + recall)
            if precision_annotated + recall
            else 0.0
        ),
        "predicted": predicted,
        "judged": judged,
        "correct": correct,
        "gold": len(gold_links),
        "credited": len(credited),
        "one_fact_precision": one_fact["precision"],
        "one_fact_recall": one_fact_recall,
        "one_fact_f1": one_fact_f1,
        "per_fact": per_fact,
    }


def match_facts(
    gold: Mapping[str, Any],
    facts: Iterable[Fact],
    texts_by_key: Mapping[str, str],
    *,
    doc_keys: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Map each predicted fact to the gold fact its supports overlap in the most documents.

    Args:
        gold: The gold annotation.
        facts: The predicted facts.
        texts_by_key: Gold document key → clean text.
        doc_keys: Predicted document id → gold key.

    Returns:
        Predicted fact id → gold fact id, for facts overlapping any gold quote (ties go
        to the gold fact listed first).
    """
    doc_keys = doc_keys or {}
    spans = gold_fact_spans(gold, texts_by_key)
    order = {g: n for n, g in enumerate(spans)}
    mapping = {}
    for fact in facts:
        covered: dict[str, set[str]] = defaultdict(set)
        for support in fact.support:
            key = doc_keys.get(support.doc, support.doc)
            for gold_id, per_doc in spans.items():
                if any(support.start < e and s < support.end for s, e in per_doc.get(key, ())):
                    covered[gold_id].add(key)
        if covered:
            mapping[fact.id] = min(covered, key=lambda g: (-len(covered[g]), order[g]))
    return mapping


def score_omissions(
    gold: Mapping[str, Any],
    facts: Iterable[Fact],
    omissions: Mapping[str, Iterable[str]],
    texts_by_key: Mapping[str, str],
    *,
    doc_keys: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Compare predicted omissions with the gold ``omissions[*].omitted_majority_facts``.

    A predicted omission (document, fact) is mapped to a gold fact with
    :func:`match_facts`; it is correct when the gold lists that fact as omitted by that
    document. Predicted facts that match no gold fact count as wrong.

    Args:
        gold: The gold annotation.
        facts: The predicted facts.
        omissions: Predicted document id → omitted fact ids.
        texts_by_key: Gold document key → clean text.
        doc_keys: Predicted document id → gold key.

    Returns:
        ``precision``, ``recall``, ``f1`` over (document, gold fact) pairs, and the sets.
    """
    doc_keys = doc_keys or {}
    facts = list(facts)
    mapping = match_facts(gold, facts, texts_by_key, doc_keys=doc_keys)
    expected = {
        (key, item["fact_id"])
        for key, entry in gold.get("omissions", {}).items()
        for item in entry.get("omitted_majority_facts", ())
    }
    predicted: set[tuple[str, str]] = set()
    unmatched = 0
    for doc, fact_ids in omissions.items():
        key = doc_keys.get(doc, doc)
        for fact_id in fact_ids:
            if fact_id in mapping:
                predicted.add((key, mapping[fact_id]))
            else:
                unmatched += 1
    correct = len(predicted & expected)
    scores = prf(correct, len(predicted) + unmatched, len(expected))
    return {
        **scores,
        "correct": sorted(predicted & expected),
        "wrong": sorted(predicted - expected),
        "unmatched": unmatched,
        "missed": sorted(expected - predicted),
    }
