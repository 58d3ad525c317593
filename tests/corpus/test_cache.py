"""The cache of cleaned articles: what a warm load gives is exactly what reading the files
gives, and any change to a file, the cleaner or the cache file itself means reading again."""

from __future__ import annotations

import os
import shutil
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from dipreader.corpus import Corpus, load_corpus
from dipreader.corpus import cache as cache_module
from dipreader.corpus import load as load_module
from dipreader.corpus.cache import CACHE_DIR_ENV, CorpusCache, cache_dir, code_fingerprint
from tests.conftest import SEEDS, TEST_CACHE_DIR

AN_HOUR_AGO = time.time() - 3600


def age(folder: Path, when: float = AN_HOUR_AGO) -> None:
    """Make every file look untouched since `when` (a file modified in the last seconds is
    never trusted to the cache: see `RACY_NS`)."""
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, (when, when))


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """The samples, plus the files a loader must cope with: a legacy encoding, an invalid
    date header (a warning), a duplicate, a binary file (skipped), a nested folder."""
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    (folder / "nested").mkdir()
    (folder / "nested" / "cp1252.txt").write_bytes(
        " date 2021-03 Le président élu à Hanoï\r\n\r\nÇa coûte 5 € – déjà vu.\r\n".encode("cp1252")
    )
    (folder / "bad-date.txt").write_text(
        " date 2024-13 Titre du mois impossible\n\nUn paragraphe.\n", encoding="utf-8"
    )
    (folder / "copy.txt").write_bytes((SEEDS / "000_a11d0ef0997eda5b.txt").read_bytes())
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    age(folder)
    return folder


