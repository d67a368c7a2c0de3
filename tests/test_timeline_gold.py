"""Timeline normalisation on the shared gold corpus, and the scorer's own rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from synopse.analysis.dates import find_dates
from synopse.analysis.sentences import split_sentences
from synopse.evaluation.timeline import (
    locate_quote,
    parse_gold_iso,
    score_timeline,
    value_is_coarser,
    value_matches,
)
from synopse.ingest.text import clean_scrape
from synopse.model import TimeExpression


def _analyses(
    gold: dict[str, Any], corpus_files: dict[str, Path]
) -> dict[str, tuple[str, list[TimeExpression]]]:
    analyses = {}
    for key, path in corpus_files.items():
        text = clean_scrape(path.read_text(encoding="utf-8")).text
        published = gold["documents"][key]["publication_iso"]
        analyses[key] = (text, find_dates(text, split_sentences(text), published))
    return analyses


def test_gold_timeline_score(gold: dict[str, Any], corpus_files: dict[str, Path]) -> None:
    result = score_timeline(gold, _analyses(gold, corpus_files))
    assert result["events_counted"] >= 12
    assert result["score"] >= 0.85, [e for e in result["events"] if e.get("status") == "wrong"]
    assert result["mention_accuracy"] >= 0.75


def test_gold_shared_dates_agree(gold: dict[str, Any], corpus_files: dict[str, Path]) -> None:
    """The meetings every outlet dates explicitly come out on the same day in all five."""
    analyses = _analyses(gold, corpus_files)
    for key, (_text, expressions) in analyses.items():
        values = {e.value for e in expressions}
        assert "2022-01-10" in values, key
        assert "2022-01-12" in values, key


def test_boilerplate_dates_are_not_events(gold: dict[str, Any]) -> None:
    ignored = {item["text"].strip() for item in gold["timeline_boilerplate_dates_to_ignore"]}
    quotes = {
        source["source_quote"].strip() for event in gold["timeline"] for source in event["sources"]
    }
    assert not ignored & quotes


@pytest.mark.parametrize(
    ("value", "parts"),
    [
        ("2021-12-07", ("2021-12-07",)),
        ("2005/..", ("2005", "..")),
        ("../2021-12-30", ("..", "2021-12-30")),
        ("2021-22", ("2021-22",)),
        ("2021-12-31T00:57", ("2021-12-31T00:57",)),
        ("2021-12 (before Christmas)", None),
        ("..", None),
    ],
)
def test_parse_gold_iso(value: str, parts: tuple[str, ...] | None) -> None:
    assert parse_gold_iso(value) == parts


@pytest.mark.parametrize(
    ("predicted", "gold_value", "right", "coarser"),
    [
        ("2021-12-07", "2021-12-07", True, False),
        ("2021-06-16", "2021-06", True, False),
        ("2021-12", "2021-12-07", False, True),
        ("2021-11", "2021-12-07", False, False),
        ("2014/..", "2014/..", True, False),
        ("2014", "2014/..", False, False),
        ("2021-22", "2021-22", True, False),
        ("2021-12-31", "2021-12-31T20:40", True, False),
    ],
)
def test_value_comparison(predicted: str, gold_value: str, right: bool, coarser: bool) -> None:
    assert value_matches(predicted, gold_value) is right
    assert value_is_coarser(predicted, gold_value) is coarser


def test_locate_quote_through_wrapped_lines() -> None:
    text = "| Er kam am Montag | |\n| nach Hause und ging am Dienstag. | |"
    quote = "Er kam am Montag nach Hause und ging am Dienstag."
    region = locate_quote(text, quote, "am Dienstag")
    assert region is not None
    assert text[region[0] : region[1]] == "am Dienstag"


def test_score_rules_on_a_toy_gold() -> None:
    text = "Am 3. Mai traf man sich. Später, am 4. Mai, reiste er ab."
    gold = {
        "timeline": [
            {
                "id": "A",
                "iso": "2023-05-03",
                "precision": "day",
                "sources": [
                    {
                        "doc": "x",
                        "temporal_expression": "Am 3. Mai",
                        "source_quote": "Am 3. Mai traf man sich.",
                    }
                ],
            },
            {
                "id": "B",
                "iso": "2023-05-05",
                "precision": "day",
                "sources": [
                    {
                        "doc": "x",
                        "temporal_expression": "am 4. Mai",
                        "source_quote": "am 4. Mai, reiste er ab.",
                    }
                ],
            },
            {"id": "C", "iso": "2023-05 (vage)", "precision": "vague", "sources": []},
        ]
    }
    expressions = find_dates(text, split_sentences(text), "2023-05-10")
    result = score_timeline(gold, {"x": (text, expressions)})
    assert (result["events_counted"], result["events_right"]) == (2, 1)
    statuses = {e["id"]: e["status"] for e in result["events"]}
    assert statuses == {"A": "right", "B": "wrong", "C": "excluded"}
