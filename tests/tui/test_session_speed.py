"""The shortcuts taken for speed give the answers of the slow ways: undo re-reads only what
it touched, search works before the index is built, folding skips ASCII."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from dipreader.corpus import Article, Corpus
from dipreader.store import AnnotationStore
from dipreader.tui.folding import _SEARCH_TABLE, fold_for_search
from dipreader.tui.search import SearchIndex
from dipreader.tui.session import Session
from dipreader.tui.store_opening import PendingStore, check_database


def summaries(session: Session) -> tuple[object, ...]:
    ids = [a.id for a in session.corpus.articles]
    return (
        [session.row_key(i) for i in ids],
        session.articles_per_tag(),
        session.progress(),
        dict(session.tags_by_id),
    )


def test_undo_and_redo_reload_what_a_full_reload_would(seed_corpus: Corpus, db_path: Path):
    first, second = seed_corpus.articles[0].id, seed_corpus.articles[1].id
    with AnnotationStore.open(db_path) as store:
        session = Session(seed_corpus, store, None)
        store.tag_article(first, "Tô Lâm", "person")
        store.tag_article(second, "Tô Lâm", "person")
        store.add_note(second, "à relire")
        store.set_starred(first, True)
        tag = store.find_tag("Tô Lâm", "person")
        assert tag is not None
        store.tag_article(first, "Économie", "theme")
        session.reload_all()
        for step in (store.undo, store.undo, store.undo, store.redo, store.undo, store.undo):
            assert step() is not None
            before = summaries(session)[0]
            changed = session.reload_changed()
            fast = summaries(session)
            assert fast == summaries(Session(seed_corpus, store, None))
            ids = [a.id for a in seed_corpus.articles]
            assert changed == {
                i for i, old, new in zip(ids, before, fast[0], strict=True) if old != new
            }


def test_search_before_the_index_is_built_finds_the_same(seed_corpus: Corpus, db_path: Path):
    with AnnotationStore.open(db_path) as store:
        indexed = Session(seed_corpus, store, SearchIndex(seed_corpus.articles))
        pending = Session(seed_corpus, store, None)
        for query in ("lam", "TÔ  lâm", "hà nội", "économie", "zzzz", "le"):
            indexed.search = pending.search = query
            assert [a.id for a in pending.visible_articles()] == [
                a.id for a in indexed.visible_articles()
            ], query


@pytest.mark.parametrize("block", [2, 256])  # articles a block: across blocks, and one
def test_the_index_of_folded_bytes_finds_what_folding_each_text_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int
):
    from dipreader.corpus import Article
    from dipreader.tui.search import article_matches as _article_matches
    from dipreader.tui.search import search_terms

    texts = [
        "Le 1ᵉʳ sommet, à 30 °C — « États-Unis » l’accord",
        "Ha Noi et Hà Nội ; l'accord",
        "Œuvre d’art 😀 and ｆｕｌｌ width",
        "ends with xa",  # with the next title: "xa" + "titre 4" must not make "xatitre"
        "last one",
    ]
    articles = [
        Article(id=f"a{n}", title=f"titre {n}", paragraphs=(text,), source=tmp_path / f"{n}")
        for n, text in enumerate(texts)
    ]
    monkeypatch.setattr(SearchIndex, "_BLOCK_ARTICLES", block)
    index = SearchIndex(articles)
    queries = [
        "1ᵉʳ",
        "°c",
        "l’accord",
        "l'accord",
        "etats-unis",
        "ha noi",
        "œuvre",
        "😀",
        "ｆｕｌｌ",
    ]
    queries += ["art 😀", "« etats", "— «", "titre 2", "zz", "a", "xatitre", "xa titre", "one"]
    for query in queries:
        terms = search_terms(query)
        found = index.matching(terms)
        for article in articles:
            assert (article.id in found) == _article_matches(article, terms), (query, article.id)
    assert index.matching(search_terms("ŒUVRE")) == {"a2"}


def test_building_the_index_keeps_no_second_copy_of_the_texts(seed_corpus: Corpus):
    # `Article.text` is cached on the article: the index must not fill that cache for the
    # whole corpus (at 10,000 articles, 80 MB held for the app's life).
    fresh = [dataclasses.replace(article) for article in seed_corpus.articles]
    SearchIndex(fresh)
    assert not any("text" in vars(article) for article in fresh)


def test_fold_for_search_is_the_whole_table_translation():
    samples = [
        "Tô Lâm à Hà Nội — «l’économie» ﬁn ŒUVRE Ǆ ß İ ǅ ẞ",
        "".join(chr(c) for c in range(0x20, 0x2100)),
        "plain ascii only, 123",
        "",
    ]
    for text in samples:
        assert fold_for_search(text) == text.casefold().translate(_SEARCH_TABLE)


def test_a_pending_store_opens_once_and_closes_only_if_opened(db_path: Path):
    check_database(db_path, read_only=False)  # a new database: nothing to refuse
    unopened = PendingStore(db_path)
    unopened.close()
    assert not db_path.exists()  # closing did not open (create) it
    pending = PendingStore(db_path)
    store = pending.open()
    assert pending.open() is store and not store.read_only and pending.read_only_reason is None
    locked = PendingStore(db_path)
    assert locked.open().read_only and "Changes are not saved" in (locked.read_only_reason or "")
    locked.close()
    pending.close()


def test_progress_counts_the_corpus_articles_with_a_tag(seed_corpus: Corpus, db_path: Path):
    first, second, third = (a.id for a in seed_corpus.articles[:3])
    with AnnotationStore.open(db_path) as store:
        session = Session(seed_corpus, store, None)
        store.tag_article("not-in-this-corpus", "Tô Lâm", "person")
        store.add_note(third, "a note is not a tag")
        store.tag_article(first, "Tô Lâm", "person")
        store.tag_article(first, "Économie", "theme")
        session.reload_all()
        assert session.progress() == (1, 5)
        store.tag_article(second, "Tô Lâm", "person")
        session.reload_article(second)
        assert session.progress() == (2, 5)
        store.untag_article(second, "Tô Lâm", "person")
        session.reload_article(second)
        assert session.progress() == (1, 5)
        assert store.undo() is not None
        session.reload_changed()
        assert session.progress() == (2, 5)


def test_search_finds_an_article_by_the_title_the_user_gave_it(db_path: Path):
    """The index holds the titles as the files have them; the list shows the user's: search
    answers for what the list shows, with or without the index."""
    corpus = Corpus(
        [
            Article(
                id=f"{n:016x}", title=f"Dépêche {n}", paragraphs=("Texte.",), source=Path(f"{n}")
            )
            for n in range(3)
        ]
    )
    renamed = corpus.articles[0].id
    with AnnotationStore.open(db_path) as store:
        store.correct(renamed, title="Sommet de Hanoï")
        indexed = Session(corpus, store, SearchIndex(corpus.articles))
        pending = Session(corpus, store, None)
        for session in (indexed, pending):
            session.search = "hanoi"
            assert [a.id for a in session.visible_articles()] == [renamed]
            session.search = "depeche"
            assert renamed not in [a.id for a in session.visible_articles()]
            assert len(session.visible_articles()) == 2
