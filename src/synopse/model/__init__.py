"""Plain data carried through the pipeline: documents, spans and analysis results."""

from synopse.model.analysis import (
    Analysis,
    EntityMention,
    Quantity,
    Quote,
    Sentence,
    TimeExpression,
    Token,
)
from synopse.model.document import Document, Failure, IngestResult, Notice, Span

__all__ = [
    "Analysis",
    "Document",
    "EntityMention",
    "Failure",
    "IngestResult",
    "Notice",
    "Quantity",
    "Quote",
    "Sentence",
    "Span",
    "TimeExpression",
    "Token",
]
