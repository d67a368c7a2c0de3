"""The text-scrape cleaner on invented noisy scrapes (German, one English)."""

from __future__ import annotations

import re
import textwrap

import pytest

from synopse.ingest.extracted import Extracted
from synopse.ingest.text import clean_scrape


def _paragraphs(result: Extracted) -> list[str]:
    return result.text.split("\n\n") if result.text else []


def _labelled(result: Extracted, label: str) -> list[str]:
    return [span.text_of(result.text) for span in result.structure if span.label == label]


def _bordered(blocks: list[str], width: int = 66) -> str:
    """Build a table-border text export: every line '| text | |', paragraphs hard-wrapped."""
    lines = []
    for block in blocks:
        if block.startswith("#"):
            lines.append(f"| {block} | |")
            continue
        prefix = "> " if block.startswith("> ") else ""
        body = block.removeprefix("> ")
        for line in textwrap.wrap(body, width=width - len(prefix)) or [""]:
            lines.append(f"| {prefix}{line} | |")
    lines[-1] = lines[-1].removesuffix(" |")
    return "\n".join(lines)


BODY_1 = (
    "Die Regierungsparteien haben sich nach einer langen Nacht auf ein Sparpaket von zwölf "
    "Milliarden Euro geeinigt. Das teilten die Fraktionsvorsitzenden am Morgen mit."
)
BODY_2 = (
    "Kürzungen soll es vor allem bei den Subventionen geben, sagte eine Sprecherin des "
    "Finanzministeriums. Die Sozialverbände kritisierten den [1][Beschluss als unausgewogen]."
)
BODY_3 = (
    "Offen bleibt, wie die Länder an den Kosten beteiligt werden. Die Ministerpräsidenten "
    "wollen sich in der kommenden Woche treffen und eine gemeinsame Linie finden."
)
TABLE_EXPORT = _bordered(
    [
        "# beispiel.de -- Haushaltsstreit: Koalition einigt sich auf Sparpaket",
        "> Nach langen Verhandlungen hat die Koalition einen Kompromiss gefunden. Die "
        "Opposition spricht von einem faulen Deal.",
        "Bild: Die Fraktionsspitzen am Mittwochabend im Kanzleramt in Berlin nach einer "
        "langen Sitzung…",
        "Berlin taz | " + BODY_1,
        BODY_2,
        "## Streit um die Schuldenbremse",
        BODY_3,
        "12 Mar 2024",
        "## LINKS",
        "[1] /Sozialverbaende-kritisieren-Sparpaket/!1234567",
        "## AUTOREN",
        "Erika Beispiel",
        "## TAGS",
        "Haushalt",
        "Koalition",
        "Haushalt",
        "## ARTIKEL ZUM THEMA",
        "Haushaltswoche: Der Kanzler verteidigt seine Pläne",
        "Im Bundestag wurde heftig gestritten. Die Union spricht von einem Offenbarungseid "
        "und fordert Neuwahlen.",
    ]
)


def test_table_export_is_unwrapped_and_cleaned() -> None:
    result = clean_scrape(TABLE_EXPORT)
    paragraphs = _paragraphs(result)
    assert paragraphs == [
        "Nach langen Verhandlungen hat die Koalition einen Kompromiss gefunden. Die "
        "Opposition spricht von einem faulen Deal.",
        BODY_1,
        BODY_2.replace("[1][Beschluss als unausgewogen]", "Beschluss als unausgewogen"),
        "Streit um die Schuldenbremse",
        BODY_3,
    ]
    assert _labelled(result, "lead") == [paragraphs[0]]
    assert _labelled(result, "heading") == ["Streit um die Schuldenbremse"]
    assert result.title == "Koalition einigt sich auf Sparpaket"
    assert result.outlet == "beispiel.de"
    assert result.author == "Erika Beispiel"
    assert result.published == "2024-03-12"
    assert "| ## LINKS | |" in result.removed
    assert "| [1] /Sozialverbaende-kritisieren-Sparpaket/!1234567 | |" in result.removed
    assert "Berlin taz |" in result.removed
    assert "Offenbarungseid" not in result.text


