"""Terminal rendering with rich. Untrusted text is always passed as ``Text``, never markup."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from rich.console import Console
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from synopse.model import Analysis

SNIPPET_CHARS = 110


def _snippet(text: str, limit: int = SNIPPET_CHARS) -> Text:
    flat = " ".join(text.split())
    return Text(flat if len(flat) <= limit else flat[: limit - 1] + "…")


def _metadata_line(analysis: Analysis) -> Text:
    doc = analysis.document
    line = Text()
    for name, value in (
        ("outlet", doc.outlet),
        ("title", doc.title),
        ("author", doc.author),
        ("published", doc.published),
        ("language", doc.language),
    ):
        line.append(f"{name}: ", style="bold")
        line.append(value or "-", style="" if value else "dim")
        line.append("  ")
    return line


def render_analysis(analyses: Sequence[Analysis], console: Console) -> None:
    """Print, per document, its metadata and tables of quotes, entities, dates and numbers."""
    for number, analysis in enumerate(analyses):
        doc = analysis.document
        text = doc.text
        if number:
            console.print()
        console.print(Rule(Text(doc.id, style="bold cyan"), style="cyan"))
        console.print(_metadata_line(analysis))
        console.print(
            Text(
                f"{len(analysis.sentences)} sentences, {len(text.split())} words, "
                f"{len(analysis.entities)} entity mentions, {len(analysis.quotes)} quotes, "
                f"{len(analysis.dates)} dates, {len(analysis.quantities)} quantities",
                style="dim",
            )
        )
        if analysis.quotes:
            table = Table(title="Quotes", title_justify="left", expand=False)
            table.add_column("speaker")
            table.add_column("mode")
            table.add_column("cue")
            table.add_column("statement")
            for quote in analysis.quotes:
                speaker = Text(quote.speaker or "—")
                if quote.speaker_name and quote.speaker_name != quote.speaker:
                    speaker.append(f" → {quote.speaker_name}", style="green")
                table.add_row(
                    speaker,
                    Text(quote.mode),
                    Text(quote.cue),
                    _snippet(text[quote.start : quote.end]),
                )
            console.print(table)
        if analysis.entities:
            counts = Counter((m.type, m.name) for m in analysis.entities)
            roles: dict[tuple[str, str], set[str]] = {}
            for mention in analysis.entities:
                if mention.role:
                    roles.setdefault((mention.type, mention.name), set()).add(mention.role)
            table = Table(title="Entities", title_justify="left")
            table.add_column("name")
            table.add_column("type")
            table.add_column("mentions", justify="right")
            table.add_column("roles")
            for (kind, name), count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                table.add_row(
                    Text(name),
                    Text(kind),
                    Text(str(count)),
                    Text(", ".join(sorted(roles.get((kind, name), ())))),
                )
            console.print(table)
        if analysis.dates:
            table = Table(title="Dates", title_justify="left")
            table.add_column("date")
            table.add_column("expression")
            table.add_column("anchor")
            for expression in analysis.dates:
                table.add_row(
                    Text(expression.value),
                    Text(text[expression.start : expression.end]),
                    Text(expression.anchor),
                )
            console.print(table)
        if analysis.quantities:
            table = Table(title="Quantities", title_justify="left")
            table.add_column("expression")
            table.add_column("interval")
            table.add_column("unit")
            for quantity in analysis.quantities:
                interval = (
                    f"{quantity.low:g}"
                    if quantity.low == quantity.high
                    else f"{quantity.low:g} – {quantity.high:g}"
                )
                if quantity.exact:
                    interval += " (exact)"
                table.add_row(
                    Text(text[quantity.start : quantity.end]), Text(interval), Text(quantity.unit)
                )
            console.print(table)


def make_console(file: TextIO | None = None, *, width: int | None = None) -> Console:
    """Return a console that never interprets markup.

    Args:
        file: Where to write; None means the terminal. A file gets a fixed width and no
            colour, so the output is stable.
        width: Override the width.
    """
    to_file = file is not None
    return Console(
        file=file,
        width=width or (100 if to_file else None),
        no_color=to_file,
        force_terminal=False if to_file else None,
        highlight=False,
        markup=False,
        emoji=False,
    )
