"""RSS and Atom feeds: one document per entry, metadata, cleaning, teasers, bad feeds.

Every feed here is invented in the test; nothing touches the network (the optional link
fetching is exercised with a stand-in for the fetcher).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from synopse.cli import app
from synopse.ingest import feeds, ingest
from synopse.ingest.feeds import looks_like_feed, read_feed
from synopse.ingest.fetch import Fetched
from synopse.options import IngestOptions

runner = CliRunner()

RADWEG = (
    "Der Stadtrat von Beispielstadt hat am Montag mit großer Mehrheit den Bau eines neuen "
    "Radwegs entlang der Uferstraße beschlossen."
)
KOSTEN = "Die Kosten liegen nach Angaben der Verwaltung bei rund 2,5 Millionen Euro."
HAFEN_TEASER = "Das Hafenfest in Beispielstadt fällt in diesem Jahr aus. Die Veranstalter nennen"
# A description long enough to be the whole article (many feeds put the full text there).
LANG = " ".join(
    f"Im {n}. Abschnitt der Sitzung beriet der Kreistag über die Finanzierung der "
    f"Buslinie {n} und die Taktung am Wochenende."
    for n in range(1, 12)
)

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Uferbote Beispielstadt</title>
  <link>https://uferbote.example/</link>
  <language>de-DE</language>
  <item>
    <title>Stadtrat beschließt Radweg &amp; Brücke</title>
    <link>https://uferbote.example/lokal/radweg-123.html</link>
    <guid isPermaLink="false">ub-123</guid>
    <dc:creator>Erika Musterfrau</dc:creator>
    <pubDate>Mon, 10 Jan 2022 08:15:00 +0100</pubDate>
    <description>Kurz: Der Stadtrat hat ...</description>
    <content:encoded><![CDATA[<h2>Abstimmung im Rathaus</h2><p>{RADWEG}</p>
      <p>{KOSTEN}</p><script>document.write("Werbung")</script>
      <p>Weiterlesen auf uferbote.example »</p>]]></content:encoded>
  </item>
  <item>
    <title>Hafenfest abgesagt</title>
    <link>https://uferbote.example/lokal/hafenfest.html</link>
    <guid>https://uferbote.example/lokal/hafenfest.html</guid>
    <author>redaktion@uferbote.example (Max Beispiel)</author>
    <pubDate>Tue, 11 Jan 2022 17:30:00 EST</pubDate>
    <description>&lt;p&gt;{HAFEN_TEASER} Kostengründe&amp;hellip;&lt;/p&gt;</description>
  </item>
  <item>
    <title>Kreistag berät über Buslinien</title>
    <link>https://uferbote.example/kreis/bus.html</link>
    <guid>ub-bus</guid>
    <pubDate>Wed, 12 Jan 2022 06:00:00 +0100</pubDate>
    <description>{LANG}</description>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title type="html">The Harbour &lt;b&gt;Gazette&lt;/b&gt;</title>
  <id>urn:uuid:3f1c2a9e-0000-4000-8000-000000000001</id>
  <author><name>Desk Editor</name></author>
  <entry>
    <id>tag:gazette.example,2022:story-7</id>
    <title>Council approves new cycle lane</title>
    <link rel="alternate" href="https://gazette.example/news/cycle-lane"/>
    <link rel="enclosure" href="https://gazette.example/media/lane.jpg"/>
    <updated>2022-01-10T12:00:00Z</updated>
    <published>2022-01-10T09:00:00+00:00</published>
    <summary>Council votes for a cycle lane.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
      <p>The town council voted on Monday to build a new cycle lane along the harbour.</p>
      <p>Officials put the cost at about 2.5 million euros.</p>
      <p>The post Council approves new cycle lane appeared first on The Harbour Gazette.</p>
      </div></content>
  </entry>
</feed>
"""

