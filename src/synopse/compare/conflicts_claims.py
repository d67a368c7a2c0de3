"""Attribution and characterization conflicts: who said it, and how it is described.

Outlets differ not only on figures but on sources and on judgement:

* **same words, different speakers**: quotes are aligned across documents by the
  similarity of their quoted words (blocked by shared rare words) or by a shared fact
  plus a strong word overlap; when their speakers resolve to different entities (or one
  is anonymous) that is an attribution conflict (two named persons: medium; otherwise
  soft).
* **claim and rebuttal**: a quote by one party followed, within two sentences, by a
  quote of another party that carries a strong rebuttal cue (``conflict_rebuttal_cues``:
  "dementiert", "lediglich", "keine neue …") is a disputed claim. The claim is looked up
  in the other documents (shared fact or key overlap); every document that prints it is
  listed with "claim and rebuttal" or "claim only, no rebuttal printed" (hard when some
  print it alone). A reported demand ("verlangt", "fordert") is no claim: rejecting
  it is no rebuttal.
* **characterization**: within a multi-document fact, sentences are scored with the
  evaluative lexicons (negators within three words before flip a term); documents whose
  supports are clearly positive against documents whose supports are clearly negative
  form a conflict. Mixed documents are left out, so only clear contrasts are reported.
  An infinitive in a demand ("müsse deeskalieren") evaluates nothing and is skipped.
* **distancing**: a distancing word ("angebliche Angriffspläne") in some supports of a
  fact against plain supports that name the same thing (a noun with the same head).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from rapidfuzz.fuzz import partial_ratio, ratio

from synopse.compare.conflicts_base import (
    Context,
    Draft,
    evaluative_lexicon,
    negators,
    words_in,
)
from synopse.compare.entities import speaker_cluster
from synopse.compare.lemmas import lemmatize
from synopse.compare.unionfind import UnionFind
from synopse.lang import load_list, load_set, load_table
from synopse.model.analysis import Quote
from synopse.model.comparison import ConflictValue

_QUOTED = re.compile(r"[\"„“”«»‚‘’‹›]([^\"„“”«»]{3,}?)[\"„“”«»‚‘’‹›]")
#: Least rapidfuzz ratio (0-100) of two quoted passages for them to be the same words.
QUOTE_RATIO = 80.0
#: Shortest quoted passage (characters) compared by partial ratio.
MIN_PARTIAL = 20
#: Least word overlap of two quotes in one fact for them to be the same statement.
QUOTE_OVERLAP = 0.5
#: Shortest word used to block quote pairs.
BLOCK_WORD = 6
#: Sentences after a claim in which a rebuttal is looked for.
REBUTTAL_WINDOW = 2
#: Least key overlap for a sentence to restate a claim outside a shared fact.
CLAIM_OVERLAP = 0.3
#: Words before an evaluative term searched for a negator.
NEGATION_WINDOW = 3
#: Least number of evaluative words on each side of a tone conflict.
MIN_TONE_WEIGHT = 2
#: A sentence's span and the evaluative words found in it.
_Span = tuple[int, int, list[str]]
#: Body sentences of a document that make its lead.
LEAD_SENTENCES = 3
#: Fewest documents whose leads are compared for tone.
MIN_LEAD_DOCUMENTS = 3
#: Words after a distancing word searched for the noun it qualifies.
DISTANCED_NOUN_WINDOW = 3
#: Least shared ending of two noun keys for them to name the same thing.
MIN_HEAD_SUFFIX = 4
_DEUMLAUT = str.maketrans("äöü", "aou")
#: Shortest lexicon noun matched as the head or modifier of a compound.
MIN_COMPOUND_PART = 5


@functools.cache
def _rebuttal_cues(lang: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    rows = load_table(lang, "conflict_rebuttal_cues.tsv")
    return tuple(
        (tuple(row["cue"].casefold().split()), row["strength"].strip())
        for row in rows
        if row["cue"].strip()
    )


def _speaker(context: Context, doc: str, quote: Quote) -> tuple[str | None, str]:
    """Return (cluster id or None, display name) of a quote's speaker."""
    analysis = context.analyses[doc]
    cluster = speaker_cluster(analysis, quote, context.cluster_of, context.cluster_types())
    if cluster is not None:
        return cluster, context.clusters[cluster].name
    if quote.speaker_name:
        for entry in context.clusters.values():
            if quote.speaker_name == entry.name or quote.speaker_name in entry.aliases:
                return entry.id, entry.name
    return None, quote.speaker or "unnamed"


def _quoted(context: Context, doc: str, quote: Quote) -> str:
    text = context.text(doc, quote.start, quote.end)
    parts = _QUOTED.findall(text)
    return " ".join(parts) if parts else text


