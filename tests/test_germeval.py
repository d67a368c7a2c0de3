"""Entity F1 on the GermEval 2014 dev file (outer column, PER/LOC/ORG, exact spans).

Rules and thresholds were tuned on the first half of the dev sentences only; the second
half is held out and scored separately, so a rule that fits only the tuning half shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from synopse.evaluation.entities import read_germeval, score_germeval

# The target (measured 0.644 overall, 0.624 on the held-out half; see
# docs/entities.md).
F1_TARGET = 0.60
# The held-out half guards against rules that fit only the tuning half.
HELD_OUT_FLOOR = 0.60


@pytest.fixture(scope="module")
def dev_path(shared_dir: Path) -> Path:
    return shared_dir / "eval" / "germeval2014-ner-dev.tsv"


@pytest.fixture(scope="module")
def scores(dev_path: Path) -> dict[str, Any]:
    return score_germeval(dev_path)


def test_all_dev_sentences_are_scored(scores: dict[str, Any]) -> None:
    assert scores["sentences"] > 2000
    assert scores["overall"]["gold"] == sum(scores[k]["gold"] for k in ("PER", "LOC", "ORG"))


def test_f1_reaches_target(scores: dict[str, Any]) -> None:
    assert scores["overall"]["f1"] >= F1_TARGET


@pytest.mark.parametrize(("kind", "floor"), [("PER", 0.62), ("LOC", 0.69), ("ORG", 0.51)])
def test_f1_per_type_does_not_regress(scores: dict[str, Any], kind: str, floor: float) -> None:
    assert scores[kind]["f1"] >= floor


def test_held_out_half_does_not_collapse(dev_path: Path, scores: dict[str, Any]) -> None:
    half = sum(1 for _ in read_germeval(dev_path)) // 2
    held_out = score_germeval(dev_path, start=half)
    assert held_out["sentences"] == scores["sentences"] - half
    assert held_out["overall"]["f1"] >= HELD_OUT_FLOOR
