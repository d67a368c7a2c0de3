"""Quotations: cues, modes, speakers, resolution and bad input, on invented German sentences."""

from __future__ import annotations

import pytest

from synopse.analysis.quotemarks import MAX_QUOTE_CHARS, pair_quote_marks
from synopse.analysis.quotes import find_quotes
from synopse.analysis.sentences import split_sentences
from synopse.evaluation.quotes import speaker_matches
from synopse.model import EntityMention, Quote


def quotes_of(text: str, entities: list[EntityMention] | None = None) -> list[Quote]:
    return find_quotes(text, split_sentences(text), entities or [])


def mention(text: str, name: str, role: str | None = None, type_: str = "PER") -> EntityMention:
    start = text.index(name)
    return EntityMention(start, start + len(name), type_, name, role)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "mode", "speaker", "cue"),
    [
        # Direct quotes and their frames.
        ("„Wir bleiben hart“, sagte die Ministerin.", "direct", "die Ministerin", "sagte"),
        (
            "Der Bürgermeister sagte: „Die Brücke wird im Mai fertig.“",
            "direct",
            "Der Bürgermeister",
            "sagte",
        ),
        (
            "„Das ist ein guter Tag für die Stadt“, so Landrätin Petra Beispiel.",
            "direct",
            "Landrätin Petra Beispiel",
            "so",
        ),
        (
            "»Wir haben nichts zu verbergen«, erklärte der Konzernsprecher.",
            "direct",
            "der Konzernsprecher",
            "erklärte",
        ),
        (
            '"Wir prüfen alle Optionen", sagte ein Vertreter des Ministeriums.',
            "direct",
            "ein Vertreter des Ministeriums",
            "sagte",
        ),
        (
            "„Die Lage ist ernst. Wir handeln jetzt“, sagte die Sprecherin der Stadtwerke.",
            "direct",
            "die Sprecherin der Stadtwerke",
            "sagte",
        ),
        (
            "„Wir warten ab“, betonte Otto Muster, Sprecher des Vereins, am Montag.",
            "direct",
            "Otto Muster, Sprecher des Vereins",
            "betonte",
        ),
        # Indirect: reporting verb with Konjunktiv or dass.
        (
            "Der Minister sagte, die Verhandlungen seien gescheitert.",
            "indirect",
            "Der Minister",
            "sagte",
        ),
        (
            "Das Unternehmen erklärte, dass es die Preise senken werde.",
            "indirect",
            "Das Unternehmen",
            "erklärte",
        ),
        (
            "Die Gewerkschaft teilte mit, der Streik werde fortgesetzt.",
            "indirect",
            "Die Gewerkschaft",
            "teilte … mit",
        ),
        (
            "Die Sprecherin des Amtes, Jana Beispiel, sagte, die Lage sei ruhig.",
            "indirect",
            "Die Sprecherin des Amtes, Jana Beispiel",
            "sagte",
        ),
        # Source phrases.
        (
            "Laut dem Innenministerium wurden drei Personen festgenommen.",
            "indirect",
            "dem Innenministerium",
            "laut",
        ),
        ("Der Polizei zufolge gab es keine Verletzten.", "indirect", "Der Polizei", "zufolge"),
        (
            "Nach Angaben der Feuerwehr brach das Feuer am Morgen aus.",
            "indirect",
            "der Feuerwehr",
            "nach Angaben",
        ),
        (
            "Die Gespräche seien konstruktiv gewesen, hieß es aus dem Ministerium.",
            "indirect",
            "dem Ministerium",
            "hieß es",
        ),
        (
            "Wie die Stadtverwaltung mitteilte, bleibt die Straße gesperrt.",
            "indirect",
            "die Stadtverwaltung",
            "mitteilte",
        ),
        ("Die Preise würden steigen, so der Verband weiter.", "indirect", "der Verband", "so"),
        # Hearsay and mood alone.
        ("Der Verdächtige soll das Geld versteckt haben.", "indirect", None, "soll"),
        ("Die Firma habe keine Kenntnis von den Vorwürfen.", "indirect", None, "Konjunktiv"),
        # Mixed: reported speech with quoted fragments.
        (
            "Die Ministerin sprach von einem „historischen Schritt“.",
            "mixed",
            "Die Ministerin",
            "sprach … von",
        ),
        (
            "Der Trainer sagte, die Mannschaft sei „hungrig wie nie“.",
            "mixed",
            "Der Trainer",
            "sagte",
        ),
        ("Der Verband nannte das Angebot „unzureichend“.", "mixed", "Der Verband", "nannte"),
        # Passive with the institution as the place of the statement.
        ("Im Rathaus wurde der Plan als „mutig“ bewertet.", "mixed", "Im Rathaus", "bewertet"),
    ],
)
def test_cue_types_and_modes(text: str, mode: str, speaker: str | None, cue: str) -> None:
    quotes = quotes_of(text)
    assert len(quotes) == 1, quotes
    quote = quotes[0]
    assert (quote.mode, quote.speaker, quote.cue) == (mode, speaker, cue)
    if quote.speaker is not None:
        assert text[quote.speaker_start : quote.speaker_end] == quote.speaker
    if quote.cue_start >= 0:
        assert text[quote.cue_start : quote.cue_end].lower() == quote.cue.split(" … ")[0].lower()


