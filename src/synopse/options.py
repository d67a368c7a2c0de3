"""Options for each pipeline stage: one frozen dataclass per stage, defaults from defaults.toml.

Precedence is flag > environment (``SYNOPSE_<STAGE>_<NAME>``) > ``defaults.toml``.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import tomllib
from importlib import resources
from typing import TYPE_CHECKING, Any, TypeVar

from synopse.errors import ConfigError

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


@functools.cache
def _defaults() -> dict[str, dict[str, Any]]:
    raw = resources.files("synopse").joinpath("defaults.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)


def _coerce(value: str, like: Any, name: str) -> Any:
    try:
        if isinstance(like, bool):
            if value.lower() in {"1", "true", "yes", "on"}:
                return True
            if value.lower() in {"0", "false", "no", "off"}:
                return False
            raise ValueError(value)
        if isinstance(like, int):
            return int(value)
        if isinstance(like, float):
            return float(value)
    except ValueError as exc:
        raise ConfigError(
            f"environment variable {name}={value!r} is not a valid {type(like).__name__}"
        ) from exc
    return value


def _stage_defaults(stage: str) -> dict[str, Any]:
    values = dict(_defaults().get(stage, {}))
    for key, like in list(values.items()):
        env_name = f"SYNOPSE_{stage.upper()}_{key.upper()}"
        if env_name in os.environ:
            values[key] = _coerce(os.environ[env_name], like, env_name)
    return values


_Options = TypeVar("_Options", bound="DataclassInstance")


def _from_defaults(cls: type[_Options], stage: str, overrides: dict[str, Any]) -> _Options:
    """Build a stage's options: defaults.toml < environment < ``overrides`` (None skipped)."""
    values = _stage_defaults(stage)
    values.update({k: v for k, v in overrides.items() if v is not None})
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = set(values) - known
    if unknown:
        raise ConfigError(f"unknown {stage} option(s): {', '.join(sorted(unknown))}")
    return cls(**values)


@dataclasses.dataclass(frozen=True, kw_only=True)
class IngestOptions:
    """How sources become documents.

    Attributes:
        max_bytes: Largest source accepted, in bytes.
        timeout: Seconds to wait for a URL.
        max_redirects: Redirects followed before giving up.
        allow_private: Fetch private, loopback and link-local addresses.
        user_agent: The User-Agent header sent with requests.
        default_language: Language assumed when detection is unsure.
        raw: The input is already clean text: no cleaning and no format sniffing, so the
            document's text is the input (after Unicode normalisation) and offsets refer
            to it.
        fetch_feed_links: Fetch the linked article of each feed entry that carries only a
            teaser (with the same limits as any URL); off, so feeds are read offline.

    Example:
        >>> IngestOptions.from_defaults(max_bytes=1000).max_bytes
        1000
    """

    max_bytes: int = 20_000_000
    timeout: float = 15.0
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = "synopse/0.1"
    default_language: str = "de"
    raw: bool = False
    fetch_feed_links: bool = False

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError(f"max_bytes must be positive, not {self.max_bytes}")
        if self.timeout <= 0:
            raise ConfigError(f"timeout must be positive, not {self.timeout}")
        if self.max_redirects < 0:
            raise ConfigError(f"max_redirects must be zero or more, not {self.max_redirects}")

    @classmethod
    def from_defaults(cls, **overrides: Any) -> IngestOptions:
        """Build options from defaults.toml and the environment, then apply ``overrides``."""
        return _from_defaults(cls, "ingest", overrides)


@dataclasses.dataclass(frozen=True, kw_only=True)
class CompareOptions:
    """How the documents of a story are compared.

    Attributes:
        embedder: Sentence embedder for fact grouping: ``"use"`` (bundled), ``"hashing"``
            (fast, lexical) or ``"sentence-transformers:<model>"``.
        omission_threshold: Least share of the other documents that must report a fact
            for its absence from a document to count as an omission.
        summary_sentences: Most sentences in the summary.
        language: Language whose data compares the documents; None takes the language
            most of the documents are in.

    Example:
        >>> CompareOptions.from_defaults(embedder="hashing").embedder
        'hashing'
    """

    embedder: str = "use"
    omission_threshold: float = 0.6
    summary_sentences: int = 8
    language: str | None = None

    def __post_init__(self) -> None:
        if not 0.0 < self.omission_threshold <= 1.0:
            raise ConfigError(
                f"omission_threshold must be in (0, 1], not {self.omission_threshold}"
            )
        if self.summary_sentences < 1:
            raise ConfigError(f"summary_sentences must be at least 1, not {self.summary_sentences}")

    @classmethod
    def from_defaults(cls, **overrides: Any) -> CompareOptions:
        """Build options from defaults.toml and the environment, then apply ``overrides``.

        Raises:
            ConfigError: If an option is unknown or out of range.
        """
        return _from_defaults(cls, "compare", overrides)
