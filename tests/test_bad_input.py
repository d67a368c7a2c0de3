"""Bad input, each case through the API and through ``synopse extract``.

Inputs are built in tmp_path; URLs only ever point at 127.0.0.1.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from synopse.cli import app
from synopse.ingest import IngestOptions, ingest

GERMAN = "Die Straße wird gesperrt. Größe und Übermaß der Baustelle überraschen die Anwohner."
GOOD = "Der Gemeinderat tagte am Mittwoch und beschloss einen neuen Radweg entlang des Flusses."

runner = CliRunner()


def _cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["extract", *args])
    return result.exit_code, result.stdout, result.stderr


def _api_error(source: Path | str, **options: object) -> str:
    result = ingest([source], IngestOptions(**options))  # type: ignore[arg-type]
    assert result.documents == ()
    (failure,) = result.failures
    return failure.error


class _Page(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        body = f"<html><body><article><p>{GOOD}</p></article></body></html>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def local_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/artikel"
    finally:
        server.shutdown()
        server.server_close()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "leer.txt"
    path.write_bytes(b"")
    assert _api_error(path) == "empty file, no text to read"
    code, out, err = _cli(str(path))
    assert (code, out) == (1, "")
    assert err == f"error: {path}: empty file, no text to read\n"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "bild.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    message = "binary file, not text (PNG image); give a text, HTML or JSON file"
    assert _api_error(path) == message
    code, _, err = _cli(str(path))
    assert code == 1
    assert err == f"error: {path}: {message}\n"


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encodings_decoded(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / f"alt-{encoding}.txt"
    path.write_bytes(GERMAN.encode(encoding))
    (doc,) = ingest([path]).documents
    assert doc.text == GERMAN
    code, out, err = _cli(str(path), "--format", "jsonl")
    assert (code, err) == (0, "")
    assert "Straße" in out and "Übermaß" in out


def test_file_over_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "gross.txt"
    path.write_text(GERMAN * 10, encoding="utf-8")
    size = path.stat().st_size
    message = (
        f"file is {size:,} bytes, over the limit of 100 bytes "
        "(raise it with --max-bytes or max_bytes=)"
    )
    assert _api_error(path, max_bytes=100) == message
    code, _, err = _cli(str(path), "--max-bytes", "100")
    assert code == 1
    assert err == f"error: {path}: {message}\n"
    assert _cli(str(path), "--max-bytes", "100000")[0] == 0


def test_malformed_html(tmp_path: Path) -> None:
    path = tmp_path / "kaputt.html"
    path.write_text(f"<html><body><div><p>{GOOD}<td></b></i><p>Weiter<<<>", encoding="utf-8")
    (doc,) = ingest([path]).documents
    assert GOOD in doc.text
    code, out, err = _cli(str(path))
    assert (code, err) == (0, "")
    assert "Radweg" in out


def test_html_without_text(tmp_path: Path) -> None:
    path = tmp_path / "leer.html"
    path.write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    assert _api_error(path) == "no article text found in the HTML page"
    assert _cli(str(path))[2] == f"error: {path}: no article text found in the HTML page\n"


def test_unreachable_url() -> None:
    url = f"http://127.0.0.1:{_closed_port()}/artikel"
    assert _api_error(url, allow_private=True, timeout=5.0).startswith("cannot fetch 127.0.0.1:")
    code, _, err = _cli(url, "--allow-private", "--timeout", "5")
    assert code == 1
    assert err.startswith(f"error: {url}: cannot fetch 127.0.0.1:")
    assert err.count("\n") == 1


def test_refused_private_url(local_url: str) -> None:
    message = (
        "refused to fetch '127.0.0.1': it resolves to 127.0.0.1, a loopback address "
        "(pass --allow-private or allow_private=True to fetch it anyway)"
    )
    assert _api_error(local_url) == message
    code, out, err = _cli(local_url)
    assert (code, out, err) == (1, "", f"error: {local_url}: {message}\n")
    code, out, err = _cli(local_url, "--allow-private", "--format", "jsonl")
    assert (code, err) == (0, "")
    assert "Radweg" in out


def test_folder_with_one_bad_file(tmp_path: Path) -> None:
    for name in ("a.txt", "c.txt"):
        (tmp_path / name).write_text(f"{GOOD} Es berichtet {name}.", encoding="utf-8")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.7\n\x00\x01\x02")
    result = ingest([tmp_path])
    assert [d.id for d in result.documents] == ["a", "c"]
    assert [f.source for f in result.failures] == [str(tmp_path / "b.pdf")]
    code, out, err = _cli(str(tmp_path), "--format", "jsonl")
    assert code == 1
    assert out.count("\n") == 2
    assert err == (
        f"error: {tmp_path / 'b.pdf'}: binary file, not text (PDF document); "
        "give a text, HTML or JSON file\n"
    )


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    assert _cli(str(path), "--format", "xml")[0] == 2
    code, _, err = _cli(str(path), "--max-bytes", "0")
    assert (code, err) == (2, "error: max_bytes must be positive, not 0\n")
    assert runner.invoke(app, ["extract"]).exit_code == 2
