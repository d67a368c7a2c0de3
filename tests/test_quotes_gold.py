"""Quotes on the shared gold corpus: recall, precision and speaker targets of the issue."""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from synopse.analysis.quotes import find_quotes
from synopse.analysis.sentences import split_sentences
from synopse.evaluation.quotes import score_quotes
from synopse.ingest.text import clean_scrape
from synopse.model import EntityMention, Quote, Sentence

_LINK_MARKER = re.compile(r"\[\d+\]\[([^\]]*)\]")


def _clean(raw: str) -> str:
    text = clean_scrape(raw).text
    # Inline link markers, should the cleaner keep them, are not part of the prose.
    return _LINK_MARKER.sub(r"\1", text)


def _entities(text: str, sentences: Sequence[Sentence]) -> list[EntityMention]:
    # Speakers resolve against entity mentions when the recogniser is there.
    try:
        module = importlib.import_module("synopse.analysis.entities")
    except ImportError:
        return []
    found: list[EntityMention] = module.find_entities(text, sentences, lang="de")
    return found


def _run(corpus_files: dict[str, Path]) -> dict[str, tuple[str, list[Quote]]]:
    docs = {}
    for key, path in corpus_files.items():
        text = _clean(path.read_text(encoding="utf-8"))
        sentences = split_sentences(text)
        entities = _entities(text, sentences)
        docs[key] = (text, find_quotes(text, sentences, entities, lang="de"))
    return docs


def test_quote_targets(gold: dict[str, Any], corpus_files: dict[str, Path]) -> None:
    scores = score_quotes(gold, _run(corpus_files))
    assert scores["unlocated"] == []
    assert scores["recall"] >= 0.85, scores["missed"]
    assert scores["precision"] >= 0.85, scores["extra"]
    assert scores["speaker_accuracy"] >= 0.80, scores["wrong_speaker"]


def test_quotation_marks_that_are_not_quotes(
    gold: dict[str, Any], corpus_files: dict[str, Path]
) -> None:
    docs = _run(corpus_files)
    checked = 0
    for item in gold["quote_marks_not_counted"]:
        if "boilerplate" in item["reason"]:
            continue  # a quotation, but in page furniture: the cleaner's job
        text, quotes = docs[item["doc"]]
        position = text.find(item["text"])
        assert position >= 0, item
        checked += 1
        assert not any(q.start < position + len(item["text"]) and position < q.end for q in quotes)
    assert checked > 0
