"""Definite role descriptions that point back to a named person.

News text names a person once ("Der Virologe Otto Muster", "Gesundheitsministerin Jana
Beispiel (SPD)") and then refers back with a broader role: "der Wissenschaftler", "der
Bonner Forscher", "laut dem Virologen", "die SPD-Politikerin". This module decides which
earlier person such a description fits: the role noun must be the person's role or one of
its broader classes (``quote_role_classes.tsv``), its grammatical gender must agree with
what is known of the person, and a party or organisation written into it ("der
CDU-Politiker") must agree with the person's known affiliation. Origin adjectives ("der
Bonner Forscher") say nothing checkable here and are ignored.

The module only scores; :mod:`synopse.analysis.speakers` gathers the candidates.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import NamedTuple

from synopse.errors import LanguageDataError
from synopse.lang import load_table

#: Inflection endings a role noun may carry in a description ("des Ministers", "dem
#: Virologen"), tried after the bare form.
_ENDINGS = ("", "n", "en", "s", "es")
#: A compound modifier written with a hyphen that names a body: an acronym ("CDU-",
#: "AfD-", "US-", "RKI-"), at least two capitals.
_AFFILIATION = re.compile(r"^([A-ZÄÖÜ][A-Za-zÄÖÜäöü]*[A-ZÄÖÜ][A-Za-zÄÖÜäöü]*)[-‐‑]")
#: The capitalised first part of a hyphenated role noun ("Grünen-Politiker"); in a role
#: noun it names the body the person belongs to.
_ROLE_PREFIX = re.compile(r"^([A-ZÄÖÜ][A-Za-zÄÖÜäöü]*)[-‐‑]\w")


class RoleClass(NamedTuple):
    """A role noun's base form, gender and broader classes."""

    lemma: str
    gender: str | None
    """"m", "f", or None when only the article tells (a nominalised adjective)."""
    classes: frozenset[str]


class Description(NamedTuple):
    """What a definite description says about the person it names."""

    lemma: str
    gender: str | None
    affiliation: str | None


class Candidate(NamedTuple):
    """An earlier person with what the text has said about them."""

    name: str
    lemmas: frozenset[str]
    """Lemmas of the roles written with the person."""
    classes: frozenset[str]
    """Broader classes of those roles."""
    gender: str | None
    affiliations: frozenset[str]
    position: int
    """End offset of the person's last mention before the description."""


@functools.cache
def _table(lang: str) -> tuple[tuple[str, RoleClass], ...]:
    rows: list[tuple[str, RoleClass]] = []
    try:
        table = load_table(lang, "quote_role_classes.tsv")
    except LanguageDataError:
        # Optional file: a language without it resolves only the same role noun.
        return ()
    for row in table:
        classes = frozenset(c for c in row["classes"].split() if c != "-")
        gender = row["gender"] if row["gender"] in ("m", "f") else None
        rows.append((row["noun"], RoleClass(row["lemma"], gender, classes)))
    # Longest ending first, so "staatsanwalt" wins over "anwalt".
    return tuple(sorted(rows, key=lambda item: (-len(item[0]), item[0])))


def role_nouns(lang: str) -> frozenset[str]:
    """Return the role nouns the class table knows (all name persons)."""
    return frozenset(noun for noun, _ in _table(lang))


def _match(word: str, lang: str) -> tuple[RoleClass, str] | None:
    lower = word.lower()
    for ending in _ENDINGS:
        if ending and not lower.endswith(ending):
            continue
        stem = lower[: len(lower) - len(ending)] if ending else lower
        for noun, found in _table(lang):
            if stem.endswith(noun):
                return found, ending
    return None


def role_class(word: str, lang: str) -> RoleClass | None:
    """Return the role class of a (possibly compound, possibly inflected) role noun.

    Example:
        >>> role_class("Virologen", "de").lemma
        'virologe'
        >>> role_class("Gesundheitsministerin", "de").gender
        'f'
    """
    matched = _match(word, lang)
    return matched[0] if matched else None


def affiliation(word: str, *, role: bool = False) -> str | None:
    """Return the body named by a hyphenated modifier ("CDU-Politikerin" → "CDU").

    An acronym counts in any word; in a role noun (``role``) any capitalised first part
    does ("Grünen-Politikerin" → "Grünen").
    """
    match = (_ROLE_PREFIX if role else _AFFILIATION).match(word)
    return match.group(1) if match else None


def description(words: Sequence[str], lang: str) -> Description | None:
    """Read a definite description: article, optional modifiers, role noun.

    Args:
        words: The words of the phrase ("der", "Bonner", "Forscher").
        lang: Language of the word lists.

    Returns:
        The description, or None when the last word is no known role noun.
    """
    if len(words) < 2:
        return None
    matched = _match(words[-1], lang)
    if matched is None:
        return None
    found, ending = matched
    gender = found.gender
    article, noun = words[0].lower(), words[-1].lower()
    if gender == "m" and (article == "die" or (article == "der" and ending)):
        # "die Wissenschaftler", "aus Sicht der Virologen": a plural names a group.
        return None
    if gender is None:
        # "der Abgeordnete" (m), "die Abgeordnete" (f); "der Abgeordneten" is the dative
        # or genitive of a woman, "dem/den/des Abgeordneten" of a man.
        if article == "die":
            gender = "f"
        elif article == "der":
            gender = "f" if noun.endswith("n") else "m"
        elif article in ("dem", "den", "des"):
            gender = "m"
    modifier = affiliation(words[-1], role=True) or next(
        (a for a in map(affiliation, words) if a is not None), None
    )
    return Description(found.lemma, gender, modifier)


def _same_body(one: str, other: str) -> bool:
    """Tell whether two names of a body differ at most by an inflection ("Grüne"/"Grünen")."""
    short, long = sorted((one.lower(), other.lower()), key=len)
    return long.startswith(short) and long[len(short) :] in _ENDINGS


def _score(wanted: Description, candidate: Candidate) -> int:
    """Return 0 for an incompatible candidate, else higher for a better fit.

    4: the same role; 2: a broader class of one of its roles; +1 when the description's
    affiliation is one the person is known by; that affiliation alone makes a fit of 2
    whatever the person's role.
    """
    if wanted.gender and candidate.gender and wanted.gender != candidate.gender:
        return 0
    bonus = 0
    if wanted.affiliation is not None and candidate.affiliations:
        if not any(_same_body(wanted.affiliation, a) for a in candidate.affiliations):
            return 0
        bonus = 1
    if wanted.lemma in candidate.lemmas:
        return 4 + bonus
    if wanted.lemma in candidate.classes:
        return 2 + bonus
    # "der CDU-Politiker" for "Otto Muster (CDU)": the shared party is evidence enough.
    return 2 if bonus else 0


def choose(wanted: Description, candidates: Sequence[Candidate]) -> str | None:
    """Return the person a description names, or None when none or several fit equally.

    The same role written before decides as it always did: the most recent person who
    held it. A broader class resolves only when one person fits best: an unresolved
    speaker is better than a wrong one.

    Args:
        wanted: The description.
        candidates: Earlier persons, one per name.

    Returns:
        The name, or None.
    """
    scored = [(s, c) for c in candidates if (s := _score(wanted, c)) > 0]
    if not scored:
        return None
    best = max(s for s, _ in scored)
    top = sorted((c for s, c in scored if s == best), key=lambda c: c.position, reverse=True)
    if best >= 4 or len(top) == 1:
        return top[0].name
    return None
