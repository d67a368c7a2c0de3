"""The comparison pipeline through the public API, on the invented demo story."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest

import synopse
from synopse import CompareOptions, Comparison, Document, analyze, compare
from synopse.errors import ConfigError
from synopse.ingest import ingest
from synopse.report.comparison_json import comparison_report
from synopse.report.comparison_terminal import render_comparison
from synopse.report.terminal import make_console

DEMO = Path(__file__).resolve().parent.parent / "demo" / "corpus"
FAST = CompareOptions(embedder="hashing")


@pytest.fixture(scope="module")
def documents() -> tuple[Document, ...]:
    return ingest([DEMO]).documents


@pytest.fixture(scope="module")
def comparison(documents: tuple[Document, ...]) -> Comparison:
    return compare(documents, options=FAST)


def test_public_api_exports_compare() -> None:
    assert {"analyze", "compare", "Comparison", "CompareOptions"} <= set(synopse.__all__)
    assert all(hasattr(synopse, name) for name in synopse.__all__)


def test_every_part_is_filled_for_the_demo_story(comparison: Comparison) -> None:
    ids = [d.id for d in comparison.documents]
    assert ids == ["dna-agentur", "kuestenbote-scrape", "rheinblatt"]
    assert comparison.language == "de"
    assert any(len(f.docs) == 3 for f in comparison.facts)
    assert any(f.exclusive for f in comparison.facts)
    assert set(comparison.omissions) == set(ids)
    assert set(comparison.framing) == set(ids)
    assert comparison.conflicts
    assert 5 <= len(comparison.summary) <= 8
    assert comparison.analysis("rheinblatt").document.id == "rheinblatt"
    with pytest.raises(KeyError):
        comparison.analysis("missing")


def test_timeline_keeps_the_planted_vote_dates_apart(comparison: Comparison) -> None:
    votes = {e.date: {m.doc for m in e.mentions} for e in comparison.timeline}
    assert votes["2026-03-24"] == {"dna-agentur", "kuestenbote-scrape"}
    assert votes["2026-03-26"] == {"rheinblatt"}
    assert [e.date for e in comparison.timeline] == sorted(e.date for e in comparison.timeline)


def test_planted_disagreements_reach_the_summary(comparison: Comparison) -> None:
    disputes = [s for s in comparison.summary if len(s.text.split("laut ")) > 2]
    assert any("5,5 Prozent" in s.text and "5,2 Prozent" in s.text for s in disputes)
    assert any("24. März" in s.text and "26. März" in s.text for s in disputes)
    fact_ids = {f.id for f in comparison.facts}
    for sentence in comparison.summary:
        assert sentence.sources and set(sentence.facts) <= fact_ids and sentence.facts


def test_analyses_are_accepted_and_give_the_same_result(
    documents: tuple[Document, ...], comparison: Comparison
) -> None:
    again = compare([analyze(d) for d in documents], options=FAST)
    assert comparison_report(again) == comparison_report(comparison)


def test_output_is_deterministic_and_order_follows_the_input(
    documents: tuple[Document, ...], comparison: Comparison
) -> None:
    reversed_docs = compare(list(reversed(documents)), options=FAST)
    assert [d.id for d in reversed_docs.documents] == [d.id for d in reversed(documents)]
    assert {f.label for f in reversed_docs.facts if len(f.docs) == 3} == {
        f.label for f in comparison.facts if len(f.docs) == 3
    }


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"omission_threshold": 0.0}, "omission_threshold must be in (0, 1]"),
        ({"summary_sentences": 0}, "summary_sentences must be at least 1"),
    ],
)
def test_invalid_options_are_config_errors(options: dict[str, float], message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace("]", r"\]")):
        CompareOptions(**options)  # type: ignore[arg-type]


def test_unknown_option_and_embedder_are_refused() -> None:
    with pytest.raises(ConfigError, match="unknown compare option"):
        CompareOptions.from_defaults(colour="blue")
    doc = Document(id="a", text="Ein Satz.", source="a")
    with pytest.raises(ConfigError, match="unknown embedder"):
        compare([doc, dataclasses.replace(doc, id="b")], options=CompareOptions(embedder="nope"))


def test_duplicate_ids_and_wrong_types_are_refused(documents: tuple[Document, ...]) -> None:
    with pytest.raises(ConfigError, match="document ids must be unique"):
        compare([documents[0], documents[0]], options=FAST)
    with pytest.raises(TypeError, match="Documents or Analyses, not str"):
        compare(["a.txt"], options=FAST)  # type: ignore[list-item]


@pytest.mark.parametrize(
    "texts",
    [
        ("", ""),
        ("Nur ein Wort", "„unbalanciert " * 200),
        ("1. 2. 3. 4. 5." * 50, "Am Montag. Am Montag. Am Montag."),
    ],
)
def test_odd_documents_do_not_crash(texts: tuple[str, str]) -> None:
    docs = [Document(id=f"d{n}", text=t, source=f"d{n}") for n, t in enumerate(texts)]
    result = compare(docs, options=FAST)
    report = comparison_report(result)
    assert [d["id"] for d in report["documents"]] == ["d0", "d1"]
    buffer = io.StringIO()
    render_comparison(result, make_console(buffer, width=80))
    assert "Summary" in buffer.getvalue()
