"""The single-file HTML report: well-formed, escaped, every link resolving to an exact span."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from synopse import CompareOptions, Comparison, Document, compare
from synopse.cli import app
from synopse.ingest import ingest
from synopse.model.comparison import Conflict, ConflictValue
from synopse.report.comparison_html import render_html

DEMO = Path(__file__).resolve().parent.parent / "demo" / "corpus"
FAST = CompareOptions(embedder="hashing")
runner = CliRunner()

VOID = {"meta", "br", "hr", "img", "input", "link", "wbr"}
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "nav", "a",
    "section", "p", "table", "thead", "tbody", "tr", "th", "td", "span", "ul", "ol",
    "li", "details", "summary", "mark", "b", "div",
}  # fmt: skip
SAFE_ID = re.compile(r"^[A-Za-z0-9_-]+$")
SPAN_ID = re.compile(r"-(\d+)-(\d+)$")
HOSTILE = '<script>alert(1)</script> "><img src=x onerror=1> & Co'


class Page(HTMLParser):
    """Parses a page, checking nesting and collecting ids, links and evidence pieces."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: set[str] = set()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.data: list[str] = []
        self.doc: str | None = None
        # Open evidence pieces: (doc, start, end, anchor id, collected text).
        self.open: list[tuple[str, int, int, str, list[str]] | None] = []
        self.pieces: list[tuple[str, int, int, str, str]] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        self.tags.add(tag)
        if "id" in attr:
            self.ids.append(attr["id"])
        if tag == "a" and "href" in attr:
            self.hrefs.append(attr["href"])
        if tag == "section" and "data-doc" in attr:
            self.doc = attr["data-doc"]
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag == "span" and "data-start" in attr:
            assert self.doc is not None
            anchor = attr.get("id") or attr["data-of"]
            self.open.append((self.doc, int(attr["data-start"]), int(attr["data-end"]), anchor, []))
        elif tag == "span":
            self.open.append(None)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()
        if tag == "span":
            piece = self.open.pop()
            if piece is not None:
                doc, start, end, anchor, text = piece
                self.pieces.append((doc, start, end, anchor, "".join(text)))
        if tag == "section":
            self.doc = None

    def handle_data(self, data: str) -> None:
        self.data.append(data)
        for piece in self.open:
            if piece is not None:
                piece[4].append(data)


def check_page(page: str, comparison: Comparison) -> Page:
    """Assert the structural promises of the report and return the parsed page."""
    parsed = Page(page)
    assert parsed.stack == [], f"unclosed: {parsed.stack}"
    assert parsed.tags <= ALLOWED_TAGS, parsed.tags - ALLOWED_TAGS
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert len(parsed.ids) == len(set(parsed.ids)), "duplicate ids"
    unsafe = [i for i in parsed.ids if not SAFE_ID.match(i)]
    assert not unsafe, unsafe
    ids = set(parsed.ids)
    assert parsed.hrefs
    for href in parsed.hrefs:
        assert href.startswith("#") and href[1:] in ids, href
    texts = {d.id: d.text for d in comparison.documents}
    whole: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for doc, start, end, anchor, text in parsed.pieces:
        assert text == texts[doc][start:end], (doc, start, end)
        whole.setdefault((doc, anchor), []).append((start, text))
    # A span cut into pieces still holds, piece by piece, exactly its own slice.
    for (doc, anchor), pieces in whole.items():
        match = SPAN_ID.search(anchor)
        assert match is not None and anchor in ids
        start, end = int(match[1]), int(match[2])
        assert "".join(t for _, t in sorted(pieces)) == texts[doc][start:end], anchor
    return parsed


def _hostile_documents() -> list[Document]:
    return [
        Document(
            id=HOSTILE,
            source="a.txt",
            outlet=HOSTILE,
            title=HOSTILE,
            text=(
                "Die Stadt Lindau hat am Montag 120 neue Busse bestellt. "
                f"„Das ist ein guter Tag“, sagte Bürgermeisterin Anna Roth. {HOSTILE}. "
                "Die Busse sollen ab dem 3. Mai fahren."
            ),
        ),
        Document(
            id="b",
            source="b.txt",
            outlet="Seeblatt & <b>Partner</b>",
            title='Busse "bestellt"',
            text=(
                "Lindau hat am Montag 150 neue Busse bestellt. "
                "„Das ist ein guter Tag“, sagte Bürgermeisterin Anna Rot. "
                "Die Busse sollen ab dem 5. Mai fahren. Kosten: unbekannt <i>."
            ),
        ),
    ]


@pytest.fixture(scope="module")
def hostile() -> Comparison:
    return compare(_hostile_documents(), options=FAST)


def test_hostile_text_is_escaped_and_never_markup(hostile: Comparison) -> None:
    page = render_html(hostile)
    parsed = check_page(page, hostile)
    data = "".join(parsed.data)
    # Shown as text wherever it appears: id, outlet, title and body.
    assert data.count(HOSTILE) >= 4
    assert "Seeblatt & <b>Partner</b>" in data and "unbekannt <i>." in data
    assert "<i>" not in page and "<b>Partner" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'data-doc="&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img' in page


def test_overlapping_spans_nest_and_keep_exact_offsets(hostile: Comparison) -> None:
    text = hostile.documents[1].text
    first = text.index("150")
    sentence_end = text.index(".", first) + 1
    # Values that cross the fact sentences, nest, repeat, touch, are empty or end the text.
    spans = [
        (first, sentence_end + 10),
        (first - 5, first + 8),
        (first + 2, first + 3),
        (first, sentence_end + 10),
        (sentence_end, sentence_end),
        (len(text) - 5, len(text)),
        (0, len(text)),
    ]
    values = tuple(ConflictValue("b", text[s:e], s, e) for s, e in spans)
    crossing = Conflict("c99", "numeric", "planted overlaps", values)
    comparison = dataclasses.replace(hostile, conflicts=(*hostile.conflicts, crossing))
    page = render_html(comparison)
    parsed = check_page(page, comparison)
    for start, end in spans:
        assert f'href="#d2-b-{start}-{end}"' in page
    assert any(anchor == "d2-b-0-" + str(len(text)) for *_, anchor, _ in parsed.pieces)
    assert "data-of=" in page  # at least one span was cut into pieces


def test_demo_report_links_every_statement_to_its_span() -> None:
    comparison = compare(ingest([DEMO]).documents, options=FAST)
    page = render_html(comparison)
    parsed = check_page(page, comparison)
    for conflict in comparison.conflicts:
        for value in conflict.values:
            assert f"-{value.start}-{value.end}" in " ".join(parsed.hrefs)
    for section in ("sources", "consensus", "exclusive", "conflicts", "omissions", "speakers"):
        assert f'<section id="{section}">' in page
    for section in ("framing", "timeline", "summary", "documents"):
        assert f'<section id="{section}">' in page
    assert page.count('<section class="doc"') == len(comparison.documents)


def test_cli_writes_html_to_a_file_and_to_stdout(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    args = ["compare", str(DEMO), "--embedder", "hashing", "--format", "html"]
    result = runner.invoke(app, [*args, "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == page


def test_shared_corpus_report_shows_every_conflict_kind(corpus_dir: Path) -> None:
    comparison = compare(ingest([corpus_dir]).documents)
    page = render_html(comparison)
    check_page(page, comparison)
    kinds = {c.kind for c in comparison.conflicts}
    assert kinds
    for kind in kinds:
        assert f'<span class="kind">{kind}</span>' in page
