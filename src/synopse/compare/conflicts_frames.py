"""Conflicts of roles, agency, scope and loaded wording: who someone is, who acts, on what.

Outlets that agree on the figures still disagree on the frame around them. Four
finders look for that without needing the sentences to be aligned as one fact; each
is keyed by a small cue lexicon, so candidate sentences are few and cost stays linear:

* **roles**: the role phrases written with one person's mentions ("der russische
  US-Botschafter" vs "des russischen Botschafters in Washington") tie the person to
  countries (demonym adjectives, country names, country compound modifiers). Two
  documents whose roles share a head noun but name different countries disagree on
  who the person is (attribution, medium).
* **agency**: for an accusation word family (provozieren / Provokation / provokativ)
  each document's agent is found (the subject of the verb, a genitive or possessive
  of the noun, or the accused of "X wirft Y Provokationen vor"). When one document's
  agent is the other party of another document's sentence, they disagree on who
  provokes whom (characterization, hard).
* **scope**: a threatened break-off of relations ("abbrechen", "zerstören") is
  compared by what it covers: "aller Beziehungen" vs "die Beziehung zu den USA" vs
  "zwischen Russland und dem Westen" (characterization, medium).
* **loaded wording**: a strongly loaded word in an outlet's own voice ("Erpressung")
  that judges a thing other outlets name neutrally (Russia's "Forderungen",
  "Sicherheitsgarantien"); the thing is found in the same sentence or, after an
  anaphoric opener ("Das sind Töne ..."), in the sentence before (characterization,
  medium).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import babel

from synopse.compare.conflicts_base import WORD, Context, Draft
from synopse.compare.lemmas import lemmatize
from synopse.errors import LanguageDataError
from synopse.lang import load_set, load_table
from synopse.model.analysis import Analysis
from synopse.model.comparison import ConflictValue

_CLAUSE_BREAK = re.compile(r"[,;:–—]")
#: Inflection endings tried after a noun term ("Forderung" + "en").
NOUN_ENDINGS = ("", "e", "en", "n", "s", "es", "er")
#: Endings of an inflected demonym adjective ("russisch" + "en").
ADJECTIVE_ENDINGS = ("", "e", "en", "er", "es", "em")
#: ISO codes in babel's territory list that are not countries.
NON_COUNTRY_CODES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB"})
#: Entity types that can act or hold a role.
ACTOR_TYPES = frozenset({"PER", "ORG", "LOC"})
#: Words between a break-off word and the thing broken off.
SCOPE_WINDOW = 6
#: Least length of a role head noun compared by prefix.
MIN_HEAD = 4
#: Referent mentions cited per document in a loaded-wording conflict.
MAX_REFERENT_VALUES = 3
#: Words between a loaded word and the thing it judges in one sentence.
LOADED_WINDOW = 8
#: Articles that open a genitive after a noun ("Provokationen der Nato").
GENITIVE_ARTICLES = frozenset({"der", "des", "eines", "einer"})

_Word = tuple[int, int, str]


# --- lexicons ------------------------------------------------------------------------


@functools.cache
def _affiliations(lang: str) -> tuple[tuple[tuple[str, str], ...], Mapping[str, str]]:
    """Return (adjective stem, country) pairs and word → country for role phrases."""
    adjectives: list[tuple[str, str]] = []
    words: dict[str, str] = {}
    for row in load_table(lang, "conflict_affiliations.tsv"):
        term, country = row["term"].strip(), row["country"].strip()
        if row["kind"].strip() == "adjective":
            adjectives.append((term.casefold(), country))
        else:
            words[term.casefold()] = country
    territories: Mapping[str, str]
    try:
        territories = dict(babel.Locale(lang).territories)
    except (ValueError, babel.UnknownLocaleError):
        territories = {}
    for code, name in sorted(territories.items()):
        is_country = len(code) == 2 and code.isalpha() and code not in NON_COUNTRY_CODES
        if is_country and " " not in name and "-" not in name:
            words.setdefault(name.casefold(), code)
            words.setdefault(name.casefold() + "s", code)
    adjectives.sort(key=lambda item: -len(item[0]))
    return tuple(adjectives), words


@functools.cache
def _oblique(lang: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in load_set(lang, "conflict_oblique_words.txt"))


@functools.cache
def _agency_terms(lang: str) -> tuple[tuple[str, str, str, str], ...]:
    try:
        rows = load_table(lang, "conflict_agency.tsv")
    except LanguageDataError:  # a language without the table finds no agency conflicts
        return ()
    return tuple(
        (row["family"].strip(), row["term"].casefold().strip(), row["match"].strip(), row["pos"])
        for row in rows
    )


@functools.cache
def _accusation_verbs(lang: str) -> tuple[str, ...]:
    return tuple(sorted(w.casefold() for w in load_set(lang, "conflict_accusation_verbs.txt")))


@functools.cache
def _scope_terms(lang: str) -> dict[str, dict[str, tuple[str, ...]]]:
    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    try:
        rows = load_table(lang, "conflict_scope.tsv")
    except LanguageDataError:  # a language without the table finds no scope conflicts
        rows = ()
    for row in rows:
        out[row["family"].strip()][row["slot"].strip()].append(row["term"].casefold().strip())
    return {f: {s: tuple(t) for s, t in slots.items()} for f, slots in sorted(out.items())}


@functools.cache
def _loaded_terms(lang: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        (row["term"].casefold().strip(), row["polarity"].strip())
        for row in load_table(lang, "conflict_loaded.tsv")
    )


@functools.cache
def _referent_terms(lang: str) -> tuple[tuple[str, str, str], ...]:
    try:
        rows = load_table(lang, "conflict_referents.tsv")
    except LanguageDataError:  # a language without the table characterises no referents
        return ()
    return tuple(
        (row["family"].strip(), row["term"].casefold().strip(), row["match"].strip())
        for row in rows
    )


@functools.cache
def _anaphora(lang: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in load_set(lang, "conflict_anaphora.txt"))


def term_matches(word: str, term: str, match: str) -> bool:
    """True when a casefolded word is an inflected form of a lexicon term.

    ``prefix`` terms match the start of the word (verb and adjective stems); ``noun``
    terms match its end plus an inflection ending, so compounds match their head.

    Example:
        >>> term_matches("sicherheitsgarantien", "garantie", "noun")
        True
    """
    if match == "prefix":
        return word.startswith(term)
    return any(word.endswith(term + ending) for ending in NOUN_ENDINGS)


# --- per-document helpers ------------------------------------------------------------


class _Doc:
    """Sentence words, actor mentions and clause breaks of one document, built lazily."""

    def __init__(self, context: Context, doc: str) -> None:
        self.context = context
        self.doc = doc
        self.analysis: Analysis = context.analyses[doc]
        self.text = self.analysis.document.text
        mentions = []
        for m in self.analysis.entities:
            cluster = context.cluster_of.get((doc, m.start, m.end))
            if cluster is not None and m.type in ACTOR_TYPES:
                mentions.append((m.start, m.end, cluster))
        mentions.sort()
        self.mentions = mentions
        self.starts = [m[0] for m in mentions]

    def words(self, sentence: int) -> list[_Word]:
        s = self.analysis.sentences[sentence]
        return [(m.start(), m.end(), m.group()) for m in WORD.finditer(self.text, s.start, s.end)]

    def clause(self, sentence: int, offset: int) -> tuple[int, int]:
        """Return the clause (between , ; : and dashes) of a sentence holding an offset."""
        s = self.analysis.sentences[sentence]
        start, end = s.start, s.end
        for m in _CLAUSE_BREAK.finditer(self.text, s.start, s.end):
            if m.end() <= offset:
                start = m.end()
            elif m.start() >= offset:
                end = m.start()
                break
        return start, end

    def actors(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Return the actor mentions (start, end, cluster) inside a span."""
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i][0] < end:
            if self.mentions[i][1] <= end:
                out.append(self.mentions[i])
            i += 1
        return out


