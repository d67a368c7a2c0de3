"""Boundary F1 on the UD German GSD dev treebank, against the issue's target and SoMaJo."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import require_shared
from synopse.evaluation.sentences import (
    build_paragraphs,
    build_ud_text,
    has_final_punctuation,
    read_conllu_texts,
    score_sentence_boundaries,
    somajo_splitter,
)

TARGET_F1 = 0.950
"""SoMaJo's (de_CMC) boundary F1 on this text, as stated in the issue."""


@pytest.fixture(scope="module")
def ud_dev(shared_dir: Path) -> Path:
    return require_shared(shared_dir / "eval" / "ud-german-gsd-dev.conllu")


def test_evaluation_text_is_built_as_specified(ud_dev: Path) -> None:
    texts = read_conllu_texts(ud_dev)
    text, ends = build_ud_text(ud_dev)
    assert len(ends) == len(texts)
    assert ends == sorted(ends)
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == len(build_paragraphs(texts))
    position = 0
    for sentence, end in zip(texts, ends, strict=True):
        start = text.index(sentence, position)
        assert start + len(sentence) == end
        position = end
    for paragraph in build_paragraphs(texts):
        assert 1 <= len(paragraph) <= 8
        assert all(has_final_punctuation(sentence) for sentence in paragraph[:-1])


def test_boundary_f1_meets_target(ud_dev: Path) -> None:
    ours = score_sentence_boundaries(ud_dev)
    assert ours["f1"] >= TARGET_F1, ours["errors"]
    assert ours["precision"] >= 0.97
    assert ours["recall"] >= 0.97


@pytest.mark.skipif(importlib.util.find_spec("somajo") is None, reason="SoMaJo not installed")
def test_boundary_f1_not_below_somajo(ud_dev: Path) -> None:
    ours = score_sentence_boundaries(ud_dev)
    theirs = score_sentence_boundaries(ud_dev, somajo_splitter())
    assert ours["f1"] >= theirs["f1"]


@pytest.mark.parametrize(
    ("sentence", "final"),
    [
        ("Er kam.", True),
        ("Kommt er?", True),
        ("„Ja!“", True),
        ("Er sagte:", True),
        ("(Siehe oben)", True),
        ("Absolut zu empfehlen", False),
        ("Liebe Grüße", False),
    ],
)
def test_final_punctuation(sentence: str, final: bool) -> None:
    assert has_final_punctuation(sentence) is final
