"""Temporal expressions: invented German sentences with their expected ISO values."""

from __future__ import annotations

import pytest

from synopse.analysis.dates import find_dates, parse_published
from synopse.analysis.sentences import split_sentences
from synopse.model import Sentence, TimeExpression


def _dates(text: str, published: str | None) -> list[tuple[str, str, str]]:
    return [
        (text[e.start : e.end], e.value, e.precision)
        for e in find_dates(text, split_sentences(text), published)
    ]


# (text, published, expression as written, value, precision)
CASES = [
    # weekdays by tense: a Friday publication
    (
        "Die Ministerin reiste am Dienstag nach Rom.",
        "2023-03-10",
        "am Dienstag",
        "2023-03-07",
        "day",
    ),
    ("Der Rat hat am Montag lange beraten.", "2023-03-10", "am Montag", "2023-03-06", "day"),
    ("Am Montag wird der Ausschuss erneut tagen.", "2023-03-10", "Am Montag", "2023-03-13", "day"),
    ("Am Mittwoch soll die Entscheidung fallen.", "2023-03-10", "Am Mittwoch", "2023-03-15", "day"),
    (
        "Die Kanzlerin telefonierte am Donnerstag mit ihm.",
        "2023-03-10",
        "am Donnerstag",
        "2023-03-09",
        "day",
    ),
    ("Sie traf am Freitag ein.", "2023-03-10", "am Freitag", "2023-03-10", "day"),
    (
        "Er sprach vergangenen Mittwoch vor dem Parlament.",
        "2023-03-10",
        "vergangenen Mittwoch",
        "2023-03-08",
        "day",
    ),
    ("Nächsten Freitag beginnt die Messe.", "2023-03-10", "Nächsten Freitag", "2023-03-17", "day"),
    ("Der Gipfel am Samstag gilt als schwierig.", "2023-03-10", "am Samstag", "2023-03-11", "day"),
    # day-month without a year: nearest the publication, tense where it speaks
    ("Die Wahl fand am 3. Dezember statt.", "2023-01-05", "am 3. Dezember", "2022-12-03", "day"),
    (
        "Die Anhörung ist für den 20. Februar angesetzt.",
        "2023-01-05",
        "für den 20. Februar",
        "2023-02-20",
        "day",
    ),
    ("Am 2. Januar begann der Streik.", "2022-12-29", "Am 2. Januar", "2022-01-02", "day"),
    ("Am 2. Januar beginnt der Streik.", "2022-12-29", "Am 2. Januar", "2023-01-02", "day"),
    ("Die Frist endet am 1.3. um Mitternacht.", "2023-02-10", "am 1.3.", "2023-03-01", "day"),
    (
        "Am Mittwoch, dem 8. März, tagte der Rat.",
        "2023-03-10",
        "Am Mittwoch, dem 8. März",
        "2023-03-08",
        "day",
    ),
    # explicit years, ranges and open ranges
    (
        "Das Abkommen vom 12. Mai 2019 gilt weiter.",
        "2023-03-10",
        "vom 12. Mai 2019",
        "2019-05-12",
        "day",
    ),
    ("Bis zum 31.12.2024 gilt die Regel.", "2023-03-10", "Bis zum 31.12.2024", "2024-12-31", "day"),
    ("Seit 2016 wächst die Stadt.", "2023-03-10", "Seit 2016", "2016/..", "year"),
    (
        "Das Gesetz galt bis 2011 und wurde dann ersetzt.",
        "2023-03-10",
        "bis 2011",
        "../2011",
        "year",
    ),
    (
        "Von 2014 bis 2018 regierte die Koalition.",
        "2023-03-10",
        "Von 2014 bis 2018",
        "2014/2018",
        "year",
    ),
    (
        "Die Messe läuft vom 3. bis 6. Juni 2024.",
        "2023-03-10",
        "vom 3. bis 6. Juni 2024",
        "2024-06-03/2024-06-06",
        "day",
    ),
    ("Im Jahr 1989 fiel die Mauer.", "2023-03-10", "Im Jahr 1989", "1989", "year"),
    ("Ende Januar 2021 kam die Wende.", "2023-03-10", "Ende Januar 2021", "2021-01", "month"),
    # months and seasons
    ("Im Juni hatten sich beide in Wien getroffen.", "2023-01-05", "Im Juni", "2022-06", "month"),
    ("Im März wollen beide Seiten erneut verhandeln.", "2023-01-05", "Im März", "2023-03", "month"),
    (
        "Noch im Februar soll das Gesetz kommen.",
        "2023-01-05",
        "Noch im Februar",
        "2023-02",
        "month",
    ),
    ("Im Sommer hatte die Regierung eingelenkt.", "2023-01-05", "Im Sommer", "2022-22", "season"),
    # "diesem <weekday>" is the nearest one, whatever the tense of another clause
    (
        "Anders als geplant war, gilt die Regel von diesem Mittwoch an.",
        "2020-08-04",
        "diesem Mittwoch",
        "2020-08-05",
        "day",
    ),
    # a Konjunktiv II modal of conjecture is no past form ("dürfte" looks like "sagte")
    (
        "Das Treffen dürfte um den 20. Mai stattfinden.",
        "2020-04-30",
        "den 20. Mai",
        "2020-05-20",
        "day",
    ),
    ("Im Herbst 2020 stieg die Zahl.", "2023-01-05", "Im Herbst 2020", "2020-23", "season"),
    # "ist" with a participle is a past only for verbs whose perfect takes "sein"; with
    # any other participle it is a state ("ist abgesagt"), which leaves the nearest date
    ("Auch die Lesung am 29. Mai ist abgesagt.", "2023-04-28", "am 29. Mai", "2023-05-29", "day"),
    ("Der Kurs ist am 29. Mai gestiegen.", "2023-05-30", "am 29. Mai", "2023-05-29", "day"),
    ("Sie sind am 29. Mai angekommen.", "2023-04-28", "am 29. Mai", "2022-05-29", "day"),
    ("Das Konzert ist am 29. Mai verlegt worden.", "2023-04-28", "am 29. Mai", "2022-05-29", "day"),
    # a superlative is no participle ("im besten Sinne" made the sentence past)
    (
        "Die Schau ist im besten Sinne sehenswert (bis 20. September).",
        "2023-06-11",
        "bis 20. September",
        "2023-09-20",
        "day",
    ),
    # "ab Montag" in the present: from the next Monday on (a Thursday publication)
    ("Ab Montag müssen alle Bars schließen.", "2023-03-09", "Ab Montag", "2023-03-13", "day"),
    ("Ab Montag galt die neue Regel.", "2023-03-09", "Ab Montag", "2023-03-06", "day"),
    ("Die Schau kommt frühestens im Januar.", "2023-06-11", "im Januar", "2024-01", "month"),
    ("Er zahlt bis zum Juni 2025.", "2023-06-11", "bis zum Juni 2025", "../2025-06", "month"),
    # a past modal; the reporting verb of another clause does not date what is reported
    (
        "Erst am 9. Mai konnte er den Antrag stellen.",
        "2023-05-22",
        "am 9. Mai",
        "2023-05-09",
        "day",
    ),
    (
        "Im November könne er sich das nicht vorstellen, sagte der Minister.",
        "2023-08-18",
        "Im November",
        "2023-11",
        "month",
    ),
    # deictic and relative expressions
    ("Heute beginnt die Konferenz.", "2023-03-10", "Heute", "2023-03-10", "day"),
    ("Die Polizei meldete gestern einen Unfall.", "2023-03-10", "gestern", "2023-03-09", "day"),
    ("Vor drei Tagen brach das Feuer aus.", "2023-03-10", "Vor drei Tagen", "2023-03-07", "day"),
    ("Vor zwei Jahren war alles anders.", "2023-03-10", "Vor zwei Jahren", "2021", "year"),
    ("Im vergangenen Jahr sank die Zahl.", "2023-03-10", "Im vergangenen Jahr", "2022", "year"),
    ("In diesem Monat steigen die Preise.", "2023-03-10", "In diesem Monat", "2023-03", "month"),
    ("Nächsten Monat tritt er zurück.", "2023-03-10", "Nächsten Monat", "2023-04", "month"),
    (
        "In den kommenden Wochen wird verhandelt.",
        "2023-03-20",
        "In den kommenden Wochen",
        "2023-04",
        "month",
    ),
    ("Silvester feiert die Stadt am Hafen.", "2023-12-20", "Silvester", "2023-12-31", "day"),
]