def test_direct_quote_span_is_the_quotation() -> None:
    text = "„Wir bleiben hart“, sagte die Ministerin."
    (quote,) = quotes_of(text)
    assert text[quote.start : quote.end] == "„Wir bleiben hart“"


@pytest.mark.parametrize(
    "text",
    [
        "Die sogenannte „Zeitenwende“ prägte das Jahr.",
        "Der Film „Die Reise nach Hause“ läuft seit Donnerstag im Kino.",
        "Die „Organisation für Frieden und Entwicklung“ tagte in Genf.",
        "Das Hotel „Zur Post“ wurde renoviert.",
        "Die Sonne schien, und der Zug fuhr pünktlich ab.",
        "Die Firma hat ihre Preise gesenkt.",
        "Die geforderte Summe wurde nicht gezahlt.",
        "Beide Seiten drohen einander mit Strafzöllen.",
    ],
)
def test_not_quotes(text: str) -> None:
    assert quotes_of(text) == []


def test_continuation_inherits_the_speaker() -> None:
    text = (
        "Die Sprecherin Jana Beispiel sagte, man prüfe den Fall. "
        "Eine Entscheidung falle erst im Herbst. Der Regen hörte am Abend auf."
    )
    first, second = quotes_of(text)
    assert first.speaker == "Die Sprecherin Jana Beispiel"
    assert first.speaker_name == "Jana Beispiel"
    assert (second.mode, second.speaker, second.cue) == ("indirect", None, "Konjunktiv")
    assert second.speaker_name == "Jana Beispiel"
    assert text[second.start : second.end] == "Eine Entscheidung falle erst im Herbst."
    # Nothing is written in the continuation; its offsets lead to the earlier phrase.
    assert (second.speaker_start, second.speaker_end) == (first.speaker_start, first.speaker_end)


def test_quote_without_cue_after_a_quote() -> None:
    text = "„Wir sind enttäuscht“, sagte der Trainer Otto Muster. „Wir müssen besser werden.“"
    first, second = quotes_of(text)
    assert (second.mode, second.speaker, second.cue) == ("direct", None, "quotation")
    assert second.speaker_name == first.speaker_name == "Otto Muster"


def test_pronoun_resolves_to_nearest_person() -> None:
    text = "Die Ministerin Jana Beispiel besuchte die Fabrik. Später sagte sie, die Arbeit sei gut."
    entities = [mention(text, "Jana Beispiel", "Ministerin")]
    (quote,) = quotes_of(text, entities)
    assert (quote.speaker, quote.speaker_name) == ("sie", "Jana Beispiel")


def test_description_resolves_to_the_named_role_holder() -> None:
    text = (
        "Der Berater Otto Muster traf am Montag den Botschafter. "
        "„Wir reden weiter“, sagte der Berater."
    )
    entities = [mention(text, "Otto Muster", "Berater")]
    (quote,) = quotes_of(text, entities)
    assert (quote.speaker, quote.speaker_name) == ("der Berater", "Otto Muster")


def test_anonymous_speaker_stays_unnamed() -> None:
    text = "Otto Muster reiste ab. „Wir reden weiter“, sagte ein EU-Vertreter."
    entities = [mention(text, "Otto Muster")]
    (quote,) = quotes_of(text, entities)
    assert (quote.speaker, quote.speaker_name) == ("ein EU-Vertreter", None)


def test_named_speaker_uses_the_entity_name() -> None:
    text = "„Wir reden weiter“, sagte die Sprecherin Jana Beispiels."
    entities = [EntityMention(text.index("Jana"), len(text) - 1, "PER", "Jana Beispiel")]
    (quote,) = quotes_of(text, entities)
    assert quote.speaker_name == "Jana Beispiel"


def test_paragraph_quote_after_colon() -> None:
    text = (
        "Der Verband teilte am Abend mit:\n\n"
        "„Wir fordern eine sofortige Einigung. Die Zeit drängt.“\n\n"
        "Die Gespräche gehen weiter."
    )
    (quote,) = quotes_of(text)
    assert quote.mode == "direct"
    assert quote.speaker == "Der Verband"
    assert text[quote.start : quote.end].startswith("„Wir fordern")
    assert text[quote.start : quote.end].endswith("drängt.“")


def test_two_statements_in_one_sentence() -> None:
    text = (
        "Während die Firma nach Angaben des Betriebsrats „zufrieden“ war, "
        "sagte ein Gewerkschafter, der Abschluss sei „mager“."
    )
    speakers = [q.speaker for q in quotes_of(text)]
    assert speakers == ["des Betriebsrats", "ein Gewerkschafter"]


