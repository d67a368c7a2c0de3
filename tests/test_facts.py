"""Fact grouping on invented mini-articles: shared claims, exclusive facts, attribution, reuse."""

from __future__ import annotations

import numpy as np
import pytest

from synopse.analysis.pipeline import analyze
from synopse.compare.embeddings import get_embedder
from synopse.compare.entities import resolve_entities
from synopse.compare.facts import (
    FactOptions,
    _decode,
    _key_pairs,
    _neighbour_pairs,
    candidate_pairs,
    find_facts,
)
from synopse.compare.pairscores import PairScores
from synopse.compare.statements import (
    KeyOverlaps,
    LemmaIndex,
    SoftOverlaps,
    Statement,
    extract_statements,
    is_editorial,
    soft_overlap,
    weighted_overlap,
    word_similarity,
)
from synopse.model import Analysis, Document, Span
from synopse.model.comparison import Fact

# Three invented reports of one invented event.
ARTICLES = {
    "a": (
        "Die Brücke über die Mulde in Lindenau wird ab dem 3. März für sechs Monate gesperrt. "
        "Das teilte Bürgermeisterin Karla Wendtner am Dienstag mit. Die Sanierung kostet nach "
        "Angaben der Stadt rund 4,5 Millionen Euro. Der Nabu kritisierte die Fällung von zwölf "
        "Bäumen am Ufer."
    ),
    "b": (
        "Ab dem 3. März ist die Muldebrücke in Lindenau für ein halbes Jahr gesperrt, wie "
        "Bürgermeisterin Karla Wendner mitteilte. Die Kosten der Sanierung liegen bei 4,5 "
        "Millionen Euro. Pendler müssen einen Umweg von acht Kilometern fahren."
    ),
    "c": (
        "Lindenau sperrt seine Brücke über die Mulde ab dem 3. März für sechs Monate. Die "
        "Sanierung soll rund 4,5 Millionen Euro kosten. Der NABU protestierte gegen die Fällung "
        "von zwölf Bäumen."
    ),
}


def _analyses(articles: dict[str, str]) -> list[Analysis]:
    return [
        analyze(Document(id=key, text=text, source=key, published="2024-02-20"))
        for key, text in articles.items()
    ]


@pytest.fixture(scope="module")
def facts() -> list[Fact]:
    analyses = _analyses(ARTICLES)
    return find_facts(analyses, resolve_entities(analyses), embedder=get_embedder("hashing"))


def _fact_with(facts: list[Fact], doc: str, fragment: str) -> Fact:
    text = ARTICLES[doc]
    for fact in facts:
        for support in fact.support:
            if support.doc == doc and fragment in text[support.start : support.end]:
                return fact
    raise AssertionError(fragment)


@pytest.mark.parametrize(
    ("doc", "fragment", "docs"),
    [
        ("a", "ab dem 3. März für sechs Monate gesperrt", ("a", "b", "c")),
        ("b", "für ein halbes Jahr gesperrt", ("a", "b", "c")),
        ("a", "Die Sanierung kostet", ("a", "b", "c")),
        ("c", "soll rund 4,5 Millionen Euro kosten", ("a", "b", "c")),
        ("a", "Fällung von zwölf", ("a", "c")),
        ("b", "Umweg von acht Kilometern", ("b",)),
    ],
)
def test_grouping(facts: list[Fact], doc: str, fragment: str, docs: tuple[str, ...]) -> None:
    assert _fact_with(facts, doc, fragment).docs == docs


def test_claims_stay_apart(facts: list[Fact]) -> None:
    closure = _fact_with(facts, "a", "gesperrt")
    cost = _fact_with(facts, "a", "Sanierung kostet")
    trees = _fact_with(facts, "c", "Fällung")
    assert len({closure.id, cost.id, trees.id}) == 3


