"""Cleaning, sentence splitting and suggesting take time in proportion to the text's length:
doubling an article at most about doubles the time (issue 12: a splitter that searched the
text before each full stop took 15 s at 100 kB and 201 s at 400 kB).

A ratio of two timings on the same machine in the same test, not a time limit: a quadratic
step gives about 4, a linear one about 2. Each timing is the best of a few runs, and a
ratio is measured again (up to three times) before a busy machine is taken for a slow step.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dipreader.corpus import clean_article
from dipreader.sentences import split_sentences
from dipreader.suggest.suggester import Suggester

# Pieces of news copy that make each step work: stops after titles and initials, quotes,
# capitalised names, credits and sign-offs, digits, line breaks.
PIECES = (
    "M. ",
    "J. ",
    "Mme Lê Thị Hoa ",
    "le secrétaire d’État Marc Evans Knapper ",
    "a déclaré. ",
    "« Oui ! » ",
    "le G20 ",
    "1.5 ",
    "Photo : Thanh Hà/VNA/CVN",
    " – VNA",
    "Publié le 27 avril 2018 - 14:06",
    "commerce ",
    "U.S. ",
    "… ",
    "\n",
    "\n\n",
    "Washington (VNA) – ",
    "(Rédigé par Trần An, édité par Lê Bình)",
)
UNIT = st.lists(st.sampled_from(PIECES), min_size=8, max_size=40).map("".join)
SUGGESTER = Suggester()


def _best_time(action: Callable[[], object], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def _growth(step: Callable[[str], object], unit: str, size: int) -> float:
    """How much longer `step` takes on twice the text."""
    text = (unit * (2 * size // len(unit) + 1))[: 2 * size]
    half = text[:size]
    return _best_time(lambda: step(text)) / _best_time(lambda: step(half))


def _is_linear(step: Callable[[str], object], unit: str, size: int) -> bool:
    """Doubling the text less than 3.5 times the time, in one of three measures: a busy
    machine can slow one measure down, but a quadratic step is near 4 in all of them."""
    return any(_growth(step, unit, size) < 3.5 for _ in range(3))


def _clean(text: str) -> object:
    return clean_article(text, "long.txt")


def _split(text: str) -> object:
    return split_sentences(text, "\n")


def _suggest(text: str) -> object:
    return SUGGESTER.suggest(clean_article(text, "long.txt"))


_SETTINGS = settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


@_SETTINGS
@given(UNIT)
def test_cleaning_is_linear(unit: str) -> None:
    assert _is_linear(_clean, unit, 200_000)


@_SETTINGS
@given(UNIT)
def test_splitting_sentences_is_linear(unit: str) -> None:
    assert _is_linear(_split, unit, 400_000)


@_SETTINGS
@given(UNIT)
def test_suggesting_is_linear(unit: str) -> None:
    assert _is_linear(_suggest, unit, 100_000)


def test_one_line_without_any_break_is_linear() -> None:
    unit = "M. Knapper a rencontré Mme Hoa au G20 à Hanoï. Puis J. Biden est parti. "
    for step in (_clean, _split, _suggest):
        assert _is_linear(step, unit, 100_000)