def _name(context: Context, cluster: str) -> str:
    return context.clusters[cluster].name


def _names(context: Context, clusters: Iterable[str]) -> str:
    return ", ".join(sorted(_name(context, c) for c in clusters))


# --- roles ---------------------------------------------------------------------------


def _stem(word: str) -> str:
    folded = word.casefold()
    if folded.endswith("innen"):
        return folded[:-3]
    if folded.endswith("in"):
        return folded
    for ending in ("es", "en", "s", "n"):
        if folded.endswith(ending) and len(folded) - len(ending) >= MIN_HEAD:
            return folded[: -len(ending)]
    return folded


def role_countries(role: str, lang: str = "de") -> tuple[str, frozenset[str]]:
    """Return the head noun stem of a role phrase and the countries it ties the role to.

    Countries come from demonym adjectives ("russische"), country names ("Russlands
    Präsident") and country modifiers of compounds ("US-Botschafter"); a preposition
    after the head ends the search, so a posting ("in Washington") does not count.

    Example:
        >>> role_countries("russische US-Botschafter")
        ('botschafter', frozenset({'RU', 'US'}))
    """
    adjectives, words = _affiliations(lang)
    oblique = _oblique(lang)
    head = ""
    countries: set[str] = set()
    for token in WORD.findall(role):
        folded = token.casefold()
        if head and folded in oblique:
            break
        if folded in words:
            countries.add(words[folded])
            continue
        if token[:1].islower():
            for stem, country in adjectives:
                if folded.startswith(stem) and folded[len(stem) :] in ADJECTIVE_ENDINGS:
                    countries.add(country)
                    break
            continue
        parts = token.split("-")
        for part in parts[:-1]:
            if part.casefold() in words:
                countries.add(words[part.casefold()])
        if not head:
            head = _stem(parts[-1])
    return head, frozenset(countries)