def _words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[^\W\d_]+", text) if len(w) >= 3}


# --- attribution ---------------------------------------------------------------------


def find_attribution(context: Context) -> list[Draft]:
    """Find the same words credited to different speakers, and disputed claims.

    Args:
        context: The run's indexes.

    Returns:
        Draft conflicts of kind attribution.
    """
    return _same_words(context) + _claims(context)


def _same_words(context: Context) -> list[Draft]:
    quotes = [(doc, q) for doc, a in context.analyses.items() for q in a.quotes]
    texts = [_quoted(context, doc, q) for doc, q in quotes]
    speakers = [_speaker(context, doc, q) for doc, q in quotes]
    index: dict[str, list[int]] = defaultdict(list)
    for n, text in enumerate(texts):
        for word in sorted(_words(text)):
            if len(word) >= BLOCK_WORD:
                index[word].append(n)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in index.values():
        if len(members) > 50:
            continue
        for i, x in enumerate(members):
            for y in members[i + 1 :]:
                if quotes[x][0] != quotes[y][0]:
                    shared[(x, y)] += 1
    union = UnionFind(len(quotes))
    for (x, y), count in sorted(shared.items()):
        (da, qa), (db, qb) = quotes[x], quotes[y]
        a, b = texts[x].casefold(), texts[y].casefold()
        same = ratio(a, b) >= QUOTE_RATIO or (
            min(len(a), len(b)) >= MIN_PARTIAL and partial_ratio(a, b) >= QUOTE_RATIO + 10
        )
        if not same and count >= 2 and context.shared_facts((da, qa.sentence), (db, qb.sentence)):
            wa, wb = _words(a), _words(b)
            same = len(wa & wb) / max(1, min(len(wa), len(wb))) >= QUOTE_OVERLAP
        if same:
            union.union(x, y)
    drafts = []
    for group in union.groups():
        keys = {speakers[m][0] or f"?{speakers[m][1]}" for m in group}
        named = {speakers[m][0] for m in group if speakers[m][0]}
        if len(keys) < 2 or not named:
            continue
        persons = {k for k in named if k and context.clusters[k].type == "PER"}
        severity = "medium" if len(persons) >= 2 else "soft"
        values = tuple(
            ConflictValue(
                quotes[m][0], f"said by: {speakers[m][1]}", quotes[m][1].start, quotes[m][1].end
            )
            for m in group
        )
        excerpt = texts[group[0]].strip()[:60]
        drafts.append(Draft("attribution", f"speaker of “{excerpt}”", values, severity))
    return drafts


def _cue_strength(text: str, lang: str) -> tuple[int, int]:
    tokens = [w.casefold() for w in re.findall(r"[^\W\d_]+", text)]
    strong = weak = 0
    for cue, strength in _rebuttal_cues(lang):
        size = len(cue)
        if any(tuple(tokens[i : i + size]) == cue for i in range(len(tokens) - size + 1)):
            if strength == "strong":
                strong += 1
            else:
                weak += 1
    return strong, weak


def _rebuttal_after(
    context: Context, doc: str, claim: Quote, quotes: Sequence[Quote]
) -> Quote | None:
    speaker = _speaker(context, doc, claim)
    claim_start, claim_end = context.sentence_span(doc, claim.sentence)
    if _cue_strength(context.text(doc, claim_start, claim_end), context.lang)[0]:
        return None
    about = context.entity_clusters(doc, claim_start, claim_end)
    claim_statement = context.statements.get((doc, claim.sentence))
    lemmas = claim_statement.lemmas if claim_statement else frozenset()
    for other in quotes:
        if not claim.sentence < other.sentence <= claim.sentence + REBUTTAL_WINDOW:
            continue
        other_speaker = _speaker(context, doc, other)
        if other_speaker[0] == speaker[0] and other_speaker[1] == speaker[1]:
            continue
        if other_speaker[0] is not None and other_speaker[0] == speaker[0]:
            continue
        start, end = context.sentence_span(doc, other.sentence)
        strong, _ = _cue_strength(context.text(doc, start, end), context.lang)
        other_statement = context.statements.get((doc, other.sentence))
        shared_lemmas = other_statement is not None and bool(lemmas & other_statement.lemmas)
        if strong and (about & context.entity_clusters(doc, start, end) or shared_lemmas):
            return other
    return None


