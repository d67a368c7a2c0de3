"""The extractive summary: consensus first, disputes in attributed form, every sentence cited."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from synopse.analysis.pipeline import analyze
from synopse.compare.summary import dangling_starts, phrases, summarize
from synopse.model import Analysis, Document
from synopse.model.comparison import Conflict, ConflictValue, Fact, FactSupport

# Three invented reports of one invented event (a ferry strike).
TEXTS = {
    "nordkurier": (
        "Die Fährgesellschaft Wellenlinie hat den Betrieb am Montag eingestellt. "
        "„Wir sehen keine andere Möglichkeit“, sagte Sprecherin Ina Holm. "
        "Rund 40 Fähren bleiben im Hafen. "
        "Die Fahrgäste reagierten verärgert."
    ),
    "hafenblatt": (
        "Am Montag stellte die Wellenlinie den Fährbetrieb ein. "
        "Nach Angaben der Gewerkschaft bleiben 55 Fähren im Hafen. "
        "Dazu kommen Ausfälle bei den Bussen."
    ),
    "agentur": (
        "Die Reederei Wellenlinie hat ihren Betrieb eingestellt, teilte sie am Montag mit. "
        "Ein Gericht soll am Mittwoch über den Streik entscheiden."
    ),
}
OUTLETS = {"nordkurier": "Nordkurier", "hafenblatt": "Hafenblatt", "agentur": None}


@pytest.fixture(scope="module")
def analyses() -> list[Analysis]:
    return [
        analyze(Document(id=doc, text=text, source=doc, outlet=OUTLETS[doc]))
        for doc, text in TEXTS.items()
    ]


def _support(analyses: Sequence[Analysis], doc: str, fragment: str, **kw: object) -> FactSupport:
    analysis = next(a for a in analyses if a.document.id == doc)
    offset = analysis.document.text.index(fragment)
    number = analysis.sentence_at(offset)
    sentence = analysis.sentences[number]
    return FactSupport(doc, number, sentence.start, sentence.end, **kw)  # type: ignore[arg-type]


def _facts(analyses: Sequence[Analysis]) -> list[Fact]:
    return [
        Fact(
            "f1",
            "Die Fährgesellschaft Wellenlinie hat den Betrieb am Montag eingestellt.",
            (
                _support(analyses, "nordkurier", "Die Fährgesellschaft"),
                _support(analyses, "hafenblatt", "Am Montag stellte"),
                _support(analyses, "agentur", "Die Reederei", attributed_to="Wellenlinie"),
            ),
        ),
        Fact(
            "f2",
            "Rund 40 Fähren bleiben im Hafen.",
            (
                _support(analyses, "nordkurier", "Rund 40"),
                _support(analyses, "hafenblatt", "Nach Angaben", attributed_to="Gewerkschaft"),
            ),
        ),
        Fact("f3", "Die Fahrgäste", (_support(analyses, "nordkurier", "Die Fahrgäste"),)),
        Fact("f4", "Dazu kommen", (_support(analyses, "hafenblatt", "Dazu kommen"),)),
        Fact("f5", "Ein Gericht", (_support(analyses, "agentur", "Ein Gericht"),)),
    ]


def _value(analyses: Sequence[Analysis], doc: str, fragment: str) -> ConflictValue:
    text = next(a for a in analyses if a.document.id == doc).document.text
    start = text.index(fragment)
    return ConflictValue(doc, fragment, start, start + len(fragment))


def _ferries(analyses: Sequence[Analysis], severity: str = "hard") -> Conflict:
    return Conflict(
        "c1",
        "numeric",
        "Fähren im Hafen",
        (_value(analyses, "nordkurier", "40 Fähren"), _value(analyses, "hafenblatt", "55 Fähren")),
        severity=severity,
    )


def test_consensus_comes_first_in_the_outlets_own_voice(analyses: list[Analysis]) -> None:
    summary = summarize(analyses, _facts(analyses), [])
    first = summary[0]
    assert first.facts == ("f1",)
    assert first.sources == ("nordkurier", "hafenblatt", "agentur")
    # The agency's sentence is attributed and the Hafenblatt's starts with the date: the
    # outlet-voice sentence of the first document wins.
    assert first.text == "Die Fährgesellschaft Wellenlinie hat den Betrieb am Montag eingestellt."


def test_disputes_are_attributed_and_cite_documents_and_facts(analyses: list[Analysis]) -> None:
    summary = summarize(analyses, _facts(analyses), [_ferries(analyses)])
    disputes = [s for s in summary if "40 Fähren" in s.text and "55 Fähren" in s.text]
    assert len(disputes) == 1
    dispute = disputes[0]
    assert "laut Nordkurier „Rund 40 Fähren bleiben im Hafen“" in dispute.text
    assert "laut Hafenblatt „Nach Angaben der Gewerkschaft bleiben 55 Fähren im Hafen“" in (
        dispute.text
    )
    assert dispute.sources == ("nordkurier", "hafenblatt")
    assert dispute.facts == ("f2",)
    # The disputed fact is not also stated as consensus with one side's number.
    assert not any(s.text == "Rund 40 Fähren bleiben im Hafen." for s in summary)
    assert summary[-1] is dispute


def test_soft_conflicts_are_not_summarised(analyses: list[Analysis]) -> None:
    summary = summarize(analyses, _facts(analyses), [_ferries(analyses, severity="soft")])
    assert not any("55 Fähren" in s.text and "40 Fähren" in s.text for s in summary)


def test_exclusive_facts_fill_up_framed_as_single_source(analyses: list[Analysis]) -> None:
    summary = summarize(analyses, _facts(analyses), [])
    # f2 groups "Rund 40 Fähren" with "55 Fähren": no wording of it is stated by two
    # documents, so it is no consensus sentence; the three exclusive facts fill up.
    assert len(summary) == 4
    assert all("f2" not in s.facts for s in summary)
    exclusive = [s for s in summary if len(s.sources) == 1]
    assert {s.facts[0] for s in exclusive} <= {"f3", "f4", "f5"}
    assert all(s.text.startswith("Nur ") for s in exclusive)
    # A document without an outlet is named by its id.
    assert any(s.text.startswith("Nur agentur: ") for s in exclusive)


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_max_sentences_is_respected_and_every_sentence_is_cited(
    analyses: list[Analysis], limit: int
) -> None:
    summary = summarize(analyses, _facts(analyses), [_ferries(analyses)], max_sentences=limit)
    assert 1 <= len(summary) <= limit
    for sentence in summary:
        assert sentence.sources and sentence.facts
        assert sentence.text


def test_no_facts_no_summary_and_deterministic(analyses: list[Analysis]) -> None:
    assert summarize(analyses, [], []) == []
    facts, conflicts = _facts(analyses), [_ferries(analyses)]
    assert summarize(analyses, facts, conflicts) == summarize(analyses, facts, conflicts)


@pytest.mark.parametrize(
    ("lang", "key", "expected"),
    [("de", "side", "laut {sources} „{text}“"), ("xx", "side", "{sources}: “{text}”")],
)
def test_phrases_fall_back_to_language_neutral_frames(lang: str, key: str, expected: str) -> None:
    assert phrases(lang)[key] == expected


def test_dangling_starts_are_language_data() -> None:
    assert {"dazu", "und", "sie"} <= dangling_starts("de")
    assert dangling_starts("xx") == frozenset()


def test_consensus_sentences_cite_only_documents_that_state_them() -> None:
    """A fact may group sentences that add different details or figures; citations may not."""
    from pathlib import Path

    from synopse import compare, load
    from synopse.options import CompareOptions

    demo = Path(__file__).resolve().parent.parent / "demo" / "corpus"
    comparison = compare(load([demo]), options=CompareOptions(embedder="hashing"))
    texts = {d.id: d.text for d in comparison.documents}
    consensus = [s for s in comparison.summary if "„" not in s.text and "laut" not in s.text]
    assert consensus
    for sentence in consensus:
        numbers = [
            w for w in sentence.text.replace(",", " ").split() if any(c.isdigit() for c in w)
        ]
        for doc in sentence.sources:
            for number in numbers:
                assert number.strip(".") in texts[doc], (sentence.text, doc)


@pytest.mark.parametrize(
    "texts",
    [
        {  # opens with a pronoun
            "x": "Die Fähren der Wellenlinie liegen fest. Sie bleiben bis Freitag im Hafen.",
            "y": "Der Streik trifft die Wellenlinie. Sie bleiben bis Freitag im Hafen.",
        },
        {  # dated relative to an earlier date
            "x": "Am Montag begann der Streik. Zwei Tage später fuhren wieder alle Fähren.",
            "y": "Der Streik begann am Montag. Zwei Tage später fuhren wieder alle Fähren.",
        },
        {  # quotes a speaker named by a pronoun only
            "x": "Ina Holm leitet die Reederei. „Wir fahren wieder ab Freitag“, sagte sie.",
            "y": "Die Reederei meldet sich. „Wir fahren wieder ab Freitag“, sagte sie.",
        },
        {  # a demonstrative before a reporting verb stands for the sentence before
            "x": "Die Fähren fahren wieder ab Freitag. Das sagte die Reederei am Montag.",
            "y": "Ab Freitag fahren die Fähren. Das sagte die Reederei am Montag.",
        },
        {  # one piece of a quotation over several sentences
            "x": "Ina Holm sprach. „Wir sind bereit. Die Fähren fahren ab Freitag“, sagte sie.",
            "y": "Holm sagte: „Wir sind bereit. Die Fähren fahren ab Freitag.“",
        },
        {  # a pronoun in the first clause points back
            "x": "Die Fähren der Wellenlinie liegen fest. Seit Montag bleiben sie im Hafen.",
            "y": "Der Streik trifft die Wellenlinie. Seit Montag bleiben sie im Hafen.",
        },
        {  # a first person whose speaker the sentence does not name
            "x": "Die Reederei ist optimistisch. Ab Freitag würden wir wieder fahren, hieß es.",
            "y": "Die Reederei gibt sich zuversichtlich. Ab Freitag würden wir wieder fahren.",
        },
    ],
    ids=[
        "pronoun",
        "relative-date",
        "pronoun-speaker",
        "demonstrative",
        "quotation-piece",
        "pronoun-in-first-clause",
        "first-person",
    ],
)
def test_sentences_that_lean_on_their_context_are_not_summarised(texts: dict[str, str]) -> None:
    analyses = [
        analyze(Document(id=doc, text=text, source=doc, published="2024-03-06"))
        for doc, text in texts.items()
    ]
    second = [
        FactSupport(a.document.id, 1, a.sentences[1].start, a.sentences[1].end) for a in analyses
    ]
    facts = [Fact("f1", "second sentence", tuple(second))]
    assert summarize(analyses, facts, []) == []


def test_a_wording_without_contrast_is_preferred() -> None:
    texts = {
        "x": "Die Gewerkschaft droht mit Streik. Die Reederei will aber ab Freitag fahren.",
        "y": "Ein Streik droht. Die Reederei will ab Freitag wieder fahren.",
    }
    analyses = [
        analyze(Document(id=doc, text=text, source=doc, published="2024-03-06"))
        for doc, text in texts.items()
    ]
    second = [
        FactSupport(a.document.id, 1, a.sentences[1].start, a.sentences[1].end) for a in analyses
    ]
    summary = summarize(analyses, [Fact("f1", "second sentence", tuple(second))], [])
    assert [s.text for s in summary] == ["Die Reederei will ab Freitag wieder fahren."]


def test_a_story_in_a_language_without_data_is_framed_neutrally() -> None:
    from synopse import compare
    from synopse.options import CompareOptions

    texts = {
        "x": "The port of Dover closed on Monday after a storm. About 3,000 people were stuck.",
        "y": "A storm closed the port of Dover on Monday. The ferries stayed in the harbour.",
    }
    docs = [Document(id=k, text=t, source=k, language="nl") for k, t in texts.items()]
    summary = compare(docs, options=CompareOptions(embedder="hashing")).summary
    assert summary
    assert not any(s.text.startswith(("Nur ", "laut ")) for s in summary)
    assert any(s.text.startswith("x: ") or s.text.startswith("y: ") for s in summary)
