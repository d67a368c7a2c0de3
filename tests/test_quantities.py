"""Quantities: invented messy German sentences, and the duration/troop figures of the corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from synopse.analysis.quantities import find_quantities, parse_number, parse_number_word
from synopse.evaluation.common import find_in_text
from synopse.ingest.text import clean_scrape
from synopse.model import Quantity

# (text, expression as written, low, high, unit, hedge, exact)
CASES = [
    ("Die Sitzung dauerte rund 40 Minuten.", "rund 40 Minuten", 36, 44, "minute", "rund", False),
    (
        "Ein etwa 90-minütiges Gespräch folgte.",
        "etwa 90-minütiges",
        81,
        99,
        "minute",
        "etwa",
        False,
    ),
    ("Nach dem 45-minütigen Treffen ging er.", "45-minütigen", 45, 45, "minute", None, False),
    (
        "Es war ein fast zweistündiges Verhör.",
        "fast zweistündiges",
        96,
        120,
        "minute",
        "fast",
        False,
    ),
    ("Eine einstündige Pause ist Pflicht.", "einstündige", 60, 60, "minute", None, False),
    ("Sie redeten genau 25 Minuten lang.", "genau 25 Minuten", 25, 25, "minute", "genau", True),
    ("Er wartete drei Stunden am Gleis.", "drei Stunden", 180, 180, "minute", None, False),
    (
        "Das Drei-Milliarden-Euro-Paket steht.",
        "Drei-Milliarden-Euro-Paket",
        3e9,
        3e9,
        "EUR",
        None,
        False,
    ),
    ("Der Bau kostet 2,4 Mrd. Euro mehr.", "2,4 Mrd. Euro", 2.4e9, 2.4e9, "EUR", None, False),
    (
        "Der Fonds umfasst 1,5 Millionen Dollar.",
        "1,5 Millionen Dollar",
        1.5e6,
        1.5e6,
        "USD",
        None,
        False,
    ),
    (
        "Gold kostet über 2.100 US-Dollar je Unze.",
        "über 2.100 US-Dollar",
        2100,
        3150,
        "USD",
        "über",
        False,
    ),
    ("Die Miete stieg um knapp 8 Prozent.", "knapp 8 Prozent", 6.4, 8, "percent", "knapp", False),
    ("Die Quote liegt bei 4,5 %.", "4,5 %", 4.5, 4.5, "percent", None, False),
    (
        "Mehr als 300 Polizisten waren im Einsatz.",
        "Mehr als 300 Polizisten",
        300,
        450,
        "Polizist",
        "mehr als",
        False,
    ),
    (
        "Es kamen 12.500 Zuschauer ins Stadion.",
        "12.500 Zuschauer",
        12500,
        12500,
        "Zuschauer",
        None,
        False,
    ),
    ("Tausende Menschen demonstrierten.", "Tausende Menschen", 2000, 9999, "Mensch", None, False),
    (
        "Hunderte von wütenden Bauern blockierten die Straße.",
        "Hunderte von wütenden Bauern",
        200,
        999,
        "Bauer",
        None,
        False,
    ),
    (
        "Zehntausender frierender Flüchtlinge harren aus.",
        "Zehntausender frierender Flüchtlinge",
        20000,
        99999,
        "Flüchtling",
        None,
        False,
    ),
    (
        "Die Armee hat 40.000 Soldaten verlegt.",
        "40.000 Soldaten",
        40000,
        40000,
        "Soldat",
        None,
        False,
    ),
    (
        "Es gab sieben große Streikwellen.",
        "sieben große Streikwellen",
        7,
        7,
        "Streikwelle",
        None,
        False,
    ),
    ("Dreiundzwanzig Schüler fehlten.", "Dreiundzwanzig Schüler", 23, 23, "Schüler", None, False),
    ("Zweihundertfünfzig Gäste kamen.", "Zweihundertfünfzig Gäste", 250, 250, "Gast", None, False),
    ("Nach dem 30-jährigen Krieg war das Land leer.", "30-jährigen", 30, 30, "year", None, False),
    ("Sie lief 42 Kilometer am Stück.", "42 Kilometer", 42, 42, "km", None, False),
    ("Der Preis: € 250 pro Person.", "250", 250, 250, "EUR", None, False),
    ("Sie wartete eine Stunde auf den Bus.", "eine Stunde", 60, 60, "minute", None, False),
    (
        "Die Firma streicht ca. 1200 Stellen.",
        "ca. 1200 Stellen",
        1080,
        1320,
        "Stelle",
        "ca.",
        False,
    ),
]


@pytest.mark.parametrize(("text", "expression", "low", "high", "unit", "hedge", "exact"), CASES)
def test_quantity_values(
    text: str,
    expression: str,
    low: float,
    high: float,
    unit: str,
    hedge: str | None,
    exact: bool,
) -> None:
    found = [(text[q.start : q.end], q) for q in find_quantities(text)]
    matching = [q for written, q in found if written == expression]
    assert matching, found
    q = matching[0]
    assert (q.low, q.high, q.unit, q.hedge, q.exact) == pytest.approx(
        (low, high, unit, hedge, exact)
    )


@pytest.mark.parametrize(
    "text",
    [
        "Am 10. Januar beginnen die Gespräche.",
        "Zum zweiten Mal in diesem Jahr trafen sie sich.",
        "Das zweite Telefonat fand statt.",
        "Seit 2014 ist die Lage angespannt.",
        "Der Zug fährt um 20:40 Uhr ab.",
        "Erschienen am 31.12.2021 in Berlin.",
        "Mehr unter https://example.org/2021/12/30/artikel-123 lesen.",
        "Bestellnummer 4711081512 bitte angeben.",
        "Die beiden Staatschefs sprachen miteinander.",
        "Einer der Berater sagte nichts.",
        "Nord Stream 2 ist fertig.",
        "Ein Sprecher bestätigte das.",
        "Im Jahr 2000 Menschen zu zählen ist schwer.",
    ],
)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("zwölf", 12),
        ("Elf", 11),
        ("einundzwanzig", 21),
        ("neunundneunzig", 99),
        ("dreihundert", 300),
        ("zweitausendvierhundert", 2400),
        ("hunderttausend", 100000),
        ("zweites", None),
        ("Mal", None),
    ],
)
def test_number_words(word: str, value: float | None) -> None:
    assert parse_number_word(word) == value


@pytest.mark.parametrize(
    ("token", "value"),
    [("100.000", 100000), ("1,5", 1.5), ("11", 11), ("1.234.567,89", 1234567.89), ("1.23", None)],
)
def test_parse_number(token: str, value: float | None) -> None:
    assert parse_number(token) == value


@pytest.mark.parametrize("text", ["", "1" * 10000, "rund " * 2000, "-" * 500, "1,1,1,1" * 300])
def test_bad_input_does_not_crash(text: str) -> None:
    result = find_quantities(text)
    assert all(0 <= q.start < q.end <= len(text) for q in result)


def test_sorted_and_deterministic() -> None:
    text = "Rund 50 Minuten, 3 Stunden und 100.000 Soldaten. " * 20
    first = find_quantities(text)
    assert first == find_quantities(text)
    assert [q.start for q in first] == sorted(q.start for q in first)
    assert len(first) == 60


# --- gold corpus: conflicts C01 (call duration) and C02 (troop numbers) ----------------


def _quantities_in_quote(text: str, quote: str) -> list[Quantity]:
    region = find_in_text(text, quote)
    assert region is not None, quote
    return [q for q in find_quantities(text) if region[0] <= q.start and q.end <= region[1]]


def _clean_texts(corpus_files: dict[str, Path]) -> dict[str, str]:
    return {
        key: clean_scrape(path.read_text(encoding="utf-8")).text
        for key, path in corpus_files.items()
    }


def _conflict(gold: dict[str, Any], conflict_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(c for c in gold["conflicts"] if c["id"] == conflict_id)
    return found


def _quote_texts(
    gold: dict[str, Any], corpus_files: dict[str, Path], conflict_id: str
) -> list[tuple[str, str, str]]:
    texts = _clean_texts(corpus_files)
    return [
        (key, texts[key], quote)
        for key, value in _conflict(gold, conflict_id)["values"].items()
        for quote in value["quotes"]
    ]


def test_gold_call_durations_overlap(gold: dict[str, Any], corpus_files: dict[str, Path]) -> None:
    durations: list[tuple[str, Quantity]] = []
    for key, text, quote in _quote_texts(gold, corpus_files, "C01"):
        minutes = [q for q in _quantities_in_quote(text, quote) if q.unit == "minute"]
        assert len(minutes) == 1, (key, quote, minutes)
        durations.append((key, minutes[0]))
    assert {key for key, _ in durations} == {"000", "001", "002", "003"}
    assert len(durations) == 5
    assert max(q.low for _, q in durations) <= min(q.high for _, q in durations)
    assert all(45 <= q.low <= q.high <= 60 for _, q in durations)
    exact = [key for key, q in durations if q.exact]
    assert exact == ["003"]
    hedged = sorted(key for key, q in durations if q.hedge is not None and not q.exact)
    assert hedged == ["000", "001", "002"]


def test_gold_troop_numbers_share_a_unit(
    gold: dict[str, Any], corpus_files: dict[str, Path]
) -> None:
    by_doc: dict[str, Quantity] = {}
    for key, text, quote in _quote_texts(gold, corpus_files, "C02"):
        found = _quantities_in_quote(text, quote)
        if key == "001":
            assert found == []  # "massiven ... Truppenaufmarsch" states no number
            continue
        assert len(found) == 1, (key, quote, found)
        by_doc[key] = found[0]
    assert set(by_doc) == {"000", "003", "004"}
    assert len({q.unit for q in by_doc.values()}) == 1
    assert (by_doc["003"].low, by_doc["003"].high) == (100000, 100000)
    for key in ("000", "004"):
        assert (by_doc[key].low, by_doc[key].high) == (20000, 99999)


@pytest.mark.parametrize(
    ("text", "expression", "low", "unit"),
    [
        ("Die Stadt zahlt 30 000 Euro Zuschuss.", "30 000 Euro", 30000, "EUR"),
        ("Es kamen 1\u00a0200 Gäste.", "1\u00a0200 Gäste", 1200, "Gast"),
        ("Die Zahl lag bei mehr als 6.000 gelegen. Die Lage bleibt ernst.", None, None, None),
        ("Nach § 223 StGB droht Haft.", None, None, None),
        ("Sie steht auf Seite 12 Zeile 3.", None, None, None),
        ("Das kostet 3 Mio. Dollar.", "3 Mio. Dollar", 3e6, "USD"),
        ("Es sind ca. 40 Teilnehmer.", "ca. 40 Teilnehmer", 36, "Teilnehmer"),
        ("Sie maß 1,50 Metern Höhe.", "1,50 Metern", 1.5, "m"),
    ],
)
def test_separators_references_and_sentence_ends(
    text: str, expression: str | None, low: float | None, unit: str | None
) -> None:
    found = [(text[q.start : q.end], q.low, q.unit) for q in find_quantities(text)]
    if expression is None:
        assert found == []
    else:
        assert found == [(expression, pytest.approx(low), unit)]
