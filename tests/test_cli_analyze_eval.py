"""The analyze and eval commands end to end: the JSON contract, --raw offsets, targets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from synopse.cli import app

runner = CliRunner()
DEMO = Path(__file__).resolve().parent.parent / "demo" / "corpus"


def _analyze_json(*args: str) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, ["analyze", *args, "--format", "json"])
    return result.exit_code, json.loads(result.stdout)


def test_analyze_demo_writes_contract_with_offsets_into_text() -> None:
    code, report = _analyze_json(str(DEMO))
    assert code == 0
    assert report["schema"] == "synopse.report/1"
    texts = {d["id"]: d["text"] for d in report["documents"]}
    assert set(texts) == {"dna-agentur", "kuestenbote-scrape", "rheinblatt"}
    for group in ("sentences", "quotes"):
        assert report[group], group
        for item in report[group]:
            assert texts[item["doc"]][item["start"] : item["end"]] == item["text"]
    for entity in report["entities"]:
        for mention in entity["mentions"]:
            assert texts[mention["doc"]][mention["start"] : mention["end"]] == mention["text"]
    for event in report["timeline"]:
        for mention in event["mentions"]:
            assert texts[mention["doc"]][mention["start"] : mention["end"]] == mention["text"]
    # The planted attribution difference: the same quote, two different speakers.
    speakers = {
        q["doc"]: q["speaker"]
        for q in report["quotes"]
        if "fairer Kompromiss, mit dem" in q["text"]
    }
    assert "Kessler" in speakers["dna-agentur"]
    assert "Albers" in speakers["kuestenbote-scrape"]
    dates = {e["date"] for e in report["timeline"]}
    assert {"2026-03-24", "2026-03-26"} <= dates


def test_analyze_raw_keeps_input_text_and_offsets(tmp_path: Path) -> None:
    text = (
        "Anzeige\nDie Polizei sprach von 300 Teilnehmern. „Es war friedlich“, sagte ein Sprecher.\n"
    )
    source = tmp_path / "clean.txt"
    source.write_text(text, encoding="utf-8")
    code, report = _analyze_json(str(source), "--raw")
    assert code == 0
    assert report["documents"][0]["text"] == text
    for quote in report["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
    direct = [q for q in report["quotes"] if q["mode"] == "direct"]
    assert [q["speaker"] for q in direct] == ["ein Sprecher"]


def test_analyze_missing_source_is_one_line_error_and_exit_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(tmp_path / "nope.txt"), "--format", "json"])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1
    assert lines[0].startswith("error: ") and "nope.txt" in lines[0]
    assert "Traceback" not in result.output


def test_eval_meets_every_target_on_shared_gold(corpus_dir: Path, shared_dir: Path) -> None:
    gold = shared_dir / "gold" / "biden-putin-2021-12-30.json"
    result = runner.invoke(app, ["eval", str(gold), str(corpus_dir), "--format", "json", "--check"])
    report = json.loads(result.stdout)
    missed = {(m["area"], m["name"]) for m in report["metrics"] if m["passed"] is False}
    # Known gap, tracked in tests/test_facts_gold.py (xfail): fact grouping is below 0.70.
    assert missed <= {("facts", "document-link F1")}
    assert result.exit_code == (1 if missed else 0)
    areas = {m["area"] for m in report["metrics"]}
    assert {
        "clean body",
        "metadata",
        "quotes",
        "timeline",
        "entities",
        "facts",
        "omissions",
        "conflicts",
    } <= areas


def test_eval_bad_gold_file_is_one_line_error(tmp_path: Path, corpus_dir: Path) -> None:
    bad = tmp_path / "gold.json"
    bad.write_text("{not json", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(bad), str(corpus_dir)])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and "gold.json" in result.stderr


def test_eval_scores_dev_sets_when_given(corpus_dir: Path, shared_dir: Path) -> None:
    gold = shared_dir / "gold" / "biden-putin-2021-12-30.json"
    eval_dir = shared_dir / "eval"
    result = runner.invoke(
        app,
        [
            "eval",
            str(gold),
            str(corpus_dir),
            "--ud",
            str(eval_dir / "ud-german-gsd-dev.conllu"),
            "--germeval",
            str(eval_dir / "germeval2014-ner-dev.tsv"),
            "--html-eval",
            str(eval_dir / "trafilatura-de-dev"),
            "--format",
            "json",
        ],
    )
    report = json.loads(result.stdout)
    dev = {m["area"]: m for m in report["metrics"] if "dev" in m["area"]}
    assert set(dev) == {
        "sentences (UD GSD dev)",
        "entities (GermEval dev)",
        "HTML (trafilatura dev)",
    }
    assert all(m["passed"] for m in dev.values())
    assert result.exit_code == 0


def test_timeline_dates_follow_the_contract_format(corpus_dir: Path) -> None:
    """Ranges and seasons keep their full value; ``date`` is always YYYY[-MM[-DD]]."""
    import re

    code, report = _analyze_json(str(corpus_dir))
    assert code == 0
    shape = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
    assert report["timeline"]
    for event in report["timeline"]:
        assert shape.match(event["date"]), event
        assert event["value"].startswith(event["date"]) or event["value"].startswith("..")
