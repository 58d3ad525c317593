"""The targets of issue 5 on the sample corpus: people recall >= 95%, precision >= 90%, and no
person from boilerplate, measured against a hand-made list of the people in each seed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dipreader.corpus import Article, load_corpus
from dipreader.suggest import Suggester
from dipreader.suggest.evaluate import name_key
from tests.conftest import SEEDS
from tests.suggest.helpers import article_of

GOLD = json.loads((Path(__file__).parent / "seed_people.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_articles() -> dict[str, Article]:
    return {a.source.name: a for a in load_corpus(SEEDS).articles}


def test_every_seed_has_a_gold_entry(seed_articles: dict[str, Article]) -> None:
    assert set(seed_articles) == {k for k in GOLD if not k.startswith("_")}


def test_people_recall_and_precision_on_the_seeds(
    suggester: Suggester, seed_articles: dict[str, Article]
) -> None:
    right = wrong = missed = 0
    report = []
    for name, article in seed_articles.items():
        expected = {name_key(p) for p in GOLD[name]["people"]}
        found = {name_key(s.name) for s in suggester.suggest(article) if s.kind == "person"}
        right += len(found & expected)
        wrong += len(found - expected)
        missed += len(expected - found)
        report.append(f"{name}: missed {expected - found}, wrong {found - expected}")
    assert right / (right + missed) >= 0.95, report
    assert right / (right + wrong) >= 0.90, report


def test_no_boilerplate_name_in_any_suggestion_or_evidence(
    suggester: Suggester, seed_articles: dict[str, Article]
) -> None:
    for name, article in seed_articles.items():
        banned = {name_key(p) for p in GOLD[name]["not_people"]}
        for suggestion in suggester.suggest(article):
            spellings = {name_key(suggestion.name)} | {
                name_key(e.text) for e in suggestion.evidence
            }
            assert not spellings & banned, (name, suggestion)


def test_every_mention_of_a_person_is_evidence(
    suggester: Suggester, seed_articles: dict[str, Article]
) -> None:
    article = seed_articles["001_acbf850183a4d512.txt"]
    by_name = {s.name: s for s in suggester.suggest(article)}
    assert len(by_name["Tô Lâm"].evidence) == article.text.count("Tô Lâm")
    assert len(by_name["Donald Trump"].evidence) == article.text.count("Donald Trump")
    for suggestion in by_name.values():
        for span in suggestion.evidence:
            assert article.text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("seed", "theme", "phrase"),
    [
        ("000_a11d0ef0997eda5b.txt", "trade & economy", "commerciales"),
        ("001_acbf850183a4d512.txt", "trade & economy", "balance commerciale"),
        ("001_acbf850183a4d512.txt", "war legacy", "séquelles de la guerre"),
        ("003_ce43e4ea307b6319.txt", "climate & energy", "changement climatique"),
        ("004_5a8597a87f5ef843.txt", "climate & energy", "énergies vertes"),
        ("004_5a8597a87f5ef843.txt", "war legacy", "conséquences de la guerre"),
    ],
)
def test_themes_on_the_seeds_show_their_phrase(
    suggester: Suggester, seed_articles: dict[str, Article], seed: str, theme: str, phrase: str
) -> None:
    by_name = {s.name: s for s in suggester.suggest(seed_articles[seed])}
    assert phrase in [e.text for e in by_name[theme].evidence]


def test_boilerplate_left_in_by_a_cleaner_still_gives_no_person(suggester: Suggester) -> None:
    # The raw file, with its related-article links, photo credit and publisher footer.
    raw = (SEEDS / "002_a5c808be4d17b703.txt").read_text(encoding="utf-8")
    found = {name_key(s.name) for s in suggester.suggest(article_of(raw)) if s.kind == "person"}
    assert found == {name_key(p) for p in GOLD["002_a5c808be4d17b703.txt"]["people"]}
