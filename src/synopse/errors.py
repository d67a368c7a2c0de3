"""Every error Synopse raises on purpose, in one small hierarchy.

Callers catch ``SynopseError`` for anything the tool reports about bad data or bad
configuration; a ``TypeError`` still means the API was misused::

    SynopseError
    ├── IngestError            a source could not become a Document
    │   ├── FetchError         a URL could not be fetched (or was refused)
    │   ├── ExtractionError    the content held no usable text
    │   └── IncompleteIngestError  some sources of a batch failed (keeps the rest)
    ├── AnalysisError          one document could not be analysed
    ├── LanguageDataError      a lexicon or grammar is missing or malformed
    ├── StoreError             the store could not read or write
    └── ConfigError            an option has an invalid value (also a ValueError)

Each error carries keyword-only context (``source=``, ``doc_id=``) and a message that
states what failed, where, and how to fix it, on one line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from synopse.model.document import Document, Failure


class SynopseError(Exception):
    """Base class for every error Synopse raises on purpose.

    Args:
        message: One line saying what failed and how to fix it.
        source: The input (path, URL, record) the error is about, if any.
        doc_id: The document the error is about, if any.
    """

    def __init__(self, message: str, *, source: str | None = None, doc_id: str | None = None):
        super().__init__(message)
        self.message = message
        self.source = source
        self.doc_id = doc_id

    def __str__(self) -> str:
        if self.source is not None:
            return f"{self.source}: {self.message}"
        return self.message


class IngestError(SynopseError):
    """A source could not be turned into a Document."""


class FetchError(IngestError):
    """A URL could not be fetched, or fetching it was refused."""


class ExtractionError(IngestError):
    """The content was read but held no usable text."""


class IncompleteIngestError(IngestError):
    """Some sources failed; the documents of the others are kept on the error.

    Attributes:
        documents: The documents read from the sources that worked.
        failures: One :class:`Failure` per source that did not.
    """

    def __init__(self, documents: tuple[Document, ...], failures: tuple[Failure, ...]):
        first = failures[0] if failures else Failure("?", "unknown")
        more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
        super().__init__(
            f"{len(failures)} source(s) failed, {len(documents)} document(s) read; "
            f"first: {first.source}: {first.error}{more}"
        )
        self.documents = documents
        self.failures = failures


class AnalysisError(SynopseError):
    """A document could not be analysed."""


class LanguageDataError(SynopseError):
    """A language data file is missing or malformed."""


class StoreError(SynopseError):
    """The store could not read or write."""


class ConfigError(SynopseError, ValueError):
    """An option has an invalid value."""
