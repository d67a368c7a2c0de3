"""Shared fixtures: the read-only ../shared data (skipped without it, failing under CI)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SYNOPSE_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "biden-putin-2021-12-30"
GOLD = SHARED / "gold" / "biden-putin-2021-12-30.json"


def require_shared(path: Path) -> Path:
    """Return ``path`` if it exists; skip the test without it, or fail under CI."""
    if path.exists():
        return path
    message = (
        f"{path} is missing: the shared evaluation data lives beside the checkout in ../shared "
        "(set SYNOPSE_SHARED to point elsewhere)"
    )
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder."""
    return require_shared(SHARED)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The five raw scrapes of the Biden–Putin call."""
    return require_shared(CORPUS)


@pytest.fixture(scope="session")
def gold() -> dict[str, Any]:
    """The human annotation of the shared corpus."""
    data: dict[str, Any] = json.loads(require_shared(GOLD).read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def corpus_files(corpus_dir: Path, gold: dict[str, Any]) -> dict[str, Path]:
    """Gold document key ('000'..'004') → raw scrape path."""
    return {key: corpus_dir / name for key, name in gold["meta"]["source_files"].items()}