def test_ids_order_exclusive_and_attribution(facts: list[Fact]) -> None:
    assert [f.id for f in facts] == [f"f{n}" for n in range(1, len(facts) + 1)]
    sizes = [len(f.docs) for f in facts]
    assert sizes == sorted(sizes, reverse=True)
    detour = _fact_with(facts, "b", "Umweg")
    assert detour.exclusive and not _fact_with(facts, "a", "Fällung").exclusive
    closure = _fact_with(facts, "b", "halbes Jahr")
    by_doc = {s.doc: s.attributed_to for s in closure.support if s.doc in ("b", "c")}
    assert by_doc == {"b": "Karla Wendner", "c": None}
    assert all(fact.label for fact in facts)


def test_deterministic() -> None:
    analyses = _analyses(ARTICLES)
    clusters = resolve_entities(analyses)
    embedder = get_embedder("hashing")
    assert find_facts(analyses, clusters, embedder=embedder) == find_facts(
        analyses, clusters, embedder=embedder
    )


def test_reused_support_is_marked() -> None:
    wire = (
        "Die Stadtwerke Lindenau erhöhen zum ersten April die Preise für Fernwärme um "
        "durchschnittlich zwölf Prozent, weil die Kosten für Erdgas seit dem Herbst deutlich "
        "gestiegen sind."
    )
    articles = {
        "x": wire + " Kunden können bis Ende März widersprechen.",
        "y": "Schlechte Nachrichten für Mieter. " + wire,
        "z": "Die Fernwärme in Lindenau wird im April um zwölf Prozent teurer.",
    }
    analyses = _analyses(articles)
    facts = find_facts(analyses, resolve_entities(analyses), embedder=get_embedder("hashing"))
    fact = next(f for f in facts if {"x", "y"} <= set(f.docs))
    reused = {s.doc: s.reused for s in fact.support}
    assert reused["x"] and reused["y"]
    assert reused.get("z") is not True


@pytest.mark.parametrize(
    ("articles", "no_claim"),
    [
        pytest.param(
            {
                "x": "Die Stadt Lindenau sperrt die Muldebrücke ab März. Doch das tut sie nicht.",
                "y": "Lindenau sperrt ab März seine Brücke über die Mulde. Doch das tut sie nicht.",
            },
            "Doch das tut sie nicht.",
            id="without-content",
        ),
        pytest.param(
            {
                "x": "Lindenau sperrt die Brücke über die Mulde. Wie lange dauert die Sanierung?",
                "y": "Die Brücke über die Mulde wird gesperrt. Wie lange dauert die Sanierung?",
            },
            "Wie lange dauert die Sanierung?",
            id="question",
        ),
        pytest.param(
            {
                "x": "Lindenau sperrt die Muldebrücke ab März. [Alle Nachrichten aus Lindenau "
                "lesen Sie in unserem Newsletter.]",
                "y": "Lindenau sperrt ab März seine Brücke über die Mulde. [Alle Nachrichten "
                "aus Lindenau lesen Sie in unserem Newsletter.]",
            },
            "[Alle Nachrichten aus Lindenau lesen Sie in unserem Newsletter.]",
            id="promotion",
        ),
    ],
)
def test_sentences_that_claim_nothing_are_no_facts(articles: dict[str, str], no_claim: str) -> None:
    analyses = _analyses(articles)
    facts = find_facts(analyses, resolve_entities(analyses), embedder=get_embedder("hashing"))
    texts = [articles[s.doc][s.start : s.end] for f in facts for s in f.support]
    assert no_claim not in texts
    assert any(len(f.docs) == 2 for f in facts)


@pytest.mark.parametrize(
    ("text", "editorial"),
    [
        ("[Alle Nachrichten aus Lindenau finden Sie hier.", True),
        ("Zur kostenlosen Anmeldung geht es hier.]", True),
        ("Den Newsletter können Sie hier bestellen.", True),
        ("Jeden Morgen informieren wir über die Lage in Lindenau.", True),
        ("Mehr schlecht als recht, sagen unsere Leserinnen und Leser.", True),
        ("Ich arbeite am Arbeiten.", True),
        ('"Wir brauchen mehr Geld", sagte die Bürgermeisterin.', False),
        ("Die Bürgermeisterin sagte, wir müssten alle sparen.", False),
        ("Die Bürgermeisterin sagte: Sie werde nicht zurücktreten.", False),
        ("Sie forderten mehr Geld für die Schulen.", False),
        ("Die Lehrer sagen, sie seien überlastet.", False),
    ],
)
def test_editorial_sentences(text: str, editorial: bool) -> None:
    analysis = analyze(Document(id="d", text=text, source="d", published="2024-02-20"))
    assert is_editorial(analysis, 0, len(text)) is editorial


