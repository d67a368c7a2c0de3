"""Scoring quotation detection against the gold quotes of the shared corpus.

Gold quotes name their sentence (or, for a paragraph that is one quotation, only the quoted
text); predictions are matched to them by overlap with that sentence located in the clean
text. The speaker is scored leniently, because annotators and extractors draw the edge of
a noun phrase differently ("ein US-Vertreter" vs "ein US-Vertreter der Nachrichtenagentur
AFP"): see :func:`speaker_matches`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from synopse.evaluation.common import find_in_text
from synopse.model import Quote

#: Gold modes that the recall targets concern; ``attributed_stance`` is reported apart.
SCORED_MODES = frozenset(["direct", "mixed", "indirect"])
_WORD = re.compile(r"\w+(?:-\w+)*")


_ARTICLES = frozenset(
    ["der", "die", "das", "dem", "den", "des", "ein", "eine", "einer", "einem", "eines", "einen"]
)


def _words(text: str) -> list[str]:
    words = []
    for word in _WORD.findall(text.lower()):
        if word in _ARTICLES:
            continue
        # Genitive -s and inflection -n/-en: "Musters" ~ "Muster", "Hauses" ~ "Haus".
        words.append(re.sub(r"(?:es|en|s|n)$", "", word) if len(word) > 4 else word)
    return words


def speaker_matches(gold: str | None, predicted: str | None) -> bool:
    """Return True when a predicted speaker phrase counts as the gold one.

    Rules (lenient, case-insensitive, after stripping genitive/inflection endings): both
    absent; or one phrase's words (articles ignored) contained in the other's; or at least
    half of the gold phrase's words appear in the predicted phrase.

    Example:
        >>> speaker_matches("ein US-Vertreter", "ein US-Vertreter der Nachrichtenagentur AFP")
        True
        >>> speaker_matches("Beispiels", "Beispiel")
        True
        >>> speaker_matches("der Kreml", "Putin")
        False
    """
    if gold is None or predicted is None:
        return gold is None and predicted is None
    gold_words, predicted_words = _words(gold), _words(predicted)
    if not gold_words or not predicted_words:
        return False
    gold_set, predicted_set = set(gold_words), set(predicted_words)
    if gold_set <= predicted_set or predicted_set <= gold_set:
        return True
    return len(gold_set & predicted_set) / len(gold_set) >= 0.5


def _locate(text: str, item: Mapping[str, Any]) -> tuple[int, int] | None:
    if item.get("sentence"):
        found = find_in_text(text, item["sentence"])
        if found is not None:
            return found
    for fragment in item.get("quoted_fragments") or []:
        found = find_in_text(text, fragment)
        if found is not None:
            return found
    return None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score_quotes(
    gold: Mapping[str, Any], docs: Mapping[str, tuple[str, Sequence[Quote]]]
) -> dict[str, Any]:
    """Score predicted quotes against gold quotes.

    Each gold quote of a scored mode (direct, mixed, indirect) is matched to at most one
    predicted quote of the same document whose span overlaps the gold sentence; pairs
    with the right speaker and the larger overlap are matched first. A prediction that
    overlaps no gold sentence at all (of any mode, ``attributed_stance`` included) is a
    false positive; one that overlaps a gold sentence already matched to another
    prediction is neither (the gold may describe one sentence as one statement where the
    prediction splits it).

    Args:
        gold: The gold annotation (with its ``quotes`` list).
        docs: Gold document key → (clean text, predicted quotes).

    Returns:
        Counts, recall, precision, speaker accuracy and mode accuracy over matched
        quotes, gold quotes not found in the text, and per-quote details.
    """
    relevant = 0
    matched = 0
    false_positives = 0
    speaker_right = 0
    mode_right = 0
    unlocated: list[str] = []
    misses: list[str] = []
    wrong_speaker: list[dict[str, Any]] = []
    extra: list[dict[str, Any]] = []
    by_doc: dict[str, list[Mapping[str, Any]]] = {}
    for item in gold.get("quotes", []):
        by_doc.setdefault(item["doc"], []).append(item)
    for key, (text, predicted) in sorted(docs.items()):
        items = by_doc.get(key, [])
        spans: list[tuple[Mapping[str, Any], tuple[int, int]]] = []
        for item in items:
            span = _locate(text, item)
            if span is None:
                if item["mode"] in SCORED_MODES:
                    unlocated.append(item["id"])
                    relevant += 1
                continue
            spans.append((item, span))
        scored = [(i, s) for i, s in spans if i["mode"] in SCORED_MODES]
        relevant += len(scored)
        pairs = []
        for g, (item, span) in enumerate(scored):
            for p, quote in enumerate(predicted):
                overlap = _overlap(span, (quote.start, quote.end))
                if overlap:
                    right = speaker_matches(item.get("speaker_as_written"), quote.speaker)
                    pairs.append((not right, -overlap, g, p))
        pairs.sort()
        used_gold: set[int] = set()
        used_pred: set[int] = set()
        for _, _, g, p in pairs:
            if g in used_gold or p in used_pred:
                continue
            used_gold.add(g)
            used_pred.add(p)
            item = scored[g][0]
            quote = predicted[p]
            matched += 1
            if speaker_matches(item.get("speaker_as_written"), quote.speaker):
                speaker_right += 1
            else:
                wrong_speaker.append(
                    {
                        "id": item["id"],
                        "gold": item.get("speaker_as_written"),
                        "predicted": quote.speaker,
                    }
                )
            mode_right += quote.mode == item["mode"]
        misses += [scored[g][0]["id"] for g in range(len(scored)) if g not in used_gold]
        all_spans = [span for _, span in spans]
        for p, quote in enumerate(predicted):
            if p in used_pred:
                continue
            if not any(_overlap(span, (quote.start, quote.end)) for span in all_spans):
                false_positives += 1
                extra.append({"doc": key, "text": text[quote.start : quote.end][:160]})
    predicted_count = matched + false_positives
    return {
        "gold": relevant,
        "matched": matched,
        "false_positives": false_positives,
        "recall": matched / relevant if relevant else 0.0,
        "precision": matched / predicted_count if predicted_count else 0.0,
        "speaker_accuracy": speaker_right / matched if matched else 0.0,
        "mode_accuracy": mode_right / matched if matched else 0.0,
        "unlocated": unlocated,
        "missed": misses,
        "wrong_speaker": wrong_speaker,
        "extra": extra,
    }
