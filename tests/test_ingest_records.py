"""JSON and JSON Lines records: fields, precedence, bad lines failing alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from synopse.errors import ExtractionError
from synopse.ingest import ingest
from synopse.ingest.records import extract_record, read_records

TEXT = "Der Landtag hat am Dienstag ein neues Schulgesetz verabschiedet. Die Debatte war lang."
PAGE = (
    "<html><head><title>Seitentitel</title><meta property='og:site_name' content='Landesblatt'>"
    "<meta name='author' content='Max Mustermann'></head><body><article><h1>Seitentitel</h1>"
    f"<p>{TEXT} Viele Abgeordnete meldeten sich zu Wort und forderten Änderungen.</p>"
    "<p>Der Kultusminister verteidigte den Entwurf und kündigte weitere Gespräche an.</p>"
    "</article></body></html>"
)


def _jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_fields_and_bad_line(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "artikel.jsonl",
        [
            json.dumps(
                {
                    "id": "lt-1",
                    "text": TEXT,
                    "url": "https://www.landesblatt.example/a",
                    "title": "Schulgesetz",
                    "author": "Erika Muster",
                    "published": "2022-05-03T10:00:00+02:00",
                }
            ),
            "{kaputt",
            json.dumps({"text": TEXT, "outlet": "Landesblatt"}),
            "",
            json.dumps(["keine", "Zeitung"]),
            json.dumps({"titel": "ohne Text"}),
        ],
    )
    result = ingest([path])
    assert [d.id for d in result.documents] == ["lt-1", "artikel"]
    first, second = result.documents
    assert first.text == TEXT
    assert first.source == f"{path}:1"
    assert (first.title, first.author, first.published) == (
        "Schulgesetz",
        "Erika Muster",
        "2022-05-03T10:00:00+02:00",
    )
    assert first.outlet == "landesblatt.example"
    assert second.outlet == "Landesblatt"
    assert [(f.source, f.error) for f in result.failures] == [
        (
            f"{path}:2",
            "invalid JSON (Expecting property name enclosed in double quotes at line 1 column 2)",
        ),
        (f"{path}:5", "a record must be a JSON object, not list"),
        (f"{path}:6", "the record has neither a 'text' nor an 'html' field"),
    ]


def test_json_list_and_object(tmp_path: Path) -> None:
    (tmp_path / "liste.json").write_text(
        json.dumps([{"id": 7, "text": TEXT}, {"id": 7, "text": TEXT + " Nachtrag."}]),
        encoding="utf-8",
    )
    (tmp_path / "einzeln.json").write_text(json.dumps({"text": TEXT}), encoding="utf-8")
    result = ingest([tmp_path / "liste.json", tmp_path / "einzeln.json"])
    assert [d.id for d in result.documents] == ["7", "7-2", "einzeln"]
    assert result.documents[1].source == f"{tmp_path / 'liste.json'}#2"


def test_record_fields_beat_html_metadata() -> None:
    record_id, extracted = extract_record(
        {"html": PAGE, "title": "Neues Schulgesetz", "url": "https://landesblatt.example/s"},
        source="r.jsonl:1",
    )
    assert record_id is None
    assert TEXT in extracted.text
    assert extracted.title == "Neues Schulgesetz"
    assert extracted.author == "Max Mustermann"
    assert extracted.outlet == "Landesblatt"
    assert extracted.url == "https://landesblatt.example/s"


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"text": "   "}, "the record's text is empty"),
        ({"text": 5}, "the record's 'text' or 'html' field must be a non-empty string"),
        ({"text": TEXT, "title": ["a"]}, "record field 'title' must be a string, not list"),
        ({"html": "<html><body></body></html>"}, "no article text found in the HTML page"),
    ],
)
def test_bad_records(record: dict[str, object], message: str) -> None:
    with pytest.raises(ExtractionError) as info:
        extract_record(record, source="r.json")
    assert info.value.message == message


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        ('{"text": "a"}\n{"text": "b"}\n', ["f.json", "f.json"]),
        ('[{"text": "a"}, 3]', ["f.json#1", "f.json#2"]),
    ],
)
def test_read_records_sources(text: str, sources: list[str]) -> None:
    found = [r.source for r in read_records(text, source="f.json", lines=False)]
    assert [s.split(":")[0] for s in found] == sources


def test_invalid_json_file_fails_whole(tmp_path: Path) -> None:
    (tmp_path / "kaputt.json").write_text('{"text": ', encoding="utf-8")
    result = ingest([tmp_path / "kaputt.json"])
    assert result.failures[0].error.startswith("invalid JSON (Expecting value")
