"""Fourteen outlets' page layouts (invented text, real furniture): each cleans to the form
written by hand next to it, and no line of a story's body is ever taken for furniture."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dipreader.corpus import clean_article
from dipreader.corpus.rules import reason_for, rule_for
from tests.corpus.test_seeds import EXPECTED as SEED_EXPECTED
from tests.corpus.test_seeds import cleaned_form, parse_expected

LAYOUTS = Path(__file__).parent / "layouts"
LAYOUT_FILES = sorted(LAYOUTS.glob("*.txt"))


def test_every_layout_has_its_expected_form_and_gold() -> None:
    assert len(LAYOUT_FILES) >= 12
    outlets = {raw.stem.rsplit("-", 1)[0] for raw in LAYOUT_FILES}
    assert len(outlets) >= 12
    for raw in LAYOUT_FILES:
        assert raw.with_suffix(".expected").is_file(), raw.name
        assert raw.with_suffix(".gold.json").is_file(), raw.name


# Furniture the cleaner keeps, knowingly: each would need a rule that could also take a
# body sentence (the story's text comes first). The test fails if one goes or another stays.
KNOWN_LEFT: dict[str, tuple[str, ...]] = {
    # A caption under its credit, with a blank line between and nothing marking it a caption.
    "ca-ledevoir-afp-1": ("Des ouvriers vietnamiens déplacent des sols contaminés",),
    # A related story's two-sentence summary inside the body: prose, like a paragraph.
    "ch-swissinfo-ats-1": ("Les promesses de dons ont reculé",),
    # A related link in the body under a rubric's name (`Reportage`), its date glued to a label.
    "fr-liberation-1": (
        "Reportage",
        "Au Vietnam, les militants écologistes",
        "28 févr. 2024abonnés",
    ),
    # A caption above its credit across a blank line, naming no position in the picture.
    "vn-lepetitjournal-hcmc-1": ("Margaret Holloway-Dinh dans les locaux du Centre",),
}


@pytest.mark.parametrize("raw", LAYOUT_FILES, ids=lambda p: p.stem)
def test_layout_cleans_to_its_hand_written_form(raw: Path) -> None:
    expected = parse_expected(raw.with_suffix(".expected").read_text(encoding="utf-8"))
    actual = cleaned_form(raw)
    known = KNOWN_LEFT.get(raw.stem, ())
    left = tuple(p for p in actual["paragraphs"] if p not in expected["paragraphs"])
    assert [any(p.startswith(k) for k in known) for p in left] == [True] * len(left)
    assert len(left) == len(known)
    actual["paragraphs"] = tuple(p for p in actual["paragraphs"] if p not in left)
    assert actual == expected


def test_furniture_left_on_the_layouts_is_under_five_percent() -> None:
    furniture = 0
    for raw in LAYOUT_FILES:
        expected = parse_expected(raw.with_suffix(".expected").read_text(encoding="utf-8"))
        story = {expected["title"], expected["kicker"], *expected["paragraphs"]}
        lines = {line.strip() for line in raw.read_text(encoding="utf-8").split("\n")}
        furniture += sum(1 for line in lines - story if line and not _inside_story(line, story))
    left = sum(len(known) for known in KNOWN_LEFT.values())
    assert furniture > 300
    assert left / furniture <= 0.05


def _inside_story(line: str, story: set[str | None]) -> bool:
    """A raw line the story keeps part of (a paragraph whose sign-off was cut)."""
    return any(part and line.startswith(part) for part in story)


@pytest.mark.parametrize("raw", LAYOUT_FILES, ids=lambda p: p.stem)
def test_every_removed_line_says_why(raw: Path) -> None:
    article = clean_article(raw.read_text(encoding="utf-8"), raw)
    assert article.dropped
    for dropped in article.dropped:
        assert reason_for(dropped.rule) != dropped.rule, dropped


def _body_paragraphs() -> list[str]:
    texts = [p.with_suffix(".expected") for p in LAYOUT_FILES] + sorted(SEED_EXPECTED.iterdir())
    paragraphs: list[str] = []
    for path in texts:
        paragraphs += parse_expected(path.read_text(encoding="utf-8"))["paragraphs"]
    return paragraphs


def test_no_rule_matches_a_line_of_a_story() -> None:
    """Every paragraph of every hand-checked story, fixtures and samples: no line rule takes
    it for furniture, whatever the page around it."""
    taken = [(p[:60], rule.id) for p in _body_paragraphs() if (rule := rule_for(p))]
    assert taken == []


def test_the_gold_export_says_what_the_gold_files_say() -> None:
    """`gold-annotations.json` (a `dipreader export` of the gold, for `dipreader evaluate`)
    names each layout's article by its id and tags it with the people and themes of its
    `.gold.json`."""
    export = json.loads((LAYOUTS / "gold-annotations.json").read_text(encoding="utf-8"))
    by_source = {entry["source"]: entry for entry in export["articles"]}
    assert sorted(by_source) == [raw.name for raw in LAYOUT_FILES]
    for raw in LAYOUT_FILES:
        gold = json.loads(raw.with_suffix(".gold.json").read_text(encoding="utf-8"))
        entry = by_source[raw.name]
        assert entry["id"] == clean_article(raw.read_text(encoding="utf-8"), raw).id
        assert sorted(ref["name"] for ref in entry["people"]) == sorted(gold["people"])
        assert sorted(ref["name"] for ref in entry["themes"]) == sorted(gold["themes"])
