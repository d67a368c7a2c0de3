"""Definite role descriptions resolved to the person named before (invented texts)."""

from __future__ import annotations

from synopse import Document, analyze
from synopse.analysis.descriptions import Candidate, Description, choose, role_class


def speakers(text: str) -> list[tuple[str | None, str | None]]:
    analysis = analyze(Document(id="d", text=text, source="d", language="de"))
    return [(q.speaker, q.speaker_name) for q in analysis.quotes if q.speaker]


def test_broader_role_origin_adjective_and_inflection_resolve() -> None:
    text = (
        "Der Virologe Tammo Ostrowski hat am Montag mehr Tests gefordert. "
        '"Wir brauchen mehr Daten", sagte der Wissenschaftler. '
        "Der Kieler Forscher warnte zugleich vor voreiligen Schlüssen. "
        "Laut dem Virologen ist die Lage noch unklar."
    )
    assert speakers(text)[1:] == [
        ("der Wissenschaftler", "Tammo Ostrowski"),
        ("Der Kieler Forscher", "Tammo Ostrowski"),
        ("dem Virologen", "Tammo Ostrowski"),
    ]


def test_party_modifier_must_agree_with_the_person() -> None:
    text = (
        "Gesundheitsminister Jorrit Wendlandt (SPD) stellte den Plan vor. "
        "Innenminister Kasimir Ebbinghaus (CDU) schwieg dazu. "
        "Der SPD-Politiker sagte, die Zahlen seien ausreichend."
    )
    assert ("Der SPD-Politiker", "Jorrit Wendlandt") in speakers(text)


def test_gender_of_the_role_noun_must_agree() -> None:
    text = (
        "Die Virologin Hanna Ostrowski sprach zuerst. Danach trat der Virologe Tammo "
        'Brinkhaus auf. "Wir wissen zu wenig", sagte die Wissenschaftlerin.'
    )
    assert speakers(text)[-1] == ("die Wissenschaftlerin", "Hanna Ostrowski")


def test_two_equally_good_candidates_leave_the_speaker_unresolved() -> None:
    text = (
        "Der Virologe Tammo Ostrowski und der Epidemiologe Jorrit Brinkhaus stellten "
        'eine Studie vor. "Wir wissen zu wenig", sagte der Wissenschaftler.'
    )
    assert speakers(text)[-1] == ("der Wissenschaftler", None)


def test_a_role_that_is_no_class_of_the_person_does_not_resolve() -> None:
    text = (
        'Der Virologe Tammo Ostrowski stellte eine Studie vor. "Das reicht", sagte der Politiker.'
    )
    assert speakers(text)[-1] == ("der Politiker", None)


def test_unlisted_given_name_after_a_role_is_a_person() -> None:
    text = "Regierungssprecher Jorrit Braun sagte, die Lage sei ernst. Braun sagte, man handle."
    assert speakers(text) == [
        ("Regierungssprecher Jorrit Braun", "Jorrit Braun"),
        ("Braun", "Jorrit Braun"),
    ]


def test_role_classes_read_inflection_and_compounds() -> None:
    virologist = role_class("Virologen", "de")
    minister = role_class("Gesundheitsministerin", "de")
    assert virologist is not None and "wissenschaftler" in virologist.classes
    assert minister is not None and (minister.lemma, minister.gender) == ("minister", "f")
    assert role_class("Wetter", "de") is None


def test_same_role_picks_the_most_recent_holder() -> None:
    older = Candidate("A", frozenset({"berater"}), frozenset(), "m", frozenset(), 10)
    newer = Candidate("B", frozenset({"berater"}), frozenset(), "m", frozenset(), 50)
    assert choose(Description("berater", "m", None), [older, newer]) == "B"
    # A broader class with two equally good persons stays unresolved.
    first = Candidate("A", frozenset({"virologe"}), frozenset({"forscher"}), None, frozenset(), 1)
    second = first._replace(name="B", position=2)
    assert choose(Description("forscher", "m", None), [first, second]) is None


def test_plural_description_names_a_group() -> None:
    text = (
        "Der Virologe Tammo Ostrowski stellte eine Studie vor. "
        "Aus Sicht der Virologen ist das wichtig, heißt es. "
        "Weiter schreiben die Wissenschaftler, die Lage sei ernst."
    )
    assert ("die Wissenschaftler", None) in speakers(text)


def test_party_prefix_of_a_role_must_agree() -> None:
    text = (
        "Der Grünen-Politiker Tammo Ostrowski äußerte sich. "
        "„Das geht zu weit“, sagte der SPD-Politiker."
    )
    assert speakers(text)[-1] == ("der SPD-Politiker", None)


def test_a_body_named_again_by_its_noun_is_no_person() -> None:
    text = (
        "Der Sprecher Tammo Ostrowski sagte, der Plan stehe. "
        "Das Bundesgesundheitsministerium teilte mit, die Impfung sei sicher. "
        "Das Ministerium fügte hinzu, es gebe genug Dosen."
    )
    named = speakers(text)
    assert named[-1][0] == "Das Ministerium"
    assert named[-1][1] == named[-2][1] != "Tammo Ostrowski"


def test_an_unnamed_speaker_with_the_role_comes_between() -> None:
    text = (
        "Die Sprecherin Jana Ostrowski lobte den Plan. "
        "„Wir begrüßen das“, sagte eine Verbandssprecherin. "
        "Zugleich erinnerte die Sprecherin daran, dass es Grenzen gebe."
    )
    assert speakers(text)[-1] == ("die Sprecherin", None)
