"""Fact groups and omissions against the shared gold annotation (read at run time)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from synopse.analysis.pipeline import analyze
from synopse.compare.entities import resolve_entities
from synopse.compare.facts import find_facts
from synopse.compare.omissions import find_omissions
from synopse.evaluation.common import gold_key_for
from synopse.evaluation.facts import score_facts, score_omissions
from synopse.ingest import ingest
from synopse.model import Analysis
from synopse.model.comparison import Fact

Story = tuple[list[Analysis], list[Fact], dict[str, str]]

#: The issue's target for pairwise document-link F1 (0.717 when measured).
TARGET_F1 = 0.70
#: F1 with one gold fact per predicted fact (0.56 when measured, 0.48 before the
#: mutual-best linking and the split pass): the target must not come from lumping.
ONE_FACT_FLOOR_F1 = 0.52


@pytest.fixture(scope="module")
def story(corpus_dir: Path, gold: dict[str, Any]) -> Story:
    documents = ingest([corpus_dir]).documents
    analyses = [analyze(d) for d in documents]
    facts = find_facts(analyses, resolve_entities(analyses))
    keys = {a.document.id: gold_key_for(a.document, gold) or a.document.id for a in analyses}
    return analyses, facts, keys


def _texts(analyses: list[Analysis], keys: dict[str, str]) -> dict[str, str]:
    return {keys[a.document.id]: a.document.text for a in analyses}


def _score(story: Story, gold: dict[str, Any]) -> dict[str, Any]:
    analyses, facts, keys = story
    return score_facts(gold, facts, _texts(analyses, keys), doc_keys=keys)


def test_fact_links_reach_target(story: Story, gold: dict[str, Any]) -> None:
    scores = _score(story, gold)
    print({k: v for k, v in scores.items() if k != "per_fact"})
    assert scores["f1"] >= TARGET_F1
    assert scores["precision"] >= 0.70


def test_fact_links_do_not_come_from_lumping(story: Story, gold: dict[str, Any]) -> None:
    assert _score(story, gold)["one_fact_f1"] >= ONE_FACT_FLOOR_F1


def test_gold_quotes_are_located(story: Story, gold: dict[str, Any]) -> None:
    from synopse.evaluation.facts import gold_fact_spans

    analyses, _, keys = story
    spans = gold_fact_spans(gold, _texts(analyses, keys))
    located = sum(len(v) for per_doc in spans.values() for v in per_doc.values())
    total = sum(len(s["quotes"]) for f in gold["facts"] for s in f["support"])
    assert located >= 0.95 * total


def test_call_date_and_meetings_are_shared_facts(story: Story, gold: dict[str, Any]) -> None:
    """The scheduled January meetings are reported by all five: one fact must link them."""
    scores = _score(story, gold)
    assert scores["per_fact"]["F19"][0] >= 6  # of 10 document pairs


def test_omissions_follow_the_rule(story: Story, gold: dict[str, Any]) -> None:
    analyses, facts, keys = story
    doc_ids = [a.document.id for a in analyses]
    omissions = find_omissions(facts, doc_ids)
    by_id = {f.id: f for f in facts}
    for doc, omitted in omissions.items():
        for fact_id in omitted:
            reporting = set(by_id[fact_id].docs)
            assert doc not in reporting and len(reporting) >= 3
            assert doc not in {s.doc for s in by_id[fact_id].related}
    agreement = score_omissions(gold, facts, omissions, _texts(analyses, keys), doc_keys=keys)
    print({k: agreement[k] for k in ("precision", "recall", "f1")})
    assert set(omissions) == set(doc_ids)
    # Most claimed omissions are real ones (0.8 when measured; 0.33 before related
    # sentences were checked).
    assert agreement["precision"] >= 0.6


def test_related_sentences_come_from_documents_without_the_fact(story: Story) -> None:
    analyses, facts, _ = story
    texts = {a.document.id: a.document.text for a in analyses}
    assert any(f.related for f in facts)
    for fact in facts:
        related_docs = [s.doc for s in fact.related]
        assert len(related_docs) == len(set(related_docs))
        assert not set(related_docs) & set(fact.docs)
        assert len(fact.docs) > 1 or not fact.related
        for s in fact.related:
            assert texts[s.doc][s.start : s.end].strip()
