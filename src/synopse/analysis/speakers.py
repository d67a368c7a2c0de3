"""Speaker phrases of quotations: finding them next to a cue and resolving them.

Quote detection (:mod:`synopse.analysis.quotes`) knows where a cue is; this module knows
what a speaker noun phrase looks like in German news text ("die Regierungssprecherin
Jana Beispiel", "ein EU-Vertreter", "Merkels außenpolitischer Berater Otto Muster", "Die
Sprecherin des Amtes, Jana Beispiel,") and how a pronoun or a definite description
("er", "der Berater") points back to a named person earlier in the text. The clause
structure the speaker search needs (clause starts, auxiliaries, adverb runs) is indexed
once per sentence in :class:`SentenceTokens`, so finding speakers stays linear in text
length even when a "sentence" is a whole document without punctuation.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

import simplemma

from synopse.analysis import descriptions
from synopse.errors import LanguageDataError
from synopse.lang import load_set, load_table
from synopse.model import EntityMention

_WORD = re.compile(r"\w+(?:[-‐‑]\w+)*|[^\w\s]")
_ADJECTIVE_END = re.compile(r"(?:e|en|er|es|em)$")
# A number joined to a capitalised noun is a noun: "der 42-Jährige", "die 3-Zimmer-Wohnung".
_NUMBER_NOUN = re.compile(r"\d+[-‐‑](\w)")
_INDEFINITE = frozenset(
    ["ein", "eine", "einer", "eines", "einem", "einen", "mehrere", "mehreren", "einige"]
)
_DEFINITE = frozenset(["der", "die", "das", "dem", "den", "des"])
_PRONOUNS_MASC = frozenset(["er", "dieser", "jener"])
_PRONOUNS_FEM = frozenset(["sie", "diese"])
_PERSONAL_PRONOUNS = frozenset(["er", "sie"])
_COORDINATION = frozenset(["und", "sowie", "sowohl", "als", "wie", "auch"])
_APPOSITION_MAX = 8
_APPOSITION_END = frozenset([",", ".", "!", "?", ";"])
_QUOTE_MARKS = frozenset("„“”‚‘’»«\"'")
# Punctuation that a relative clause between a subject and its verb cannot hold.
_CLAUSE_PUNCTUATION = frozenset([".", "!", "?", ";", ":", "(", ")", "–", "—"])
_NON_SPEAKERS = frozenset(["es", "man", "das", "dies", "was"])
#: Longest run of tokens a speaker phrase may grow over before its apposition; real ones
#: are far shorter, and the cap keeps each parse constant-time in a run-on sentence.
_PHRASE_MAX = 30


class Tok(NamedTuple):
    """A token of a sentence with the features the speaker rules use."""

    start: int
    end: int
    text: str
    lower: str

    @property
    def is_word(self) -> bool:
        """True for a word (letters or digits)."""
        return self.text[0].isalnum()

    @property
    def is_cap(self) -> bool:
        """True for a word that starts with a capital letter."""
        return self.text[0].isupper()


def tokenize(text: str, start: int, end: int) -> list[Tok]:
    """Return the tokens of ``text[start:end]`` with offsets into ``text``."""
    found: list[Tok] = []
    append = found.append
    make = tuple.__new__  # skips the generated NamedTuple constructor: tokenizing is hot
    for match in _WORD.finditer(text, start, end):
        word = match.group()
        append(make(Tok, (match.start(), match.end(), word, word.lower())))
    return found


@functools.cache
def word_classes(lang: str) -> dict[str, frozenset[str]]:
    """Return word → set of classes (determiner, pronoun, stop, adverb, recipient, …)."""
    classes: dict[str, set[str]] = {}
    for row in load_table(lang, "quote_words.tsv"):
        classes.setdefault(row["word"], set()).add(row["class"])
    return {word: frozenset(found) for word, found in classes.items()}


@functools.cache
def _followers(lang: str) -> frozenset[str]:
    return load_set(lang, "quote_speaker_followers.txt")


@functools.cache
def _media_heads(lang: str) -> tuple[str, ...]:
    return tuple(sorted(load_set(lang, "quote_media_heads.txt"), key=lambda w: (-len(w), w)))


def _is_addressee(article: Tok, word: Tok, lang: str, *, preposed: bool) -> bool:
    """True when "der"/"dem"/"des" + ``word`` after a speaker names whom it was told.

    After the verb, "der" before a feminine medium is dative ("sagte die Ärztin der
    Rheinischen Post"); "des" is always genitive ("der Chefredakteur des Magazins"), and
    so is "der" in a subject before the verb ("Die Chefin der Rheinischen Post sagte").
    """
    if _has(word, lang, "recipient"):
        return True
    return (
        not preposed and article.lower in ("der", "dem") and word.lower.endswith(_media_heads(lang))
    )


@functools.cache
def _naming_verbs(lang: str) -> frozenset[str]:
    return load_set(lang, "quote_naming_verbs.txt")


@functools.cache
def _non_speakers(lang: str) -> frozenset[str]:
    return load_set(lang, "quote_non_speakers.txt")


@functools.cache
def _content_suffixes(lang: str) -> tuple[str, ...]:
    return tuple(sorted(load_set(lang, "quote_content_suffixes.txt"), key=lambda w: (-len(w), w)))


@functools.cache
def _possessives(lang: str) -> dict[str, str]:
    try:
        table = load_table(lang, "quote_possessives.tsv")
    except LanguageDataError:
        return {}  # optional file: no owner of a noun of saying is resolved
    return {row["word"]: row["gender"] for row in table}


@functools.cache
def _statement_nouns(lang: str) -> tuple[str, ...]:
    try:
        return tuple(load_set(lang, "quote_statement_nouns.txt"))
    except LanguageDataError:
        return ()


def _owner_gender(words: Sequence[Tok], lang: str) -> str | None:
    """Return the owner's gender of "Sein Tipp", "Ihre Forderung" (a noun of saying), else None."""
    if len(words) != 2 or not words[1].lower.endswith(_statement_nouns(lang)):
        return None
    return _possessives(lang).get(words[0].lower)


@functools.cache
def _first_name_genders(lang: str) -> dict[str, str]:
    return {row["name"]: row["gender"] for row in load_table(lang, "quote_first_name_gender.tsv")}


_CLOSING = frozenset([",", ".", "!", "?", ";", ":", "(", ")", "–", "—"])
#: Endings that make a role noun feminine ("Sprecherin", "Kanzlerinnen" aside).
_FEMININE_ROLE = re.compile(r"(?:in|frau)$")
_MIN_CONTENT_NOUN = 6


def is_speaker_phrase(words: Sequence[Tok], names: Sequence[int], lang: str) -> bool:
    """Tell whether a phrase next to a cue can name who speaks.

    A speaker is a person, a group, an institution, a document or a pronoun. A phrase that
    opens with a negated, indefinite or interrogative word ("niemand", "man", "Wann") is
    none, and neither is one headed by an abstract noun ("Die Inhaftierung des Reporters
    bestätige …": the subject of the reported content) unless that noun names a role,
    body or document or a name is recognised there.

    Args:
        words: The tokens of the phrase.
        names: Sorted start offsets of person and organisation mentions.
        lang: Language of the word lists.

    Returns:
        False when the phrase cannot be a speaker.
    """
    if not words:
        return False
    if words[0].lower in _non_speakers(lang) and not (
        # "alle" alone is nobody in particular; "Alle Arbeiter" is a group that speaks.
        _has(words[0], lang, "quantifier") and len(words) > 1 and _is_head(words[-1], lang)
    ):
        return False
    head = next((w for w in words if _is_head(w, lang)), None)
    if head is None or len(head.text) < _MIN_CONTENT_NOUN or role_noun(head.text, lang):
        return True
    if not head.lower.endswith(_content_suffixes(lang)):
        return True
    position = bisect.bisect_left(names, words[0].start)
    return position < len(names) and names[position] < words[-1].end


#: Tokens that close a clause (a new one starts after them).
BOUNDARY_TEXT = frozenset([",", ":", ";", "(", ")", "–", "—"])
_AUXILIARIES = frozenset(
    ["haben", "sein", "werden", "sollen", "wollen", "können", "müssen", "dürfen"]
)


@functools.cache
def _is_auxiliary(word: str, lang: str) -> bool:
    return simplemma.lemmatize(word, lang=lang) in _AUXILIARIES


@functools.cache
def _words_of_class(lang: str, kind: str) -> frozenset[str]:
    return frozenset(w for w, found in word_classes(lang).items() if kind in found)


def clause_starts(tokens: Sequence[Tok], lang: str) -> list[int]:
    """Return for each token the index where its clause starts.

    Args:
        tokens: The tokens of a sentence.
        lang: Language of the word lists.

    Returns:
        One index per token: clauses start after , : ; ( ) dashes and subordinating
        conjunctions.
    """
    conjunctions = _words_of_class(lang, "conjunction")
    starts = []
    current = 0
    for i, tok in enumerate(tokens):
        starts.append(current)
        if tok.text in BOUNDARY_TEXT:
            current = i + 1
        elif tok.lower in conjunctions:
            # "als"/"wie" also compare ("bezeichnete es als …"): a clause opens only after a
            # comma or at the start; "dass" and "ob" always open one.
            following = tokens[i + 1].lower if i + 1 < len(tokens) else ""
            opens = tok.lower in ("dass", "ob") or i == 0 or tokens[i - 1].text in BOUNDARY_TEXT
            if following != "auch" and opens:
                current = i + 1
    return starts


class SentenceTokens:
    """The tokens of a sentence with lookups that keep every search around a cue cheap.

    A sentence can be one run-on text of 100,000 words. Every search a cue makes back to
    its clause start or forward over adverbs reads lists built once per sentence (lazily,
    in linear time) and bisects them, so each cue costs the same whatever the length.

    Attributes:
        toks: The tokens.
        inside: For each token, whether it lies inside quotation marks.
        lang: Language of the word lists.
        clause: For each token, the index where its clause starts.
    """

    def __init__(self, toks: list[Tok], inside: list[bool], lang: str) -> None:
        self.toks = toks
        self.inside = inside
        self.lang = lang
        self.clause = clause_starts(toks, lang)
        self._adverbs = _words_of_class(lang, "adverb")
        self._positions: dict[frozenset[str], list[int]] = {}
        self._agents: list[int] | None = None
        self._agent_ends: dict[int, int] = {}

    @functools.cached_property
    def _auxiliaries(self) -> list[int]:
        inside = self.inside
        lang = self.lang
        return [
            k
            for k, tok in enumerate(self.toks)
            if not inside[k] and tok.text.islower() and _is_auxiliary(tok.lower, lang)
        ]

    def last_auxiliary(self, start: int, end: int) -> int:
        """Return the last auxiliary verb in toks[start:end] outside quotation marks, or -1."""
        found = self._auxiliaries
        position = bisect.bisect_left(found, end) - 1
        return found[position] if position >= 0 and found[position] >= start else -1

    def positions(self, words: frozenset[str]) -> list[int]:
        """Return the sorted indices of the tokens whose lower-case form is in ``words``."""
        found = self._positions.get(words)
        if found is None:
            found = [k for k, tok in enumerate(self.toks) if tok.lower in words]
            self._positions[words] = found
        return found

    @functools.cached_property
    def _past_adverbs(self) -> list[int]:
        size = len(self.toks)
        found = [size] * (size + 1)
        for k in range(size - 1, -1, -1):
            found[k] = found[k + 1] if self.toks[k].lower in self._adverbs else k
        return found

    def skip_adverbs(self, index: int) -> int:
        """Return the first index at or after ``index`` whose token is no adverb."""
        if index < len(self.toks) and self.toks[index].lower in self._adverbs:
            return self._past_adverbs[index]
        return index

    def agent(self, start: int, verb: int) -> tuple[int, int] | None:
        """Return the phrase after the first "von" in [start, verb) that starts one."""
        if self._agents is None:
            size = len(self.toks)
            self._agents = [size] * (size + 1)
            for k in range(size - 1, -1, -1):
                self._agents[k] = self._agents[k + 1]
                if self.toks[k].lower == "von":
                    end = parse_np(self.toks, k + 1, self.lang)
                    if end > k + 1:
                        self._agents[k] = k
                        self._agent_ends[k] = end
        position = self._agents[start]
        if position >= verb:
            return None
        return position + 1, self._agent_ends[position]


@functools.cache
def _noun_kinds(lang: str) -> dict[str, str]:
    kinds = {row["noun"]: row["kind"] for row in load_table(lang, "quote_speaker_nouns.tsv")}
    # Every role of the class table ("Virologe", "Stadträtin") names a person too.
    for noun in descriptions.role_nouns(lang):
        kinds.setdefault(noun, "person")
    return kinds


@functools.cache
def speaker_nouns(lang: str) -> tuple[str, ...]:
    """Return the role and institution nouns, longest first (matched as word endings)."""
    return tuple(sorted(_noun_kinds(lang), key=lambda w: (-len(w), w)))


def noun_kind(noun: str, lang: str) -> str:
    """Return "person", "institution" or "document" for a speaker noun."""
    return _noun_kinds(lang).get(noun, "person")


def role_noun(word: str, lang: str) -> str | None:
    """Return the speaker noun a word ends in ("US-Regierungssprecherin" → "sprecherin")."""
    lower = word.lower()
    for noun in speaker_nouns(lang):
        if lower.endswith(noun):
            return noun
    return None


def _has(word: Tok, lang: str, kind: str) -> bool:
    return kind in word_classes(lang).get(word.lower, frozenset())


def _is_adjective(word: Tok, lang: str) -> bool:
    return (
        word.is_word
        and word.text.islower()
        and bool(_ADJECTIVE_END.search(word.lower))
        and not word_classes(lang).get(word.lower)
    )


def _is_head(word: Tok, lang: str) -> bool:
    if not word.is_word or word_classes(lang).get(word.lower):
        return False
    if word.is_cap:
        return True
    number = _NUMBER_NOUN.match(word.text)
    return number is not None and number.group(1).isupper()


def parse_np(tokens: Sequence[Tok], index: int, lang: str, *, preposed: bool = False) -> int:
    """Return the end index of a speaker noun phrase starting at ``tokens[index]``.

    Args:
        tokens: The tokens of a sentence.
        index: Where the phrase should start.
        lang: Language of the word lists.
        preposed: True for a phrase before its verb, where a location ("in Moskau")
            may still belong to the speaker.

    Returns:
        The index after the phrase, or ``index`` when no phrase starts there.
    """
    limit = min(len(tokens), index + _PHRASE_MAX)
    if index >= limit:
        return index
    first = tokens[index]
    if _has(first, lang, "pronoun") and first.lower not in ("es", "man"):
        return index + 1
    end = _noun_group(tokens, index, limit, lang)
    if end == index:
        return index
    # Coordination: "Sowohl Biden wie auch Putin", "amerikanische und russische Vertreter".
    while end < limit and tokens[end].lower in _COORDINATION and preposed:
        step = end
        while step < limit and tokens[step].lower in _COORDINATION:
            step += 1
        after = _noun_group(tokens, step, limit, lang)
        if after == step:
            break
        end = after
    # Genitive attribute: "des Weißen Hauses", "der Regierung". A medium after the speaker
    # is the addressee in the dative ("sagte der Epidemiologe der Rheinischen Post").
    if end < limit and tokens[end].lower in ("des", "der"):
        after = _noun_group(tokens, end, limit, lang)
        if after > end + 1 and not _is_addressee(
            tokens[end], tokens[after - 1], lang, preposed=preposed
        ):
            end = after
    # Location attached to an institution: "Die Regierung in Moskau".
    if (
        preposed
        and end + 1 < limit
        and tokens[end].lower in ("in", "aus")
        and _is_head(tokens[end + 1], lang)
    ):
        end += 2
    named = _apposition(tokens, index, end, lang)
    if named == end and end < limit and _has(tokens[end], lang, "attribute"):
        # "der Leiter des Krisenstabs im Kreis X, Otto Muster": the name follows the place.
        place = _attribute_end(tokens, end, limit, lang)
        if place > end:
            named = _apposition(tokens, index, place, lang)
            return named if named > place else end
    return named


def _attribute_end(tokens: Sequence[Tok], index: int, limit: int, lang: str) -> int:
    """Return the end of a prepositional attribute ("im Kreis X", "von der Gewerkschaft")."""
    end = _noun_group(tokens, index + 1, limit, lang)
    if end == index + 1:
        return index
    if end < limit and tokens[end].lower in ("des", "der"):
        after = _noun_group(tokens, end, limit, lang)
        if after > end + 1:
            end = after
    return end


def _noun_group(tokens: Sequence[Tok], index: int, limit: int, lang: str) -> int:
    position = index
    if position < limit and (
        _has(tokens[position], lang, "determiner") or _has(tokens[position], lang, "quantifier")
    ):
        position += 1
    while position < limit and (
        _is_adjective(tokens[position], lang) or tokens[position].lower == "und"
    ):
        position += 1
    heads = position
    while position < limit and _is_head(tokens[position], lang):
        if position > heads and _inflected_noun_after_role(
            tokens[position - 1], tokens[position], lang
        ):
            break
        position += 1
        # A possessive genitive name before the head: "Putins außenpolitischer Berater".
        if (
            tokens[position - 1].lower.endswith("s")
            and position < limit
            and _is_adjective(tokens[position], lang)
        ):
            look = position
            while look < limit and _is_adjective(tokens[look], lang):
                look += 1
            if look < limit and _is_head(tokens[look], lang):
                position = look
    if position == heads:
        return index
    return position


def _inflected_noun_after_role(previous: Tok, word: Tok, lang: str) -> bool:
    """Tell whether ``word`` after a role or body noun is an object, not a name.

    "empfiehlt der Konzern Reisenden eine Reservierung": an inflected common noun
    ("Reisenden" of "Reisende") after "Konzern" is the dative object; a name after a role
    ("die Sprecherin Jana Beispiel") is a word in its base form.
    """
    return role_noun(previous.text, lang) is not None and _inflected_noun(word, lang)


def _apposition(tokens: Sequence[Tok], start: int, end: int, lang: str) -> int:
    """Extend a phrase over ", Jana Beispiel," or ", Sprecherin des Amtes," appositions."""
    size = len(tokens)
    if end >= size or tokens[end].text != ",":
        return end
    position = end + 1
    stop = min(size, position + _APPOSITION_MAX)
    names = position
    while names < stop and _is_head(tokens[names], lang):
        names += 1
    if names > position and (names >= size or tokens[names].text in _APPOSITION_END):
        # ", Name Name," or ", Name." at the end: a name in apposition to a role.
        if any(role_noun(t.text, lang) is not None for t in tokens[start:end] if t.is_cap):
            return names
        return end
    if names > position and any(
        role_noun(tok.text, lang) is not None for tok in tokens[position:names]
    ):
        # ", Staatssekretärin für Europa im Ministerium," after a name; a capitalised
        # adjective may open the role (", Parlamentarischer Geschäftsführer der Partei,").
        look = names
        while look < stop and tokens[look].text not in (",", ".", ":", ";"):
            look += 1
        if look < size and tokens[look].text == ",":
            return look
    return end


def plausible_speaker(
    words: Sequence[Tok], names: Sequence[int], lang: str, *, following: Tok | None = None
) -> bool:
    """Tell whether the words of a phrase after a verb can be its speaker.

    A bare common noun ("weist Kritik zurück") is rejected; a name, a role noun, a word
    the lemmatizer does not know, or a capitalised word that closes the clause (", sagte
    Montgomery.", ", so Müller am Montag") is accepted.

    Args:
        words: The tokens of the phrase.
        names: Sorted start offsets of person and organisation mentions.
        lang: Language of the word lists.
        following: The token after the phrase, or None at the end of the sentence.

    Returns:
        False for a lone known common noun that is no name and no role.
    """
    if len(words) != 1 or not words[0].is_cap:
        return True
    word = words[0]
    if following is None or following.text in _CLOSING or following.lower in _followers(lang):
        return True
    position = bisect.bisect_left(names, word.start)
    if position < len(names) and names[position] == word.start:
        return True
    return not simplemma.is_known(word.text, lang=lang) or role_noun(word.text, lang) is not None


def preposed_speaker(
    tokens: Sequence[Tok],
    anchor: int,
    clause: Sequence[int],
    skip_adverbs: Callable[[int], int],
    lang: str,
) -> tuple[int, int] | None:
    """Return the token span of the speaker phrase before a verb, or None.

    Args:
        tokens: The tokens of a sentence.
        anchor: Index of the finite verb (or its auxiliary).
        clause: For each token, the index where its clause starts.
        skip_adverbs: Maps an index to the first index at or after it whose token is
            no adverb (``len(tokens)`` when none is).
        lang: Language of the word lists.

    Returns:
        ``(start, end)`` token indices of the phrase.
    """
    classes = word_classes(lang)
    start = clause[anchor]
    opener = _subordinate_opener(tokens, anchor, clause, lang)
    if opener >= 0:
        found = _subordinate_subject(tokens, opener, anchor, skip_adverbs, lang)
        if found is not None:
            return found
    if (
        start > 0
        and _has(tokens[start - 1], lang, "conjunction")
        and postposed_speaker(tokens, anchor, skip_adverbs, lang) is not None
    ):
        # "Als weiteres Beispiel nannte die Politikerin …": a verb with its subject right
        # after it (not at the end of the clause) makes "als …" a fronted phrase, not a
        # clause with a subject of its own.
        return None
    candidates = [start]
    # "Die Sprecherin des Amtes, Jana Beispiel, sagte": the phrase spans two commas.
    back = start
    for _ in range(2):
        if back >= 2 and tokens[back - 1].text == ",":
            back = clause[back - 2]
            candidates.append(back)
    for begin in reversed(candidates):
        begin = min(skip_adverbs(begin), anchor)
        if begin >= anchor:
            continue
        first = tokens[begin]
        if {"stop", "adverb", "conjunction"} & classes.get(first.lower, frozenset()) and not (
            {"determiner", "pronoun"} & classes.get(first.lower, frozenset())
        ):
            continue
        end = parse_np(tokens, begin, lang, preposed=True)
        if end == begin or (end == begin + 1 and first.lower in _NON_SPEAKERS):
            continue
        if begin < start and (begin == 0 or not _has(tokens[begin - 1], lang, "conjunction")):
            relative = _relative_attribute(tokens, end, anchor, lang)
            if relative >= 0:
                return begin, relative
        if end < anchor - 1 and tokens[end].text == ",":
            continue
        if begin < start and any(tok.text != "," for tok in tokens[end:anchor]):
            # "Die Lage bleibe ernst, sagte X": an earlier clause is the speaker only as
            # an apposition that reaches the verb ("Die Sprecherin, Jana Beispiel, sagte").
            continue
        if _few_lowercase_words(tokens, end, anchor):
            if first.lower in ("das", "die", "der") and end == begin + 1:
                continue
            if _second_phrase(tokens, begin, end, anchor, lang):
                continue
            return begin, end
    return None


def _second_phrase(tokens: Sequence[Tok], begin: int, end: int, anchor: int, lang: str) -> bool:
    """True when a word between a phrase and its verb-second verb opens a phrase itself.

    Before the finite verb of a main clause stands one phrase only, so in "Fast alle
    berichteten" the subject is "alle" and the capitalised "Fast" an adverb. In a
    verb-final clause ("weil Muster das sagte") several phrases precede the verb, and
    a quantifier may float after a pronoun ("Sie alle sagten").
    """
    if (begin > 0 and _has(tokens[begin - 1], lang, "conjunction")) or _has(
        tokens[begin], lang, "pronoun"
    ):
        return False
    return any(
        _has(tok, lang, "determiner") or _has(tok, lang, "quantifier") or _has(tok, lang, "pronoun")
        for tok in tokens[end:anchor]
    )


def _verb_final(tokens: Sequence[Tok], anchor: int, lang: str) -> bool:
    """True when the verb at ``anchor`` closes its clause ("wie sie sagte,", "wie sie
    gesagt hatte.": auxiliaries aside, punctuation or the end follows)."""
    position = anchor + 1
    while (
        position < len(tokens)
        and tokens[position].text.islower()
        and _is_auxiliary(tokens[position].lower, lang)
    ):
        position += 1
    return position >= len(tokens) or not tokens[position].is_word


def _subordinate_opener(
    tokens: Sequence[Tok], anchor: int, clause: Sequence[int], lang: str
) -> int:
    """Return the conjunction that opens the verb-final clause of a verb, or -1.

    "wie Muster die Sperren, die Umleitungen und die Kontrollen nennt", "wie Muster, der
    das Amt leitet, sagte": a list item or a relative clause does not end the clause, so
    the search steps back over commas while the part after the comma is empty (the verb
    follows it) or opens with a noun phrase (the next list item).
    """
    if not _verb_final(tokens, anchor, lang):
        return -1
    begin = clause[anchor]
    for _ in range(3):
        if begin > 0 and _has(tokens[begin - 1], lang, "conjunction"):
            return begin - 1
        if begin < 2 or tokens[begin - 1].text != ",":
            return -1
        if begin < anchor and (
            _has(tokens[begin], lang, "pronoun") or parse_np(tokens, begin, lang) == begin
        ):
            return -1
        begin = clause[begin - 2]
        if any(tok.text in _QUOTE_MARKS for tok in tokens[begin:anchor]):
            return -1
    return -1


def _subordinate_subject(
    tokens: Sequence[Tok],
    opener: int,
    anchor: int,
    skip_adverbs: Callable[[int], int],
    lang: str,
) -> tuple[int, int] | None:
    """Return the subject of a verb-final clause: its first noun phrase after the opener.

    Object pronouns may come first ("wie ihn die Ministerin nennt"). A clause that holds
    an object of its own is a report only with a verb of naming ("wie Muster die
    Maßnahmen nennt"); "wie die Gerichte das Verbot begründeten" asks how, and its verb
    frames nothing.
    """
    if passive_participle(tokens, anchor, lang):
        return None
    position = skip_adverbs(opener + 1)
    while position < anchor and _has(tokens[position], lang, "object"):
        position = skip_adverbs(position + 1)
    if position >= anchor:
        return None
    end = parse_np(tokens, position, lang, preposed=True)
    if end == position or end > anchor:
        return None
    if end == position + 1 and tokens[position].lower in _NON_SPEAKERS:
        return None
    if _has_object(tokens, end, anchor, lang) and not _naming_verb(tokens, anchor, lang):
        return None
    return position, end


def passive_participle(tokens: Sequence[Tok], verb: int, lang: str) -> bool:
    """Tell whether a verb is a participle with a passive auxiliary right after it.

    In a verb-final clause ("wie es genannt wird", "dass die Termine bekanntgegeben
    worden waren") the subject is what was said, not who said it.

    Args:
        tokens: The tokens of a sentence.
        verb: Index of the verb.
        lang: Language of the lemmatizer.

    Returns:
        True for "worden" or a form of "werden" after a participle ending in -t.
    """
    following = tokens[verb + 1].lower if verb + 1 < len(tokens) else ""
    if following == "worden":
        return True
    return (
        tokens[verb].lower.endswith("t")
        and following != ""
        and simplemma.lemmatize(following, lang=lang) == "werden"
    )


def _has_object(tokens: Sequence[Tok], start: int, end: int, lang: str) -> bool:
    """True when tokens[start:end] hold a noun phrase that no preposition governs.

    "dem Tagesspiegel" and other media in the dative are addressees, not objects.
    """
    position = start
    while position < end:
        tok = tokens[position]
        if tok.text.islower() and (_has(tok, lang, "stop") or _has(tok, lang, "attribute")):
            position = max(_noun_group(tokens, position + 1, end, lang), position + 1)
            continue
        after = _noun_group(tokens, position, end, lang)
        if after == position:
            position += 1
            continue
        if not _is_addressee(tok, tokens[after - 1], lang, preposed=False):
            return True
        position = after
    return False


def _naming_verb(tokens: Sequence[Tok], anchor: int, lang: str) -> bool:
    """True when the verb at ``anchor`` (or its participle before it) is a verb of naming."""
    naming = _naming_verbs(lang)
    return any(
        simplemma.lemmatize(tokens[k].lower, lang=lang) in naming
        for k in (anchor - 1, anchor)
        if k >= 0 and tokens[k].text.islower()
    )


def _relative_attribute(tokens: Sequence[Tok], end: int, anchor: int, lang: str) -> int:
    """Return where a subject ends that a relative clause separates from its verb, or -1.

    "Otto Muster von der Gewerkschaft, der die Branche kennt, kritisiert …": the phrase,
    an optional prepositional attribute, then a verb-final relative clause closed by a
    comma right before the verb. The returned end includes the attribute. A pronoun
    right after the verb is the subject instead ("Eine Person, die …, nennt man …").
    """
    position = end
    if position < anchor and _has(tokens[position], lang, "attribute"):
        position = _attribute_end(tokens, position, anchor, lang)
        if position == end:
            return -1
    if position + 2 >= anchor or tokens[position].text != "," or tokens[anchor - 1].text != ",":
        return -1
    pronoun = position + 1
    if _has(tokens[pronoun], lang, "stop") and tokens[pronoun].text.islower():
        pronoun += 1  # "mit denen", "für die"
    if not _has(tokens[pronoun], lang, "relative"):
        return -1
    verb = tokens[anchor - 2]
    if not (verb.is_word and verb.text.islower()):
        return -1
    if any(
        tok.text in _CLAUSE_PUNCTUATION or tok.text in _QUOTE_MARKS
        for tok in tokens[pronoun : anchor - 1]
    ):
        return -1
    following = anchor + 1
    if (
        following < len(tokens)
        and _has(tokens[following], lang, "pronoun")
        and (
            tokens[following].lower in _NON_SPEAKERS
            or following + 1 >= len(tokens)
            or not _is_head(tokens[following + 1], lang)
        )
    ):
        return -1
    return position


def _few_lowercase_words(tokens: Sequence[Tok], start: int, end: int) -> bool:
    """True when tokens[start:end], commas aside, is at most two lower-case words."""
    count = 0
    for position in range(start, end):
        tok = tokens[position]
        if tok.text == ",":
            continue
        count += 1
        if count > 2 or not (tok.is_word and tok.text.islower()):
            return False
    return True


def postposed_speaker(
    tokens: Sequence[Tok], anchor: int, skip_adverbs: Callable[[int], int], lang: str
) -> tuple[int, int] | None:
    """Return the token span of the speaker phrase after a verb ("sagte die Ministerin").

    Args:
        tokens: The tokens of a sentence.
        anchor: Index of the finite verb.
        skip_adverbs: As for :func:`preposed_speaker`.
        lang: Language of the word lists.

    Returns:
        ``(start, end)`` token indices of the phrase, or None.
    """
    position = skip_adverbs(anchor + 1)
    if position < len(tokens) and tokens[position].lower == "sich":
        # A reflexive verb: the subject follows "sich" ("„…“, freut sich die Leiterin").
        position = skip_adverbs(position + 1)
    if position >= len(tokens) or tokens[position].lower in ("es", "man", "sich"):
        return None
    end = parse_np(tokens, position, lang)
    if end == position:
        return None
    return position, end


class SpeakerRef(NamedTuple):
    """A speaker phrase found in a sentence, before resolution."""

    start: int
    end: int
    text: str
    plural: bool = False
    """True when the verb agrees with a plural subject ("sagten sie": a group, no woman)."""


def speaker_name(
    ref: SpeakerRef,
    entities: Sequence[EntityMention],
    previous: Sequence[tuple[SpeakerRef, str | None]],
    lang: str,
) -> str | None:
    """Return the name of the entity a speaker phrase refers to, or None.

    Args:
        ref: The speaker phrase.
        entities: Entity mentions of the document (may be empty).
        previous: Earlier speakers of the document with their resolved names, in order.
        lang: Language of the word lists.

    Returns:
        The resolved name; None for an anonymous speaker ("ein US-Vertreter").
    """
    words = [t for t in tokenize(ref.text, 0, len(ref.text)) if t.is_word]
    if not words:
        return None
    inside = [
        m
        for m in entities
        if m.start < ref.end and m.end > ref.start and m.type in ("PER", "ORG", "LOC")
    ]
    persons = [m for m in inside if m.type == "PER"]
    if persons:
        return persons[-1].name
    first = words[0].lower
    if first in _INDEFINITE or (words[0].is_cap and _plural_role(words, lang)):
        return None
    owner = _owner_gender(words, lang)
    if owner is not None:
        # "Sein Tipp: „…“": the owner speaks, found as "er" would be.
        return _resolve_pronoun(ref, owner, entities, previous, lang, personal=True)
    if len(words) == 1 and first in (_PRONOUNS_MASC | _PRONOUNS_FEM):
        if ref.plural:
            return None  # a group named earlier, not one person
        wanted = "m" if first in _PRONOUNS_MASC else "f"
        personal = first in _PERSONAL_PRONOUNS
        return _resolve_pronoun(ref, wanted, entities, previous, lang, personal=personal)
    head = role_noun(words[-1].text, lang)
    if head is not None and noun_kind(head, lang) == "anaphor":
        # "der 42-Jährige" introduces nobody: it points back like "er", with the
        # article's gender.
        gender = {"der": "m", "die": "f"}.get(first)
        if gender is None or len(words) != 2 or ref.plural:
            return None
        return _resolve_pronoun(ref, gender, entities, previous, lang, personal=True)
    definite = words[0].lower in _DEFINITE
    appositive = _apposition_of(ref, words, entities, lang) if definite else None
    if appositive is not None:
        return appositive
    if definite and inside and all(m.type == "ORG" for m in inside) and "," not in ref.text:
        # "die Vorsitzende des Ethikrats": the role before the genitive is the speaker, a
        # person named earlier; the body only when no such person is known.
        lead = next((i for i, w in enumerate(words[1:], 1) if w.is_cap), None)
        if (
            lead is not None
            and lead < len(words) - 1
            and _description_head(words[: lead + 1], lang)
        ):
            named = _resolve_description(ref, words[: lead + 1], entities, previous, lang)
            if named is not None:
                return named
    if inside and (head is None or noun_kind(head, lang) != "person"):
        return inside[-1].name
    if definite and _description_head(words, lang) is not None:
        return _resolve_description(ref, words, entities, previous, lang)
    if definite and head is not None:
        return _same_body(ref, head, entities, previous, lang)
    if not entities:
        # No entity list: the trailing run of capitalised non-role words is the name
        # ("die Sprecherin Jana Beispiel" → "Jana Beispiel").
        trailing: list[str] = []
        for word in reversed(tokenize(ref.text, 0, len(ref.text))):
            # A comma ends the name: "die Leiterin des Amtes im Kreis X, Jana Beispiel".
            if not _is_name_word(word, lang):
                break
            trailing.insert(0, word.text)
        if trailing and (len(trailing) >= 2 or len(words) == 1 or head is not None):
            return " ".join(trailing)
    return None


def _plural_role(words: Sequence[Tok], lang: str) -> bool:
    # "US-Beamte warnten": a bare plural role noun is an anonymous group.
    return len(words) == 1 and role_noun(words[0].text, lang) in ("beamte", "vertreter")


def _is_name_word(word: Tok, lang: str) -> bool:
    # An inflected common noun ("Lockerungen" of "Lockerung") is no part of a name.
    return (
        _is_head(word, lang)
        and role_noun(word.text, lang) is None
        and not _inflected_noun(word, lang)
    )


def _inflected_noun(word: Tok, lang: str) -> bool:
    lemma = simplemma.lemmatize(word.text, lang=lang)
    return lemma != word.text and lemma[:1].isupper() and simplemma.is_known(word.text, lang=lang)


def _resolve_pronoun(
    ref: SpeakerRef,
    wanted: str,
    entities: Sequence[EntityMention],
    previous: Sequence[tuple[SpeakerRef, str | None]],
    lang: str,
    *,
    personal: bool,
) -> str | None:
    """Return the person (or, for a demonstrative, the speaker) a pronoun points back to.

    A personal pronoun ("er", "sie") or an age noun stands for a person: person mentions
    whose name is an institution ("des Robert Koch-Instituts" typed as a person) and
    earlier speakers that are bodies or places are no antecedent. A demonstrative may
    still point back to an institution that spoke before.
    """
    genders = _entity_genders(entities, lang)
    before = sorted(
        (
            m
            for m in entities
            if m.type == "PER" and m.end <= ref.start and not _names_institution(m.name, lang)
        ),
        key=lambda m: m.end,
        reverse=True,
    )
    attested = _attested_persons(entities, genders)
    for mention in before:
        if mention.name in attested and genders.get(mention.name, wanted) == wanted:
            return mention.name
    bodies = _non_persons(entities, lang) if personal else frozenset()
    for earlier, name in reversed(previous):
        if name is None or earlier.end > ref.start:
            continue
        if personal and not _may_be_person(earlier.text, name in bodies, lang):
            continue
        gender = genders.get(name) or _phrase_gender(earlier.text, lang) or _name_gender(name, lang)
        if gender in (None, wanted):
            return name
    for mention in before:
        if genders.get(mention.name, wanted) == wanted:
            return mention.name
    return None


def _names_institution(name: str, lang: str) -> bool:
    """True when a name ends in an institution noun ("Robert Koch-Instituts").

    Only the whole last word or its last hyphenated part counts, in the nominative or the
    genitive: a surname that merely ends in such a noun ("Althaus") is still a person.
    """
    parts = name.split()
    if not parts:
        return False
    last = re.split(r"[-‐‑]", parts[-1])[-1].lower()
    kinds = _noun_kinds(lang)
    return any(
        kinds.get(last[: len(last) - len(ending)]) in ("institution", "document")
        for ending in ("", "s", "es")
        if last.endswith(ending)
    )


def _non_persons(entities: Sequence[EntityMention], lang: str) -> frozenset[str]:
    """Return the names of organisations and places, and of institutions typed as persons.

    A name typed as a person elsewhere in the text counts as a person.
    """
    persons = {m.name for m in entities if m.type == "PER" and not _names_institution(m.name, lang)}
    return frozenset(
        m.name for m in entities if m.type in ("ORG", "LOC") and m.name not in persons
    ) | frozenset(m.name for m in entities if m.type == "PER" and m.name not in persons)


def _may_be_person(phrase: str, body: bool, lang: str) -> bool:
    """Tell whether an earlier speaker phrase can be what a personal pronoun points to.

    Its first role, body or document noun decides ("die Bundesregierung" is a body, "der
    Sprecher des Amtes" a person); without one, a name typed as an organisation or place
    (``body``) is a person only with a person's attribute ("der 22-jährige Silvan").
    """
    for word in tokenize(phrase, 0, len(phrase)):
        noun = role_noun(word.text, lang) if word.is_cap or _NUMBER_NOUN.match(word.text) else None
        if noun is not None:
            return noun_kind(noun, lang) in ("person", "anaphor")
    return not body


def _attested_persons(entities: Sequence[EntityMention], genders: dict[str, str]) -> set[str]:
    """Return the person names that something besides a capital letter marks as persons.

    A full name, a role written beside a mention or a known given name does; a lone
    capitalised word typed PER on no such evidence may be a common noun ("Reizwörter wie
    Profitgier") and is a pronoun's antecedent only when no earlier speaker fits.
    """
    return {
        m.name
        for m in entities
        if m.type == "PER" and (m.role is not None or len(m.name.split()) > 1 or m.name in genders)
    }


def _entity_genders(entities: Sequence[EntityMention], lang: str) -> dict[str, str]:
    """Return entity name → "m"/"f" where a role or a given name tells; else absent."""
    found: dict[str, str] = {}
    for mention in entities:
        if mention.type != "PER" or mention.name in found:
            continue
        gender = (_phrase_gender(mention.role, lang) if mention.role else None) or _name_gender(
            mention.name, lang
        )
        if gender is not None:
            found[mention.name] = gender
    return found


def _name_gender(name: str, lang: str) -> str | None:
    first = name.split()[0] if name.split() else ""
    return _first_name_genders(lang).get(first)


def _phrase_gender(phrase: str, lang: str) -> str | None:
    """Return "m"/"f" from the role nouns and articles of a phrase ("die Ministerin")."""
    words = [t for t in tokenize(phrase, 0, len(phrase)) if t.is_word]
    for word in words:
        noun = role_noun(word.text, lang) if word.is_cap else None
        if noun is None or noun_kind(noun, lang) != "person" or noun.endswith("e"):
            continue
        return "f" if _FEMININE_ROLE.search(noun) else "m"
    if len(words) >= 2 and words[1].is_cap:
        # An article with a singular noun: "der Minister" (m), "die Ministerin" (f).
        if words[0].lower == "der" and not words[1].lower.endswith(("in", "innen")):
            return "m"
        if words[0].lower == "die" and words[1].lower.endswith("in"):
            return "f"
    for word in words:
        gender = _first_name_genders(lang).get(word.text)
        if gender is not None:
            return gender
    return None


def _apposition_of(
    ref: SpeakerRef, words: Sequence[Tok], entities: Sequence[EntityMention], lang: str
) -> str | None:
    """Return the person a description right after a name and comma stands beside.

    "Otto Muster, der Vorsitzende des Vereins, lehnt … ab": the apposition is that person
    when its role's gender does not contradict theirs.
    """
    if _description_head(words[:2], lang) is None:
        return None
    role = _wanted(words[:2], lang)
    genders = _entity_genders(entities, lang)
    for mention in persons_before(entities, ref.start):
        if not 0 < ref.start - mention.end <= 2:
            continue
        gender = genders.get(mention.name) or _name_gender(mention.name, lang)
        if role is None or None in (role.gender, gender) or role.gender == gender:
            return mention.name
    return None


def persons_before(entities: Sequence[EntityMention], start: int) -> list[EntityMention]:
    """Return the person mentions that end before ``start``, nearest last."""
    return [m for m in entities if m.type == "PER" and m.end <= start]


def _description_head(words: Sequence[Tok], lang: str) -> str | None:
    """Return the person role noun that heads a phrase, inflected or not ("Virologen").

    A body ("dem Berufsverband") is no description of a person.
    """
    last = words[-1].text
    head = role_noun(last, lang)
    if head is not None and noun_kind(head, lang) != "person":
        return None
    if head is None and descriptions.role_class(last, lang) is not None:
        found = descriptions.role_class(last, lang)
        head = found.lemma if found else None
    return head


def _role_key(word: str, lang: str) -> str | None:
    """Return what a role word is compared by: its class-table lemma, else its role noun."""
    found = descriptions.role_class(word, lang)
    return found.lemma if found is not None else role_noun(word, lang)


def _wanted(words: Sequence[Tok], lang: str) -> descriptions.Description | None:
    texts = [w.text for w in words]
    if descriptions.role_class(texts[-1], lang) is not None:
        return descriptions.description(texts, lang)
    head = role_noun(texts[-1], lang)
    if head is None:
        return None
    gender = "f" if _FEMININE_ROLE.search(head) else ("m" if not head.endswith("e") else None)
    modifier = descriptions.affiliation(texts[-1], role=True) or next(
        (a for a in map(descriptions.affiliation, texts) if a is not None), None
    )
    return descriptions.Description(head, gender, modifier)


class _Known:
    """What the text has said about one earlier person, gathered for a description."""

    def __init__(self) -> None:
        self.lemmas: set[str] = set()
        self.classes: set[str] = set()
        self.affiliations: set[str] = set()
        self.genders: set[str] = set()
        self.position = -1

    def add_roles(self, phrase: str, lang: str) -> None:
        for word in tokenize(phrase, 0, len(phrase)):
            if not word.is_cap:
                continue
            key = _role_key(word.text, lang)
            if key is not None:
                self.lemmas.add(key)
                found = descriptions.role_class(word.text, lang)
                if found is not None:
                    self.classes |= found.classes
                    if found.gender is not None:
                        self.genders.add(found.gender)
            modifier = descriptions.affiliation(word.text, role=key is not None)
            if modifier is not None:
                self.affiliations.add(modifier)


def _candidates(
    ref: SpeakerRef,
    entities: Sequence[EntityMention],
    previous: Sequence[tuple[SpeakerRef, str | None]],
    lang: str,
) -> list[descriptions.Candidate]:
    """Gather the persons before a description with their roles, gender and affiliations.

    A one-word organisation right after a person ("Otto Muster (SPD)") is an affiliation.
    """
    known: dict[str, _Known] = {}
    persons = [
        m
        for m in entities
        if m.type == "PER" and m.end <= ref.start and not _names_institution(m.name, lang)
    ]
    # A one-word body right after the name: "Otto Muster (SPD)", not an apposition
    # ("Otto Muster, Grüner Baustadtrat").
    bodies = [m for m in entities if m.type == "ORG" and " " not in m.name]
    for mention in persons:
        entry = known.setdefault(mention.name, _Known())
        entry.position = max(entry.position, mention.end)
        if mention.role:
            entry.add_roles(mention.role, lang)
        entry.affiliations.update(
            b.name for b in bodies if 0 < b.start - mention.end <= 2 and b.end <= ref.start
        )
    for earlier, name in previous:
        if name is None or earlier.end > ref.start:
            continue
        entry = known.setdefault(name, _Known())
        entry.position = max(entry.position, earlier.end)
        entry.add_roles(earlier.text, lang)
    genders = _entity_genders(entities, lang)
    return [
        descriptions.Candidate(
            name,
            frozenset(entry.lemmas),
            frozenset(entry.classes),
            genders.get(name) or _only(entry.genders) or _name_gender(name, lang),
            frozenset(entry.affiliations),
            entry.position,
        )
        for name, entry in known.items()
    ]


def _same_body(
    ref: SpeakerRef,
    head: str,
    entities: Sequence[EntityMention],
    previous: Sequence[tuple[SpeakerRef, str | None]],
    lang: str,
) -> str | None:
    """Return the body (or its speaker) an earlier phrase with the same noun named.

    "das Ministerium" after "das Bundesgesundheitsministerium": the most recent mention
    whose role, or earlier speaker whose phrase, ends in the same noun.
    """
    best: EntityMention | None = None
    for mention in entities:
        if mention.end > ref.start or mention.role is None:
            continue
        if role_noun(mention.role.split()[-1], lang) == head and (
            best is None or mention.end > best.end
        ):
            best = mention
    if best is not None:
        return best.name
    for earlier, name in reversed(previous):
        if earlier.end > ref.start:
            continue
        earlier_words = [t for t in tokenize(earlier.text, 0, len(earlier.text)) if t.is_cap]
        if any(role_noun(w.text, lang) == head for w in earlier_words):
            return name
    return None


def _only(values: set[str]) -> str | None:
    return next(iter(values)) if len(values) == 1 else None


def _resolve_description(
    ref: SpeakerRef,
    words: Sequence[Tok],
    entities: Sequence[EntityMention],
    previous: Sequence[tuple[SpeakerRef, str | None]],
    lang: str,
) -> str | None:
    """Return the earlier person a definite description ("der Wissenschaftler") names.

    An unnamed speaker with the same role after that person ("sagte eine
    Verbandssprecherin" … "die Sprecherin") is the one meant: then nobody is named.
    """
    wanted = _wanted(words, lang)
    if wanted is None:
        return None
    candidates = _candidates(ref, entities, previous, lang)
    name = descriptions.choose(wanted, candidates)
    unnamed = max(
        (
            earlier.end
            for earlier, earlier_name in previous
            if earlier_name is None
            and earlier.end <= ref.start
            and any(
                _role_key(w.text, lang) == wanted.lemma
                for w in tokenize(earlier.text, 0, len(earlier.text))
                if w.is_cap
            )
        ),
        default=-1,
    )
    chosen = next((c for c in candidates if c.name == name), None)
    if chosen is not None and chosen.position < unnamed:
        return None
    return name
