"""Entity recognition on invented German sentences: names, types, roles, grouping."""

from __future__ import annotations

import pytest

from synopse.analysis.entities import find_entities
from synopse.analysis.sentences import split_sentences
from synopse.model.analysis import EntityMention


def _find(text: str) -> list[EntityMention]:
    return find_entities(text, split_sentences(text))


def _triples(text: str) -> list[tuple[str, str, str]]:
    return [(text[m.start : m.end], m.type, m.name) for m in _find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gestern sprach Kanzlerin Erika Wendtland in Hamburg.",
            [("Erika Wendtland", "PER", "Erika Wendtland"), ("Hamburg", "LOC", "Hamburg")],
        ),
        (
            "In Frankreich und Polen wird gewählt.",
            [("Frankreich", "LOC", "Frankreich"), ("Polen", "LOC", "Polen")],
        ),
        ("Die Nato und die OSZE tagten.", [("Nato", "ORG", "NATO"), ("OSZE", "ORG", "OSZE")]),
        ("Ein Sprecher des Weißen Hauses schwieg.", [("Weißen Hauses", "ORG", "Weißes Haus")]),
        ("Das Weiße Haus schwieg.", [("Weiße Haus", "ORG", "Weißes Haus")]),
        ("Der Kreml widersprach am Abend.", [("Kreml", "ORG", "Kreml")]),
        ("Die Regierung Polens protestierte.", [("Polens", "LOC", "Polen")]),
        ("Die Haltung Moskaus blieb hart.", [("Moskaus", "LOC", "Moskau")]),
        (
            "Das US-Außenministerium widersprach.",
            [("US-Außenministerium", "ORG", "US-Außenministerium")],
        ),
        (
            "Das Bundesamt für Verfassungsschutz warnte.",
            [("Bundesamt für Verfassungsschutz", "ORG", "Bundesamt für Verfassungsschutz")],
        ),
        (
            "Die Muster Bau GmbH meldete Insolvenz an.",
            [("Muster Bau GmbH", "ORG", "Muster Bau GmbH")],
        ),
    ],
)
def test_names_and_types(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _triples(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Regierung und Opposition stritten lange über den Haushalt.",
        "Verhandlungen gab es keine, Gespräche auch nicht.",
        "Zeitung lesen ist für viele ein Ritual am Morgen.",
        "Am Montag beginnt die Sitzung im Mai.",
        "Die Entscheidung fiel nach langer Beratung.",
    ],
)
def test_common_nouns_are_not_names(text: str) -> None:
    assert _triples(text) == []


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("US-Präsident Tom Hartigan telefonierte lange.", "Tom Hartigan", "US-Präsident"),
        (
            "Die Pressesprecherin des Ministeriums, Anna Wendtland, widersprach.",
            "Anna Wendtland",
            "Pressesprecherin des Ministeriums",
        ),
        (
            "Frankreichs außenpolitischer Berater Igor Testow sagte nichts.",
            "Igor Testow",
            "Frankreichs außenpolitischer Berater",
        ),
        (
            "Es sprach Karin Wendtland, Staatssekretärin für Europa im Finanzministerium, "
            "am Abend.",
            "Karin Wendtland",
            "Staatssekretärin für Europa im Finanzministerium",
        ),
        ("Der russische Staatschef Igor Testow sagte ab.", "Igor Testow", "russische Staatschef"),
        (
            "Das bestätigte ein Berater des Kremls, Igor Testow.",
            "Igor Testow",
            "Berater des Kremls",
        ),
    ],
)
def test_roles(text: str, name: str, role: str) -> None:
    people = [m for m in _find(text) if m.type == "PER"]
    assert [(m.name, m.role) for m in people] == [(name, role)]
    mention = people[0]
    assert text[mention.role_start : mention.role_end] == role


def test_compound_role_and_surname_grouping() -> None:
    text = (
        "Kanzlerin Erika Wendtland traf Igor Testow. Danach sagte Wendtland-Berater Paul Kerner, "
        "Testow habe zugehört. Wendtlands Team schwieg."
    )
    mentions = _find(text)
    names = [(text[m.start : m.end], m.name) for m in mentions if m.type == "PER"]
    assert ("Testow", "Igor Testow") in names
    assert ("Wendtlands", "Erika Wendtland") in names
    kerner = next(m for m in mentions if m.name == "Paul Kerner")
    assert kerner.role == "Wendtland-Berater"


def test_surname_before_full_name_elsewhere_is_grouped() -> None:
    text = "Präsident Jan Kowalczyk reiste ab. Kowalczyk sagte, er komme wieder."
    assert {m.name for m in _find(text) if m.type == "PER"} == {"Jan Kowalczyk"}


def test_names_inside_compounds_are_found() -> None:
    text = "Ein Kreml-Sprecher äußerte sich zur Nato-Erweiterung."
    found = _triples(text)
    assert ("Kreml", "ORG", "Kreml") in found
    assert ("Nato", "ORG", "NATO") in found


def test_empty_and_blank_text() -> None:
    assert find_entities("", []) == []
    assert _find("   \n\n ") == []


def test_all_caps_line_yields_no_spurious_names() -> None:
    text = "EILMELDUNG: REGIERUNG TRITT ZURÜCK NACH STREIT UM HAUSHALT\nDie Opposition jubelt."
    assert _triples(text) == []


