"""Shared report views: how each document covers a fact."""

from __future__ import annotations

from synopse.model.comparison import Fact, FactSupport
from synopse.report.comparison_views import coverage


def test_coverage_marks_own_copied_related_and_absent() -> None:
    fact = Fact(
        "f1",
        "Die Brücke bleibt gesperrt.",
        (FactSupport("a", 0, 0, 10), FactSupport("b", 2, 30, 50, reused=True)),
        related=(FactSupport("c", 4, 80, 120),),
    )
    assert coverage(fact, ["a", "b", "c", "d"]) == ["own", "copied", "related", "absent"]


def test_a_supporting_document_is_never_only_related() -> None:
    # A support beats a related sentence of the same document (the pipeline never
    # produces both, but the view must not depend on that).
    fact = Fact("f1", "x", (FactSupport("a", 0, 0, 10),), related=(FactSupport("a", 1, 20, 30),))
    assert coverage(fact, ["a"]) == ["own"]