PORTAL_SCRAPE = "\n".join(
    [
        "1. Startseite",
        "  2. Wirtschaft",
        "  3. Unternehmen",
        "  4. Autobauer streicht Stellen – Betriebsrat kündigt Widerstand an",
        "",
        "WIRTSCHAFTAutobauer streicht tausend Stellen – Gewerkschaft droht mit Streik",
        "",
        "Der Konzern will bis 2026 sparen. Die Belegschaft reagiert mit Empörung.Erika "
        "Beispiel 14.02.2024 - 18:30 Uhr Artikel anhören",
        "",
        "Arbeiter vor dem Werkstor am Dienstagmorgen. Quelle: (Max Muster/dpa)",
        "",
        "Foto: dpa",
        "",
        "Stuttgart. Der Autobauer will in den kommenden zwei Jahren rund tausend Stellen "
        "abbauen. Betroffen seien vor allem die Verwaltung und die Entwicklung, teilte "
        "das Unternehmen mit.",
        "",
        "Der Betriebsrat kündigte Widerstand an. Man werde jeden Arbeitsplatz "
        "verteidigen, sagte der Vorsitzende am Abend vor Journalisten.",
        "",
        "Gewerkschaft droht mit Warnstreiks",
        "",
        "Die Gewerkschaft forderte den Vorstand auf, die Pläne zurückzunehmen. "
        "Andernfalls seien Warnstreiks in allen Werken möglich, hieß es in einer "
        "Mitteilung.",
        "",
        "Verwandte Themen",
        "Autoindustrie",
        "Arbeitsmarkt",
        "Gewerkschaften",
        "",
        "Die nächste Verhandlungsrunde ist für Ende März angesetzt. Bis dahin wollen "
        "beide Seiten Gespräche führen.",
        "",
        "Mehr zum Thema",
        "Unsere Partner",
        "Anzeige",
        "Beispielportal",
        "Jetzt Stromtarife vergleichen und sparen",
        "Anzeige",
        "STELLENMARKT",
        "Mit unserem Karriere-Portal den Traumjob finden",
    ]
)


def test_portal_scrape_with_breadcrumbs_glued_byline_and_ads() -> None:
    result = clean_scrape(PORTAL_SCRAPE)
    paragraphs = _paragraphs(result)
    assert (
        paragraphs[0] == "Der Konzern will bis 2026 sparen. Die Belegschaft reagiert mit Empörung."
    )
    assert paragraphs[1].startswith("Der Autobauer will")
    assert paragraphs[-1].startswith("Die nächste Verhandlungsrunde")
    assert _labelled(result, "heading") == ["Gewerkschaft droht mit Warnstreiks"]
    assert _labelled(result, "lead") == [paragraphs[0]]
    assert result.title == "Autobauer streicht tausend Stellen – Gewerkschaft droht mit Streik"
    assert result.author == "Erika Beispiel"
    assert result.published == "2024-02-14T18:30:00"
    for noise in (
        "Startseite",
        "Quelle:",
        "Foto: dpa",
        "Autoindustrie",
        "Anzeige",
        "STELLENMARKT",
        "Artikel anhören",
        "Stuttgart.",
    ):
        assert noise not in result.text
    assert "Erika Beispiel 14.02.2024 - 18:30 Uhr Artikel anhören" in result.removed


MAGAZINE_SCRAPE = "\n".join(
    [
        "Politik",
        "",
        "Trotz aller Differenzen: Die Minister wollen weiter verhandeln",
        "",
        "Das Treffen in Brüssel ist nach Angaben beider Seiten konstruktiv verlaufen.",
        "05.06.2023 09:15",
        "Lesezeit: 3 min",
        "",
        "Die Außenminister der beiden Länder haben sich am Montag zu einem zweiten "
        "Gespräch getroffen. Beide Seiten betonten anschließend ihren Willen zur "
        "Zusammenarbeit.",
        "",
        "Hintergrund: Die Beziehungen hatten sich in den vergangenen Monaten deutlich "
        "verschlechtert. Streitpunkte sind vor allem Handelsfragen und Grenzkontrollen.",
        "",
        "LESEN SIE MORGEN DIE ANALYSE UNSERES CHEFREDAKTEURS:",
        "",
        "Warum die Verhandlungen scheitern werden - und was danach kommt",
        "",
        "Mehr zum Thema",
        "article:teaser_box",
        "Beispielmagazin",
        "Finanzen",
        "Finanzen Börsen: Anleger warten auf die Zinsentscheidung",
        "03.06.2023",
        "",
        "Die Aktienmärkte traten am Freitag auf der Stelle, da Anleger auf neue Signale "
        "der Notenbank...",
        "",
        "Beispielmagazin",
        "Wirtschaft",
        "Wirtschaft Handelsstreit: Exporteure fürchten neue Zölle",
        "02.06.2023",
        "",
        "Die Exportwirtschaft blickt mit Sorge auf die Verhandlungen, denn neue Zölle "
        "würden vor allem...",
    ]
)


