"""Framing: distinctive terms, hedges and distancing, evaluative words, quote counts."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from synopse.compare.framing import find_hedges, frame_documents
from synopse.errors import ConfigError
from synopse.model import Document, Quote


def _doc(doc_id: str, text: str) -> Document:
    return Document(id=doc_id, text=text, source=f"{doc_id}.txt")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Der angebliche Zeuge schwieg.", [("angebliche", "distancing")]),
        ("Die sogenannten Querdenker zogen durch die Stadt.", [("sogenannten", "distancing")]),
        ("Der sog. Rettungsschirm wird verlängert.", [("sog.", "distancing")]),
        ("Der mutmaßliche Täter wurde gefasst.", [("mutmaßliche", "distancing")]),
        ("Die Regierung war offenbar überrascht.", [("offenbar", "hedge")]),
        ("Das vermeintliche Wundermittel wirkt nicht.", [("vermeintliche", "distancing")]),
        ("Der Minister soll von dem Plan gewusst haben.", [(None, "hearsay")]),
        ("Die Täter sollen über die Grenze geflohen sein.", [(None, "hearsay")]),
        ("Man wirft ihm vor, dass er Geld genommen haben soll.", [(None, "hearsay")]),
        ("Die Angaben ließen sich nicht unabhängig überprüfen.", [(None, "unverified")]),
        ("Die „Experten“ der Partei legten ein Papier vor.", [("„Experten“", "scare_quote")]),
        ('Der "Friedensplan" sieht harte Auflagen vor.', [('"Friedensplan"', "scare_quote")]),
        ("Die Brücke soll im Mai fertig werden.", []),
        ("Die Schule soll saniert werden.", []),
        ("„Das ist ein Fehler“, sagte der Minister.", []),
        ("Es sei ein „kolossaler Fehler“, erklärte der Sprecher.", []),
        ("Das „schleichende“ Vordringen sei gefährlich, so der Botschafter.", []),
        ("Er rief: „Nein!“ und ging.", []),
        ("Die Behörde schätzte die Lage als „ernst“ ein.", []),
        ("Die Stadt nannte den Plan „mutig“.", []),
        ("Das Wetter bleibt heute trocken.", []),
    ],
)
def test_hedges(text: str, expected: list[tuple[str | None, str]]) -> None:
    hedges = find_hedges(text)
    assert [h.kind for h in hedges] == [kind for _, kind in expected]
    for hedge, (surface, _) in zip(hedges, expected, strict=True):
        if surface is not None:
            assert text[hedge.start : hedge.end] == surface


def test_hearsay_span_runs_from_modal_to_auxiliary() -> None:
    text = "Der Minister soll von dem Plan gewusst haben."
    (hedge,) = find_hedges(text)
    assert text[hedge.start : hedge.end] == "soll von dem Plan gewusst haben"


def test_quotation_marks_inside_a_known_quote_are_not_scare_quotes() -> None:
    text = "Der Plan sei „unausgegoren“. Das Ministerium widersprach."
    assert [h.kind for h in find_hedges(text)] == ["scare_quote"]
    quote = Quote(0, 29, "mixed", 0, "Die Opposition", -1, -1, None, "Konjunktiv")
    assert find_hedges(text, quotes=[quote]) == ()


WIND = (
    "Die Windkraft im Norden wächst. Neue Windräder mit längeren Rotoren liefern mehr Strom. "
    "Die Windkraft profitiert von Rotoren aus Carbon, und die Windräder stehen weiter draußen "
    "auf dem Meer. Betreiber von Windrädern loben die Technik der Rotoren. "
    "Die Gemeinde diskutiert über den Ausbau der Energie."
)
SUN = (
    "Die Solarzellen auf den Dächern der Stadt werden billiger. Photovoltaik lohnt sich für "
    "Hausbesitzer. Die Solarzellen liefern auch im Winter Strom, und Speicher für die "
    "Photovoltaik sind gefragt. Die Gemeinde diskutiert über den Ausbau der Energie."
)


def test_distinctive_terms_recover_planted_vocabulary() -> None:
    framing = frame_documents([_doc("wind", WIND), _doc("sun", SUN)], top_k=3)
    wind_terms = [t.term for t in framing["wind"].terms]
    sun_terms = [t.term for t in framing["sun"].terms]
    assert set(wind_terms) == {"Windkraft", "Windrad", "Rotor"}
    assert set(sun_terms[:2]) == {"Solarzelle", "Photovoltaik"}
    # Shared words are not distinctive for either side.
    for terms in (wind_terms, sun_terms):
        assert not {"Gemeinde", "Ausbau", "Energie", "Strom"} & set(terms)
    scores = [t.score for t in framing["wind"].terms]
    assert scores == sorted(scores, reverse=True)
    assert all(score > 0 for score in scores)


def test_names_are_counted_as_written_not_lemmatized() -> None:
    text = (
        "Ministerpräsident Laschet verteidigt die Lockerungen. Laschet sagte, die Lage sei "
        "stabil. Kritiker werfen Laschet Eile vor."
    )
    other = "Die Gemeinde diskutiert über den Ausbau der Energie und die Lage der Stadt."
    docs = [_doc("a", text), _doc("b", other)]
    names = {"a": [(m.start(), m.end()) for m in re.finditer("Laschet", text)]}
    plain = [t.term for t in frame_documents(docs, top_k=3)["a"].terms]
    named = [t.term for t in frame_documents(docs, names=names, top_k=3)["a"].terms]
    # simplemma reads the surname as a form of the verb "laschen".
    assert "laschen" in plain
    assert "Laschet" in named and "laschen" not in named


EVALUATIVE = (
    "Die Opposition nennt das Vorhaben ein Desaster. Die Regierung spricht von einem "
    "konstruktiven Gespräch und einem echten Durchbruch. Kritiker warnen vor einer "
    "gefährlichen Eskalation der Regierungskrise."
)


def test_evaluative_words_with_polarity() -> None:
    framing = frame_documents([_doc("e", EVALUATIVE)])["e"]
    found = [(EVALUATIVE[e.start : e.end], e.polarity) for e in framing.evaluative]
    assert found == [
        ("Desaster", "negative"),
        ("konstruktiven", "positive"),
        ("Durchbruch", "positive"),
        ("gefährlichen", "negative"),
        ("Eskalation", "negative"),
        ("Regierungskrise", "negative"),
    ]


def test_neutral_text_has_no_evaluative_words() -> None:
    text = "Der Zug fährt um acht Uhr ab. Er hält in drei Städten und kommt am Abend an."
    assert frame_documents([_doc("n", text)])["n"].evaluative == ()


@pytest.mark.parametrize(
    "text",
    [
        # "betrug" is the past of "betragen", not the noun "Betrug".
        "Der Umsatz betrug im vergangenen Jahr sechs Milliarden Euro.",
        # Derived nouns are not compounds of the lexicon's "Einigung".
        "Die Kassenärztliche Vereinigung lud zur Sitzung ein.",
    ],
)
def test_homographs_and_derived_nouns_are_not_evaluative(text: str) -> None:
    assert frame_documents([_doc("n", text)])["n"].evaluative == ()


def test_quoted_counts_by_speaker() -> None:
    text = (
        "„Wir sind bereit“, sagte Anna Roth. Sie sei zuversichtlich, sagte Roth. Das Amt schwieg."
    )
    quotes = [
        Quote(0, 17, "direct", 0, "Anna Roth", 25, 34, "Anna Roth", "sagte"),
        Quote(36, 59, "indirect", 1, "Roth", 66, 70, "Anna Roth", "sagte"),
        Quote(72, 86, "indirect", 2, None, -1, -1, None, "Konjunktiv"),
    ]
    framing = frame_documents([_doc("q", text)], quotes={"q": quotes})["q"]
    assert framing.to_dict()["quoted"] == {"Anna Roth": 2}
    assert frame_documents([_doc("q", text)])["q"].quoted == ()


def test_to_dict_matches_the_contract() -> None:
    text = "Die angebliche Einigung ist ein Debakel für die sogenannte Koalition."
    data = frame_documents([_doc("d", text), _doc("e", WIND)])["d"].to_dict()
    assert set(data) >= {"terms", "hedges", "evaluative", "quoted"}
    assert [(h["text"], text[h["start"] : h["end"]]) for h in data["hedges"]] == [
        ("angebliche", "angebliche"),
        ("sogenannte", "sogenannte"),
    ]
    assert {e["text"]: e["polarity"] for e in data["evaluative"]} == {
        "Einigung": "positive",
        "Debakel": "negative",
    }
    assert all({"term", "score"} <= set(t) for t in data["terms"])
    json.dumps(data)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"top_k": -1}, "framing top_k must not be negative, got -1"),
        ({"alpha0": 0.0}, "framing alpha0 must be positive, got 0.0"),
    ],
)
def test_bad_options(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError) as error:
        frame_documents([_doc("a", WIND)], **options)
    assert str(error.value) == message


@pytest.mark.parametrize("text", ["", "   ", "123 456", '„“ "" » «', "soll " * 500])
def test_odd_inputs_do_not_crash(text: str) -> None:
    framing = frame_documents([_doc("x", text), _doc("y", SUN)])
    assert framing["x"].terms == ()


def test_deterministic() -> None:
    docs = [_doc("wind", WIND), _doc("sun", SUN), _doc("e", EVALUATIVE)]
    assert frame_documents(docs) == frame_documents(list(docs))


def test_shared_corpus_framing_is_found(
    corpus_files: dict[str, Path], gold: dict[str, Any]
) -> None:
    """Informative check against the gold framing: the hedged sentences are flagged."""
    docs = [
        _doc(key, path.read_text(encoding="utf-8")) for key, path in sorted(corpus_files.items())
    ]
    framing = frame_documents(docs)
    for doc in docs:
        result = framing[doc.id]
        assert len(result.terms) == 10
        for hedge in result.hedges:
            assert doc.text[hedge.start : hedge.end].strip()
    hearsay_items = [
        item["quote"]
        for key, entry in gold["framing"].items()
        for item in entry["items"]
        if " soll " in item["quote"] and " haben" in item["quote"]
    ]
    flagged = {doc.text[h.start : h.end] for doc in docs for h in framing[doc.id].hedges}
    for quote in hearsay_items:
        assert any(text in quote for text in flagged), quote