@pytest.fixture
def cache(tmp_path: Path) -> CorpusCache:
    """A cache in the test's own folder, for corpora of any size."""
    return CorpusCache(folder=tmp_path / "cache", min_files=1)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files actually read and cleaned (not taken from the cache), in order."""
    read: list[Path] = []
    real = load_module.read_articles

    def counting(path: Path):
        read.append(path)
        return real(path)

    monkeypatch.setattr(load_module, "read_articles", counting)
    return read


def everything(corpus: Corpus) -> list[tuple[object, ...]]:
    """Every field of every article (`==` on articles skips `dropped` and `warnings`), and
    the load warnings."""
    articles = [
        (
            a.id,
            a.title,
            a.title_derived,
            a.kicker,
            a.paragraphs,
            a.source,
            a.date,
            a.agency,
            a.dropped,
            a.warnings,
        )
        for a in corpus.articles
    ]
    return [*articles, *((str(w.path), w.reason) for w in corpus.warnings)]


def test_a_warm_load_gives_exactly_what_reading_the_files_gives(
    corpus_dir: Path, cache: CorpusCache, reads: list[Path]
) -> None:
    uncached = load_corpus(corpus_dir, cache=False)
    cold = load_corpus(corpus_dir, cache=cache)
    files = len(reads)
    warm = load_corpus(corpus_dir, cache=cache)
    assert len(reads) == files  # nothing read the second time, not even the binary file
    assert everything(warm) == everything(cold) == everything(uncached)
    assert {w.reason for w in warm.warnings} >= {
        "binary file (contains NUL bytes)",
        "invalid date '2024-13' in the header: the article is undated",
    }
    # The ids annotations hang on: the same whichever way the articles were loaded.
    assert [a.id for a in warm.articles] == [a.id for a in uncached.articles]


def test_a_relative_corpus_path_gives_relative_sources_from_the_cache(
    corpus_dir: Path, cache: CorpusCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    absolute = load_corpus(corpus_dir, cache=cache)
    monkeypatch.chdir(corpus_dir.parent)
    relative = load_corpus(Path("corpus"), cache=cache)
    assert [a.source for a in relative.articles] == [
        a.source.relative_to(corpus_dir.parent) for a in absolute.articles
    ]


@pytest.mark.parametrize("same_size", [True, False], ids=["same-size", "other-size"])
def test_a_changed_file_is_read_again(
    corpus_dir: Path, cache: CorpusCache, reads: list[Path], same_size: bool
) -> None:
    load_corpus(corpus_dir, cache=cache)
    path = corpus_dir / "bad-date.txt"
    old = path.read_text(encoding="utf-8")
    new = old.replace("Un paragraphe.", "Un paragraphe;" if same_size else "Deux paragraphes.")
    path.write_text(new, encoding="utf-8")
    os.utime(path, (AN_HOUR_AGO + 60, AN_HOUR_AGO + 60))
    reads.clear()
    corpus = load_corpus(corpus_dir, cache=cache)
    assert reads == [path]
    (article,) = [a for a in corpus.articles if a.source == path]
    assert article.paragraphs == (new.split("\n\n")[1].strip(),)
    assert everything(corpus) == everything(load_corpus(corpus_dir, cache=False))


def test_a_file_replaced_with_the_same_size_and_time_is_read_again(
    corpus_dir: Path, cache: CorpusCache, reads: list[Path]
) -> None:
    """`cp -p`, rsync and some editors keep the modification time; the inode tells."""
    load_corpus(corpus_dir, cache=cache)
    path = corpus_dir / "bad-date.txt"
    replacement = corpus_dir / "replacement.tmp"
    replacement.write_text(path.read_text(encoding="utf-8").replace("Un", "Le"), encoding="utf-8")
    stat = path.stat()
    os.utime(replacement, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(replacement, path)
    reads.clear()
    corpus = load_corpus(corpus_dir, cache=cache)
    assert reads == [path]
    assert "Le paragraphe." in [p for a in corpus.articles for p in a.paragraphs]


def test_a_file_modified_seconds_ago_is_not_trusted_to_the_cache(
    corpus_dir: Path, cache: CorpusCache, reads: list[Path]
) -> None:
    """Its next change could keep the same timestamp: it is read until it has aged."""
    fresh = corpus_dir / "fresh.txt"
    fresh.write_text("Titre frais\n\nÉcrit à l'instant.\n", encoding="utf-8")
    load_corpus(corpus_dir, cache=cache)
    reads.clear()
    load_corpus(corpus_dir, cache=cache)
    assert reads == [fresh]
    age(corpus_dir)
    load_corpus(corpus_dir, cache=cache)
    reads.clear()
    load_corpus(corpus_dir, cache=cache)
    assert reads == []


def test_a_deleted_file_disappears(corpus_dir: Path, cache: CorpusCache, reads: list[Path]) -> None:
    before = load_corpus(corpus_dir, cache=cache)
    gone = corpus_dir / "001_acbf850183a4d512.txt"
    gone_id = next(a.id for a in before.articles if a.source == gone)
    gone.unlink()
    reads.clear()
    after = load_corpus(corpus_dir, cache=cache)
    assert reads == []
    assert after.get(gone_id) is None
    assert len(after) == len(before) - 1
    # Put back, it is read again: its entry left the cache with it.
    shutil.copy(SEEDS / gone.name, gone)
    age(corpus_dir)
    assert load_corpus(corpus_dir, cache=cache).get(gone_id) is not None
    assert reads == [gone]


def _the_cache_file(cache: CorpusCache) -> Path:
    assert cache.folder is not None
    (path,) = cache.folder.glob("*.cache")
    return path


def _flip_last_byte(data: bytes) -> bytes:
    return data[:-1] + bytes([data[-1] ^ 0x01])


CORRUPTIONS: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda data: b"",
    "garbage": lambda data: os.urandom(len(data)),
    "zeroed": lambda data: bytes(len(data)),
    "truncated": lambda data: data[: len(data) // 2],
    "a flipped bit in the text": _flip_last_byte,
    "a flipped bit in the header": lambda data: data.replace(
        b'"format":%d' % cache_module.FORMAT, b'"format":%d' % (cache_module.FORMAT + 7), 1
    ),
}


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_a_damaged_cache_is_rebuilt_silently(
    corpus_dir: Path,
    cache: CorpusCache,
    reads: list[Path],
    corrupt: Callable[[bytes], bytes],
) -> None:
    expected = everything(load_corpus(corpus_dir, cache=cache))
    path = _the_cache_file(cache)
    path.write_bytes(corrupt(path.read_bytes()))
    reads.clear()
    assert everything(load_corpus(corpus_dir, cache=cache)) == expected
    assert len(reads) == len(list(corpus_dir.rglob("*.txt")))
    reads.clear()
    assert everything(load_corpus(corpus_dir, cache=cache)) == expected
    assert reads == []  # rebuilt by the load that found it damaged


def _rewrite_header(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Change the header and write it back with a right checksum, as a buggy writer would."""
    data = path.read_bytes()
    at = len(cache_module._MAGIC)
    length, _crc = cache_module._PREFIX.unpack_from(data, at)
    at += cache_module._PREFIX.size
    header = orjson.loads(data[at : at + length])
    change(header)
    new = orjson.dumps(header)
    prefix = cache_module._MAGIC + cache_module._PREFIX.pack(len(new), zlib.crc32(new))
    path.write_bytes(prefix + new + data[at + length :])


