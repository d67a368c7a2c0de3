"""Language data: lexicons and grammars kept as data files under ``synopse/data/<lang>/``.

Code stays language-neutral; a second language is a data folder plus a little code.
Files:

* ``*.txt``  one entry per line; ``#`` starts a comment line (the header says the source).
* ``*.tsv``  tab-separated rows, the first non-comment row names the columns.
* ``*.json`` patterns and grammars.

Everything loads lazily and is cached; a missing or malformed table raises
:class:`~synopse.errors.LanguageDataError` naming the language and the table.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from synopse.errors import LanguageDataError


def _data_file(lang: str, name: str) -> Traversable:
    path = resources.files("synopse").joinpath("data", lang, name)
    if not path.is_file():
        raise LanguageDataError(
            f"language data table {name!r} for language {lang!r} is missing "
            f"(expected synopse/data/{lang}/{name})"
        )
    return path


def _lines(lang: str, name: str) -> list[str]:
    text = _data_file(lang, name).read_text(encoding="utf-8")
    return [
        line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


@functools.cache
def load_list(lang: str, name: str) -> tuple[str, ...]:
    """Return the entries of a one-per-line list, comments and blank lines skipped.

    Example:
        >>> "sagte" in load_list("de", "reporting_verbs.txt")
        True
    """
    return tuple(line.strip() for line in _lines(lang, name))


@functools.cache
def load_set(lang: str, name: str) -> frozenset[str]:
    """Return a one-per-line list as a frozenset, for membership tests."""
    return frozenset(load_list(lang, name))


@functools.cache
def load_table(lang: str, name: str) -> tuple[dict[str, str], ...]:
    """Return the rows of a TSV table as dicts keyed by the header row."""
    rows = _lines(lang, name)
    if not rows:
        raise LanguageDataError(f"table {name!r} for language {lang!r} is empty")
    header = rows[0].split("\t")
    table = []
    for number, row in enumerate(rows[1:], start=2):
        cells = row.split("\t")
        if len(cells) != len(header):
            raise LanguageDataError(
                f"table {name!r} for language {lang!r}: row {number} has {len(cells)} "
                f"cells, the header has {len(header)}"
            )
        table.append(dict(zip(header, cells, strict=True)))
    return tuple(table)


@functools.cache
def load_json(lang: str, name: str) -> Any:
    """Return a parsed JSON data file."""
    try:
        return json.loads(_data_file(lang, name).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise LanguageDataError(
            f"data file {name!r} for language {lang!r} is not valid JSON: {exc}"
        ) from exc


def available_languages() -> tuple[str, ...]:
    """Return the language codes that have a data folder (``common`` excluded)."""
    root = resources.files("synopse").joinpath("data")
    return tuple(
        sorted(
            p.name for p in root.iterdir() if p.is_dir() and p.name not in {"common", "__pycache__"}
        )
    )
