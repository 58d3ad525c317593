"""Find article files, read them whatever their encoding, and clean them into a `Corpus`."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from stat import S_ISREG

from dipreader.collector import collector_paused
from dipreader.corpus.cache import CorpusCache, CorpusCacheFile
from dipreader.corpus.clean import clean_article
from dipreader.corpus.decode import UndecodableError, decode_bytes
from dipreader.corpus.model import Article, sort_key_newest_first
from dipreader.errors import DipreaderError

MAX_FILE_BYTES = 5 * 1024 * 1024

# The loader's plug-in point: a file suffix and the function that turns the file's decoded
# text into the plain text the cleaner expects. HTML, RSS or JSON feeds plug in here.
TextReader = Callable[[str], str]
READERS: dict[str, TextReader] = {".txt": lambda text: text, ".md": lambda text: text}

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


def read_article(path: Path) -> Article:
    """Read and clean one file; raises OSError or UndecodableError with a reason."""
    reader = READERS.get(path.suffix.lower())
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
    text, _encoding = decode_bytes(data)
    article = clean_article(reader(text), path)
    if not article.paragraphs and article.title_derived:
        raise UndecodableError("no text")
    return article


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
    by_id: dict[str, Article] = {}
    with collector_paused():  # every article made here lives on: nothing to collect
        cached = _open_cache(cache, paths, len(files))
        step = max(1, len(files) // _PROGRESS_STEPS)
        for done, path in enumerate(files, start=1):
            article = _read_or_warn(path, cached, warnings)
            if progress is not None and (done % step == 0 or done == len(files)):
                progress(done, len(files))
            if article is None:
                continue
            warnings.extend(LoadWarning(path, w) for w in article.warnings)
            if article.id in by_id:
                warnings.append(
                    LoadWarning(path, f"same text as {by_id[article.id].source}: one article")
                )
                continue
            by_id[article.id] = article
        if cached is not None:
            cached.save()
    if not by_id:
        where = ", ".join(str(p) for p in paths)
        suffixes = ", ".join(READERS)
        raise CorpusError(f"no articles found in {where} (dipreader reads {suffixes} files)")
    return Corpus(list(by_id.values()), warnings)


def _open_cache(
    cache: bool | CorpusCache, paths: list[Path], file_count: int
) -> CorpusCacheFile | None:
    if cache is False:
        return None
    settings = CorpusCache() if cache is True else cache
    return settings.open(paths, file_count)


def _read_or_warn(
    path: Path, cached: CorpusCacheFile | None, warnings: list[LoadWarning]
) -> Article | None:
    """The file's article, or None with a warning saying why it was skipped."""
    try:
        return cached.read(path, read_article) if cached is not None else read_article(path)
    except (OSError, UndecodableError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        if isinstance(exc, OSError) and exc.errno == 40:  # ELOOP: a link to itself
            reason = "symlink loop"
        warnings.append(LoadWarning(path, reason))
        return None