def test_magazine_scrape_with_promo_and_teaser_list() -> None:
    result = clean_scrape(MAGAZINE_SCRAPE)
    paragraphs = _paragraphs(result)
    assert paragraphs[0].startswith("Das Treffen in Brüssel")
    assert paragraphs[1].startswith("Die Außenminister")
    assert paragraphs[-1].startswith("Hintergrund: Die Beziehungen")
    assert result.title == "Trotz aller Differenzen: Die Minister wollen weiter verhandeln"
    assert result.published == "2023-06-05T09:15:00"
    assert result.author is None
    for noise in ("Lesezeit", "LESEN SIE", "Warum die Verhandlungen", "Börsen", "Politik\n"):
        assert noise not in result.text
    assert "Lesezeit: 3 min" in result.removed


RECORD_SCRAPE = (
    " date 2023-05 Rund zwei Stunden berieten die Minister am Mittwoch. Eine Einigung gab es "
    "nicht.\n\nIm Streit über die Agrarreform haben die Minister der Mitgliedstaaten keine "
    "Einigung erzielt. Die Gespräche sollen im Juni fortgesetzt werden, teilte die "
    "Ratspräsidentschaft mit.\n\nBauern protestieren vor dem Ratsgebäude\n\nVor dem Gebäude "
    "demonstrierten mehrere hundert Landwirte gegen die geplanten Auflagen. Sie fordern "
    "längere Übergangsfristen."
)


def test_record_prefix_is_cut_and_read_as_date() -> None:
    result = clean_scrape(RECORD_SCRAPE)
    assert result.published == "2023-05"
    assert result.removed == (" date 2023-05 ",)
    assert result.text.startswith("Rund zwei Stunden berieten")
    assert result.title is None
    assert _labelled(result, "heading") == ["Bauern protestieren vor dem Ratsgebäude"]
    assert _labelled(result, "lead") == [
        "Rund zwei Stunden berieten die Minister am Mittwoch. Eine Einigung gab es nicht."
    ]


CLEAN_ARTICLES = [
    "Der Stadtrat hat am Dienstag den neuen Haushalt beschlossen. Die Opposition stimmte "
    "dagegen.\nDie Ausgaben für Schulen steigen um zehn Prozent, wie der Kämmerer erklärte. "
    "Zugleich sollen die Gebühren für Parkplätze erhöht werden.\nKritik kam von den Grünen: "
    "Der Haushalt sei „mutlos“, sagte ihre Fraktionschefin.\nWas bedeutet das für die "
    "Bürger?\nFür viele Familien ändert sich zunächst wenig. Erst im kommenden Jahr greifen "
    "die höheren Gebühren.",
    "Ein Unwetter hat in der Nacht zum Sonntag schwere Schäden angerichtet. Bäume stürzten auf "
    "Straßen und Bahngleise, mehrere Keller liefen voll.\nDie Feuerwehr rückte nach eigenen "
    "Angaben zu mehr als 300 Einsätzen aus. Verletzt wurde niemand.\nDer Wetterdienst "
    "erwartet für die kommenden Tage weitere Gewitter, vor allem im Süden des Landes.",
]


@pytest.mark.parametrize("article", CLEAN_ARTICLES)
def test_clean_text_stays_intact(article: str) -> None:
    result = clean_scrape(article)
    assert _paragraphs(result) == article.split("\n")
    assert result.removed == ()


ENGLISH_SCRAPE = "\n".join(
    [
        "Home > World > Europe",
        "",
        "Ministers agree on new rules for drone flights",
        "",
        "By Jane Example",
        "",
        "Updated: March 3, 2024 10:15 AM",
        "",
        "The transport ministers of the European Union agreed on Friday on common rules "
        "for drone flights over cities. The rules will apply from next year.",
        "",
        "Advertisement",
        "",
        "Operators will need a licence and insurance, officials said after the meeting in"
        " Brussels. Small hobby drones are exempt.",
        "",
        "Read more: Airports test new radar against drones",
        "",
        "Related articles",
        "Drone sightings close runway for two hours",
        "Police use drones to search for missing hikers",
    ]
)


