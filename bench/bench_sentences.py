"""Benchmark Synopse's sentence splitter against SoMaJo: speed and boundary F1 in one run.

Measures words per second (``\\w+`` runs) after a warm-up over at least 30 timed batches,
with the mean and a bootstrap 95% confidence interval, on

* the UD German GSD dev evaluation text (built as ``synopse.evaluation.sentences`` does),
  where boundary F1 against the treebank is reported for both splitters;
* about 300 German news articles from ``fang-covid-2000.jsonl``, where there is no gold,
  so the agreement of our boundaries with SoMaJo's is reported instead;
* pathological input (no punctuation at all, thousands of unbalanced quotation marks,
  a period after every word) at 10k, 50k and 100k words, to show the cost is linear.

The results go to ``docs/benchmarks.md`` between ``<!-- sentences:start -->`` and
``<!-- sentences:end -->``; other sections of that file are left alone.

Usage: ``python bench/bench_sentences.py [--batches 30] [--articles 300]
[--agreement-articles 100] [--linearity-sizes 10000,50000,100000] [--no-write]``
"""

from __future__ import annotations

import argparse
import functools
import re
import statistics
import sys
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    FANG,
    SHARED,
    batch_rates,
    ci_cell,
    count_words,
    iqr_outliers,
    iter_records,
    machine_line,
    pathological_text,
    repeat_seconds,
    write_section,
)
from synopse.analysis.sentences import split_sentences, tokenize
from synopse.evaluation.sentences import (
    boundary_scores,
    build_ud_text,
    score_sentence_boundaries,
    sentence_ends,
    somajo_splitter,
)

UD_DEV = SHARED / "eval" / "ud-german-gsd-dev.conllu"
VOCABULARY = ["regierung", "stadt", "haus", "wort", "zeit", "land", "frage", "plan"]
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")

Runner = Callable[[Sequence[str]], object]
"""Processes one batch of texts (each a document)."""


def ours_split(texts: Sequence[str]) -> object:
    return [split_sentences(text) for text in texts]


def ours_split_tokenize(texts: Sequence[str]) -> object:
    return [[tokenize(text, s.start, s.end) for s in split_sentences(text)] for text in texts]


