"""What a search means: words match the start of words, quoted phrases whole words; the
index and a text folded on the spot find the same articles, and the reader lights up the
same places."""

from __future__ import annotations

from pathlib import Path

import pytest

from dipreader.corpus import Article, ArticleDate, Corpus
from dipreader.tui.search import SearchIndex, SearchTerm, article_matches, search_terms, term_spans

from .conftest import SIZE, MakeApp
from .helpers import fill, list_ids, reader, wait_until


def test_a_query_is_words_and_quoted_phrases():
    assert search_terms('Tô  LÂM "viet   nam" «Hà Nội» “x') == [
        SearchTerm("to", False),
        SearchTerm("lam", False),
        SearchTerm("viet nam", True),
        SearchTerm("ha noi", True),
        SearchTerm("x", True),  # a quote left open runs to the end
    ]
    assert search_terms('"" lam lam') == [SearchTerm("lam", False)]


@pytest.mark.parametrize(
    ("query", "text", "spans"),
    [
        ("to lam", "Tô Lâm à Washington", [(0, 2), (3, 6)]),
        ("lam", "Islam, Lamarck et Lâm", [(7, 10), (18, 21)]),
        ('"to lam"', "Tô Lâm, Tô Lâmbert", [(0, 6)]),
        ("-19", "covid-19 et covid 19", [(5, 8)]),  # not a word: found anywhere
        ("l'accord", "de l'accord", [(3, 11)]),
    ],
)
def test_words_match_word_starts_and_phrases_whole_words(query, text, spans):
    from dipreader.tui.folding import fold_for_search

    assert list(term_spans(fold_for_search(text), search_terms(query))) == spans


def _article(n: int, title: str, text: str) -> Article:
    return Article(
        id=f"{n:016x}",
        title=title,
        paragraphs=(text,),
        source=Path(f"{n}.txt"),
        date=ArticleDate(2025, 1, n + 1),
    )


ARTICLES = [
    _article(1, "Tô Lâm à Washington", "Le secrétaire général Tô Lâm reçu à la Maison-Blanche."),
    _article(2, "Washington Lambert", "Un article sur Washington Lambert, peintre."),
    _article(3, "L'islam et la lampe", "Rien sur le sujet."),
]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("to lam", {1}),
        ("lam", {1, 2, 3}),
        ('"to lam"', {1}),
        ('"lam"', {1}),
        ("washington lam", {1, 2}),
        ("slam", set()),
        ('"washington lambert" peintre', {2}),
    ],
)
def test_the_index_and_a_folded_text_find_the_same(query, found):
    terms = search_terms(query)
    expected = {f"{n:016x}" for n in found}
    assert SearchIndex(ARTICLES).matching(terms) == expected
    assert {a.id for a in ARTICLES if article_matches(a, terms)} == expected


async def test_searching_in_the_app_matches_words_and_lights_up_only_them(make_app: MakeApp):
    app = make_app(Corpus(ARTICLES))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await fill(pilot, "to lam")
        assert await wait_until(pilot, lambda: list_ids(app) == [f"{1:016x}"])
        await pilot.press("enter")
        await pilot.pause()
        shown = reader(app)
        lit = {shown.article_text[m.start : m.end] for m in shown.marks if m.kind == "search"}
        assert lit == {"Tô", "Lâm"}  # not the "to" of "Washington"
        await pilot.press("slash")
        await fill(pilot, "lam")
        assert await wait_until(pilot, lambda: len(list_ids(app)) == 3)