def test_nested_quotation_is_its_own_direct_quote() -> None:
    text = "„Auf die Frage ‚Warum jetzt?‘ gab es keine Antwort“, sagte die Abgeordnete."
    quotes = quotes_of(text)
    assert [(q.mode, q.speaker) for q in quotes] == [
        ("direct", "die Abgeordnete"),
        ("direct", None),
    ]


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("Er sagte „ja“.", ["ja"]),
        ("Er sagte ‚ja‘.", ["ja"]),
        ("Er sagte »ja«.", ["ja"]),
        ("Er sagte «ja».", ["ja"]),
        ('Er sagte "ja".', ["ja"]),
        ("Er sagte “ja”.", ["ja"]),
        ("Er sagte ``ja''.", ["ja"]),
        ("„Sie rief ‚Halt!‘ und lief“", ["Sie rief ‚Halt!‘ und lief", "Halt!"]),
        ('"Er fragte \'warum?’ und ging"', ["Er fragte 'warum?’ und ging", "warum?"]),
        ("So geht's nicht, sagt's ihm.", []),
        ("„Offen und nie geschlossen.", []),
        ("Zu „viel\n\nund“ das.", []),
    ],
)
def test_quote_mark_pairing(text: str, inner: list[str]) -> None:
    found = [text[q.inner_start : q.inner_end] for q in pair_quote_marks(text)]
    assert found == inner


@pytest.mark.parametrize(
    "text",
    [
        "Er sagte „ja, und ging. Dann kam der Bus.",
        "“Verkehrt„ herum, sagte sie.",
        "„„„“",
        "",
        "„",
        "sagte",
        ", so",
        "Laut",
        "zufolge",
        "nach Angaben",
    ],
)
def test_unbalanced_and_degenerate_input(text: str) -> None:
    quotes = quotes_of(text)
    for quote in quotes:
        assert 0 <= quote.start <= quote.end <= len(text)


def test_long_text_with_one_unmatched_mark() -> None:
    sentence = "Der Hund lief über die Wiese, sagte der Bauer. "
    text = "„" + sentence * (100_000 // len(sentence))
    quotes = quotes_of(text)
    assert len(text) > 99_000
    assert all(q.end - q.start <= MAX_QUOTE_CHARS for q in quotes)
    assert all(q.mode == "indirect" for q in quotes)


def test_deterministic_and_sorted() -> None:
    text = (
        "Der Minister sagte, die Lage sei ernst. „Wir handeln“, sagte die Ministerin. "
        "Laut der Polizei blieb es ruhig."
    )
    first, second = quotes_of(text), quotes_of(text)
    assert first == second
    assert [q.start for q in first] == sorted(q.start for q in first)


@pytest.mark.parametrize(
    ("gold", "predicted", "right"),
    [
        ("ein EU-Vertreter", "ein EU-Vertreter der Zeitung", True),
        ("Beispiels", "Beispiel", True),
        ("Die Sprecherin des Amtes, Jana Beispiel", "Jana Beispiel", True),
        (None, None, True),
        ("der Verband", None, False),
        ("der Verband", "die Polizei", False),
        ("der Offizielle", "der Berater", False),
    ],
)
def test_lenient_speaker_match(gold: str | None, predicted: str | None, right: bool) -> None:
    assert speaker_matches(gold, predicted) is right


_RUN_ON = "der Rat sagte am Abend in der Stadt es gebe laut Verwaltung neue Pläne für den Hafen"


def _run_on(words: int, mark_every: int = 0, mark: str = "„") -> str:
    """An invented text of ``words`` words without sentence punctuation."""
    vocabulary = _RUN_ON.split()
    tokens = [vocabulary[i % len(vocabulary)] for i in range(words)]
    if mark_every:
        middle = mark_every // 2
        tokens = [mark + t if i % mark_every == middle else t for i, t in enumerate(tokens)]
    return " ".join(tokens)


def _assert_valid(text: str, quotes: list[Quote]) -> None:
    assert [(q.start, q.end) for q in quotes] == sorted((q.start, q.end) for q in quotes)
    for quote in quotes:
        assert 0 <= quote.start < quote.end <= len(text)
        assert quote.mode in ("direct", "indirect", "mixed")
        if quote.speaker is not None:
            assert text[quote.speaker_start : quote.speaker_end] == quote.speaker
        if quote.cue_start >= 0:
            assert 0 <= quote.cue_start < quote.cue_end <= len(text)


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        # One 100,000-word sentence: every cue's clause reaches back to the text start.
        (_run_on(100_000), 0),
        # 10,000 opening marks that never close, one every ten words.
        (_run_on(100_000, 10), 10_000),
        # Closing marks only, and straight quotes that open and never close.
        (_run_on(100_000, 10, "“"), 10_000),
        (_run_on(100_000, 10, '"'), 10_000),
    ],
    ids=["no-punctuation", "unbalanced-openers", "closers-only", "straight-openers"],
)
def test_run_on_text_with_unbalanced_marks(text: str, marks: int) -> None:
    assert sum(text.count(m) for m in '„“"') == marks
    assert pair_quote_marks(text) == []
    quotes = quotes_of(text)
    _assert_valid(text, quotes)
    # The run-on text is one unit, reported by its first cue ("sagte" after "der Rat").
    assert [(q.speaker, q.cue, q.mode) for q in quotes] == [("der Rat", "sagte", "indirect")]


def test_many_short_quotations_without_cues() -> None:
    text = " ".join(f"„Wir bauen den {n}. Hafen.“" for n in range(5_000))
    quotes = quotes_of(text)
    _assert_valid(text, quotes)
    assert len(quotes) == 5_000
    assert all(q.mode == "direct" and text[q.start] == "„" for q in quotes)