def test_editorial_inside_a_quotation_of_several_sentences() -> None:
    text = 'Der Wirt klagt. "Wir haben nichts. Wir müssen schließen." Wir danken ihm.'
    analysis = analyze(Document(id="d", text=text, source="d", published="2024-02-20"))
    flags = [is_editorial(analysis, s.start, s.end) for s in analysis.sentences]
    assert flags == [False, False, False, True]


def test_label_can_be_read_alone() -> None:
    articles = {
        "x": "Lindenau sperrt die Brücke über die Mulde ab März.",
        "y": "Dazu sperrt Lindenau die Brücke über die Mulde ab März, teilte die Stadt mit.",
        "z": "Die Brücke über die Mulde in Lindenau ist ab März gesperrt, teilte die Stadt mit.",
    }
    analyses = _analyses(articles)
    facts = find_facts(analyses, resolve_entities(analyses), embedder=get_embedder("hashing"))
    shared = [f for f in facts if len(f.docs) == 3]
    assert shared
    assert not shared[0].label.startswith("Dazu")


def test_blocking_skips_same_document_pairs() -> None:
    analyses = _analyses(ARTICLES)
    statements = extract_statements(analyses, resolve_entities(analyses))
    vectors = get_embedder("hashing").embed([ARTICLES[s.doc][s.start : s.end] for s in statements])
    pairs = candidate_pairs(statements, vectors, neighbours=1)
    assert pairs
    assert all(statements[i].doc != statements[j].doc for i, j in pairs)
    total = len(statements) * (len(statements) - 1) // 2
    assert len(pairs) < total


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("sanktion", "sanktion", 1.0),
        ("wirtschaftssanktion", "sanktion", 0.8),
        ("telefonat", "telefongespräch", 0.7),
        ("brücke", "haus", 0.0),
    ],
)
def test_word_similarity(a: str, b: str, expected: float) -> None:
    assert word_similarity(a, b) == pytest.approx(expected)


def test_empty_and_single_document() -> None:
    assert find_facts([], [], embedder=get_embedder("hashing")) == []
    analyses = _analyses({"a": ARTICLES["a"]})
    facts = find_facts(analyses, resolve_entities(analyses), embedder=get_embedder("hashing"))
    assert facts and all(f.exclusive for f in facts)


def test_max_per_doc_option() -> None:
    analyses = _analyses(ARTICLES)
    facts = find_facts(
        analyses,
        resolve_entities(analyses),
        embedder=get_embedder("hashing"),
        options=FactOptions(max_per_doc=1),
    )
    for fact in facts:
        docs = [s.doc for s in fact.support]
        assert len(docs) == len(set(docs))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # same lemma, compound and head (either side), long shared prefix, nothing
        ({"sperrung", "brücke"}, {"sperrung", "brücke"}, 1.0),
        ({"wirtschaftssanktion"}, {"sanktion"}, 0.8),
        ({"sanktion"}, {"wirtschaftssanktion"}, 0.8),
        ({"telefonat"}, {"telefongespräch"}, 0.7),
        ({"brücke", "fähre"}, {"brücke", "bahn"}, 0.5),
        ({"brücke"}, {"haus"}, 0.0),
        (set(), {"haus"}, 0.0),
    ],
)
def test_soft_overlap_matches_word_classes(a: set[str], b: set[str], expected: float) -> None:
    x, y = LemmaIndex.of(frozenset(a)), LemmaIndex.of(frozenset(b))
    assert soft_overlap(x, y, {}) == pytest.approx(expected)
    assert soft_overlap(y, x, {}) == pytest.approx(expected)