def test_deterministic_and_sorted() -> None:
    text = "Kanzlerin Erika Wendtland traf in Wien die OSZE. Wendtland lobte Wien. " * 20
    first = _find(text)
    assert first == _find(text)
    assert [m.start for m in first] == sorted(m.start for m in first)
    assert all(0 <= m.start < m.end <= len(text) for m in first)


def test_odd_input_does_not_crash() -> None:
    text = "A-B-C-D " * 500 + "„“ ,,, --- Ü" * 200 + "X" * 5000
    mentions = _find(text)
    assert all(0 <= m.start < m.end <= len(text) for m in mentions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Initials and particles inside person names.
        (
            "Gestern sprach John F. Wendtland mit Reportern.",
            [("John F. Wendtland", "PER")],
        ),
        ("Das Buch stammt von H. Kowalczyk aus dem Jahr 1990.", [("H. Kowalczyk", "PER")]),
        (
            "Gestern kam Johann Peter von Wendtland zu Besuch.",
            [("Johann Peter von Wendtland", "PER")],
        ),
        # The surname ends the name; a common noun after it is not part of it.
        (
            "Damals bereitete Anna Kowalczyk Liebeskummer.",
            [("Anna Kowalczyk", "PER")],
        ),
        # A classifier noun types an unknown name.
        (
            "Die Gemeinde Wurzelbrunn liegt im Süden.",
            [("Wurzelbrunn", "LOC")],
        ),
        ("Der Konzern Trivalox meldete Gewinne.", [("Trivalox", "ORG")]),
        # An untyped name listed with a place is a place.
        (
            "Die Strecke führt über Wurzelbrunn , Köln und Mainz .",
            [("Wurzelbrunn", "LOC"), ("Köln", "LOC"), ("Mainz", "LOC")],
        ),
        # "südlich von X", "Bischof von X": X is a place.
        ("Das Lager lag südlich von Quarnitz im Tal.", [("Quarnitz", "LOC")]),
        # Demonyms are MISC, not people, and do not swallow the noun after them.
        ("Die Berliner Polizei ermittelt.", [("Berliner", "MISC")]),
        # A run of capitalised English words is a name, typed by its head.
        ("Die Royal Air Force flog Einsätze.", [("Royal Air Force", "ORG")]),
        (
            "Das Büro liegt an der Wall Street in New York.",
            [("Wall Street", "LOC"), ("New York", "LOC")],
        ),
        # Acronym followed by a place: a club or company name.
        ("Der ESV Dortmund gewann erneut.", [("ESV Dortmund", "ORG")]),
        # Compass-point regions of known countries.
        (
            "Die Dürre trifft Süditalien und Ostdeutschland.",
            [("Süditalien", "LOC"), ("Ostdeutschland", "LOC")],
        ),
        # State prefix + organisation head, written as one word.
        ("Das Bundesjustizministerium prüft den Fall.", [("Bundesjustizministerium", "ORG")]),
    ],
)
def test_span_and_type_evidence(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(text[m.start : m.end], m.type) for m in _find(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        # Inflected and compound common nouns unknown to frequency lists.
        "Die Besucher sahen Walen und Robben im Hafen zu.",
        "Er aß gern Dinkelreis mit Gemüse.",
        "Der Gewinn des Vereinspokals kam überraschend.",
        "Sie trafen sich mit Gewerkschaftern und Strippenziehern.",
    ],
)
def test_rare_common_nouns_are_not_names(text: str) -> None:
    assert _triples(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A city named like a common word ("Corona", California) is a place only with a
        # place cue; elsewhere it is the virus, also inside compounds.
        ("Wegen Corona schließen die Schulen. Corona verändert den Alltag.", []),
        ("Die Corona-Krise trifft die Wirte hart.", []),
        (
            "Sie wuchs in Corona auf und zog später nach Chicago.",
            [("Corona", "LOC"), ("Chicago", "LOC")],
        ),
        # A place ends a club name; the person after it is someone else.
        (
            "Heute heißt der Trainer des SC Verl Marco Antonelli.",
            [("SC Verl", "ORG"), ("Marco Antonelli", "PER")],
        ),
    ],
)
def test_common_word_places_and_club_names(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(text[m.start : m.end], m.type) for m in _find(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Nach dem Corona-Lockdown öffnen die Läden wieder.",
        "Begleitet vom schrillen Keyboard-Sound betrat er die Bühne.",
        "An definierten Hotspots wie dem Marktplatz gilt eine Maskenpflicht.",
        "Konzerte, Messen und Firmenevents fallen aus.",
        "Im Norden blieben Restaurants und Fitnessstudios geöffnet.",
        "Tiefrot leuchtet die Karte des Landkreises.",
        "Er ist zugezogen, also Beutebayer, und lobt das Wetter.",
    ],
)
def test_loanwords_plurals_and_adjectives_are_no_persons(text: str) -> None:
    assert [text[m.start : m.end] for m in _find(text) if m.type == "PER"] == []


def test_classifier_noun_types_a_quoted_name() -> None:
    text = "Die Satirezeitung „Anna Blume“ druckte die Karikaturen."
    assert [(text[m.start : m.end], m.type) for m in _find(text)] == [("Anna Blume", "ORG")]


def test_english_surnames_keep_their_cues() -> None:
    text = "Die Regierung fragte nach Lynchs Absichten. Dazu sagte Lynch nichts."
    assert [m.type for m in _find(text)] == ["PER", "PER"]
