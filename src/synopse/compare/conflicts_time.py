"""Temporal conflicts: aligned events with different dates, and diverging schedules.

Outlets that report the same upcoming events often disagree on when they happen, in
what order, or how many there are. Two mechanisms find that:

* **fact dates**: a multi-document fact whose supports each carry one day-precision
  date, not all equal ("am 24. März" vs "am 26. März"), where the clauses around the
  dates share a name or a word (they date the same thing). Facts in which one document
  lists several dates are schedules and left to the second mechanism.
* **schedules**: per document, the sentences holding future dates are cut into
  clauses; each clause is an event keyed by the entity clusters it mentions and dated
  by its date expression (the nearest, when it holds several). An undated clause that
  carries a sequence cue ("im Anschluss", "gefolgt von") lies strictly between the dated
  events before and after it; an undated clause without one continues the clause before.
  Events of two documents are only compared inside a multi-document fact that holds
  both their sentences (two outlets reporting one schedule): an entity named in two
  unrelated announcements ("Merkel" at a conference and at a vote) is no evidence of
  one event. An entity whose dates in one document are all incompatible with its dates
  in the other, within a shared fact, is a temporal conflict (date or order), and
  documents whose schedules within one fact share a date but list a different number
  of events are a count conflict.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from synopse.compare.conflicts_base import Context, Draft, clause_keys, keys_alike
from synopse.lang import load_list
from synopse.model.analysis import EntityMention, TimeExpression
from synopse.model.comparison import ConflictValue

_CLAUSE_BREAK = re.compile(r"[,;:–—]")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Fewest events a document's schedule needs for its count to be compared.
MIN_EVENTS = 2
#: Entities mentioned in more than this share of all statements, and in more statements
#: than twice the number of documents (the story's protagonists), do not identify a
#: scheduled event.
MAX_EVENT_ENTITY_SHARE = 0.1


@dataclass(frozen=True)
class _Event:
    doc: str
    start: int
    end: int
    low: str | None
    high: str | None
    exact: str | None
    date_span: tuple[int, int] | None
    entities: frozenset[str]
    facts: frozenset[str] = frozenset()

    def compatible(self, other: _Event) -> bool:
        for a, b in ((self, other), (other, self)):
            if a.exact is not None and b.exact is None:
                return (b.low is None or b.low < a.exact) and (b.high is None or a.exact < b.high)
        if self.exact is not None and other.exact is not None:
            return self.exact == other.exact
        return True

    def describe(self) -> str:
        if self.exact is not None:
            return self.exact
        low, high = self.low or "…", self.high or "…"
        return f"between {low} and {high} (by order)"


@functools.cache
def _sequence_cues(lang: str) -> tuple[str, ...]:
    return tuple(c.casefold() for c in load_list(lang, "conflict_sequence_cues.txt"))


def find_temporal(context: Context) -> list[Draft]:
    """Find date, order and count disagreements (see the module docstring).

    Args:
        context: The run's indexes.

    Returns:
        Draft conflicts of kind temporal.
    """
    return _fact_dates(context) + _schedules(context)


def _day_dates(context: Context, doc: str, start: int, end: int) -> list[TimeExpression]:
    return [
        d
        for d in context.analyses[doc].dates
        if start <= d.start < end and d.precision == "day" and _DAY.match(d.value)
    ]


def _fact_dates(context: Context) -> list[Draft]:
    drafts = []
    for fact in context.facts.values():
        if len(fact.docs) < 2:
            continue
        per_doc: dict[str, list[TimeExpression]] = defaultdict(list)
        for support in fact.support:
            per_doc[support.doc] += _day_dates(context, support.doc, support.start, support.end)
        dated = {doc: dates for doc, dates in per_doc.items() if dates}
        if len(dated) < 2 or any(len({d.value for d in ds}) > 1 for ds in dated.values()):
            continue
        dated = _dating_same_thing(context, dated)
        if len(dated) < 2:
            continue
        if len({ds[0].value for ds in dated.values()}) < 2:
            continue
        values = tuple(
            ConflictValue(doc, d.value, d.start, d.end) for doc, ds in dated.items() for d in ds
        )
        drafts.append(Draft("temporal", f"date: {fact.label[:60]}", values, "hard", (fact.id,)))
    return drafts


def _dating_same_thing(
    context: Context, dated: dict[str, list[TimeExpression]]
) -> dict[str, list[TimeExpression]]:
    """Keep the documents whose dated clause shares a name or a word with another's.

    One fact may join sentences that date different things ("X announced on Monday,
    while Y ..." and "On Tuesday Y said ..."); a date only conflicts with a date of
    the same thing, which the clauses around them then name alike.
    """
    keys = {doc: clause_keys(context, doc, ds[0].start, ds[0].end) for doc, ds in dated.items()}
    return {
        doc: ds
        for doc, ds in dated.items()
        if any(keys_alike(keys[doc], keys[other]) for other in dated if other != doc)
    }


def _doc_schedule(context: Context, doc: str) -> list[_Event]:
    analysis = context.analyses[doc]
    text = analysis.document.text
    published = (analysis.document.published or "")[:10]
    cues = _sequence_cues(context.lang)
    events: list[_Event] = []
    future = [
        d
        for d in analysis.dates
        if d.precision == "day"
        and _DAY.match(d.value)
        and published
        and d.value[: len(published)] > published[: len(d.value)]
    ]
    sentences = sorted({analysis.sentence_at(d.start) for d in future})
    for number in sentences:
        sentence = analysis.sentences[number]
        dates = [d for d in future if sentence.start <= d.start < sentence.end]
        cuts = [sentence.start]
        cuts += [m.end() for m in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end)]
        cuts.append(sentence.end)
        for start, end in itertools.pairwise(cuts):
            if end <= start:
                continue
            clause_dates = [d for d in dates if start <= d.start < end]
            mentions = [
                m
                for m in analysis.entities
                if start <= m.start < end and (doc, m.start, m.end) in context.cluster_of
            ]
            clause = text[start:end].casefold()
            if not clause_dates:
                if any(cue in clause for cue in cues) or not events:
                    events.append(
                        _Event(
                            doc, start, end, None, None, None, None, _ids(context, doc, mentions)
                        )
                    )
                else:
                    last = events[-1]
                    events[-1] = _Event(
                        doc,
                        last.start,
                        end,
                        last.low,
                        last.high,
                        last.exact,
                        last.date_span,
                        last.entities | _ids(context, doc, mentions),
                    )
                continue
            for date in clause_dates:
                near = [
                    m
                    for m in mentions
                    if min(clause_dates, key=lambda d: (abs(d.start - m.start), d.start)) is date
                ]
                events.append(
                    _Event(
                        doc,
                        start,
                        end,
                        None,
                        None,
                        date.value,
                        (date.start, date.end),
                        _ids(context, doc, near),
                    )
                )
    # bound the undated events by their dated neighbours
    out = []
    for n, event in enumerate(events):
        if event.exact is None:
            before = [e.exact for e in events[:n] if e.exact]
            after = [e.exact for e in events[n + 1 :] if e.exact]
            event = _Event(
                doc,
                event.start,
                event.end,
                before[-1] if before else None,
                after[0] if after else None,
                None,
                None,
                event.entities,
            )
        spanned = range(analysis.sentence_at(event.start), analysis.sentence_at(event.end - 1) + 1)
        facts = {f for k in spanned for f in context.facts_of.get((doc, k), ())}
        out.append(replace(event, facts=frozenset(facts)))
    return out


def _ids(context: Context, doc: str, mentions: list[EntityMention]) -> frozenset[str]:
    return frozenset(context.cluster_of[(doc, m.start, m.end)] for m in mentions)


def _schedules(context: Context) -> list[Draft]:
    schedules = {doc: _doc_schedule(context, doc) for doc in context.analyses}
    by_entity: dict[str, dict[str, list[_Event]]] = defaultdict(lambda: defaultdict(list))
    for doc, events in schedules.items():
        for event in events:
            for entity in event.entities:
                by_entity[entity][doc].append(event)
    drafts = []
    for entity in sorted(by_entity, key=lambda e: int(e[1:]) if e[1:].isdigit() else 0):
        docs = by_entity[entity]
        share = context.entity_share(entity)
        if len(docs) < 2 or (
            share > MAX_EVENT_ENTITY_SHARE
            and share * len(context.statements) > 2 * len(context.analyses)
        ):
            continue
        odd: set[str] = set()
        shown: dict[str, set[_Event]] = defaultdict(set)
        doc_list = sorted(docs, key=lambda d: context.order[d])
        for i, a in enumerate(doc_list):
            for b in doc_list[i + 1 :]:
                pairs = [(x, y) for x in docs[a] for y in docs[b] if x.facts & y.facts]
                if not pairs:
                    continue
                for x, y in pairs:
                    shown[a].add(x)
                    shown[b].add(y)
                if not any(x.compatible(y) for x, y in pairs):
                    odd.update((a, b))
        if not odd:
            continue
        undated = any(e.exact is None for d in odd for e in shown[d])
        values = []
        for doc in doc_list:
            for event in sorted(shown[doc], key=lambda e: (e.start, e.end)):
                start, end = event.date_span or (event.start, event.end)
                values.append(ConflictValue(doc, event.describe(), start, end))
        name = context.clusters[entity].name
        topic = f"{'order' if undated else 'date'} of the scheduled event with {name}"
        facts = sorted(set.intersection(*({f for e in shown[d] for f in e.facts} for d in odd)))
        drafts.append(Draft("temporal", topic, tuple(values), "hard", tuple(facts)))
    drafts += _counts(context, schedules)
    return drafts


def _counts(context: Context, schedules: dict[str, list[_Event]]) -> list[Draft]:
    """Compare, inside each multi-document fact, how many scheduled events each lists."""
    drafts = []
    for fact_id in sorted({f for events in schedules.values() for e in events for f in e.facts}):
        in_fact = {
            doc: [e for e in events if fact_id in e.facts] for doc, events in schedules.items()
        }
        draft = _count_draft(context, {d: es for d, es in in_fact.items() if es}, fact_id)
        if draft is not None:
            drafts.append(draft)
    return drafts


def _count_draft(
    context: Context, schedules: dict[str, list[_Event]], fact_id: str
) -> Draft | None:
    summary = {}
    for doc, events in schedules.items():
        dated = [e for e in events if e.exact is not None]
        count = len({e.exact for e in dated}) + sum(
            1 for e in events if e.exact is None and (e.low or e.high)
        )
        if count >= MIN_EVENTS and dated:
            summary[doc] = (count, dated)
    if len(summary) < 2:
        return None
    counts = Counter(c for c, _ in summary.values())
    if len(counts) < 2:
        return None
    dates_of = {doc: {e.exact for e in dated} for doc, (_, dated) in summary.items()}
    linked = [d for d in summary if any(dates_of[d] & dates_of[o] for o in summary if o != d)]
    if len({summary[d][0] for d in linked}) < 2:
        return None
    values = []
    for doc in sorted(linked, key=lambda d: context.order[d]):
        count, dated = summary[doc]
        spans = [e.date_span for e in dated if e.date_span]
        listed = ", ".join(sorted({e.exact for e in dated if e.exact}))
        values.append(
            ConflictValue(
                doc,
                f"{count} events ({listed})",
                min(s[0] for s in spans),
                max(s[1] for s in spans),
            )
        )
    return Draft("temporal", "number of scheduled events", tuple(values), "medium", (fact_id,))