def _restatements(context: Context, doc: str, sentence: int) -> dict[str, int]:
    """Return, per other document, the sentence that best restates a sentence."""
    best: dict[str, tuple[float, int]] = {}
    for fact in context.facts_of.get((doc, sentence), ()):
        for support in context.facts[fact].support:
            if support.doc != doc:
                score = 1.0 + context.similarity((doc, sentence), (support.doc, support.sentence))
                if support.doc not in best or score > best[support.doc][0]:
                    best[support.doc] = (score, support.sentence)
    mine = context.statements.get((doc, sentence))
    if mine is not None:
        for (other_doc, other_sentence), statement in context.statements.items():
            if other_doc == doc or not (statement.entities & mine.entities):
                continue
            score = context.similarity((doc, sentence), (other_doc, other_sentence))
            if score >= CLAIM_OVERLAP and (other_doc not in best or score > best[other_doc][0]):
                best[other_doc] = (score, other_sentence)
    return {d: s for d, (_, s) in best.items()}


@functools.cache
def _demand_verbs(lang: str) -> tuple[str, ...]:
    return tuple(sorted(w.casefold() for w in load_set(lang, "conflict_demand_verbs.txt")))


def _claims(context: Context) -> list[Draft]:
    drafts = []
    demands = _demand_verbs(context.lang)
    for doc, analysis in context.analyses.items():
        for claim in analysis.quotes:
            if claim.cue.casefold().startswith(demands):
                continue
            rebuttal = _rebuttal_after(context, doc, claim, analysis.quotes)
            if rebuttal is None:
                continue
            elsewhere = _restatements(context, doc, claim.sentence)
            if not elsewhere:
                continue
            claimant = _speaker(context, doc, claim)[1]
            rebutter = _speaker(context, doc, rebuttal)[1]
            values = [
                ConflictValue(doc, f"claim ({claimant})", claim.start, claim.end),
                ConflictValue(doc, f"rebuttal ({rebutter})", rebuttal.start, rebuttal.end),
            ]
            alone = False
            for other, sentence in sorted(elsewhere.items(), key=lambda i: context.order[i[0]]):
                start, end = context.sentence_span(other, sentence)
                quotes = [q for q in context.analyses[other].quotes if q.sentence == sentence]
                answered = any(
                    _rebuttal_after(context, other, q, context.analyses[other].quotes)
                    for q in quotes
                )
                label = (
                    "claim and rebuttal printed" if answered else "claim only, no rebuttal printed"
                )
                alone = alone or not answered
                values.append(ConflictValue(other, label, start, end))
            severity = "hard" if alone else "medium"
            excerpt = context.text(doc, claim.start, claim.end).strip()[:60]
            drafts.append(
                Draft(
                    "attribution",
                    f"disputed claim by {claimant}, rebutted by {rebutter}: {excerpt}",
                    tuple(values),
                    severity,
                    context.facts_of.get((doc, claim.sentence), ()),
                )
            )
    return drafts


# --- characterization ----------------------------------------------------------------


def polarity(
    text: str,
    start: int,
    end: int,
    lang: str = "de",
    *,
    skip: Sequence[tuple[int, int]] = (),
) -> tuple[list[str], list[str]]:
    """Return the positive and the negative evaluative words between two offsets.

    A negator up to three words before a term moves it to the other side ("nicht
    positiv" is negative). An infinitive in a demand ("müsse deeskalieren", "dazu
    aufgerufen, zu deeskalieren") asks for something and describes nothing: it is
    skipped. Words inside ``skip`` spans (names such as "Organisation für Sicherheit
    und Zusammenarbeit") are not evaluative.

    Example:
        >>> polarity("Das Gespräch verlief nicht positiv.", 0, 35)
        ([], ['nicht positiv'])
    """
    lexicon = evaluative_lexicon(lang)
    negate = negators(lang)
    words = words_in(text, start, end)
    modal = any(w[2].casefold() in _demand_modals(lang) for w in words)
    positive: list[str] = []
    negative: list[str] = []
    for n, (w_start, w_end, form) in enumerate(words):
        if any(s <= w_start and w_end <= e for s, e in skip):
            continue
        if _demanded(form, modal or (n > 0 and words[n - 1][2] == "zu"), lang):
            continue
        entry = _lookup(form, lexicon, lang)
        if entry is None:
            continue
        before = [w[2].casefold() for w in words[max(0, n - NEGATION_WINDOW) : n]]
        negated = next((w for w in reversed(before) if w in negate), None)
        if negated is not None:
            entry = "negative" if entry == "positive" else "positive"
            form = f"{negated} {form}"
        (positive if entry == "positive" else negative).append(form)
    return positive, negative


@functools.cache
def _demand_modals(lang: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in load_set(lang, "conflict_demand_cues.txt"))


