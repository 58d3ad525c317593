"""Many web pages not in the cache are read on every core; the corpus is the same as when
they are read one by one, warnings and cache included."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from dipreader.corpus import load as load_module
from dipreader.corpus import load_corpus
from dipreader.corpus.cache import CorpusCache

PAGES = Path(__file__).parent / "fixtures" / "pages"
PAGE_COUNT = load_module.PARALLEL_MIN_FILES + 6


def everything(corpus) -> list[tuple[object, ...]]:
    return [
        (a.id, a.title, a.text, a.date, a.date_source, a.site, a.source.name)
        for a in corpus.articles
    ] + [(w.path.name, w.reason) for w in corpus.warnings]


@pytest.fixture
def many_pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    template = (PAGES / "time-only.html").read_text(encoding="utf-8")
    for n in range(PAGE_COUNT):
        page = template.replace("Un concert", f"Le concert numéro {n}")
        (folder / f"page-{n:02d}.html").write_text(page, encoding="utf-8")
    shutil.copy(PAGES / "not-an-article.html", folder)  # skipped, with its warning
    (folder / "binary.html").write_bytes(b"\x00\x01\x02" * 100)
    old = time.time() - 60
    for path in folder.iterdir():
        os.utime(path, (old, old))
    return folder


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: pages are read here")
def test_pages_read_in_processes_give_the_corpus_read_here(
    many_pages: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    spread: list[int] = []
    real = load_module._read_in_processes

    def counting(paths, progress):
        result = real(paths, progress)
        spread.append(len(paths) if result is not None else 0)
        return result

    monkeypatch.setattr(load_module, "_read_in_processes", counting)
    cache = CorpusCache(folder=tmp_path / "cache", min_files=1)
    reports: list[tuple[int, int]] = []
    parallel = load_corpus(many_pages, cache=cache, progress=lambda d, t: reports.append((d, t)))
    files = len(list(many_pages.iterdir()))
    assert spread == [files]  # every page went to the processes
    assert reports[-1] == (files, files)
    monkeypatch.setattr(load_module, "PARALLEL_MIN_FILES", 10_000)
    here = load_corpus(many_pages, cache=False)
    assert everything(parallel) == everything(here)
    assert len(parallel.articles) == PAGE_COUNT
    assert {w.path.name for w in parallel.warnings} == {"not-an-article.html", "binary.html"}

    def not_read(path: Path) -> None:
        raise AssertionError(f"{path} read again: the processes' articles were not cached")

    monkeypatch.setattr(load_module, "read_articles", not_read)
    assert everything(load_corpus(many_pages, cache=cache)) == everything(here)


def test_without_processes_the_pages_are_read_here(
    many_pages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import concurrent.futures

    class NoProcesses:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise OSError(38, "processes are not available here")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", NoProcesses)
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    outcomes = []
    real = load_module._read_in_processes
    monkeypatch.setattr(
        load_module, "_read_in_processes", lambda *a: outcomes.append(real(*a)) or outcomes[-1]
    )
    corpus = load_corpus(many_pages, cache=False)
    assert outcomes == [None]  # the processes could not start: read here
    assert len(corpus.articles) == PAGE_COUNT