def _entry_of(header: dict[str, Any], name: str) -> list[Any]:
    """[stamp, [article fields, ...]] of the file `name`."""
    return next(entry for key, entry in header["entries"].items() if key.endswith(name))


def _set_format(header: dict[str, Any]) -> None:
    header["format"] = cache_module.FORMAT + 1


def _entries_as_list(header: dict[str, Any]) -> None:
    header["entries"] = list(header["entries"].items())


def _title_a_number(header: dict[str, Any]) -> None:
    _entry_of(header, "bad-date.txt")[1][0][1] = 42


def _text_out_of_range(header: dict[str, Any]) -> None:
    _entry_of(header, "bad-date.txt")[1][0][6] = header["text_length"]


def _stamp_a_string(header: dict[str, Any]) -> None:
    _entry_of(header, "bad-date.txt")[0] = "size"


def _fields_missing(header: dict[str, Any]) -> None:
    del _entry_of(header, "bad-date.txt")[1][0][3:]


WRONG_SHAPES: dict[str, tuple[Callable[[dict[str, Any]], None], int | None]] = {
    # (the change, how many files are read again: None for all of them)
    "another format": (_set_format, None),
    "entries not a table": (_entries_as_list, None),
    "a title that is a number": (_title_a_number, 1),
    "text out of range": (_text_out_of_range, 1),
    "a stamp that is a string": (_stamp_a_string, 1),
    "fields missing": (_fields_missing, 1),
}


@pytest.mark.parametrize("change,read_again", WRONG_SHAPES.values(), ids=WRONG_SHAPES.keys())
def test_a_cache_of_the_wrong_shape_is_read_around(
    corpus_dir: Path,
    cache: CorpusCache,
    reads: list[Path],
    change: Callable[[dict[str, Any]], None],
    read_again: int | None,
) -> None:
    expected = everything(load_corpus(corpus_dir, cache=cache))
    _rewrite_header(_the_cache_file(cache), change)
    reads.clear()
    assert everything(load_corpus(corpus_dir, cache=cache)) == expected
    files = len(list(corpus_dir.rglob("*.txt")))
    assert len(reads) == (files if read_again is None else read_again)


def test_another_cleaner_version_reads_every_file_again(
    corpus_dir: Path, tmp_path: Path, reads: list[Path]
) -> None:
    folder = tmp_path / "cache"
    load_corpus(corpus_dir, cache=CorpusCache(folder, version="rules-1", min_files=1))
    files = len(reads)
    reads.clear()
    load_corpus(corpus_dir, cache=CorpusCache(folder, version="rules-2", min_files=1))
    assert len(reads) == files
    reads.clear()
    load_corpus(corpus_dir, cache=CorpusCache(folder, version="rules-2", min_files=1))
    assert reads == []


def test_the_version_follows_the_cleaning_code_and_the_readers(tmp_path: Path) -> None:
    package = Path(cache_module.__file__).parent
    # The whole dipreader package: the cleaner uses its shared sentences and folding too.
    shutil.copytree(
        package.parent, tmp_path / "dipreader", ignore=shutil.ignore_patterns("__pycache__")
    )
    copy = tmp_path / "dipreader" / package.name
    readers = dict(load_module.READERS)
    version = code_fingerprint(copy, readers)
    assert version == code_fingerprint(package, readers) == cache_module.rules_version()

    for changed in (copy / "rules.py", copy / "layout.py", copy.parent / "sentences.py"):
        original = changed.read_text(encoding="utf-8")
        changed.write_text(original + "\n# a new rule\n", encoding="utf-8")
        assert code_fingerprint(copy, readers) != version
        changed.write_text(original, encoding="utf-8")

    def read_html(text: str) -> str:
        return text

    assert code_fingerprint(package, {**readers, ".html": read_html}) != version


