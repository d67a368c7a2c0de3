"""English support through data/en: dates, quantities, quotes, compare, no crash."""

from __future__ import annotations

from pathlib import Path

from synopse.analysis.dates import find_dates
from synopse.analysis.pipeline import analyze, data_language
from synopse.analysis.quantities import find_quantities
from synopse.analysis.sentences import split_sentences
from synopse.compare.pipeline import compare
from synopse.ingest.metadata import detect_language
from synopse.lang import available_languages
from synopse.model import Document

_DATA = Path(__file__).resolve().parents[1] / "src" / "synopse" / "data"

_COURIER = (
    "About 3,000 passengers were stranded at Heathrow Airport on Monday after a storm "
    "forced airlines to cancel flights. The airport said 120 flights were cancelled. "
    '"We are doing everything we can to get people home," said Jane Miller. '
    "Two days later, most flights resumed."
)
_LEDGER = (
    "5,000 passengers were stranded at Heathrow Airport on Tuesday after a storm forced "
    "airlines to cancel flights. The airport said 120 flights were cancelled. "
    "The storm had allegedly been the worst in a decade."
)


def _dates(text: str, published: str = "2022-01-12") -> dict[str, str]:
    sentences = split_sentences(text, lang="en")
    found = find_dates(text, sentences, published, lang="en")
    return {text[e.start : e.end]: e.value for e in found}


def test_english_text_is_detected_and_analysed_with_english_data() -> None:
    assert "en" in available_languages()
    assert detect_language(_COURIER) == "en"
    document = Document(id="c", text=_COURIER, source="c", language="en")
    assert data_language(document) == "en"


def test_sentences_keep_english_abbreviations() -> None:
    text = "Mr. Smith met Dr. Jones in the U.S. capital. They talked."
    spans = split_sentences(text, lang="en")
    assert [text[s.start : s.end] for s in spans] == [
        "Mr. Smith met Dr. Jones in the U.S. capital.",
        "They talked.",
    ]


def test_dates_resolve_against_the_publication_date() -> None:
    # 2022-01-12 is a Wednesday.
    found = _dates(
        "The leaders met on Monday. Talks will resume on January 17, and a second round "
        "follows on 24 January 2022. Two days later, the ministers will meet again. "
        "Yesterday police arrested three men. The plan failed in March. "
        "Last week, officials warned of delays. The summit was held in 2021."
    )
    assert found["on Monday"] == "2022-01-10"
    assert found["on January 17"] == "2022-01-17"
    assert found["on 24 January 2022"] == "2022-01-24"
    assert found["Two days later"] == "2022-01-26"
    assert found["Yesterday"] == "2022-01-11"
    assert found["in March"] == "2021-03"
    assert found["Last week"] == "2022-01"
    assert found["in 2021"] == "2021"


def test_weekday_follows_the_tense() -> None:
    assert _dates("The minister will travel to Paris on Friday.")["on Friday"] == "2022-01-14"
    assert _dates("The minister travelled to Paris on Friday.")["on Friday"] == "2022-01-07"


def test_quantities_with_hedges_and_number_words() -> None:
    def read(text: str) -> list[tuple[float, float, str, str | None]]:
        return [(q.low, q.high, q.unit, q.hedge) for q in find_quantities(text, lang="en")]

    assert read("About 3,000 passengers were stranded.") == [(2700.0, 3300.0, "passenger", "about")]
    assert read("Nearly 1.5 million people voted.") == [(1200000.0, 1500000.0, "people", "nearly")]
    assert read("More than 200 stranded passengers") == [(200.0, 300.0, "passenger", "more than")]
    assert read("Tens of thousands of people protested.") == [(20000.0, 99999.0, "people", None)]
    assert read("Thousands of soldiers") == [(2000.0, 9999.0, "soldier", None)]
    assert read("Two soldiers died.") == [(2.0, 2.0, "soldier", None)]
    assert read("The talks lasted exactly 50 minutes.") == [(50.0, 50.0, "minute", "exactly")]
    assert read("It cost $5 million in repairs.") == [(5000000.0, 5000000.0, "USD", None)]


def test_quote_with_postposed_speaker() -> None:
    text = '"The talks were useful," said Joe Biden.'
    analysis = analyze(Document(id="q", text=text, source="q", language="en"))
    assert [(q.mode, q.speaker_name) for q in analysis.quotes] == [("direct", "Joe Biden")]


def test_compare_finds_numeric_and_temporal_conflicts_in_english() -> None:
    documents = [
        Document(
            id=name,
            text=text,
            source=name,
            outlet=outlet,
            language="en",
            published="2022-01-12T10:00:00Z",
        )
        for name, outlet, text in (
            ("courier", "Daily Courier", _COURIER),
            ("ledger", "Evening Ledger", _LEDGER),
        )
    ]
    texts = {d.id: d.text for d in documents}
    result = compare(documents)
    assert result.language == "en"
    kinds = {c.kind: c for c in result.conflicts}
    numeric = {texts[v.doc][v.start : v.end] for v in kinds["numeric"].values}
    assert numeric == {"About 3,000 passengers", "5,000 passengers"}
    temporal = {v.value for v in kinds["temporal"].values}
    assert temporal == {"2022-01-10", "2022-01-11"}
    hedges = result.framing["ledger"].hedges
    assert any(texts["ledger"][h.start : h.end] == "allegedly" for h in hedges)


def test_partial_language_folder_is_allowed() -> None:
    # Tables left out on purpose: their features find nothing for English (the loaders
    # in compare/conflicts_frames.py say so), and compare above still runs.
    german = {p.name for p in (_DATA / "de").iterdir()}
    english = {p.name for p in (_DATA / "en").iterdir()}
    assert {"conflict_agency.tsv", "conflict_scope.tsv", "conflict_referents.tsv"} <= (
        german - english
    )
