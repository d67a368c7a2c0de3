"""Quotations and reported speech: who said what, how it is marked, and in which mode.

Comparing outlets needs to know which claims a text makes in its own voice and which it
attributes, and to whom. German news marks attribution in a handful of ways: quotation
marks with a reporting verb („…“, sagte X), reporting verbs with a dass- or Konjunktiv
clause, source phrases ("laut X", "X zufolge", "nach Angaben des X", "hieß es aus X",
", so X"), the hearsay modal ("soll … gesagt haben") and Konjunktiv I alone, which keeps
a report going over several sentences. This module finds those statements sentence by
sentence (sentences that one quotation spans are handled as one unit) in linear time; the
speaker noun phrases and their resolution live in :mod:`synopse.analysis.speakers`.

Modes: ``direct`` when the statement is (almost) entirely inside quotation marks, ``mixed``
when reported speech holds quoted fragments, ``indirect`` otherwise. Quotation marks around
a name or a one-word scare quote in a sentence without any cue make no quote.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import simplemma

from synopse.analysis.attribution import (
    SUBJECT_PRONOUNS,
    SpeakerResolver,
    content_clause_holder,
    inverted_subject,
    lead_in_person,
    named_or_role,
    new_named_subject,
    plural_verb,
    verb_subject,
)
from synopse.analysis.quotemarks import QuoteMarks, pair_quote_marks
from synopse.analysis.speakers import (
    BOUNDARY_TEXT,
    SentenceTokens,
    SpeakerRef,
    Tok,
    is_speaker_phrase,
    parse_np,
    passive_participle,
    plausible_speaker,
    postposed_speaker,
    preposed_speaker,
    tokenize,
    word_classes,
)
from synopse.errors import LanguageDataError
from synopse.lang import load_set, load_table
from synopse.model import EntityMention, Quote, Sentence
from synopse.model.analysis import QuoteMode

# "die geforderte Garantie": a participle used as an adjective is no reporting verb.
_ADJECTIVAL_PARTICIPLE = re.compile(r"\w*ge\w+(?:te|ten|ter|tes|tem|ene|enen|ener|enes|enem)$")
_HEARSAY = frozenset(["soll", "sollen"])
# Words that may open a source or frame cue; every other word skips those checks.
_TRIGGERS = _HEARSAY | {"laut", "zufolge", "nach", "aus", "so", "wörtlich"}
# "drohen einander", "warnen sich gegenseitig": mutual threats are narrated, not quoted.
_RECIPROCAL = frozenset(["einander", "gegenseitig"])
_FIRST_PERSON = frozenset(["ich", "wir"])
_INFINITIVE_ENDINGS = ("en", "ern", "eln")
# What an inserted "so X" frame follows: a comma, or a dash or bracket of a parenthesis
# ("… unterstreiche dieser – so die Forscher – die Notwendigkeit …").
_FRAME_OPENERS = frozenset([",", "–", "—", "-", "("])
# Pronouns that are singular or plural as their verb is ("sie sagte", "diese sagten").
_NUMBER_AMBIGUOUS = frozenset(["sie", "diese"])
# Articles that may open a subject: a clause opening with one has its subject before the verb.
_NOMINATIVE_ARTICLES = frozenset(["der", "die", "das", "ein", "eine", "kein", "keine"])
# Finite verb endings of the third person plural ("sagten", "erklären", "erinnern").
_SENTENCE_END = frozenset(".!?…")
_NON_SPACE = re.compile(r"\S+")
_COMMA = re.compile(",")
# Exactly the characters str.isalnum accepts: \w without the underscore.
_ALNUM = re.compile(r"[^\W_]")
# Conjunctions that open a subordinate clause ahead of the main statement.
_SUBORDINATORS = frozenset(["während", "als", "nachdem", "obwohl", "weil"])
_QUOTE_CHARS = frozenset("„“”‚‘’»«\"'`")
# Particles that are prepositions ("sprach von"): they follow the verb, not end the clause.
_PREPOSITION_PARTICLES = frozenset(["von"])
_NAME_LINKS = frozenset(["für", "und", "der", "des", "die", "das", "von", "in", "im", "zur", "zum"])
#: How far (in tokens) a separable particle or a hearsay "haben" is looked for.
_CLAUSE_WINDOW = 40
#: Share of a unit's letters inside quotation marks above which it is a direct quote.
_DIRECT_SHARE = 0.75
#: A quotation with at least this many words reads as a statement, not a scare quote.
_STATEMENT_WORDS = 4


@functools.cache
def _verbs(lang: str) -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    plain: set[str] = set()
    separable: dict[str, set[str]] = {}
    for row in load_table(lang, "quote_verbs.tsv"):
        lemma, particle = row["lemma"], row["particle"]
        if particle == "-":
            plain.add(lemma)
        else:
            separable.setdefault(lemma, set()).add(particle)
            plain.add(particle + lemma)
    return frozenset(plain), {k: frozenset(v) for k, v in separable.items()}


@functools.cache
def reporting_verbs(lang: str) -> frozenset[str]:
    """Lemmas of the verbs that report speech ("sagen"; "teilen" and "mitteilen").

    Example:
        >>> "sagen" in reporting_verbs("de")
        True
    """
    try:
        plain, separable = _verbs(lang)
    except LanguageDataError:
        return frozenset()
    return plain | frozenset(separable)


@functools.cache
def _frame_verbs(lang: str) -> frozenset[str]:
    return load_set(lang, "quote_frame_verbs.txt")


@functools.cache
def _judging_verbs(lang: str) -> frozenset[str]:
    return load_set(lang, "quote_judging_verbs.txt")


@functools.cache
def _konjunktiv(lang: str) -> dict[str, str]:
    return {row["form"]: row["mood"] for row in load_table(lang, "quote_konjunktiv.tsv")}


@functools.cache
def _may_be_cue(word: str, lang: str) -> bool:
    """False for a word none of whose lemmas is a reporting verb or "heißen"."""
    plain, separable = _verbs(lang)
    frames = _frame_verbs(lang)
    return any(
        lemma == "heißen" or lemma in plain or lemma in separable or lemma in frames
        for lemma in _lemmas(word, lang)
    )


@functools.cache
def _lemmas(word: str, lang: str) -> tuple[str, ...]:
    lemma = simplemma.lemmatize(word, lang=lang)
    found = [lemma]
    if lemma == word and word.endswith("t"):
        # Unknown participles and present forms: "erwidert" → "erwidern" / "erwideren".
        found += [word[:-1] + "n", word[:-1] + "en"]
    elif lemma == word and word.endswith("te"):
        found += [word[:-2] + "en", word[:-2] + "n"]
    return tuple(found)


@dataclass
class _Cue:
    kind: str  # frame, source, verb, colon, hearsay, konjunktiv, quotation
    label: str
    start: int
    end: int
    speaker: SpeakerRef | None
    token: int
    clause_start: int = 0
    anchor: int = -1


@dataclass
class _Unit:
    start: int
    end: int
    first: int  # first sentence index
    last: int
    fragments: list[QuoteMarks] = field(default_factory=list)
    nested: list[QuoteMarks] = field(default_factory=list)
    subject: SpeakerRef | None = None  # subject of the verb that carries the mood
    holder: SpeakerRef | None = None  # "X glaubt, dass … sei": X, main-clause subject


def find_quotes(
    text: str,
    sentences: Sequence[Sentence],
    entities: Sequence[EntityMention],
    *,
    lang: str = "de",
) -> list[Quote]:
    """Find quotations and reported speech with their speakers.

    Args:
        text: The document text.
        sentences: Its sentences (from :func:`synopse.analysis.sentences.split_sentences`).
        entities: Its entity mentions, used to resolve speakers; may be empty.
        lang: Language of the cue lexicons.

    Returns:
        The quotes, sorted by offset. A statement that continues an earlier speaker's
        report without naming anyone (a Konjunktiv sentence, a quotation after a quote)
        has ``speaker`` None, the earlier speaker's ``speaker_name``, and
        ``speaker_start``/``speaker_end`` on the earlier phrase that named the speaker.

    Example:
        >>> from synopse.analysis.sentences import split_sentences
        >>> text = "„Wir bleiben hart“, sagte die Ministerin."
        >>> [(q.mode, q.speaker, q.cue) for q in find_quotes(text, split_sentences(text), [])]
        [('direct', 'die Ministerin', 'sagte')]
    """
    marks = pair_quote_marks(text)
    units = _units(text, sentences, marks)
    names = sorted(m.start for m in entities if m.type in ("PER", "ORG"))
    ordered = sorted(entities, key=lambda m: (m.start, m.end))
    found: list[tuple[_Unit, list[_Cue], str]] = []
    for unit in units:
        cues, mood = _cues(text, unit, lang, names)
        found.append((unit, cues, mood))
    quotes: list[Quote] = []
    resolver = SpeakerResolver(ordered, lang)
    last_quote_unit = -2
    last_name: str | None = None
    # The written phrase of the speaker whose report is running (also when inherited).
    last_ref: SpeakerRef | None = None
    index = 0
    while index < len(found):
        unit, cues, mood = found[index]
        continues = index - 1 == last_quote_unit and _same_paragraph(text, found, index)
        made = _quotes_for_unit(text, unit, cues, mood, continues, sentences)
        consumed = index
        colon = _colon_cue(text, unit, cues)
        if colon is not None and index + 1 < len(found):
            following = found[index + 1]
            if _is_whole_quote(text, following[0]):
                fragment = following[0].fragments[0]
                made = [_make_quote(fragment.start, fragment.end, "direct", unit.first, colon)]
                consumed = index + 1
            else:
                reported = _reported_paragraph(text, following, sentences, colon)
                if reported is not None:
                    made = [reported]
                    consumed = index + 1
        for quote, ref in made:
            if ref is None and quote.cue == "Konjunktiv" and unit.holder is not None:
                # "X hat den Eindruck, dass … sei": the main clause names the speaker.
                ref = unit.holder
                quote = _with_speaker(quote, ref, written=True)
            elif ref is None and quote.cue == "quotation":
                # "Doch X hat eine gute Nachricht: „…“": the lead-in names the speaker.
                ref = lead_in_person(text, unit.start, quote.start, resolver)
                if ref is not None:
                    quote = _with_speaker(quote, ref, written=True)
            name: str | None
            if ref is None:
                inherits = continues or (quote.cue == "quotation" and index - 1 == last_quote_unit)
                if inherits and quote.cue == "Konjunktiv":
                    inherits = not new_named_subject(unit.subject, resolver, last_name)
                if inherits and last_ref is not None:
                    quote = _with_speaker(quote, last_ref)
                name = last_name if inherits else None
                if not inherits:
                    last_ref = None
                subject = unit.subject
                if (
                    name is None
                    and quote.cue == "Konjunktiv"
                    and subject is not None
                    and subject.text.lower() in SUBJECT_PRONOUNS
                ):
                    # "Schließlich sehe er …": the speaker reports on himself.
                    name = resolver.name(subject, remember=False)
            else:
                name = resolver.name(ref, remember=True)
                last_ref = ref
            quotes.append(_with_name(quote, name))
            last_name = name
        if made:
            last_quote_unit = consumed
        index = consumed + 1
    quotes.sort(key=lambda q: (q.start, q.end, q.cue_start))
    return quotes


def _with_name(quote: Quote, name: str | None) -> Quote:
    return dataclasses.replace(quote, speaker_name=name)


def _with_speaker(quote: Quote, ref: SpeakerRef, *, written: bool = False) -> Quote:
    """Give a quote the phrase of its speaker.

    For a continuation (``written`` False) ``speaker`` stays None, since nothing is
    written in the statement itself; the offsets lead to the phrase that named the
    speaker earlier in the same text.
    """
    return dataclasses.replace(
        quote,
        speaker=ref.text if written else None,
        speaker_start=ref.start,
        speaker_end=ref.end,
    )


def _reported_paragraph(
    text: str,
    following: tuple[_Unit, list[_Cue], str],
    sentences: Sequence[Sentence],
    colon: _Cue,
) -> tuple[Quote, SpeakerRef | None] | None:
    """Attribute a Konjunktiv sentence after a lead-in ("Der Minister sagte:") to it."""
    unit, cues, mood = following
    if mood != "I" or _choose(cues) is not None:
        return None
    made = _quotes_for_unit(text, unit, cues, mood, True, sentences)
    if len(made) != 1 or made[0][0].cue != "Konjunktiv":
        return None
    quote = made[0][0]
    return _make_quote(quote.start, quote.end, quote.mode, quote.sentence, colon)


def _make_quote(
    start: int, end: int, mode: QuoteMode, sentence: int, cue: _Cue
) -> tuple[Quote, SpeakerRef | None]:
    ref = cue.speaker
    quote = Quote(
        start=start,
        end=end,
        mode=mode,
        sentence=sentence,
        speaker=ref.text if ref else None,
        speaker_start=ref.start if ref else -1,
        speaker_end=ref.end if ref else -1,
        speaker_name=None,
        cue=cue.label,
        cue_start=cue.start,
        cue_end=cue.end,
    )
    return quote, ref


# ---------------------------------------------------------------------------------------
# Units: sentences, merged where one quotation runs over a sentence boundary.


def _units(text: str, sentences: Sequence[Sentence], marks: Sequence[QuoteMarks]) -> list[_Unit]:
    top = [m for m in marks if m.depth == 0]
    nested = [m for m in marks if m.depth > 0]
    units: list[_Unit] = []
    pointer = 0
    for number, sentence in enumerate(sentences):
        start, end = sentence.start, sentence.end
        if units and pointer > 0 and top[pointer - 1].end > start and units[-1].end > 0:
            # The previous sentence's last quotation runs into this sentence.
            previous = units[-1]
            if top[pointer - 1].start < previous.end:
                previous.end = max(previous.end, end)
                previous.last = number
                while pointer < len(top) and top[pointer].start < previous.end:
                    _extend_to(previous, top[pointer], sentences, number)
                    previous.fragments.append(top[pointer])
                    pointer += 1
                continue
        unit = _Unit(start, end, number, number)
        while pointer < len(top) and top[pointer].start < unit.end:
            if top[pointer].start >= unit.start:
                _extend_to(unit, top[pointer], sentences, number)
                unit.fragments.append(top[pointer])
            pointer += 1
        units.append(unit)
    # Attach nested quotations to their units.
    index = 0
    for mark in nested:
        while index < len(units) and units[index].end <= mark.start:
            index += 1
        if index < len(units) and units[index].start <= mark.start:
            units[index].nested.append(mark)
    return units


def _extend_to(unit: _Unit, mark: QuoteMarks, sentences: Sequence[Sentence], number: int) -> None:
    if mark.end > unit.end:
        unit.end = mark.end
        # Include the rest of the sentence that holds the closing mark ("…“, sagte er.").
        last = max(number, unit.last)
        while last + 1 < len(sentences) and sentences[last + 1].start < mark.end:
            last += 1
        unit.end = max(unit.end, sentences[last].end)
        unit.last = last


# ---------------------------------------------------------------------------------------
# Cues within one unit.


def _cues(text: str, unit: _Unit, lang: str, names: Sequence[int]) -> tuple[list[_Cue], str]:
    """Return the cues of a unit (outside quotation marks) and its mood ("I", "II", "")."""
    toks = tokenize(text, unit.start, unit.end)
    inside = _inside_mask(toks, unit.fragments)
    context = SentenceTokens(toks, inside, lang)
    clause = context.clause
    plain, separable = _verbs(lang)
    konjunktiv = _konjunktiv(lang)
    classes = word_classes(lang)
    cues: list[_Cue] = []
    mood = ""
    mood_at = -1
    size = len(toks)
    for i, tok in enumerate(toks):
        if inside[i] or not tok.text[0].isalnum():
            continue
        lower = tok.lower
        if lower not in _TRIGGERS:
            pass
        elif lower == "laut" and i + 1 < size:
            _add_source(text, cues, toks, i, i + 1, "laut", clause[i], lang)
        elif lower == "zufolge":
            _add_zufolge(text, cues, toks, i, clause[i], lang)
        elif lower == "nach" and i + 2 < size and toks[i + 1].lower == "angaben":
            after = i + 3 if toks[i + 2].lower == "von" else i + 2
            _add_source(
                text, cues, toks, i, after, "nach Angaben", clause[i], lang, label_end=i + 1
            )
        elif lower == "aus" and i + 2 < size and toks[i + 1].lower == "sicht":
            _add_source(text, cues, toks, i, i + 2, "aus Sicht", clause[i], lang, label_end=i + 1)
        elif lower == "so" and i > 0 and toks[i - 1].text in _FRAME_OPENERS:
            end = parse_np(toks, i + 1, lang)
            # After a dash "so" may also open a clause ("– so er denn kommt –", "– so
            # malte X …"); there the speaker must start with an article or a capital.
            opens_phrase = toks[i - 1].text == "," or (
                i + 1 < size
                and (toks[i + 1].is_cap or "determiner" in classes.get(toks[i + 1].lower, ()))
            )
            if (
                opens_phrase
                and end > i + 1
                and (end >= size or not toks[end].is_word or toks[end].text.islower())
                and is_speaker_phrase(toks[i + 1 : end], names, lang)
            ):
                ref = _ref(text, toks, i + 1, end)
                cues.append(_Cue("frame", "so", tok.start, tok.end, ref, i, clause[i]))
        elif lower == "wörtlich" and i + 1 < size and toks[i + 1].text == ":":
            start = clause[i]
            if parse_np(toks, start, lang, preposed=True) == i:
                cues.append(
                    _Cue("colon", "wörtlich", tok.start, tok.end, _ref(text, toks, start, i), i)
                )
        elif lower in _HEARSAY and _hearsay(toks, i, inside):
            cues.append(_Cue("hearsay", "soll", tok.start, tok.end, None, i, clause[i]))
        if not tok.text.islower():
            continue
        if lower in konjunktiv or lower.endswith("e"):
            form_mood = _mood(toks, i, konjunktiv, classes, lang)
            # "wenn ich nach der Schicht heimkomme": with "ich" as subject the form is the
            # indicative; only "sei" differs from "bin".
            if (
                form_mood
                and not lower.startswith("sei")
                and any(t.lower == "ich" for t in toks[clause[i] : i])
            ):
                form_mood = ""
            if (form_mood == "I" and mood != "I") or (form_mood == "II" and not mood):
                mood = form_mood
                mood_at = i
        if not _may_be_cue(lower, lang):
            continue
        lemmas = _lemmas(lower, lang)
        if "heißen" in lemmas and _next_is(toks, i, "es"):
            _add_hiess_es(cues, text, toks, i, clause[i], lang)
            continue
        if i > 0 and (
            toks[i - 1].lower == "zu" or "determiner" in classes.get(toks[i - 1].lower, frozenset())
        ):
            continue
        if _ADJECTIVAL_PARTICIPLE.match(lower):
            continue
        label = ""
        frame_only = False
        for lemma in lemmas:
            if lemma in plain or lemma in _frame_verbs(lang):
                label = tok.text
                frame_only = lemma not in plain
                break
            particles = separable.get(lemma)
            if particles:
                particle = _particle(toks, i, particles, inside)
                if particle is not None:
                    label = f"{tok.text} … {particle}"
                    break
        if label:
            cue = _verb_cue(text, context, i, label, names)
            if cue is not None and frame_only and _after_subordinate(context, cue.clause_start):
                # "Obwohl …, glauben die Anleger an …": the main verb after a fronted
                # subordinate clause narrates; it frames no statement.
                cue = None
            if cue is not None and (cue.kind == "frame" or not frame_only):
                cues.append(cue)
    _headline_colon(text, toks, unit, cues, lang)
    if mood_at >= 0:
        unit.subject = verb_subject(text, context, mood_at)
        unit.holder = content_clause_holder(text, context, mood_at, names)
    return cues, mood


def _after_subordinate(context: SentenceTokens, start: int) -> bool:
    """True when the clause before ``start`` opens with a subordinating conjunction."""
    if start < 2:
        return False
    opening = context.clause[start - 2]
    conjunctions = word_classes(context.lang)
    return any(
        "conjunction" in conjunctions.get(context.toks[k].lower, frozenset())
        for k in (opening - 1, opening)
        if k >= 0 and not context.inside[k]
    )


def _inside_mask(toks: Sequence[Tok], fragments: Sequence[QuoteMarks]) -> list[bool]:
    mask = [False] * len(toks)
    if not fragments:
        return mask
    pointer = 0
    for i, tok in enumerate(toks):
        while pointer < len(fragments) and fragments[pointer].end <= tok.start:
            pointer += 1
        if pointer < len(fragments):
            mark = fragments[pointer]
            mask[i] = mark.start <= tok.start and tok.end <= mark.end
    return mask


def _next_is(toks: Sequence[Tok], i: int, word: str) -> bool:
    return (i + 1 < len(toks) and toks[i + 1].lower == word) or (
        i > 0 and toks[i - 1].lower == word
    )


def _ref(text: str, toks: Sequence[Tok], start: int, end: int) -> SpeakerRef:
    return SpeakerRef(
        toks[start].start, toks[end - 1].end, text[toks[start].start : toks[end - 1].end]
    )


def _add_source(
    text: str,
    cues: list[_Cue],
    toks: Sequence[Tok],
    i: int,
    np_start: int,
    label: str,
    clause_start: int,
    lang: str,
    *,
    label_end: int | None = None,
) -> None:
    end = parse_np(toks, np_start, lang)
    if end == np_start:
        return
    text_end = toks[label_end if label_end is not None else i].end
    ref = _ref(text, toks, np_start, end)
    cues.append(_Cue("source", label, toks[i].start, text_end, ref, i, clause_start))


def _add_zufolge(
    text: str, cues: list[_Cue], toks: Sequence[Tok], i: int, clause_start: int, lang: str
) -> None:
    best = -1
    classes = word_classes(lang)
    for start in range(i - 1, max(clause_start, i - 12) - 1, -1):
        word = toks[start]
        if word.text.islower() and word.lower not in classes and _is_verb_form(word.lower, lang):
            # The phrase cannot reach over a verb: "Neue Tests gelten Studien zufolge …"
            # is "Studien zufolge", "dürfte seinen Worten zufolge" is "seinen Worten".
            break
        if parse_np(toks, start, lang) == i:
            best = start
    if best < 0:
        return
    ref = _ref(text, toks, best, i)
    cues.append(_Cue("source", "zufolge", toks[i].start, toks[i].end, ref, best, clause_start))


def _is_verb_form(lower: str, lang: str) -> bool:
    """Tell whether a lower-case word is a verb form: its lemma is an infinitive.

    "gelten", "meldeten", "dürfte" are verbs; "offiziellen" (lemma "offiziell") is not,
    and neither is "eigenen", an adjective ending on an adjective ("eigen") that the
    lemmatizer also reads as a verb.
    """
    if not simplemma.lemmatize(lower, lang=lang).endswith(_INFINITIVE_ENDINGS):
        return False
    for ending in ("en", "em", "er", "es", "e"):
        stem = lower[: -len(ending)]
        if lower.endswith(ending) and simplemma.lemmatize(stem, lang=lang) == stem:
            return not simplemma.is_known(stem, lang=lang)
    return True


def _add_hiess_es(
    cues: list[_Cue], text: str, toks: Sequence[Tok], i: int, clause_start: int, lang: str
) -> None:
    ref = None
    for j in range(i + 1, min(len(toks), i + 4)):
        if toks[j].lower in ("aus", "von", "in", "im", "bei", "beim"):
            end = parse_np(toks, j + 1, lang)
            if end > j + 1:
                ref = _ref(text, toks, j + 1, end)
            break
    first, last = (
        (toks[i], toks[i + 1])
        if toks[i + 1 : i + 2] and toks[i + 1].lower == "es"
        else (toks[i - 1], toks[i])
    )
    label = f"{toks[i].text} es" if first is toks[i] else f"es {toks[i].text}"
    cues.append(_Cue("source", label, first.start, last.end, ref, i, clause_start))


def _particle(
    toks: Sequence[Tok], i: int, particles: frozenset[str], inside: Sequence[bool]
) -> str | None:
    stop = min(len(toks), i + _CLAUSE_WINDOW)
    j = i
    while j + 1 < stop:
        j += 1
        tok = toks[j]
        if inside[j]:
            continue
        if tok.text == "(":
            # "teilte Merkel (CDU) mit": a short parenthesis does not close the clause.
            close = next((k for k in range(j + 1, min(stop, j + 6)) if toks[k].text == ")"), -1)
            if close < 0:
                break
            j = close
            continue
        if tok.text in BOUNDARY_TEXT:
            break
        if tok.lower in particles and tok.lower in _PREPOSITION_PARTICLES and j <= i + 3:
            return tok.lower
        if tok.lower in particles:
            following = toks[j + 1] if j + 1 < len(toks) else None
            if following is None or not following.is_word or following.lower == "und":
                return tok.lower
    return None


def _hearsay(toks: Sequence[Tok], i: int, inside: Sequence[bool]) -> bool:
    for j in range(i + 1, min(len(toks), i + _CLAUSE_WINDOW)):
        tok = toks[j]
        if inside[j] or tok.text in (".", ";", "!", "?"):
            return False
        if tok.lower in ("haben", "sein") and j > i + 1:
            return toks[j - 1].text.islower() and toks[j - 1].lower.endswith(("t", "en"))
    return False


def _mood(
    toks: Sequence[Tok],
    i: int,
    konjunktiv: dict[str, str],
    classes: dict[str, frozenset[str]],
    lang: str,
) -> str:
    tok = toks[i]
    previous = toks[i - 1].lower if i > 0 else ""
    if previous in _FIRST_PERSON or "determiner" in classes.get(previous, frozenset()):
        return ""
    following = toks[i + 1].lower if i + 1 < len(toks) else ""
    if following == "ich" and not tok.lower.startswith("sei"):
        # "Nun habe ich gelesen", "Außerdem mache ich mir Gedanken": the first person
        # singular indicative has the form of Konjunktiv I; only "sei" differs from "bin".
        return ""
    if tok.lower in konjunktiv:
        if tok.lower == "sei" and i + 1 < len(toks) and toks[i + 1].lower == "denn":
            return ""
        return konjunktiv[tok.lower]
    if not tok.lower.endswith("e") or tok.lower in classes:
        return ""
    lemma = _lemmas(tok.lower, lang)[0]
    # Regular Konjunktiv I, third person singular: stem + e ("versuche", "liege").
    if lemma.endswith("en") and tok.lower == lemma[:-1] and lemma not in ("bitten", "danken"):
        return "I"
    return ""


def _verb_cue(
    text: str, context: SentenceTokens, i: int, label: str, names: Sequence[int]
) -> _Cue | None:
    toks, lang = context.toks, context.lang
    start = context.clause[i]
    anchor = i
    passive = False
    auxiliary = context.last_auxiliary(start, i)
    if auxiliary >= 0:
        anchor = auxiliary
        passive = _lemmas(toks[anchor].lower, lang)[0] == "werden"
    elif passive_participle(toks, i, lang):
        passive = True  # verb-final: "dass die Termine bekanntgegeben worden waren"
    tok = toks[i]
    if anchor != i and _lemmas(toks[anchor].lower, lang)[0] == "sein":
        return None  # "damit gemeint sein": a state, not a statement
    reciprocal = context.positions(_RECIPROCAL)
    first = bisect.bisect_left(reciprocal, start)
    if first < len(reciprocal) and reciprocal[first] < i + _CLAUSE_WINDOW:
        return None
    quoting = "zitieren" in _lemmas(tok.lower, lang)
    if passive and not quoting:
        ref = _passive_agent(text, context, start, i)
        return _Cue("verb", label, tok.start, tok.end, ref, i, start, anchor)
    if quoting and not passive:
        # "X zitierte die Ministerin mit den Worten …": the one quoted is the object.
        phrase = postposed_speaker(toks, i, context.skip_adverbs, lang)
        if phrase is not None and is_speaker_phrase(toks[phrase[0] : phrase[1]], names, lang):
            return _Cue("verb", label, tok.start, tok.end, _ref(text, toks, *phrase), i, start)
    kind = "verb"
    phrase = preposed_speaker(toks, anchor, context.clause, context.skip_adverbs, lang)
    if phrase is not None and not is_speaker_phrase(toks[phrase[0] : phrase[1]], names, lang):
        # "Als Begründung nannte das Ministerium …": the speaker may still follow the verb.
        after = postposed_speaker(toks, anchor, context.skip_adverbs, lang)
        if after is None or not named_or_role(toks[after[0] : after[1]], names, lang):
            return None
        phrase = after
    elif phrase is not None and _object_before_singular(context, phrase, anchor, names):
        phrase = postposed_speaker(toks, anchor, context.skip_adverbs, lang)
    ref = None if phrase is None else _ref(text, toks, *phrase)
    if ref is None and _judged_object_follows(context, start, anchor, label):
        return None
    if ref is None:
        phrase = postposed_speaker(toks, anchor, context.skip_adverbs, lang)
        if phrase is not None:
            words = toks[phrase[0] : phrase[1]]
            if not is_speaker_phrase(words, names, lang):
                return None
            ref = _ref(text, toks, *phrase)
            if anchor == start and start > 0:
                following = toks[phrase[1]] if phrase[1] < len(toks) else None
                if not plausible_speaker(words, names, lang, following=following):
                    return None
                kind = "frame"
    if ref is None and anchor > start and toks[anchor - 1].lower in ("und", "sowie"):
        # Coordinated verbs share the subject: "Washington nimmt … ernst und warnt …",
        # also after the first verb ("Am Montag traf der Minister … und kündigte an").
        begin = min(context.skip_adverbs(start), anchor)
        inverted = inverted_subject(context, begin, anchor)
        end = parse_np(toks, begin, lang, preposed=True)
        if inverted is not None:
            ref = _ref(text, toks, *inverted)
        elif end > begin:
            ref = _ref(text, toks, begin, end)
    if ref is None:
        return None
    # In a verb-final clause the finite verb follows: "ob sie … sagen wolle".
    finite = i + 1 if anchor == i and context.last_auxiliary(i + 1, i + 2) > i else anchor
    if ref.text.lower() in _NUMBER_AMBIGUOUS and plural_verb(toks[finite].lower):
        ref = ref._replace(plural=True)
    return _Cue(kind, label, tok.start, tok.end, ref, i, start, anchor)


def _judged_object_follows(context: SentenceTokens, start: int, anchor: int, label: str) -> bool:
    """True when the phrase after a verb of judging is its object, not its subject.

    "Der im Mai gewählte Vorstand kritisierte die Verwaltung": a main clause that opens
    with an article before its finite verb has its subject there, even where the phrase
    is too complex to parse; what follows the verb is the one criticised or praised.
    """
    toks, lang = context.toks, context.lang
    if start > 0 and "conjunction" in word_classes(lang).get(toks[start - 1].lower, ()):
        return False
    begin = context.skip_adverbs(start)
    # A lone article before the verb is a pronoun and may be the object ("Das wollen Sie …").
    if begin + 1 >= anchor or toks[begin].lower not in _NOMINATIVE_ARTICLES:
        return False
    verb, _, particle = label.lower().partition(" … ")
    judging = _judging_verbs(lang)
    return any(particle + lemma in judging for lemma in _lemmas(verb, lang))


def _object_before_singular(
    context: SentenceTokens, phrase: tuple[int, int], anchor: int, names: Sequence[int]
) -> bool:
    """True when a coordinated phrase before a singular verb is its object.

    "Die Bürgerinnen und Bürger ruft die Ministerin zum Impfen auf": "und" makes the
    fronted phrase plural, "ruft" is singular, so the subject is the phrase after the verb.
    """
    toks = context.toks
    if plural_verb(toks[anchor].lower) or not any(
        tok.lower in ("und", "sowie") for tok in toks[phrase[0] : phrase[1]]
    ):
        return False
    after = postposed_speaker(toks, anchor, context.skip_adverbs, context.lang)
    if after is None:
        return False
    words = toks[after[0] : after[1]]
    return (len(words) == 1 and words[0].lower in SUBJECT_PRONOUNS) or named_or_role(
        words, names, context.lang
    )


def _passive_agent(text: str, context: SentenceTokens, start: int, verb: int) -> SpeakerRef | None:
    toks = context.toks
    agent = context.agent(start, verb)
    if agent is not None:
        return _ref(text, toks, *agent)
    if (
        start + 1 < verb
        and toks[start].lower in ("in", "im", "bei", "beim", "aus")
        # "In privaten Räumen wird empfohlen": a bare plural names a kind of place, no body.
        and not (
            toks[start + 1].text.islower()
            and "determiner" not in word_classes(context.lang).get(toks[start + 1].lower, ())
        )
    ):
        end = parse_np(toks, start + 1, context.lang)
        if end > start + 1:
            return _ref(text, toks, start, end)
    return None


def _headline_colon(
    text: str, toks: Sequence[Tok], unit: _Unit, cues: list[_Cue], lang: str
) -> None:
    """Add a cue for "Name: … „…“" (a headline or a lead-in that names the speaker)."""
    if not unit.fragments or any(c.kind in ("frame", "verb", "source") for c in cues):
        return
    end = parse_np(toks, 0, lang)
    if (
        0 < end <= 6
        and end < len(toks)
        and toks[end].text == ":"
        and toks[end].end <= unit.fragments[0].start
    ):
        ref = _ref(text, toks, 0, end)
        cues.append(_Cue("colon", ":", toks[end].start, toks[end].end, ref, end))


def _colon_cue(text: str, unit: _Unit, cues: Sequence[_Cue]) -> _Cue | None:
    """Return the cue of a unit that ends in a colon and introduces the next paragraph."""
    if not text[unit.start : unit.end].rstrip().endswith(":"):
        return None
    if unit.fragments and unit.fragments[-1].end > unit.end - 3:
        return None
    for cue in cues:
        if cue.kind in ("frame", "verb", "colon", "source") and cue.speaker is not None:
            return cue
    return None


def _is_whole_quote(text: str, unit: _Unit) -> bool:
    if len(unit.fragments) != 1:
        return False
    mark = unit.fragments[0]
    before = text[unit.start : mark.start].strip()
    after = text[mark.end : unit.end].strip()
    return not before and after in ("", ".")


# ---------------------------------------------------------------------------------------
# From cues to quotes.


def _is_name_like(text: str, mark: QuoteMarks) -> bool:
    inner = text[mark.inner_start : mark.inner_end].strip()
    words = inner.split()
    if len(words) < 2 or inner[-1:] in _SENTENCE_END or inner[-1:] == ",":
        return False
    return words[0][:1].isupper() and all(w[:1].isupper() or w in _NAME_LINKS for w in words)


def _is_statement(text: str, mark: QuoteMarks) -> bool:
    inner = text[mark.inner_start : mark.inner_end].strip()
    return len(inner.split()) >= _STATEMENT_WORDS or inner[-1:] in _SENTENCE_END


def _letters(text: str) -> int:
    return len(_ALNUM.findall(text))


def _direct_fragment(text: str, unit: _Unit, fragments: Sequence[QuoteMarks]) -> QuoteMarks | None:
    if not fragments:
        return None
    first = fragments[0]
    before = text[unit.start : first.start].strip()
    after = text[first.end : unit.end].lstrip()
    comma_inside = text[first.inner_start : first.inner_end].rstrip().endswith(",")
    if not before and (not after or after[0] in ",.;!?–-" or comma_inside):
        return first  # „…“, sagte X.  /  „…“
    if before.endswith(":") and after in ("", "."):
        return first  # X sagte: „…“
    quoted = sum(_letters(text[m.inner_start : m.inner_end]) for m in fragments)
    total = _letters(text[unit.start : unit.end])
    if total and quoted / total >= _DIRECT_SHARE:
        return first
    return None


def _quotes_for_unit(
    text: str,
    unit: _Unit,
    cues: list[_Cue],
    mood: str,
    continues: bool,
    sentences: Sequence[Sentence],
) -> list[tuple[Quote, SpeakerRef | None]]:
    fragments = [m for m in unit.fragments if not _is_name_like(text, m)]
    direct = _direct_fragment(text, unit, fragments)
    cue = _choose(cues)
    mode: QuoteMode
    if cue is None:
        if direct is not None and _is_statement(text, direct):
            cue = _Cue("quotation", "quotation", -1, -1, None, -1)
        elif mood == "I" or (
            continues and ((mood == "II" and not any(c.kind == "verb" for c in cues)) or fragments)
        ):
            cue = _Cue("konjunktiv", "Konjunktiv", -1, -1, None, -1)
        else:
            return []
    mode = "direct" if direct is not None else ("mixed" if fragments else "indirect")
    if cue.kind == "colon" and cue.label == ":":
        mode = "direct"
    sentence = unit.first
    if cue.start >= 0:
        while sentence < unit.last and sentences[sentence].end <= cue.start:
            sentence += 1
    made: list[tuple[Quote, SpeakerRef | None]] = []
    if mode == "direct" and direct is not None:
        made.append(_make_quote(direct.start, direct.end, mode, sentence, cue))
    else:
        split = _split_source(text, unit, cues, cue)
        if split is not None:
            source, boundary = split
            own = [m for m in fragments if m.start < boundary]
            made.append(
                _make_quote(
                    unit.start,
                    boundary,
                    "mixed" if own else "indirect",
                    sentence,
                    source,
                )
            )
            rest = [m for m in fragments if m.start >= boundary]
            made.append(
                _make_quote(boundary, unit.end, "mixed" if rest else "indirect", sentence, cue)
            )
        else:
            made.append(_make_quote(unit.start, unit.end, mode, sentence, cue))
    for mark in unit.nested:
        if mode == "direct" and _is_statement(text, mark):
            nested = _Cue("quotation", "quotation", -1, -1, None, -1)
            made.append(_make_quote(mark.start, mark.end, "direct", sentence, nested))
    return made


def _same_paragraph(text: str, found: Sequence[tuple[_Unit, list[_Cue], str]], index: int) -> bool:
    if index == 0:
        return False
    return "\n" not in text[found[index - 1][0].end : found[index][0].start]


_PRIORITY = {"frame": 0, "source_first": 1, "verb": 2, "source": 3, "colon": 4, "hearsay": 5}


def _choose(cues: Sequence[_Cue]) -> _Cue | None:
    best: _Cue | None = None
    best_rank = (99, 0)
    first_verb = min((c.anchor for c in cues if c.kind == "verb"), default=10**9)
    for cue in cues:
        kind = cue.kind
        if kind == "source" and cue.token < first_verb and cue.clause_start == 0:
            kind = "source_first"
        if kind in ("frame", "verb", "colon") and cue.speaker is None:
            continue
        rank = (_PRIORITY.get(kind, 9), cue.token)
        if kind == "frame" and cue.label == "so":
            # "so X" is written only to attribute: it beats the verb of the statement
            # itself ("unterstreiche dieser – so die Forscher – …").
            rank = (-1, cue.token)
        if rank < best_rank:
            best, best_rank = cue, rank
    return best


def _split_source(
    text: str, unit: _Unit, cues: Sequence[_Cue], chosen: _Cue
) -> tuple[_Cue, int] | None:
    """Split "Während X nach Angaben Y …, sagte Z, …" into two attributed statements."""
    if chosen.kind not in ("frame", "verb"):
        return None
    commas: list[int] | None = None
    for cue in cues:
        if cue.kind != "source" or cue.token >= chosen.token or cue.clause_start == 0:
            continue
        opening = _NON_SPACE.search(text, unit.start, max(unit.start, cue.start))
        if opening and opening.group().lower() in _SUBORDINATORS:
            if commas is None:
                commas = [m.start() for m in _COMMA.finditer(text, unit.start, unit.end)]
            position = bisect.bisect_left(commas, cue.end)
            if position < len(commas) and commas[position] < chosen.start:
                return cue, commas[position] + 1
    return None