def test_a_small_corpus_is_not_cached(corpus_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    load_corpus(corpus_dir, cache=CorpusCache(folder, min_files=100))
    assert not folder.exists()


def test_an_unusable_cache_folder_only_costs_time(corpus_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    corpus = load_corpus(corpus_dir, cache=CorpusCache(blocker / "cache", min_files=1))
    assert everything(corpus) == everything(load_corpus(corpus_dir, cache=False))


def test_old_caches_and_dead_writers_temp_files_are_removed(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    corpora = []
    for n in range(cache_module.KEEP_CACHES + 2):
        corpus = tmp_path / f"corpus-{n}"
        corpus.mkdir()
        (corpus / "a.txt").write_text(f"Titre {n}\n\nTexte {n}.\n", encoding="utf-8")
        age(corpus)
        corpora.append(corpus)
    folder.mkdir()
    stale = folder / ".dead-writer.tmp"
    stale.write_bytes(b"half a cache")
    os.utime(stale, (AN_HOUR_AGO - 60, AN_HOUR_AGO - 60))
    live = folder / ".live-writer.tmp"
    live.write_bytes(b"being written")
    for n, corpus in enumerate(corpora):
        load_corpus(corpus, cache=CorpusCache(folder, min_files=1))
        for cache_file in folder.glob("*.cache"):  # make the order of use unambiguous
            os.utime(cache_file, (AN_HOUR_AGO + n, AN_HOUR_AGO + n))
    assert len(list(folder.glob("*.cache"))) == cache_module.KEEP_CACHES
    assert not stale.exists() and live.exists()


def test_progress_is_reported_up_to_the_last_file(corpus_dir: Path) -> None:
    calls: list[tuple[int, int]] = []
    load_corpus(corpus_dir, cache=False, progress=lambda done, total: calls.append((done, total)))
    total = calls[-1][1]
    assert calls[-1] == (total, total)
    assert total == len(list(corpus_dir.rglob("*.txt")))
    assert [done for done, _ in calls] == sorted({done for done, _ in calls})


def test_the_default_cache_is_never_the_users_during_tests(tmp_path: Path) -> None:
    from platformdirs import user_cache_dir

    assert os.environ[CACHE_DIR_ENV] == TEST_CACHE_DIR
    assert cache_dir() == Path(TEST_CACHE_DIR) / "corpus"
    assert not cache_dir().is_relative_to(user_cache_dir("dipreader", appauthor=False))
    corpus = tmp_path / "big"
    corpus.mkdir()
    for n in range(cache_module.MIN_FILES):
        (corpus / f"{n:03d}.txt").write_text(f"Titre {n}\n\nTexte {n}.\n", encoding="utf-8")
    age(corpus)
    before = set(cache_dir().glob("*.cache")) if cache_dir().exists() else set()
    load_corpus(corpus)  # the default: cache=True
    assert len(set(cache_dir().glob("*.cache")) - before) == 1


def test_a_file_name_with_a_stray_byte_is_read_but_not_cached(tmp_path: Path) -> None:
    import os

    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(f"Titre {n}\n\nTexte {n}.", encoding="utf-8")
    odd = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    with open(odd, "wb") as handle:
        handle.write(b"Titre caf\xc3\xa9\n\nUn texte.")
    old = time.time() - 60
    for path in folder.iterdir():
        os.utime(path, (old, old))
    cache = CorpusCache(folder=tmp_path / "cache", min_files=1)
    first = load_corpus(folder, cache=cache)
    assert len(first.articles) == 4
    assert _the_cache_file(cache).exists()  # the other files are cached
    assert everything(load_corpus(folder, cache=cache)) == everything(first)
