"""Terminal rendering of a Comparison with rich, meant to be read by a person.

The order follows the questions a journalist asks of a story's coverage: which sources
are these, what do they agree on, what does only one of them say, where do they
contradict each other (each side in its own words), what does each leave out, whom does
each let speak, when did what happen, and in short. Untrusted text (everything taken
from the documents) is always passed as ``Text``, never as markup.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from synopse.model import Analysis
from synopse.model.comparison import Comparison, Fact
from synopse.report.comparison_views import (
    coverage,
    exclusive_by_doc,
    quoted_speakers,
    short_labels,
    wording,
)

SNIPPET_CHARS = 110
MAX_CONSENSUS = 20
MAX_EXCLUSIVE_PER_DOC = 3
MAX_CONFLICTS = 15
MAX_OMISSIONS_PER_DOC = 4
MAX_SPEAKERS = 15
MAX_TIMELINE = 25
MAX_TERMS = 6
#: Longest clause shown around a conflict value (a longer value is shown alone, cut).
WORDING_CHARS = 90
#: Most document columns drawn as separate marks; beyond, coverage is a count.
MAX_MARKS = 40
MARK_YES, MARK_COPY, MARK_NEAR, MARK_NO = "✓", "≈", "?", "·"


def _snippet(text: str, limit: int = SNIPPET_CHARS) -> Text:
    flat = " ".join(text.split())
    return Text(flat if len(flat) <= limit else flat[: limit - 1] + "…")


def _section(console: Console, title: str, note: str = "") -> None:
    console.print()
    heading = Text(title, style="bold cyan")
    if note:
        heading.append(f"  {note}", style="dim")
    console.print(Rule(heading, style="cyan", align="left"))


def _table(*columns: str, fixed: int = 0, fixed_width: int = 22) -> Table:
    """A plain table; the first ``fixed`` columns stay on one line, cut with an ellipsis."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    for number, column in enumerate(columns):
        if number < fixed:
            table.add_column(column, no_wrap=True, overflow="ellipsis", max_width=fixed_width)
        else:
            table.add_column(column)
    return table


def _words(analysis: Analysis) -> int:
    return len(analysis.document.text.split())