def test_mixed_language_text() -> None:
    paragraph = (
        '"We will stay," said the mayor. Il a dit: «Non, jamais». '
        "„Wir bleiben hier“, sagte die Bürgermeisterin. 他说：“我们留下。”\n\n"
    )
    text = paragraph * 2_000
    quotes = quotes_of(text)
    _assert_valid(text, quotes)
    assert len(quotes) == 2_000
    assert {(q.mode, q.speaker, q.cue) for q in quotes} == {
        ("direct", "die Bürgermeisterin", "sagte")
    }


# ---------------------------------------------------------------------------------------
# Error classes found on unseen news text (issue 3, part 3).


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A bare surname after a clause-opening reporting verb, even a common word.
        ("Die Stadt dürfe „nichts überstürzen“, sagte Montgomery.", "Montgomery"),
        ("Die Lage bleibe angespannt, sagte Brenninger am Montag in Kassel.", "Brenninger"),
        ("Die Preise würden weiter steigen, sagte Bauer der Zeitung.", "Bauer"),
        ("„Das wird schwer“, sagte Kowalczyk gegenüber dem Sender.", "Kowalczyk"),
        ("Die Lage bleibe angespannt, sagte die Ministerin.", "die Ministerin"),
        # Not the subject of the reported clause before the comma.
        ("Die Verhandlungen seien schwierig, erklärte Fischer.", "Fischer"),
    ],
)
def test_surname_after_reporting_verb(text: str, speaker: str) -> None:
    (quote,) = quotes_of(text)
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        "Wann genau, kann niemand sagen.",
        "Wie lange das dauert, kann keiner sagen.",
        "Nichts sehen, nichts sagen, nichts hören?",
        "Was kannst du uns darüber berichten?",
    ],
)
def test_negated_indefinite_and_interrogative_words_are_no_speakers(text: str) -> None:
    assert quotes_of(text) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # An abstract noun heading a Konjunktiv clause is its content.
        ("Die Verhaftung des Reporters bestätige das düstere Bild.", None),
        ("Die Schließung der Schulen bestätige die Sorgen der Eltern, heißt es.", None),
        # Institutions and documents with the same endings stay speakers.
        ("Die Bundesregierung bestätigte, dass die Grenze offen bleibe.", "Die Bundesregierung"),
        ("Laut der Förderrichtlinie sei der Antrag bis Mai zu stellen.", "der Förderrichtlinie"),
        ("Die Gewerkschaft betonte, der Streik gehe weiter.", "Die Gewerkschaft"),
        # An abstract noun before the verb leaves a role noun after it as the speaker.
        ("Als Begründung nannte das Landesamt die hohen Kosten.", "das Landesamt"),
    ],
)
def test_abstract_nouns_are_content_not_speaker(text: str, speaker: str | None) -> None:
    (quote,) = quotes_of(text)
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("„Wir geben nicht nach“, wurde sie von Teilnehmern zitiert.", "sie"),
        (
            "Teilnehmer zitierten die Ministerin mit den Worten, man müsse nachlegen.",
            "die Ministerin",
        ),
    ],
)
def test_the_quoted_person_is_the_speaker_of_zitieren(text: str, speaker: str) -> None:
    (quote,) = quotes_of(text)
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    ("text", "people", "name"),
    [
        (
            "Angela Beispiel traf Otto Muster. „Wir sind uns einig“, sagte er.",
            ["Angela Beispiel", "Otto Muster"],
            "Otto Muster",
        ),
        (
            "Otto Muster traf Angela Beispiel. „Wir sind uns einig“, sagte er.",
            ["Otto Muster", "Angela Beispiel"],
            "Otto Muster",
        ),
        (
            "Otto Muster traf Angela Beispiel. „Wir sind uns einig“, sagte sie.",
            ["Otto Muster", "Angela Beispiel"],
            "Angela Beispiel",
        ),
        # The role noun tells the gender where the given name does not.
        (
            "Die Ministerin Kim Beispiel traf Otto Muster. „Es eilt“, sagte sie.",
            ["Kim Beispiel", "Otto Muster"],
            "Kim Beispiel",
        ),
    ],
)
def test_pronouns_resolve_by_gender(text: str, people: list[str], name: str) -> None:
    entities = []
    for person in people:
        role = "Ministerin" if f"Ministerin {person}" in text else None
        entities.append(mention(text, person, role))
    quotes = [q for q in quotes_of(text, entities) if q.mode == "direct"]
    assert [q.speaker_name for q in quotes] == [name]


_MINISTER = "Die Ministerin Jana Beispiel sagte, die Lage sei ernst."


