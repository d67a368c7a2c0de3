"""Scores for the entity recogniser: GermEval 2014 span F1 and coverage of gold entities.

GermEval 2014 gives tokens, not running text: each sentence is rebuilt by joining its
tokens with single spaces, so every gold token has known offsets. Only the outer column's
PER, LOC and ORG spans are scored (exact span and type); OTH and the ``*deriv``/``*part``
classes are left out, and so are our MISC mentions and mentions of a name inside a
hyphenated compound ("Nato" in "Nato-Gipfel"), which GermEval labels ``*part``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from synopse.analysis.entities import find_entities
from synopse.evaluation.common import find_in_text, normalize_for_match, prf
from synopse.model.analysis import EntityMention, Sentence

SCORED_TYPES = ("PER", "LOC", "ORG")
GOLD_TYPE_PREFIXES = {"person": "PER", "organisation": "ORG", "place": "LOC"}


def read_germeval(tsv_path: str | Path) -> Iterator[tuple[list[str], list[str]]]:
    """Yield ``(tokens, outer tags)`` per sentence of a GermEval 2014 TSV file."""
    tokens: list[str] = []
    tags: list[str] = []
    with Path(tsv_path).open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 3:
                if tokens:
                    yield tokens, tags
                tokens, tags = [], []
                continue
            tokens.append(cells[1])
            tags.append(cells[2])
    if tokens:
        yield tokens, tags


def _gold_spans(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    spans = set()
    start = -1
    kind = ""
    for index, tag in enumerate([*tags, "O"]):
        if tag.startswith("I-") and tag[2:] == kind and start >= 0:
            continue
        if start >= 0 and kind in SCORED_TYPES:
            spans.add((start, index, kind))
        start, kind = (index, tag[2:]) if tag[:2] in {"B-", "I-"} else (-1, "")
    return spans


def score_germeval(
    tsv_path: str | Path, limit: int | None = None, start: int = 0
) -> dict[str, Any]:
    """Score :func:`find_entities` on a GermEval 2014 file (exact span and type).

    Args:
        tsv_path: The GermEval TSV file (token number, token, outer tag, inner tag).
        limit: Score at most ``limit`` sentences.
        start: Skip the first ``start`` sentences (to score a held-out part).

    Returns:
        ``{"overall": {precision, recall, f1, gold, predicted, correct}, "PER": {...},
        "LOC": {...}, "ORG": {...}, "sentences": n}``.
    """
    counts = {kind: [0, 0, 0] for kind in SCORED_TYPES}
    sentences = 0
    for number, (tokens, tags) in enumerate(read_germeval(tsv_path)):
        if number < start:
            continue
        if limit is not None and sentences >= limit:
            break
        sentences += 1
        text = " ".join(tokens)
        starts: dict[int, int] = {}
        ends: dict[int, int] = {}
        offset = 0
        for index, token in enumerate(tokens):
            starts[offset] = index
            ends[offset + len(token)] = index + 1
            offset += len(token) + 1
        gold = _gold_spans(tags)
        predicted = set()
        for mention in find_entities(text, [Sentence(0, len(text))]):
            if mention.type not in SCORED_TYPES:
                continue
            if mention.start in starts and mention.end in ends:
                predicted.add((starts[mention.start], ends[mention.end], mention.type))
        for kind in SCORED_TYPES:
            gold_kind = {s for s in gold if s[2] == kind}
            predicted_kind = {s for s in predicted if s[2] == kind}
            counts[kind][0] += len(gold_kind & predicted_kind)
            counts[kind][1] += len(predicted_kind)
            counts[kind][2] += len(gold_kind)
    result: dict[str, Any] = {"sentences": sentences}
    for kind, (correct, predicted_n, gold_n) in counts.items():
        result[kind] = {
            **prf(correct, predicted_n, gold_n),
            "gold": gold_n,
            "predicted": predicted_n,
            "correct": correct,
        }
    correct = sum(c[0] for c in counts.values())
    predicted_n = sum(c[1] for c in counts.values())
    gold_n = sum(c[2] for c in counts.values())
    result["overall"] = {
        **prf(correct, predicted_n, gold_n),
        "gold": gold_n,
        "predicted": predicted_n,
        "correct": correct,
    }
    return result


def gold_entity_type(gold_type: str) -> str | None:
    """Map a gold annotation type ("person", "place (city)") to PER/ORG/LOC, else None.

    Anonymous persons ("person (anonymous)") are descriptions, not names, and map to None.
    """
    if "anonymous" in gold_type:
        return None
    for prefix, kind in GOLD_TYPE_PREFIXES.items():
        if gold_type.startswith(prefix):
            return kind
    return None


def score_gold_entities(
    gold: Mapping[str, Any],
    texts_by_key: Mapping[str, str],
    mentions_by_key: Mapping[str, Sequence[EntityMention]],
) -> dict[str, Any]:
    """Score entity coverage and grouping against the shared gold annotation.

    An entity counts as found in a document when some mention overlaps one of its
    variants there; its variants are grouped when all mentions overlapping them carry one
    ``name``. Only PER/ORG/LOC gold entities count (see :func:`gold_entity_type`); other
    types (projects, events) are reported under ``other``.

    Args:
        gold: The gold JSON (its ``entities`` list).
        texts_by_key: Document text per gold key ('000').
        mentions_by_key: Our mentions per gold key.

    Returns:
        ``{"found": fraction, "grouped": fraction, "pairs": n, "missing": [...],
        "split": [...], "other": {...}, "typed": fraction}``.
    """
    found = grouped = pairs = typed = 0
    missing: list[str] = []
    split: list[str] = []
    other_found = other_pairs = 0
    for entity in gold.get("entities", []):
        kind = gold_entity_type(str(entity.get("type", "")))
        for key, variants in sorted(entity.get("variants", {}).items()):
            if key not in texts_by_key:
                continue
            text = texts_by_key[key]
            mentions = mentions_by_key.get(key, ())
            hits = _overlapping(text, variants, mentions)
            if kind is None:
                if "anonymous" not in str(entity.get("type", "")):
                    other_pairs += 1
                    other_found += bool(hits)
                continue
            pairs += 1
            label = f"{entity.get('id')}@{key}"
            if not hits:
                missing.append(label)
                continue
            found += 1
            typed += any(m.type == kind for m in hits)
            if len({m.name for m in hits if m.type == kind} or {m.name for m in hits}) == 1:
                grouped += 1
            else:
                split.append(label)
    return {
        "found": found / pairs if pairs else 0.0,
        "grouped": grouped / found if found else 0.0,
        "typed": typed / found if found else 0.0,
        "pairs": pairs,
        "missing": missing,
        "split": split,
        "other": {"pairs": other_pairs, "found": other_found},
    }


def _overlapping(
    text: str, variants: Sequence[str], mentions: Sequence[EntityMention]
) -> list[EntityMention]:
    hits: dict[tuple[int, int], EntityMention] = {}
    for variant in variants:
        for start, end in _all_occurrences(text, variant):
            for mention in mentions:
                if mention.start < end and start < mention.end:
                    hits[(mention.start, mention.end)] = mention
    return [hits[k] for k in sorted(hits)]


def _all_occurrences(text: str, variant: str) -> list[tuple[int, int]]:
    target = normalize_for_match(variant)
    found = []
    position = text.find(target)
    while position >= 0 and target:
        found.append((position, position + len(target)))
        position = text.find(target, position + 1)
    if not found:
        span = find_in_text(text, variant)
        if span is not None:
            found.append(span)
    return found