def test_english_scrape() -> None:
    result = clean_scrape(ENGLISH_SCRAPE)
    paragraphs = _paragraphs(result)
    assert paragraphs[0].startswith("The transport ministers")
    assert paragraphs[-1].startswith("Operators will need a licence")
    assert len(paragraphs) == 2
    assert result.title == "Ministers agree on new rules for drone flights"
    assert result.author == "Jane Example"
    assert result.published == "2024-03-03T10:15:00"


NOISY_LINES = [
    ("Anzeige", "advert"),
    ("Lesezeit: 4 Min.", "reading time"),
    ("Artikel anhören", "audio player"),
    ("Foto: Erika Beispiel/dpa", "photo credit"),
    ("Symbolbild: Ein Streifenwagen vor der Polizeiwache", "caption"),
    ("Die Kanzlerin am Rednerpult. (Foto: Max Muster)", "caption with credit"),
    ("Teilen | Drucken | Twittern", "share buttons"),
    ("Lesen Sie auch: Wie die Bahn ihre Pünktlichkeit verbessern will", "read-also teaser"),
    ("[2] https://www.example.org/bericht.html", "link list item"),
    ("https://www.example.org/bericht.html", "bare URL"),
    ("27.08.2023", "date-only line"),
    ("JETZT ABONNIEREN UND VORTEILE SICHERN", "all-caps promo"),
    ("12 Kommentare", "comment counter"),
    ("Zur Bildergalerie", "gallery link"),
    ("***", "punctuation only"),
    ("Deine E-Mail-Adresse wird nicht veröffentlicht. Pflichtfelder sind mit * markiert", "form"),
    ("Benachrichtige mich über neue Beiträge per E-Mail.", "comment notification"),
    ("Sie müssen sich anmelden, um einen Kommentar zu schreiben.", "login to comment"),
    ("Haben Sie noch kein Konto? Jetzt registrieren.", "login prompt"),
    ("Ja, ich möchte den monatlichen Newsletter erhalten.", "newsletter opt-in"),
    ("Diesen Beitrag teilen", "share cue"),
    ("Hat Ihnen dieser Artikel gefallen? Dann empfehlen Sie ihn weiter!", "feedback prompt"),
    ("Wir verwenden Cookies, um Ihnen den besten Service zu bieten.", "cookie notice"),
    ("Alle akzeptieren", "consent button"),
    ("Vorheriger Beitrag", "pagination"),
    ("Zurück zur Themenübersicht", "back link"),
    ("Impressum", "legal link"),
    ("Der Artikel wurde erfolgreich in den Warenkorb gelegt.", "shop notice"),
    ("Dieser Beitrag gibt die Meinung der Autorin wieder.", "opinion disclaimer"),
    ("Warning: Undefined variable $x in /var/www/index.php on line 12", "server warning"),
    ("Jetzt 5 € Gutschein sichern!", "shop voucher"),
]

BODY_A = (
    "Die Polizei hat am Freitag einen mutmaßlichen Einbrecher festgenommen. Der Mann soll in "
    "mehrere Wohnungen eingestiegen sein."
)
BODY_B = (
    "Die Ermittler fanden bei ihm Schmuck und Bargeld. Er wurde noch am Abend einem "
    "Haftrichter vorgeführt, wie eine Sprecherin mitteilte."
)
BODY_C = (
    "Die Anwohner zeigten sich erleichtert. Viele hatten in den vergangenen Wochen zusätzliche "
    "Schlösser an ihren Türen angebracht."
)


@pytest.mark.parametrize(("line", "why"), NOISY_LINES, ids=[w for _, w in NOISY_LINES])
def test_noise_line_between_body_paragraphs_is_removed(line: str, why: str) -> None:
    result = clean_scrape(f"{BODY_A}\n\n{line}\n\n{BODY_B}\n\n{BODY_C}")
    assert _paragraphs(result)[-2:] == [BODY_B, BODY_C]
    assert BODY_A in result.text
    assert line not in result.text, why
    assert line in result.removed


@pytest.mark.parametrize(
    ("first_line", "outlet"),
    [
        ("Hamburg (dpa) - ", "dpa"),
        ("Paris (AFP) – ", "AFP"),
        ("Leipzig taz | ", "taz"),
        ("München. ", None),
    ],
)
def test_dateline_is_cut_from_first_paragraph(first_line: str, outlet: str | None) -> None:
    result = clean_scrape(f"{first_line}{BODY_A}\n\n{BODY_B}\n\n{BODY_C}")
    assert _paragraphs(result)[0] == BODY_A
    assert result.outlet == outlet
    assert first_line.strip() in result.removed