@pytest.mark.parametrize(
    ("text", "people", "sentence", "name", "phrase"),
    [
        # Konjunktiv sentences go on with the report of the sentence before.
        (
            f"{_MINISTER} Man müsse jetzt handeln. Die Regeln würden verlängert.",
            ["Jana Beispiel"],
            "Die Regeln würden verlängert.",
            "Jana Beispiel",
            "Die Ministerin Jana Beispiel",
        ),
        (
            f"{_MINISTER} Man müsse jetzt handeln.",
            [],
            "Man müsse jetzt handeln.",
            "Jana Beispiel",
            "Die Ministerin Jana Beispiel",
        ),
        (
            "Laut der Gewerkschaft fehlen Lehrer. Der Unterricht falle oft aus.",
            [],
            "Der Unterricht falle oft aus.",
            None,
            "der Gewerkschaft",
        ),
        # A sentence with its own named subject is no longer the earlier speaker's report.
        (
            f"{_MINISTER} Otto Muster halte das für übertrieben.",
            ["Jana Beispiel", "Otto Muster"],
            "Otto Muster halte das für übertrieben.",
            None,
            None,
        ),
        (
            f"{_MINISTER} Dagegen halte Otto Muster die Regeln für übertrieben.",
            [],
            "Dagegen halte Otto Muster die Regeln für übertrieben.",
            None,
            None,
        ),
        # A pronoun or a common noun as subject keeps the report going.
        (
            f"{_MINISTER} Sie werde alles tun. Die Schulen würden offen bleiben.",
            ["Jana Beispiel"],
            "Die Schulen würden offen bleiben.",
            "Jana Beispiel",
            "Die Ministerin Jana Beispiel",
        ),
        # A paragraph break, or a sentence that reports nothing, ends the report.
        (
            f"{_MINISTER}\n\nMan müsse jetzt handeln.",
            ["Jana Beispiel"],
            "Man müsse jetzt handeln.",
            None,
            None,
        ),
        (
            f"{_MINISTER}\nMan müsse jetzt handeln.",
            ["Jana Beispiel"],
            "Man müsse jetzt handeln.",
            None,
            None,
        ),
        (
            f"{_MINISTER} Der Regen hörte auf. Man müsse jetzt handeln.",
            ["Jana Beispiel"],
            "Man müsse jetzt handeln.",
            None,
            None,
        ),
        # A lead-in with a colon speaks for the Konjunktiv paragraph after it.
        (
            "Der Bürgermeister Otto Muster sagte:\n\nDie Brücke sei marode. Sie werde gesperrt.",
            ["Otto Muster"],
            "Sie werde gesperrt.",
            "Otto Muster",
            "Der Bürgermeister Otto Muster",
        ),
        # Without an earlier quote, "er" as subject of reported speech is its speaker.
        (
            "Otto Muster ist Bäcker. Schließlich backe er seit Jahren ohne Zucker.",
            ["Otto Muster"],
            "Schließlich backe er seit Jahren ohne Zucker.",
            "Otto Muster",
            None,
        ),
    ],
)
def test_konjunktiv_continuations(
    text: str, people: list[str], sentence: str, name: str | None, phrase: str | None
) -> None:
    entities = [mention(text, person) for person in people]
    quotes = [q for q in quotes_of(text, entities) if text[q.start : q.end] == sentence]
    assert len(quotes) == 1, [text[q.start : q.end] for q in quotes_of(text, entities)]
    (quote,) = quotes
    assert (quote.cue, quote.speaker, quote.speaker_name) == ("Konjunktiv", None, name)
    written = text[quote.speaker_start : quote.speaker_end] if quote.speaker_start >= 0 else None
    assert written == phrase


@pytest.mark.parametrize(
    "text",
    [
        f"{_MINISTER} Die Regierung tagt morgen.",
        f"{_MINISTER} Der Regen hörte am Abend auf.",
        f"{_MINISTER} Otto Muster war nicht anwesend.",
    ],
)
def test_indicative_sentences_are_no_continuation(text: str) -> None:
    quotes = quotes_of(text, [mention(text, "Jana Beispiel")])
    assert [text[q.start : q.end] for q in quotes] == [_MINISTER]


@pytest.mark.parametrize(
    ("text", "speaker", "name"),
    [
        ("Otto Muster hat den Eindruck, dass niemand zuhöre.", "Otto Muster", "Otto Muster"),
        ("Die Ärztin Jana Beispiel glaubt, dass die Welle abflache.", None, "Jana Beispiel"),
        ("Die Frage ist, ob die Zeit reiche.", None, None),
    ],
)
def test_holder_of_a_reported_content_clause(
    text: str, speaker: str | None, name: str | None
) -> None:
    (quote,) = quotes_of(
        text, [mention(text, n) for n in ["Otto Muster", "Jana Beispiel"] if n in text]
    )
    assert quote.cue in ("Konjunktiv", "glaubt")
    assert quote.speaker_name == name
    if speaker is not None:
        assert quote.speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker", "name"),
    [
        # "sie" with a plural verb is a group, not the woman named before.
        (
            "Die Lehrerin Jana Beispiel begrüßte die Eltern. Dort sagten sie, alles sei gut.",
            "sie",
            None,
        ),
        (
            "Die Lehrerin Jana Beispiel begrüßte die Eltern. Dort sagte sie, alles sei gut.",
            "sie",
            "Jana Beispiel",
        ),
        (
            "Die Lehrerin Jana Beispiel kam. „Wann geht es los?“, fragten sie.",
            "sie",
            None,
        ),
        # Sentence adverbs open no speaker phrase.
        (
            "Hier erklärte die Lehrerin Jana Beispiel, alles sei gut.",
            "die Lehrerin Jana Beispiel",
            "Jana Beispiel",
        ),
        # Frame-only verbs report speech as an inserted frame, and only there.
        (
            "„Das war schwer“, erzählt die Lehrerin Jana Beispiel.",
            "die Lehrerin Jana Beispiel",
            "Jana Beispiel",
        ),
        (
            "Doch die Lehrerin Jana Beispiel hat eine gute Nachricht: „Die Schule bleibt offen.“",
            "Jana Beispiel",
            "Jana Beispiel",
        ),
    ],
)
def test_speaker_phrases_of_reporting_frames(text: str, speaker: str, name: str | None) -> None:
    (quote,) = quotes_of(text, [mention(text, "Jana Beispiel")])
    assert (quote.speaker, quote.speaker_name) == (speaker, name)