def _same_head(a: str, b: str) -> bool:
    return min(len(a), len(b)) >= MIN_HEAD and (a.startswith(b) or b.startswith(a))


def find_roles(context: Context) -> list[Draft]:
    """Find one person described with roles that tie them to different countries.

    Args:
        context: The run's indexes.

    Returns:
        One attribution draft per person whose roles disagree across documents.
    """
    by_cluster: dict[str, list[tuple[str, int, int, str, frozenset[str]]]] = defaultdict(list)
    for doc, analysis in context.analyses.items():
        for m in analysis.entities:
            if not m.role or m.role_start < 0:
                continue
            cluster = context.cluster_of.get((doc, m.start, m.end))
            if cluster is None or context.clusters[cluster].type != "PER":
                continue
            head, countries = role_countries(m.role, context.lang)
            if head and countries:
                start, end = min(m.start, m.role_start), max(m.end, m.role_end)
                by_cluster[cluster].append((doc, start, end, head, countries))
    drafts = []
    for cluster, roles in sorted(by_cluster.items()):
        clashing: set[int] = set()
        for i, (doc_a, _, _, head_a, set_a) in enumerate(roles):
            for j in range(i + 1, len(roles)):
                doc_b, _, _, head_b, set_b = roles[j]
                if doc_a != doc_b and set_a != set_b and _same_head(head_a, head_b):
                    clashing.update((i, j))
        if not clashing:
            continue
        values = tuple(
            ConflictValue(
                roles[n][0],
                f"role: {context.text(roles[n][0], roles[n][1], roles[n][2])} "
                f"({', '.join(sorted(roles[n][4]))})",
                roles[n][1],
                roles[n][2],
            )
            for n in sorted(clashing)
        )
        drafts.append(Draft("attribution", f"role of {_name(context, cluster)}", values, "medium"))
    return drafts


# --- agency --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Act:
    doc: str
    start: int
    end: int
    agents: frozenset[str]
    others: frozenset[str]
    accusers: frozenset[str]


@functools.lru_cache(maxsize=1 << 16)  # as _referent_family: words recur
def _agency_family(word: str, lang: str) -> tuple[str, str] | None:
    folded = word.casefold()
    for family, term, match, pos in _agency_terms(lang):
        if term_matches(folded, term, match):
            return family, pos
    return None


