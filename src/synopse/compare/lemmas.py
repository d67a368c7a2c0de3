"""One cached lemmatizer for the comparison stage.

Framing, embeddings and (later) fact alignment all compare words across documents by
lemma; a single cached wrapper around simplemma keeps them consistent and makes the
repeated look-ups of a many-document run cheap.
"""

from __future__ import annotations

import functools

import simplemma

_CACHE_SIZE = 200_000


@functools.lru_cache(maxsize=_CACHE_SIZE)
def lemmatize(word: str, lang: str = "de") -> str:
    """Return the lemma of ``word`` in language ``lang`` (the word itself when unknown).

    Simplemma keeps the case of German nouns ("Drohungen" → "Drohung") and lowercases
    other parts of speech; callers that group words should casefold the result.

    Args:
        word: One token, without surrounding punctuation.
        lang: ISO 639-1 code of the language.

    Returns:
        The lemma, or ``word`` unchanged when simplemma has no data for ``lang`` or
        the word is empty.

    Example:
        >>> lemmatize("Drohungen")
        'Drohung'
    """
    if not word:
        return word
    try:
        lemma: str = simplemma.lemmatize(word, lang=lang)
    except ValueError:
        return word
    return lemma or word