@pytest.mark.parametrize(
    "text",
    [
        "Die Lehrerin erzählt von ihrer Kindheit.",
        "Sie erzählen von Einsamkeit, Liebe und Tod.",
        "Er fragt nach dem Weg zum Bahnhof.",
    ],
)
def test_frame_only_verbs_narrate_elsewhere(text: str) -> None:
    assert quotes_of(text) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A relative clause between subject and verb: the subject stays before the verb.
        (
            "Alle Befragten, mit denen die Zeitung sprach, bestätigten lange Schichten.",
            "Alle Befragten",
        ),
        (
            "Jana Beispiel vom Mieterverein, die seit Jahren Mieter berät, kritisiert die "
            "Stadtverwaltung.",
            "Jana Beispiel vom Mieterverein",
        ),
        # Verb-final "wie" clause: its first noun phrase is the subject, later ones objects.
        (
            "Ab Montag gilt eine „Ruhephase“, wie Beispiel die Sperrstunde, das Alkoholverbot "
            "und die Maskenpflicht nennt.",
            "Beispiel",
        ),
        ("Die Schulen bleiben offen, wie ihn die Ministerin nannte.", "die Ministerin"),
        (
            "Die Preise stiegen, wie das Statistische Landesamt mitteilte.",
            "das Statistische Landesamt",
        ),
        # A fronted "als" phrase is no subject; the subject follows the verb.
        ("Als wichtigsten Grund nannte der Schulleiter den Lehrermangel.", "der Schulleiter"),
        # After the verb, "der" + a medium is the addressee in the dative.
        ("„Wir testen jeden Tag“, sagte der Virologe der Westfälischen Rundschau.", "der Virologe"),
        # The apposition after a place attribute names the speaker.
        (
            "„Wir testen jeden Tag“, sagte die Leiterin des Gesundheitsamtes im Kreis "
            "Beispielstadt, Jana Beispiel.",
            "die Leiterin des Gesundheitsamtes im Kreis Beispielstadt, Jana Beispiel",
        ),
        # Commas inside a quotation are no relative clause of the speaker.
        (
            "„Es ist ein Problem, dass die Regierung, die Kommission und die Hersteller "
            "schweigen“, sagte die Abgeordnete Jana Beispiel.",
            "die Abgeordnete Jana Beispiel",
        ),
    ],
)
def test_subject_by_word_order(text: str, speaker: str) -> None:
    (quote,) = quotes_of(text)
    assert quote.speaker == speaker


def test_apposition_after_place_gives_the_name() -> None:
    text = (
        "„Wir testen jeden Tag“, sagte die Leiterin des Gesundheitsamtes im Kreis "
        "Beispielstadt, Jana Beispiel."
    )
    (quote,) = quotes_of(text)
    assert quote.speaker_name == "Jana Beispiel"


@pytest.mark.parametrize(
    "text",
    [
        # An indirect question: the verb has its own object and frames nothing.
        "Beachtenswert ist, wie die Richter das Verbot begründeten.",
        # A pronoun subject after the verb makes the fronted phrase an object.
        "Eine Person, die das Amt führt, nennt man Vorsteher.",
        # A passive participle: its subject is what was said.
        "Die Karten waren weg, kaum dass die Termine bekanntgegeben worden waren.",
        # A bare plural after "in" names a kind of place, not who recommends.
        "In kleinen Räumen wird empfohlen, die Fenster offen zu halten.",
    ],
)
def test_clauses_without_a_speaker_subject(text: str) -> None:
    assert [q.speaker for q in quotes_of(text)] in ([], [None])


