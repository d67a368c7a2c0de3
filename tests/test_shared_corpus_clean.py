"""The scrape cleaner on the five shared raw scrapes, checked against the human gold."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from synopse.evaluation.common import normalize_for_match
from synopse.ingest.extracted import Extracted
from synopse.ingest.text import clean_scrape

KEYS = ["000", "001", "002", "003", "004"]
_BORDER = re.compile(r"^\|\s?(.*?)\s?\|(?:\s?\|)?$")


@pytest.fixture(scope="module")
def cleaned(corpus_files: dict[str, Path]) -> dict[str, Extracted]:
    return {key: clean_scrape(path.read_text("utf-8")) for key, path in corpus_files.items()}


def _doc(gold: dict[str, Any], key: str) -> dict[str, Any]:
    document: dict[str, Any] = gold["documents"][key]
    return document


def _unbordered(line: str) -> str:
    match = _BORDER.match(line.strip())
    return match.group(1) if match else line


def _lines_of(text: str) -> set[str]:
    return {" ".join(line.split()) for line in text.split("\n") if line.strip()}


@pytest.mark.parametrize("key", KEYS)
def test_body_first_and_last_kept(
    key: str, cleaned: dict[str, Extracted], gold: dict[str, Any]
) -> None:
    text = normalize_for_match(cleaned[key].text)
    document = _doc(gold, key)
    assert normalize_for_match(document["body_first"]) in text
    assert normalize_for_match(document["body_last"]) in text


@pytest.mark.parametrize("key", KEYS)
def test_body_starts_with_first_sentence(
    key: str, cleaned: dict[str, Extracted], gold: dict[str, Any]
) -> None:
    """Datelines are cut: the first body paragraph starts with the gold's first sentence."""
    first = normalize_for_match(_doc(gold, key)["body_first"])
    paragraphs = [normalize_for_match(p) for p in cleaned[key].text.split("\n\n")]
    assert any(p.startswith(first) for p in paragraphs)


@pytest.mark.parametrize("key", KEYS)
def test_no_boilerplate_survives(
    key: str, cleaned: dict[str, Extracted], gold: dict[str, Any]
) -> None:
    result = cleaned[key]
    lines = _lines_of(result.text)
    for example in _doc(gold, key)["boilerplate_examples"]:
        line = " ".join(_unbordered(example).split())
        if example != example.strip() and not example.strip().startswith("|"):
            # A glued record prefix such as " date 2021-12 ": a substring, not a line.
            assert example.strip() not in result.text
            continue
        target = normalize_for_match(line)
        if len(target) >= 20:
            assert target not in normalize_for_match(result.text)
        else:
            assert target not in {normalize_for_match(x) for x in lines}


@pytest.mark.parametrize("key", KEYS)
def test_boilerplate_examples_are_in_removed(
    key: str, cleaned: dict[str, Extracted], gold: dict[str, Any]
) -> None:
    removed = "\n".join(cleaned[key].removed)
    for example in _doc(gold, key)["boilerplate_examples"]:
        assert example.strip() in removed


@pytest.mark.parametrize("key", KEYS)
def test_metadata_matches_gold(
    key: str, cleaned: dict[str, Extracted], gold: dict[str, Any]
) -> None:
    result = cleaned[key]
    document = _doc(gold, key)
    assert result.title == document["title"]
    assert result.author == document["author"]
    expected = document["publication_iso"]
    assert result.published is not None
    # Times are printed without an offset in the scrapes; compare up to the minute.
    assert result.published[:16] == expected[:16]


@pytest.mark.parametrize("key", KEYS)
def test_subheadings_and_lead_recorded(
    key: str, cleaned: dict[str, Extracted], gold: dict[str, Any]
) -> None:
    result = cleaned[key]
    document = _doc(gold, key)
    headings = {
        normalize_for_match(span.text_of(result.text))
        for span in result.structure
        if span.label == "heading"
    }
    for subheading in document.get("subheadings", []):
        assert normalize_for_match(subheading) in headings
    leads = [span for span in result.structure if span.label == "lead"]
    assert len(leads) == 1
    assert normalize_for_match(leads[0].text_of(result.text)) == normalize_for_match(
        document["lead"]
    )
    assert leads[0].start == 0


@pytest.mark.parametrize("key", KEYS)
def test_title_not_in_text(key: str, cleaned: dict[str, Extracted], gold: dict[str, Any]) -> None:
    title = _doc(gold, key)["title"]
    if title is None:
        # No headline in this scrape: none may be invented from a teaser or subheading.
        assert cleaned[key].title is None
    else:
        assert normalize_for_match(title) not in _lines_of(cleaned[key].text)


def test_teaser_quotes_of_related_articles_are_gone(cleaned: dict[str, Extracted]) -> None:
    """Teaser sentences under a related-articles section never reach the body."""
    for result in cleaned.values():
        for removed in result.removed:
            block = normalize_for_match(" ".join(_unbordered(x) for x in removed.split("\n")))
            if len(block) > 80:
                assert block not in normalize_for_match(result.text)


def test_headings_spans_are_own_paragraphs(cleaned: dict[str, Extracted]) -> None:
    for result in cleaned.values():
        paragraphs = set(result.text.split("\n\n"))
        for span in result.structure:
            assert span.text_of(result.text) in paragraphs
