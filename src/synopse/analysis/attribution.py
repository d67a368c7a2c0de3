"""Who a reported statement belongs to when its own sentence names nobody.

German news keeps a report going without a new cue: Konjunktiv sentences continue the
speaker of the sentence before, a main clause names who holds the view of its dass-clause
("X hat den Eindruck, dass … sei"), a lead-in with a colon names who speaks next
("Doch X hat eine gute Nachricht: „…“"), and a plural verb makes "sie" a group. These
rules sit on top of the speaker phrases of :mod:`synopse.analysis.speakers`; quote
detection (:mod:`synopse.analysis.quotes`) applies them while it walks the text once.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from synopse.analysis.speakers import (
    SentenceTokens,
    SpeakerRef,
    Tok,
    parse_np,
    plausible_speaker,
    postposed_speaker,
    preposed_speaker,
    role_noun,
    speaker_name,
    word_classes,
)
from synopse.model import EntityMention

#: How far back (characters) a pronoun or description looks for its entity, and how many
#: earlier speakers it considers: resolution stays local, and linear in text length.
RESOLUTION_WINDOW = 3000
RESOLUTION_SPEAKERS = 20
#: Personal pronouns that can name the speaker of reported speech.
SUBJECT_PRONOUNS = frozenset(["er", "sie"])
# Finite verb endings of the third person plural ("sagten", "erklären", "erinnern").
_PLURAL_ENDINGS = ("en", "ern", "eln")
# Conjunctions of a content clause whose holder is the subject of the main clause.
_CONTENT_CLAUSE = frozenset(["dass", "ob"])


def _phrase(text: str, toks: Sequence[Tok], start: int, end: int) -> SpeakerRef:
    first, last = toks[start].start, toks[end - 1].end
    return SpeakerRef(first, last, text[first:last])


def plural_verb(word: str) -> bool:
    """Tell whether a lower-case finite verb form agrees with a plural subject.

    Example:
        >>> plural_verb("sagten"), plural_verb("sagte")
        (True, False)
    """
    return word.endswith(_PLURAL_ENDINGS)


def named_or_role(words: Sequence[Tok], names: Sequence[int], lang: str) -> bool:
    """Tell whether a phrase holds a recognised name or a role, body or document noun.

    Args:
        words: The tokens of the phrase.
        names: Sorted start offsets of person and organisation mentions.
        lang: Language of the word lists.

    Returns:
        True for "die Ministerin", "das Ministerium" or a phrase with a recognised name.
    """
    if any(w.is_cap and role_noun(w.text, lang) is not None for w in words):
        return True
    position = bisect.bisect_left(names, words[0].start) if words else 0
    return bool(words) and position < len(names) and names[position] < words[-1].end


class SpeakerResolver:
    """Resolves speaker phrases of one document to entity names.

    It looks at entity mentions near the phrase and at the speakers resolved before it,
    within a fixed window, so resolution stays linear in text length.

    Args:
        ordered: The document's entity mentions, sorted by offset.
        lang: Language of the word lists.
    """

    def __init__(self, ordered: Sequence[EntityMention], lang: str) -> None:
        self.ordered = ordered
        self.starts = [m.start for m in ordered]
        self.lang = lang
        self.previous: list[tuple[SpeakerRef, str | None]] = []

    def name(self, ref: SpeakerRef, *, remember: bool) -> str | None:
        """Return the name a phrase refers to, or None.

        Args:
            ref: The speaker phrase.
            remember: Keep the phrase as an earlier speaker for later pronouns.

        Returns:
            The resolved name, as :func:`speaker_name` gives it.
        """
        low = bisect.bisect_left(self.starts, ref.start - RESOLUTION_WINDOW)
        nearby = self.ordered[low : bisect.bisect_right(self.starts, ref.end)]
        name = speaker_name(ref, nearby, self.previous[-RESOLUTION_SPEAKERS:], self.lang)
        if remember:
            self.previous.append((ref, name))
        return name

    def persons(self, ref: SpeakerRef) -> list[str]:
        """Return the names of the person mentions inside a phrase, in text order.

        Args:
            ref: The phrase.

        Returns:
            Entity names; empty when no person is recognised there.
        """
        low = bisect.bisect_left(self.starts, ref.start)
        inside = self.ordered[low : bisect.bisect_left(self.starts, ref.end)]
        return [m.name for m in inside if m.type == "PER" and m.end <= ref.end]


def lead_in_person(
    text: str, start: int, quotation: int, resolver: SpeakerResolver
) -> SpeakerRef | None:
    """Return the first person named in a lead-in ending in a colon before a quotation.

    Args:
        text: The document text.
        start: Start of the sentence.
        quotation: Start of the quotation ("Doch X hat eine gute Nachricht: „…“").
        resolver: The document's resolver (its entity mentions).

    Returns:
        The person mention as a speaker phrase, or None.
    """
    if not text[start:quotation].rstrip().endswith(":"):
        return None
    low = bisect.bisect_left(resolver.starts, start)
    for mention in resolver.ordered[low : bisect.bisect_left(resolver.starts, quotation)]:
        if mention.type == "PER" and mention.end <= quotation:
            return SpeakerRef(mention.start, mention.end, text[mention.start : mention.end])
    return None


def new_named_subject(
    subject: SpeakerRef | None, resolver: SpeakerResolver, current: str | None
) -> bool:
    """Tell whether a Konjunktiv sentence has a named subject other than the running speaker.

    "Merkel sagte, … Scholz halte das für falsch.": Scholz's view, not Merkel's words.
    Pronouns and common nouns never break a report ("Sie werde …", "Die Regeln würden …").

    Args:
        subject: Subject phrase of the verb that carries the mood, or None.
        resolver: The document's resolver.
        current: Name of the speaker whose report is running, or None.

    Returns:
        True when the subject names another person.
    """
    if subject is None:
        return False
    if resolver.ordered:
        persons = resolver.persons(subject)
        return bool(persons) and persons[-1] != current
    if subject.text.islower():
        return False
    name = speaker_name(subject, [], [], resolver.lang)
    return name is not None and name != current


def content_clause_holder(
    text: str, context: SentenceTokens, verb: int, names: Sequence[int]
) -> SpeakerRef | None:
    """Return the main-clause subject when a Konjunktiv verb sits in its content clause.

    "Otto Muster hat den Eindruck, dass niemand zuhöre": Otto Muster holds the view. The
    content clause may also be a verb-second clause after the comma ("Otto Muster zeigte
    sich zuversichtlich, die Brücke sei bald fertig"), and the subject may follow the
    finite verb of the main clause ("Gleichzeitig wandte sich Otto Muster gegen …").
    Only a name, a role, body or document noun, or "er"/"sie" counts as holder.

    Args:
        text: The document text.
        context: The sentence's tokens and clause index.
        verb: Index of the Konjunktiv verb.
        names: Sorted start offsets of person and organisation mentions.

    Returns:
        The holder phrase, or None.
    """
    toks, lang = context.toks, context.lang
    main_end = _content_clause_start(context, verb)
    if main_end < 2 or context.clause[main_end - 1] != 0:
        return None
    begin = context.skip_adverbs(0)
    if begin >= main_end:
        return None
    end = parse_np(toks, begin, lang, preposed=True)
    if end == begin:
        found = inverted_subject(context, begin, main_end)
        if found is None:
            return None
        begin, end = found
    elif end >= main_end or not toks[end].text.islower():
        return None
    elif toks[main_end].text == "," and word_classes(lang).get(toks[end].lower):
        # Before a bare comma clause the main clause needs its own finite verb right
        # after the subject; "Lärm in der Stadt, Abfall … könnten" is one list.
        return None
    words = toks[begin:end]
    single = end == begin + 1
    following = toks[end] if end < len(toks) else None
    if not (
        named_or_role(words, names, lang)
        or (single and words[0].lower in SUBJECT_PRONOUNS)
        or (
            single
            and words[0].is_cap
            and plausible_speaker(words, names, lang, following=following)
        )
    ):
        return None
    return _phrase(text, toks, begin, end)


def _content_clause_start(context: SentenceTokens, verb: int) -> int:
    """Return where the content clause of a Konjunktiv verb starts ("dass" or the comma).

    Returns -1 unless the verb opens a dass- or ob-clause or a verb-second clause right
    after a comma ("…, die Brücke sei fertig", "…, es gebe Gründe").
    """
    toks = context.toks
    opening = context.clause[verb]
    if toks[opening].lower in _CONTENT_CLAUSE:
        return opening
    if opening >= 1 and toks[opening - 1].lower in _CONTENT_CLAUSE:
        return opening - 1
    if opening < 2 or toks[opening - 1].text != ",":
        return -1
    first = context.skip_adverbs(opening)
    if first == verb or (
        first < verb and parse_np(toks, first, context.lang, preposed=True) == verb
    ):
        return opening - 1
    return -1


def inverted_subject(context: SentenceTokens, begin: int, limit: int) -> tuple[int, int] | None:
    """Return the subject after the finite verb of a main clause, or None.

    "Gleichzeitig wandte sich Otto Muster …" (adverbs skipped before ``begin``) and "Am
    Montag zeigte sich Otto Muster …": an optional fronted prepositional phrase, the
    finite verb, object pronouns, adverbs, then the subject.
    """
    toks, lang = context.toks, context.lang
    position = begin
    if _is_preposition(toks[position], lang):
        position = parse_np(toks, position + 1, lang)
        if position == begin + 1:
            return None
    if position >= limit or not (toks[position].is_word and toks[position].text.islower()):
        return None
    if word_classes(lang).get(toks[position].lower):
        return None
    position += 1
    while position < limit and "object" in word_classes(lang).get(toks[position].lower, ()):
        position += 1
    position = context.skip_adverbs(position)
    if position >= limit:
        return None
    end = parse_np(toks, position, lang)
    if end == position or end > limit or toks[position].lower in ("es", "man"):
        return None
    return position, end


def _is_preposition(tok: Tok, lang: str) -> bool:
    classes = word_classes(lang).get(tok.lower, frozenset())
    return "attribute" in classes or ("stop" in classes and "adverb" not in classes)


def verb_subject(text: str, context: SentenceTokens, verb: int) -> SpeakerRef | None:
    """Return the subject phrase of a finite verb ("Scholz halte", "halte Scholz").

    Args:
        text: The document text.
        context: The sentence's tokens and clause index.
        verb: Index of the finite verb.

    Returns:
        The phrase, marked plural when the verb is, or None.
    """
    toks, lang = context.toks, context.lang
    phrase = preposed_speaker(toks, verb, context.clause, context.skip_adverbs, lang)
    if phrase is None and context.clause[verb] < verb:
        phrase = postposed_speaker(toks, verb, context.skip_adverbs, lang)
    if phrase is None:
        return None
    return _phrase(text, toks, *phrase)._replace(plural=plural_verb(toks[verb].lower))