def test_ad_block_inside_body_is_removed_and_body_continues() -> None:
    scrape = (
        f"{BODY_A}\n\nAnzeige\nBeispielbank\nJetzt Tagesgeld mit Top-Zins sichern\n\n"
        f"{BODY_B}\n\n{BODY_C}"
    )
    result = clean_scrape(scrape)
    assert _paragraphs(result) == [BODY_A, BODY_B, BODY_C]
    assert "Beispielbank" in result.removed


def test_tag_list_and_author_box_after_body_are_removed() -> None:
    scrape = (
        f"{BODY_A}\n\n{BODY_B}\n\n{BODY_C}\n\nSchlagworte:\nPolizei\nEinbruch\nKriminalität\n\n"
        "Über den Autor\nMax Muster\n\nDas könnte Sie auch interessieren\n"
        "Einbrecher auf frischer Tat ertappt: Nachbarn alarmieren die Polizei\n"
        "Die Beamten konnten den Mann noch am Tatort stellen. Er hatte bereits Beute eingepackt."
    )
    result = clean_scrape(scrape)
    assert _paragraphs(result) == [BODY_A, BODY_B, BODY_C]
    assert result.author == "Max Muster"
    assert "Kriminalität" in result.removed


def test_byline_at_top_gives_author() -> None:
    result = clean_scrape(
        f"Polizei fasst Einbrecher\n\nVon Erika Beispiel und Max Muster\n\n{BODY_A}\n\n{BODY_B}"
    )
    assert result.author == "Erika Beispiel, Max Muster"
    assert result.title == "Polizei fasst Einbrecher"
    assert "Von Erika" not in result.text


@pytest.mark.parametrize("raw", ["", "   ", "\n\n\t\n", "\r\n \u00a0 \r\n"])
def test_empty_input_gives_empty_text(raw: str) -> None:
    result = clean_scrape(raw)
    assert result.text == ""
    assert result.structure == ()