def _demanded(form: str, demand_context: bool, lang: str) -> bool:
    """True for an infinitive in a demand ("müsse deeskalieren", "zu deeskalieren")."""
    if not demand_context or not form[:1].islower() or not form.endswith("n"):
        return False
    return lemmatize(form, lang).casefold() == form.casefold()


def _lookup(form: str, lexicon: dict[str, str] | object, lang: str) -> str | None:
    assert isinstance(lexicon, dict)
    folded = form.casefold()
    entry = lexicon.get(folded) or lexicon.get(lemmatize(form, lang).casefold())
    if entry is None and form[:1].isupper() and len(folded) > MIN_COMPOUND_PART:
        head = folded.rsplit("-", 1)[-1]
        for cut in range(1, len(head) - MIN_COMPOUND_PART + 1):
            entry = lexicon.get(head[cut:])
            if entry is not None:
                break
        if entry is None:
            for size in range(len(head) - 3, MIN_COMPOUND_PART - 1, -1):
                entry = lexicon.get(head[:size])
                if entry is not None:
                    break
    return entry if isinstance(entry, str) else None


@functools.cache
def _distancing(lang: str) -> tuple[str, ...]:
    return tuple(
        row["term"].casefold()
        for row in load_table(lang, "framing_hedges.tsv")
        if row["kind"].strip() == "distancing" and " " not in row["term"].strip()
    )


def _noun_key(word: str, lang: str) -> str:
    """Return a casefolded, umlaut-free lemma without inflection ending ("Pläne" → "plan")."""
    key = lemmatize(word, lang).casefold().translate(_DEUMLAUT)
    for ending in ("en", "es", "e", "n", "s"):
        if key.endswith(ending) and len(key) - len(ending) >= MIN_HEAD_SUFFIX:
            return key[: -len(ending)]
    return key


def _distanced_noun(words: Sequence[tuple[int, int, str]], n: int, lang: str) -> str | None:
    """Return the key of the noun a distancing word qualifies ("angebliche Angriffspläne")."""
    for _, _, form in words[n + 1 : n + 1 + DISTANCED_NOUN_WINDOW]:
        if form[:1].isupper():
            return _noun_key(form, lang)
    return None


@functools.cache
def _explanation_openers(lang: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in load_list(lang, "conflict_explanation_openers.txt"))


def _explained(text: str, words: Sequence[tuple[int, int, str]], n: int, lang: str) -> bool:
    """True when the noun after a distancing word is explained at once, so the word
    introduces a term ("der sogenannte R-Wert, der angibt, ...") rather than doubting it.
    """
    for k in range(n + 1, min(len(words), n + 1 + DISTANCED_NOUN_WINDOW)):
        _, end, form = words[k]
        if not form[:1].isupper():
            continue
        # A label may follow the term ("der Reproduktionsfaktor R, der ...").
        while (
            k + 1 < len(words)
            and words[k + 1][2].isupper()
            and not text[end : words[k + 1][0]].strip()
        ):
            k += 1
            end = words[k][1]
        rest = text[end : end + 3].lstrip()
        if rest.startswith("("):
            return True
        if rest.startswith(",") and k + 1 < len(words):
            return words[k + 1][2].casefold() in _explanation_openers(lang)
        return False
    return False


def _same_head(a: str, b: str) -> bool:
    """True when two noun keys end alike (a compound and its head: "angriffsplan", "plan")."""
    size = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        size += 1
    return size >= MIN_HEAD_SUFFIX


def find_characterization(context: Context) -> list[Draft]:
    """Find facts described with opposite polarity, or distanced by only some documents.

    Args:
        context: The run's indexes.

    Returns:
        Draft conflicts of kind characterization.
    """
    drafts = []
    for fact in context.facts.values():
        if len(fact.docs) < 2:
            continue
        drafts += _tone(context, fact.id)
        drafts += _distanced(context, fact.id)
    return drafts + _lead_tone(context)