HOSTILE = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Böse &lt;script&gt;alert(1)&lt;/script&gt;Post</title>
<item>
  <guid>../../etc/passwd</guid>
  <title>&lt;script&gt;alert("t")&lt;/script&gt;Wahl &amp;amp; Welt</title>
  <description><![CDATA[<p onclick="alert('p')">Die Wahlbeteiligung lag bei 61 Prozent.</p>
    <script>alert("body")</script><img src="x" onerror="alert('img')">
    <style>p { color: red }</style><p>Gemeldet wurde &amp;lt;b&amp;gt; als Text.</p>]]>
  </description>
</item>
</channel></rss>
"""


def _write(folder: Path, name: str, content: str) -> Path:
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return path


def test_rss_metadata_and_clean_content(tmp_path: Path) -> None:
    result = ingest([_write(tmp_path, "uferbote.rss", RSS)])
    assert result.failures == ()
    radweg, hafen, bus = result.documents
    assert [d.id for d in result.documents] == ["ub-123", "hafenfest", "ub-bus"]
    assert (radweg.outlet, radweg.title, radweg.author, radweg.published, radweg.language) == (
        "Uferbote Beispielstadt",
        "Stadtrat beschließt Radweg & Brücke",
        "Erika Musterfrau",
        "2022-01-10T08:15:00+01:00",
        "de",
    )
    assert radweg.source == radweg.url == "https://uferbote.example/lokal/radweg-123.html"
    # Full content wins over the description; tags and scripts are gone.
    assert radweg.text == f"Abstimmung im Rathaus\n{RADWEG}\n{KOSTEN}"
    assert "Werbung" not in radweg.text and "<" not in radweg.text
    assert "Weiterlesen auf uferbote.example »" in radweg.removed
    (heading,) = radweg.structure
    assert radweg.span_text(heading) == "Abstimmung im Rathaus"
    assert (hafen.author, hafen.published) == ("Max Beispiel", "2022-01-11T17:30:00-05:00")
    assert hafen.text == f"{HAFEN_TEASER} Kostengründe…"
    assert bus.text == LANG


def test_teaser_only_entries_are_flagged(tmp_path: Path) -> None:
    path = _write(tmp_path, "uferbote.rss", RSS)
    result = ingest([path])
    assert [(n.source, n.message) for n in result.notices] == [
        (
            str(path),
            "1 of 3 feed entries carry only a teaser (summary or description), not the full "
            "article: hafenfest; compare them with care, or pass --fetch-feed-links to fetch "
            "the articles",
        )
    ]
    entries = read_feed(path.read_bytes(), source="f", options=IngestOptions())
    assert [getattr(e, "teaser", None) for e in entries] == [False, True, False]


def test_atom_metadata_english(tmp_path: Path) -> None:
    result = ingest([_write(tmp_path, "gazette.atom", ATOM)])
    assert result.failures == () and result.notices == ()
    (doc,) = result.documents
    assert doc.id == "tag-gazette-example-2022-story-7"
    assert (doc.outlet, doc.title, doc.author, doc.published, doc.language) == (
        "The Harbour Gazette",
        "Council approves new cycle lane",
        "Desk Editor",
        "2022-01-10T09:00:00+00:00",
        "en",
    )
    assert doc.source == "https://gazette.example/news/cycle-lane"
    assert doc.text == (
        "The town council voted on Monday to build a new cycle lane along the harbour.\n"
        "Officials put the cost at about 2.5 million euros."
    )
    assert doc.removed[-1].startswith("The post Council approves")


def test_rss1_rdf_feed_from_xml_file(tmp_path: Path) -> None:
    rdf = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://talblatt.example/"><title>Talblatt</title>
    <dc:language>de</dc:language></channel>
  <item rdf:about="https://talblatt.example/a/brunnen">
    <title>Brunnen saniert</title><link>https://talblatt.example/a/brunnen</link>
    <dc:date>2022-03-04T10:00:00+01:00</dc:date><dc:creator>Jana Probe</dc:creator>
    <description>Der Marktbrunnen sprudelt wieder.</description>
  </item>
</rdf:RDF>"""
    (doc,) = ingest([_write(tmp_path, "talblatt.xml", rdf)]).documents
    assert (doc.id, doc.outlet, doc.author, doc.published, doc.text) == (
        "brunnen",
        "Talblatt",
        "Jana Probe",
        "2022-03-04T10:00:00+01:00",
        "Der Marktbrunnen sprudelt wieder.",
    )


