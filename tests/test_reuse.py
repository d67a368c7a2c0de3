"""Text reuse: shared passages between documents, scores, and the reuse index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from synopse.analysis.sentences import split_sentences
from synopse.compare.reuse import Passage, Reuse, ReuseIndex, find_reuse, reused_sentences
from synopse.errors import ConfigError
from synopse.model import Document

# Invented texts: a wire report, an outlet that copies its second paragraph with small
# edits, and an outlet that writes its own story with the same common phrases.
WIRE = (
    "Die Stadt Lindenau will bis 2030 alle Straßenbahnen auf Ökostrom umstellen. "
    "Das kündigte Oberbürgermeisterin Karla Brenner am Dienstag an.\n\n"
    "Die Umstellung soll nach Angaben der Stadtwerke rund 40 Millionen Euro kosten. "
    "Ein Großteil des Geldes stammt aus einem Förderprogramm des Landes, der Rest wird "
    "über höhere Parkgebühren in der Innenstadt finanziert. Kritik kam von der "
    "Opposition im Stadtrat, die den Zeitplan für unrealistisch hält.\n\n"
    "Die ersten umgebauten Bahnen sollen im kommenden Frühjahr fahren."
)
COPY = (
    "Lindenau setzt auf grünen Strom: Die Verkehrsbetriebe der Stadt stellen ihre Flotte um, "
    "wie die Rathauschefin Karla Brenner mitteilte. Für Fahrgäste ändert sich zunächst wenig.\n\n"
    "Die Umstellung soll nach Angaben der Stadtwerke etwa 40 Millionen Euro kosten. "
    "Ein Großteil des Geldes stammt aus einem Förderprogramm des Landes, der Rest wird "
    "über höhere Parkgebühren in der gesamten Innenstadt finanziert. Kritik kam von der "
    "Opposition im Stadtrat, die den Zeitplan für unrealistisch hält.\n\n"
    "Unsere Zeitung hat Fahrgäste an der Haltestelle Marktplatz gefragt, was sie davon halten."
)
OWN = (
    "Oberbürgermeisterin Karla Brenner hat am Dienstag große Pläne vorgestellt. "
    "Bis 2030 sollen alle Straßenbahnen mit Ökostrom fahren, sagte sie vor Journalisten. "
    "Die Opposition im Stadtrat reagierte skeptisch und verlangte einen genauen Kostenplan. "
    "Die Stadtwerke nannten zunächst keine Zahlen."
)


def _doc(doc_id: str, text: str) -> Document:
    return Document(id=doc_id, text=text, source=f"{doc_id}.txt")


@pytest.fixture(scope="module")
def trio() -> list[Document]:
    return [_doc("wire", WIRE), _doc("copy", COPY), _doc("own", OWN)]


def test_finds_the_copied_paragraph_despite_edits(trio: list[Document]) -> None:
    found = find_reuse(trio)
    assert [r.docs for r in found] == [("wire", "copy")]
    reuse = found[0]
    assert len(reuse.passages) == 1
    passage = reuse.passages[0]
    wire_part = WIRE[passage.a_start : passage.a_end]
    copy_part = COPY[passage.b_start : passage.b_end]
    # Merged across the edits ("rund" → "etwa", inserted "gesamten") and extended to the
    # paragraph's sentence boundaries.
    assert wire_part.startswith("Die Umstellung soll")
    assert wire_part.endswith("für unrealistisch hält.")
    assert copy_part.startswith("Die Umstellung soll")
    assert copy_part.endswith("für unrealistisch hält.")
    assert 0.3 < reuse.score < 0.9


def test_common_phrases_are_not_reuse(trio: list[Document]) -> None:
    pairs = {r.docs for r in find_reuse(trio, min_score=0.0)}
    assert ("wire", "own") not in pairs
    assert ("copy", "own") not in pairs


STATEMENT = (
    "„Wir werden die Straßenbahnen bis 2030 vollständig auf Ökostrom umstellen und dafür "
    "keine zusätzlichen Schulden aufnehmen“"
)
QUOTING_A = f"Die Oberbürgermeisterin gab sich entschlossen. {STATEMENT}, sagte sie am Dienstag."
QUOTING_B = f"Im Stadtrat blieb es ruhig. Brenner versprach: {STATEMENT}. Die Opposition schwieg."


def test_a_shared_quotation_is_not_reuse() -> None:
    docs = [_doc("a", QUOTING_A), _doc("b", QUOTING_B)]
    assert find_reuse(docs) == []
    (kept,) = find_reuse(docs, quotations=True)
    (passage,) = kept.passages
    assert "Wir werden die Straßenbahnen" in QUOTING_A[passage.a_start : passage.a_end]
    assert "Schulden aufnehmen" in QUOTING_B[passage.b_start : passage.b_end]


def test_identical_documents_score_one() -> None:
    found = find_reuse([_doc("a", WIRE), _doc("b", WIRE)])
    assert found[0].score == 1.0
    assert found[0].passages == (Passage(0, len(WIRE), 0, len(WIRE)),)


@pytest.mark.parametrize(
    ("shingle", "min_words", "expected"),
    [(5, 15, 1), (8, 15, 1), (5, 60, 0)],
)
def test_options_change_what_counts(
    trio: list[Document], shingle: int, min_words: int, expected: int
) -> None:
    assert len(find_reuse(trio, shingle=shingle, min_words=min_words)) == expected


def test_min_score_filters_pairs(trio: list[Document]) -> None:
    assert find_reuse(trio, min_score=0.95) == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"shingle": 0}, "reuse shingle must be at least 1 word, got 0"),
        ({"min_words": 3}, "reuse min_words (3) must be at least shingle (5)"),
        ({"max_gap": -1}, "reuse max_gap must not be negative, got -1"),
    ],
)
def test_bad_options(trio: list[Document], options: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError) as error:
        find_reuse(trio, **options)
    assert str(error.value) == message


def test_duplicate_ids_are_rejected() -> None:
    with pytest.raises(ConfigError, match="unique"):
        find_reuse([_doc("a", WIRE), _doc("a", COPY)])


@pytest.mark.parametrize("text", ["", " ", "...", "Ein Wort.", "a " * 3])
def test_tiny_or_empty_inputs(text: str) -> None:
    assert find_reuse([_doc("a", text), _doc("b", text)]) == []


def test_deterministic_and_serialisable(trio: list[Document]) -> None:
    first = find_reuse(trio)
    assert first == find_reuse(list(trio))
    data = first[0].to_dict()
    assert data["docs"] == ["wire", "copy"]
    assert set(data["passages"][0]) == {"a_start", "a_end", "b_start", "b_end"}


def test_index_answers_span_questions(trio: list[Document]) -> None:
    index = ReuseIndex(find_reuse(trio))
    inside = COPY.index("Ein Großteil des Geldes")
    assert index.shared_with("copy", inside, inside + 40) == frozenset({"wire"})
    assert index.is_reused("copy", inside, inside + 40, other="wire")
    assert not index.is_reused("copy", inside, inside + 40, other="own")
    lead = COPY.index("Für Fahrgäste")
    assert not index.is_reused("copy", lead, lead + 30)
    assert index.shared_with("unknown", 0, 10) == frozenset()


def test_reused_sentences_marks_the_copied_sentences(trio: list[Document]) -> None:
    sentences = split_sentences(COPY)
    marked = reused_sentences(find_reuse(trio), "copy", sentences)
    texts = [COPY[sentences[i].start : sentences[i].end] for i in sorted(marked)]
    assert len(texts) == 3
    assert texts[0].startswith("Die Umstellung")
    assert all(sharing == frozenset({"wire"}) for sharing in marked.values())


def test_spans_in_rejects_a_foreign_document() -> None:
    reuse = Reuse(("a", "b"), 0.5, (Passage(0, 5, 10, 15),))
    assert reuse.spans_in("b") == ((10, 15),)
    with pytest.raises(ValueError, match="not part of reuse pair"):
        reuse.spans_in("c")


def test_shared_corpus_has_no_false_reuse(corpus_files: dict[str, Path]) -> None:
    """The five outlets wrote their own texts: shared phrases must not count as reuse."""
    docs = [
        _doc(key, path.read_text(encoding="utf-8")) for key, path in sorted(corpus_files.items())
    ]
    assert find_reuse(docs, min_score=0.0) == []
    # A shorter shingle finds the shared phrases, which stay below the passage minimum.
    assert find_reuse(docs, min_score=0.0, shingle=3, min_words=10) == []
