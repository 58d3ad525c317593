"""Precision and recall against a gold standard, on the sample corpus."""

from __future__ import annotations

import uuid

import pytest

from dipreader.corpus import Article, load_corpus
from dipreader.store.model import PERSON, THEME, Annotation, Tag
from dipreader.suggest import Suggester
from dipreader.suggest.evaluate import evaluate, name_key
from tests.conftest import SEEDS
from tests.suggest.helpers import tag
from tests.suggest.test_seeds import GOLD


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    return load_corpus(SEEDS).articles


def annotation(article_id: str, tag_id: str) -> Annotation:
    stamp = "2026-11-22T10:00:00Z"
    return Annotation(uuid.uuid4().hex, article_id, tag_id, None, None, stamp, stamp, "gold")


def gold_people(seeds: list[Article]) -> tuple[list[Tag], list[Annotation]]:
    """The hand-made people of the seeds as a vocabulary and whole-article tags."""
    tags: dict[str, Tag] = {}
    annotations = []
    for article in seeds:
        for person in GOLD[article.source.name]["people"]:
            found = tags.setdefault(name_key(person), tag(person))
            annotations.append(annotation(article.id, found.id))
    return list(tags.values()), annotations


def test_people_targets_hold_against_a_gold_vocabulary(
    suggester: Suggester, seeds: list[Article]
) -> None:
    tags, annotations = gold_people(seeds)
    result = evaluate(seeds, tags, annotations, {a.id for a in seeds}, suggester)
    people = result.kinds[PERSON]
    assert people.recall is not None and people.recall >= 0.95, people.misses
    assert people.precision is not None and people.precision >= 0.90, people.false_hits
    assert THEME not in result.kinds  # the gold never tagged a theme: no verdict on themes
    assert people.true_positives == 22


def test_misses_and_false_hits_are_named(suggester: Suggester, seeds: list[Article]) -> None:
    tags, annotations = gold_people(seeds)
    article = next(a for a in seeds if a.source.name.startswith("003"))
    biden = next(t for t in tags if t.name == "Joe Biden")
    # The gold forgets Joe Biden on 003 and adds someone the article does not mention.
    annotations = [
        a for a in annotations if not (a.article_id == article.id and a.tag_id == biden.id)
    ]
    ghost = tag("Kurt Campbell")
    annotations.append(annotation(article.id, ghost.id))
    result = evaluate(seeds, [*tags, ghost], annotations, {a.id for a in seeds}, suggester)
    people = result.kinds[PERSON]
    assert [(m.article_id, m.name) for m in people.misses] == [(article.id, "Kurt Campbell")]
    assert [(h.article_id, h.name, h.evidence) for h in people.false_hits] == [
        (article.id, "Joe Biden", "Joe Biden")
    ]
    assert (people.true_positives, people.false_positives, people.false_negatives) == (21, 1, 1)


def test_gold_aliases_and_accents_resolve_names(suggester: Suggester, seeds: list[Article]) -> None:
    article = next(a for a in seeds if a.source.name.startswith("004"))
    trong = tag("Trọng", aliases=["Nguyễn Phú Trọng"])  # the text says "Nguyên Phu Trong"
    kritenbrink = tag("Daniel Kritenbrink")  # the text says "Daniel J. Kritenbrink"
    climate = tag("climat", kind=THEME)  # an alias of the built-in theme "climate"
    gold = [trong, kritenbrink, climate]
    result = evaluate(
        [article], gold, [annotation(article.id, t.id) for t in gold], {article.id}, suggester
    )
    assert result.kinds[PERSON].misses == []
    assert result.kinds[PERSON].true_positives == 2
    assert result.kinds[THEME].true_positives == 1
    assert result.kinds[THEME].misses == []


def test_gold_articles_missing_from_the_corpus_are_listed(
    suggester: Suggester, seeds: list[Article]
) -> None:
    lam = tag("Tô Lâm")
    result = evaluate(
        seeds, [lam], [annotation("ffffffffffffffff", lam.id)], {"ffffffffffffffff"}, suggester
    )
    assert result.not_in_corpus == ["ffffffffffffffff"]
    assert result.articles == []
    assert result.kinds[PERSON].precision is None
    assert result.kinds[PERSON].recall is None
    assert result.to_json()["kinds"]["person"]["precision"] is None
