"""Arguments and helpers shared by the headless commands."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from dipreader.terminal import for_terminal

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


def emit(text: str, end: str = "\n") -> None:
    """Print a command's output: exactly as it is to a file or pipe; to a terminal, with each
    character the terminal could act on or misshow (an escape sequence from a file name,
    a tag or a note) replaced."""
    text += end
    sys.stdout.write(for_terminal(text) if sys.stdout.isatty() else text)


def warn(message: str) -> None:
    # stderr is read on a terminal even when it is saved to a file: always made safe.
    print(f"dipreader: warning: {for_terminal(message)}", file=sys.stderr)


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


@contextlib.contextmanager
def nothing_left_if_refused(db: str | Path) -> Iterator[None]:
    """Around a command that may create the database: if it fails, a database that was not
    there before leaves no file behind (not a new database with only the default themes).
    Nothing confirmed is lost: the store writes a change all or nothing, and the command
    has not said it was done."""
    from dipreader.store.files import store_files

    path = Path(db)
    if path.exists():
        yield
        return
    found = set(store_files(path))
    try:
        yield
    except BaseException:
        for created in set(store_files(path)) - found:
            with contextlib.suppress(OSError):
                created.unlink(missing_ok=True)
        raise