def test_soft_overlap_weighs_rare_words() -> None:
    x = LemmaIndex.of(frozenset({"brücke", "sagen"}))
    y = LemmaIndex.of(frozenset({"brücke", "melden"}))
    weights = {"l:brücke": 3.0, "l:sagen": 1.0, "l:melden": 1.0}
    assert soft_overlap(x, y, weights) == pytest.approx(0.75)


LEMMA_SETS = [
    {"wirtschaftssanktion", "drohen", "präsident"},
    {"sanktion", "drohen", "telefonat"},
    {"telefongespräch", "präsidentin", "treffen"},
    {"brücke", "sperren"},
    set(),
    {"muldebrücke", "sperrung", "sanierung"},
]


def test_bulk_soft_overlap_equals_pairwise() -> None:
    sets = [frozenset(s) for s in LEMMA_SETS]
    weights = {"l:drohen": 0.3, "l:brücke": 2.0, "l:sanierung": 1.5}
    pairs = [(a, b) for a in range(len(sets)) for b in range(len(sets))]
    left = np.array([a for a, _ in pairs], dtype=np.int64)
    right = np.array([b for _, b in pairs], dtype=np.int64)
    bulk = SoftOverlaps(sets, weights)(left, right).tolist()
    indexes = [LemmaIndex.of(s) for s in sets]
    assert bulk == [soft_overlap(indexes[a], indexes[b], weights) for a, b in pairs]
    assert bulk[1] > 0.4 and bulk[len(sets) * 3 + 5] > 0.0


def test_bulk_key_overlap_equals_pairwise() -> None:
    sets = [frozenset(f"e:{x}" for x in s) for s in ({"a", "b"}, {"b", "c"}, set(), {"a"})]
    weights = {"e:a": 2.0, "e:b": 0.5}
    pairs = [(a, b) for a in range(len(sets)) for b in range(len(sets))]
    left = np.array([a for a, _ in pairs], dtype=np.int64)
    right = np.array([b for _, b in pairs], dtype=np.int64)
    bulk = KeyOverlaps(sets, weights)(left, right).tolist()
    expected = [weighted_overlap(sets[a], sets[b], weights) for a, b in pairs]
    assert bulk == pytest.approx(expected)
    assert bulk[3] == pytest.approx(2.0 / 2.5)


def test_statements_leave_out_headings_and_keep_values() -> None:
    heading = "Brücke in Lindenau wird saniert und gesperrt"
    body = (
        "Die Stadt sperrt die Brücke am 3. März 2024 für sechs Monate. "
        "Die Sanierung kostet rund 4,5 Millionen Euro."
    )
    text = heading + "\n\n" + body
    document = Document(
        id="h",
        text=text,
        source="h",
        published="2024-02-20",
        structure=(Span(0, len(heading), "heading"),),
    )
    statements = extract_statements([analyze(document)], [])
    starts = [s.start for s in statements]
    assert starts and min(starts) > len(heading)
    assert any(v.startswith("d:2024-03-03") for s in statements for v in s.values)
    assert any(v.startswith("q:") for s in statements for v in s.values)


def _statement(doc: int, lemmas: set[str]) -> Statement:
    return Statement(
        doc=str(doc),
        doc_index=doc,
        sentence=0,
        start=0,
        end=1,
        lemmas=frozenset(lemmas),
        entities=frozenset(),
        values=frozenset(),
        words=len(lemmas),
    )


# (document, lemmas): "sagen" is held by five statements, "brücke" by two, the
# "sperrung"/"monat" pair by three statements each.
BLOCKING = [
    (0, {"sagen", "brücke", "sperrung", "monat"}),
    (1, {"sagen", "brücke"}),
    (2, {"sagen", "sperrung", "monat"}),
    (3, {"sagen", "sperrung", "monat"}),
    (3, {"sagen", "kosten"}),
]


