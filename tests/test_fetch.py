"""URL fetching: local pages with allow_private, and refusals without it.

Every server here listens on 127.0.0.1 (port 0); no test touches any other address.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from synopse.errors import FetchError
from synopse.ingest import fetch as fetch_module
from synopse.ingest import ingest
from synopse.ingest.fetch import address_problem, fetch
from synopse.options import IngestOptions

ARTICLE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Rat beschließt Haushalt</title>"
    "<link rel='canonical' href='https://zeitung.example/politik/haushalt'></head><body>"
    "<nav><a href='/'>Startseite</a> <a href='/politik'>Politik</a></nav><article>"
    "<h1>Rat beschließt Haushalt</h1>"
    "<p>Der Stadtrat hat am Montag nach langer Debatte den Haushalt für das kommende Jahr "
    "beschlossen. Die Mehrheit fiel knapp aus, wie die Verwaltung mitteilte.</p>"
    "<p>Die Opposition kritisierte vor allem die geplanten Ausgaben für den Straßenbau, "
    "die nach ihrer Ansicht zu hoch ausfallen würden.</p>"
    "<p>Der Bürgermeister zeigte sich dennoch zufrieden und sprach von einem guten Tag "
    "für die Stadt und ihre Bürgerinnen und Bürger.</p></article>"
    "<footer>Impressum Datenschutz Kontakt</footer></body></html>"
)
LATIN1_TEXT = "Die Straße wird gesperrt. Größe und Übermaß der Baustelle überraschen."


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        port = self.server.server_address[1]
        routes: dict[str, tuple[int, dict[str, str], bytes]] = {
            "/article": (200, {"Content-Type": "text/html; charset=utf-8"}, ARTICLE.encode()),
            "/plain": (
                200,
                {"Content-Type": "text/plain; charset=iso-8859-1"},
                LATIN1_TEXT.encode("latin-1"),
            ),
            "/redirect": (302, {"Location": "/article"}, b""),
            "/loop": (302, {"Location": "/loop"}, b""),
            "/to-localhost": (302, {"Location": f"http://localhost:{port}/article"}, b""),
            "/missing": (404, {"Content-Type": "text/plain"}, b"nicht gefunden"),
            "/big": (200, {"Content-Type": "text/plain"}, b"Wort " * 20_000),
            "/pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7\n\x00\x01binary"),
        }
        status, headers, body = routes.get(self.path, (404, {}, b""))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _ChunkedHandler(_Handler):
    """Sends a large body without Content-Length, so only streaming can stop it."""

    protocol_version = "HTTP/1.0"

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        for _ in range(200):
            self.wfile.write(b"Wort " * 1000)


def _serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    yield from _serve(_Handler)


@pytest.fixture(scope="module")
def chunked_url() -> Iterator[str]:
    yield from _serve(_ChunkedHandler)


LOCAL = IngestOptions(allow_private=True, timeout=5.0)


def test_fetches_html_page_with_metadata(base_url: str) -> None:
    result = ingest([f"{base_url}/article"], LOCAL)
    assert result.failures == ()
    (doc,) = result.documents
    assert doc.id == "article"
    assert doc.text.startswith("Der Stadtrat hat am Montag")
    assert "Rat beschließt Haushalt" in doc.removed
    assert "Impressum" not in doc.text
    assert doc.title == "Rat beschließt Haushalt"
    assert doc.url == "https://zeitung.example/politik/haushalt"
    assert doc.outlet == "zeitung.example"
    assert doc.source == f"{base_url}/article"


def test_charset_from_header_decodes_latin1(base_url: str) -> None:
    (doc,) = ingest([f"{base_url}/plain"], LOCAL).documents
    assert "Straße" in doc.text and "Übermaß" in doc.text


def test_follows_redirect(base_url: str) -> None:
    fetched = fetch(f"{base_url}/redirect", options=LOCAL)
    assert fetched.url == f"{base_url}/article"
    assert fetched.media_type == "text/html"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/loop", "more than 5 redirects"),
        ("/missing", "HTTP 404 Not Found"),
    ],
)
def test_http_failures(base_url: str, path: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        fetch(f"{base_url}{path}", options=LOCAL)


def test_binary_download_is_refused(base_url: str) -> None:
    result = ingest([f"{base_url}/pdf"], LOCAL)
    assert result.documents == ()
    assert result.failures[0].error.startswith("binary file, not text (PDF document)")


def test_too_large_body_is_refused(base_url: str) -> None:
    small = IngestOptions(allow_private=True, max_bytes=50_000)
    with pytest.raises(FetchError) as info:
        fetch(f"{base_url}/big", options=small)
    assert info.value.message == (
        "response is over the limit of 50,000 bytes (raise it with --max-bytes or max_bytes=)"
    )


def test_streamed_body_is_cut_off(chunked_url: str) -> None:
    small = IngestOptions(allow_private=True, max_bytes=30_000)
    with pytest.raises(FetchError, match="over the limit of 30,000 bytes"):
        fetch(f"{chunked_url}/any", options=small)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_private_addresses_refused_without_allow_private(base_url: str, host: str) -> None:
    port = base_url.rsplit(":", 1)[1]
    with pytest.raises(FetchError) as info:
        fetch(f"http://{host}:{port}/article", options=IngestOptions())
    assert f"refused to fetch {host!r}: it resolves to" in info.value.message
    assert "loopback address" in info.value.message
    assert "--allow-private" in info.value.message


def test_redirect_hop_is_checked(base_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Let only the first hop (the 127.0.0.1 address) pass as "public"; the redirect to
    # localhost is then checked on its own and refused.
    real = fetch_module.address_problem
    calls: list[str] = []

    def first_hop_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
        calls.append(str(address))
        return None if len(calls) == 1 else real(address)

    monkeypatch.setattr(fetch_module, "address_problem", first_hop_public)
    with pytest.raises(FetchError, match="refused to fetch 'localhost'"):
        fetch(f"{base_url}/to-localhost", options=IngestOptions(timeout=5.0))
    assert calls[0] == "127.0.0.1"


def test_unreachable_port_gives_fetch_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match=r"cannot fetch 127\.0\.0\.1:\d+"):
        fetch(f"http://127.0.0.1:{port}/", options=LOCAL)


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.10", "private"),
        ("172.16.5.4", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-public"),
        ("::ffff:127.0.0.1", "loopback"),
        ("93.184.215.14", None),
        ("2a00:1450:4001:80b::200e", None),
    ],
)
def test_address_problem(address: str, problem: str | None) -> None:
    assert address_problem(ipaddress.ip_address(address)) == problem


@pytest.mark.parametrize("url", ["ftp://example.org/a.txt", "file:///etc/passwd"])
def test_other_schemes_are_refused(url: str) -> None:
    result = ingest([url])
    assert result.failures[0].error.startswith("unsupported URL scheme")
