"""Scorer for temporal normalisation against the gold timeline.

The quality target is "≥ 0.85 of dated events with the right ISO date". This module states
exactly what that means, so that every engineer measures the same thing:

* **Mention level** (the strict unit): every gold ``sources`` entry of a counted event is
  one mention. It is *right* when a :class:`~synopse.model.TimeExpression` that overlaps
  the gold ``temporal_expression`` (located inside the ``source_quote`` region of the
  document text) carries the event's ISO value, compared at the gold precision (a finer
  value is right when it truncates to the gold value; a coarser one is wrong). It is
  *wrong* when such expressions exist but none has the value, and *missed* when none
  overlaps. Ranges compare endpoint by endpoint ("2005/.." needs an open end).
* **Event level** (the headline ``score``): an event is right when at least one of its
  mentions is right and none of its mentions is wrong, so an outlet that states the date
  only vaguely ("im Anschluss an das Telefonat") does not sink the event, but a wrongly
  normalised mention does.
* **Counted events**: those whose ``iso`` is a readable ISO 8601/EDTF value (dates, months,
  years, seasons, ranges, open ranges) and whose ``precision`` does not call them vague,
  undated or not dated in the text (those hold outside knowledge or a guess). Events whose
  every quote *is* the date itself (publication date lines such as "31.12.2021 20:40") are
  metadata and are scored by the metadata scorer instead. Excluded events are listed with
  the reason.
* ``timeline_boilerplate_dates_to_ignore`` never enters the score (expressions inside
  those strings are not held against anyone; the mention scoring only looks inside gold
  quotes anyway).

Quotes are found with :func:`~synopse.evaluation.common.find_in_text`; when the whole quote
is not found (a raw scrape whose lines are still wrapped in table borders) the longest
run of the quote's words around the temporal expression that is found is used instead.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from synopse.evaluation.common import find_in_text, normalize_for_match
from synopse.model import TimeExpression

_ISO_PART = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?)?)?|\.\.")
_VAGUE = ("vague", "undated", "not dated", "not in text", "dates not in text")
_VAGUE_REASON = "vague or not dated in the text"
_WINDOW_WORDS = 6


def parse_gold_iso(value: str) -> tuple[str, ...] | None:
    """Return the endpoints of a gold ISO/EDTF value, or None when it is not machine-readable.

    Example:
        >>> parse_gold_iso("2005/.."), parse_gold_iso("2021-12 (before Christmas)")
        (('2005', '..'), None)
    """
    parts = tuple(value.strip().split("/"))
    if not 1 <= len(parts) <= 2 or not all(_ISO_PART.fullmatch(p) for p in parts):
        return None
    if parts == ("..",) or parts == ("..", ".."):
        return None
    return parts


def value_matches(predicted: str, gold: str) -> bool:
    """Return whether a predicted value equals the gold one at the gold precision.

    Example:
        >>> value_matches("2021-06-16", "2021-06"), value_matches("2021", "2021-06")
        (True, False)
    """
    want = parse_gold_iso(gold)
    have = tuple(predicted.strip().split("/"))
    if want is None or len(have) != len(want):
        return False
    for got, expected in zip(have, want, strict=True):
        if expected == "..":
            if got != "..":
                return False
            continue
        expected = expected.split("T")[0]
        if len(got) < len(expected) or got[: len(expected)] != expected:
            return False
    return True


def value_is_coarser(predicted: str, gold: str) -> bool:
    """Return whether a predicted value is consistent with the gold one but less precise.

    Example:
        >>> value_is_coarser("2021-12", "2021-12-07"), value_is_coarser("2021-11", "2021-12-07")
        (True, False)
    """
    want = parse_gold_iso(gold)
    have = tuple(predicted.strip().split("/"))
    if want is None or len(have) != len(want):
        return False
    coarser = False
    for got, expected in zip(have, want, strict=True):
        if (got == "..") != (expected == ".."):
            return False
        expected = expected.split("T")[0]
        if expected[: len(got)] != got:
            return False
        coarser = coarser or len(got) < len(expected)
    return coarser


def _exclusion(event: Mapping[str, Any]) -> str | None:
    if parse_gold_iso(str(event.get("iso", ""))) is None:
        return "iso value not machine-readable"
    precision = str(event.get("precision", "")).lower()
    if any(word in precision for word in _VAGUE):
        return _VAGUE_REASON
    sources = event.get("sources", [])
    if sources and all(
        normalize_for_match(s.get("source_quote", ""))
        == normalize_for_match(s.get("temporal_expression", ""))
        for s in sources
    ):
        return "metadata date line (scored with metadata)"
    return None


def locate_quote(text: str, quote: str, expression: str) -> tuple[int, int] | None:
    """Find the region of ``expression`` in ``text`` using its gold ``quote`` as context.

    Returns:
        Offsets of the temporal expression in ``text`` (or of the quote when the
        expression cannot be pinned down inside it), or None when neither is found.
    """
    region = find_in_text(text, quote)
    if region is not None:
        inner = find_in_text(text[region[0] : region[1]], expression)
        if inner is None:
            return region
        return region[0] + inner[0], region[0] + inner[1]
    # The quote is broken up in the text (e.g. table borders between wrapped lines): use
    # the widest run of its words around the expression that the text does contain.
    flat = normalize_for_match(quote)
    target = normalize_for_match(expression)
    position = flat.find(target) if target else -1
    if position < 0:
        return None
    after = position + len(target)
    left_starts = [m.start() for m in re.finditer(r"\S+", flat[:position])]
    right_ends = [after] + [after + m.end() for m in re.finditer(r"\S+", flat[after:])]
    for width in range(_WINDOW_WORDS, -1, -1):
        for left in range(min(width, len(left_starts)), -1, -1):
            right = width - left
            if right >= len(right_ends):
                continue
            begin = left_starts[-left] if left else position
            window = flat[begin : right_ends[right]]
            found = find_in_text(text, window)
            if found is None:
                continue
            inner = find_in_text(text[found[0] : found[1]], target)
            if inner is not None:
                return found[0] + inner[0], found[0] + inner[1]
    return None


def _score_event(
    event: Mapping[str, Any],
    analyses_by_key: Mapping[str, tuple[str, Sequence[TimeExpression]]],
) -> list[dict[str, Any]]:
    statuses: list[dict[str, Any]] = []
    for source in event.get("sources", []):
        key = source.get("doc")
        mention: dict[str, Any] = {"doc": key, "expression": source.get("temporal_expression")}
        statuses.append(mention)
        if key not in analyses_by_key:
            mention["status"] = "no document"
            continue
        text, expressions = analyses_by_key[key]
        region = locate_quote(
            text, source.get("source_quote", ""), source.get("temporal_expression", "")
        )
        if region is None:
            mention["status"] = "quote not found"
            continue
        overlapping = [e for e in expressions if e.start < region[1] and region[0] < e.end]
        mention["found"] = [e.value for e in overlapping]
        iso = str(event["iso"])
        if any(value_matches(e.value, iso) for e in overlapping):
            mention["status"] = "right"
        elif any(value_is_coarser(e.value, iso) for e in overlapping):
            mention["status"] = "imprecise"
        elif overlapping:
            mention["status"] = "wrong"
        else:
            mention["status"] = "missed"
    return statuses


def score_timeline(
    gold: Mapping[str, Any],
    analyses_by_key: Mapping[str, tuple[str, Sequence[TimeExpression]]],
) -> dict[str, Any]:
    """Score found time expressions against the gold timeline (rules in the module docstring).

    Args:
        gold: The gold annotation (with ``timeline``).
        analyses_by_key: Gold document key → (document text, its time expressions).

    Returns:
        ``score`` (event accuracy over counted events), ``mention_accuracy``, their counts,
        ``vague_score`` (the same measure over the vague events with a readable ISO value,
        for information only), and ``events``: one record per gold event with its status,
        the reason when excluded, and per-mention details.
    """
    events_out: list[dict[str, Any]] = []
    tallies = {"counted": [0, 0, 0, 0], "vague": [0, 0, 0, 0]}
    for event in gold.get("timeline", []):
        record: dict[str, Any] = {"id": event.get("id"), "iso": event.get("iso")}
        events_out.append(record)
        reason = _exclusion(event)
        bucket = "counted" if reason is None else None
        if reason == _VAGUE_REASON:
            bucket = "vague"
        if reason is not None:
            record.update(status="excluded", reason=reason)
        if bucket is None:
            continue
        statuses = _score_event(event, analyses_by_key)
        kinds = {m["status"] for m in statuses}
        is_right = "right" in kinds and "wrong" not in kinds
        tally = tallies[bucket]
        tally[0] += 1
        tally[1] += is_right
        tally[2] += len(statuses)
        tally[3] += sum(m["status"] == "right" for m in statuses)
        record["mentions"] = statuses
        if bucket == "counted":
            record["status"] = "right" if is_right else "wrong"
        else:
            record["vague_status"] = "right" if is_right else "wrong"
    counted, vague = tallies["counted"], tallies["vague"]
    return {
        "score": counted[1] / counted[0] if counted[0] else 0.0,
        "events_counted": counted[0],
        "events_right": counted[1],
        "mention_accuracy": counted[3] / counted[2] if counted[2] else 0.0,
        "mentions_counted": counted[2],
        "mentions_right": counted[3],
        "vague_score": vague[1] / vague[0] if vague[0] else 0.0,
        "vague_events": vague[0],
        "events": events_out,
    }


__all__ = ["locate_quote", "parse_gold_iso", "score_timeline", "value_is_coarser", "value_matches"]
