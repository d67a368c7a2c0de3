"""What a source names: files, folders, globs, URLs and stdin expanded into single items.

Users type paths, folders, shell-style globs and URLs interchangeably; this module turns
each into an ordered list of concrete items (so output order is deterministic) and says
what each kind of item should be called (its default document id).
"""

from __future__ import annotations

import glob
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

from synopse.errors import FetchError, IngestError

SourceLike = str | os.PathLike[str]
"""A path, folder, glob, URL or ``-`` (stdin)."""

ItemKind = Literal["file", "url", "stdin"]

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_GLOB_CHARS = re.compile(r"[*?\[]")
_SLUG_JUNK = re.compile(r"[^\w]+")
_DOC_EXTENSIONS = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cfm)$", re.I)
_MAX_ID_CHARS = 80


@dataclass(frozen=True)
class SourceItem:
    """One concrete thing to read: a file, a URL or stdin.

    Attributes:
        kind: ``"file"``, ``"url"`` or ``"stdin"``.
        location: The path, the URL, or ``"-"``.
    """

    kind: ItemKind
    location: str

    @property
    def default_id(self) -> str:
        """The document id this item gets unless a record names its own."""
        if self.kind == "stdin":
            return "stdin"
        if self.kind == "url":
            return url_slug(self.location)
        return slugify(Path(self.location).stem) or "document"


def slugify(value: str) -> str:
    """Return ``value`` as a lowercase id of word characters joined by hyphens.

    Example:
        >>> slugify("Größe der Straße.html")
        'größe-der-straße-html'
    """
    slug = _SLUG_JUNK.sub("-", value.lower()).strip("-_")
    return slug[:_MAX_ID_CHARS].strip("-_")


def url_slug(url: str) -> str:
    """Return a document id for a URL: its last path segment, or its host.

    Example:
        >>> url_slug("https://www.example.org/politik/ein-artikel.html?x=1")
        'ein-artikel'
    """
    parts = urlsplit(url)
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if segments:
        slug = slugify(_DOC_EXTENSIONS.sub("", segments[-1]))
        if slug:
            return slug
    return slugify((parts.hostname or "").removeprefix("www.")) or "url"


def _is_hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _walk_folder(folder: Path) -> list[SourceItem]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root, name) for name in files if not name.startswith("."))
    found.sort(key=lambda p: p.relative_to(folder).as_posix())
    return [SourceItem("file", str(path)) for path in found]


def expand_source(source: SourceLike) -> list[SourceItem]:
    """Expand one source into the items it names, in a stable order.

    Folders are walked recursively (sorted, hidden files and folders skipped); a glob
    is expanded when no file has its literal name.

    Args:
        source: A path, folder, glob, http(s) URL, or ``-`` for stdin.

    Returns:
        The items, at least one.

    Raises:
        TypeError: ``source`` is not a str or path.
        FetchError: ``source`` is a URL with a scheme other than http or https.
        IngestError: Nothing exists under that name.

    Example:
        >>> expand_source("https://example.org/a")
        [SourceItem(kind='url', location='https://example.org/a')]
    """
    if not isinstance(source, str | os.PathLike):
        raise TypeError(f"a source must be a str or os.PathLike, not {type(source).__name__}")
    text = os.fspath(source)
    if not isinstance(text, str):
        raise TypeError("a source path must be text, not bytes")
    if text == "-":
        return [SourceItem("stdin", "-")]
    scheme = _SCHEME.match(text)
    if scheme:
        if scheme.group(1).lower() not in {"http", "https"}:
            raise FetchError(
                f"unsupported URL scheme {scheme.group(1)!r}: only http and https URLs are fetched",
                source=text,
            )
        return [SourceItem("url", text)]
    path = Path(os.path.expanduser(text))
    if path.is_dir():
        items = _walk_folder(path)
        if not items:
            raise IngestError("folder holds no files (hidden files are skipped)", source=text)
        return items
    if path.is_file():
        return [SourceItem("file", str(path))]
    if path.exists():
        raise IngestError("not a regular file or folder", source=text)
    if _GLOB_CHARS.search(text):
        items = []
        for match in sorted(glob.glob(os.path.expanduser(text), recursive=True)):
            match_path = Path(match)
            if match_path.is_dir():
                items.extend(_walk_folder(match_path))
            elif match_path.is_file():
                items.append(SourceItem("file", match))
        if not items:
            raise IngestError("no files match this pattern", source=text)
        return items
    raise IngestError("no such file or folder", source=text)
