"""Entity F1 on the GermEval 2014 dev file (outer column, PER/LOC/ORG, exact spans)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from synopse.evaluation.entities import score_germeval

# Measured 0.55 when this floor was set; it guards against regressions.
F1_FLOOR = 0.53
# The target; not reached by the rule-based recogniser yet (see docs/entities.md).
F1_TARGET = 0.60


@pytest.fixture(scope="module")
def scores(shared_dir: Path) -> dict[str, Any]:
    return score_germeval(shared_dir / "eval" / "germeval2014-ner-dev.tsv")


def test_all_dev_sentences_are_scored(scores: dict[str, Any]) -> None:
    assert scores["sentences"] > 2000
    assert scores["overall"]["gold"] == sum(scores[k]["gold"] for k in ("PER", "LOC", "ORG"))


def test_f1_does_not_regress(scores: dict[str, Any]) -> None:
    assert scores["overall"]["f1"] >= F1_FLOOR


@pytest.mark.parametrize(("kind", "floor"), [("PER", 0.50), ("LOC", 0.58), ("ORG", 0.38)])
def test_f1_per_type_does_not_regress(scores: dict[str, Any], kind: str, floor: float) -> None:
    assert scores[kind]["f1"] >= floor


@pytest.mark.xfail(reason="rule-based recogniser is at 0.55; see docs/entities.md", strict=False)
def test_f1_reaches_target(scores: dict[str, Any]) -> None:
    assert scores["overall"]["f1"] >= F1_TARGET
