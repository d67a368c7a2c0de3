"""``synopse extract``: formats, output file, stdin, escaping, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from synopse.cli import app

runner = CliRunner()
TEXT = "Der Gemeinderat tagte am Mittwoch [bold]und[/bold] beschloss einen neuen Radweg."


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "eins.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "zwei.jsonl").write_text(
        json.dumps({"id": "z", "text": "Die Brücke wird saniert.", "outlet": "[red]Blatt"}) + "\n",
        encoding="utf-8",
    )
    return tmp_path


def test_json_report(folder: Path) -> None:
    result = runner.invoke(app, ["extract", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["schema"] == "synopse.report/1"
    assert [d["id"] for d in report["documents"]] == ["eins", "z"]
    assert report["documents"][0]["text"] == TEXT
    assert report["failures"] == []
    assert set(report["documents"][0]) >= {
        "id",
        "source",
        "outlet",
        "title",
        "author",
        "published",
        "language",
        "text",
        "removed",
    }


def test_jsonl_to_output_file_with_failure(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "docs.jsonl"
    out.parent.mkdir()
    result = runner.invoke(
        app, ["extract", str(folder), str(folder / "fehlt.txt"), "-f", "jsonl", "-o", str(out)]
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"error: {folder / 'fehlt.txt'}: no such file or folder\n"
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["eins", "z"]


def test_text_output_escapes_markup(folder: Path) -> None:
    result = runner.invoke(app, ["extract", str(folder)])
    assert result.exit_code == 0
    assert "[bold]und[/bold]" in result.stdout
    assert "outlet: [red]Blatt" in result.stdout
    assert "language: de" in result.stdout


def test_text_output_file_has_no_colour(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs.txt"
    assert runner.invoke(app, ["extract", str(folder), "-o", str(out)]).exit_code == 0
    written = out.read_text(encoding="utf-8")
    assert "\x1b[" not in written
    assert TEXT in written


def test_stdin(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", "-", "-f", "jsonl"], input=TEXT.encode("cp1252"))
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert (doc["id"], doc["source"], doc["text"]) == ("stdin", "<stdin>", TEXT)


def test_unexpected_error_is_one_line(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import synopse.cli.extract as extract_module

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaputt\nzweite Zeile")

    monkeypatch.setattr(extract_module, "ingest", boom)
    result = runner.invoke(app, ["extract", str(folder)])
    assert result.exit_code == 1
    assert result.stderr == "error: kaputt zweite Zeile\n"