@pytest.mark.parametrize(
    ("limit", "rare", "expected"),
    [
        (5, None, {(0, 1), (0, 2), (0, 3), (0, 4), (1, 2), (1, 3), (1, 4), (2, 3), (2, 4)}),
        (3, None, {(0, 1), (0, 2), (0, 3), (2, 3)}),
        # Keys held by more than two statements need a second shared key.
        (5, 2, {(0, 1), (0, 2), (0, 3), (2, 3)}),
        (3, 2, {(0, 1), (0, 2), (0, 3), (2, 3)}),
        (5, 1, {(0, 1), (0, 2), (0, 3), (2, 3)}),
    ],
)
def test_key_blocking(limit: int, rare: int | None, expected: set[tuple[int, int]]) -> None:
    statements = [_statement(doc, lemmas) for doc, lemmas in BLOCKING]
    docs = np.array([s.doc_index for s in statements], dtype=np.int64)
    left, right = _decode(_key_pairs(statements, docs, limit, rare), len(statements))
    assert set(zip(left.tolist(), right.tolist(), strict=True)) == expected


@pytest.mark.parametrize("shuffled", [False, True])
@pytest.mark.parametrize("k", [1, 5])
def test_neighbour_search_finds_the_nearest_of_other_documents(shuffled: bool, k: int) -> None:
    # Wide enough that each row's threshold comes from a sample of its columns.
    rng = np.random.default_rng(7)
    vectors = rng.standard_normal((2_600, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    docs = np.repeat(np.arange(130, dtype=np.int64), 20)
    if shuffled:
        docs = rng.permutation(docs)
    similarity = vectors @ vectors.T
    similarity[docs[:, None] == docs[None, :]] = -np.inf
    nearest = np.argsort(-similarity, axis=1, kind="stable")[:, :k]
    rows = np.repeat(np.arange(len(docs)), k)
    expected = np.minimum(rows, nearest.ravel()) * len(docs) + np.maximum(rows, nearest.ravel())
    found = _neighbour_pairs(vectors, docs, k, 300)
    assert np.array_equal(np.unique(found), np.unique(expected))


class _KnownScores:
    """A stand-in for the fact scorer: fixed pair scores, 0 for every other pair."""

    def __init__(self, statements: list[Statement], scores: dict[tuple[int, int], float]) -> None:
        self.statements = statements
        self.cache = PairScores(len(statements))
        for pair, value in scores.items():
            self.cache[pair] = value

    def scores(self, pairs: list[tuple[int, int]]) -> list[float]:
        return [self.cache.get((min(i, j), max(i, j))) or 0.0 for i, j in pairs]


def _consolidated(
    groups: list[list[int]], scores: dict[tuple[int, int], float], **options: float
) -> list[list[int]]:
    from synopse.compare.facts import _consolidate

    statements = [_statement(doc, {"x"}) for doc in (0, 1, 2, 3, 0)]
    scorer = _KnownScores(statements, scores)
    return sorted(_consolidate(scorer, groups, FactOptions(**options)))  # type: ignore[arg-type]


def test_consolidation_merges_two_wordings_of_one_claim() -> None:
    # Statements 0 and 1 (documents 0, 1) tell the claim one way, 2 and 3 (documents
    # 2, 3) another; every cross pair is middling, none would link on its own.
    middling = {(0, 2): 0.2, (0, 3): 0.19, (1, 2): 0.2, (1, 3): 0.2}
    assert _consolidated([[0, 1], [2, 3], [4]], middling) == [[0, 1, 2, 3], [4]]
    # Below the bar on average, or turned off: the facts stay apart.
    assert _consolidated([[0, 1], [2, 3], [4]], middling, consolidate=0.25) == [[0, 1], [2, 3], [4]]
    assert _consolidated([[0, 1], [2, 3], [4]], middling, consolidate=2.0) == [[0, 1], [2, 3], [4]]


def test_consolidation_keeps_the_per_document_limit() -> None:
    # Statement 4 is a second sentence of document 0: with max_per_doc=1 the two
    # facts cannot merge however alike they are.
    alike = {(0, 2): 0.5, (1, 2): 0.5, (0, 4): 0.0, (1, 4): 0.5, (2, 4): 0.5}
    groups = [[0, 1], [2, 4]]
    assert _consolidated(groups, alike, max_per_doc=1) == [[0, 1], [2, 4]]
    assert _consolidated(groups, alike, max_per_doc=2) == [[0, 1, 2, 4]]


def test_closest_statement_bound_matches_full_scoring(monkeypatch: pytest.MonkeyPatch) -> None:
    """For large facts only strong pairs are summed; with no weak pairs that is exact."""
    from synopse.compare import facts as facts_module

    statements = [_statement(doc, {"x"}) for doc in (0, 1, 2, 2, 3)]
    scores = {(0, 2): 0.5, (1, 2): 0.3, (0, 3): 0.25, (1, 3): 0.0, (0, 4): 0.1}
    scorer = _KnownScores(statements, scores)
    strong = {0: [(2, 0.5), (3, 0.25)], 1: [(2, 0.3)], 2: [(0, 0.5), (1, 0.3)], 3: [(0, 0.25)]}
    close = facts_module._closest_per_document
    full = close(scorer, [0, 1], [2, 3], 0.2, strong)  # type: ignore[arg-type]
    monkeypatch.setattr(facts_module, "_FULL_CANDIDATES", 0)
    bounded = close(scorer, [0, 1], [2, 3], 0.2, strong)  # type: ignore[arg-type]
    assert full == bounded == {2: (0.4, 2)}


def test_first_choices_count_mutual_best_matches() -> None:
    from synopse.compare.facts import _first_choices

    # Statements 0 (doc 0), 1 and 2 (doc 1), 3 (doc 2). 0 and 1 are each other's best
    # match; 2 prefers 0, but 0 prefers 1 in document 1; 3 has one partner in doc 0.
    left = np.array([0, 0, 0, 2], dtype=np.int64)
    right = np.array([1, 2, 3, 3], dtype=np.int64)
    values = np.array([0.6, 0.4, 0.3, 0.2])
    docs = np.array([0, 1, 1, 2], dtype=np.int64)
    assert _first_choices((left, right), values, docs).tolist() == [2, 1, 2, 2]


def _split(groups_scores: dict[tuple[int, int], float], docs: tuple[int, ...]) -> list[list[int]]:
    from synopse.compare.facts import _split

    statements = [_statement(doc, {"x"}) for doc in docs]
    scorer = _KnownScores(statements, groups_scores)
    group = list(range(len(docs)))
    return sorted(_split(scorer, [group], FactOptions()))  # type: ignore[arg-type]


def test_split_separates_two_claims_told_side_by_side() -> None:
    # Three documents each tell claim A (statements 0, 2, 4) and claim B (1, 3, 5) in
    # two sentences; within a claim the pairs score high, across claims low.
    docs = (0, 0, 1, 1, 2, 2)
    claim_a = (0, 2, 4)
    scores = {}
    for i in range(6):
        for j in range(i + 1, 6):
            if docs[i] != docs[j]:
                same = (i in claim_a) == (j in claim_a)
                scores[i, j] = 0.5 if same else 0.1
    assert _split(scores, docs) == [[0, 2, 4], [1, 3, 5]]
    # When the sentences are alike across the claims, the fact stays whole.
    flat = {pair: 0.4 for pair in scores}
    assert _split(flat, docs) == [[0, 1, 2, 3, 4, 5]]


def test_split_keeps_parts_that_would_span_too_few_documents() -> None:
    # Only two documents: parts of two documents each are too small to stand alone.
    docs = (0, 0, 1, 1)
    scores = {(0, 2): 0.5, (1, 3): 0.5, (0, 3): 0.1, (1, 2): 0.1}
    assert _split(scores, docs) == [[0, 1, 2, 3]]


def test_pair_scores_adopt_and_retain() -> None:
    scores = PairScores(4)
    codes = np.array([1, 6, 11], dtype=np.int64)  # (0, 1), (1, 2), (2, 3)
    scores.adopt(codes, np.array([0.5, 0.25, 0.75]))
    scores[0, 3] = 0.125
    with pytest.raises(ValueError, match="empty map"):
        scores.adopt(codes, np.zeros(3))
    scores.retain(lambda left, right: left != 1)
    assert [scores.get(p) for p in [(0, 1), (1, 2), (2, 3), (0, 3)]] == [0.5, None, 0.75, 0.125]
