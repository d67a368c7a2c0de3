"""Metadata helpers shared by every extractor: dates, outlets, bylines and language.

Scrapes, HTML pages and records state their metadata in many spellings ("31.12.2021 -
00:57 Uhr", "31 Dec 2021", "December 30, 2021", "date 2021-12", "Von Anna Beispiel").
This module turns those spellings into one form each (ISO 8601 dates, host names, plain
author names, ISO 639-1 language codes), so that the extractors only have to find them.
Month names, weekday names, date labels, byline cues and name particles are data files
under ``synopse/data`` (``scrape_*``).
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from typing import Any
from urllib.parse import urlsplit

from synopse.lang import available_languages, load_list, load_set, load_table

# Languages the detector may answer: the major languages of news outlets in and around
# Europe plus the largest world languages. Restricting the identifier keeps short German
# texts from being read as a closely related minor language (Luxembourgish, Low German).
_LANGUAGE_CANDIDATES = (
    "ar", "cs", "da", "de", "el", "en", "es", "fi", "fr", "hu", "it", "ja", "nl", "no", "pl",
    "pt", "ro", "ru", "sv", "tr", "uk", "zh",
)  # fmt: skip
_MIN_WORDS_FOR_LANGUAGE = 6
_MIN_LETTERS_FOR_LANGUAGE = 40
_MIN_LANGUAGE_CONFIDENCE = 0.80
_LANGUAGE_SAMPLE_CHARS = 6000

_HOST_PREFIXES = ("www.", "www1.", "www2.", "www3.", "m.", "mobile.", "amp.")

_TIMEZONES = {
    "z": "+00:00",
    "utc": "+00:00",
    "gmt": "+00:00",
    "mez": "+01:00",
    "cet": "+01:00",
    "mesz": "+02:00",
    "cest": "+02:00",
}
_MIN_YEAR = 1900
_MAX_YEAR = 2100


@functools.cache
def _months() -> dict[str, int]:
    months: dict[str, int] = {}
    for lang in ("common", *available_languages()):
        try:
            rows = load_table(lang, "scrape_months.tsv")
        except Exception:  # a language without the table simply adds nothing
            continue
        for row in rows:
            months[row["name"].lower()] = int(row["month"])
    return months


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    mon = _alternation(list(_months()))
    time = (
        r"(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<s>\d{2}))?(?:\.\d{1,9})?"
        r"(?:\s?(?P<ampm>[ap]\.?\s?m\.?))?(?:\s{0,2}(?:uhr|h)\b)?"
        r"(?:\s{0,2}(?P<tz>z|utc|gmt|mez|mesz|cet|cest|[+-]\d{2}:?\d{2})\b)?"
    )
    join = r"(?:\s{0,3}(?:,|-|–|—|\||um|at|/|t)?\s{0,3})"
    opt_time = rf"(?:{join}{time})?"
    sources = {
        "iso": rf"(?P<y>\d{{4}})-(?P<m>\d{{1,2}})(?:-(?P<d>\d{{1,2}}){opt_time})?",
        "ymd_slash": rf"(?P<y>\d{{4}})/(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}}){opt_time}",
        "dmy": rf"(?P<d>\d{{1,2}})\.\s?(?P<m>\d{{1,2}})\.\s?(?P<y>\d{{4}}|\d{{2}}){opt_time}",
        "d_mon_y": (
            rf"(?P<d>\d{{1,2}})(?:\.|st|nd|rd|th)?\s{{1,3}}(?P<mon>{mon})\.?,?\s{{1,3}}"
            rf"(?P<y>\d{{4}}){opt_time}"
        ),
        "mon_d_y": (
            rf"(?P<mon>{mon})\.?\s{{1,3}}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s{{1,3}}"
            rf"(?P<y>\d{{4}}){opt_time}"
        ),
        "mon_y": rf"(?P<mon>{mon})\.?,?\s{{1,3}}(?P<y>\d{{4}})",
        "year": r"(?P<y>\d{4})",
    }
    return {name: re.compile(src, re.IGNORECASE) for name, src in sources.items()}


@functools.cache
def _search_pattern() -> re.Pattern[str]:
    """One pattern that finds date expressions inside running text (no bare years)."""
    parts = [
        f"(?:{p.pattern})"
        for name, p in _patterns().items()
        if name in {"iso", "dmy", "d_mon_y", "mon_d_y", "mon_y"}
    ]
    # Group names may not repeat in one pattern: strip them, the match is re-parsed.
    body = re.sub(r"\(\?P<\w+>", "(?:", "|".join(parts))
    return re.compile(rf"(?<![\w.])(?:{body})(?![\w])", re.IGNORECASE)


@functools.cache
def _labels_pattern() -> re.Pattern[str]:
    labels = list(load_list("common", "scrape_date_labels.txt"))
    weekdays = list(load_list("common", "scrape_weekdays.txt"))
    return re.compile(
        rf"^(?:(?:{_alternation(labels)})\b\s?:?\s{{0,3}})?"
        rf"(?:(?:{_alternation(weekdays)})\b\.?,?\s{{1,3}})?",
        re.IGNORECASE,
    )


_TRAILING_NOISE = re.compile(r"[\s,;|.\-–—]*(?:uhr|h)?[\s,;|.)\-–—]*$", re.IGNORECASE)


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _iso_from_match(name: str, match: re.Match[str]) -> str | None:
    groups: dict[str, Any] = match.groupdict()
    year = int(groups["y"])
    if name == "dmy" and len(groups["y"]) == 2:
        year += 2000 if year < 70 else 1900
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    if name == "year":
        return f"{year:04d}"
    month = _months()[groups["mon"].lower()] if groups.get("mon") else int(groups["m"])
    if not 1 <= month <= 12:
        return None
    day = _int(groups.get("d"))
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        _dt.date(year, month, day)
    except ValueError:
        return None
    hour = _int(groups.get("h"))
    if hour is None:
        return f"{year:04d}-{month:02d}-{day:02d}"
    minute = int(groups["mi"])
    second = _int(groups.get("s")) or 0
    ampm = (groups.get("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    stamp = f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}"
    zone = (groups.get("tz") or "").lower()
    if zone in _TIMEZONES:
        stamp += _TIMEZONES[zone]
    elif zone:
        digits = zone.replace(":", "")
        stamp += f"{digits[:3]}:{digits[3:]}"
    return stamp


def parse_date(value: str) -> str | None:
    """Return a date-only string as ISO 8601, or None if it is not just a date.

    The whole string must be a date, optionally with a time, a label ("Veröffentlicht am",
    "date", "Updated:") and a weekday; a date inside a sentence is not accepted here (see
    :func:`find_dates`). Precision follows the input: month-only stays ``YYYY-MM``, a time
    gives ``YYYY-MM-DDTHH:MM:SS`` (with an offset only when one is stated).

    Args:
        value: The candidate date text.

    Returns:
        The ISO 8601 string, or None.

    Example:
        >>> parse_date("31.12.2021 - 00:57 Uhr")
        '2021-12-31T00:57:00'
        >>> parse_date("30. Dezember 2021")
        '2021-12-30'
        >>> parse_date("Biden telefoniert") is None
        True
    """
    text = " ".join(value.split())
    if not text or len(text) > 80:
        return None
    text = _labels_pattern().sub("", text, count=1)
    text = _TRAILING_NOISE.sub("", text)
    if not text:
        return None
    for name, pattern in _patterns().items():
        match = pattern.fullmatch(text)
        if match:
            return _iso_from_match(name, match)
    return None


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Return every explicit calendar date in ``text`` as ``(start, end, iso)``.

    Only dates with a year (and a month) count; "am Donnerstag" or "am 10. Januar" are
    relative and belong to the analysis stage.

    Args:
        text: Any text.

    Returns:
        The matches in order of position.

    Example:
        >>> find_dates("Anna Beispiel 31.12.2021 - 00:57 Uhr Artikel anhören")
        [(14, 36, '2021-12-31T00:57:00')]
    """
    found = []
    for match in _search_pattern().finditer(text):
        iso = parse_date(match.group())
        if iso is not None:
            found.append((match.start(), match.end(), iso))
    return found