def test_ids_unique_and_stable(tmp_path: Path) -> None:
    items = "".join(
        f"<item><guid>https://blog.example/?p={n}</guid><title>Eintrag {n}</title>"
        f"<description>Text Nummer {n} über den Wochenmarkt.</description></item>"
        for n in (1, 2, 3)
    )
    items += "<item><title>Ohne guid</title><link>https://blog.example/ohne</link>"
    items += "<description>Ein Eintrag ohne guid.</description></item>"
    feed = f"<rss version='2.0'><channel><title>Blog</title>{items}</channel></rss>"
    first = [d.id for d in ingest([_write(tmp_path, "a.rss", feed)]).documents]
    again = [d.id for d in ingest([_write(tmp_path, "a.rss", feed)]).documents]
    assert first == again
    assert len(set(first)) == 4
    assert all(i.startswith("blog-example-") for i in first[:3])
    assert first[3] == "ohne"
    # The same feed twice in one run: the second copy's ids get suffixes, none is lost.
    twice = ingest([tmp_path / "a.rss", _write(tmp_path, "b.rss", feed)]).documents
    assert len({d.id for d in twice}) == 8


def test_hostile_entry_is_cleaned_and_escaped(tmp_path: Path) -> None:
    result = ingest([_write(tmp_path, "boese.rss", HOSTILE)])
    (doc,) = result.documents
    assert doc.id == "etc-passwd"
    assert doc.title == "Wahl & Welt"
    assert doc.outlet == "Böse Post"
    assert "alert" not in doc.text and "color" not in doc.text
    assert doc.text.startswith("Die Wahlbeteiligung lag bei 61 Prozent.")
    # Doubly escaped markup is text, never markup.
    assert doc.text.endswith("Gemeldet wurde <b> als Text.")


def test_entities_are_never_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIMNIS", encoding="utf-8")
    feed = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">
  <!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<rss version="2.0"><channel><title>Blatt</title><item><guid>x1</guid>
