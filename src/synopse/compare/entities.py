"""Entity resolution across documents: one cluster per real-world entity.

Each document's analysis already groups its own mentions under one normalised name
("Bidens" → "Joe Biden"). Outlets still differ from each other: one misspells a surname
("Meyer"/"Meier"), one writes "Nato" and another "NATO", one uses the acronym and
another the full form ("OSZE"), one gives the first name and another only the surname,
and inflection differs ("Weißes Haus"/"Weißen Hauses"). This module merges those names
into :class:`~synopse.model.comparison.EntityCluster` objects with evidence for every
mention, and tells which clusters hold spelling variants (for spelling conflicts).

Method (deterministic, no model):

1. Names are keyed by a light normal form (casefolded, ß → ss, hyphens as spaces);
   equal keys are one node.
2. Persons with first and last name merge when the surnames are near-identical
   (Jaro-Winkler) and the first names agree (equal, an initial, or near-identical);
   two different first names keep them apart.
3. A surname-only person joins the one full name it can mean; when several full names
   share the surname, only a full name that occurs in the same document decides.
4. Other surname-only pairs and other names merge on near-identical spelling only with
   context: enough co-occurring entities shared between their documents.
5. Organisations and places merge acronym with full form (initials of the capitalised
   words), names that differ only by inflection endings ("Weißes Haus"/"Weißen
   Hauses"), and near-identical spellings of long names of a compatible type.

Candidate pairs are blocked by the first letter of the compared key, so the cost grows
with the number of distinct names, not with the square of all mentions.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import JaroWinkler
from rapidfuzz.fuzz import ratio

from synopse.compare.unionfind import UnionFind
from synopse.model import Analysis, EntityMention, Quote
from synopse.model.comparison import EntityCluster, Evidence

#: Least Jaro-Winkler similarity of two surnames written for one person.
SURNAME_SIMILARITY = 0.9
#: Least Jaro-Winkler similarity of two given names for the same person ("Yuri"/"Juri").
FIRST_NAME_SIMILARITY = 0.85
#: Least similarity (0-100) of two long non-person names for one entity.
NAME_RATIO = 92.0
#: Shortest key for which a fuzzy non-person match is trusted.
MIN_FUZZY_LENGTH = 8
#: Shortest surname for which a fuzzy (non-identical) match is trusted.
MIN_FUZZY_SURNAME = 4
#: Shared co-occurring entities that let two names merge without other evidence.
MIN_SHARED_CONTEXT = 2
#: Least similarity (0-100) of two spellings reported as variants of each other.
VARIANT_RATIO = 75.0

_SPLIT = re.compile(r"[\s\-‐–]+")
_ENDINGS = ("es", "en", "em", "er", "e", "s", "n")
_ACRONYM = re.compile(r"^[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{1,6}$")  # "EU", "OSZE", "UNHCR"
_MIN_STEM = 3


def name_key(name: str) -> str:
    """Return the normal form under which spellings of one name are one node.

    Casefolded, ß as ss, hyphens and runs of space as one space.

    Args:
        name: A name as written or as normalised by the analysis.

    Returns:
        The key ("nato russland rat" for "NATO-Russland-Rat").

    Example:
        >>> name_key("NATO-Russland-Rat") == name_key("Nato-Russland-Rat")
        True
    """
    return " ".join(t for t in _SPLIT.split(name.strip().casefold().replace("ß", "ss")) if t)


def _same_word(a: str, b: str) -> bool:
    """True when two tokens differ at most by an inflection ending (case kept)."""
    if a == b:
        return True
    stem = 0
    while stem < min(len(a), len(b)) and a[stem] == b[stem]:
        stem += 1
    rest_a, rest_b = a[stem:], b[stem:]
    return stem >= _MIN_STEM and all(r == "" or r in _ENDINGS for r in (rest_a, rest_b))


def same_name(a: str, b: str) -> bool:
    """Return True when two names differ only by case, hyphenation or inflection.

    Used for organisations and places ("Weißes Haus"/"Weißen Hauses"); person names
    are compared by surname and first name instead, since "Berger" and "Bergen" differ.

    Example:
        >>> same_name("Weißes Haus", "Weißen Hauses"), same_name("Rat", "Rates")
        (True, True)
    """
    return _same_spelling(name_key(a).split(), name_key(b).split())


def _initials(name: str) -> str:
    return "".join(t[0] for t in _SPLIT.split(name) if t and t[0].isupper()).casefold()


def _is_acronym(name: str) -> bool:
    return bool(_ACRONYM.match(name)) and sum(c.isupper() for c in name) >= 2


@dataclass
class _Node:
    key: str
    names: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    docs: set[int] = field(default_factory=set)
    mentions: list[tuple[int, int, EntityMention]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return min(self.names.items(), key=lambda item: (-item[1], item[0]))[0]

    @property
    def type(self) -> str:
        return min(self.types.items(), key=lambda item: (-item[1], item[0]))[0]

    @property
    def tokens(self) -> list[str]:
        return [t for t in self.name.split() if t]

    @property
    def first_seen(self) -> tuple[int, int]:
        return min((doc, m.start) for doc, _, m in self.mentions)


def _compatible(a: str, b: str) -> bool:
    return a == b or "MISC" in (a, b) or {a, b} == {"ORG", "LOC"}


def _first_names_agree(a: Sequence[str], b: Sequence[str]) -> bool:
    x, y = a[0].casefold().rstrip("."), b[0].casefold().rstrip(".")
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    return x == y or JaroWinkler.similarity(x, y) >= FIRST_NAME_SIMILARITY


def _surnames_similar(a: str, b: str) -> bool:
    a, b = a.casefold(), b.casefold()
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_FUZZY_SURNAME:
        return False
    return JaroWinkler.similarity(a, b) >= SURNAME_SIMILARITY


def resolve_entities(analyses: Sequence[Analysis]) -> list[EntityCluster]:
    """Group the entity mentions of several documents into clusters, one per entity.

    Args:
        analyses: One analysis per document, in document order; ids must be unique.

    Returns:
        The clusters, ids "e1", "e2", ... in order of first appearance (document order,
        then offset). Every mention of every analysis is in exactly one cluster.

    Example:
        >>> from synopse.model import Document, EntityMention
        >>> from synopse.analysis.pipeline import analyze
        >>> docs = [Document(id="a", text="Anna Schulz sprach.", source="a"),
        ...         Document(id="b", text="Anna Schultz sprach.", source="b")]
        >>> [c.name for c in resolve_entities([analyze(d) for d in docs])][:1]
        ['Anna Schulz']
    """
    nodes: dict[str, _Node] = {}
    for doc_index, analysis in enumerate(analyses):
        text = analysis.document.text
        for mention_index, mention in enumerate(analysis.entities):
            name = mention.name.strip() or text[mention.start : mention.end]
            key = name_key(name) or name
            node = nodes.setdefault(key, _Node(key))
            node.names[name] += 1
            node.types[mention.type] += 1
            if mention.role:
                node.roles[mention.role] += 1
            node.docs.add(doc_index)
            node.mentions.append((doc_index, mention_index, mention))
    ordered = sorted(nodes.values(), key=lambda n: (n.first_seen, n.key))
    uf = UnionFind(len(ordered))
    _merge_people(ordered, uf, _Context(ordered))
    _merge_others(ordered, uf)
    return _build(ordered, uf, analyses)


class _Context:
    """Per node, the keys of the other nodes that occur in its documents.

    Built for a node when first asked: only names with a near-identical spelling need
    it, and a name found in most documents of a large story has most keys as context.
    """

    def __init__(self, nodes: Sequence[_Node]) -> None:
        self.nodes = nodes
        self.by_doc: dict[int, set[str]] = defaultdict(set)
        for node in nodes:
            for doc in node.docs:
                self.by_doc[doc].add(node.key)
        self.built: dict[int, set[str]] = {}

    def __getitem__(self, index: int) -> set[str]:
        """Return the context of the node at ``index``."""
        found = self.built.get(index)
        if found is None:
            node = self.nodes[index]
            found = set().union(*(self.by_doc[d] for d in sorted(node.docs))) - {node.key}
            self.built[index] = found
        return found


def _shared_context(context: _Context, a: int, b: int, nodes: Sequence[_Node]) -> int:
    return len((context[a] & context[b]) - {nodes[a].key, nodes[b].key})


def _merge_people(nodes: Sequence[_Node], uf: UnionFind, context: _Context) -> None:
    # Each property call takes a minimum over the node's names; the pair loops ask often.
    tokens = {i: n.tokens for i, n in enumerate(nodes) if n.type == "PER"}
    people = list(tokens)
    full = [i for i in people if len(tokens[i]) >= 2]
    single = [i for i in people if len(tokens[i]) == 1]
    blocks: dict[str, list[int]] = defaultdict(list)
    for i in full:
        blocks[tokens[i][-1][:1].casefold()].append(i)
    for block in blocks.values():
        for x, a in enumerate(block):
            for b in block[x + 1 :]:
                ta, tb = tokens[a], tokens[b]
                if _surnames_similar(ta[-1], tb[-1]) and _first_names_agree(ta, tb):
                    uf.union(a, b)
    for i in single:
        surname = tokens[i][0]
        candidates = sorted(
            {
                uf.find(j)
                for j in blocks.get(surname[:1].casefold(), ())
                if _exact_or_close(surname, tokens[j][-1], nodes, i, j, context)
            }
        )
        if len(candidates) > 1:
            members: dict[int, set[int]] = defaultdict(set)
            for j in full:
                members[uf.find(j)].update(nodes[j].docs)
            candidates = [c for c in candidates if members[c] & nodes[i].docs]
        if len(candidates) == 1:
            uf.union(i, candidates[0])
    # Surname-only names that no full name claimed: merge near-identical ones on context.
    # Only names with the same initial can merge, so only those are paired (the union
    # of the merges does not depend on the order they are made in).
    initials: dict[str, list[int]] = defaultdict(list)
    for i in single:
        initials[tokens[i][0][:1].casefold()].append(i)
    for block in initials.values():
        for x, a in enumerate(block):
            for b in block[x + 1 :]:
                if uf.find(a) == uf.find(b) or not nodes[a].docs.isdisjoint(nodes[b].docs):
                    continue
                sa, sb = tokens[a][0], tokens[b][0]
                if (
                    _surnames_similar(sa, sb)
                    and _shared_context(context, a, b, nodes) >= MIN_SHARED_CONTEXT
                ):
                    uf.union(a, b)


def _exact_or_close(
    surname: str,
    other: str,
    nodes: Sequence[_Node],
    i: int,
    j: int,
    context: _Context,
) -> bool:
    if surname.casefold() == other.casefold():
        return True
    return (
        _surnames_similar(surname, other)
        and _shared_context(context, i, j, nodes) >= MIN_SHARED_CONTEXT
    )


def _merge_others(nodes: Sequence[_Node], uf: UnionFind) -> None:
    types = [n.type for n in nodes]
    others = [i for i, t in enumerate(types) if t != "PER"]
    by_initials: dict[str, list[int]] = defaultdict(list)
    for i in others:
        name = nodes[i].name
        if len(_SPLIT.split(name)) >= 2:
            initials = _initials(name)
            if len(initials) >= 2:
                by_initials[initials].append(i)
    for i in others:
        for acronym in sorted({n.casefold() for n in nodes[i].names if _is_acronym(n)}):
            for j in by_initials.get(acronym, ()):
                if _compatible(types[i], types[j]):
                    uf.union(i, j)
    blocks: dict[str, list[int]] = defaultdict(list)
    for i in others:
        blocks[nodes[i].key[:1]].append(i)
    # same_name() on two keys, with each key's words found once rather than per pair.
    words = {i: name_key(nodes[i].key).split() for i in others}
    for block in blocks.values():
        for x, a in enumerate(block):
            for b in block[x + 1 :]:
                if not _compatible(types[a], types[b]):
                    continue
                ka, kb = nodes[a].key, nodes[b].key
                if _same_spelling(words[a], words[b]) or (
                    min(len(ka), len(kb)) >= MIN_FUZZY_LENGTH and ratio(ka, kb) >= NAME_RATIO
                ):
                    uf.union(a, b)


def _build(
    nodes: Sequence[_Node], uf: UnionFind, analyses: Sequence[Analysis]
) -> list[EntityCluster]:
    groups: dict[int, list[_Node]] = defaultdict(list)
    for i, node in enumerate(nodes):
        groups[uf.find(i)].append(node)
    ids = [a.document.id for a in analyses]
    built = []
    for members in groups.values():
        types: Counter[str] = Counter()
        names: Counter[str] = Counter()
        roles: set[str] = set()
        surfaces: set[str] = set()
        evidence = []
        first_seen: dict[str, tuple[int, int]] = {}
        for node in members:
            for doc, _, mention in node.mentions:
                name = mention.name.strip() or node.name
                first_seen[name] = min(
                    first_seen.get(name, (doc, mention.start)), (doc, mention.start)
                )
            types.update(node.types)
            names.update(node.names)
            roles.update(node.roles)
            for doc, _, mention in node.mentions:
                evidence.append((doc, mention.start, mention.end))
                surfaces.add(analyses[doc].document.text[mention.start : mention.end])
        type_ = min(types.items(), key=lambda item: (-item[1], item[0]))[0]
        longest = max(len(n.split()) for n in names)
        full = {n: c for n, c in names.items() if type_ != "PER" or len(n.split()) == longest}
        canonical = min(full, key=lambda n: (-full[n], first_seen.get(n, (len(ids), 0)), n))
        evidence.sort()
        aliases = sorted((set(names) | surfaces) - {canonical})
        built.append(
            (
                evidence[0],
                canonical,
                type_,
                tuple(aliases),
                tuple(sorted(roles)),
                tuple(Evidence(ids[d], s, e) for d, s, e in evidence),
            )
        )
    built.sort(key=lambda item: (item[0], item[1]))
    return [
        EntityCluster(
            id=f"e{n}", name=name, type=type_, aliases=aliases, roles=roles, mentions=mentions
        )
        for n, (_, name, type_, aliases, roles, mentions) in enumerate(built, 1)
    ]


def cluster_index(clusters: Iterable[EntityCluster]) -> dict[tuple[str, int, int], str]:
    """Map every mention ``(doc id, start, end)`` to the id of its cluster.

    Args:
        clusters: Output of :func:`resolve_entities`.

    Returns:
        ``(doc, start, end)`` → cluster id.
    """
    return {(m.doc, m.start, m.end): c.id for c in clusters for m in c.mentions}


#: Entity types by how likely they are to speak: a person before an organisation before
#: anything else (a place speaks only as the seat of a government: "Moskau dementiert").
_SPEAKER_RANK = {"PER": 0, "ORG": 1}


def speaker_cluster(
    analysis: Analysis,
    quote: Quote,
    cluster_of: Mapping[tuple[str, int, int], str],
    types: Mapping[str, str],
) -> str | None:
    """Return the cluster id of the entity that speaks a quote, or None.

    Among the mentions inside the speaker phrase the one the analysis resolved the
    speaker to wins, then a person, then an organisation. A name that only modifies a
    role noun ("CDU" in "die CDU-Politikerin", "Verls" in "Verls Vereinspräsident
    Raimund Bertels" when a person follows) does not speak: the politician does.

    Args:
        analysis: The quote's document analysis.
        quote: The quote.
        cluster_of: ``(doc, start, end)`` of a mention → cluster id
            (:func:`cluster_index`).
        types: Cluster id → entity type.
    """
    if quote.speaker_start < 0:
        return None
    doc = analysis.document.id
    text = analysis.document.text
    inside = []
    for mention in analysis.entities:
        if not (quote.speaker_start <= mention.start and mention.end <= quote.speaker_end):
            continue
        cluster = cluster_of.get((doc, mention.start, mention.end))
        if cluster is None or text[mention.end : mention.end + 1] == "-":
            continue
        named = quote.speaker_name is not None and mention.name == quote.speaker_name
        inside.append((0 if named else 1, _SPEAKER_RANK.get(types.get(cluster, ""), 2), cluster))
    return min(inside)[2] if inside else None


def _same_spelling(a: Sequence[str], b: Sequence[str]) -> bool:
    return len(a) == len(b) and all(_same_word(x, y) for x, y in zip(a, b, strict=True))


def _variant_of(a: Sequence[str], b: Sequence[str]) -> bool:
    """True when two spellings are near-identical but not merely inflected."""
    if len(a) != len(b):
        return False
    x, y = " ".join(a), " ".join(b)
    if x.casefold() == y.casefold():
        return True
    return min(len(x), len(y)) >= MIN_FUZZY_SURNAME and ratio(x.casefold(), y.casefold()) >= (
        VARIANT_RATIO
    )


def spelling_variants(
    cluster: EntityCluster, analyses: Sequence[Analysis] | Mapping[str, Analysis]
) -> list[tuple[str, list[Evidence]]]:
    """Return the different spellings of one entity, each with its mentions.

    Two spellings are variants when they differ beyond inflection yet are near-identical
    (a misspelt surname, "Nato"/"NATO"); acronym and full form, or surname and full
    name, are not. For persons the surname is compared; when the surnames agree, the
    given names of the mentions that have one ("Hendrik"/"Hendrick Streeck").

    Args:
        cluster: A cluster from :func:`resolve_entities`.
        analyses: The analyses it was built from (a sequence or id → analysis).

    Returns:
        ``(spelling as most often written, mentions)`` per variant, most mentions
        first; empty when the cluster has one spelling.
    """
    by_id = (
        dict(analyses) if isinstance(analyses, Mapping) else {a.document.id: a for a in analyses}
    )
    person = cluster.type == "PER"
    spellings: dict[tuple[str, ...], list[Evidence]] = defaultdict(list)
    written: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    given: dict[tuple[str, ...], list[Evidence]] = defaultdict(list)
    given_written: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for mention in cluster.mentions:
        analysis = by_id.get(mention.doc)
        if analysis is None:
            continue
        surface = analysis.document.text[mention.start : mention.end]
        tokens = [t for t in _SPLIT.split(surface) if t]
        if tokens:
            form = tuple(tokens[-1:] if person else tokens)
            spellings[form].append(mention)
            written[form][tokens[-1] if person else surface] += 1
        if person and len(tokens) >= 2:
            given[(tokens[-2],)].append(mention)
            given_written[(tokens[-2],)][" ".join(tokens[-2:])] += 1
    result = _variant_groups(spellings, written)
    if person and not result:
        result = _variant_groups(given, given_written)
    return result


def _variant_groups(
    spellings: Mapping[tuple[str, ...], list[Evidence]],
    written: Mapping[tuple[str, ...], Counter[str]],
) -> list[tuple[str, list[Evidence]]]:
    """Group spellings into inflection-alike sets and report the sets that are variants."""
    forms = sorted(spellings, key=lambda f: (-len(spellings[f]), f))
    same = UnionFind(len(forms))
    for x, form in enumerate(forms):
        for y in range(x + 1, len(forms)):
            if _same_spelling(form, forms[y]):
                same.union(x, y)
    heads = sorted({same.find(x) for x in range(len(forms))})
    variant = UnionFind(len(forms))
    for x, a in enumerate(heads):
        for b in heads[x + 1 :]:
            if _variant_of(forms[a], forms[b]):
                variant.union(a, b)
    components: dict[int, list[int]] = defaultdict(list)
    for head in heads:
        components[variant.find(head)].append(head)
    result = []
    for members in components.values():
        if len(members) < 2:
            continue
        for head in members:
            evidence = sorted(
                (m for x, f in enumerate(forms) if same.find(x) == head for m in spellings[f]),
                key=lambda e: (e.doc, e.start),
            )
            label = min(written[forms[head]].items(), key=lambda item: (-item[1], item[0]))[0]
            result.append((label, evidence))
    result.sort(key=lambda item: (-len(item[1]), item[0]))
    return result
