"""``synopse compare`` end to end: the whole JSON contract, the terminal report, failures."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from synopse.cli import app

runner = CliRunner()
DEMO = Path(__file__).resolve().parent.parent / "demo" / "corpus"
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SECTIONS = (
    "sources compared",
    "Consensus:",
    "Exclusive:",
    "Conflicts:",
    "Omissions",
    "Speakers",
    "Timeline:",
    "Summary",
)


def _keys(item: dict[str, Any], *names: str) -> None:
    missing = set(names) - set(item)
    assert not missing, f"missing {sorted(missing)} in {sorted(item)}"


def _span(texts: dict[str, str], item: dict[str, Any]) -> None:
    text = texts[item["doc"]]
    assert 0 <= item["start"] <= item["end"] <= len(text)
    assert text[item["start"] : item["end"]] == item["text"]


def check_contract(report: dict[str, Any]) -> None:
    """Validate a compare report against SPEC.md's contract, field by field."""
    assert report["schema"] == "synopse.report/1"
    for doc in report["documents"]:
        _keys(doc, "id", "source", "outlet", "title", "author", "published", "language")
        _keys(doc, "text", "removed")
        assert isinstance(doc["removed"], list)
    texts = {d["id"]: d["text"] for d in report["documents"]}
    sentence_ids = set()
    for sentence in report["sentences"]:
        _keys(sentence, "id", "doc", "start", "end", "text")
        assert sentence["id"].startswith(sentence["doc"] + ":")
        _span(texts, sentence)
        sentence_ids.add(sentence["id"])
    entity_ids = set()
    for entity in report["entities"]:
        _keys(entity, "id", "name", "type", "aliases", "mentions")
        assert entity["type"] in {"PER", "ORG", "LOC", "MISC"}
        assert entity["mentions"]
        for mention in entity["mentions"]:
            _keys(mention, "doc", "start", "end", "text")
            _span(texts, mention)
        entity_ids.add(entity["id"])
    for quote in report["quotes"]:
        _keys(quote, "id", "doc", "sentence", "mode", "text", "start", "end")
        _keys(quote, "speaker", "speaker_entity", "cue")
        assert quote["mode"] in {"direct", "mixed", "indirect"}
        assert quote["sentence"] in sentence_ids
        assert quote["speaker_entity"] is None or quote["speaker_entity"] in entity_ids
        _span(texts, quote)
    for event in report["timeline"]:
        _keys(event, "date", "label", "mentions")
        assert ISO_DATE.match(event["date"]), event["date"]
        for mention in event["mentions"]:
            _keys(mention, "doc", "sentence", "start", "end", "text")
            assert mention["sentence"] in sentence_ids
            _span(texts, mention)
    fact_ids = set()
    for fact in report["facts"]:
        _keys(fact, "id", "label", "docs", "support")
        assert fact["docs"] == list(dict.fromkeys(s["doc"] for s in fact["support"]))
        for support in fact["support"]:
            _keys(support, "doc", "sentence", "attributed_to", "start", "end", "text", "reused")
            assert support["sentence"] in sentence_ids
            _span(texts, support)
        for related in fact["related"]:
            _keys(related, "doc", "sentence", "start", "end", "text")
            assert related["doc"] not in fact["docs"]
            assert related["sentence"] in sentence_ids
            _span(texts, related)
        fact_ids.add(fact["id"])
    for conflict in report["conflicts"]:
        _keys(conflict, "id", "kind", "topic", "severity", "values")
        assert conflict["kind"] in {
            "numeric",
            "temporal",
            "attribution",
            "spelling",
            "characterization",
        }
        for value in conflict["values"]:
            _keys(value, "doc", "value", "start", "end", "text")
            _span(texts, value)
        assert set(conflict["facts"]) <= fact_ids
    assert set(report["omissions"]) == set(texts)
    for omitted in report["omissions"].values():
        assert set(omitted) <= fact_ids
    assert set(report["framing"]) == set(texts)
    for doc, framing in report["framing"].items():
        _keys(framing, "terms", "hedges", "quoted")
        for term in framing["terms"]:
            _keys(term, "term", "score")
        for hedge in framing["hedges"]:
            _keys(hedge, "text", "start", "end")
            _span(texts, {**hedge, "doc": doc})
        assert all(isinstance(n, int) and n > 0 for n in framing["quoted"].values())
    for reuse in report["reuse"]:
        _keys(reuse, "docs", "score", "passages")
        a, b = reuse["docs"]
        for passage in reuse["passages"]:
            assert 0 <= passage["a_start"] < passage["a_end"] <= len(texts[a])
            assert 0 <= passage["b_start"] < passage["b_end"] <= len(texts[b])
    assert report["summary"]
    for sentence in report["summary"]:
        _keys(sentence, "text", "sources", "facts")
        assert sentence["text"] and sentence["sources"] and sentence["facts"]
        assert set(sentence["sources"]) <= set(texts)
        assert set(sentence["facts"]) <= fact_ids


