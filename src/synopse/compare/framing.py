"""Framing per document: what words set it apart, how it hedges, what it judges, whom it quotes.

Outlets covering one event differ less in facts than in wording. This module gives each
document, measured against the other documents of the same story:

* ``terms``: distinctive lemmas by the log-odds ratio with an informative Dirichlet prior
  (Monroe, Colaresi & Quinn 2008, "Fightin' Words"). The prior is a background
  frequency list (wordfreq's German frequencies) scaled to ``alpha0`` pseudo-counts, so a
  word that is common everywhere needs much more evidence than a rare one, and the
  z-score accounts for how many times a word occurs at all.
* ``hedges``: distancing and hedging words (a data file), hearsay "soll … haben", and
  scare quotes (one or two quoted words with no speech cue in the sentence).
* ``evaluative``: words from an evaluative lexicon (a data file) with their polarity.
* ``quoted``: how many quotes each speaker gets, when quotes are supplied.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import wordfreq

from synopse.analysis.sentences import split_sentences
from synopse.compare.lemmas import lemmatize
from synopse.compare.reuse import quotation_spans
from synopse.errors import ConfigError, LanguageDataError
from synopse.lang import load_list, load_table
from synopse.model import Document, Quote

# Letters only (numbers carry no framing), hyphenated compounds kept whole.
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_ADJECTIVE_ENDING = "(?:e|er|es|en|em)?"
_HEARSAY = re.compile(
    r"\b(?:soll|sollen)\b[^.!?;:\n]{1,160}?\b(?:haben|gewesen\s+sein|worden\s+sein|ge\w+\s+sein)\b"
    r"|\b\w+\s+(?:haben|gewesen\s+sein|worden\s+sein)\s+(?:soll|sollen)\b",
    re.IGNORECASE,
)
_SCARE_MAX_WORDS = 2
_SCARE_MAX_CHARS = 40
_BACKGROUND_FLOOR = 1e-8
_ALPHA0_SHARE = 0.1
_MIN_ALPHA0 = 10.0
# Least prior pseudo-count of one lemma (add-half smoothing): words missing from the
# background list (new compounds, names) would otherwise get a vanishing prior, and with
# it a variance so large that no count could make them distinctive.
_MIN_ALPHA = 0.5
# Shortest prefix a compound needs before an evaluative noun it ends with ("Finanz|krise").
_COMPOUND_MIN_PREFIX = 3
_COMPOUND_MIN_HEAD = 5


@dataclass(frozen=True)
class Term:
    """A distinctive lemma of one document.

    Attributes:
        term: The lemma as most often written.
        score: z-score of the log-odds ratio against the other documents.
        count: Occurrences in the document.
    """

    term: str
    score: float
    count: int


@dataclass(frozen=True)
class Hedge:
    """A hedging or distancing expression.

    Attributes:
        start: Offset of the expression.
        end: End of the expression.
        kind: distancing, hedge, unverified, hearsay or scare_quote.
    """

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Evaluative:
    """A word from the evaluative lexicon.

    Attributes:
        start: Offset of the word.
        end: End of the word.
        polarity: positive or negative.
        lemma: The lexicon entry it matched.
    """

    start: int
    end: int
    polarity: str
    lemma: str


@dataclass(frozen=True)
class Framing:
    """How one document frames the story.

    Attributes:
        document: The document (held by reference for the texts of its spans).
        terms: Distinctive terms, highest z-score first.
        hedges: Hedges and distancing, in text order.
        evaluative: Evaluative words, in text order.
        quoted: ``(speaker, number of quotes)``, most quoted first.
    """

    document: Document
    terms: tuple[Term, ...]
    hedges: tuple[Hedge, ...]
    evaluative: tuple[Evaluative, ...]
    quoted: tuple[tuple[str, int], ...]

    def to_dict(self) -> dict[str, Any]:
        """Serialise as a ``framing`` entry of the JSON report contract."""
        text = self.document.text
        return {
            "terms": [{"term": t.term, "score": t.score, "count": t.count} for t in self.terms],
            "hedges": [
                {"text": text[h.start : h.end], "start": h.start, "end": h.end, "kind": h.kind}
                for h in self.hedges
            ],
            "evaluative": [
                {
                    "text": text[e.start : e.end],
                    "start": e.start,
                    "end": e.end,
                    "polarity": e.polarity,
                }
                for e in self.evaluative
            ],
            "quoted": dict(self.quoted),
        }


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    form: str
    lemma: str


def frame_documents(
    documents: Sequence[Document],
    *,
    quotes: Mapping[str, Sequence[Quote]] | None = None,
    names: Mapping[str, Sequence[tuple[int, int]]] | None = None,
    lang: str = "de",
    top_k: int = 10,
    alpha0: float | None = None,
) -> dict[str, Framing]:
    """Describe how each document frames the story, measured against the others.

    Args:
        documents: The documents of one story; ids must be unique.
        quotes: Quotes found per document id, for the ``quoted`` counts and to tell
            quotations from scare quotes; None when not available.
        names: Spans of named entities per document id; their words are counted as
            written, not lemmatized (a lemmatizer reads the surname "Laschet" as a
            form of the verb "laschen"). None lemmatizes every word.
        lang: Language of the data files and of the background frequencies.
        top_k: Number of distinctive terms per document.
        alpha0: Total pseudo-count of the background prior. Each lemma gets
            ``alpha0 * f / F``, where ``f`` is its wordfreq frequency (the larger of the
            lemma's and its written forms', at least 1e-8) and ``F`` the sum over all
            lemmas of the documents. None (the default) uses a tenth of the mean number
            of content words per document, at least 10: a prior much larger than one
            document would pull a short document towards the background rates and make
            common words look distinctive merely because they are absent elsewhere.
            Each lemma gets at least 0.5 pseudo-counts.

    Returns:
        Document id → :class:`Framing`, in input order.

    Raises:
        ConfigError: If ``top_k`` is negative, ``alpha0`` is not positive, or ids repeat.

    Example:
        >>> doc = Document(id="a", text="Der angebliche Plan ist ein Desaster.", source="a")
        >>> framing = frame_documents([doc])["a"].to_dict()
        >>> [h["text"] for h in framing["hedges"]], [e["text"] for e in framing["evaluative"]]
        (['angebliche'], ['Desaster'])
    """
    if top_k < 0:
        raise ConfigError(f"framing top_k must not be negative, got {top_k}")
    if alpha0 is not None and not alpha0 > 0:
        raise ConfigError(f"framing alpha0 must be positive, got {alpha0}")
    ids = [d.id for d in documents]
    if len(set(ids)) != len(ids):
        raise ConfigError(f"document ids must be unique for framing: {sorted(set(ids))}")
    quotes = quotes or {}

    names = names or {}
    words = {d.id: _words(d.text, lang, names.get(d.id, ())) for d in documents}
    terms = _distinctive_terms(documents, words, lang=lang, top_k=top_k, alpha0=alpha0)
    result = {}
    for doc in documents:
        doc_quotes = tuple(quotes.get(doc.id, ()))
        result[doc.id] = Framing(
            document=doc,
            terms=terms[doc.id],
            hedges=find_hedges(doc.text, lang=lang, quotes=doc_quotes, words=words[doc.id]),
            evaluative=find_evaluative(words[doc.id], lang=lang),
            quoted=_quoted(doc_quotes),
        )
    return result


def _words(text: str, lang: str, names: Sequence[tuple[int, int]] = ()) -> list[_Word]:
    spans = sorted(names)
    starts = [start for start, _ in spans]
    out = []
    for m in _WORD.finditer(text):
        at = bisect.bisect_right(starts, m.start()) - 1
        in_name = at >= 0 and m.end() <= spans[at][1]
        out.append(
            _Word(
                m.start(), m.end(), m.group(), m.group() if in_name else lemmatize(m.group(), lang)
            )
        )
    return out


@functools.cache
def _stopwords(lang: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in load_list(lang, "framing_stopwords.txt"))


def _distinctive_terms(
    documents: Sequence[Document],
    words: Mapping[str, Sequence[_Word]],
    *,
    lang: str,
    top_k: int,
    alpha0: float | None,
) -> dict[str, tuple[Term, ...]]:
    stop = _stopwords(lang)
    counts: dict[str, Counter[str]] = {}
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    forms: dict[str, set[str]] = defaultdict(set)
    for doc in documents:
        counter: Counter[str] = Counter()
        for word in words[doc.id]:
            key = word.lemma.casefold()
            if len(key) < 2 or key in stop or word.form.casefold() in stop:
                continue
            counter[key] += 1
            spellings[key][word.lemma] += 1
            forms[key].add(word.form.casefold())
        counts[doc.id] = counter
    total: Counter[str] = Counter()
    for counter in counts.values():
        total.update(counter)
    if not total:
        return {doc.id: () for doc in documents}

    background = {
        key: max(
            _BACKGROUND_FLOOR,
            wordfreq.word_frequency(key, lang),
            *(wordfreq.word_frequency(f, lang) for f in forms[key]),
        )
        for key in sorted(total)
    }
    n_all = sum(total.values())
    if alpha0 is None:
        alpha0 = max(_MIN_ALPHA0, _ALPHA0_SHARE * n_all / len(documents))
    scale = alpha0 / math.fsum(background.values())
    display = {
        key: min(spelled.items(), key=lambda item: (-item[1], item[0]))[0]
        for key, spelled in spellings.items()
    }
    result = {}
    for doc in documents:
        counter = counts[doc.id]
        n_doc = sum(counter.values())
        n_rest = n_all - n_doc
        scored = []
        for key, y_doc in counter.items():
            alpha = max(_MIN_ALPHA, background[key] * scale)
            y_rest = total[key] - y_doc
            delta = math.log((y_doc + alpha) / (n_doc + alpha0 - y_doc - alpha)) - math.log(
                (y_rest + alpha) / (n_rest + alpha0 - y_rest - alpha)
            )
            variance = 1.0 / (y_doc + alpha) + 1.0 / (y_rest + alpha)
            z = delta / math.sqrt(variance)
            if z > 0:
                scored.append((round(z, 3), display[key], y_doc))
        scored.sort(key=lambda s: (-s[0], s[1]))
        result[doc.id] = tuple(Term(term, score, count) for score, term, count in scored[:top_k])
    return result


@functools.cache
def _hedge_pattern(lang: str) -> tuple[re.Pattern[str], tuple[str, ...]]:
    rows = sorted(load_table(lang, "framing_hedges.tsv"), key=lambda r: -len(r["term"]))
    parts = []
    kinds = []
    for number, row in enumerate(rows):
        term = row["term"].strip()
        body = r"\s+".join(re.escape(w) for w in term.split())
        if not term.endswith("."):
            body += _ADJECTIVE_ENDING
        parts.append(f"(?P<h{number}>{body})")
        kinds.append(row["kind"].strip())
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)
    return pattern, tuple(kinds)


@functools.cache
def _speech_cues(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    entries = [e.casefold() for e in load_list(lang, "framing_speech_cues.txt")]
    plain = frozenset(e for e in entries if not e.startswith(","))
    after_comma = frozenset(e[1:].strip() for e in entries if e.startswith(","))
    return plain, after_comma


def find_hedges(
    text: str,
    *,
    lang: str = "de",
    quotes: Sequence[Quote] = (),
    words: Sequence[_Word] | None = None,
) -> tuple[Hedge, ...]:
    """Find hedging and distancing in one text.

    Finds the expressions of the language's ``framing_hedges.tsv`` (inflected adjective
    forms included), hearsay "soll/sollen … haben" in either word order, and scare
    quotes: one or two words in quotation marks in a sentence with no speech cue and not
    inside one of ``quotes``.

    Args:
        text: The document text.
        lang: Language of the data files.
        quotes: Quotes found in the text; quotation marks inside them are quotations.
        words: The text's words with lemmas, when already computed.

    Returns:
        The hedges in text order (overlapping finds merged to the earliest).

    Example:
        >>> [h.kind for h in find_hedges("Er soll das Geld genommen haben.")]
        ['hearsay']
    """
    pattern, kinds = _hedge_pattern(lang)
    found: list[Hedge] = []
    for match in pattern.finditer(text):
        group = match.lastgroup or "h0"
        found.append(Hedge(match.start(), match.end(), kinds[int(group[1:])]))
    found.extend(Hedge(m.start(), m.end(), "hearsay") for m in _HEARSAY.finditer(text))
    found.extend(_scare_quotes(text, lang, quotes, words))
    found.sort(key=lambda h: (h.start, -h.end, h.kind))
    kept: list[Hedge] = []
    for hedge in found:
        if kept and hedge.start < kept[-1].end:
            continue
        kept.append(hedge)
    return tuple(kept)


def _scare_quotes(
    text: str, lang: str, quotes: Sequence[Quote], words: Sequence[_Word] | None
) -> list[Hedge]:
    candidates = []
    for open_at, close_at in quotation_spans(text):
        body = text[open_at + 1 : close_at].strip()
        if (
            not body
            or len(body) > _SCARE_MAX_CHARS
            or len(body.split()) > _SCARE_MAX_WORDS
            or not body[0].isalpha()
            or body[-1] in ".,;:!?"
        ):
            continue
        candidates.append((open_at, close_at + 1))
    if not candidates:
        return []
    if words is None:
        words = _words(text, lang)
    plain, after_comma = _speech_cues(lang)
    sentences = split_sentences(text)
    sentence_starts = [s.start for s in sentences]
    starts = [w.start for w in words]
    hedges = []
    for start, end in candidates:
        if any(q.start <= start and end <= q.end for q in quotes):
            continue
        at = bisect.bisect_right(sentence_starts, start) - 1
        if at >= 0 and sentences[at].start <= start < sentences[at].end:
            s_start, s_end = sentences[at].start, sentences[at].end
        else:
            s_start, s_end = start, end
        if not _has_speech_cue(text, words, starts, s_start, s_end, plain, after_comma):
            hedges.append(Hedge(start, end, "scare_quote"))
    return hedges


def _has_speech_cue(
    text: str,
    words: Sequence[_Word],
    starts: Sequence[int],
    start: int,
    end: int,
    plain: frozenset[str],
    after_comma: frozenset[str],
) -> bool:
    for index in range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)):
        word = words[index]
        lemma = word.lemma.casefold()
        if lemma in plain or word.form.casefold() in plain:
            return True
        if word.form.casefold() in after_comma and text[
            max(0, word.start - 4) : word.start
        ].rstrip().endswith(","):
            return True
    return False


@functools.cache
def _evaluative_lexicon(lang: str) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    stop = _stopwords(lang)
    exact: dict[str, tuple[str, str]] = {}
    nouns: dict[str, tuple[str, str]] = {}
    for row in load_table(lang, "framing_evaluative.tsv"):
        term, polarity = row["term"].strip(), row["polarity"].strip()
        if polarity not in {"positive", "negative"}:
            raise ConfigError(
                f"framing_evaluative.tsv for {lang!r}: polarity of {term!r} must be "
                f"positive or negative, not {polarity!r}"
            )
        for key in (term.casefold(), lemmatize(term, lang).casefold()):
            if key not in stop:
                exact.setdefault(key, (term, polarity))
        if term[:1].isupper() and len(term) >= _COMPOUND_MIN_HEAD:
            nouns[term.casefold()] = (term, polarity)
    return exact, nouns


def find_evaluative(words: Sequence[_Word], *, lang: str = "de") -> tuple[Evaluative, ...]:
    """Find the words of the evaluative lexicon among a text's words.

    A word matches by its form or its lemma; a capitalised compound also matches by its
    last part ("Regierungskrise", "Corona-Krise" → "Krise").

    Args:
        words: The text's words with lemmas (from the module's tokenizer).
        lang: Language of the lexicon.

    Returns:
        The evaluative words in text order.
    """
    exact, nouns = _evaluative_lexicon(lang)
    found = []
    for word in words:
        lemma = word.lemma.casefold()
        entry = exact.get(lemma) or exact.get(word.form.casefold())
        if entry is not None and entry[0][:1].isupper() and word.form[:1].islower():
            # The lexicon writes nouns capitalised; a lowercase word is another word
            # class ("betrug", past of "betragen", is not "Betrug").
            entry = None
        if entry is None and word.form[:1].isupper():
            head = lemma.rsplit("-", 1)[-1]
            entry = nouns.get(head)
            if entry is None:
                entry = _compound_head(head, nouns, lang)
        if entry is not None:
            found.append(Evaluative(word.start, word.end, entry[1], entry[0]))
    return tuple(found)


@functools.cache
def _derivational_prefixes(lang: str) -> frozenset[str]:
    try:
        return frozenset(w.casefold() for w in load_list(lang, "framing_derivational_prefixes.txt"))
    except LanguageDataError:  # a language without the list splits compounds anywhere
        return frozenset()


def _compound_head(
    word: str, nouns: Mapping[str, tuple[str, str]], lang: str = "de"
) -> tuple[str, str] | None:
    # A derivational prefix makes a new word, not a compound: "Ent-spannung" is no
    # kind of "Spannung", "Ver-einigung" no kind of "Einigung".
    prefixes = _derivational_prefixes(lang)
    for cut in range(_COMPOUND_MIN_PREFIX, len(word) - _COMPOUND_MIN_HEAD + 1):
        entry = nouns.get(word[cut:])
        if entry is not None and word[:cut] not in prefixes:
            return entry
    return None


def _quoted(quotes: Sequence[Quote]) -> tuple[tuple[str, int], ...]:
    counts: Counter[str] = Counter()
    for quote in quotes:
        speaker = quote.speaker_name or quote.speaker
        if speaker:
            counts[speaker] += 1
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def hedge_kinds(lang: str = "de") -> frozenset[str]:
    """Return the hedge kinds the language data and the code can produce."""
    _, kinds = _hedge_pattern(lang)
    return frozenset(kinds) | {"hearsay", "scare_quote"}