def _agents(
    d: _Doc, sentence: int, words: list[_Word], n: int, pos: str
) -> tuple[set[str], set[str]]:
    """Return (agents, accusers) of the accusation word ``words[n]``."""
    lang = d.context.lang
    oblique = _oblique(lang)
    w_start, w_end, _ = words[n]
    c_start, c_end = d.clause(sentence, w_start)
    in_clause = d.actors(c_start, c_end)
    before_word = {w[0]: words[k - 1][2].casefold() for k, w in enumerate(words) if k}
    if pos == "verb":
        subjects = [m for m in in_clause if before_word.get(m[0], "") not in oblique]
        earlier = [m for m in subjects if m[1] <= w_start]
        later = [m for m in subjects if m[0] >= w_end]
        pick = earlier[-1:] or later[:1]
        return {m[2] for m in pick}, set()
    verbs = _accusation_verbs(lang)
    for k in range(n - 1, -1, -1):
        if words[k][0] < c_start:
            break
        if words[k][2].casefold().startswith(verbs):
            accused = {m[2] for m in in_clause if words[k][1] <= m[0] and m[1] <= w_start}
            s = d.analysis.sentences[sentence]
            accusers = {m[2] for m in d.actors(s.start, words[k][0])} - accused
            return accused, accusers
    possessive = [m for m in in_clause if m[1] <= w_start and w_start - m[1] <= 2]
    if possessive and d.text[possessive[-1][0] : possessive[-1][1]].endswith("s"):
        return {possessive[-1][2]}, set()
    k = n + 1
    if pos == "adjective" and k < len(words) and words[k][2][:1].isupper():
        k += 1
    if k < len(words) and words[k][2].casefold() in GENITIVE_ARTICLES:
        after = [m for m in in_clause if m[0] >= words[k][1]]
        if after and after[0][0] - words[k][1] <= 2 + (
            len(words[k + 1][2]) + 1 if k + 1 < len(words) and words[k + 1][2].islower() else 0
        ):
            return {after[0][2]}, set()
    return set(), set()


def find_agency(context: Context) -> list[Draft]:
    """Find documents that name opposite agents for one accusation ("who provokes whom").

    Args:
        context: The run's indexes.

    Returns:
        One characterization draft per accusation family whose agents are reversed.
    """
    acts: dict[str, list[_Act]] = defaultdict(list)
    for doc in context.analyses:
        d = _Doc(context, doc)
        for sentence in range(len(d.analysis.sentences)):
            words = d.words(sentence)
            for n, (_, _, form) in enumerate(words):
                hit = _agency_family(form, context.lang)
                if hit is None:
                    continue
                agents, accusers = _agents(d, sentence, words, n, hit[1])
                if not agents:
                    continue
                s = d.analysis.sentences[sentence]
                everyone = {m[2] for m in d.actors(s.start, s.end)}
                acts[hit[0]].append(
                    _Act(
                        doc,
                        s.start,
                        s.end,
                        frozenset(agents),
                        frozenset(everyone - agents),
                        frozenset(accusers),
                    )
                )
    drafts = []
    for family, items in sorted(acts.items()):
        by_doc: dict[str, set[str]] = defaultdict(set)
        others: dict[str, set[str]] = defaultdict(set)
        for act in items:
            by_doc[act.doc] |= act.agents
            others[act.doc] |= act.others
        docs = sorted(by_doc, key=lambda x: context.order[x])
        reversed_pair = any(
            not by_doc[a] & by_doc[b] and (by_doc[a] & others[b] or by_doc[b] & others[a])
            for i, a in enumerate(docs)
            for b in docs[i + 1 :]
        )
        if not reversed_pair:
            continue
        involved = {a for a in docs for b in docs if a != b and not by_doc[a] & by_doc[b]}
        values = []
        for act in items:
            if act.doc not in involved:
                continue
            label = f"agent: {_names(context, act.agents)}"
            if act.accusers:
                label += f" (according to {_names(context, act.accusers)})"
            values.append(ConflictValue(act.doc, label, act.start, act.end))
        drafts.append(
            Draft("characterization", f"who is the agent of {family}", tuple(values), "hard")
        )
    return drafts


# --- scope ---------------------------------------------------------------------------


