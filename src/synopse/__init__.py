"""Synopse: compare how different outlets report the same news event.

Example:
    >>> import synopse
    >>> docs = synopse.load(["article.html", "agency.txt"])  # doctest: +SKIP
    >>> comparison = synopse.compare(docs)  # doctest: +SKIP
"""

from synopse.analysis.pipeline import analyze
from synopse.compare.pipeline import compare
from synopse.errors import SynopseError
from synopse.ingest import IngestOptions, ingest, load
from synopse.model import Analysis, Document, Span
from synopse.model.comparison import Comparison
from synopse.options import CompareOptions

__all__ = [
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
]
__version__ = "0.1.0"
