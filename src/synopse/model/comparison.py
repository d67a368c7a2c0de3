"""Results of comparing several documents: entities, facts, conflicts and the rest.

Every piece of evidence is a ``(doc id, start, end)`` into that document's text, so a
report can always point to the exact source span.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from synopse.model.analysis import Analysis
from synopse.model.document import Document

if TYPE_CHECKING:  # the compare stage defines these; the model only refers to them
    from synopse.compare.framing import Framing
    from synopse.compare.reuse import Reuse

ConflictKind = Literal["numeric", "temporal", "attribution", "spelling", "characterization"]


@dataclass(frozen=True)
class Evidence:
    """A span of one document's text that supports a statement."""

    doc: str
    start: int
    end: int


@dataclass(frozen=True)
class EntityCluster:
    """One real-world entity across documents (spelling variants and titles merged).

    Attributes:
        id: Stable id ("e1", "e2", ... in order of first appearance).
        name: The canonical name (the most frequent full form).
        type: PER, ORG, LOC or MISC.
        aliases: Every other name under which it appears, sorted.
        roles: Roles written with its mentions, sorted.
        mentions: Every mention as evidence.
    """

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    mentions: tuple[Evidence, ...]


@dataclass(frozen=True)
class FactSupport:
    """How one document states a fact.

    Attributes:
        doc: The document id.
        sentence: Index of the supporting sentence in that document's analysis.
        start: Start of the supporting sentence.
        end: End of the supporting sentence.
        attributed_to: The speaker or source the document credits ("Jen Psaki", "Kreml"),
            or None when the outlet states it in its own voice.
        reused: True when the sentence lies in a passage shared verbatim with another
            document (wire copy): not independent confirmation.
    """

    doc: str
    sentence: int
    start: int
    end: int
    attributed_to: str | None = None
    reused: bool = False


@dataclass(frozen=True)
class Fact:
    """A claim that one or more documents report.

    Attributes:
        id: Stable id ("f1", ...), ordered by coverage then first appearance.
        label: Representative wording (the most central supporting sentence).
        support: One or more supports per document.
        related: For documents that do not report the fact, the sentence closest to it
            when it comes near (perhaps the same claim in other words, below the bar
            for linking); such documents are not counted as omitting the fact.
        exclusive: True when a single document reports it.
    """

    id: str
    label: str
    support: tuple[FactSupport, ...]
    related: tuple[FactSupport, ...] = ()

    @property
    def docs(self) -> tuple[str, ...]:
        """The documents that report the fact, in order of first support."""
        return tuple(dict.fromkeys(s.doc for s in self.support))

    @property
    def exclusive(self) -> bool:
        """True when only one document reports the fact."""
        return len(self.docs) == 1


@dataclass(frozen=True)
class ConflictValue:
    """One side of a conflict: what one document says, with its span."""

    doc: str
    value: str
    start: int
    end: int


@dataclass(frozen=True)
class Conflict:
    """Documents that disagree on one point.

    Attributes:
        id: Stable id ("c1", ...).
        kind: numeric, temporal, attribution, spelling or characterization.
        topic: What the disagreement is about, in a few words.
        values: Every side, one or more per document.
        severity: "hard" (cannot all be right), "medium" or "soft" (compatible but
            different in precision or emphasis).
        facts: Ids of the facts the conflict is about, if any.
    """

    id: str
    kind: ConflictKind
    topic: str
    values: tuple[ConflictValue, ...]
    severity: str = "medium"
    facts: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class TimelineEvent:
    """A dated event with every mention of it across documents."""

    date: str
    precision: str
    label: str
    mentions: tuple[Evidence, ...]


@dataclass(frozen=True)
class SummarySentence:
    """One sentence of the summary, with the documents and facts it rests on."""

    text: str
    sources: tuple[str, ...]
    facts: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    """Everything known from comparing the documents of one story.

    Attributes:
        analyses: One analysis per document, in input order (each holds its Document).
        clusters: Entities across documents (spelling variants and titles merged).
        facts: Claims and the documents that report them, most widely reported first.
        conflicts: Points on which documents disagree.
        omissions: Document id → ids of the facts most other documents report but it
            leaves out (every document has an entry).
        framing: Document id → how that document frames the story.
        reuse: Passages shared verbatim between pairs of documents.
        timeline: Dated events across documents, in date order.
        summary: A short extractive summary, every sentence citing documents and facts.
        language: The language whose data compared the documents.
    """

    analyses: tuple[Analysis, ...]
    clusters: tuple[EntityCluster, ...]
    facts: tuple[Fact, ...]
    conflicts: tuple[Conflict, ...]
    omissions: Mapping[str, tuple[str, ...]]
    framing: Mapping[str, Framing]
    reuse: tuple[Reuse, ...]
    timeline: tuple[TimelineEvent, ...]
    summary: tuple[SummarySentence, ...]
    language: str = "de"

    @property
    def documents(self) -> tuple[Document, ...]:
        """The compared documents, in input order."""
        return tuple(a.document for a in self.analyses)

    def analysis(self, doc_id: str) -> Analysis:
        """Return the analysis of the document with id ``doc_id``.

        Raises:
            KeyError: If no compared document has that id.
        """
        for analysis in self.analyses:
            if analysis.document.id == doc_id:
                return analysis
        raise KeyError(doc_id)
