"""The suggester on the cleaned text of the 14 layout fixtures (tests/corpus/layouts), against
their gold: the targets of issue 12 for people and themes. `python -m tests.suggest.layout_gold`
prints the figures per layout."""

from __future__ import annotations

import pytest

from dipreader.suggest import Suggester
from tests.suggest.layout_gold import LAYOUTS, LayoutResult, measure_all, report, totals


@pytest.fixture(scope="module")
def results(suggester: Suggester) -> list[LayoutResult]:
    return measure_all(suggester)


def test_every_layout_is_measured(results: list[LayoutResult]) -> None:
    assert len(results) == len(list(LAYOUTS.glob("*.gold.json"))) >= 14


def test_people_precision_and_recall(results: list[LayoutResult]) -> None:
    precision, recall = totals(results)
    assert precision >= 0.90, report(results)
    assert recall >= 0.95, report(results)


def test_no_place_organisation_or_thing_is_a_person(results: list[LayoutResult]) -> None:
    # Only the gold's not-people that occur in the cleaned text: the others are page furniture.
    assert {r.name: r.forbidden for r in results if r.forbidden} == {}, report(results)


def test_one_suggestion_per_person(results: list[LayoutResult]) -> None:
    assert {r.name: r.duplicates for r in results if r.duplicates} == {}, report(results)


def test_gold_themes_are_suggested_and_not_themes_are_not(results: list[LayoutResult]) -> None:
    missed = {r.name: r.themes_missed for r in results if r.themes_missed}
    wrong = {r.name: r.themes_wrong for r in results if r.themes_wrong}
    assert (missed, wrong) == ({}, {}), report(results)
