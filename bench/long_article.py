"""Cleaning, splitting and suggesting one long article (issue 12: linear time end to end).

The article is the samples' paragraphs over and over, with their furniture (captions,
credits, sign-offs), to 100 kB, 1 MB and 5 MB, with a blank line between paragraphs and
without (a page whose text came as one block of lines).
"""

from __future__ import annotations

import time
from pathlib import Path

SIZES = (100_000, 1_000_000, 5_000_000)


def long_text(seeds: Path, size: int, *, blank_lines: bool) -> str:
    """`size` characters of the samples' lines, repeated."""
    lines = [
        line
        for path in sorted(seeds.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").split("\n")
        if line.strip()
    ]
    separator = "\n\n" if blank_lines else "\n"
    parts: list[str] = []
    length = 0
    while length < size:
        for line in lines:
            parts.append(line)
            length += len(line) + len(separator)
    return separator.join(parts)[:size]


def measure(seeds: Path, size: int, *, blank_lines: bool, runs: int) -> dict[str, list[float]]:
    """Seconds for each step, `runs` times: clean the raw text, split the cleaned text into
    sentences, suggest people and themes for it."""
    from dipreader.corpus import clean_article
    from dipreader.sentences import split_sentences
    from dipreader.suggest.suggester import Suggester

    raw = long_text(seeds, size, blank_lines=blank_lines)
    suggester = Suggester()
    times: dict[str, list[float]] = {"clean": [], "split sentences": [], "suggest": []}
    for _ in range(runs):
        started = time.perf_counter()
        article = clean_article(raw, "long.txt")
        cleaned = time.perf_counter()
        split_sentences(article.text)
        split = time.perf_counter()
        suggester.suggest(article)
        done = time.perf_counter()
        times["clean"].append(cleaned - started)
        times["split sentences"].append(split - cleaned)
        times["suggest"].append(done - split)
    return times
