"""The real pages in ../shared/html-pages (not the project's: never copied into it) become
clean articles whose title and date match what their origin's tests expect."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from dipreader.corpus import load_corpus
from tests.conftest import SHARED

PAGES = SHARED / "html-pages"
pytestmark = pytest.mark.skipif(
    not PAGES.is_dir(), reason="../shared/html-pages is absent (a user's clone has no ../shared)"
)
MARKUP = re.compile(r"<[a-zA-Z/!][^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});")
# Lines a page's navigation or footer is made of, in the pages' languages.
FURNITURE = re.compile(
    r"^(?:share|share this|follow us|related|read more|continue reading.*|advertisement"
    r"|comments?|sign in|subscribe|menu|home|skip to .*|back to top|top of page"
    r"|compartilhe|publicidade|anuncio|werbung|teilen|partager|lire aussi|voir aussi"
    r"|photo \(cc\).*|©.*|copyright.*|all rights reserved.*"
    r"|\d{1,2}\.\d{1,2}\.\d{4} \d{1,2}:\d{2})$",
    re.IGNORECASE,
)


def _folders() -> list[Path]:
    return sorted(p for p in PAGES.iterdir() if p.is_dir()) if PAGES.is_dir() else []


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("real-pages")
    for page in _folders():
        shutil.copy(page / "source.html", folder / f"{page.name}.html")
    return load_corpus(folder, cache=False)


@pytest.mark.parametrize("page", _folders(), ids=lambda p: p.name)
def test_each_page_is_a_clean_article(corpus, page: Path) -> None:
    [article] = [a for a in corpus.articles if a.source.stem == page.name]
    assert len(article.paragraphs) >= 3 and article.words > 150
    for paragraph in (article.title, *article.paragraphs):
        assert not MARKUP.search(paragraph), paragraph
        assert not FURNITURE.match(paragraph), paragraph
    expected_file = page / "expected-metadata.json"
    expected = json.loads(expected_file.read_text("utf-8")) if expected_file.exists() else {}
    if expected.get("title"):
        assert article.title == expected["title"]
    if expected.get("publishedTime"):
        assert article.date is not None and article.date_source == "metadata"
        assert article.date.iso() == expected["publishedTime"][:10]
    if expected.get("siteName"):
        assert (article.site or "").casefold() == expected["siteName"].casefold()


def test_every_page_loads_without_a_warning(corpus) -> None:
    assert len(corpus.articles) == len(_folders())
    assert corpus.warnings == []