def _lead_tone(context: Context) -> list[Draft]:
    """Leads that frame the story's event with opposite tone ("drohen sich" / "positiv").

    A report's first body sentences (``LEAD_SENTENCES``) carry its frame of the event.
    A lead counts when it names at least two entities that the leads of at least half
    of the other documents name too (the same event, told by the same actors) and its
    evaluative words are all on one side. Positive leads against negative ones, with
    ``MIN_TONE_WEIGHT`` words on each side, make one conflict for the story.
    """
    leads: dict[str, list[tuple[int, int, set[str]]]] = {}
    for doc, analysis in context.analyses.items():
        sentences = [s for n, s in enumerate(analysis.sentences) if (doc, n) in context.statements][
            :LEAD_SENTENCES
        ]
        leads[doc] = [
            (
                s.start,
                s.end,
                {
                    context.cluster_of[doc, m.start, m.end]
                    for m in analysis.entities
                    if s.start <= m.start < s.end and (doc, m.start, m.end) in context.cluster_of
                },
            )
            for s in sentences
        ]
    if len(leads) < MIN_LEAD_DOCUMENTS:
        return []
    actors = {doc: set().union(*(c for _, _, c in lead)) for doc, lead in leads.items()}
    sides: dict[str, Mapping[str, list[_Span]]] = {}
    for doc, lead in leads.items():
        others = [actors[o] for o in actors if o != doc]
        shared = sum(len(actors[doc] & other) >= 2 for other in others)
        if shared * 2 < len(others):
            continue
        text = context.analyses[doc].document.text
        found: dict[str, list[_Span]] = defaultdict(list)
        for start, end, _ in lead:
            names = [
                (m.start, m.end) for m in context.analyses[doc].entities if start <= m.start < end
            ]
            positive, negative = polarity(text, start, end, context.lang, skip=names)
            if positive:
                found["positive"].append((start, end, positive))
            if negative:
                found["negative"].append((start, end, negative))
        if len(found) == 1:
            sides[doc] = found
    return _opposed_tone(sides, "tone of the leads", ())


def _tone(context: Context, fact_id: str) -> list[Draft]:
    fact = context.facts[fact_id]
    sides: dict[str, dict[str, list[_Span]]] = defaultdict(lambda: defaultdict(list))
    for support in fact.support:
        analysis = context.analyses[support.doc]
        names = [
            (m.start, m.end) for m in analysis.entities if support.start <= m.start < support.end
        ]
        positive, negative = polarity(
            analysis.document.text, support.start, support.end, context.lang, skip=names
        )
        if positive and not negative:
            sides[support.doc]["positive"].append((support.start, support.end, positive))
        elif negative and not positive:
            sides[support.doc]["negative"].append((support.start, support.end, negative))
    clear = {doc: s for doc, s in sides.items() if len(s) == 1}
    return _opposed_tone(clear, f"tone: {fact.label[:60]}", (fact.id,))


def _opposed_tone(
    sides: Mapping[str, Mapping[str, list[_Span]]], topic: str, facts: tuple[str, ...]
) -> list[Draft]:
    """One characterization conflict when documents of one tone face documents of the
    other, with ``MIN_TONE_WEIGHT`` evaluative words on each side; else none."""
    weight: dict[str, int] = defaultdict(int)
    for by_side in sides.values():
        for side, spans in by_side.items():
            weight[side] += sum(len(words) for _, _, words in spans)
    if len(weight) < 2 or min(weight.values()) < MIN_TONE_WEIGHT:
        return []
    values = tuple(
        ConflictValue(doc, f"{side}: {', '.join(words)}", start, end)
        for doc, by_side in sides.items()
        for side, spans in by_side.items()
        for start, end, words in spans
    )
    return [Draft("characterization", topic, values, "medium", facts)]


def _distanced(context: Context, fact_id: str) -> list[Draft]:
    fact = context.facts[fact_id]
    terms = _distancing(context.lang)
    hedged: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    plain: dict[str, tuple[int, int]] = {}
    targets: set[str] = set()
    plain_words: dict[str, set[str]] = {}
    for support in fact.support:
        text = context.analyses[support.doc].document.text
        words = words_in(text, support.start, support.end)
        found = []
        for n, (start, end, form) in enumerate(words):
            if any(form.casefold().startswith(t) for t in terms):
                if _explained(text, words, n, context.lang):
                    continue
                found.append((start, end, form))
                target = _distanced_noun(words, n, context.lang)
                if target:
                    targets.add(target)
        if found:
            hedged[support.doc] += found
        else:
            plain.setdefault(support.doc, (support.start, support.end))
            plain_words.setdefault(
                support.doc, {_noun_key(w[2], context.lang) for w in words if w[2][:1].isupper()}
            )
    plain = {
        doc: span
        for doc, span in plain.items()
        if doc not in hedged and any(_same_head(t, w) for t in targets for w in plain_words[doc])
    }
    if not hedged or not plain:
        return []
    values = [
        ConflictValue(doc, f"distanced: {form}", start, end)
        for doc, found in hedged.items()
        for start, end, form in found
    ]
    values += [ConflictValue(doc, "stated without distance", s, e) for doc, (s, e) in plain.items()]
    return [
        Draft(
            "characterization",
            f"distancing: {fact.label[:60]}",
            tuple(values),
            "medium",
            (fact.id,),
        )
    ]