def _sources(comparison: Comparison, console: Console) -> None:
    narrow = console.width < 100
    table = _table("#", "id", "outlet", fixed=3, fixed_width=max(8, console.width // 6))
    table.add_column("title", min_width=16)
    table.add_column("published", no_wrap=True)
    table.add_column("words", justify="right", no_wrap=True)
    for number, analysis in enumerate(comparison.analyses, 1):
        doc = analysis.document
        table.add_row(
            Text(str(number)),
            Text(doc.id),
            Text(doc.outlet or "—", style="" if doc.outlet else "dim"),
            _snippet(doc.title or "—", 70),
            Text((doc.published or "—")[: 10 if narrow else 16].replace("T", " ")),
            Text(f"{_words(analysis):,}"),
        )
    console.print(table)


def _coverage(fact: Fact, order: Sequence[str]) -> Text:
    if len(order) > MAX_MARKS:
        return Text(f"{len(fact.docs)}/{len(order)}")
    marks = Text()
    for mark in coverage(fact, order):
        if mark == "own":
            marks.append(MARK_YES, style="green")
        elif mark == "copied":
            marks.append(MARK_COPY, style="yellow")
        elif mark == "related":
            marks.append(MARK_NEAR, style="cyan")
        else:
            marks.append(MARK_NO, style="dim")
    return marks


def _consensus(comparison: Comparison, console: Console) -> None:
    shared = [f for f in comparison.facts if len(f.docs) > 1]
    order = [a.document.id for a in comparison.analyses]
    _section(
        console,
        f"Consensus: {len(shared)} shared facts",
        f"{MARK_YES} reports {MARK_COPY} copied {MARK_NEAR} close {MARK_NO} absent",
    )
    if not shared:
        console.print(Text("No fact is reported by more than one source.", style="dim"))
        return
    table = _table("fact", "sources", "n", fixed=3, fixed_width=MAX_MARKS)
    table.add_column("label")
    for fact in shared[:MAX_CONSENSUS]:
        table.add_row(
            Text(fact.id), _coverage(fact, order), Text(str(len(fact.docs))), _snippet(fact.label)
        )
    console.print(table)
    if len(shared) > MAX_CONSENSUS:
        console.print(Text(f"… and {len(shared) - MAX_CONSENSUS} more", style="dim"))


def _exclusive(comparison: Comparison, console: Console) -> None:
    by_doc = exclusive_by_doc(comparison)
    total = sum(len(v) for v in by_doc.values())
    _section(console, f"Exclusive: {total} facts only one source reports")
    if not total:
        console.print(Text("Every fact is reported by more than one source.", style="dim"))
        return
    table = _table("source", "facts", "examples", fixed=2)
    for analysis in comparison.analyses:
        facts = by_doc.get(analysis.document.id, [])
        if not facts:
            continue
        examples = Text()
        for n, fact in enumerate(facts[:MAX_EXCLUSIVE_PER_DOC]):
            if n:
                examples.append("\n")
            examples.append(f"{fact.id} ", style="dim")
            examples.append_text(_snippet(fact.label, 90))
        if len(facts) > MAX_EXCLUSIVE_PER_DOC:
            examples.append(f"\n… and {len(facts) - MAX_EXCLUSIVE_PER_DOC} more", style="dim")
        table.add_row(Text(analysis.document.id), Text(str(len(facts))), examples)
    console.print(table)


def _wording(analysis: Analysis, start: int, end: int) -> Text:
    """The clause around a value, the value itself highlighted."""
    text = analysis.document.text
    shown = wording(analysis, start, end, max_chars=WORDING_CHARS)
    if shown.alone:
        return Text.assemble(_snippet(text[start:end], 2 * WORDING_CHARS), style="bold yellow")
    left, right = shown.start, shown.end
    out = Text()
    if shown.cut_start:
        out.append("… ", style="dim")
    out.append(
        " ".join(text[left:start].split()) + (" " if text[left:start][-1:].isspace() else "")
    )
    out.append(" ".join(text[start:end].split()), style="bold yellow underline")
    out.append((" " if text[end:right][:1].isspace() else "") + " ".join(text[end:right].split()))
    if shown.cut_end:
        out.append(" …", style="dim")
    return out


def _conflicts(comparison: Comparison, console: Console) -> None:
    conflicts = comparison.conflicts
    kinds = Counter(c.kind for c in conflicts)
    note = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
    _section(console, f"Conflicts: {len(conflicts)}", note)
    if not conflicts:
        console.print(Text("No conflict found between the sources.", style="dim"))
        return
    by_id = {a.document.id: a for a in comparison.analyses}
    for conflict in conflicts[:MAX_CONFLICTS]:
        head = Text()
        head.append(f"{conflict.id} ", style="bold")
        head.append(f"{conflict.kind}", style="magenta")
        head.append(f" ({conflict.severity})", style="red" if conflict.severity == "hard" else "")
        head.append(" — ")
        head.append_text(_snippet(conflict.topic, 80))
        console.print(head)
        table = _table("source", "value", fixed=2)
        table.add_column("wording")
        table.show_header = False
        for value in conflict.values:
            analysis = by_id.get(value.doc)
            wording = (
                _wording(analysis, value.start, value.end) if analysis is not None else Text("")
            )
            table.add_row(Text("  " + value.doc), _snippet(value.value, 30), wording)
        console.print(table)
    if len(conflicts) > MAX_CONFLICTS:
        console.print(Text(f"… and {len(conflicts) - MAX_CONFLICTS} more", style="dim"))


def _omissions(comparison: Comparison, console: Console) -> None:
    labels = {f.id: f.label for f in comparison.facts}
    total = sum(len(v) for v in comparison.omissions.values())
    _section(console, "Omissions", "facts most other sources report but this one leaves out")
    if not total:
        console.print(Text("No source leaves out what most others report.", style="dim"))
        return
    table = _table("source", "omits", "facts", fixed=2)
    for analysis in comparison.analyses:
        omitted = comparison.omissions.get(analysis.document.id, ())
        cell = Text()
        for n, fact_id in enumerate(omitted[:MAX_OMISSIONS_PER_DOC]):
            if n:
                cell.append("\n")
            cell.append(f"{fact_id} ", style="dim")
            cell.append_text(_snippet(labels.get(fact_id, ""), 80))
        if len(omitted) > MAX_OMISSIONS_PER_DOC:
            cell.append(f"\n… and {len(omitted) - MAX_OMISSIONS_PER_DOC} more", style="dim")
        table.add_row(Text(analysis.document.id), Text(str(len(omitted))), cell)
    console.print(table)


def _speakers(comparison: Comparison, console: Console) -> None:
    ranked = quoted_speakers(comparison)
    _section(console, "Speakers", "who is quoted how often, by source (direct / reported)")
    if not ranked:
        console.print(Text("No attributed quotes found.", style="dim"))
        return
    table = _table("speaker", "quotes", "direct", "reported", "by source", fixed=4, fixed_width=28)
    for column in (1, 2, 3):
        table.columns[column].justify = "right"
    order = [a.document.id for a in comparison.analyses]
    short = short_labels(comparison)
    for speaker in ranked[:MAX_SPEAKERS]:
        counts = {doc: speaker.count(doc) for doc in order}
        spread = ", ".join(f"{short[doc]} {n}" for doc, n in counts.items() if n)
        table.add_row(
            _snippet(speaker.label, 40),
            Text(str(len(speaker.quotes))),
            Text(str(speaker.direct)),
            Text(str(len(speaker.quotes) - speaker.direct)),
            Text(spread),
        )
    console.print(table)
    if len(ranked) > MAX_SPEAKERS:
        console.print(Text(f"… and {len(ranked) - MAX_SPEAKERS} more", style="dim"))


def _framing(comparison: Comparison, console: Console) -> None:
    if not comparison.framing:
        return
    _section(console, "Framing", "distinctive words, hedges and evaluative words per source")
    table = _table("source", "distinctive terms", "hedges", "evaluative", fixed=1)
    for analysis in comparison.analyses:
        framing = comparison.framing.get(analysis.document.id)
        if framing is None:
            continue
        text = analysis.document.text
        terms = ", ".join(t.term for t in framing.terms[:MAX_TERMS])
        evaluative = Counter(text[e.start : e.end] for e in framing.evaluative)
        table.add_row(
            Text(analysis.document.id),
            _snippet(terms, 60),
            Text(str(len(framing.hedges))),
            _snippet(", ".join(w for w, _ in evaluative.most_common(4)), 40),
        )
    console.print(table)


def _timeline(comparison: Comparison, console: Console) -> None:
    events = comparison.timeline
    _section(console, f"Timeline: {len(events)} dated events")
    if not events:
        console.print(Text("No dates found.", style="dim"))
        return
    table = _table("date", "event", "sources", fixed=1, fixed_width=14)
    short = short_labels(comparison)
    for event in events[:MAX_TIMELINE]:
        docs = [short.get(d, d) for d in dict.fromkeys(m.doc for m in event.mentions)]
        table.add_row(
            Text(event.date),
            _snippet(event.label, 80),
            Text(", ".join(docs) if len(docs) <= 4 else f"{len(docs)} sources"),
        )
    console.print(table)
    if len(events) > MAX_TIMELINE:
        console.print(Text(f"… and {len(events) - MAX_TIMELINE} more", style="dim"))


def _reuse(comparison: Comparison, console: Console) -> None:
    if not comparison.reuse:
        return
    _section(console, "Shared text", "passages copied between sources (wire copy)")
    table = _table("sources", "share", "passages")
    for reuse in comparison.reuse[:10]:
        table.add_row(
            Text(f"{reuse.docs[0]} ↔ {reuse.docs[1]}"),
            Text(f"{reuse.score:.0%}"),
            Text(str(len(reuse.passages))),
        )
    console.print(table)


def _summary(comparison: Comparison, console: Console) -> None:
    _section(console, "Summary", "every sentence cites its sources and facts")
    if not comparison.summary:
        console.print(Text("Nothing to summarise.", style="dim"))
        return
    short = short_labels(comparison)
    for number, sentence in enumerate(comparison.summary, 1):
        line = Text(f"{number}. ", style="bold")
        line.append_text(Text(" ".join(sentence.text.split())))
        sources = ", ".join(short.get(d, d) for d in sentence.sources)
        line.append(f"  [{sources} · {', '.join(sentence.facts)}]", style="dim")
        console.print(line)


def render_comparison(comparison: Comparison, console: Console) -> None:
    """Print the comparison: sources, consensus, exclusives, conflicts, omissions, speakers,
    framing, timeline, shared text and the cited summary.

    Args:
        comparison: The result of :func:`synopse.compare.pipeline.compare`.
        console: Where to print (see :func:`synopse.report.terminal.make_console`).
    """
    title = Text(f"Synopse: {len(comparison.analyses)} sources compared", style="bold")
    console.print(Rule(title, style="cyan"))
    _sources(comparison, console)
    _consensus(comparison, console)
    _exclusive(comparison, console)
    _conflicts(comparison, console)
    _omissions(comparison, console)
    _speakers(comparison, console)
    _framing(comparison, console)
    _timeline(comparison, console)
    _reuse(comparison, console)
    _summary(comparison, console)