def test_pronoun_skips_a_lone_capitalised_word_typed_as_person() -> None:
    text = (
        "Otto Muster leitet den Ausschuss. Schlagworte wie Habgier meidet er. "
        "„Wir brauchen Regeln“, sagt er."
    )
    entities = [mention(text, "Otto Muster"), mention(text, "Habgier")]
    (quote,) = quotes_of(text, entities)
    assert (quote.speaker, quote.speaker_name) == ("er", "Otto Muster")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A party in parentheses after the name does not close the clause before the
        # separable particle.
        (
            "Der Bahnhof bleibe bis Mai gesperrt, teilte Bürgermeisterin Jana Beispiel "
            "(SPD) nach einer Sitzung mit den Fraktionen mit.",
            "Bürgermeisterin Jana Beispiel",
        ),
        # A capitalised adjective opens the role apposition after a name.
        (
            "Otto Muster, Stellvertretender Vorsitzender des Vereins, erklärte, die Halle "
            "bleibe geschlossen.",
            "Otto Muster, Stellvertretender Vorsitzender des Vereins",
        ),
        # A coordinated phrase before a singular verb is its object; the subject follows.
        (
            "Die Schülerinnen und Schüler ruft die Direktorin zur Vorsicht auf: „Bleibt "
            "bitte zu Hause, wenn ihr krank seid.“",
            "die Direktorin",
        ),
    ],
)
def test_speaker_found_across_grammar(text: str, speaker: str) -> None:
    (quote,) = quotes_of(text)
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        # The main clause names who holds the view of a Konjunktiv clause without "dass".
        "Otto Muster zeigte sich am Montag zuversichtlich, die Brücke sei bald fertig.",
        # ... also when an adverb comes first and the subject follows the finite verb.
        "Gleichzeitig wandte sich Otto Muster gegen den Plan, dass die Halle schließe.",
    ],
)
def test_main_clause_holds_the_report(text: str) -> None:
    entities = [mention(text, "Otto Muster")]
    (quote,) = quotes_of(text, entities)
    assert (quote.speaker, quote.speaker_name) == ("Otto Muster", "Otto Muster")


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        (
            "Die Ministerin bemerkte am Rande, die Mittel reichten nicht aus.",
            "Die Ministerin",
            "bemerkte",
        ),
        ("Der Arzt empfahl, man solle öfter lüften.", "Der Arzt", "empfahl"),
        (
            "Die Anwältin wandte ein, für die Daten sei der Verein verantwortlich.",
            "Die Anwältin",
            "wandte … ein",
        ),
        # Verbs of belief and memory frame a statement only after or inside it.
        ("Bald sei der Höhepunkt erreicht, glaubt die Virologin.", "die Virologin", "glaubt"),
        ("Die Zahlen stiegen noch eine Woche, erinnerte der Arzt.", "der Arzt", "erinnerte"),
        # A conjunction inside the quotation opens no clause of the frame's sentence.
        ("„Glaubst du, dass es hilft“, fragt die Ärztin ihren Kollegen.", "die Ärztin", "fragt"),
    ],
)
def test_more_reporting_verbs(text: str, speaker: str, cue: str) -> None:
    (quote,) = quotes_of(text)
    assert (quote.speaker, quote.cue) == (speaker, cue)


@pytest.mark.parametrize(
    "text",
    [
        "Die Kinder glauben an den Weihnachtsmann.",
        # After a fronted subordinate clause the verb is the main verb, not a frame.
        "Obwohl die Lage schwierig ist, glauben die Anleger an den Standort.",
    ],
)
def test_belief_verb_narrates_without_a_statement(text: str) -> None:
    assert quotes_of(text) == []


def test_main_clause_without_verb_holds_nothing() -> None:
    text = "Lärm am Abend, laute Musik und Abfall könnten nicht länger geduldet werden."
    assert [q.speaker for q in quotes_of(text)] == [None]


def test_age_noun_is_the_subject_and_refers_back() -> None:
    text = (
        "Die Ärztin Jana Beispiel leitet die Klinik in Musterstadt. Die 51-Jährige "
        "kritisierte auch den Stadtrat dafür, dass er die Mittel gekürzt habe. Man müsse "
        "jetzt umsteuern."
    )
    entities = [
        mention(text, "Jana Beispiel", "Die Ärztin"),
        mention(text, "Stadtrat", None, "ORG"),
    ]
    first, following = quotes_of(text, entities)
    assert (first.speaker, first.speaker_name) == ("Die 51-Jährige", "Jana Beispiel")
    assert following.speaker_name == "Jana Beispiel"


def test_object_of_a_judging_verb_is_no_speaker() -> None:
    # The subject before the verb is not parsed, but it is there: the phrase after the
    # verb is the one criticised.
    text = "Der im Mai gewählte Vorstand kritisierte die Verwaltung dafür, dass sie zögere."
    assert [q.speaker for q in quotes_of(text)] in ([], [None])


def test_personal_pronoun_skips_an_institution_typed_as_person() -> None:
    text = (
        "Der Chemiker Otto Muster wertet die Proben aus. Er hatte beim Paul Beispiel-Institut "
        "angefragt. Er habe dort keine Antwort bekommen."
    )
    entities = [
        mention(text, "Otto Muster", "Der Chemiker"),
        mention(text, "Paul Beispiel-Institut"),
    ]
    (quote,) = quotes_of(text, entities)
    assert quote.speaker_name == "Otto Muster"


def test_personal_pronoun_skips_an_earlier_organisation_speaker() -> None:
    text = (
        "Der Laborleiter prüft die Werte. Die Stadtverwaltung erklärte, die Proben seien "
        "sauber. Er betonte: „Wir prüfen weiter.“"
    )
    entities = [mention(text, "Stadtverwaltung", None, "ORG")]
    quote = quotes_of(text, entities)[-1]
    assert (quote.speaker, quote.speaker_name) == ("Er", None)


def test_adverb_before_a_quantifier_is_no_speaker() -> None:
    text = "Das Ergebnis war deutlich: Fast alle berichteten über Kopfschmerzen."
    assert all(q.speaker != "Fast" for q in quotes_of(text))


def test_demonstrative_with_plural_verb_takes_no_singular_antecedent() -> None:
    text = (
        "Die Stadtverwaltung erklärte, man müsse auf die Pflegekräfte hören. Diese können "
        "genauer einschätzen, ob die Regeln reichen."
    )
    entities = [mention(text, "Stadtverwaltung", None, "ORG")]
    quote = quotes_of(text, entities)[-1]
    assert quote.speaker == "Diese"
    assert quote.speaker_name is None


