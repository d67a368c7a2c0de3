"""HTML extraction: body, metadata, removed blocks, headings, broken markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from synopse.errors import ExtractionError
from synopse.ingest import ingest
from synopse.ingest.html import extract_html, looks_like_html, visible_lines

BODY = [
    "Der Stadtrat hat am Montag nach langer Debatte den Haushalt für das kommende Jahr "
    "beschlossen. Die Mehrheit fiel knapp aus, wie die Verwaltung mitteilte.",
    "Die Opposition kritisierte vor allem die geplanten Ausgaben für den Straßenbau, "
    "die nach ihrer Ansicht deutlich zu hoch ausfallen würden.",
    "Der Bürgermeister zeigte sich dennoch zufrieden und sprach von einem guten Tag für die "
    "Stadt und ihre Bürgerinnen und Bürger.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<title>Rat beschließt Haushalt | Stadtanzeiger</title>
<meta property="og:site_name" content="Stadtanzeiger">
<meta property="og:url" content="https://stadtanzeiger.example/lokales/haushalt-beschlossen">
<meta name="author" content="Erika Musterfrau">
<meta property="article:published_time" content="2021-03-15T18:30:00+01:00">
<script>var tracking = "nicht sichtbar";</script>
</head><body>
<nav><ul><li><a href="/">Startseite</a></li><li><a href="/lokales">Lokales</a></li></ul></nav>
<article>
<h1>Rat beschließt Haushalt</h1>
<p>{BODY[0]}</p>
<h2>Kritik der Opposition</h2>
<p>{BODY[1]}</p>
<p>{BODY[2]}</p>
</article>
<aside><h3>Mehr zum Thema</h3><ul><li><a href="/x">Neue Radwege geplant</a></li></ul></aside>
<footer><p>Impressum · Datenschutz · Kontakt</p></footer>
</body></html>"""


def test_article_body_and_metadata() -> None:
    extracted = extract_html(PAGE, source="page.html")
    for paragraph in BODY:
        assert paragraph in extracted.text
    assert "Impressum" not in extracted.text
    assert "nicht sichtbar" not in extracted.text
    assert extracted.title == "Rat beschließt Haushalt"
    assert extracted.author == "Erika Musterfrau"
    assert extracted.outlet == "Stadtanzeiger"
    assert extracted.url == "https://stadtanzeiger.example/lokales/haushalt-beschlossen"
    assert extracted.published == "2021-03-15T18:30:00+01:00"


def test_removed_lists_dropped_visible_blocks() -> None:
    extracted = extract_html(PAGE, source="page.html")
    assert "Impressum · Datenschutz · Kontakt" in extracted.removed
    assert "Startseite" in extracted.removed
    assert not extracted.text.startswith("Rat beschließt Haushalt")
    assert "Rat beschließt Haushalt" in extracted.removed
    assert not any(paragraph in extracted.removed for paragraph in BODY)
    assert len(set(extracted.removed)) == len(extracted.removed)


def test_headings_are_structure_spans() -> None:
    extracted = extract_html(PAGE, source="page.html")
    headings = [extracted.text[s.start : s.end] for s in extracted.structure]
    assert "Kritik der Opposition" in headings
    assert all(s.label == "heading" for s in extracted.structure)


@pytest.mark.parametrize(
    "broken",
    [
        "<html><body><p>Der Rat tagte am Montag und beschloss den Haushalt.<div><p>Danach",
        "<p>Der Rat tagte am Montag <b><i>und beschloss</b></i> den Haushalt.</p></td></tr>",
        "<<<>>><html><body><article><p>Der Rat tagte am Montag.</p>" + "</div>" * 500,
        "<html><body>" + "<div>" * 3000 + "Der Rat tagte am Montag." + "</div>" * 10,
    ],
)
def test_malformed_html_does_not_crash(broken: str) -> None:
    extracted = extract_html(broken, source="broken.html")
    assert "Der Rat tagte am Montag" in extracted.text


@pytest.mark.parametrize(
    "empty",
    [
        "<html><head><title></title></head><body></body></html>",
        "<html><body><script>alert(1)</script><style>p {}</style></body></html>",
    ],
)
def test_page_without_text_is_refused(empty: str) -> None:
    with pytest.raises(ExtractionError) as info:
        extract_html(empty, source="leer.html")
    assert info.value.message == "no article text found in the HTML page"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body>x</body></html>", True),
        ("  <!-- Kommentar --><html lang='de'>", True),
        ("<div><p>Eins</p><p>Zwei</p><br></div>", True),
        ("Die Straße ist <gesperrt>.", False),
        ("# Überschrift\n\nText mit <b>Fettdruck</b>.", False),
    ],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


def test_visible_lines_skip_invisible_elements() -> None:
    html = "<p>Eins <b>zwei</b></p><!-- weg --><noscript>weg</noscript><li>drei</li>"
    assert visible_lines(html) == ["Eins zwei", "drei"]


def test_html_sniffed_in_txt_file_and_cp1252_meta(tmp_path: Path) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"')
    (tmp_path / "seite.txt").write_bytes(page.encode("cp1252"))
    (tmp_path / "seite.htm").write_bytes(page.encode("cp1252"))
    result = ingest([tmp_path])
    assert result.ok
    for doc in result.documents:
        assert BODY[1] in doc.text
        assert doc.title == "Rat beschließt Haushalt"
        assert doc.published == "2021-03-15T18:30:00+01:00"
        assert doc.language is not None
