"""Omissions: the facts most other documents report and one document leaves out.

What an outlet does not say is part of how it covers a story. A fact counts as omitted
by a document when at least ``threshold`` of the *other* documents report it and that
document does not; with five documents and the default 0.6, three of the other four.
Absence is weaker evidence than presence, so a document with a sentence close to the
fact (``Fact.related``: perhaps the claim in other words) is not said to omit it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from synopse.errors import ConfigError
from synopse.model.comparison import Fact


def find_omissions(
    facts: Iterable[Fact], doc_ids: Sequence[str], *, threshold: float = 0.6
) -> dict[str, list[str]]:
    """Return, per document, the ids of the facts most other documents report but it omits.

    Args:
        facts: The facts of the story (:func:`synopse.compare.facts.find_facts`).
        doc_ids: Every document of the story, in order (documents that report no fact
            still omit facts).
        threshold: Least share of the other documents that must report a fact.

    Returns:
        Document id → omitted fact ids in the order of ``facts``; every document has an
        entry, empty when it omits nothing. A document with a related sentence
        (``Fact.related``) does not omit that fact. With fewer than two other documents nothing
        counts as omitted.

    Raises:
        ConfigError: If ``threshold`` is not in (0, 1] or ids repeat.

    Example:
        >>> from synopse.model.comparison import Fact, FactSupport
        >>> fact = Fact("f1", "x", (FactSupport("a", 0, 0, 1), FactSupport("b", 0, 0, 1)))
        >>> find_omissions([fact], ["a", "b", "c"])
        {'a': [], 'b': [], 'c': ['f1']}
    """
    if not 0.0 < threshold <= 1.0:
        raise ConfigError(f"omission threshold must be in (0, 1], got {threshold}")
    if len(set(doc_ids)) != len(doc_ids):
        raise ConfigError(f"document ids must be unique for omissions: {sorted(doc_ids)}")
    result: dict[str, list[str]] = {doc: [] for doc in doc_ids}
    others = len(doc_ids) - 1
    if others < 2:
        return result
    needed = math.ceil(threshold * others - 1e-9)
    for fact in facts:
        reporting = set(fact.docs)
        if len(reporting) < needed:
            continue  # nobody can omit it; skipping keeps this linear in facts
        close = {s.doc for s in fact.related}
        for doc in doc_ids:
            if doc not in reporting and doc not in close and len(reporting - {doc}) >= needed:
                result[doc].append(fact.id)
    return result