def test_one_megabyte_input() -> None:
    article = f"{BODY_A}\n\n{BODY_B}\n\nEin Zwischentitel zur Lage\n\n{BODY_C}\n\n"
    raw = article * (1_000_000 // len(article) + 1)
    result = clean_scrape(raw)
    kept = len(re.sub(r"\s", "", result.text))
    assert kept >= 0.95 * len(re.sub(r"\s", "", raw))
    assert result.text.startswith(BODY_A)


@pytest.mark.parametrize(
    "raw",
    [
        "wort " * 200_000,
        "!" * 100_000,
        "[" * 50_000 + "]" * 50_000,
        "[1][" * 20_000,
        "| " * 50_000,
        "1. " * 30_000,
        ("a" * 10_000 + "\n") * 50,
        "\n".join(str(n) + ". Punkt" for n in range(1, 5000)),
    ],
    ids=[
        "long-line",
        "punctuation",
        "brackets",
        "link-markers",
        "pipes",
        "numbers",
        "tokens",
        "numbered",
    ],
)
def test_pathological_input_does_not_crash(raw: str) -> None:
    result = clean_scrape(raw)
    assert isinstance(result.text, str)
    for span in result.structure:
        assert 0 <= span.start <= span.end <= len(result.text)


def test_punctuation_only_scrape_keeps_nothing() -> None:
    result = clean_scrape("-----\n*****\n|||||")
    assert result.text == ""
    assert len(result.removed) == 3


def test_deterministic() -> None:
    assert clean_scrape(PORTAL_SCRAPE) == clean_scrape(PORTAL_SCRAPE)


def test_unmarked_teaser_list_with_dates_after_body_is_removed() -> None:
    scrape = "\n\n".join(
        [
            BODY_A + " " + BODY_B,
            BODY_C,
            "Ratgeber",
            "Einbruchschutz: So sichern Sie Fenster und Türen richtig",
            "14.03.2024",
            "Die meisten Täter kommen über die Terrassentür. Experten raten zu Riegeln.",
            "Ratgeber",
            "Urlaubszeit: Was die Hausratversicherung bei Einbrüchen zahlt",
            "12.03.2024",
            "Wer verreist, sollte einige Regeln beachten. Sonst droht Ärger mit der Versicherung.",
        ]
    )
    result = clean_scrape(scrape)
    assert _paragraphs(result) == [BODY_A + " " + BODY_B, BODY_C]
    assert result.published is None


def test_meta_line_with_separators_gives_date_and_author() -> None:
    scrape = "\n\n".join(
        [
            "Polizei fasst mutmaßlichen Einbrecher",
            "14.03.2024, 09:30 Uhr | Erika Beispiel | Lesezeit: 3 min",
            BODY_A,
            BODY_B,
            BODY_C,
        ]
    )
    result = clean_scrape(scrape)
    assert result.published == "2024-03-14T09:30:00"
    assert result.author == "Erika Beispiel"
    assert _paragraphs(result)[-2:] == [BODY_B, BODY_C]
    assert "Lesezeit" not in result.text


def test_inline_related_headline_with_dash_is_removed() -> None:
    scrape = (
        f"{BODY_A}\n{BODY_B}\nMehr zum Thema - Einbrecherbande in Norddeutschland gefasst\n{BODY_C}"
    )
    result = clean_scrape(scrape)
    assert _paragraphs(result) == [BODY_A, BODY_B, BODY_C]


def test_paywalled_page_keeps_its_cut_off_teaser() -> None:
    teaser = (
        "Der Gemeinderat hat am Dienstagabend über die Zukunft des alten Hallenbads beraten. "
        "Die Mitglieder sprachen darüber, wie die Sanierung bezahlt werden soll. Mit dabei…"
    )
    raw = f"Startseite\nPolitik\nKultur\n{teaser}\nTeilen\nJa. Ich bin Abonnent.\nImpressum"
    result = clean_scrape(raw)
    assert result.text == teaser
    assert "Ja. Ich bin Abonnent." in result.removed


@pytest.mark.parametrize(
    ("marker", "items"),
    [
        (
            "Ähnliche Beiträge",
            ["Wie die Stadt ihre Radwege ausbauen will", "Neue Buslinie startet"],
        ),
        ("Weiterführende Links", ["Bericht des Landesamts", "Statistik zur Verkehrsentwicklung"]),
        ("Ansprechpartnerin zum Thema:", ["Maria Beispiel", "Telefon 0123 456789"]),
        ("Schreibe einen Kommentar", ["Name", "Kommentar absenden"]),
    ],
)
def test_blog_and_press_sections_after_body_are_removed(marker: str, items: list[str]) -> None:
    raw = "\n".join([BODY_A, BODY_B, BODY_C, marker, *items])
    result = clean_scrape(raw)
    assert _paragraphs(result) == [BODY_A, BODY_B, BODY_C]
    assert marker in result.removed


def test_nav_item_contact_at_top_does_not_swallow_the_article() -> None:
    raw = "\n".join(["Startseite", "Kontakt", "Gemeinderat vertagt Entscheidung", BODY_A, BODY_B])
    result = clean_scrape(raw)
    assert result.title == "Gemeinderat vertagt Entscheidung"
    assert _paragraphs(result) == [BODY_A, BODY_B]


def test_menu_run_inside_body_is_removed_but_subheading_stays() -> None:
    menu = ["Politik", "Wirtschaft", "Sport", "Kultur"]
    raw = "\n".join([BODY_A, *menu, "Festnahme am Abend", BODY_B, BODY_C])
    result = clean_scrape(raw)
    assert _paragraphs(result) == [BODY_A, "Festnahme am Abend", BODY_B, BODY_C]
    assert _labelled(result, "heading") == ["Festnahme am Abend"]
    assert all(item in result.removed for item in menu)


def test_short_table_cells_inside_body_are_kept() -> None:
    table = ["Kaufpreis", "24'000", "Restwert", "9'500", "Zinssatz", "3.9%"]
    result = clean_scrape("\n".join([BODY_A, BODY_B, *table, BODY_C]))
    assert all(cell in _paragraphs(result) for cell in table)


def test_short_fragments_of_broken_lines_are_not_a_menu() -> None:
    fragments = [
        "Die Stadt will die Brücke",
        "noch in diesem Jahr sanieren,",
        "sagte der Bürgermeister",
    ]
    result = clean_scrape("\n\n".join([BODY_A, BODY_B, *fragments, BODY_C]))
    assert all(fragment in result.text for fragment in fragments)