def somajo_runner() -> Runner:
    from somajo import SoMaJo

    tokenizer = SoMaJo("de_CMC", split_camel_case=False)

    def run(texts: Sequence[str]) -> object:
        paragraphs = [p for text in texts for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
        return list(tokenizer.tokenize_text(paragraphs))

    return run


def measure(run: Runner, batches: Sequence[Sequence[str]], warmup: int = 2) -> dict[str, Any]:
    """Time ``run`` on each batch after ``warmup`` untimed batches; words/s per batch."""
    rates = batch_rates(
        run, batches, lambda batch: sum(count_words(text) for text in batch), warmup=warmup
    )
    return {
        "mean": statistics.fmean(rates),
        "cell": ci_cell(rates),
        "batches": len(rates),
        "outliers": iqr_outliers(rates),
    }


def peak_memory_mib(run: Runner, texts: Sequence[str]) -> float:
    tracemalloc.start()
    run(texts)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def _split_tokenize(text: str) -> None:
    split_sentences(text)
    tokenize(text)


def linearity(sizes: Sequence[int]) -> list[dict[str, Any]]:
    rows = []
    for kind in ("none", "quotes", "periods"):
        for words in sizes:
            text = pathological_text(words, kind, VOCABULARY)
            split_sentences(text)
            best = min(repeat_seconds(functools.partial(_split_tokenize, text), 5, warmup=0))
            rows.append(
                {"kind": kind, "words": words, "seconds": best, "us_per_word": best / words * 1e6}
            )
    return rows


def load_articles(count: int) -> list[str]:
    texts: list[str] = []
    for record in iter_records(FANG):
        text = record.get("text") or ""
        if text.strip():
            texts.append(text)
        if len(texts) == count:
            break
    return texts


def chunk(texts: Sequence[str], parts: int) -> list[list[str]]:
    size = max(1, -(-len(texts) // parts))
    return [list(texts[i : i + size]) for i in range(0, len(texts), size)]


def agreement(texts: Sequence[str]) -> dict[str, float]:
    """Boundary agreement of ours with SoMaJo (as reference) over ``texts``."""
    soma = somajo_splitter()
    gold: list[tuple[int, int]] = []
    ours: list[tuple[int, int]] = []
    for number, text in enumerate(texts):
        gold += [(number, end) for end in sentence_ends(text, soma(text))]
        ours += [(number, end) for end in sentence_ends(text, split_sentences(text))]
    scores = boundary_scores(
        [n * 10_000_000 + end for n, end in gold], [n * 10_000_000 + end for n, end in ours]
    )
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--batches", type=int, default=30, help="timed batches (30 or more for the report)"
    )
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--agreement-articles", type=int, default=100)
    parser.add_argument("--linearity-sizes", default="10000,50000,100000")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    for path in (UD_DEV, FANG):
        if not path.exists():
            print(f"{path} is missing: set SYNOPSE_SHARED to the shared data folder")
            return 1

    soma_run = somajo_runner()
    ud_text, _ = build_ud_text(UD_DEV)
    ud_batches = [[ud_text]] * args.batches
    articles = load_articles(args.articles)
    fang_batches = chunk(articles, args.batches)

    results: dict[str, Any] = {"ud": {}, "fang": {}}
    for name, corpus in (("ud", ud_batches), ("fang", fang_batches)):
        results[name]["ours"] = measure(ours_split, corpus)
        results[name]["ours+tok"] = measure(ours_split_tokenize, corpus)
        results[name]["somajo"] = measure(soma_run, corpus)
        print(name, {k: round(v["mean"]) for k, v in results[name].items()}, file=sys.stderr)
    f1_ours = score_sentence_boundaries(UD_DEV)
    f1_soma = score_sentence_boundaries(UD_DEV, somajo_splitter())
    agree = agreement(articles[: args.agreement_articles])
    memory = peak_memory_mib(ours_split, articles)
    lines = linearity([int(size) for size in args.linearity_sizes.split(",")])
    words = {
        "ud": count_words(ud_text),
        "fang": sum(count_words(text) for text in articles),
    }
    markdown = render(results, f1_ours, f1_soma, agree, memory, lines, words, args)
    print(markdown)
    if not args.no_write:
        write_section("sentences", markdown)
    return 0


def render(
    results: dict[str, Any],
    f1_ours: dict[str, Any],
    f1_soma: dict[str, Any],
    agree: dict[str, float],
    memory: float,
    lines: list[dict[str, Any]],
    words: dict[str, int],
    args: argparse.Namespace,
) -> str:
    out = [
        "## Sentence splitting",
        "",
        f"`python bench/bench_sentences.py` on {machine_line()}. Words are `\\w+` runs; "
        "speeds are words/s after a warm-up, mean over batches with a bootstrap 95% CI. SoMaJo is "
        '`SoMaJo("de_CMC", split_camel_case=False).tokenize_text(paragraphs)` (it always '
        "tokenizes too); `ours` is `split_sentences`, `ours+tok` adds `tokenize` per sentence.",
        "",
        "| corpus | splitter | words/s [95% CI] | batches | ratio to SoMaJo | boundary F1 |",
        "|---|---|---|---|---|---|",
    ]
    labels = {
        "ud": f"UD GSD dev ({words['ud']:,} words, whole text per batch)",
        "fang": f"fang-covid, {args.articles} articles ({words['fang']:,} words)",
    }
    for corpus in ("ud", "fang"):
        soma = results[corpus]["somajo"]["mean"]
        for name in ("ours", "ours+tok", "somajo"):
            entry = results[corpus][name]
            if corpus == "ud":
                f1 = f1_soma["f1"] if name == "somajo" else f1_ours["f1"]
                score = f"{f1:.4f}"
            else:
                score = "reference" if name == "somajo" else f"{agree['f1']:.4f} vs SoMaJo"
            out.append(
                f"| {labels[corpus]} | {name} | {entry['cell']} | {entry['batches']} "
                f"(outliers {entry['outliers']}) | {entry['mean'] / soma:.1f}× | {score} |"
            )
    out += [
        "",
        f"UD boundary precision/recall: ours {f1_ours['precision']:.4f}/{f1_ours['recall']:.4f}, "
        f"SoMaJo {f1_soma['precision']:.4f}/{f1_soma['recall']:.4f} "
        f"({int(f1_ours['gold'])} gold boundaries). On fang-covid there is no gold: the F1 "
        f"there is agreement with SoMaJo over the first {args.agreement_articles} articles "
        f"(precision {agree['precision']:.4f}, recall {agree['recall']:.4f}). Most "
        "disagreements are headings on a line of their own (ours ends them there), which "
        "sentence an elision mark „(…)“ between two sentences joins (ours: the next one, "
        "SoMaJo: the one before), and sentence ends after a number („bei 1,42. Am …“), "
        "which SoMaJo misses. Peak Python memory "
        f"of `split_sentences` over the {args.articles} articles: {memory:.1f} MiB.",
        "",
        "Pathological input, `split_sentences` + `tokenize`, best of 5:",
        "",
        "| input | words | seconds | µs/word |",
        "|---|---|---|---|",
    ]
    names = {
        "none": "no punctuation at all",
        "quotes": "unbalanced „ every 10 words",
        "periods": "a period after every word",
    }
    for row in lines:
        out.append(
            f"| {names[row['kind']]} | {row['words']:,} | {row['seconds']:.3f} | "
            f"{row['us_per_word']:.2f} |"
        )
    return "\n".join(out)


if __name__ == "__main__":
    raise SystemExit(main())
