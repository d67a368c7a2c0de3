"""Conflicts between outlets: invented mini-articles for every kind, and the demo corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from synopse.analysis.pipeline import analyze
from synopse.compare.conflicts import (
    compare_quantities,
    find_conflicts,
    format_quantity,
    is_time_offset,
)
from synopse.compare.conflicts_claims import polarity
from synopse.compare.conflicts_frames import role_countries, term_matches
from synopse.compare.embeddings import get_embedder
from synopse.compare.entities import resolve_entities
from synopse.compare.facts import find_facts
from synopse.evaluation.conflicts import compatible_kinds, score_conflicts
from synopse.ingest import ingest
from synopse.model import Document
from synopse.model.analysis import Quantity
from synopse.model.comparison import Conflict, ConflictValue

ROOT = Path(__file__).resolve().parent.parent


def _conflicts(texts: dict[str, str], published: str = "2030-05-04") -> list[Conflict]:
    analyses = [
        analyze(Document(id=key, text=text, source=key, published=published))
        for key, text in texts.items()
    ]
    clusters = resolve_entities(analyses)
    facts = find_facts(analyses, clusters, embedder=get_embedder("hashing"), reuse=[])
    return find_conflicts(analyses, facts, clusters)


def _sides(conflict: Conflict, texts: dict[str, str]) -> set[tuple[str, str]]:
    return {(v.doc, texts[v.doc][v.start : v.end]) for v in conflict.values}


FILLER = (
    "Der Gemeinderat von Talheim tagte am Abend im Rathaus. "
    "Viele Bürger verfolgten die Debatte auf der Tribüne. "
)

CASES = [
    pytest.param(
        "numeric",
        "hard",
        {
            "a": FILLER + "Die Gemeinde Talheim erhöht die Grundsteuer um 4,5 Prozent.",
            "b": FILLER + "Die Gemeinde Talheim erhöht die Grundsteuer um 3,5 Prozent.",
        },
        {("a", "4,5 Prozent"), ("b", "3,5 Prozent")},
        id="numeric-disjoint",
    ),
    pytest.param(
        "numeric",
        "soft",
        {
            "a": FILLER + "Die Sitzung des Gemeinderats dauerte exakt 90 Minuten.",
            "b": FILLER + "Die Sitzung des Gemeinderats dauerte rund 90 Minuten.",
        },
        {("a", "exakt 90 Minuten"), ("b", "rund 90 Minuten")},
        id="numeric-precision",
    ),
    pytest.param(
        "numeric",
        "medium",
        {
            "a": FILLER + "Tausende Demonstranten zogen durch die Altstadt von Talheim.",
            "b": FILLER + "Rund 300 Demonstranten zogen durch die Altstadt von Talheim.",
        },
        {("a", "Tausende Demonstranten"), ("b", "Rund 300 Demonstranten")},
        id="numeric-vague-vs-figure",
    ),
    pytest.param(
        "temporal",
        "hard",
        {
            "a": FILLER + "Über den Haushalt stimmt der Gemeinderat am 14. Mai ab.",
            "b": FILLER + "Über den Haushalt stimmt der Gemeinderat am 16. Mai ab.",
        },
        {("a", "am 14. Mai"), ("b", "am 16. Mai")},
        id="temporal-date",
    ),
    pytest.param(
        "attribution",
        "medium",
        {
            "a": FILLER + "„Wir lassen niemanden im Stich“, sagte Bürgermeisterin Petra Lindner.",
            "b": FILLER + "„Wir lassen niemanden im Stich“, sagte Landrat Michael Weber.",
        },
        {("a", "„Wir lassen niemanden im Stich“"), ("b", "„Wir lassen niemanden im Stich“")},
        id="attribution-same-words",
    ),
    pytest.param(
        "spelling",
        "hard",
        {
            "a": FILLER + "Bürgermeisterin Petra Lindner lobte den Kompromiss zum Haushalt.",
            "b": FILLER + "Bürgermeisterin Petra Lintner lobte den Kompromiss zum Haushalt.",
        },
        {("a", "Petra Lindner"), ("b", "Petra Lintner")},
        id="spelling-misspelt-surname",
    ),
    pytest.param(
        "spelling",
        "soft",
        {
            "a": FILLER + "Kämmerer Tobias Strauss lobte den Kompromiss zum Haushalt.",
            "b": FILLER + "Kämmerer Tobias Strauß lobte den Kompromiss zum Haushalt.",
        },
        {("a", "Tobias Strauss"), ("b", "Tobias Strauß")},
        id="spelling-sharp-s",
    ),
]


@pytest.mark.parametrize(("kind", "severity", "texts", "expected"), CASES)
def test_conflict_found(
    kind: str, severity: str, texts: dict[str, str], expected: set[tuple[str, str]]
) -> None:
    found = [c for c in _conflicts(texts) if c.kind == kind]
    assert [c.severity for c in found] == [severity]
    assert expected <= _sides(found[0], texts)


def test_claim_and_rebuttal_lists_which_outlets_print_the_rebuttal() -> None:
    texts = {
        "a": FILLER + "Nach Angaben der Stadtwerke Talheim habe der Landkreis Nordheide neue Busse "
        "für die Linie zum Bahnhof zugesagt. Der Landkreis Nordheide erklärte jedoch, er habe "
        "lediglich die bestehende Förderung bestätigt.",
        "b": FILLER
        + "Den Stadtwerken Talheim zufolge habe der Landkreis Nordheide neue Busse für die "
        "Linie zum Bahnhof zugesagt.",
    }
    found = [c for c in _conflicts(texts) if c.kind == "attribution"]
    assert len(found) == 1
    labels = {(v.doc, v.value.split(" (")[0].split(",")[0]) for v in found[0].values}
    assert ("a", "rebuttal") in labels
    assert ("b", "claim only") in labels
    assert found[0].severity == "hard"


def test_opposite_tone_is_a_characterization_conflict() -> None:
    texts = {
        "a": FILLER + "Die Verhandlungen über den Haushalt verliefen sehr positiv und konstruktiv.",
        "b": FILLER + "Die Verhandlungen über den Haushalt verliefen angespannt und chaotisch.",
    }
    found = [c for c in _conflicts(texts) if c.kind == "characterization"]
    assert len(found) == 1
    assert {v.value.split(":")[0] for v in found[0].values} == {"positive", "negative"}


LEAD_TONE = {
    "a": "Bürgermeisterin Petra Lindner und Landrat Jonas Brandt drohen sich im Streit um "
    "die Kreisumlage gegenseitig. Die Lage zwischen Talheim und dem Kreis bleibt angespannt. "
    "Am Freitag tagt der Kreistag.",
    "b": "Im Streit um die Kreisumlage haben Bürgermeisterin Petra Lindner und Landrat Jonas "
    "Brandt Drohungen ausgetauscht. Am Freitag tagt der Kreistag.",
    "c": "Das Gespräch zwischen Bürgermeisterin Petra Lindner und Landrat Jonas Brandt über "
    "die Kreisumlage ist sehr positiv und konstruktiv verlaufen. Am Freitag tagt der Kreistag.",
}


def test_leads_with_opposite_tone_are_a_characterization_conflict() -> None:
    found = [c for c in _conflicts(LEAD_TONE) if c.topic == "tone of the leads"]
    assert len(found) == 1
    sides = {v.doc: v.value.split(":")[0] for v in found[0].values}
    assert sides == {"a": "negative", "b": "negative", "c": "positive"}


def test_leads_about_other_actors_are_not_compared_for_tone() -> None:
    texts = dict(LEAD_TONE)
    texts["c"] = (
        "Der Sportverein Talheim hat sein Heimspiel sehr positiv und konstruktiv gestaltet. "
        "Am Freitag tagt der Kreistag."
    )
    assert not [c for c in _conflicts(texts) if c.topic == "tone of the leads"]


@pytest.mark.parametrize(
    "texts",
    [
        pytest.param(
            {
                "a": FILLER + "Die Gemeinde Talheim erhöht die Grundsteuer um 4,5 Prozent.",
                "b": FILLER + "Die Gemeinde Talheim hebt die Grundsteuer um 4,5 Prozent an.",
            },
            id="same-figure",
        ),
        pytest.param(
            {
                "a": FILLER + "Die Sitzung dauerte zwei Stunden.",
                "b": FILLER
                + "Der Radweg nach Nordheim ist 40 Kilometer lang und kostet 3 Millionen Euro.",
            },
            id="unrelated-figures",
        ),
        pytest.param(
            {
                "a": FILLER + "Die Verhandlungen verliefen sehr positiv und konstruktiv.",
                "b": FILLER + "Die Verhandlungen verliefen gut und erfolgreich.",
            },
            id="same-tone",
        ),
        pytest.param(
            {
                "a": FILLER + "Im Labor wurden insgesamt 6.650 Proben genommen.",
                "b": FILLER + "Die Teststation fand kaum Fälle: 229 der ersten 230 Proben "
                "waren negativ.",
            },
            id="part-of-a-whole",
        ),
        pytest.param(
            {
                "a": FILLER + "Nur zwei Stunden später war die Siedlung eingezäunt.",
                "b": FILLER + "Die Sitzung zur Siedlung hat lange gedauert, mehr als "
                "eineinhalb Stunden.",
            },
            id="time-offset-is-no-duration",
        ),
        pytest.param(
            {
                "a": FILLER + "Nach langem Umbau öffnet das neue Freibad der Stadtwerke "
                "Talheim GmbH am 12. Juni seine Becken für Schwimmer.",
                "b": FILLER + "Der Kreistag prüft am 20. Juni in einer Sondersitzung die "
                "Jahresbilanz der Stadtwerke Talheim GmbH und ihrer Tochterfirmen.",
            },
            id="entity-in-unrelated-schedules",
        ),
        pytest.param(
            {
                "a": FILLER + "Kämmerer Paul Weiß meldete am Montag höhere Kosten, während "
                "Bürgermeisterin Jana Roth regionale Unterschiede beim Freibad betonte.",
                "b": FILLER + "Am Dienstag hatte auch Bürgermeisterin Jana Roth davon "
                "gesprochen, dass es regionale Unterschiede beim Freibad gebe.",
            },
            id="one-fact-dates-two-things",
        ),
        pytest.param(
            {
                "a": FILLER + "Die Stadtwerke Talheim beschäftigen 400 Mitarbeiter.",
                "b": FILLER + "Im Freibad arbeiten im Sommer 30 Mitarbeiter.",
                "c": FILLER + "Der Haushalt wurde mit großer Mehrheit beschlossen.",
                "d": FILLER + "Die Opposition stimmte gegen den Haushalt.",
            },
            id="counted-noun-of-a-minority-of-documents",
        ),
        pytest.param(
            {
                "a": FILLER + "Vor der Schließung lernten die Kinder 7,4 Stunden am Tag. Vor "
                "dem Bildschirm saßen die Kinder am Tag 6,3 Stunden.",
                "b": FILLER + "Die Kinder lernten vor der Schließung 7,4 Stunden am Tag.",
            },
            id="a-second-figure-is-no-contradiction",
        ),
        pytest.param(
            {
                "a": FILLER + "Wegen der Krise der Werft rechnet Talheim mit Folgen: die "
                "Arbeitslosenquote werde auf 5,9 Prozent steigen.",
                "b": FILLER + "Wegen der Krise der Werft rechnet Talheim mit Folgen: die "
                "Einkünfte der Familien sinken um 20 Prozent.",
            },
            id="a-unit-alone-says-nothing-of-what-is-measured",
        ),
        pytest.param(
            {
                "a": FILLER + "Der sogenannte Reproduktionswert, der angibt, wie viele "
                "Menschen ein Infizierter ansteckt, sank in Talheim zuletzt deutlich.",
                "b": FILLER + "Der Reproduktionswert sank in Talheim zuletzt deutlich, "
                "sagte der Amtsarzt.",
            },
            id="term-introduced-not-doubted",
        ),
    ],
)
def test_no_conflict_where_documents_agree(texts: dict[str, str]) -> None:
    assert _conflicts(texts) == []


@pytest.mark.parametrize(
    ("text", "phrase", "offset"),
    [
        ("Nur zwei Stunden später war alles vorbei.", "zwei Stunden", True),
        ("Vor drei Tagen begann der Streik.", "drei Tagen", True),
        ("Die Sitzung dauerte zwei Stunden.", "zwei Stunden", False),
        ("Der Streik ging nach 14 Stunden zu Ende.", "14 Stunden", True),
    ],
)
def test_time_offsets_are_told_from_durations(text: str, phrase: str, offset: bool) -> None:
    start = text.index(phrase)
    quantity = Quantity(start, start + len(phrase), 1, 1, "minute")
    assert is_time_offset(text, quantity) is offset


def test_schedule_order_and_count() -> None:
    texts = {
        "a": FILLER + "Am 10. Juni tagt die Nordbau GmbH. Danach folgt die Stadtwerke Talheim "
        "GmbH am 12. Juni und die Sparkasse am 14. Juni.",
        "b": FILLER + "Am 10. Juni tagt die Nordbau GmbH, am 12. Juni die Stadtwerke Talheim "
        "GmbH und am 14. Juni die Sparkasse.",
        "c": FILLER + "Am 10. Juni tagt die Nordbau GmbH. Im Anschluss kommt die Sparkasse "
        "zusammen, gefolgt von der Stadtwerke Talheim GmbH am 12. Juni.",
        "d": FILLER + "Am 10. Juni tagt die Nordbau GmbH, am 12. Juni die Stadtwerke Talheim GmbH.",
    }
    found = [c for c in _conflicts(texts) if c.kind == "temporal"]
    topics = [c.topic for c in found]
    order = [c for c in found if c.topic.startswith("order")]
    assert len(order) == 1, topics
    assert {v.doc for v in order[0].values if "by order" in v.value} == {"c"}
    counts = [c for c in found if c.topic == "number of scheduled events"]
    assert len(counts) == 1, topics
    assert {v.value.split()[0] for v in counts[0].values if v.doc == "d"} == {"2"}


def test_demo_corpus_planted_conflicts_are_found() -> None:
    result = ingest([ROOT / "demo" / "corpus"])
    analyses = [analyze(d) for d in result.documents]
    clusters = resolve_entities(analyses)
    facts = find_facts(analyses, clusters, embedder=get_embedder("hashing"))
    conflicts = find_conflicts(analyses, facts, clusters)
    texts = {a.document.id: a.document.text for a in analyses}
    found = {(c.kind, frozenset(_sides(c, texts))) for c in conflicts}

    def has(kind: str, *sides: tuple[str, str]) -> bool:
        return any(k == kind and set(sides) <= s for k, s in found)

    assert has("numeric", ("kuestenbote-scrape", "5,5 Prozent"), ("rheinblatt", "5,2 Prozent"))
    assert has(
        "numeric",
        ("rheinblatt", "mehr als 12.000 Beschäftigte"),
        ("dna-agentur", "Rund 8.000 Beschäftigte"),
    )
    assert has("numeric", ("kuestenbote-scrape", "fast 16 Stunden"), ("dna-agentur", "14 Stunden"))
    assert has("temporal", ("rheinblatt", "am 26. März"), ("dna-agentur", "am 24. März"))
    assert any(
        c.kind == "attribution"
        and {v.doc for v in c.values} >= {"dna-agentur", "kuestenbote-scrape"}
        and any("Kessler" in v.value for v in c.values)
        for c in conflicts
    )
    assert has("spelling", ("rheinblatt", "Marta Keßler"), ("dna-agentur", "Marta Kessler"))
    assert [c.id for c in conflicts] == [f"c{n}" for n in range(1, len(conflicts) + 1)]
    ranks = [{"hard": 0, "medium": 1, "soft": 2}[c.severity] for c in conflicts]
    assert ranks == sorted(ranks)
    assert find_conflicts(analyses, facts, clusters) == conflicts


@pytest.mark.parametrize(
    ("a", "b", "severity"),
    [
        (Quantity(0, 1, 5.2, 5.2, "percent"), Quantity(0, 1, 5.5, 5.5, "percent"), "hard"),
        (
            Quantity(0, 1, 20000, 99999, "Soldat"),
            Quantity(0, 1, 100000, 100000, "Soldat"),
            "medium",
        ),
        (
            Quantity(0, 1, 48, 60, "minute", "fast"),
            Quantity(0, 1, 50, 50, "minute", "exakt", True),
            "soft",
        ),
        (Quantity(0, 1, 45, 55, "minute", "rund"), Quantity(0, 1, 45, 55, "minute", "etwa"), None),
        (Quantity(0, 1, 3, 3, "Treffen"), Quantity(0, 1, 3, 3, "Treffen"), None),
    ],
)
def test_compare_quantities(a: Quantity, b: Quantity, severity: str | None) -> None:
    assert compare_quantities(a, b) == severity
    assert compare_quantities(b, a) == severity


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [
        (Quantity(0, 1, 50, 50, "minute", "exakt", True), "50 minute (exact)"),
        (Quantity(0, 1, 45, 55, "minute", "rund"), "45–55 minute (rund)"),
        (Quantity(0, 1, 100000, 100000, "Soldat"), "100000 Soldat"),
        (Quantity(0, 1, 5.2, 5.2, "percent"), "5.2 percent"),
    ],
)
def test_format_quantity(quantity: Quantity, expected: str) -> None:
    assert format_quantity(quantity) == expected


@pytest.mark.parametrize(
    ("text", "positive", "negative"),
    [
        ("Das Gespräch verlief sehr positiv.", ["positiv"], []),
        ("Das Gespräch verlief nicht positiv.", [], ["nicht positiv"]),
        ("Die Lage bleibt angespannt, beide Seiten drohen.", [], ["angespannt", "drohen"]),
        ("Es gab keine Eskalation.", ["keine Eskalation"], []),
        ("Das Krisentreffen endete ohne Ergebnis.", [], ["Krisentreffen"]),
        ("Der Ausschuss tagte im Rathaus.", [], []),
        ("Beide Seiten müssten deeskalieren.", [], []),
        ("Er rief beide Seiten dazu auf, zu deeskalieren.", [], []),
    ],
)
def test_polarity(text: str, positive: list[str], negative: list[str]) -> None:
    assert polarity(text, 0, len(text)) == (positive, negative)


@pytest.mark.parametrize(
    ("gold_kind", "kinds"),
    [
        ("numeric", {"numeric"}),
        ("numeric (count)", {"numeric", "temporal"}),
        ("temporal (ordering)", {"temporal"}),
        ("attribution dispute", {"attribution"}),
        ("spelling (typo)", {"spelling"}),
        ("naming variant / role", {"spelling", "attribution"}),
        ("characterization", {"characterization"}),
        ("characterization (hedging)", {"characterization", "attribution"}),
        ("actor difference", {"attribution", "characterization"}),
        ("place", {"characterization", "temporal"}),
    ],
)
def test_compatible_kinds(gold_kind: str, kinds: set[str]) -> None:
    assert compatible_kinds(gold_kind) == kinds


def test_score_conflicts_counts_matches_and_no_conflict_items() -> None:
    texts = {"a": "Es waren 10 Leute. Es ist Montag.", "b": "Es waren 12 Leute. Es ist Montag."}
    gold = {
        "conflicts": [
            {
                "id": "G1",
                "kind": "numeric",
                "severity": "hard",
                "values": {
                    "a": {"quotes": ["Es waren 10 Leute."]},
                    "b": {"quotes": ["Es waren 12 Leute."]},
                },
            },
            {
                "id": "G2",
                "kind": "spelling",
                "severity": "medium",
                "values": {"a": {"quotes": ["Nirgends."]}},
            },
        ],
        "checked_no_conflict": [
            {
                "id": "K1",
                "values": {
                    "a": {"quotes": ["Es ist Montag."]},
                    "b": {"quotes": ["Es ist Montag."]},
                },
            }
        ],
    }
    good = Conflict(
        "c1",
        "numeric",
        "people",
        (ConflictValue("a", "10", 9, 11), ConflictValue("b", "12", 9, 11)),
    )
    wrong_kind = Conflict("c2", "spelling", "x", good.values)
    negative = Conflict(
        "c3",
        "temporal",
        "day",
        (ConflictValue("a", "Mo", 26, 32), ConflictValue("b", "Mo", 26, 32)),
    )
    result = score_conflicts(gold, [good, wrong_kind, negative], texts)
    assert result["recall"] == 0.5
    assert result["precision"] == pytest.approx(1 / 3)
    assert result["matched"] == {"G1": ["c1"]}
    assert result["no_conflict_hits"] == {"K1": ["c3"]}
    assert result["per_kind"]["numeric"]["precision"] == 1.0


FRAME_CASES = [
    pytest.param(
        "attribution",
        "role of",
        {
            "a": FILLER + "Der französische Botschafter Pierre Lamarque besuchte das Rathaus.",
            "b": FILLER + "Der belgische Botschafter Pierre Lamarque besuchte das Rathaus.",
        },
        {"a", "b"},
        id="role-different-country",
    ),
    pytest.param(
        "characterization",
        "who is the agent",
        {
            "a": FILLER
            + "Aserbaidschan wirft Armenien seit Wochen Provokationen an der Grenze vor.",
            "b": FILLER + "Seit Wochen provoziert Aserbaidschan den Nachbarn Armenien gezielt.",
        },
        {"a", "b"},
        id="agency-reversed",
    ),
    pytest.param(
        "characterization",
        "scope of",
        {
            "a": FILLER
            + "Der Präsident drohte, die Beziehungen zu Frankreich komplett abzubrechen.",
            "b": FILLER + "Der Präsident drohte, sämtliche Beziehungen abzubrechen.",
        },
        {"a", "b"},
        id="scope-all-vs-one-country",
    ),
    pytest.param(
        "characterization",
        "loaded wording",
        {
            "a": FILLER + "Die Gewerkschaft Verdi richtete Forderungen an die Stadtwerke Talheim. "
            "Das ist nichts als Erpressung.",
            "b": FILLER + "Die Gewerkschaft Verdi legte den Stadtwerken Talheim ihre "
            "weitreichenden Forderungen vor.",
        },
        {"a", "b"},
        id="loaded-vs-neutral",
    ),
]


@pytest.mark.parametrize(("kind", "topic", "texts", "docs"), FRAME_CASES)
def test_frame_conflict_found(kind: str, topic: str, texts: dict[str, str], docs: set[str]) -> None:
    found = [c for c in _conflicts(texts) if c.kind == kind and c.topic.startswith(topic)]
    assert len(found) == 1, [c.topic for c in _conflicts(texts)]
    assert {v.doc for v in found[0].values} == docs


@pytest.mark.parametrize(
    "texts",
    [
        pytest.param(
            {
                "a": FILLER + "Der französische Botschafter Pierre Lamarque besuchte das Rathaus.",
                "b": FILLER + "Frankreichs Botschafter Pierre Lamarque besuchte das Rathaus.",
            },
            id="role-same-country",
        ),
        pytest.param(
            {
                "a": FILLER + "Aserbaidschan wirft Armenien Provokationen an der Grenze vor.",
                "b": FILLER + "Seit Wochen provoziert Armenien den Nachbarn Aserbaidschan.",
            },
            id="agency-same-agent",
        ),
        pytest.param(
            {
                "a": FILLER + "Der Präsident drohte, die Beziehungen zu Frankreich abzubrechen.",
                "b": FILLER + "Der Präsident drohte, die Beziehungen zu Frankreich zu kappen.",
            },
            id="scope-same",
        ),
        pytest.param(
            {
                "a": FILLER + "Die Gewerkschaft Verdi richtete Forderungen an die Stadtwerke "
                "Talheim. Das Wetter in Talheim ist nichts als Propaganda.",
                "b": FILLER + "Die Gewerkschaft Verdi legte dem Landkreis Nordheide ihre "
                "weitreichenden Forderungen vor.",
            },
            id="loaded-word-not-on-the-referent",
        ),
        pytest.param(
            {
                "a": FILLER + "Die Verhandlungen über den Haushalt verliefen angespannt.",
                "b": FILLER + "Bei den Verhandlungen über den Haushalt müssten beide Seiten "
                "deeskalieren und sich verständigen.",
            },
            id="demand-is-no-tone",
        ),
    ],
)
def test_no_frame_conflict_where_documents_agree(texts: dict[str, str]) -> None:
    kinds = {"attribution", "characterization"}
    assert [c.topic for c in _conflicts(texts) if c.kind in kinds] == []


@pytest.mark.parametrize(
    ("role", "head", "countries"),
    [
        ("russische US-Botschafter", "botschafter", {"RU", "US"}),
        ("russischen Botschafters in Washington", "botschafter", {"RU"}),
        ("Russlands Präsident", "präsident", {"RU"}),
        ("deutsche Botschafter in Frankreich", "botschafter", {"DE"}),
        ("Sprecherin", "sprecherin", set()),
    ],
)
def test_role_countries(role: str, head: str, countries: set[str]) -> None:
    assert role_countries(role) == (head, frozenset(countries))


@pytest.mark.parametrize(
    ("word", "term", "match", "expected"),
    [
        ("sicherheitsgarantien", "garantie", "noun", True),
        ("forderungen", "forderung", "noun", True),
        ("garantiert", "garantie", "noun", False),
        ("provozierte", "provozier", "prefix", True),
    ],
)
def test_term_matches(word: str, term: str, match: str, expected: bool) -> None:
    assert term_matches(word, term, match) is expected