def _compare(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["compare", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def demo_report() -> dict[str, Any]:
    code, out, err = _compare(str(DEMO), "--format", "json", "--embedder", "hashing")
    assert code == 0, err
    report: dict[str, Any] = json.loads(out)
    return report


def test_demo_json_follows_the_contract(demo_report: dict[str, Any]) -> None:
    check_contract(demo_report)


def test_demo_json_keys_speakers_and_framing_by_cluster(demo_report: dict[str, Any]) -> None:
    names = {e["id"]: e["name"] for e in demo_report["entities"]}
    kessler = [q for q in demo_report["quotes"] if q["speaker_entity"] is not None]
    assert any("Kessler" in names[q["speaker_entity"]] for q in kessler)
    # The two spellings of the union chief are one entity, so one framing key.
    cluster = next(e for e in demo_report["entities"] if e["name"].startswith("Marta Ke"))
    assert {"Marta Kessler", "Marta Keßler"} <= {cluster["name"], *cluster["aliases"]}
    quoted = [f["quoted"] for f in demo_report["framing"].values()]
    assert sum(q.get(cluster["id"], 0) for q in quoted) >= 2
    kinds = {c["kind"] for c in demo_report["conflicts"]}
    assert {"numeric", "temporal"} <= kinds


def test_demo_terminal_report_has_every_section(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    code, out, err = _compare(str(DEMO), "--embedder", "hashing", "-o", str(target))
    assert code == 0, err
    assert out == ""
    text = target.read_text(encoding="utf-8")
    for section in SECTIONS:
        assert section in text, section
    assert max(len(line) for line in text.splitlines()) <= 100
    assert "\x1b[" not in text
    # Each planted vote date appears with its own wording.
    assert "2026-03-24" in text and "2026-03-26" in text


def test_failed_source_is_reported_and_exits_1(tmp_path: Path) -> None:
    missing = tmp_path / "missing.html"
    code, out, err = _compare(str(DEMO), str(missing), "--format", "json", "--embedder", "hashing")
    assert code == 1
    assert len(json.loads(out)["documents"]) == 3
    lines = [line for line in err.splitlines() if line]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "missing.html" in lines[0]


def test_fewer_than_two_documents_is_an_error(tmp_path: Path) -> None:
    code, out, err = _compare(str(DEMO / "rheinblatt.html"), "--embedder", "hashing")
    assert code == 1
    assert out == ""
    assert "need at least 2 documents to compare, but only 1 could be read" in err


def test_unknown_embedder_is_a_usage_error() -> None:
    code, _, err = _compare(str(DEMO), "--embedder", "nope")
    assert code == 2
    assert "unknown embedder 'nope'" in err


def test_shared_corpus_json_follows_the_contract(corpus_dir: Path) -> None:
    code, out, err = _compare(str(corpus_dir), "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    check_contract(report)
    assert len(report["documents"]) == 5
    assert 5 <= len(report["summary"]) <= 8
    # The call itself is one dated event that every outlet mentions.
    assert any(len({m["doc"] for m in e["mentions"]}) == 5 for e in report["timeline"])
    assert any(len(f["docs"]) == 5 for f in report["facts"])