def test_personal_pronoun_keeps_a_person_described_as_such() -> None:
    # The name is typed as a place, but the age says a person spoke.
    text = (
        "Die Lage sei ernst, erklärte der 19-jährige Jannik am Rande. "
        "Er fordert: „Wir brauchen mehr Plätze.“"
    )
    entities = [mention(text, "Jannik", None, "LOC")]
    quote = quotes_of(text, entities)[-1]
    assert (quote.speaker, quote.speaker_name) == ("Er", "Jannik")


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        # A reflexive frame verb: the subject follows "sich".
        ("„Es läuft gut“, freut sich die Abteilungsleiterin.", "die Abteilungsleiterin", "freut"),
        ("„Das war schlimm“, gestand der Unternehmer ein.", "der Unternehmer", "gestand"),
    ],
)
def test_reflexive_and_separable_frame_verbs(text: str, speaker: str, cue: str) -> None:
    (quote,) = quotes_of(text)
    assert (quote.speaker, quote.cue) == (speaker, cue)


def test_reflexive_verb_alone_is_no_quote() -> None:
    assert quotes_of("Die Kinder freuen sich auf die Ferien.") == []


def test_owner_of_a_noun_of_saying_speaks() -> None:
    text = "Der Lehrer Otto Muster betreut die Zeitung. Sein Tipp: „Einfach ausprobieren“."
    entities = [mention(text, "Otto Muster", "Lehrer")]
    quote = quotes_of(text, entities)[-1]
    assert (quote.speaker, quote.speaker_name) == ("Sein Tipp", "Otto Muster")


def test_conjunction_before_a_colon_is_no_speaker() -> None:
    text = "Die Lage ist ernst. Denn: „Wir haben keine Zeit mehr“, sagte die Ärztin."
    assert [q.speaker for q in quotes_of(text)] == ["die Ärztin"]
    assert all(q.speaker != "Denn" for q in quotes_of("Denn: „Wir haben keine Zeit mehr.“"))


def test_first_person_indicative_is_not_konjunktiv() -> None:
    # "habe ich", "mache ich": Konjunktiv I forms, but the first person indicative here.
    assert (
        quotes_of("Nun habe ich gelesen, dass die Regeln gelten. Außerdem mache ich mir Sorgen.")
        == []
    )


def test_inserted_so_frame_between_dashes_names_the_speaker() -> None:
    text = "Der Fall unterstreiche dieser doch – so die Forscher – die Notwendigkeit von Tests."
    assert [q.speaker for q in quotes_of(text)] == ["die Forscher"]
    # "so" opening a clause after a dash is no attribution.
    assert quotes_of("Mehr Masken – so malte der Minister die Zukunft aus.") == []
    assert quotes_of("Was, wenn der Impfstoff – so er denn kommt – nicht hilft?") == []


def test_apposition_after_a_name_is_that_person() -> None:
    text = "Professorin Jana Beispiel, die Vorsitzende des Ethikrats, lehnt den Ausweis ab."
    entities = [
        mention(text, "Jana Beispiel", "Professorin"),
        mention(text, "Ethikrats", type_="ORG"),
    ]
    (quote,) = quotes_of(text, entities)
    assert quote.speaker_name == "Jana Beispiel"


def test_coordinated_verb_shares_an_inverted_subject() -> None:
    text = "Am Montag traf der Minister die Gewerkschaft und kündigte an, die Löhne würden steigen."
    assert [q.speaker for q in quotes_of(text)] == ["der Minister"]
    text = "Erst im Februar ließ der Vermieter ein Gerüst bauen und gab bekannt, es bleibe stehen."
    assert [q.speaker for q in quotes_of(text)] == ["der Vermieter"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Neue Tests gelten Studien zufolge als zuverlässig.", "Studien"),
        ("Die Bevölkerung dürfte seinen Worten zufolge immun sein.", "seinen Worten"),
        ("Bis Mai waren in China offiziellen Angaben zufolge 900 krank.", "offiziellen Angaben"),
        ("Die Firma hat eigenen Angaben zufolge 500 Beschäftigte.", "eigenen Angaben"),
    ],
)
def test_zufolge_source_stops_at_a_verb(text: str, source: str) -> None:
    (quote,) = quotes_of(text)
    assert (quote.cue, quote.speaker) == ("zufolge", source)


def test_first_person_subject_earlier_in_the_clause_is_no_konjunktiv() -> None:
    assert quotes_of("Ich bin müde, wenn ich nach der Schicht heimkomme.") == []
    # "sei" differs from "bin": that is reported speech even with "ich".
    assert len(quotes_of("Er sagte, dass ich schuld sei.")) == 1


def test_inflected_noun_after_a_body_is_an_object() -> None:
    (quote,) = quotes_of("Zugleich empfiehlt der Konzern Reisenden eine Reservierung.")
    assert quote.speaker == "der Konzern"
    (quote,) = quotes_of("Die Sprecherin Jana Beispiel sagte, es gehe gut.")
    assert quote.speaker == "Die Sprecherin Jana Beispiel"


def test_inflected_common_noun_is_no_name_without_entities() -> None:
    (quote,) = quotes_of("Trotzdem lehnt Bundeskanzlerin Muster Lockerungen ab.")
    assert quote.speaker_name is None
    (quote,) = quotes_of("„Es reicht“, sagte die Sprecherin Jana Beispiel.")
    assert quote.speaker_name == "Jana Beispiel"