@pytest.mark.parametrize(("text", "published", "expression", "value", "precision"), CASES)
def test_expression_values(
    text: str, published: str, expression: str, value: str, precision: str
) -> None:
    assert (expression, value, precision) in _dates(text, published)


# A sequence: relative expressions count from the date before them.
def test_relative_to_previous_date() -> None:
    text = (
        "Die Delegationen treffen sich am 14. Februar in Wien. Zwei Tage später ist ein "
        "Treffen in Prag geplant, am Vortag einer weiteren Runde. Eine Woche danach endet es."
    )
    found = _dates(text, "2023-02-01")
    assert found[:3] == [
        ("am 14. Februar", "2023-02-14", "day"),
        ("Zwei Tage später", "2023-02-16", "day"),
        ("am Vortag", "2023-02-15", "day"),
    ]
    assert ("Eine Woche danach", "2023-02-22", "day") in found


# Month-only publication dates: the reference day is the last stated day of that month
# in a non-future, non-pluperfect clause, else the month's last day.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Am Dienstag haben sie telefoniert. "
            "Am Abend des 14. März hat das Gespräch stattgefunden.",
            "2023-03-14",
        ),
        ("Am Dienstag haben sie telefoniert.", "2023-03-28"),
        ("Sie hatten am 2. März verhandelt. Am Dienstag sprachen sie erneut.", "2023-03-28"),
    ],
)
def test_month_only_publication(text: str, expected: str) -> None:
    values = [v for e, v, _ in _dates(text, "2023-03") if "Dienstag" in e]
    assert values == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Die Zahl 2000 Soldaten ist hoch.",
        "Der Zug fährt um 20:40 Uhr.",
        "Sie kamen nach den Feiertagen zurück.",
        "Seit Jahren streiten sie.",
        "Am Morgen regnete es.",
        "Er erhielt 1.950 Stimmen.",
        # A span whose direction only the context tells (here: the past month).
        "Es war das zweite Treffen binnen eines Monats.",
        "Die Preise stiegen innerhalb von zwei Wochen stark.",
        # The year of a cited publication dates no event of the story.
        "Masken helfen (Lancet: Chu et al., 2020).",
        "Das zeigen zwei Arbeiten (Jefferson et al., 2011; Li, 2019).",
        # A newspaper's name holds a weekday.
        "Das sagte sie der „Welt am Sonntag“.",
        "Das sagte er der Bild am Sonntag.",
        # A capitalised deictic word inside a sentence is a noun.
        "Das Feld wird abgeerntet, am nächsten Morgen ist alles wieder da.",
    ],
)
def test_non_dates(text: str) -> None:
    assert _dates(text, "2023-03-10") == []