def _scope_of(
    d: _Doc, words: list[_Word], obj: int, action: int, slots: Mapping[str, tuple[str, ...]]
) -> tuple[frozenset[str], str]:
    """Return the scope keys and label of "object … action" (or "action … object")."""
    lang = d.context.lang
    keys: set[str] = set()
    labels: list[str] = []
    for k in range(max(0, obj - 2), obj):
        if words[k][2].casefold() in slots.get("quantifier", ()):
            keys.add("*all")
            labels.append(f"all ({words[k][2]})")
    stop = action if action > obj else len(words)
    generic = slots.get("generic", ())
    span_end = words[stop - 1][1] if stop > obj + 1 else words[obj][1]
    mentions = d.actors(words[obj][1], span_end)
    seen: set[str] = set()
    for k in range(obj + 1, stop):
        start, end, form = words[k]
        if not form[:1].isupper():
            continue
        inside = [m for m in mentions if m[0] <= start and end <= m[1]]
        if inside:
            if inside[0][2] not in seen:
                seen.add(inside[0][2])
                keys.add(inside[0][2])
                labels.append(_name(d.context, inside[0][2]))
            continue
        lemma = lemmatize(form, lang).casefold()
        if lemma in generic or form.casefold() in generic:
            continue
        keys.add(lemma)
        labels.append(form)
    return frozenset(keys), ", ".join(labels) if labels else "not specified"


def find_scope(context: Context) -> list[Draft]:
    """Find a threatened break-off of relations whose scope documents render differently.

    Args:
        context: The run's indexes.

    Returns:
        One characterization draft per family whose scopes disagree.
    """
    drafts = []
    for family, slots in _scope_terms(context.lang).items():
        actions, objects = slots.get("action", ()), slots.get("object", ())
        hits: list[tuple[str, int, int, frozenset[str], str]] = []
        for doc in context.analyses:
            d = _Doc(context, doc)
            for sentence in range(len(d.analysis.sentences)):
                words = d.words(sentence)
                for a, (a_start, a_end, form) in enumerate(words):
                    if not form.casefold().startswith(actions):
                        continue
                    clause = d.clause(sentence, a_start)
                    near = [
                        k
                        for k in range(max(0, a - SCOPE_WINDOW), min(len(words), a + SCOPE_WINDOW))
                        if k != a
                        and clause[0] <= words[k][0] < clause[1]
                        and any(term_matches(words[k][2].casefold(), t, "noun") for t in objects)
                    ]
                    if not near:
                        continue
                    obj = min(near, key=lambda k: abs(k - a))
                    keys, label = _scope_of(d, words, obj, a, slots)
                    start = min(words[obj][0], a_start)
                    end = max(words[obj][1], a_end)
                    if any(
                        w[2].casefold() in slots.get("quantifier", ())
                        for w in words[max(0, obj - 2) : obj]
                    ):
                        start = min(start, words[max(0, obj - 2)][0])
                    hits.append((doc, start, end, keys, label))
        specified = [h for h in hits if h[3]]
        clash = any(
            a[0] != b[0] and not (a[3] <= b[3] or b[3] <= a[3])
            for i, a in enumerate(specified)
            for b in specified[i + 1 :]
        )
        if not clash:
            continue
        values = tuple(
            ConflictValue(doc, f"scope: {label}", start, end) for doc, start, end, _, label in hits
        )
        drafts.append(
            Draft("characterization", f"scope of the threatened {family}", values, "medium")
        )
    return drafts


# --- loaded wording ------------------------------------------------------------------


def _referents(words: list[_Word], lang: str, nouns_only: bool = False) -> list[tuple[str, int]]:
    out = []
    for n, (_, _, form) in enumerate(words):
        family = _referent_family(form.casefold(), lang, nouns_only)
        if family is not None:
            out.append((family, n))
    return out


# Per word, every term of the lexicon is tried with every ending; the same words recur
# in every sentence of a large story, so the answer is kept per word.
@functools.lru_cache(maxsize=1 << 16)
def _referent_family(folded: str, lang: str, nouns_only: bool) -> str | None:
    terms = _referent_terms(lang)
    if any(m == "exclude" and term_matches(folded, t, "noun") for _, t, m in terms):
        return None
    for family, term, match in terms:
        if match == "exclude" or (nouns_only and match != "noun"):
            continue
        if term_matches(folded, term, match):
            return family
    return None


def _adjective(word: str, lang: str) -> bool:
    """True for an inflected attributive adjective ("weitreichenden"): stem + ending."""
    if not word[:1].islower():
        return False
    lemma = lemmatize(word, lang).casefold()
    return lemma != word and word.startswith(lemma) and word[len(lemma) :] in ADJECTIVE_ENDINGS


