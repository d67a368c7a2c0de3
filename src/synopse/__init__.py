"""Synopse: compare how different outlets report the same news event.

Example:
    >>> import synopse
    >>> docs = synopse.load(["article.html", "agency.txt"])  # doctest: +SKIP
"""

from synopse.errors import SynopseError
from synopse.ingest import IngestOptions, ingest, load
from synopse.model import Analysis, Document, Span

__all__ = ["Analysis", "Document", "IngestOptions", "Span", "SynopseError", "ingest", "load"]
__version__ = "0.1.0"
