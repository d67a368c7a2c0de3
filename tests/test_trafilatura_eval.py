"""HTML extraction on trafilatura's German evaluation pages: ours vs plain trafilatura."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import require_shared
from synopse.evaluation.cleaning import score_html_extraction


@pytest.fixture(scope="module")
def scores(shared_dir: Path) -> dict[str, Any]:
    return score_html_extraction(require_shared(shared_dir / "eval" / "trafilatura-de-dev"))


@pytest.mark.slow
def test_counts_cover_every_snippet(scores: dict[str, Any]) -> None:
    assert scores["pages"] >= 90
    for name in ("synopse", "trafilatura"):
        counts = scores[name]
        assert counts["tp"] + counts["fn"] > 0 and counts["fp"] + counts["tn"] > 0
        assert (counts["tp"] + counts["fn"], counts["fp"] + counts["tn"]) == (
            scores["synopse"]["tp"] + scores["synopse"]["fn"],
            scores["synopse"]["fp"] + scores["synopse"]["tn"],
        )


@pytest.mark.slow
def test_synopse_f1_at_least_plain_trafilatura(scores: dict[str, Any]) -> None:
    ours, plain = scores["synopse"], scores["trafilatura"]
    assert ours["f1"] >= plain["f1"], (ours, plain)
    assert ours["precision"] >= 0.9 and ours["recall"] >= 0.9