def outlet_from_url(url: str) -> str | None:
    """Return the outlet name a URL's host stands for.

    Args:
        url: An absolute URL, or a bare host name such as ``www.example.de``.

    Returns:
        The host without ``www.``-like prefixes, or None for anything that is no web address.

    Example:
        >>> outlet_from_url("https://www.example.de/politik/artikel-1.html")
        'example.de'
    """
    candidate = url.strip()
    if not candidate or any(ch.isspace() for ch in candidate):
        return None
    if "://" not in candidate:
        candidate = "//" + candidate
    try:
        host = urlsplit(candidate).hostname or ""
    except ValueError:
        return None
    host = host.rstrip(".").lower()
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
    if "." not in host or not re.fullmatch(r"[a-z0-9.\-]+", host):
        return None
    if host.replace(".", "").isdigit():
        return None
    return host


@functools.cache
def _identifier() -> Any:
    import py3langid.langid as langid_module
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_modelpath(
        langid_module.MODEL_DIR / MODEL_FILE, norm_probs=True
    )
    identifier.set_languages(list(_LANGUAGE_CANDIDATES))
    return identifier


_WORD = re.compile(r"[^\W\d_]{2,}")


def detect_language(text: str, *, default: str = "de") -> str:
    """Return the ISO 639-1 code of the language ``text`` is written in.

    Args:
        text: The document text.
        default: Returned for text too short or too mixed to decide.

    Returns:
        A two-letter language code.

    Example:
        >>> detect_language("Die Regierung hat am Donnerstag neue Regeln beschlossen.")
        'de'
        >>> detect_language("Ja.", default="de")
        'de'
    """
    sample = text[:_LANGUAGE_SAMPLE_CHARS]
    words = _WORD.findall(sample)
    if len(words) < _MIN_WORDS_FOR_LANGUAGE or sum(map(len, words)) < _MIN_LETTERS_FOR_LANGUAGE:
        return default
    language, confidence = _identifier().classify(sample)
    if float(confidence) < _MIN_LANGUAGE_CONFIDENCE:
        return default
    return str(language)


