"""Named entities (PER, ORG, LOC) with the roles written beside them.

No German statistical NER model installs offline, so this stage combines evidence:
in German every noun is capitalised, so a capitalised word is a name only when the
evidence in :mod:`synopse.analysis.gazetteer` does not call it a common noun; place and
organisation gazetteers, given names, role nouns ("US-Präsident", "Sprecherin") and
organisation cues ("-ministerium", "GmbH", acronyms) decide the type. A document-level
pass then resolves surname-only and genitive mentions ("Bidens") to the full name, so
``EntityMention.name`` groups the mentions of one entity.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from synopse.analysis.entity_resolution import Mention, resolve_mentions
from synopse.analysis.gazetteer import Gazetteer, load_gazetteer
from synopse.analysis.sentences import tokenize
from synopse.model.analysis import EntityMention, Sentence

_PARTICLES = frozenset({"von", "van", "de", "di", "da", "del", "della", "bin", "al", "zu"})
_DETERMINER = re.compile(
    r"^(?:der|die|das|des|dem|den|ein|eine|einer|eines|einem|einen|kein\w*|dies\w*|jen\w*|"
    r"jed\w*|manch\w*|welch\w*|solch\w*|mein\w*|dein\w*|sein\w*|ihr\w*|unser\w*|"
    r"eur\w*|im|am|zum|zur|vom|beim|ins|ans|aufs|ums|durchs|fürs|übers|alle\w*|viele\w*|"
    r"mehrere\w*|einige\w*|beide\w*|wenige\w*|zwei|drei|vier|fünf|sechs|zehn|hundert)$"
)
_ORG_LINKS = frozenset(
    {"für", "der", "des", "und", "in", "von", "zur", "zum", "of", "for", "the", "and", "&"}
)
_ARTICLES = frozenset(
    {"der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen"}
)
_ROLE_LINKS = frozenset({"für", "in", "im", "am", "beim", "bei", "von", "vom", "of", "zur", "zum"})
_LOC_PREPOSITIONS = frozenset({"in", "nach", "aus", "bei", "im"})
_LOC_LINKS = frozenset({"zwischen", "Richtung", "nahe", "unweit"})
_DIRECTIONS = frozenset(
    {
        "südlich",
        "nördlich",
        "östlich",
        "westlich",
        "südöstlich",
        "südwestlich",
        "nordöstlich",
        "nordwestlich",
    }
)
# A type guessed from no evidence at all; coordination with a typed name replaces it.
_GUESS = "PER?"
_COORDINATION = frozenset({",", "und", "oder", "sowie", "/", "bzw."})
_OPENERS = frozenset('„"“”«»‚‘(:–—-•*|>')
_ADJ_ENDINGS = ("e", "en", "er", "es", "em")
_ATTRIBUTIVE = (
    "isch",
    "ische",
    "ischen",
    "ischer",
    "isches",
    "ischem",
    "ige",
    "igen",
    "iger",
    "iges",
    "liche",
    "lichen",
    "licher",
    "liches",
    "ale",
    "alen",
    "aler",
    "ere",
    "eren",
    "erer",
    "ste",
    "sten",
    "ster",
    "ierte",
    "ierten",
    "ierter",
)
_PLACE_HEADS = ("straße", "platz", "gasse", "allee", "brücke", "bahnhof", "markt", "ufer")
_STATE_PREFIXES = ("Bundes", "Landes", "Staats", "Reichs")
_DEUMLAUT = str.maketrans("äöü", "aou")
_FOREIGN_RUN = 6
_LATIN_ENDINGS = ("us", "um", "is", "ii", "ae", "oides", "ensis", "ata", "atus", "ana", "ium")
_QUOTES = frozenset('„"“”«»‚‘’')
_ORDINAL = re.compile(r"^\d{1,2}\.$")
_SO_OPENERS = frozenset('„"“”«»‚‘(:–—-•*|>,')
_CLAUSE_END = frozenset({".", ",", ":", ";", "!", "?", "", "und"})
_NAME_PARTICLES = frozenset({"von", "van", "de", "di", "da", "del", "della"})
_INITIAL = re.compile(r"^[A-ZÄÖÜ]\.$")
_ROMAN = frozenset({"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII"})
_INITIAL_FREQUENT = 3.0
_SPEAKER_FREQUENT = 4.5
_FREQUENT = 4.8
_SINGLE_FREQUENT = 3.5
_FREQUENT_GAP = 0.5
_CAPS_SHARE = 0.6


def find_entities(
    text: str, sentences: Sequence[Sentence], *, lang: str = "de"
) -> list[EntityMention]:
    """Return the named-entity mentions of ``text``, sorted by offset.

    Args:
        text: The document text.
        sentences: Its sentences (from :func:`synopse.analysis.sentences.split_sentences`).
        lang: Language of the lexicons to use.

    Returns:
        One :class:`EntityMention` per mention; ``name`` is the same for mentions of one
        entity within the document, and ``role`` holds a role phrase written with it.

    Example:
        >>> from synopse.analysis.sentences import split_sentences
        >>> text = "Gestern sprach Kanzlerin Erika Muster in Berlin."
        >>> [(text[m.start:m.end], m.type, m.role) for m in
        ...  find_entities(text, split_sentences(text))]
        [('Erika Muster', 'PER', 'Kanzlerin'), ('Berlin', 'LOC', None)]
    """
    if not text or not sentences:
        return []
    gaz = load_gazetteer(lang)
    tokenized = [tokenize(text, s.start, s.end) for s in sentences]
    words_by_sentence = [[text[t.start : t.end] for t in tokens] for tokens in tokenized]
    lowercase = {w for words in words_by_sentence for w in words if w[:1].islower()}
    mentions: list[Mention] = []
    spans: list[tuple[list[str], list[tuple[int, int]]]] = []
    for tokens, words in zip(tokenized, words_by_sentence, strict=True):
        offsets = [(t.start, t.end) for t in tokens]
        spans.append((words, offsets))
        mentions.extend(_Sentence(words, offsets, gaz, lowercase).run())
    return resolve_mentions(mentions, spans, text)


class _Sentence:
    """Finds the mentions of one sentence; one instance per sentence."""

    def __init__(
        self,
        words: list[str],
        offsets: list[tuple[int, int]],
        gaz: Gazetteer,
        lowercase: set[str],
    ) -> None:
        self.words = words
        self.offsets = offsets
        self.gaz = gaz
        self.lowercase = lowercase
        self.initial = self._initial_flags()
        self.caps = self._caps_mode()

    def _initial_flags(self) -> list[bool]:
        flags = []
        previous_opens = True
        for word in self.words:
            flags.append(previous_opens)
            if word[:1].isalnum():
                previous_opens = False
            elif word in _OPENERS or word in {".", "!", "?"}:
                previous_opens = True
        return flags

    def _caps_mode(self) -> bool:
        long_words = [w for w in self.words if len(w) > 1 and w.isalpha()]
        upper = sum(1 for w in long_words if w.isupper())
        return len(long_words) >= 3 and upper >= _CAPS_SHARE * len(long_words)

    def run(self) -> list[Mention]:
        found: list[Mention] = []
        index = 0
        size = len(self.words)
        while index < size:
            word = self.words[index]
            if not word[:1].isupper():
                index += 1
                continue
            mention = self._at(index)
            if mention is None:
                found.extend(self._parts(index))
                index += 1
                continue
            self._attach_role(mention)
            found.append(mention)
            index = mention.last + 1
        return self._coordinate(found)

    def _coordinate(self, found: list[Mention]) -> list[Mention]:
        """Give untyped names the type of a name they are listed with ("X, Y und Z")."""
        for _ in range(2):
            for left, right in itertools.pairwise(found):
                if (left.type == _GUESS) == (right.type == _GUESS):
                    continue
                between = self.words[left.last + 1 : right.first]
                if not between or any(w not in _COORDINATION for w in between):
                    continue
                if left.type == _GUESS:
                    left.type = right.type
                else:
                    right.type = left.type
        words = self.words
        for mention in found:
            if mention.type != _GUESS:
                continue
            quoted = (
                mention.first > 0
                and words[mention.first - 1] in _QUOTES
                and mention.last + 1 < len(words)
                and words[mention.last + 1] in _QUOTES
            )
            mention.type = "MISC" if quoted else "PER"
        return found

    # --- one candidate -------------------------------------------------------------

    def _at(self, i: int) -> Mention | None:
        words = self.words
        word = words[i]
        gaz = self.gaz
        if self.caps:
            phrase = self._phrase(i)
            if phrase is None or self._unattested_place(i, phrase[0]):
                return None
            return self._make(i, phrase[0] - 1, phrase[2], phrase[1], True)
        if word in gaz.stopwords:
            return None
        company = self._company(i)
        if company > i:
            return self._make(i, company, "ORG", self._text(i, company), True)
        if word in gaz.org_heads and self._next_is_name_or_link(i):
            last = self._org_tail(i)
            if last == i + 1 and self._is_organisation(i + 1):
                return None
            if last > i:
                first = i - 1 if i > 0 and _ORDINAL.match(words[i - 1]) else i
                return self._make(first, last, "ORG", self._text(first, last), True)
        adjective_org = self._adjective_org(i)
        if adjective_org > i:
            return self._make(i, adjective_org, "ORG", self._text(i, adjective_org), True)
        phrase = self._phrase(i)
        if phrase is not None:
            end, canonical, kind = phrase
            if self.initial[i] and end == i + 1 and self._weak_initial(word):
                return None
            if self._unattested_place(i, end):
                return None
            last = end - 1
            tail = self._name_tail(end, after_first_name=False)
            if tail > last and kind == "LOC":
                return self._make(i, tail, "ORG", self._text(i, tail), False)
            if last + 1 < len(words) and words[last + 1] in gaz.org_suffixes:
                return self._make(i, last + 1, "ORG", self._text(i, last + 1), True)
            return self._make(i, last, kind, canonical, True)
        after_role = self._after_role(i)
        if after_role > i:
            return self._person(i, after_role)
        if self._is_first_name(word) or word in gaz.titles:
            last = self._name_tail(i + 1, after_first_name=True)
            if last >= i + 1 or (word not in gaz.titles and self._plausible_single(i)):
                last = max(last, i)
                first = i + 1 if word in gaz.titles else i
                cue = self._quoted_cue(first)
                if cue is not None:
                    return self._make(first, last, cue, self._text(first, last), True)
                return self._person(first, last)
            return None
        if self._is_role(word):
            return None
        if self._is_acronym(word):
            last = self._legal_suffix(i)
            if last == i:
                last = self._acronym_tail(i + 1)
            return self._make(i, last, "ORG", self._text(i, last), last > i)
        if _INITIAL.match(word) and i + 1 < len(words) and words[i + 1][:1].isupper():
            last = self._name_tail(i + 1, after_first_name=True)
            if last > i:
                return self._person(i, last)
        if "-" in word:
            return self._compound(i)
        if word.startswith(_STATE_PREFIXES) and gaz.org_cue_pattern.search(word.lower()):
            return self._make(i, i, "ORG", word, True)
        cued = self._cued_phrase(i)
        if cued is not None:
            return cued
        foreign = self._foreign_run(i)
        if foreign is not None:
            return foreign
        if not self._name_like(i):
            if self._speaker(i):
                return self._person(i, i)
            return None
        last = self._name_tail(i + 1, after_first_name=False)
        last = max(last, i)
        suffix_end = self._legal_suffix(last)
        if suffix_end > last:
            return self._make(i, suffix_end, "ORG", self._text(i, suffix_end), True)
        if last + 1 < len(words) and (
            self._is_acronym(words[last + 1]) or words[last + 1] in gaz.org_heads
        ):
            return self._make(i, last + 1, "ORG", self._text(i, last + 1), True)
        kind, strong = self._guess_type(i, last)
        if not strong and last == i and self.gaz.german_zipf(word.lower()) >= _SINGLE_FREQUENT:
            return None
        if kind == _GUESS and last == i:
            if self._demonym_compound(word):
                return self._make(i, i, "MISC", word, True)
            if gaz.is_foreign_common(word) and not (self._speaker(i) or self._saxon_genitive(i)):
                return None
        if kind == _GUESS and self._binomial(last):
            return None
        return self._make(i, last, kind, self._text(i, last), strong)

    def _after_role(self, i: int) -> int:
        """Return the last token of a two-word name right after a role, else ``i``.

        "Kanzleramtschef Helge Braun", "Sprecher Judd Deere": after a role noun, two
        capitalised words that are neither roles, organisations nor inflected or listed
        common nouns ("Minister Spahn Ärzten") are a given name and a surname, even when
        the given name is unlisted or the surname is also a word.
        """
        words = self.words
        if i == 0 or i + 1 >= len(words) or not self._is_role(words[i - 1]):
            return i
        for j in (i, i + 1):
            word = words[j]
            if (
                not word[:1].isupper()
                or not word.replace("-", "").isalpha()
                or word.isupper()
                or self._is_role(word)
                or word in self.gaz.stopwords
                or self._phrase_is_org(j)
                or self.gaz.lemmas.get(word, word) != word
                or word in self.gaz.nouns
            ):
                return i
        return max(i + 1, self._name_tail(i + 2, after_first_name=False))

    def _binomial(self, last: int) -> bool:
        """Return True when a Latin epithet follows ("Choloepus didactylus"): a taxon."""
        if last + 1 >= len(self.words):
            return False
        nxt = self.words[last + 1]
        return (
            nxt.islower()
            and nxt.isalpha()
            and nxt.endswith(_LATIN_ENDINGS)
            and self.gaz.german_zipf(nxt) == 0.0
            and self.gaz.lemmas.get(nxt) is None
        )

    def _unattested_place(self, i: int, end: int) -> bool:
        """Return True for a place name that is also a common word, without a place cue.

        "Corona" is a Californian city but in German news the virus: such a name is a
        place only after "in" or a word of direction ("zwischen", "nahe"), or when a
        comma or bracket adds the region ("Corona, Kalifornien").
        """
        words = self.words
        if tuple(words[i:end]) not in self.gaz.ambiguous:
            return False
        before = words[i - 1] if i > 0 else ""
        if before == "in" or before in _LOC_LINKS:
            return False
        if before in {"von", "of"} and self._place_owner(i - 2):
            return False
        if end + 1 < len(words) and words[end] in {",", "("}:
            hit = self.gaz.phrases.get((words[end + 1],))
            if hit is not None and hit[1] == "LOC" and (words[end + 1],) not in self.gaz.ambiguous:
                return False
        return True

    def _saxon_genitive(self, i: int) -> bool:
        """Return True for a genitive -s right before a common noun ("Becks Absichten").

        Only names take this prenominal genitive; a plural in -s is followed by a verb
        or an attribute, not a bare noun.
        """
        words = self.words
        if not words[i].endswith("s") or i + 1 >= len(words):
            return False
        nxt = words[i + 1]
        return nxt[:1].isupper() and nxt.isalpha() and self.gaz.is_common_word(nxt)

    def _quoted_cue(self, i: int) -> str | None:
        """Return the type a classifier noun gives a quoted name ("Zeitung „X“": ORG)."""
        if i < 2 or self.words[i - 1] not in _QUOTES or not self.words[i - 2][:1].isupper():
            return None
        cue = self.gaz.type_cue(self.words[i - 2])
        return cue if cue in {"ORG", "LOC"} else None

    def _speaker(self, i: int) -> bool:
        """Return True for a bare capitalised word beside a verb of saying ("sagte Beck").

        The word must stand without article or attribute, which a common noun in that
        position ("sagte der Bäcker") would need.
        """
        words = self.words
        gaz = self.gaz
        after = words[i + 1] if i + 1 < len(words) else ""
        before = words[i - 1] if i > 0 else ""
        if gaz.is_speech_verb(before) or (
            before == "so" and i >= 2 and words[i - 2] in _SO_OPENERS
        ):
            if after not in _CLAUSE_END and after[:1].isupper():
                return False
        elif not (gaz.is_speech_verb(after) and (i == 0 or before in _SO_OPENERS)):
            return False
        word = words[i]
        if not word.isalpha() or word.isupper() or self._after_determiner(i):
            return False
        lower = word.lower()
        if lower in self.lowercase or gaz.german_zipf(lower) >= _SPEAKER_FREQUENT:
            return False
        return not gaz.is_role(word) and gaz.type_cue(word) is None

    def _cued_phrase(self, i: int) -> Mention | None:
        """Type "<X>er <place noun>" phrases ("Lehrter Bahnhof", "Neuendorfer Straße").

        A demonym of a known place ("Berliner Journalisten") is a MISC mention, so it is
        neither taken for a person nor joined to the common noun after it.
        """
        words = self.words
        word = words[i]
        j = i + 1
        if j >= len(words) or not words[j][:1].isupper() or not word.endswith("er"):
            return None
        demonym = self._demonym(word)
        if not demonym and (self.gaz.is_noun_form(word) or self.initial[i]):
            return None
        if demonym:
            return self._make(i, i, "MISC", word, True)
        if self.gaz.type_cue(words[j]) == "LOC" or words[j].lower().endswith(_PLACE_HEADS):
            return self._make(i, j, "LOC", self._text(i, j), True)
        return None

    def _acronym_tail(self, j: int) -> int:
        """Return the last token of a name after an acronym ("THW Kiel", "JFE Holdings")."""
        words = self.words
        last = j - 1
        placed = False
        while j < len(words) and words[j][:1].isupper():
            word = words[j]
            place = self._is_place(j)
            known = place or word in self.gaz.foreign_heads
            # A place ends a club name ("SC Freiburg"); a name after it is someone else's
            # ("der Trainer des SC Verl Jan Muster").
            if placed and not (place or self._is_acronym(word)):
                break
            if not (known or self._is_acronym(word) or (word.isalpha() and self._name_like(j))):
                break
            placed = placed or place
            last = j
            j += 1
        return last

    def _is_place(self, j: int) -> bool:
        """Return True when token ``j`` alone is a known place name."""
        hit = self.gaz.phrases.get((self.words[j],))
        return hit is not None and hit[1] == "LOC"

    def _demonym_compound(self, word: str) -> bool:
        """Return True for a common noun + inhabitant compound ("Exilbayer", "Wahlsachse").

        The head names an inhabitant of a region named by their plural ("Bayer" of
        Bayern, "Sachse" of Sachsen); the modifier is a German common noun. Demonyms in
        "-er" of towns are left alone: surnames end so ("Angermayer", Mayen).
        """
        phrases = self.gaz.phrases
        for cut in range(3, len(word) - 3):
            head = word[cut].upper() + word[cut + 1 :]
            hit = phrases.get((head + "n",))
            if hit is not None and hit[1] == "LOC" and head.endswith(("e", "er")):
                modifier = word[:cut]
                return self.gaz.is_noun_form(modifier) or self.gaz.german_zipf(modifier) >= 4.0
        return False

    def _demonym(self, word: str) -> bool:
        """Return True for "Berliner", "Hamburger": a known place name + "-er"."""
        stem = word[:-2]
        phrases = self.gaz.phrases
        for candidate in (stem, stem + "en", stem + "e", stem.translate(_DEUMLAUT)):
            hit = phrases.get((candidate,))
            if hit is not None and hit[1] == "LOC" and len(candidate) > 2:
                return True
        return False

    def _foreign_run(self, i: int) -> Mention | None:
        """Return a run of two or more capitalised foreign words ("Royal Air Force")."""
        words = self.words
        if i + 1 >= len(words) or not words[i + 1][:1].isupper():
            return None
        j = i
        while j < len(words) and j - i < _FOREIGN_RUN and self.gaz.is_foreign(words[j]):
            j += 1
        if j - i < 2:
            return None
        last = j - 1
        kind = self.gaz.foreign_heads.get(words[last], "MISC")
        return self._make(i, last, kind, self._text(i, last), kind != "MISC")

    def _phrase(self, i: int) -> tuple[int, str, str] | None:
        words = self.words
        longest = self.gaz.max_phrase.get(words[i], 0)
        for length in range(min(longest, len(words) - i), 0, -1):
            hit = self.gaz.phrases.get(tuple(words[i : i + length]))
            if hit is not None:
                return i + length, hit[0], hit[1]
        return None

    def _weak_initial(self, word: str) -> bool:
        if word.lower() in self.lowercase:
            return True
        lower = word.lower()
        return self.gaz.german_zipf(lower) >= 5.5 and self.gaz.gap(lower) >= 3.0

    def _frequent(self, word: str) -> bool:
        return self.gaz.german_zipf(word.lower()) >= 4.0 or word.lower() in self.lowercase

    def _is_first_name(self, word: str) -> bool:
        return self.gaz.is_first_name(word)

    def _is_role(self, word: str) -> bool:
        return self.gaz.is_role(word)

    def _is_acronym(self, word: str) -> bool:
        letters = word.replace("-", "")
        return (
            3 <= len(letters) <= 6
            and letters.isalpha()
            and letters.isupper()
            and word not in _ROMAN
            and word not in self.gaz.org_suffixes
        )

    def _name_like(self, i: int) -> bool:
        word = self.words[i]
        if not word.isalpha() or len(word) < 2:
            return False
        lower = word.lower()
        if self.initial[i] and (
            self.gaz.german_zipf(lower) >= _INITIAL_FREQUENT
            or lower in self.lowercase
            or self._base_form(word)
        ):
            return False
        if lower in self.lowercase or self._after_determiner(i):
            return False
        zipf = self.gaz.german_zipf(lower)
        if zipf >= _FREQUENT and self.gaz.gap(lower) >= _FREQUENT_GAP:
            return False
        if i + 2 < len(self.words) and (
            self._is_first_name(self.words[i + 1]) or self.words[i + 1] in self.gaz.titles
        ):
            return False
        english = self.gaz.english(lower)
        if english >= 4.3 and english > zipf + 0.3:
            return False
        return not self.gaz.is_common_word(word)

    def _base_form(self, word: str) -> bool:
        """Return True when ``word`` in lower case is a German adjective or adverb lemma.

        A sentence capitalises its first word, so "Tiefrot leuchtet ..." is an adjective
        the lemma dictionary lists in lower case; a name is not listed that way.
        """
        lower = word.lower()
        lemmas = self.gaz.lemmas
        return lemmas.get(lower) == lower and word not in lemmas

    def _after_determiner(self, i: int) -> bool:
        """Return True when a determiner, number or attributive adjective precedes ``i``."""
        if i == 0:
            return False
        previous = self.words[i - 1]
        lower = previous.lower()
        if _DETERMINER.match(lower) or previous.isdigit():
            return True
        if previous.islower() and previous.isalpha() and lower.endswith(_ADJ_ENDINGS):
            if not self.gaz.is_inflected_adjective(lower):
                return False
            if not lower.endswith(("te", "ten")):
                return len(lower) > 3
            return i >= 2 and _DETERMINER.match(self.words[i - 2].lower()) is not None
        return False

    def _plausible_single(self, i: int) -> bool:
        return not self.initial[i] and not self.gaz.is_common_word(self.words[i])

    def _name_tail(self, j: int, *, after_first_name: bool) -> int:
        """Return the index of the last token of a name that continues at ``j`` (or j-1).

        The word right after a given name is taken as the surname; later words must look
        like names themselves, except after a particle or an initial ("von", "W.").
        """
        words = self.words
        start = j
        last = j - 1
        linked = False
        while j < len(words) and j <= last + 2:
            word = words[j]
            initial = _INITIAL.match(word) is not None and (j > start or after_first_name)
            bridge = word in _PARTICLES or initial
            if bridge and j == last + 1 and j + 1 < len(words) and words[j + 1][:1].isupper():
                linked = True
                j += 1
                continue
            if not word[:1].isupper() or not word.replace("-", "").isalpha():
                break
            if self._is_role(word) or self._phrase_is_org(j) or word in self.gaz.stopwords:
                break
            if (
                (linked and not self.gaz.is_common_word(word))
                or (linked and after_first_name and words[j - 1] in _NAME_PARTICLES)
                or (after_first_name and j == start)
                or self._is_first_name(word)
                or self._name_like(j)
            ):
                last = j
                linked = False
                j += 1
                continue
            break
        return last

    def _phrase_is_org(self, j: int) -> bool:
        hit = self.gaz.phrases.get((self.words[j],))
        return hit is not None and hit[1] == "ORG"

    def _next_is_name_or_link(self, i: int) -> bool:
        words = self.words
        if i + 1 >= len(words):
            return False
        nxt = words[i + 1]
        if nxt in {"für", "zur", "zum", "of", "for"}:
            return i + 2 < len(words) and words[i + 2][:1].isupper()
        if (nxt,) in self.gaz.phrases:
            return True
        return nxt[:1].isupper() and nxt.isalpha() and not self.gaz.is_common_word(nxt)

    def _is_organisation(self, j: int) -> bool:
        """Return True for an acronym or a known organisation ("AFP" after "Agentur")."""
        word = self.words[j]
        hit = self.gaz.phrases.get((word,))
        return self._is_acronym(word) or (hit is not None and hit[1] == "ORG")

    def _adjective_org(self, i: int) -> int:
        """Return the end of "<Adjective> <organisation>" ("Bayerischen Rundfunks"), or i.

        A capitalised adjective belongs to the name when an organisation head follows
        ("Medizinische Hochschule Hannover", "Hessischer Rundfunk").
        """
        words = self.words
        word = words[i]
        if i + 1 >= len(words) or not word.endswith(_ADJ_ENDINGS) or not word.isalpha():
            return i
        nxt = words[i + 1]
        if not nxt[:1].isupper():
            return i
        head = nxt in self.gaz.org_heads
        if not head and ("-" in nxt or not self.gaz.org_cue_pattern.search(nxt.lower())):
            return i
        lower = word.lower()
        if self.gaz.lemmas.get(lower) is None or not self.gaz.is_inflected_adjective(lower):
            return i
        if not head:
            return i + 1
        if self._next_is_name_or_link(i + 1):
            return max(self._org_tail(i + 1), i + 1)
        return i

    def _org_tail(self, i: int) -> int:
        words = self.words
        last = i
        j = i + 1
        placed = False
        while j < len(words) and j - i <= 10:
            word = words[j]
            if word[:1].isupper() and word.replace("-", "").isalnum():
                place = self._is_place(j)
                # A place ends the name ("SC Freiburg", "Universität Hamburg"); a name
                # after it belongs to someone else ("des SC Verl Jan Muster").
                if placed and not place and not self._is_acronym(word):
                    break
                placed = placed or place
                last = j
            elif (
                word not in _ORG_LINKS
                or j + 1 >= len(words)
                or (not words[j + 1][:1].isupper() and words[j + 1] not in _ARTICLES)
            ):
                break
            j += 1
        return last

    def _company(self, i: int) -> int:
        """Return the index of a legal form ending a company name at ``i`` ("… GmbH"), or i."""
        words = self.words
        if _DETERMINER.match(words[i].lower()):
            return i
        for j in range(i + 1, min(i + 5, len(words))):
            word = words[j]
            if word in self.gaz.org_suffixes:
                return j
            if not (word[:1].isupper() or word == "&"):
                break
        return i

    def _legal_suffix(self, last: int) -> int:
        j = last + 1
        if j < len(self.words) and self.words[j] in self.gaz.org_suffixes:
            return j
        return last

    def _compound(self, i: int) -> Mention | None:
        word = self.words[i]
        parts = word.split("-")
        if not all(parts):
            return None
        lower = word.lower()
        head = parts[-1]
        first_is_name = (
            (parts[0],) in self.gaz.phrases
            or self._is_acronym(parts[0])
            or not self.gaz.is_common_word(parts[0])
        )
        if head[:1].isupper() and self.gaz.org_cue_pattern.search(lower) and first_is_name:
            if self.gaz.is_common_word(parts[0]) and (parts[0],) not in self.gaz.phrases:
                return None
            return self._make(i, i, "ORG", word, True)
        if all(p[:1].isupper() and not self.gaz.is_common_word(p) for p in parts):
            if self.gaz.is_foreign_common(head):
                return None
            if self.initial[i] and self._frequent(word):
                return None
            kind, strong = self._guess_type(i, i)
            return self._make(i, i, kind, word, strong)
        return None

    def _parts(self, i: int) -> list[Mention]:
        """Return mentions of known names inside a compound ("Kreml-Berater" → "Kreml")."""
        word = self.words[i]
        if "-" not in word or self.caps:
            return []
        found = []
        start = self.offsets[i][0]
        for part in word.split("-"):
            hit = self.gaz.phrases.get((part,))
            if hit is not None and part[:1].isupper() and (part,) not in self.gaz.ambiguous:
                found.append(Mention(start, start + len(part), i, i, hit[1], hit[0], strong=True))
            start += len(part) + 1
        return found

    def _guess_type(self, i: int, last: int) -> tuple[str, bool]:
        words = self.words
        gaz = self.gaz
        if self._role_before(i) is not None:
            return "PER", True
        tail = words[last].lower()
        if gaz.org_cue_pattern.search(tail) and last > i:
            return "ORG", True
        if last > i and any(
            gaz.phrases.get((w,), ("", ""))[1] == "LOC" for w in words[i : last + 1]
        ):
            return "ORG", False
        if any(
            w.isupper() or (w[1:] != w[1:].lower() and "-" not in w) for w in words[i : last + 1]
        ):
            return "ORG", False
        previous = words[i - 1] if i > 0 else ""
        if previous[:1].isupper():
            cued = gaz.type_cue(previous)
            if cued is not None:
                return cued, False
        quoted = self._quoted_cue(i)
        if quoted is not None:
            return quoted, False
        if gaz.loc_pattern.search(tail):
            return "LOC", False
        if previous in _LOC_PREPOSITIONS and last == i:
            return "LOC", False
        if previous in _LOC_LINKS or (previous in {"von", "of"} and self._place_owner(i - 2)):
            return "LOC", False
        return _GUESS, False

    def _place_owner(self, j: int) -> bool:
        """Return True when token ``j`` governs a place in "<j> von X" ("Bischof von X")."""
        if j < 0:
            return False
        word = self.words[j]
        if word.lower() in _DIRECTIONS:
            return True
        return word[:1].isupper() and (self._is_role(word) or self.gaz.type_cue(word) == "LOC")

    def _person(self, first: int, last: int) -> Mention:
        return self._make(first, last, "PER", self._text(first, last), True)

    def _make(self, first: int, last: int, kind: str, name: str, strong: bool) -> Mention:
        return Mention(
            self.offsets[first][0], self.offsets[last][1], first, last, kind, name, strong
        )

    def _text(self, first: int, last: int) -> str:
        return " ".join(self.words[first : last + 1])

    # --- roles ---------------------------------------------------------------------

    def _role_before(self, i: int) -> int | None:
        """Return the index of a role or title token right before token ``i``."""
        j = i - 1
        if j >= 0 and (self._is_role(self.words[j]) or self.words[j] in self.gaz.titles):
            return j
        return None

    def _attach_role(self, mention: Mention) -> None:
        if mention.type != "PER":
            return
        words = self.words
        j = mention.first - 1
        if j >= 0 and words[j] in self.gaz.titles:
            j -= 1
        if j >= 0 and self._is_role(words[j]):
            mention.role = self._span(self._role_left(j), j)
            return
        if j >= 1 and words[j] == ",":
            k = j - 1
            while k >= 0 and j - k <= 8:
                word = words[k]
                if self._is_role(word):
                    mention.role = self._span(self._role_left(k), j - 1)
                    return
                if not self._role_filler(word):
                    break
                k -= 1
        k = mention.last + 1
        if k + 1 < len(words) and words[k] == ",":
            k += 1
            if words[k].lower() in _ARTICLES:
                k += 1
            while k < len(words) and words[k].islower() and words[k].endswith(_ADJ_ENDINGS):
                k += 1
            if k < len(words) and self._is_role(words[k]):
                mention.role = self._span(k, self._role_right(k))

    def _span(self, first: int, last: int) -> tuple[int, int]:
        return self.offsets[first][0], self.offsets[last][1]

    def _role_filler(self, word: str) -> bool:
        if word in _ARTICLES or word in _ROLE_LINKS:
            return True
        if word[:1].isupper():
            return word.replace("-", "").isalpha()
        return word.isalpha() and word.endswith(_ADJ_ENDINGS)

    def _role_left(self, j: int) -> int:
        """Extend a role leftwards over adjectives and a genitive name ("Putins")."""
        words = self.words
        start = j
        k = j - 1
        while k >= 0:
            word = words[k]
            if word.islower() and word.isalpha() and word.endswith(_ATTRIBUTIVE):
                start = k
            elif word[:1].isupper() and word.endswith("s") and not self.initial[k]:
                start = k
                break
            elif word[:1].isupper() and word.endswith("s") and self.initial[k]:
                if (word,) in self.gaz.phrases or not self.gaz.is_common_word(word):
                    start = k
                break
            else:
                break
            k -= 1
        return start

    def _role_right(self, k: int) -> int:
        """Extend a role rightwards over a genitive or prepositional complement."""
        words = self.words
        end = k
        j = k + 1
        while j < len(words) and j - k <= 8:
            word = words[j]
            if word in {",", ".", ";", ":", "!", "?", "(", ")"}:
                break
            if word[:1].isupper():
                end = j
            elif not self._role_filler(word):
                break
            j += 1
        return end