def test_unknown_publication_keeps_absolute_dates() -> None:
    text = "Am 3. Mai 2020 begann es, am 9. Mai endete es."
    found = _dates(text, None)
    assert found[0] == ("Am 3. Mai 2020", "2020-05-03", "day")
    assert ("am 9. Mai", "2020-05-09", "day") in found


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2021-12-31T00:57:00+01:00", ("2021-12-31", "day")),
        ("2021-12", ("2021-12-01", "month")),
        ("2021", ("2021-01-01", "year")),
        ("31.12.2021", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_published(published: str | None, expected: tuple[str, str] | None) -> None:
    parsed = parse_published(published)
    assert (None if parsed is None else (parsed[0].isoformat(), parsed[1])) == expected


def test_offsets_sorted_and_deterministic() -> None:
    text = "Am 10. Januar und am 12. Januar, danach am 13. Januar tagen sie. " * 30
    first = find_dates(text, split_sentences(text), "2021-12-31")
    assert first == find_dates(text, split_sentences(text), "2021-12-31")
    assert [e.start for e in first] == sorted(e.start for e in first)
    assert all(isinstance(e, TimeExpression) and 0 <= e.start < e.end <= len(text) for e in first)
    assert len(first) == 90


@pytest.mark.parametrize(
    "text",
    ["", "1" * 5000, "am " * 3000, "31." * 2000, "vor " * 2000 + "Tagen", "\x00\n\t" * 100],
)
def test_bad_input_does_not_crash(text: str) -> None:
    result = find_dates(text, [Sentence(0, len(text))] if text else [], "2021-12")
    assert all(0 <= e.start < e.end <= len(text) for e in result)


def test_since_weekday_is_open_range() -> None:
    text = "Seit Dienstag gilt die Regel. Ab Montag wird es anders."
    assert _dates(text, "2020-11-05") == [
        ("Seit Dienstag", "2020-11-03/..", "day"),
        ("Ab Montag", "2020-11-09", "day"),
    ]
