"""The public API is exactly what ``__all__`` says, and every name in it exists."""

from __future__ import annotations

import synopse

EXPECTED = {
    "Analysis",
    "CompareOptions",
    "Comparison",
    "Document",
    "IngestOptions",
    "Span",
    "SynopseError",
    "analyze",
    "compare",
    "ingest",
    "load",
}


def test_all_lists_the_public_names() -> None:
    assert set(synopse.__all__) == EXPECTED
    public = {name for name in vars(synopse) if not name.startswith("_")}
    # Submodule names (model, errors, ...) appear as attributes once imported; they are not API.
    modules = {name for name in public if type(getattr(synopse, name)).__name__ == "module"}
    assert public - modules == EXPECTED


def test_every_public_name_resolves() -> None:
    for name in synopse.__all__:
        assert getattr(synopse, name) is not None
