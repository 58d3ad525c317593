"""Files in, `Article` objects out. Pure: no terminal, no database."""

from typing import TYPE_CHECKING

from dipreader.lazy import lazy_exports

if TYPE_CHECKING:
    from dipreader.corpus.clean import clean_article
    from dipreader.corpus.load import (
        ArticleNotFound,
        Corpus,
        CorpusError,
        LoadWarning,
        bundled_seeds,
        load_corpus,
        read_article,
    )
    from dipreader.corpus.model import Article, ArticleDate, DroppedLine

__getattr__ = lazy_exports(
    __name__,
    {
        "dipreader.corpus.clean": ("clean_article",),
        "dipreader.corpus.load": (
            "ArticleNotFound",
            "Corpus",
            "CorpusError",
            "LoadWarning",
            "bundled_seeds",
            "load_corpus",
            "read_article",
        ),
        "dipreader.corpus.model": ("Article", "ArticleDate", "DroppedLine"),
    },
)

__all__ = [
    "Article",
    "ArticleDate",
    "ArticleNotFound",
    "Corpus",
    "CorpusError",
    "DroppedLine",
    "LoadWarning",
    "bundled_seeds",
    "clean_article",
    "load_corpus",
    "read_article",
]