def _anaphoric(words: list[_Word], anaphora: frozenset[str]) -> bool:
    """True when a sentence opens with a pronoun for what came before ("Das sind Töne").

    "Das Wetter" opens with an article: the word after a pronoun is a lower-case verb.
    """
    return len(words) > 1 and words[0][2].casefold() in anaphora and words[1][2].islower()


def _in_direct_quote(analysis: Analysis, start: int) -> bool:
    return any(q.mode == "direct" and q.start <= start < q.end for q in analysis.quotes)


def find_loaded(context: Context) -> list[Draft]:
    """Find a loaded word in one outlet's voice for a thing others name neutrally.

    Args:
        context: The run's indexes.

    Returns:
        One characterization draft per (family, loaded word) with neutral wording
        elsewhere.
    """
    lang = context.lang
    loaded_terms = _loaded_terms(lang)
    anaphora = _anaphora(lang)
    loaded: dict[str, list[tuple[str, int, int, str, str, frozenset[str]]]] = defaultdict(list)
    neutral: dict[str, dict[str, list[tuple[int, int, str, frozenset[str]]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for doc in context.analyses:
        d = _Doc(context, doc)
        previous: tuple[list[tuple[str, int]], frozenset[str]] = ([], frozenset())
        for sentence in range(len(d.analysis.sentences)):
            words = d.words(sentence)
            s = d.analysis.sentences[sentence]
            actors = frozenset(m[2] for m in d.actors(s.start, s.end))
            referents = _referents(words, lang)
            judged = []
            for n, (start, _, form) in enumerate(words):
                folded = form.casefold()
                term = next((t for t in loaded_terms if folded.startswith(t[0])), None)
                if term is not None and not _in_direct_quote(d.analysis, start):
                    judged.append((n, form, term[1]))
            about: dict[str, frozenset[str]] = {}
            for n, form, polarity in judged:
                near = {f for f, k in referents if abs(k - n) <= LOADED_WINDOW}
                if near:
                    about.update({f: actors for f in near})
                elif _anaphoric(words, anaphora) and previous[0]:
                    about.update({f: previous[1] for f, _ in previous[0]})
                for family, owners in sorted(about.items()):
                    if owners:
                        loaded[family].append((doc, s.start, s.end, form, polarity, owners))
            if not judged:
                for family, n in _referents(words, lang, nouns_only=True):
                    start = words[n][0]
                    if n and _adjective(words[n - 1][2], lang):
                        start = words[n - 1][0]
                    phrase = d.text[start : words[n][1]]
                    neutral[family][doc].append((start, words[n][1], phrase, actors))
            previous = (referents, actors)
    drafts = []
    for family, judged_items in sorted(loaded.items()):
        judged_docs = {item[0] for item in judged_items}
        owners = frozenset().union(*(item[5] for item in judged_items))
        others = {
            doc: [f for f in found if f[3] & owners]
            for doc, found in sorted(neutral[family].items(), key=lambda i: context.order[i[0]])
            if doc not in judged_docs
        }
        others = {doc: found for doc, found in others.items() if found}
        if not others:
            continue
        values = [
            ConflictValue(doc, f"{polarity} loaded: {form}", start, end)
            for doc, start, end, form, polarity, _ in judged_items
        ]
        for doc, found in others.items():
            ranked = sorted(found, key=lambda f: (" " not in f[2], f[0]))
            for start, end, phrase, _ in sorted(ranked[:MAX_REFERENT_VALUES]):
                values.append(ConflictValue(doc, f"named: {phrase}", start, end))
        loaded_words = ", ".join(sorted({item[3] for item in judged_items}))
        drafts.append(
            Draft(
                "characterization",
                f"loaded wording for the {family}: {loaded_words}",
                tuple(values),
                "medium",
            )
        )
    return drafts


def find_frames(context: Context) -> list[Draft]:
    """Run the role, agency, scope and loaded-wording finders.

    Args:
        context: The run's indexes.

    Returns:
        Their drafts, in that order.
    """
    return find_roles(context) + find_agency(context) + find_scope(context) + find_loaded(context)
