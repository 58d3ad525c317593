"""Properties of every suggestion list, whatever the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dipreader.store.model import PERSON, THEME
from dipreader.suggest import Suggester, suggest, suggestion_key
from tests.suggest.helpers import article_of, tag

WORDS = [
    "Le",
    "la",
    "président",
    "Tô",
    "Lâm",
    "Nguyễn",
    "Phú",
    "Trọng",
    "Photo",
    ":",
    "/",
    "VNA",
    "rue",
    "commerce",
    "échanges",
    "commerciaux",
    ".",
    ",",
    "\n",
    "J.",
    "Daniel",
    "de",
    "États-Unis",
    "secrétaire",
    "général",
    "M.",
    "Abordant",
    "a",
    "»",
    "–",
    "Trump",
    "@x.vn",
]


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), max_size=60), st.text(max_size=40))
def test_suggestions_are_well_formed(suggester: Suggester, words: list[str], noise: str) -> None:
    text = " ".join(words) + noise
    article = article_of(text)
    suggestions = suggester.suggest(article)
    kinds = [s.kind for s in suggestions]
    assert kinds == sorted(kinds, key=[PERSON, THEME].index)
    for kind in (PERSON, THEME):
        scores = [s.score for s in suggestions if s.kind == kind]
        assert scores == sorted(scores, reverse=True)
    assert len({s.key for s in suggestions}) == len(suggestions)
    for suggestion in suggestions:
        assert 0 < suggestion.score <= 1
        assert suggestion.evidence
        for span in suggestion.evidence:
            assert article.text[span.start : span.end] == span.text


def test_key_is_the_same_for_every_spelling() -> None:
    assert suggestion_key(PERSON, "Nguyễn Phú Trọng") == suggestion_key(PERSON, "nguyen phu-trong")
    assert suggestion_key(PERSON, "Tô Lâm") != suggestion_key(THEME, "Tô Lâm")


def test_suggest_function_takes_vocabulary_and_rejections() -> None:
    lam = tag("Tô Lâm")
    article = article_of("Le secrétaire général To Lam a reçu la sénatrice Tammy Duckworth.")
    found = suggest(article, [lam])
    assert [(s.name, s.tag_id) for s in found] == [("Tô Lâm", lam.id), ("Tammy Duckworth", None)]
    rejected = {found[1].key}
    assert [s.name for s in suggest(article, [lam], rejected)] == ["Tô Lâm"]
