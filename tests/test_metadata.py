"""Metadata helpers: date spellings, outlets from URLs, bylines and language detection."""

from __future__ import annotations

import pytest

from synopse.ingest.metadata import (
    detect_language,
    find_dates,
    looks_like_name,
    outlet_from_url,
    parse_author,
    parse_date,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("31.12.2021 20:40", "2021-12-31T20:40:00"),
        ("31.12.2021 - 00:57 Uhr", "2021-12-31T00:57:00"),
        ("31.12.2021, 8.05 Uhr", "2021-12-31T08:05:00"),
        ("1.2.2022", "2022-02-01"),
        ("05.06.23", "2023-06-05"),
        ("30. Dezember 2021", "2021-12-30"),
        ("30. Dez. 2021", "2021-12-30"),
        ("3. März 2022, 14:30 Uhr", "2022-03-03T14:30:00"),
        ("Donnerstag, 30. Dezember 2021", "2021-12-30"),
        ("Veröffentlicht am 12.05.2020", "2020-05-12"),
        ("Aktualisiert: 12.05.2020, 10:01 Uhr", "2020-05-12T10:01:00"),
        ("Dezember 2021", "2021-12"),
        ("Jänner 2020", "2020-01"),
        ("31 Dec 2021", "2021-12-31"),
        ("30 December 2021 20:40", "2021-12-30T20:40:00"),
        ("December 30, 2021", "2021-12-30"),
        ("Dec 30, 2021 8:40 PM", "2021-12-30T20:40:00"),
        ("Thursday, December 30, 2021", "2021-12-30"),
        ("Updated: March 3, 2024 10:15 AM", "2024-03-03T10:15:00"),
        ("date 2021-12", "2021-12"),
        ("2021-12-30", "2021-12-30"),
        ("2021-12-31T20:40:00+01:00", "2021-12-31T20:40:00+01:00"),
        ("2021-12-31T19:40:00Z", "2021-12-31T19:40:00+00:00"),
        ("2021-12-31 20:40", "2021-12-31T20:40:00"),
        ("2021/12/31", "2021-12-31"),
        ("Fri, 31 Dec 2021 20:40:00 +0100", "2021-12-31T20:40:00+01:00"),
        ("2021-12-31T20:40:00.000Z", "2021-12-31T20:40:00+00:00"),
        ("  31.12.2021  ", "2021-12-31"),
    ],
)
def test_parse_date(value: str, expected: str) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "Biden telefoniert mit Putin",
        "31.02.2021",
        "32.01.2021",
        "13/45/2021",
        "12:30",
        "Am 30. Dezember 2021 telefonierten die beiden Präsidenten miteinander.",
        "31.12.2021 25:70",
        "Lesezeit: 2 min",
        "Mittwoch",
        "0000-00-00",
        "x" * 10_000,
    ],
)
def test_parse_date_rejects_non_dates(value: str) -> None:
    assert parse_date(value) is None


def test_find_dates_in_running_text() -> None:
    text = "Anna Beispiel 31.12.2021 - 00:57 Uhr; zuvor am 3. März 2022 und im Mai 2020."
    assert [iso for _, _, iso in find_dates(text)] == [
        "2021-12-31T00:57:00",
        "2022-03-03",
        "2020-05",
    ]
    start, end, _ = find_dates(text)[0]
    assert text[start:end].startswith("31.12.2021")


def test_find_dates_ignores_dates_without_year() -> None:
    assert find_dates("Am 10. Januar treffen sich die Delegationen in Genf.") == []


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.example.de/politik/artikel-1.html", "example.de"),
        ("http://m.example.com/a", "example.com"),
        ("https://de.example.com/news/1", "de.example.com"),
        ("https://amp.example.org/x", "example.org"),
        ("www.beispiel-zeitung.de", "beispiel-zeitung.de"),
        ("HTTPS://WWW.EXAMPLE.DE/", "example.de"),
        ("https://www.example.de:8080/x?y=1", "example.de"),
        ("", None),
        ("kein Link", None),
        ("http://[::1", None),
        ("https://127.0.0.1/x", None),
        ("file:///tmp/a.txt", None),
    ],
)
def test_outlet_from_url(url: str, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Die Bundesregierung hat am Mittwoch neue Regeln für den Bahnverkehr beschlossen.", "de"),
        ("The government adopted new rules for rail transport on Wednesday, officials said.", "en"),
        (
            "Le gouvernement a adopté mercredi de nouvelles règles pour le transport ferroviaire.",
            "fr",
        ),
        ("El gobierno aprobó el miércoles nuevas normas para el transporte ferroviario.", "es"),
        ("Правительство в среду приняло новые правила для железнодорожного транспорта.", "ru"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["", "Ja.", "Berlin 2021", "OK OK", "12345 678", "!!!"])
def test_detect_language_short_text_gives_default(text: str) -> None:
    assert detect_language(text) == "de"
    assert detect_language(text, default="en") == "en"


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Von Anna Beispiel", "Anna Beispiel"),
        ("Von Anna Beispiel und Bernd Muster, Berlin", "Anna Beispiel, Bernd Muster"),
        ("Autorin: Carla von Test", "Carla von Test"),
        ("Ein Kommentar von Dirk Example", "Dirk Example"),
        ("By Jane Example", "Jane Example"),
        ("Von Montag an gilt die neue Regel.", None),
        ("Von Redaktion", None),
        ("Die Regierung hat beschlossen", None),
    ],
)
def test_parse_author(line: str, author: str | None) -> None:
    assert parse_author(line) == author


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anna Beispiel", True),
        ("Jan de Vries", True),
        ("Anna", False),
        ("Biden telefoniert mit Putin heute", False),
        ("STELLENMARKT HEUTE", False),
        ("Ausgabe 2021", False),
    ],
)
def test_looks_like_name(text: str, expected: bool) -> None:
    assert looks_like_name(text) is expected
