"""Omissions: facts most other documents report and one leaves out."""

from __future__ import annotations

import pytest

from synopse.compare.omissions import find_omissions
from synopse.errors import ConfigError
from synopse.model.comparison import Fact, FactSupport


def _fact(fact_id: str, *docs: str) -> Fact:
    return Fact(fact_id, fact_id, tuple(FactSupport(d, 0, 0, 1) for d in docs))


FACTS = [
    _fact("f1", "a", "b", "c", "d", "e"),  # everyone
    _fact("f2", "a", "b", "c", "d"),  # e omits (4 of 4 others)
    _fact("f3", "a", "b", "c"),  # d, e omit (3 of 4 others)
    _fact("f4", "a", "b"),  # 2 of 4 others: below 0.6
    _fact("f5", "e"),  # exclusive
]


@pytest.mark.parametrize(
    ("threshold", "expected"),
    [
        (0.6, {"a": [], "b": [], "c": [], "d": ["f3"], "e": ["f2", "f3"]}),
        (0.5, {"a": [], "b": [], "c": ["f4"], "d": ["f3", "f4"], "e": ["f2", "f3", "f4"]}),
        (1.0, {"a": [], "b": [], "c": [], "d": [], "e": ["f2"]}),
    ],
)
def test_threshold(threshold: float, expected: dict[str, list[str]]) -> None:
    assert find_omissions(FACTS, ["a", "b", "c", "d", "e"], threshold=threshold) == expected


def test_document_without_facts_omits_the_majority() -> None:
    result = find_omissions(FACTS, ["a", "b", "c", "d", "e", "f"])
    assert result["f"] == ["f1", "f2", "f3"]


def test_too_few_documents() -> None:
    assert find_omissions([_fact("f1", "a")], ["a", "b"]) == {"a": [], "b": []}


@pytest.mark.parametrize("threshold", [0.0, -0.1, 1.5])
def test_bad_threshold(threshold: float) -> None:
    with pytest.raises(ConfigError, match="omission threshold must be in"):
        find_omissions(FACTS, ["a", "b", "c"], threshold=threshold)


def test_repeated_ids() -> None:
    with pytest.raises(ConfigError, match="unique"):
        find_omissions(FACTS, ["a", "a", "b"])


def test_a_related_sentence_is_not_an_omission() -> None:
    # e has a sentence close to f2 (perhaps the claim in other words): not an omission.
    related = Fact("f2", "f2", FACTS[1].support, related=(FactSupport("e", 3, 40, 90),))
    result = find_omissions([FACTS[0], related, FACTS[2]], ["a", "b", "c", "d", "e"])
    assert result == {"a": [], "b": [], "c": [], "d": ["f3"], "e": ["f3"]}
