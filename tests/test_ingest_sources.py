"""Source expansion, decoding and document ids through the public ingest API."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import synopse
from synopse.errors import ExtractionError
from synopse.ingest import IncompleteIngestError, IngestOptions, ingest, load
from synopse.ingest.decode import binary_kind, decode_bytes
from synopse.ingest.sources import SourceItem, expand_source, url_slug

GERMAN = "Die Straße wird gesperrt. Größe und Übermaß der Baustelle überraschen die Anwohner."


def _article(label: str) -> str:
    return (
        f"Der Gemeinderat hat am Mittwoch über den Antrag {label} beraten und ihn nach einer "
        "langen Debatte mit knapper Mehrheit angenommen, wie die Verwaltung mitteilte."
    )


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_folder_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    _write(tmp_path / "b.txt", _article("B"))
    _write(tmp_path / "a.txt", _article("A"))
    _write(tmp_path / "sub" / "c.md", _article("C"))
    _write(tmp_path / ".hidden.txt", "Versteckt.")
    _write(tmp_path / ".git" / "d.txt", "Auch versteckt.")
    result = ingest([tmp_path])
    assert result.ok
    assert [d.id for d in result.documents] == ["a", "b", "c"]
    assert result.documents[2].source == str(tmp_path / "sub" / "c.md")


def test_glob_expands_sorted(tmp_path: Path) -> None:
    for name in ("x2.txt", "x1.txt", "y.txt"):
        _write(tmp_path / name, _article(name))
    result = ingest([str(tmp_path / "x*.txt")])
    assert [d.id for d in result.documents] == ["x1", "x2"]


def test_duplicate_ids_get_suffixes(tmp_path: Path) -> None:
    paths = [_write(tmp_path / d / "artikel.txt", _article(d)) for d in ("a", "b", "c")]
    result = ingest(paths)
    assert [d.id for d in result.documents] == ["artikel", "artikel-2", "artikel-3"]


def test_single_source_and_stdin(tmp_path: Path) -> None:
    path = _write(tmp_path / "eins.txt", GERMAN)
    assert [d.id for d in ingest(path).documents] == ["eins"]
    result = ingest(["-"], stdin=io.BytesIO(GERMAN.encode("cp1252")))
    assert result.documents[0].id == "stdin"
    assert result.documents[0].source == "<stdin>"
    assert result.documents[0].text == GERMAN


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("missing.txt", "no such file or folder"),
        ("nothing-*.txt", "no files match this pattern"),
    ],
)
def test_missing_sources_fail(tmp_path: Path, source: str, error: str) -> None:
    result = ingest([str(tmp_path / source)])
    assert result.failures[0].error == error


def test_empty_folder_fails(tmp_path: Path) -> None:
    (tmp_path / "leer").mkdir()
    result = ingest([tmp_path / "leer"])
    assert result.failures[0].error == "folder holds no files (hidden files are skipped)"


def test_sources_must_be_paths() -> None:
    with pytest.raises(TypeError, match="not int"):
        ingest([3])  # type: ignore[list-item]


def test_load_raises_with_documents_kept(tmp_path: Path) -> None:
    good = _write(tmp_path / "gut.txt", GERMAN)
    with pytest.raises(IncompleteIngestError) as info:
        synopse.load([good, tmp_path / "fehlt.txt"])
    assert isinstance(info.value, synopse.SynopseError)
    assert [d.id for d in info.value.documents] == ["gut"]
    assert info.value.failures[0].error == "no such file or folder"
    assert "1 source(s) failed, 1 document(s) read" in str(info.value)
    assert [d.id for d in load(good, max_bytes=10_000)] == ["gut"]


@pytest.mark.parametrize(
    ("url", "slug"),
    [
        ("https://www.zeitung.example/politik/rat-tagt.html", "rat-tagt"),
        ("https://www.zeitung.example/politik/rat-tagt/", "rat-tagt"),
        ("https://www.zeitung.example/", "zeitung-example"),
        ("https://zeitung.example/a/Gr%C3%B6%C3%9Fe%20X.php?id=3", "größe-x"),
    ],
)
def test_url_slug(url: str, slug: str) -> None:
    assert url_slug(url) == slug
    assert expand_source(url) == [SourceItem("url", url)]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
def test_decode_german(encoding: str) -> None:
    assert decode_bytes(GERMAN.encode(encoding), source="x") == GERMAN


def test_decode_cp1252_punctuation() -> None:
    text = "„Das ist zu teuer“, sagte sie – und ging … für 5 €."
    assert decode_bytes(text.encode("cp1252"), source="x") == text


def test_declared_charset_is_used() -> None:
    text = "Žluťoučký kůň úpěl ďábelské ódy."
    assert decode_bytes(text.encode("cp1250"), source="x", declared="windows-1250") == text


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.4\n%\xe2\xe3", "PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG image"),
        (b"PK\x03\x04\x14\x00", "ZIP archive or office document"),
        (b"\x1f\x8b\x08\x00", "gzip archive"),
        (b"Text\x00mit\x00Nullen", "binary data (NUL bytes)"),
        (bytes(range(1, 9)) * 20, "binary data (control characters)"),
        (b"MZ ist eine Abkuerzung.", None),
        (GERMAN.encode("utf-8"), None),
    ],
)
def test_binary_kind(data: bytes, kind: str | None) -> None:
    assert binary_kind(data) == kind


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file, no text to read"),
        (b" \n\t \n", "file holds only whitespace, no text to read"),
        (b"%PDF-1.4 x", "binary file, not text (PDF document); give a text, HTML or JSON file"),
    ],
)
def test_decode_refuses(data: bytes, message: str) -> None:
    with pytest.raises(ExtractionError) as info:
        decode_bytes(data, source="f.txt")
    assert info.value.message == message
    assert str(info.value) == f"f.txt: {message}"


def test_options_from_defaults_used() -> None:
    assert IngestOptions.from_defaults(max_bytes=5).max_bytes == 5
