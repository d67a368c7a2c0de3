"""Sentence splitting and tokenisation on invented German news sentences."""

from __future__ import annotations

import pytest

from synopse.analysis.sentences import split_sentences, tokenize


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def tokens(text: str) -> list[str]:
    return [text[t.start : t.end] for t in tokenize(text)]


SPLITS: list[tuple[str, list[str]]] = [
    # plain sentences, ! and ?
    (
        "Der Rat tagte lange. Am Ende stand ein Kompromiss. Wer hat gewonnen? Niemand!",
        ["Der Rat tagte lange.", "Am Ende stand ein Kompromiss.", "Wer hat gewonnen?", "Niemand!"],
    ),
    # ordinals in dates and before counted nouns
    (
        "Die Sitzung beginnt am 10. Januar in Bonn. Sie endet am 12. Februar.",
        ["Die Sitzung beginnt am 10. Januar in Bonn.", "Sie endet am 12. Februar."],
    ),
    (
        "Im 19. Jahrhundert wuchs die Stadt. Der Verein belegte den 3. Platz in der 2. Liga.",
        ["Im 19. Jahrhundert wuchs die Stadt.", "Der Verein belegte den 3. Platz in der 2. Liga."],
    ),
    (
        "Er feierte seinen 80. Geburtstag. Am 2. Weihnachtsfeiertag kam die Familie.",
        ["Er feierte seinen 80. Geburtstag.", "Am 2. Weihnachtsfeiertag kam die Familie."],
    ),
    ("Das Treffen fand am 3. Okt. statt.", ["Das Treffen fand am 3. Okt. statt."]),
    ("Er wurde am 3. geboren.", ["Er wurde am 3. geboren."]),
    # a number at the end of a sentence
    (
        "Die Zahl stieg im Jahr 2021. Danach sank sie.",
        ["Die Zahl stieg im Jahr 2021.", "Danach sank sie."],
    ),
    (
        "Heute ist sie 55. Es ist ihr letzter Arbeitstag.",
        ["Heute ist sie 55.", "Es ist ihr letzter Arbeitstag."],
    ),
    (
        "Der Wert lag bei 1,42. Am Vortag waren es 1,37.",
        ["Der Wert lag bei 1,42.", "Am Vortag waren es 1,37."],
    ),
    # abbreviations
    (
        "Dr. Anna Berger und Prof. Karl Huber sprachen ca. zwei Stunden.",
        ["Dr. Anna Berger und Prof. Karl Huber sprachen ca. zwei Stunden."],
    ),
    (
        "Es kamen u. a. Vertreter der Länder. Geplant sind z. B. neue Radwege.",
        ["Es kamen u. a. Vertreter der Länder.", "Geplant sind z. B. neue Radwege."],
    ),
    (
        "Das Projekt kostet 4,5 Mio. Euro. Der Bund zahlt 2 Mrd. Dollar.",
        ["Das Projekt kostet 4,5 Mio. Euro.", "Der Bund zahlt 2 Mrd. Dollar."],
    ),
    (
        "Es gab Brot, Käse, Obst usw. Dann begann die Rede.",
        ["Es gab Brot, Käse, Obst usw.", "Dann begann die Rede."],
    ),
    (
        "Die Zahlen stammen vom 5. Jan. 2022. Vgl. dazu den Bericht.",
        ["Die Zahlen stammen vom 5. Jan. 2022.", "Vgl. dazu den Bericht."],
    ),
    (
        "Die Stadt wurde 300 v. Chr. gegründet. Sie liegt am Fluss.",
        ["Die Stadt wurde 300 v. Chr. gegründet.", "Sie liegt am Fluss."],
    ),
    ("Laut Art. 5 GG ist das erlaubt.", ["Laut Art. 5 GG ist das erlaubt."]),
    ("Sie wohnt in der Hauptstr. 12 in Köln.", ["Sie wohnt in der Hauptstr. 12 in Köln."]),
    # initials
    (
        "J. R. R. Tolkien schrieb lange. Sein Verlag war zufrieden.",
        ["J. R. R. Tolkien schrieb lange.", "Sein Verlag war zufrieden."],
    ),
    (
        "Der Sieger kam aus Gruppe B. Die Gruppe A schied aus.",
        ["Der Sieger kam aus Gruppe B.", "Die Gruppe A schied aus."],
    ),
    (
        "Die U.S. Army zog ab. Der 1. FC Köln gewann gegen den 1. FC Kaiserslautern.",
        ["Die U.S. Army zog ab.", "Der 1. FC Köln gewann gegen den 1. FC Kaiserslautern."],
    ),
    (
        "Der Verein steht auf Platz 3. Bayern führt die Tabelle an.",
        ["Der Verein steht auf Platz 3.", "Bayern führt die Tabelle an."],
    ),
    (
        "Das Spiel endete 2:1. Papst Benedikt XVI. hat gratuliert.",
        ["Das Spiel endete 2:1.", "Papst Benedikt XVI. hat gratuliert."],
    ),
    (
        "Die Partei (SPD). Sie verlor. Er kam am 3. Die Feier begann.",
        ["Die Partei (SPD).", "Sie verlor.", "Er kam am 3.", "Die Feier begann."],
    ),
    # quotation marks opening and closing sentences
    (
        "„Wir bleiben hier“, sagte die Ministerin. „Das ist klar.“ Dann ging sie.",
        ["„Wir bleiben hier“, sagte die Ministerin.", "„Das ist klar.“", "Dann ging sie."],
    ),
    (
        "Er sagte: »Wir kommen morgen.« Die Gäste warteten.",
        ["Er sagte: »Wir kommen morgen.«", "Die Gäste warteten."],
    ),
    (
        'Sie rief: "Achtung!" Dann rannte sie los. "Wohin?" fragte er.',
        ['Sie rief: "Achtung!"', "Dann rannte sie los.", '"Wohin?" fragte er.'],
    ),
    (
        "``Das ist ein Skandal.'' Der Abgeordnete verließ den Saal.",
        ["``Das ist ein Skandal.''", "Der Abgeordnete verließ den Saal."],
    ),
    (
        "„Wann?“, fragte er. „Jetzt!“, rief sie.",
        ["„Wann?“, fragte er.", "„Jetzt!“, rief sie."],
    ),
    ("„Wann?“ fragte er leise.", ["„Wann?“ fragte er leise."]),
    (
        "Der Film „Wer bin ich?“ lief gestern im Kino.",
        ["Der Film „Wer bin ich?“ lief gestern im Kino."],
    ),
    (
        "Sie gingen. (Das war vorher klar.) Danach blieb es still.",
        ["Sie gingen.", "(Das war vorher klar.)", "Danach blieb es still."],
    ),
    (
        "Wir sind dankbar, dass es – noch? – genug Betten gibt.",
        ["Wir sind dankbar, dass es – noch? – genug Betten gibt."],
    ),
    # a space forgotten after the period, but not in an address
    (
        "Er wollte davon erzählen.Deshalb rief er an. Schreiben Sie an max.Muster@beispiel.de.",
        [
            "Er wollte davon erzählen.",
            "Deshalb rief er an.",
            "Schreiben Sie an max.Muster@beispiel.de.",
        ],
    ),
    (
        "Es wird mit einem 2. Lockdown gerechnet. Das Wort kommt von lat. Terror.",
        ["Es wird mit einem 2. Lockdown gerechnet.", "Das Wort kommt von lat. Terror."],
    ),
    # lowercase continuation, ellipsis
    ("Er sah ca. zehn Leute, bzw. elf.", ["Er sah ca. zehn Leute, bzw. elf."]),
    (
        "Er zögerte … und ging dann doch. Es war spät … Niemand kam mehr.",
        ["Er zögerte … und ging dann doch.", "Es war spät …", "Niemand kam mehr."],
    ),
    (
        "Er sagte, man müsse (…) das Problem lösen. Das reicht.",
        ["Er sagte, man müsse (…) das Problem lösen.", "Das reicht."],
    ),
    (
        "Das war knapp... Wir fahren weiter.",
        ["Das war knapp...", "Wir fahren weiter."],
    ),
    # numbers, times, dates, URLs, e-mail addresses
    (
        "Es kamen 1.000 Menschen. Der Wert stieg um 3.5 Prozent.",
        ["Es kamen 1.000 Menschen.", "Der Wert stieg um 3.5 Prozent."],
    ),
    (
        "Der Zug fuhr um 20.40 Uhr ab. Am 31.12.2021 endete die Frist.",
        ["Der Zug fuhr um 20.40 Uhr ab.", "Am 31.12.2021 endete die Frist."],
    ),
    (
        "Mehr steht auf www.beispiel.de. Fragen an presse@beispiel.de. Danke.",
        ["Mehr steht auf www.beispiel.de.", "Fragen an presse@beispiel.de.", "Danke."],
    ),
    (
        "Siehe https://beispiel.de/a.b?x=1. Dort steht alles.",
        ["Siehe https://beispiel.de/a.b?x=1.", "Dort steht alles."],
    ),
    # enumerations at the start of a sentence
    (
        "Zwei Punkte sind wichtig. 1. Die Kosten sinken. 2. Die Qualität steigt.",
        ["Zwei Punkte sind wichtig.", "1. Die Kosten sinken.", "2. Die Qualität steigt."],
    ),
    # headings, datelines and line breaks
    (
        "Regierung beschließt neues Klimapaket\nDie Regierung hat am Montag ein Paket gebilligt.",
        [
            "Regierung beschließt neues Klimapaket",
            "Die Regierung hat am Montag ein Paket gebilligt.",
        ],
    ),
    (
        "Streit um Haushalt\n\nDer Etat wird neu verhandelt.\n\nAusblick\n\nIm März folgt mehr.",
        [
            "Streit um Haushalt",
            "Der Etat wird neu verhandelt.",
            "Ausblick",
            "Im März folgt mehr.",
        ],
    ),
    (
        "Der Minister sagte, er werde die\nPläne prüfen und im Herbst\nEntscheidungen treffen.",
        ["Der Minister sagte, er werde die\nPläne prüfen und im Herbst\nEntscheidungen treffen."],
    ),
    (
        "BERLIN (dpa) - Die Koalition hat sich geeinigt. Die Opposition kritisiert das.",
        ["BERLIN (dpa) - Die Koalition hat sich geeinigt.", "Die Opposition kritisiert das."],
    ),
    (
        "Ende ohne Punkt\n\nNoch ein Satz ohne Punkt",
        ["Ende ohne Punkt", "Noch ein Satz ohne Punkt"],
    ),
    ("Erster Teil, ohne Ende,\nzweiter Teil.", ["Erster Teil, ohne Ende,\nzweiter Teil."]),
    # mixed German and English
    (
        "Der Sprecher sagte: „We will not give up.“ Mr. Smith nickte. The end.",
        ["Der Sprecher sagte: „We will not give up.“", "Mr. Smith nickte.", "The end."],
    ),
    # words with inner capitals after a period
    (
        "Das Gerät kam gestern. iPhones sind teuer.",
        ["Das Gerät kam gestern.", "iPhones sind teuer."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


TOKENS: list[tuple[str, list[str]]] = [
    (
        "Der US-Präsident sprach mit dem Nato-Russland-Rat.",
        ["Der", "US-Präsident", "sprach", "mit", "dem", "Nato-Russland-Rat", "."],
    ),
    ("So geht's nicht.", ["So", "geht's", "nicht", "."]),
    (
        "Es kamen 100.000 Menschen, 1,5 Prozent mehr.",
        ["Es", "kamen", "100.000", "Menschen", ",", "1,5", "Prozent", "mehr", "."],
    ),
    (
        "Am 31.12.2021 um 20:40 Uhr",
        ["Am", "31.12.2021", "um", "20:40", "Uhr"],
    ),
    (
        "Dr. Berger kam am 10. Januar.",
        ["Dr.", "Berger", "kam", "am", "10.", "Januar", "."],
    ),
    (
        "Es waren ca. 5 Mio. Euro, z.B. für Schulen.",
        ["Es", "waren", "ca.", "5", "Mio.", "Euro", ",", "z.B.", "für", "Schulen", "."],
    ),
    ("J. R. R. Tolkien", ["J.", "R.", "R.", "Tolkien"]),
    (
        "„Nein“, sagte er. »Ja« ``Gut''",
        ["„", "Nein", "“", ",", "sagte", "er", ".", "»", "Ja", "«", "``", "Gut", "''"],
    ),
    (
        "Infos: https://www.beispiel.de/seite?id=3. Mail: info@beispiel.de",
        ["Infos", ":", "https://www.beispiel.de/seite?id=3", ".", "Mail", ":", "info@beispiel.de"],
    ),
    ("Warte... wirklich?!", ["Warte", "...", "wirklich", "?", "!"]),
    ("Corona- und Grippeviren", ["Corona-", "und", "Grippeviren"]),
    ("Er zahlte 20 €.", ["Er", "zahlte", "20", "€", "."]),
    ("Er kam 2021.", ["Er", "kam", "2021", "."]),
]


@pytest.mark.parametrize(("text", "expected"), TOKENS)
def test_tokenize(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


def test_tokenize_range_stays_inside() -> None:
    text = "Erster Satz. Dr. Meyer kam."
    start = text.index("Dr.")
    found = tokenize(text, start, start + 2)
    assert [text[t.start : t.end] for t in found] == ["Dr"]
    assert all(start <= t.start < t.end <= start + 2 for t in found)


ROBUSTNESS = [
    "",
    "   \n\n  ",
    "ein text ganz ohne satzzeichen und ohne grossbuchstaben " * 20,
    "„Offenes Zitat ohne Ende. Noch ein Satz. „ „ „ » « Und weiter",
    '"""Viele" Anführungs"zeichen" "',
    "...... !!!! ???? …… . . .",
    "Er kam.\r\nDann ging er.\r\n\r\nNeuer Absatz",
    "Zeile\nZeile\nZeile\n",
    "a.b.c.d.e.f.g.h.i.j.k. L.M.N. www. @@ http://",
    "1. 2. 3. 4. 5. 6.",
    "Er sagte:\u2029Neuer Absatz mit Trenner.",
    "Gemischt: The Chancellor said. Die Kanzlerin sagte. C'est la vie!",
]


@pytest.mark.parametrize("text", ROBUSTNESS)
def test_offsets_are_sound(text: str) -> None:
    found = split_sentences(text)
    position = 0
    for sentence in found:
        assert position <= sentence.start < sentence.end <= len(text)
        assert not text[sentence.start].isspace()
        assert not text[sentence.end - 1].isspace()
        assert text[position : sentence.start].strip() == ""
        position = sentence.end
    assert text[position:].strip() == ""
    assert split_sentences(text) == found
    token_spans = tokenize(text)
    covered = 0
    for token in token_spans:
        assert covered <= token.start < token.end <= len(text)
        assert text[covered : token.start].strip() == ""
        covered = token.end
    assert text[covered:].strip() == ""


def test_every_sentence_covers_its_tokens() -> None:
    text = "Am 3. Mai kam Dr. Meyer. „Gut“, sagte er. Das war's.\n\nNeue Überschrift\nText."
    for sentence in split_sentences(text):
        inner = tokenize(text, sentence.start, sentence.end)
        assert inner
        assert inner[0].start == sentence.start
        assert inner[-1].end == sentence.end


def test_empty_text_has_no_sentences_or_tokens() -> None:
    assert split_sentences("") == []
    assert tokenize("") == []


def test_text_without_punctuation_is_one_sentence() -> None:
    text = "die Regierung plant neue Gesetze und die Opposition lehnt sie ab"
    assert sentences(text) == [text]


def test_unknown_language_falls_back_to_neutral_rules() -> None:
    text = "The vote was held today. It passed."
    assert [text[s.start : s.end] for s in split_sentences(text, lang="xx")] == [
        "The vote was held today.",
        "It passed.",
    ]