@functools.cache
def _author_cue_pattern() -> re.Pattern[str]:
    cues: list[str] = list(load_list("common", "scrape_author_cues.txt"))
    for lang in available_languages():
        try:
            cues.extend(load_list(lang, "scrape_author_cues.txt"))
        except Exception:  # a language without bylines data adds nothing
            continue
    return re.compile(rf"^(?:{_alternation(sorted(set(cues)))})(?:\s*:\s*|\s+)", re.IGNORECASE)


_NAME_TOKEN = re.compile(r"[A-ZÄÖÜÀ-ÞĀ-Ž][\w'’.\-]{0,30}")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\s&\s|\sund\s|\sand\s|\ssowie\s)\s*")


def looks_like_name(text: str) -> bool:
    """Return True when ``text`` has the shape of a person's name ("Anna von Beispiel").

    Two to five tokens, each capitalised or a name particle, neither first nor last a
    particle, and no digits.

    Example:
        >>> looks_like_name("Anna von Beispiel"), looks_like_name("Montag an gilt")
        (True, False)
    """
    tokens = text.split()
    if not 2 <= len(tokens) <= 5 or any(ch.isdigit() for ch in text):
        return False
    particles = load_set("common", "scrape_name_particles.txt")
    if tokens[0].lower() in particles or tokens[-1].lower() in particles:
        return False
    for token in tokens:
        if token in particles:
            continue
        if not _NAME_TOKEN.fullmatch(token) or (token.isupper() and len(token) > 3):
            return False
    return True


def parse_author(line: str) -> str | None:
    """Return the author name(s) of a byline such as "Von Anna Beispiel, Berlin".

    Args:
        line: One line that may be a byline.

    Returns:
        The names joined with ", ", or None when the line is no byline.

    Example:
        >>> parse_author("Von Anna Beispiel und Bernd Muster, Berlin")
        'Anna Beispiel, Bernd Muster'
        >>> parse_author("Von Montag an gilt die neue Regel.") is None
        True
    """
    text = " ".join(line.split())
    if len(text) > 160:
        return None
    match = _author_cue_pattern().match(text)
    if match is None:
        return None
    return names_from(text[match.end() :])


def names_from(text: str) -> str | None:
    """Return the person names listed in ``text`` ("A B, C D und E F"), joined by ", ".

    Listing stops at the first part that is not a name (a place, a role, a date).

    Example:
        >>> names_from("Anna Beispiel und Bernd Muster")
        'Anna Beispiel, Bernd Muster'
    """
    text = re.split(r"\s[|(–—-]\s?|\s\(", text, maxsplit=1)[0].strip(" .:")
    names = []
    for part in _NAME_SPLIT.split(text):
        if not looks_like_name(part):
            break
        names.append(part)
    return ", ".join(names) or None
