"""`R` updates the feeds into the open corpus folder, in the background, and the new articles
appear in the list without a restart; a failing feed is a toast naming it. The feeds are
served by a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dipreader.corpus.fetch import add_feed, http
from tests.fetch.server import LocalServer, Reply

from .conftest import SEEDS, SIZE, MakeApp, disk_annotations
from .helpers import fill, list_ids, main, row_text, run_command, toasts

PAGE = (
    "<html><head><title>{title}</title>"
    '<meta property="article:published_time" content="2025-05-0{day}T08:00:00+07:00">'
    "</head><body><nav><a href='/'>Accueil</a> <a href='/monde'>Monde</a></nav><article>"
    "<h1>{title}</h1>"
    "<p>Une délégation de la ville de Huế a été reçue cette semaine par les élus de la région,"
    " qui ont présenté leurs projets de coopération culturelle et universitaire.</p>"
    "<p>Les deux parties ont convenu de se revoir à l'automne pour signer un accord.</p>"
    "</article><footer>Tous droits réservés</footer></body></html>"
)


def feed(server: LocalServer, count: int) -> bytes:
    items = "".join(
        f"<item><title>Brève {n}</title><link>{server.url(f'/p/{n}')}</link>"
        f"<description>Résumé de la brève {n}.</description></item>"
        for n in range(1, count + 1)
    )
    rss = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Fil</title>{items}'
    return (rss + "</channel></rss>").encode()


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(http, "DEFAULT_BACKOFF", 0.01)
    monkeypatch.setattr(http, "DEFAULT_READ_TIMEOUT", 2.0)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], folder)
    return folder


def serve(server: LocalServer, count: int, delay: float = 0.0) -> str:
    """A feed of `count` summaries and their pages (each `delay` seconds slow)."""
    for n in range(1, count + 1):
        body = PAGE.format(title=f"Coopération culturelle {n}", day=n).encode()
        reply = Reply(headers={"Content-Type": "text/html"}, body=body, delay=delay)
        server.route(f"/p/{n}", reply)
    return server.route(
        "/feed.xml",
        Reply(headers={"Content-Type": "application/rss+xml"}, body=feed(server, count)),
    )


async def loaded(app, pilot) -> None:
    """The app has loaded its corpus and drawn the list."""
    await app.workers.wait_for_complete()
    await pilot.pause()


async def wait_for_update(app, pilot) -> None:
    for _ in range(200):
        await pilot.pause(0.05)
        if not [w for w in app.screen.workers if w.group == "feeds" and w.is_running]:
            break
    await pilot.pause(0.1)


async def test_r_adds_the_new_pages_to_the_list_and_keeps_the_annotations(
    make_app: MakeApp, db_path: Path, corpus: Path, server: LocalServer, config_dir: Path
) -> None:
    add_feed(serve(server, 2, delay=0.3), name="fil")
    add_feed(server.url("/missing.xml"), name="cassé")
    app = make_app(corpus_source=corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        [first] = list_ids(app)
        await pilot.press("p")
        await fill(pilot, "Tô Lâm")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("R")
        await pilot.pause()
        assert main(app).query("#feeds-progress")  # the bar while it works
        await pilot.press("R")  # a second R starts no second update
        assert "being updated already" in "\n".join(toasts(app))
        await wait_for_update(app, pilot)
        ids = list_ids(app)
        assert len(ids) == 3 and first in ids
        titles = [row_text(app, i) for i in ids]
        assert any("Coopération culturelle 1" in t for t in titles)
        assert any("Coopération culturelle 2" in t for t in titles)
        shown = "\n".join(toasts(app))
        assert "2 new articles in the list, from 1 feed (1 failed)" in shown
        assert "cassé" in shown and "404" in shown  # the failing feed, named
        assert not main(app).query("#feeds-progress")
    assert len(list(corpus.rglob("*.html"))) == 2
    assert len(list(corpus.rglob("*.fetch.json"))) == 3  # the pages' and the feed's
    [annotation] = disk_annotations(db_path)
    assert annotation["article_id"] == first  # nothing lost on the way


async def test_the_palette_updates_the_feeds_and_again_adds_nothing(
    make_app: MakeApp, corpus: Path, server: LocalServer, config_dir: Path
) -> None:
    add_feed(serve(server, 1), name="fil")
    app = make_app(corpus_source=corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        await run_command(pilot, "Feeds: update")
        await wait_for_update(app, pilot)
        assert len(list_ids(app)) == 2
        await pilot.press("R")
        await wait_for_update(app, pilot)
        assert len(list_ids(app)) == 2
        assert "Nothing new, from 1 feed" in "\n".join(toasts(app))
    assert server.hits("/p/1") == 1  # the page is fetched once


async def test_without_feeds_r_says_how_to_add_one(
    make_app: MakeApp, corpus: Path, config_dir: Path
) -> None:
    app = make_app(corpus_source=corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        await pilot.press("R")
        await wait_for_update(app, pilot)
        assert "dipreader feeds add URL" in "\n".join(toasts(app))


async def test_on_the_bundled_samples_r_writes_nothing(
    make_app: MakeApp, server: LocalServer, config_dir: Path
) -> None:
    add_feed(serve(server, 1), name="fil")
    app = make_app(corpus_source=SEEDS)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        await pilot.press("R")
        await pilot.pause()
        assert "open yours with `dipreader FOLDER`" in "\n".join(toasts(app))
    assert server.hits("/feed.xml") == 0


async def test_an_unreadable_feed_list_is_a_toast_and_stays_as_it_was(
    make_app: MakeApp, corpus: Path, config_dir: Path
) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "feeds.json").write_text("{not json", encoding="utf-8")
    app = make_app(corpus_source=corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        await pilot.press("R")
        await wait_for_update(app, pilot)
        assert "feeds.json" in "\n".join(toasts(app))
    assert (config_dir / "feeds.json").read_text(encoding="utf-8") == "{not json"


async def test_a_read_only_app_adds_no_file(
    make_app: MakeApp, db_path: Path, corpus: Path, server: LocalServer, config_dir: Path
) -> None:
    from dipreader.store import AnnotationStore

    AnnotationStore.open(db_path).close()
    add_feed(serve(server, 1), name="fil")
    app = make_app(corpus_source=corpus, read_only_reason="opened with --read-only")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        await pilot.press("R")
        await pilot.pause()
        assert "read-only" in "\n".join(toasts(app))
    assert server.hits("/feed.xml") == 0
    assert list(corpus.rglob("*.html")) == []


async def test_a_summary_says_so_in_its_row_and_header(
    make_app: MakeApp, corpus: Path, server: LocalServer, config_dir: Path
) -> None:
    from dipreader.tui.reader import ReaderHeader

    (corpus / "fil.xml").write_bytes(feed(server, 1))
    app = make_app(corpus_source=corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        [summary] = [i for i in list_ids(app) if "Brève 1" in row_text(app, i)]
        assert row_text(app, summary).split("\n")[1].strip().startswith("summary ·")
        await pilot.press("g")
        while main(app).current is None or main(app).current.id != summary:
            await pilot.press("j")
        header = str(main(app).query_one(ReaderHeader).content)
        assert header.split("\n")[1].startswith("summary from a feed ·")
