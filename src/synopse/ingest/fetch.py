"""Fetching URLs safely: size cap, timeouts, checked redirects, no private addresses.

Synopse fetches whatever URLs a user (or a web form) hands it, so every hop of a
redirect chain is checked after DNS resolution: a public name that resolves to a
loopback, private, link-local, multicast, reserved or unspecified address is refused
unless ``allow_private`` is set, and the connection goes to the very address that was
checked (so a second DNS answer cannot swap it). Bodies are streamed and cut off at
``max_bytes``. Proxy settings from the environment are ignored on purpose: a proxy
would make the address check meaningless.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from synopse.errors import FetchError
from synopse.options import IngestOptions

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# The whole fetch (all hops, the body included) may take this many times the timeout,
# so a server trickling bytes cannot hold a batch forever.
_DEADLINE_FACTOR = 4
_ALLOW_HINT = "pass --allow-private or allow_private=True to fetch it anyway"


@dataclass(frozen=True)
class Fetched:
    """A downloaded body and what the server said about it.

    Attributes:
        url: The final URL, after redirects.
        content: The body, at most ``max_bytes`` long.
        media_type: The Content-Type without parameters, lowercased ("" when absent).
        charset: The charset parameter of the Content-Type, if any.
    """

    url: str
    content: bytes
    media_type: str
    charset: str | None


def address_problem(address: IPAddress) -> str | None:
    """Return why ``address`` must not be fetched from, or None if it is public.

    Example:
        >>> address_problem(ipaddress.ip_address("127.0.0.1"))
        'loopback'
        >>> address_problem(ipaddress.ip_address("93.184.215.14")) is None
        True
    """
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
        ("non-public", not address.is_global),
    )
    for name, applies in checks:
        if applies:
            return name
    return None


def resolve(host: str, port: int, *, source: str) -> list[IPAddress]:
    """Return every address ``host`` resolves to, in resolver order without repeats.

    Raises:
        FetchError: The name does not resolve.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}", source=source) from exc
    addresses: list[IPAddress] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise FetchError(f"cannot resolve host {host!r}: no addresses", source=source)
    return addresses


def _check_url(url: httpx.URL, *, source: str) -> tuple[str, int]:
    if url.scheme not in {"http", "https"}:
        raise FetchError(
            f"refused to follow {str(url)!r}: only http and https URLs are fetched", source=source
        )
    if not url.host:
        raise FetchError(f"the URL {str(url)!r} has no host", source=source)
    return url.host, url.port or (443 if url.scheme == "https" else 80)


def _pinned_address(url: httpx.URL, *, source: str) -> IPAddress:
    host, port = _check_url(url, source=source)
    addresses = resolve(host, port, source=source)
    for address in addresses:
        problem = address_problem(address)
        if problem is not None:
            raise FetchError(
                f"refused to fetch {host!r}: it resolves to {address}, a {problem} address "
                f"({_ALLOW_HINT})",
                source=source,
            )
    return addresses[0]


def _media_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    parts = [p.strip() for p in header.split(";")]
    charset = None
    for param in parts[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return parts[0].lower(), charset


def _too_large(limit: int, *, source: str) -> FetchError:
    return FetchError(
        f"response is over the limit of {limit:,} bytes (raise it with --max-bytes or max_bytes=)",
        source=source,
    )


def fetch(url: str, *, options: IngestOptions) -> Fetched:
    """Download ``url``, following at most ``options.max_redirects`` checked redirects.

    Args:
        url: An http or https URL.
        options: Timeout, size cap, redirect limit, User-Agent and ``allow_private``.

    Returns:
        The final URL, the body and its declared media type and charset.

    Raises:
        FetchError: The URL was refused, unreachable, too slow, too large, redirected
            too often, or answered with an HTTP error status.

    Example:
        >>> fetch("http://127.0.0.1:9/", options=IngestOptions())  # doctest: +SKIP
        Traceback (most recent call last):
        synopse.errors.FetchError: http://127.0.0.1:9/: refused to fetch '127.0.0.1': ...
    """
    try:
        current = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise FetchError(f"not a valid URL: {exc}", source=url) from exc
    deadline = time.monotonic() + options.timeout * _DEADLINE_FACTOR
    timeout = httpx.Timeout(options.timeout)
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
        for _hop in range(options.max_redirects + 1):
            response_or_next = _hop_once(client, current, options, deadline, source=url)
            if isinstance(response_or_next, Fetched):
                return response_or_next
            current = response_or_next
    raise FetchError(
        f"more than {options.max_redirects} redirects (the last went to {str(current)!r})",
        source=url,
    )


def _hop_once(
    client: httpx.Client,
    current: httpx.URL,
    options: IngestOptions,
    deadline: float,
    *,
    source: str,
) -> Fetched | httpx.URL:
    host, _port = _check_url(current, source=source)
    headers = {"User-Agent": options.user_agent, "Accept": "text/html, text/plain;q=0.9, */*;q=0.5"}
    target = current
    extensions: dict[str, str] = {}
    if not options.allow_private:
        address = _pinned_address(current, source=source)
        target = current.copy_with(host=str(address))
        headers["Host"] = current.netloc.decode("ascii")
        if current.scheme == "https":
            extensions["sni_hostname"] = host
    try:
        with client.stream("GET", target, headers=headers, extensions=extensions) as response:
            if response.status_code in _REDIRECT_STATUSES and "location" in response.headers:
                try:
                    return current.join(response.headers["location"])
                except (httpx.InvalidURL, ValueError) as exc:
                    raise FetchError(f"invalid redirect location: {exc}", source=source) from exc
            if response.status_code >= 400:
                raise FetchError(
                    f"HTTP {response.status_code} {response.reason_phrase}".strip(), source=source
                )
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > options.max_bytes:
                raise _too_large(options.max_bytes, source=source)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > options.max_bytes:
                    raise _too_large(options.max_bytes, source=source)
                if time.monotonic() > deadline:
                    raise FetchError(
                        f"download took longer than {options.timeout * _DEADLINE_FACTOR:g} s "
                        "(raise the limit with --timeout)",
                        source=source,
                    )
                chunks.append(chunk)
            media_type, charset = _media_type(response.headers.get("content-type"))
            return Fetched(str(current), b"".join(chunks), media_type, charset)
    except httpx.TimeoutException as exc:
        raise FetchError(
            f"timed out after {options.timeout:g} s (raise it with --timeout)", source=source
        ) from exc
    except httpx.HTTPError as exc:
        reason = str(exc) or type(exc).__name__
        raise FetchError(
            f"cannot fetch {urlsplit(str(current)).netloc}: {reason}", source=source
        ) from exc
