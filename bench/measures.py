"""The in-process measurements of `bench/run.py`: corpus loading, the store's tag action and
undo against TinyDB's default storage, export, and the headless commands' start-up.

Each function returns raw samples in seconds; `run.py` summarises them.
"""

from __future__ import annotations

import inspect
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from http.server import SimpleHTTPRequestHandler
from pathlib import Path


def repeat(action: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def has_corpus_cache() -> bool:
    """Whether the code measured has the corpus cache (the code before it has not)."""
    from dipreader.corpus import load_corpus

    return "cache" in inspect.signature(load_corpus).parameters


def corpus_loads(corpus: Path, cache_dir: Path, cold_runs: int, warm_runs: int) -> dict:
    """Loading with every file read and cleaned, then from a cache written by the first
    cached load (timed apart: it reads every file too, and writes the cache)."""
    from dipreader.corpus import load_corpus

    result: dict[str, list[float]] = {}
    if not has_corpus_cache():
        result["read every file"] = repeat(lambda: load_corpus(corpus), cold_runs)
        return result
    from dipreader.corpus.cache import CorpusCache

    cache = CorpusCache(folder=cache_dir)
    if cold_runs:
        result["read every file"] = repeat(lambda: load_corpus(corpus, cache=False), cold_runs)
    shutil.rmtree(cache_dir, ignore_errors=True)
    result["read every file, write the cache"] = repeat(lambda: load_corpus(corpus, cache=cache), 1)
    result["from the cache"] = repeat(lambda: load_corpus(corpus, cache=cache), warm_runs)
    return result


def store_actions(
    db: Path, actions: int, rng: random.Random
) -> tuple[dict[str, list[float]], list[str]]:
    """`tag_article` (durable: journal appended and fsynced; a checkpoint every 64 steps)
    on existing annotated articles with new people, then `undo` of each; and the ids of the
    annotated articles."""
    from dipreader.store import AnnotationStore

    with AnnotationStore.open(db, author="bench") as store:
        articles = sorted({a.article_id for a in store.annotations()})
        picked = [rng.choice(articles) for _ in range(actions)]
        tag = [
            _timed(lambda a=article, n=n: store.tag_article(a, f"Bench {n}", "person"))
            for n, article in enumerate(picked)
        ]
        undo = [_timed(store.undo) for _ in range(actions)]
    return {"tag": tag, "undo": undo}, articles


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def tinydb_tag(db: Path, articles: list[str], actions: int) -> list[float]:
    """TinyDB's default `JSONStorage` inserting the same annotation document on a copy of the
    same file: it re-reads, re-parses and rewrites the whole file in place for each insert
    (and keeps no undo step, so it does less than the store)."""
    from tinydb import TinyDB

    from dipreader.store.records import new_id

    timings = []
    with tempfile.TemporaryDirectory(prefix="dipreader-tinydb-") as folder:
        copy = Path(folder) / "tinydb.json"
        shutil.copyfile(db, copy)
        tinydb = TinyDB(copy)
        table = tinydb.table("annotations")
        try:
            for n in range(actions):
                stamp = "2026-11-22T10:31:05Z"
                doc = {
                    "uuid": new_id(),
                    "article_id": articles[n % len(articles)],
                    "tag_id": new_id(),
                    "created": stamp,
                    "updated": stamp,
                    "author": "bench",
                }
                timings.append(_timed(lambda d=doc: table.insert(d)))
        finally:
            tinydb.close()
    return timings


def exports(db: Path, corpus: Path, out: Path, runs: int) -> dict[str, list[float]]:
    """Each format end to end as `dipreader export` does it once the corpus is loaded:
    snapshot of the store, the document, the bytes, the file written atomically."""
    from dipreader.corpus import load_corpus
    from dipreader.export.atomic import write_file_atomically
    from dipreader.export.document import build_document
    from dipreader.export.formats import FORMATS, render
    from dipreader.export.snapshot import metadata_by_id, snapshot_from_store
    from dipreader.store import AnnotationStore

    articles = load_corpus(corpus).articles
    result: dict[str, list[float]] = {}
    with AnnotationStore.open(db, read_only=True) as store:
        for name in FORMATS:
            target = out / f"export.{name}"

            def export(name: str = name, target: Path = target) -> None:
                snapshot = snapshot_from_store(store)
                document = build_document(snapshot, metadata_by_id(articles, corpus))
                write_file_atomically(target, render(document, name), overwrite=True)

            result[name] = repeat(export, runs)
            result[f"{name} bytes"] = [float(target.stat().st_size)]
    return result


def command(argv: list[str], env: Mapping[str, str], cwd: Path, runs: int) -> list[float]:
    """Wall time of a whole `dipreader …` process, output discarded."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "dipreader", *argv],
            env=dict(env),
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=600,
        )
        timings.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise RuntimeError(f"dipreader {' '.join(argv)} failed: {done.stderr.decode()}")
    return timings


def age_files(folder: Path, seconds: float = 3600) -> None:
    """Date every file `seconds` back: a corpus that has been on disk a while (the cache does
    not trust files modified in the last seconds)."""
    when = time.time() - seconds
    for root, _dirs, files in os.walk(folder):
        for name in files:
            os.utime(os.path.join(root, name), (when, when))


def feeds_update(folder: Path, feeds: int, entries: int, runs: int) -> dict[str, list[float]]:
    """`update_feeds` of `feeds` feeds of `entries` summary entries each, served with their
    pages by an HTTP server on 127.0.0.1 started here: every page new, then all unchanged
    (the conditional GET answered 304)."""
    import functools
    import threading
    from http.server import ThreadingHTTPServer

    from make_pages import make_pages

    site = folder / "site"
    pages = make_pages(site / "p", feeds * entries)
    for number in range(feeds):
        items = "".join(
            f"<item><title>Dépêche {number}-{i}</title>"
            f"<link>http://127.0.0.1:PORT/p/{pages[number * entries + i].name}</link>"
            f"<description>Résumé de la dépêche {number}-{i}.</description></item>"
            for i in range(entries)
        )
        feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Fil {number}</title>'
        (site / f"feed-{number}.xml").write_text(feed + items + "</channel></rss>", "utf-8")

    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    port = server.server_address[1]
    for path in site.glob("feed-*.xml"):
        path.write_text(path.read_text("utf-8").replace("PORT", str(port)), "utf-8")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    from dipreader.corpus.fetch import add_feed, update_feeds

    result: dict[str, list[float]] = {"new": [], "unchanged": []}
    try:
        for run in range(runs):
            into = folder / f"corpus-{run}"
            listing = folder / f"feeds-{run}.json"
            for number in range(feeds):
                url = f"http://127.0.0.1:{port}/feed-{number}.xml"
                add_feed(url, name=f"fil-{number}", path=listing)
            started = time.perf_counter()
            done = update_feeds(into, feeds_file=listing)
            result["new"].append(time.perf_counter() - started)
            if sum(r.new for r in done) != feeds * entries or any(r.error for r in done):
                raise RuntimeError(f"feeds update did not add every page: {done[:2]}")
            started = time.perf_counter()
            update_feeds(into, feeds_file=listing)
            result["unchanged"].append(time.perf_counter() - started)
    finally:
        server.shutdown()
    return result


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass
