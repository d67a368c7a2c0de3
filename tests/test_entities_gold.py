"""Entity coverage, grouping and roles on the five shared Biden–Putin documents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from synopse.analysis.entities import find_entities
from synopse.analysis.sentences import split_sentences
from synopse.evaluation.entities import score_gold_entities
from synopse.ingest.text import clean_scrape
from synopse.model.analysis import EntityMention


@pytest.fixture(scope="module")
def texts(corpus_files: dict[str, Path]) -> dict[str, str]:
    result = {}
    for key, path in corpus_files.items():
        raw = path.read_text(encoding="utf-8")
        result[key] = clean_scrape(raw).text or raw
    return result


@pytest.fixture(scope="module")
def mentions(texts: dict[str, str]) -> dict[str, list[EntityMention]]:
    return {key: find_entities(text, split_sentences(text)) for key, text in texts.items()}


@pytest.fixture(scope="module")
def scores(
    gold: dict[str, Any], texts: dict[str, str], mentions: dict[str, list[EntityMention]]
) -> dict[str, Any]:
    return score_gold_entities(gold, texts, mentions)


def test_gold_entities_found(scores: dict[str, Any]) -> None:
    assert scores["pairs"] >= 90
    assert scores["found"] >= 0.90, scores["missing"]


def test_found_entities_mostly_typed_and_grouped(scores: dict[str, Any]) -> None:
    assert scores["typed"] >= 0.85
    assert scores["grouped"] >= 0.80, scores["split"]


def _roles(texts: dict[str, str], mentions: dict[str, list[EntityMention]]) -> set[str]:
    return {m.role for found in mentions.values() for m in found if m.role}


@pytest.mark.parametrize(
    "role",
    [
        "US-Präsident",
        "Pressesprecherin des US-Präsidialamtes",
        "Putins außenpolitische Berater",
        "Putin-Berater",
        "Berater des Kremls",
        "russische Staatschef",
        "Staatssekretärin für Europa im US-Außenministerium",
        "damalige Kanzlerin",
    ],
)
def test_role_patterns(
    texts: dict[str, str], mentions: dict[str, list[EntityMention]], role: str
) -> None:
    assert role in _roles(texts, mentions)


def test_surname_mentions_resolve_to_full_names(mentions: dict[str, list[EntityMention]]) -> None:
    for found in mentions.values():
        people = {m.name for m in found if m.type == "PER"}
        surnames_alone = {n for n in people if " " not in n}
        full = {n.rsplit(" ", 1)[1] for n in people if " " in n}
        assert not surnames_alone & full
