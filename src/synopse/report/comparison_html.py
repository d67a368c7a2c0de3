"""A single-file HTML report of a Comparison, every statement linked to its evidence.

``synopse compare --format html`` writes this. The page has the sections of the
terminal report (sources, consensus, exclusives, conflicts, omissions, speakers,
framing, shared text, timeline, summary), then each document's cleaned text once. Every
span the report cites is wrapped in that text in an element whose id is made of the
document's number, its sanitised id and the character offsets, and every statement
links there with ``href="#…"``; ``:target`` highlights the span. Cited spans may
overlap (a quote over two fact sentences, a value inside a quote), so they are cut into
properly nested pieces: the first piece carries the id, later pieces point back to it
with ``data-of``, and every piece says which characters it holds with ``data-start`` and
``data-end``. The page needs no script and loads nothing; a Content-Security-Policy
forbids both. All text from the input is escaped, and ids are reduced to ``[A-Za-z0-9_-]``.
"""

from __future__ import annotations

import heapq
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from synopse.model import Analysis, Failure
from synopse.model.comparison import Comparison, Fact, FactSupport
from synopse.report.comparison_views import (
    QuotedSpeaker,
    coverage,
    exclusive_by_doc,
    quoted_speakers,
    short_labels,
    wording,
)

__all__ = ["render_html"]

