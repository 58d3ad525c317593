"""Arguments and helpers shared by the headless commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dipreader.corpus import Article, Corpus
    from dipreader.store import AnnotationStore

DEFAULT_DB = "annotations.json"


def add_corpus_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "corpus",
        nargs="?",
        metavar="CORPUS",
        help="a folder (searched recursively) or file of articles; default: the bundled samples",
    )


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=DEFAULT_DB,
        help=f"the annotation database (default: ./{DEFAULT_DB})",
    )


def printable(text: str) -> str:
    """Untrusted text made safe to print: each unsafe character shown as \ufffd, lines kept."""
    # Here, not at the top: `--version` and `--help` load no layer.
    from dipreader.corpus.text import mark_unsafe

    return mark_unsafe(text)


def one_line(text: str) -> str:
    """Untrusted text made safe to print on one line: no unsafe character, no newlines."""
    return " ".join(printable(text).split())


def warn(message: str) -> None:
    print(f"dipreader: warning: {printable(message)}", file=sys.stderr)


def article_meta(article: Article) -> list[str]:
    """What `show` prints under the title: date, agency, site, authors, size, where from."""
    meta = [article.date.iso() if article.date else "undated"]
    meta += [about for about in (article.agency, article.site, ", ".join(article.authors)) if about]
    meta += [f"{article.words} words", article.url or str(article.source), article.id]
    if article.summary_only:
        meta.append("summary from a feed (its page is not fetched yet)")
    return meta


def load_corpus_argument(args: argparse.Namespace) -> Corpus:
    """Load the corpus an argument names (the bundled seeds if none), warning about skipped
    files on stderr."""
    from dipreader.corpus import bundled_seeds, load_corpus

    corpus = load_corpus(args.corpus or bundled_seeds())
    for warning in corpus.warnings:
        warn(str(warning))
    return corpus


def open_store(path: str | Path, *, read_only: bool, lock_timeout: float = 0.0) -> AnnotationStore:
    """Open the annotation database, telling on stderr what was found wrong with its files
    (a damaged journal line, and where the journal was kept)."""
    from dipreader.store import AnnotationStore

    store = AnnotationStore.open(path, read_only=read_only, lock_timeout=lock_timeout)
    for notice in store.notices:
        warn(notice)
    return store
