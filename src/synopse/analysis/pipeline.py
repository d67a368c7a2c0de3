"""The per-document pipeline: runs each analysis component in order over one Document.

Components are plain functions registered under versioned names; each reads the text and
the results of the components before it and returns spans into the text. Computing is kept
apart from assembling: the pipeline collects every group and builds one frozen Analysis.
"""

from __future__ import annotations

from dataclasses import dataclass

from synopse.analysis.dates import find_dates
from synopse.analysis.entities import find_entities
from synopse.analysis.quantities import find_quantities
from synopse.analysis.quotes import find_quotes
from synopse.analysis.sentences import split_sentences, tokenize
from synopse.lang import available_languages
from synopse.model import Analysis, Document

#: Versioned names of the components, in the order they run.
COMPONENTS: tuple[str, ...] = (
    "synopse.sentences.v1",
    "synopse.tokens.v1",
    "synopse.entities.v1",
    "synopse.quotes.v1",
    "synopse.dates.v1",
    "synopse.quantities.v1",
)

FALLBACK_LANGUAGE = "de"


@dataclass(frozen=True, kw_only=True)
class AnalysisOptions:
    """Which parts of the analysis to run.

    Attributes:
        tokens: Keep the token list (large; turn off for throughput when not needed).
    """

    tokens: bool = True


def data_language(document: Document) -> str:
    """Return the language whose data files analyse ``document``.

    A language without a data folder falls back to German data: the components still run
    (numbers, quotation marks and capitalised names are largely shared), which beats
    returning nothing, and the document's own ``language`` field stays as detected.
    """
    language = (document.language or FALLBACK_LANGUAGE).lower()
    return language if language in available_languages() else FALLBACK_LANGUAGE


def analyze(document: Document, options: AnalysisOptions | None = None) -> Analysis:
    """Analyse one document: sentences, tokens, entities, quotes, dates and quantities.

    Args:
        document: A cleaned document (see :func:`synopse.ingest`).
        options: Which optional parts to keep.

    Returns:
        The frozen Analysis, every span an offset into ``document.text``.

    Example:
        >>> from synopse import Document, analyze
        >>> doc = Document(id="d", text="Laut Polizei waren 500 Menschen dort.", source="d")
        >>> [q.cue for q in analyze(doc).quotes]
        ['laut']
    """
    options = options or AnalysisOptions()
    text = document.text
    lang = data_language(document)
    sentences = split_sentences(text)
    tokens = tokenize(text) if options.tokens else []
    entities = find_entities(text, sentences, lang=lang)
    quotes = find_quotes(text, sentences, entities, lang=lang)
    dates = find_dates(text, sentences, document.published, lang=lang)
    quantities = find_quantities(text, lang=lang)
    return Analysis(
        document=document,
        sentences=tuple(sentences),
        tokens=tuple(tokens),
        entities=tuple(entities),
        quotes=tuple(quotes),
        dates=tuple(dates),
        quantities=tuple(quantities),
    )
