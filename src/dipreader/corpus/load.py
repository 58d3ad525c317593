"""Find article files, read them whatever their encoding, and clean them into a `Corpus`."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from stat import S_ISREG

from dipreader.collector import collector_paused
from dipreader.corpus.cache import CorpusCache, CorpusCacheFile
from dipreader.corpus.clean import clean_raw
from dipreader.corpus.decode import UndecodableError
from dipreader.corpus.model import Article, sort_key_newest_first
from dipreader.corpus.sources import (
    FETCHED_FORMATS,
    FORMATS,
    HEAVY_FORMATS,
    SourceContext,
    reader_for,
)
from dipreader.errors import DipreaderError

MAX_FILE_BYTES = 5 * 1024 * 1024
# The loader's plug-in point is `dipreader.corpus.sources.FORMATS`: suffix -> reader.
READERS = FORMATS
# Files of a heavy format (HTML) to read before they are spread over processes: starting a
# process and importing the extractor costs about 0.3 s, so a few pages are read here.
PARALLEL_MIN_FILES = 24

# `progress(done, total)` while loading: files read so far, and files found.
Progress = Callable[[int, int], None]
_PROGRESS_STEPS = 100  # calls per load at most, so a UI thread is not flooded


class CorpusError(DipreaderError):
    """The corpus as a whole cannot be loaded (missing folder, no articles)."""


class ArticleNotFound(DipreaderError):
    """No article, or more than one, matches an id prefix."""


@dataclass(frozen=True)
class LoadWarning:
    """A file that was skipped, or loaded with a problem, and why."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class Corpus:
    """The articles of a corpus, newest first and undated last, each id once."""

    articles: list[Article]
    warnings: list[LoadWarning] = field(default_factory=list)
    _by_id: dict[str, Article] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.articles.sort(key=sort_key_newest_first)
        self._by_id = {a.id: a for a in self.articles}

    def __len__(self) -> int:
        return len(self.articles)

    def get(self, article_id: str) -> Article | None:
        return self._by_id.get(article_id)

    def find(self, prefix: str) -> Article:
        """The one article whose id starts with `prefix`; raises ArticleNotFound otherwise."""
        prefix = prefix.strip().lower()
        if not prefix:
            raise ArticleNotFound("an article id is needed")
        if prefix in self._by_id:
            return self._by_id[prefix]
        found = [a for a in self.articles if a.id.startswith(prefix)]
        if not found:
            raise ArticleNotFound(f"no article with an id starting {prefix!r}")
        if len(found) > 1:
            ids = ", ".join(a.id for a in found[:5])
            raise ArticleNotFound(
                f"{len(found)} articles have ids starting {prefix!r} ({ids}…): type more of the id"
            )
        return found[0]


def bundled_seeds() -> Path:
    """The sample corpus shipped with dipreader."""
    packaged = resources.files("dipreader") / "seeds"
    if packaged.is_dir():
        return Path(str(packaged))
    # A source checkout (editable install): the seeds live at the top of the repository.
    return Path(__file__).resolve().parents[3] / "seeds"


