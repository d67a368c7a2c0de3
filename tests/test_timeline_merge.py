"""Merging dated mentions across documents into timeline events, and label clauses."""

from __future__ import annotations

import pytest

from synopse.analysis.pipeline import analyze
from synopse.compare.entities import resolve_entities
from synopse.compare.timeline import clause_around, merge_timeline
from synopse.model import Analysis, Document
from synopse.model.comparison import TimelineEvent

PUBLISHED = "2025-06-06T10:00:00+02:00"


def _analyses(*texts: str) -> list[Analysis]:
    return [
        analyze(Document(id=f"d{n}", text=text, source=f"d{n}", published=PUBLISHED))
        for n, text in enumerate(texts)
    ]


def _timeline(*texts: str) -> tuple[list[Analysis], list[TimelineEvent]]:
    analyses = _analyses(*texts)
    return analyses, merge_timeline(analyses, resolve_entities(analyses))


@pytest.mark.parametrize(
    ("sentence", "span", "expected"),
    [
        # The clause between commas that holds the span, widened to five words.
        (
            "Am Montag, so hieß es, beginnt der Streik der Lokführer im ganzen Land.",
            "Am Montag",
            "Am Montag, so hieß es",
        ),
        # A decimal comma does not end a clause.
        (
            "Die Preise stiegen im Mai um 2,5 Prozent; im Juni sanken sie wieder deutlich.",
            "im Mai",
            "Die Preise stiegen im Mai um 2,5 Prozent",
        ),
        # A short clause at the end takes the clause before it.
        (
            "Der Vorstand tagte lange und ohne Ergebnis, dann am Freitag.",
            "am Freitag",
            "Der Vorstand tagte lange und ohne Ergebnis, dann am Freitag",
        ),
        # A spaced dash is a boundary, a hyphen in a word is not.
        (
            "Die Ost-West-Verbindung ist gesperrt – ab dem 3. März fahren wieder alle Züge.",
            "ab dem 3. März",
            "ab dem 3. März fahren wieder alle Züge",
        ),
    ],
)
def test_clause_around_picks_the_clause_with_the_span(
    sentence: str, span: str, expected: str
) -> None:
    start = sentence.index(span)
    left, right = clause_around(sentence, 0, len(sentence), start, start + len(span))
    assert sentence[left:right] == expected


def test_clause_around_cuts_long_clauses_at_spaces_around_the_span() -> None:
    sentence = " ".join(["Wort"] * 30) + " am 4. Juli " + " ".join(["Satz"] * 30)
    start = sentence.index("am 4. Juli")
    left, right = clause_around(sentence, 0, len(sentence), start, start + 10, max_chars=40)
    clause = sentence[left:right]
    assert "am 4. Juli" in clause
    assert len(clause) <= 40
    assert clause.split()[0] in {"Wort", "am"} and clause.split()[-1] in {"Satz", "Juli"}


def test_same_day_in_two_documents_with_shared_context_is_one_event() -> None:
    analyses, events = _timeline(
        "Die Gewerkschaft Verdi ruft am 10. Juni zu einem Warnstreik in Köln auf.",
        "Am 10. Juni will Verdi in Köln einen Warnstreik abhalten.",
    )
    june = [e for e in events if e.date == "2025-06-10"]
    assert len(june) == 1
    assert {m.doc for m in june[0].mentions} == {"d0", "d1"}
    texts = {a.document.id: a.document.text for a in analyses}
    assert [texts[m.doc][m.start : m.end] for m in june[0].mentions] == [
        "am 10. Juni",
        "Am 10. Juni",
    ]


def test_same_year_for_unrelated_events_stays_apart() -> None:
    _, events = _timeline(
        "Der Verein wurde 2014 in Hamburg von drei Studentinnen gegründet.",
        "Im Jahr 2014 brannte die alte Mühle am Rhein vollständig nieder.",
    )
    years = [e for e in events if e.date == "2014"]
    assert len(years) == 2
    assert all(len(e.mentions) == 1 for e in years)


def test_events_are_sorted_by_date_and_labels_come_from_the_text() -> None:
    analyses, events = _timeline(
        "Am 20. Juni soll der Bundestag über das Gesetz abstimmen. "
        "Der Entwurf war am 2. Mai vorgestellt worden.",
    )
    assert [e.date for e in events] == ["2025-05-02", "2025-06-20"]
    text = analyses[0].document.text
    for event in events:
        assert event.label in " ".join(text.split())
        assert event.precision == "day"


def test_merge_is_deterministic_and_empty_without_dates() -> None:
    texts = (
        "Am 1. Juli beginnt die Saison in Berlin.",
        "Die Saison in Berlin beginnt am 1. Juli mit einem Fest.",
    )
    assert _timeline(*texts)[1] == _timeline(*texts)[1]
    assert _timeline("Ohne jedes Datum kommt dieser Satz aus.")[1] == []