<description>Die Brücke &xxe; wird &c; gesperrt &nbsp;ab Montag.</description>
</item></channel></rss>"""
    (doc,) = ingest([_write(tmp_path, "xxe.rss", feed)]).documents
    assert "GEHEIMNIS" not in doc.text and "aaaa" not in doc.text
    assert doc.text == "Die Brücke wird gesperrt ab Montag."


def test_bad_feeds_fail_alone(tmp_path: Path) -> None:
    broken = _write(tmp_path, "a-kaputt.rss", "<rss><channel><item><title>Halb")
    empty = _write(tmp_path, "b-leer.atom", '<feed xmlns="http://www.w3.org/2005/Atom"/>')
    html = _write(tmp_path, "c-seite.rss", "<html><body><p>Fehlerseite</p></body></html>")
    mixed = _write(
        tmp_path,
        "d-gemischt.rss",
        "<rss><channel><title>Blatt</title><item><guid>leer</guid><title>Nur Titel</title>"
        "</item><item><guid>voll</guid><description>Der Hafen öffnet.</description>"
        "</item></channel></rss>",
    )
    text = _write(tmp_path, "e-text.txt", f"{RADWEG}\n\n{KOSTEN}\n")
    result = ingest([broken, empty, html, mixed, text, _write(tmp_path, "f.atom", ATOM)])
    assert [d.id for d in result.documents] == [
        "voll",
        "e-text",
        "tag-gazette-example-2022-story-7",
    ]
    errors = {f.source: f.error for f in result.failures}
    assert errors[str(broken)].startswith("malformed feed, not well-formed XML (")
    assert errors[str(broken)].endswith("); fix the file or fetch it again")
    assert errors[str(empty)] == "the feed holds no entries (no <item> or <entry>)"
    assert errors[str(html)] == (
        "not an RSS or Atom feed: the root element is <html>, not <rss>, <feed> or <rdf:RDF>"
    )
    assert errors[f"{mixed}#1"] == (
        "the feed entry has no text (no content, summary or description)"
    )
    assert all("\n" not in e for e in errors.values())
    assert len(errors) == 4


def test_detection() -> None:
    assert looks_like_feed(RSS.encode())
    assert looks_like_feed(ATOM.encode("utf-16"))
    assert looks_like_feed(b"<!-- x --><?xml-stylesheet href='a'?><rdf:RDF xmlns:rdf='r'/>")
    assert not looks_like_feed(b"<?xml version='1.0'?><urlset><url/></urlset>")
    assert not looks_like_feed(b"Der Feed <rss> ist kaputt.")


def test_xml_that_is_no_feed_is_read_as_before(tmp_path: Path) -> None:
    path = _write(tmp_path, "notiz.xml", f"<notiz>{RADWEG}</notiz>")
    result = ingest([path])
    assert result.failures == ()
    assert RADWEG in result.documents[0].text


def test_feed_on_stdin() -> None:
    result = ingest(["-"], stdin=io.BytesIO(ATOM.encode()))
    assert [d.outlet for d in result.documents] == ["The Harbour Gazette"]


def test_fetch_feed_links_replaces_teasers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    article = (
        "<html><head><title>Hafenfest abgesagt</title></head><body><nav>Startseite</nav>"
        f"<article><p>{HAFEN_TEASER} Kostengründe und fehlende Helfer.</p>"
        "<p>Im kommenden Jahr soll das Fest wieder stattfinden.</p></article></body></html>"
    )
    asked: list[str] = []

    def fake_fetch(url: str, *, options: IngestOptions) -> Fetched:
        asked.append(url)
        return Fetched(url, article.encode(), "text/html", "utf-8")

    monkeypatch.setattr(feeds, "fetch_url", fake_fetch)
    path = _write(tmp_path, "uferbote.rss", RSS)
    result = ingest([path], IngestOptions(fetch_feed_links=True))
    assert asked == ["https://uferbote.example/lokal/hafenfest.html"]
    assert result.notices == ()
    hafen = result.documents[1]
    assert hafen.text.endswith("Im kommenden Jahr soll das Fest wieder stattfinden.")
    assert (hafen.outlet, hafen.author) == ("Uferbote Beispielstadt", "Max Beispiel")
    # Off by default: nothing is fetched.
    asked.clear()
    ingest([path])
    assert asked == []


def test_cli_extract_folder_with_feeds(tmp_path: Path) -> None:
    _write(tmp_path, "uferbote.rss", RSS)
    _write(tmp_path, "gazette.atom", ATOM)
    _write(tmp_path, "kaputt.rss", "<rss>")
    result = runner.invoke(app, ["extract", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [d["id"] for d in report["documents"]] == [
        "tag-gazette-example-2022-story-7",
        "ub-123",
        "hafenfest",
        "ub-bus",
    ]
    assert [w["source"] for w in report["warnings"]] == [str(tmp_path / "uferbote.rss")]
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"warning: {tmp_path / 'uferbote.rss'}: 1 of 3 feed entries")
    assert lines[1].startswith(f"error: {tmp_path / 'kaputt.rss'}: malformed feed")


def test_cli_analyze_accepts_feed(tmp_path: Path) -> None:
    path = _write(tmp_path, "gazette.atom", ATOM)
    result = runner.invoke(app, ["analyze", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    (doc,) = json.loads(result.stdout)["documents"]
    assert doc["outlet"] == "The Harbour Gazette"