#: Longest clause shown around a conflict value.
WORDING_CHARS = 120
#: Most document columns drawn as separate coverage marks; beyond, coverage is a count.
MAX_MARKS = 40
#: Longest document id kept in an anchor id (the document number keeps ids unique).
SLUG_CHARS = 40
MARKS = {"own": "✓", "copied": "≈", "related": "?", "absent": "·"}
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]+")

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem 2rem;
color:#1d1d1f;background:#fff}
h1{font-size:1.6rem}h2{border-bottom:2px solid #2a7ab0;color:#2a7ab0;margin-top:2.5rem}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
table{border-collapse:collapse;margin:.5rem 0}
th,td{border-bottom:1px solid #ddd;padding:.25rem .6rem;text-align:left;vertical-align:top}
th{background:#f3f6f9}
a{color:#1a5f8f}.muted,.note{color:#777}.note{font-size:.9rem}
.marks a,.marks span{font-family:monospace;text-decoration:none;padding:0 .1rem}
.own{color:#1b7f3a}.copied{color:#b07a00}.related{color:#1a6fa0}.absent{color:#bbb}
.hard{color:#b3261e;font-weight:600}.kind{color:#7a3f9d}
mark{background:#fff3b0}
nav a{margin-right:.8rem}
ul.plain{list-style:none;padding-left:0}
details summary{cursor:pointer;color:#555}
.doc{border-top:1px solid #ccc;margin-top:1.5rem}
.text{white-space:pre-wrap;font-family:Georgia,serif;line-height:1.6}
.ev{scroll-margin-top:4rem}
.k-quote{background:#eef5fb}.k-reuse{background:#f1f1f1}
.k-conflict{text-decoration:underline wavy #b3261e}
.k-date{border-bottom:2px solid #2a7ab0}.k-hedge,.k-eval{border-bottom:2px dotted #7a3f9d}
.ev:target{background:#ffe066;outline:2px solid #e0a800}
"""


def _e(text: object) -> str:
    """Escape untrusted text for element content and quoted attribute values."""
    return html.escape(str(text), quote=True)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _slug(doc: str) -> str:
    return _UNSAFE_ID.sub("-", doc).strip("-")[:SLUG_CHARS] or "doc"


@dataclass
class _Anchor:
    id: str
    kinds: set[str] = field(default_factory=set)


class _Evidence:
    """The cited spans of every document, each with its anchor id."""

    def __init__(self, comparison: Comparison) -> None:
        self.analyses = {a.document.id: a for a in comparison.analyses}
        self.keys = {
            a.document.id: f"d{n}-{_slug(a.document.id)}"
            for n, a in enumerate(comparison.analyses, 1)
        }
        self.spans: dict[str, dict[tuple[int, int], _Anchor]] = {d: {} for d in self.keys}
        self.short = short_labels(comparison)

    def name(self, doc: str) -> str:
        """The document's short name as markup, its whole id in the tooltip."""
        short = self.short.get(doc, doc)
        return _e(doc) if short == doc else f'<span title="{_e(doc)}">{_e(short)}</span>'

    def doc_href(self, doc: str) -> str:
        return f"#doc-{self.keys[doc]}" if doc in self.keys else ""

    def cite(self, doc: str, start: int, end: int, kind: str) -> str | None:
        """Register a span and return its anchor id (None if it is not in the document)."""
        analysis = self.analyses.get(doc)
        if analysis is None or not 0 <= start <= end <= len(analysis.document.text):
            return None
        anchor = self.spans[doc].setdefault(
            (start, end), _Anchor(f"{self.keys[doc]}-{start}-{end}")
        )
        anchor.kinds.add(kind)
        return anchor.id

    def link(self, doc: str, start: int, end: int, kind: str, content: str) -> str:
        """Return ``content`` (markup) as a link to the span, or unlinked if it is invalid."""
        anchor = self.cite(doc, start, end, kind)
        return content if anchor is None else f'<a href="#{anchor}">{content}</a>'

    def quote(self, doc: str, start: int, end: int, kind: str) -> str:
        """Return the span's own text, escaped, as a link to it."""
        text = self.analyses[doc].document.text[start:end] if doc in self.analyses else ""
        return self.link(doc, start, end, kind, _e(_flat(text)))


def _laminate(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int, int, bool]]:
    """Cut spans into pieces that nest properly: ``(start, end, span number, first piece)``.

    A span that starts inside an open piece and ends after it is cut at that piece's end
    and the rest is queued again, so no two pieces ever cross.
    """
    queue = [(s, -e, n, n, True) for n, (s, e) in enumerate(spans)]
    heapq.heapify(queue)
    pieces: list[tuple[int, int, int, bool]] = []
    open_ends: list[int] = []
    order = len(queue)
    while queue:
        start, neg_end, _, number, first = heapq.heappop(queue)
        end = -neg_end
        while open_ends and open_ends[-1] <= start:
            open_ends.pop()
        if open_ends and end > open_ends[-1]:
            cut = open_ends[-1]
            heapq.heappush(queue, (cut, neg_end, order, number, False))
            order += 1
            end = cut
        pieces.append((start, end, number, first))
        open_ends.append(end)
    return pieces


def _marked_text(text: str, anchors: dict[tuple[int, int], _Anchor]) -> tuple[str, list[str]]:
    """Return the escaped text with every cited span wrapped, and the ids of cut spans."""
    spans = sorted(anchors)
    pieces = _laminate(spans)
    out: list[str] = []
    pos = 0
    open_ends: list[int] = []
    cut: list[str] = []
    for start, end, number, first in pieces:
        while open_ends and open_ends[-1] <= start:
            close = open_ends.pop()
            out.append(_e(text[pos:close]) + "</span>")
            pos = close
        out.append(_e(text[pos:start]))
        pos = start
        anchor = anchors[spans[number]]
        classes = " ".join(["ev", *(f"k-{k}" for k in sorted(anchor.kinds))])
        ref = f'id="{_e(anchor.id)}"' if first else f'data-of="{_e(anchor.id)}"'
        if not first and anchor.id not in cut:
            cut.append(anchor.id)
        out.append(f'<span class="{classes}" {ref} data-start="{start}" data-end="{end}">')
        open_ends.append(end)
    while open_ends:
        close = open_ends.pop()
        out.append(_e(text[pos:close]) + "</span>")
        pos = close
    out.append(_e(text[pos:]))
    return "".join(out), cut


def _table(head: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A table from cells that are already markup (callers escape their text)."""
    th = "".join(f"<th>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _section(anchor: str, title: str, note: str, body: str) -> str:
    note_html = f'<p class="note">{_e(note)}</p>' if note else ""
    return f'<section id="{anchor}"><h2>{_e(title)}</h2>{note_html}{body}</section>'


def _empty(text: str) -> str:
    return f'<p class="muted">{_e(text)}</p>'


def _fact_link(fact_id: str) -> str:
    return f'<a href="#fact-{_e(_slug(fact_id))}">{_e(fact_id)}</a>'


def _support_link(ev: _Evidence, support: FactSupport, content: str) -> str:
    return ev.link(support.doc, support.start, support.end, "fact", content)


def _first_support(fact: Fact, doc: str) -> FactSupport | None:
    return next((s for s in fact.support if s.doc == doc), None)


def _sources(comparison: Comparison, ev: _Evidence) -> str:
    rows = []
    for number, analysis in enumerate(comparison.analyses, 1):
        doc = analysis.document
        rows.append(
            [
                str(number),
                f'<a href="{ev.doc_href(doc.id)}">{_e(doc.id)}</a>',
                _e(doc.outlet or "—"),
                _e(_flat(doc.title or "—")),
                _e(doc.author or "—"),
                _e((doc.published or "—").replace("T", " ")),
                f"{len(doc.text.split()):,}",
            ]
        )
    head = ["#", "id", "outlet", "title", "author", "published", "words"]
    return _section("sources", "Sources", "", _table(head, rows))


def _supports(fact: Fact, ev: _Evidence) -> str:
    items = []
    for support in fact.support:
        who = f" (according to {_e(support.attributed_to)})" if support.attributed_to else ""
        copied = ' <span class="copied">copied text</span>' if support.reused else ""
        text = ev.quote(support.doc, support.start, support.end, "fact")
        items.append(f"<li><b>{ev.name(support.doc)}</b>{who}{copied}: {text}</li>")
    summary = f"<summary>{len(fact.support)} supports</summary>"
    return f"<details>{summary}<ul>{''.join(items)}</ul></details>"


def _marks(fact: Fact, order: Sequence[str], ev: _Evidence) -> str:
    if len(order) > MAX_MARKS:
        return f"{len(fact.docs)}/{len(order)}"
    out = []
    for doc, mark in zip(order, coverage(fact, order), strict=True):
        support = _first_support(fact, doc) or next((s for s in fact.related if s.doc == doc), None)
        symbol = f'<span class="{mark}" title="{_e(doc)}">{MARKS[mark]}</span>'
        out.append(symbol if support is None else _support_link(ev, support, symbol))
    return f'<span class="marks">{"".join(out)}</span>'


def _label(fact: Fact, ev: _Evidence) -> str:
    """The fact's label, linked to the support whose sentence it is (else the first)."""
    label = _flat(fact.label)
    if not fact.support:
        return _e(label)
    texts = {d: a.document.text for d, a in ev.analyses.items()}
    support = next(
        (s for s in fact.support if _flat(texts.get(s.doc, "")[s.start : s.end]) == label),
        fact.support[0],
    )
    return _support_link(ev, support, _e(label))


def _consensus(comparison: Comparison, ev: _Evidence) -> str:
    shared = [f for f in comparison.facts if len(f.docs) > 1]
    order = [a.document.id for a in comparison.analyses]
    note = (
        "✓ reports, ≈ only in copied text, ? a close sentence (perhaps the claim in other "
        "words), · absent (in source order); "
        "each mark links to the sentence"
    )
    title = f"Consensus: {len(shared)} facts reported by several sources"
    if not shared:
        return _section(
            "consensus", title, note, _empty("No fact is reported by more than one source.")
        )
    rows = [
        [
            f'<span id="fact-{_e(_slug(f.id))}">{_e(f.id)}</span>',
            _marks(f, order, ev),
            str(len(f.docs)),
            _label(f, ev) + _supports(f, ev),
        ]
        for f in shared
    ]
    return _section("consensus", title, note, _table(["fact", "sources", "n", "label"], rows))


def _exclusive(comparison: Comparison, ev: _Evidence) -> str:
    by_doc = exclusive_by_doc(comparison)
    total = sum(len(v) for v in by_doc.values())
    title = f"Exclusive: {total} facts only one source reports"
    if not total:
        return _section(
            "exclusive", title, "", _empty("Every fact is reported by more than one source.")
        )
    parts = []
    for analysis in comparison.analyses:
        doc = analysis.document.id
        facts = by_doc.get(doc, [])
        if facts:
            items = "".join(
                f'<li><span id="fact-{_e(_slug(f.id))}">{_e(f.id)}</span> {_label(f, ev)}</li>'
                for f in facts
            )
            parts.append(f"<h3>{_e(doc)} ({len(facts)})</h3><ul>{items}</ul>")
    return _section("exclusive", title, "", "".join(parts))


def _wording_html(analysis: Analysis, start: int, end: int, ev: _Evidence) -> str:
    text = analysis.document.text
    doc = analysis.document.id
    shown = wording(analysis, start, end, max_chars=WORDING_CHARS)
    value = ev.link(doc, start, end, "conflict", f"<mark>{_e(text[start:end])}</mark>")
    left = ("… " if shown.cut_start else "") + _e(text[shown.start : start])
    right = _e(text[end : shown.end]) + (" …" if shown.cut_end else "")
    return left + value + right


def _conflicts(comparison: Comparison, ev: _Evidence) -> str:
    conflicts = comparison.conflicts
    title = f"Conflicts: {len(conflicts)}"
    if not conflicts:
        return _section("conflicts", title, "", _empty("No conflict found between the sources."))
    parts = []
    for conflict in conflicts:
        style = "hard" if conflict.severity == "hard" else "muted"
        severity = f'<span class="{style}">({_e(conflict.severity)})</span>'
        facts = ", ".join(_fact_link(f) for f in conflict.facts)
        about = f' <span class="note">facts {facts}</span>' if facts else ""
        parts.append(
            f'<h3 id="conflict-{_e(_slug(conflict.id))}">{_e(conflict.id)} '
            f'<span class="kind">{_e(conflict.kind)}</span> {severity} — '
            f"{_e(_flat(conflict.topic))}{about}</h3>"
        )
        rows = []
        for value in conflict.values:
            analysis = ev.analyses.get(value.doc)
            words = _wording_html(analysis, value.start, value.end, ev) if analysis else ""
            linked = ev.link(value.doc, value.start, value.end, "conflict", _e(value.value))
            rows.append([ev.name(value.doc), linked, words])
        parts.append(_table(["source", "value", "wording"], rows))
    return _section("conflicts", title, "each side in its own words", "".join(parts))


def _omissions(comparison: Comparison) -> str:
    labels = {f.id: f.label for f in comparison.facts}
    note = "facts most other sources report but this one leaves out"
    if not any(comparison.omissions.values()):
        return _section(
            "omissions", "Omissions", note, _empty("No source leaves out what most others report.")
        )
    rows = []
    for analysis in comparison.analyses:
        omitted = comparison.omissions.get(analysis.document.id, ())
        items = "".join(f"<li>{_fact_link(f)} {_e(_flat(labels.get(f, '')))}</li>" for f in omitted)
        rows.append(
            [_e(analysis.document.id), str(len(omitted)), f'<ul class="plain">{items}</ul>']
        )
    return _section("omissions", "Omissions", note, _table(["source", "omits", "facts"], rows))


def _quote_links(speaker: QuotedSpeaker, doc: str, ev: _Evidence) -> str:
    """Numbered links to the speaker's quotes in one document."""
    quotes = [q for d, q in speaker.quotes if d == doc]
    return " ".join(
        ev.link(doc, q.start, q.end, "quote", f"[{n}]") for n, q in enumerate(quotes, 1)
    )


def _speakers(comparison: Comparison, ev: _Evidence) -> str:
    ranked = quoted_speakers(comparison)
    note = "who is quoted how often (direct / reported); each number links to a quote"
    if not ranked:
        return _section("speakers", "Speakers", note, _empty("No attributed quotes found."))
    rows = []
    order = [a.document.id for a in comparison.analyses]
    for speaker in ranked:
        links = "; ".join(
            f"{ev.name(doc)}: {_quote_links(speaker, doc, ev)}"
            for doc in order
            if speaker.count(doc)
        )
        direct = speaker.direct
        rows.append(
            [
                _e(speaker.label),
                str(len(speaker.quotes)),
                str(direct),
                str(len(speaker.quotes) - direct),
                links,
            ]
        )
    head = ["speaker", "quotes", "direct", "reported", "quotes by source"]
    return _section("speakers", "Speakers", note, _table(head, rows))


def _framing(comparison: Comparison, ev: _Evidence) -> str:
    if not comparison.framing:
        return ""
    speakers = quoted_speakers(comparison)
    parts = []
    for analysis in comparison.analyses:
        doc = analysis.document.id
        framing = comparison.framing.get(doc)
        if framing is None:
            continue
        terms = ", ".join(
            f'{_e(t.term)} <span class="muted">{t.score:.1f}</span>' for t in framing.terms
        )
        hedges = "; ".join(
            ev.quote(doc, h.start, h.end, "hedge") + f' <span class="muted">{_e(h.kind)}</span>'
            for h in framing.hedges
        )
        evaluative = ", ".join(
            ev.quote(doc, w.start, w.end, "eval") + f' <span class="muted">{_e(w.polarity)}</span>'
            for w in framing.evaluative
        )
        quoted = "; ".join(
            f"{_e(s.label)}: {_quote_links(s, doc, ev)}" for s in speakers if s.count(doc)
        )
        rows = [
            ["distinctive terms", terms or '<span class="muted">—</span>'],
            ["hedges", hedges or '<span class="muted">—</span>'],
            ["evaluative words", evaluative or '<span class="muted">—</span>'],
            ["quoted", quoted or '<span class="muted">—</span>'],
        ]
        body = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
        parts.append(f"<h3>{_e(doc)}</h3><table><tbody>{body}</tbody></table>")
    note = "distinctive words (z-score), hedges, evaluative words and whom each source quotes"
    return _section("framing", "Framing", note, "".join(parts))


def _reuse(comparison: Comparison, ev: _Evidence) -> str:
    if not comparison.reuse:
        return ""
    rows = []
    for reuse in comparison.reuse:
        a, b = reuse.docs
        passages = "".join(
            f"<li>{ev.link(a, p.a_start, p.a_end, 'reuse', ev.name(a))} ↔ "
            f"{ev.link(b, p.b_start, p.b_end, 'reuse', ev.name(b))}: "
            f"{ev.quote(a, p.a_start, p.a_end, 'reuse')}</li>"
            for p in reuse.passages
        )
        rows.append(
            [f"{_e(a)} ↔ {_e(b)}", f"{reuse.score:.0%}", f'<ul class="plain">{passages}</ul>']
        )
    note = "passages copied between sources (wire copy)"
    return _section("reuse", "Shared text", note, _table(["sources", "share", "passages"], rows))


def _timeline(comparison: Comparison, ev: _Evidence) -> str:
    events = comparison.timeline
    title = f"Timeline: {len(events)} dated events"
    if not events:
        return _section("timeline", title, "", _empty("No dates found."))
    rows = []
    for event in events:
        mentions = "; ".join(
            f"{ev.name(m.doc)}: {ev.quote(m.doc, m.start, m.end, 'date')}" for m in event.mentions
        )
        rows.append([_e(event.date), _e(_flat(event.label)), mentions])
    return _section("timeline", title, "", _table(["date", "event", "mentions"], rows))


def _summary(comparison: Comparison, ev: _Evidence) -> str:
    note = "every sentence cites its facts and, per source, the sentence that states it"
    if not comparison.summary:
        return _section("summary", "Summary", note, _empty("Nothing to summarise."))
    facts = {f.id: f for f in comparison.facts}
    items = []
    for sentence in comparison.summary:
        cites = []
        for fact_id in sentence.facts:
            fact = facts.get(fact_id)
            docs = []
            for doc in sentence.sources:
                support = _first_support(fact, doc) if fact is not None else None
                if support is not None:
                    docs.append(_support_link(ev, support, ev.name(doc)))
            cites.append(_fact_link(fact_id) + (": " + ", ".join(docs) if docs else ""))
        cited = {d for f in sentence.facts if f in facts for d in facts[f].docs}
        for doc in sentence.sources:
            if doc not in cited:
                cites.append(f'<a href="{ev.doc_href(doc)}">{ev.name(doc)}</a>')
        items.append(
            f'<li>{_e(_flat(sentence.text))} <span class="note">[{"; ".join(cites)}]</span></li>'
        )
    return _section("summary", "Summary", note, f"<ol>{''.join(items)}</ol>")


def _failures(failures: Sequence[Failure]) -> str:
    if not failures:
        return ""
    items = "".join(f"<li>{_e(f.source)}: {_e(_flat(str(f.error)))}</li>" for f in failures)
    return _section("failures", "Sources that could not be read", "", f"<ul>{items}</ul>")


def _documents(comparison: Comparison, ev: _Evidence) -> tuple[str, list[str]]:
    parts = []
    cut: list[str] = []
    for number, analysis in enumerate(comparison.analyses, 1):
        doc = analysis.document
        key = ev.keys[doc.id]
        body, doc_cut = _marked_text(doc.text, ev.spans[doc.id])
        cut.extend(doc_cut)
        meta = " · ".join(_e(v) for v in (doc.outlet, doc.author, doc.published, doc.source) if v)
        parts.append(
            f'<section class="doc" id="doc-{key}" data-doc="{_e(doc.id)}">'
            f"<h3>{number}. {_e(doc.id)}: {_e(_flat(doc.title or '—'))}</h3>"
            f'<p class="note">{meta}</p><div class="text">{body}</div></section>'
        )
    return _section(
        "documents",
        "Documents",
        "the cleaned text of each source; cited spans are marked",
        "".join(parts),
    ), cut


def render_html(
    comparison: Comparison, *, failures: Sequence[Failure] = (), title: str | None = None
) -> str:
    """Return the comparison as one self-contained HTML page.

    Args:
        comparison: The result of :func:`synopse.compare.pipeline.compare`.
        failures: Sources that could not be read, listed in their own section.
        title: The page title; by default it counts the sources.

    Returns:
        A complete HTML document with inline CSS and no script: the report's sections,
        then each document's text, where every cited span is an element with an id that
        the statements link to.

    Example:
        >>> page = render_html(comparison)  # doctest: +SKIP
        >>> page.startswith("<!DOCTYPE html>")  # doctest: +SKIP
        True
    """
    ev = _Evidence(comparison)
    heading = title or f"Synopse: {len(comparison.analyses)} sources compared"
    sections = [
        ("sources", "Sources", _sources(comparison, ev)),
        ("consensus", "Consensus", _consensus(comparison, ev)),
        ("exclusive", "Exclusive", _exclusive(comparison, ev)),
        ("conflicts", "Conflicts", _conflicts(comparison, ev)),
        ("omissions", "Omissions", _omissions(comparison)),
        ("speakers", "Speakers", _speakers(comparison, ev)),
        ("framing", "Framing", _framing(comparison, ev)),
        ("reuse", "Shared text", _reuse(comparison, ev)),
        ("timeline", "Timeline", _timeline(comparison, ev)),
        ("summary", "Summary", _summary(comparison, ev)),
        ("failures", "Failures", _failures(failures)),
    ]
    # The documents come last: only now is every cited span known.
    documents, cut = _documents(comparison, ev)
    sections.append(("documents", "Documents", documents))
    # A span cut into pieces is highlighted whole when its first piece is the target.
    css = _CSS + "".join(
        f'.doc:has(#{anchor}:target) [data-of="{anchor}"]{{background:#ffe066}}\n' for anchor in cut
    )
    nav = " ".join(f'<a href="#{anchor}">{name}</a>' for anchor, name, part in sections if part)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(comparison.language)}"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(heading)}</title><style>{css}</style></head><body>"
        f"<h1>{_e(heading)}</h1><nav>{nav}</nav>"
        + "".join(part for _, _, part in sections)
        + "</body></html>\n"
    )
