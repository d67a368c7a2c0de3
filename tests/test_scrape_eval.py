"""The scrape cleaner on text scrapes of real pages: it must beat keeping everything."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import require_shared
from synopse.evaluation.scrapes import html_to_scrape, score_text_scrapes

# Measured on the 97 trafilatura German dev pages (snippet F1): keep-everything baseline
# 0.692; clean_scrape before the whole-page rules 0.792, after them 0.890 (first half, the
# tuning half, 0.905 vs baseline 0.684; second half 0.875 vs 0.701). The margins leave a
# little room below the measured +0.198 overall and +0.174 on the held-out half.
MIN_MARGIN = 0.17
MIN_HALF_MARGIN = 0.15


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>Der Rat <b>tagt</b> heute.</p>", "Der Rat tagt heute."),
        ("<ul><li>Start</li><li>Politik</li></ul><p>Text.</p>", "Start\nPolitik\nText."),
        ("<div>Oben<p>Mitte</p>Unten</div>", "Oben\nMitte\nUnten"),
        ("<p>Eins<br>Zwei</p>", "Eins\nZwei"),
        ("<p>Sichtbar</p><script>var x = 1;</script><style>p {}</style>", "Sichtbar"),
        ("<p>Sichtbar</p><div hidden>Versteckt</div>", "Sichtbar"),
        ("<p>Sichtbar</p><div style='display: none'>Versteckt</div>", "Sichtbar"),
        (
            "<nav><a href='/'>Startseite</a></nav><footer>Impressum</footer>",
            "Startseite\nImpressum",
        ),
        ("<table><tr><td>A</td><td>B</td></tr></table>", "A\nB"),
        ("<p>  viel \n\t Leerraum  </p>", "viel Leerraum"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_html_to_scrape_emits_one_line_per_visible_block(html: str, expected: str) -> None:
    assert html_to_scrape(html) == expected


def test_html_to_scrape_survives_deep_nesting() -> None:
    html = "<div>" * 200 + "Tief" + "</div>" * 200
    assert html_to_scrape(html) == "Tief"


@pytest.fixture(scope="module")
def scores(shared_dir: Path) -> dict[str, Any]:
    return score_text_scrapes(require_shared(shared_dir / "eval" / "trafilatura-de-dev"))


def test_cleaner_beats_keep_everything_baseline(scores: dict[str, Any]) -> None:
    assert scores["pages"] == 97
    baseline, ours = scores["baseline"], scores["synopse"]
    assert baseline["recall"] == 1.0  # the scrapes hold every wanted snippet
    assert ours["f1"] >= baseline["f1"] + MIN_MARGIN
    assert ours["recall"] >= 0.9


def test_both_halves_beat_the_baseline_by_a_margin(scores: dict[str, Any]) -> None:
    for half in ("first", "second"):
        part = scores["halves"][half]
        assert part["synopse"]["f1"] >= part["baseline"]["f1"] + MIN_HALF_MARGIN, half