def _walk(folder: Path, warnings: list[LoadWarning]) -> Iterator[Path]:
    """Every file below `folder`, following links but never around a loop."""
    seen: set[tuple[int, int]] = set()

    def on_error(error: OSError) -> None:
        warnings.append(
            LoadWarning(Path(error.filename or folder), f"unreadable: {error.strerror}")
        )

    for root, dirs, files in os.walk(folder, followlinks=True, onerror=on_error):
        stat = os.stat(root)
        if (stat.st_dev, stat.st_ino) in seen:
            warnings.append(LoadWarning(Path(root), "symlink loop: folder already visited"))
            dirs[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        dirs.sort()
        for name in sorted(files):
            yield Path(root) / name


def _candidate_files(paths: Iterable[Path], warnings: list[LoadWarning]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            for file in _walk(path, warnings):
                if file.suffix.lower() in READERS:
                    yield file
        elif path.exists() or path.is_symlink():
            yield path
        else:
            raise CorpusError(f"no such file or folder: {path}")


def _context(path: Path, suffix: str) -> SourceContext:
    if suffix not in FETCHED_FORMATS:
        return SourceContext(path)
    from dipreader.corpus.sources.sidecar import read_sidecar

    record = read_sidecar(path)
    if record is None:
        return SourceContext(path)
    return SourceContext(
        path,
        url=record.url,
        final_url=record.final_url,
        http_charset=record.charset,
        last_modified=record.last_modified_date,
    )


def read_articles(path: Path) -> list[Article]:
    """Read and clean one file into its articles (a feed has several); raises OSError or
    UndecodableError with a reason."""
    suffix = path.suffix.lower()
    reader = reader_for(suffix)
    if reader is None:
        raise UndecodableError(f"not an article file (dipreader reads {', '.join(READERS)})")
    stat = path.stat()
    if not S_ISREG(stat.st_mode):
        raise UndecodableError("not a regular file")
    size = stat.st_size
    if size > MAX_FILE_BYTES:
        raise UndecodableError(f"too large ({size / 1_048_576:.1f} MB; the limit is 5 MB)")
    data = path.read_bytes()
    if not data.strip():
        raise UndecodableError("empty file")
    context = _context(path, suffix)
    try:
        raws = reader(data, context)
    except (UndecodableError, MemoryError):
        raise
    except Exception as exc:  # a third-party parser's failure on odd input: a skipped file
        raise UndecodableError(
            f"could not be read as {suffix[1:]} ({type(exc).__name__}: {exc})"
        ) from None
    articles = [clean_raw(raw, path) for raw in raws]
    articles = [a for a in articles if a.paragraphs or not a.title_derived]
    if not articles:
        raise UndecodableError("no text")
    return articles


def read_article(path: Path) -> Article:
    """The first article of one file (the only one, but in a feed)."""
    return read_articles(path)[0]


def load_corpus(
    source: Path | str | Sequence[Path | str],
    *,
    cache: bool | CorpusCache = True,
    progress: Progress | None = None,
) -> Corpus:
    """Load a folder (recursively), a file, or a list of files and folders.

    Files that cannot be read become warnings, and the rest still loads; a corpus with no
    article at all is an error.

    `cache`: cleaned articles are kept in a cache (see `dipreader.corpus.cache`) and reused
    while their file is unchanged, so loading a large corpus again takes a fraction of the
    time; the result is the same with or without it. `False` reads every file; a
    `CorpusCache` chooses the folder. Corpora under `cache.MIN_FILES` files are not cached.
    `progress(done, total)` is called as files are read (at most about 100 times).
    """
    paths = [Path(source)] if isinstance(source, (str, Path)) else [Path(p) for p in source]
    if not paths:
        raise CorpusError("no corpus given")
    warnings: list[LoadWarning] = []
    files = list(_candidate_files(paths, warnings))
    with collector_paused():  # every article made here lives on: nothing to collect
        cached = _open_cache(cache, paths, len(files))
        outcomes = _read_all(files, cached, _Progress(progress, len(files)))
        if cached is not None:
            cached.save()
    by_id: dict[str, Article] = {}
    for path, outcome in zip(files, outcomes, strict=True):
        if isinstance(outcome, str):
            warnings.append(LoadWarning(path, outcome))
            continue
        for article in outcome:
            warnings.extend(LoadWarning(path, w) for w in article.warnings)
            _add(by_id, article, path, warnings)
    if not by_id:
        where = ", ".join(str(p) for p in paths)
        suffixes = ", ".join(READERS)
        skipped = "".join(f"\n  skipped {w}" for w in warnings[:5])
        more = f"\n  … and {len(warnings) - 5} more" if len(warnings) > 5 else ""
        raise CorpusError(
            f"no articles found in {where} (dipreader reads {suffixes} files){skipped}{more}"
        )
    return Corpus(list(by_id.values()), warnings)


def _add(
    by_id: dict[str, Article], article: Article, path: Path, warnings: list[LoadWarning]
) -> None:
    """Add an article unless its id is there: a feed entry's summary gives way to its page
    (both are known by the entry's link), silently; other twins are one article, said so."""
    known = by_id.get(article.id)
    if known is None:
        by_id[article.id] = article
    elif _better(article, known):
        by_id[article.id] = _with_what_it_lacks(article, known)
    elif _better(known, article):
        by_id[article.id] = _with_what_it_lacks(known, article)
    elif not _same_address(article, known):
        if article.text == known.text:
            warnings.append(LoadWarning(path, f"same text as {known.source}: one article"))
        else:  # a feed that gives two entries one guid
            warnings.append(
                LoadWarning(path, f"same id as another entry of {known.source}: the first is kept")
            )


_OWN_DATES = frozenset({"header", "metadata"})
_HOST = re.compile(r"^[\w.-]+\.[\w-]+(?::\d+)?$|^[\d.]+(?::\d+)?$")


def _with_what_it_lacks(page: Article, entry: Article) -> Article:
    """The page that takes a feed entry's place, with what the feed said and the page does
    not: a date of the feed's own over a guessed one, the authors, the site."""
    changes: dict[str, object] = {}
    if (
        entry.date is not None
        and entry.date_source in _OWN_DATES
        and (page.date is None or page.date_source not in _OWN_DATES)
    ):
        changes.update(date=entry.date, date_source=entry.date_source)
    if not page.authors and entry.authors:
        changes["authors"] = entry.authors
    if entry.site is not None and (page.site is None or _HOST.match(page.site)):
        changes["site"] = entry.site  # a feed's title over the extractor's host name
    return replace(page, **changes) if changes else page


def _same_address(one: Article, other: Article) -> bool:
    """Two articles known by one address (a feed entry and its page, or two copies of one
    feed) are one story, not a duplicate the user should hear about."""
    return one.url is not None and one.url == other.url


def _better(new: Article, known: Article) -> bool:
    """Whether `new` should take the place of `known`, of the same id: a whole article over
    a summary, and a page over a feed's copy of it."""
    if known.summary_only != new.summary_only:
        return known.summary_only
    return (
        _same_address(new, known)
        and known.source.suffix.lower() not in HEAVY_FORMATS
        and new.source.suffix.lower() in HEAVY_FORMATS
    )


class _Progress:
    """`progress(done, total)` about a hundred times a load at most."""

    def __init__(self, report: Progress | None, total: int) -> None:
        self.report, self.total, self.done = report, total, 0
        self.step = max(1, total // _PROGRESS_STEPS)

    def advance(self) -> None:
        self.done += 1
        if self.report is not None and (self.done % self.step == 0 or self.done == self.total):
            self.report(self.done, self.total)


# What reading a file gave: its articles, or why it was skipped.
Outcome = list[Article] | str


def _read_all(
    files: list[Path], cached: CorpusCacheFile | None, progress: _Progress
) -> list[Outcome]:
    """Every file's outcome, in order: from the cache where it is unchanged, read otherwise
    (many heavy files over several processes)."""
    outcomes: list[Outcome | None] = [None] * len(files)
    stamps: dict[int, tuple[str, list[int]]] = {}
    to_read: list[int] = []
    for index, path in enumerate(files):
        stamped = cached.stamp(path) if cached is not None else None
        if cached is not None and stamped is not None:
            hit = cached.cached(*stamped, path)
            if hit is not None:
                outcomes[index] = hit
                progress.advance()
                continue
            stamps[index] = stamped
        to_read.append(index)
    heavy = [i for i in to_read if files[i].suffix.lower() in HEAVY_FORMATS]
    spread = heavy if len(heavy) >= PARALLEL_MIN_FILES else []
    done = _read_in_processes([files[i] for i in spread], progress)
    read_elsewhere = dict(zip(spread, done, strict=True)) if done is not None else {}
    for index in to_read:
        if index in read_elsewhere:
            outcome, cacheable = read_elsewhere[index]
        else:
            outcome, cacheable = _read_one(files[index])
            progress.advance()
        outcomes[index] = outcome
        if cached is not None and cacheable and index in stamps:
            cached.remember(*stamps[index], outcome)
    return outcomes  # type: ignore[return-value]


def _read_one(path: Path) -> tuple[Outcome, bool]:
    """The file's articles, or why it was skipped; and whether that is worth caching (a
    file that could not be opened may open next time)."""
    try:
        return read_articles(path), True
    except UndecodableError as exc:
        return str(exc), True
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if exc.errno == 40:  # ELOOP: a link to itself
            reason = "symlink loop"
        return reason, False


def _quiet() -> None:
    """A reading process writes nothing to the terminal (the app may be drawing on it)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)


def _read_in_processes(paths: list[Path], progress: _Progress) -> list[tuple[Outcome, bool]] | None:
    """The outcomes of reading `paths` on every core, in order; None if there are none to
    read or no process could be started (they are then read here, one by one)."""
    workers = min(os.cpu_count() or 1, len(paths))
    if workers < 2:
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Spawned, not forked: the app loads from a thread, and forking a threaded process can
    # leave a lock held in the child.
    context = multiprocessing.get_context("spawn")
    results: list[tuple[Outcome, bool]] = []
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_quiet) as pool:
            for result in pool.map(_read_one, paths, chunksize=4):
                results.append(result)
                progress.advance()
    except (OSError, RuntimeError, ImportError):  # no processes to be had: read them here
        progress.done -= len(results)
        return None
    return results


def _open_cache(
    cache: bool | CorpusCache, paths: list[Path], file_count: int
) -> CorpusCacheFile | None:
    if cache is False:
        return None
    settings = CorpusCache() if cache is True else cache
    return settings.open(paths, file_count)
