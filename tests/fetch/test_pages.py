"""`fetch_urls`: pages and feeds saved into a corpus folder, as the loader reads them."""

from __future__ import annotations

from pathlib import Path

import pytest

from dipreader.corpus.fetch.files import feed_path, host_folder, page_path
from dipreader.corpus.fetch.http import HttpClient
from dipreader.corpus.fetch.pages import feed_name_for, fetch_urls
from dipreader.corpus.load import load_corpus, read_articles
from dipreader.corpus.sources import url_key
from dipreader.corpus.sources.sidecar import read_sidecar, sidecar_path
from tests.fetch.data import FANFARE, HTML, MARCHE, RSS, VENDANGES, XML_BOMB, page, rss
from tests.fetch.server import LocalServer, Reply

VENDANGES_PAGE = page("Les vendanges commencent en avance", VENDANGES).encode()


def saved_files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_a_page_is_saved_with_its_sidecar(server: LocalServer, client: HttpClient, corpus: Path):
    server.route(
        "/region/vendanges-2024.html",
        Reply(
            body=VENDANGES_PAGE,
            headers={"Content-Type": HTML, "ETag": '"abc"', "Last-Modified": "Mon, 02 Sep 2024"},
        ),
    )
    url = server.route("/v", Reply(301, headers={"Location": "/region/vendanges-2024.html"}))
    summary = fetch_urls([url], corpus, client=client)
    path = corpus / f"127.0.0.1_{server.port}" / f"v-{url_key(url)}.html"
    assert summary.saved == [path] and summary.ok
    assert path.read_bytes() == VENDANGES_PAGE
    assert saved_files(corpus) == sorted(
        str(p.relative_to(corpus)) for p in (path, sidecar_path(path))
    )
    record = read_sidecar(path)
    assert record is not None
    assert (record.url, record.final_url) == (url, server.url("/region/vendanges-2024.html"))
    assert (record.etag, record.last_modified, record.content_type) == (
        '"abc"',
        "Mon, 02 Sep 2024",
        HTML,
    )
    assert record.feed is None and record.fetched_at.endswith("Z")
    # The sidecar is written before the page: a page is never there without its record.
    assert sidecar_path(path).stat().st_mtime_ns <= path.stat().st_mtime_ns
    (article,) = read_articles(path)
    assert article.title == "Les vendanges commencent en avance"


def test_a_page_already_saved_is_not_fetched_again(server, client: HttpClient, corpus: Path):
    url = server.route("/marche", Reply(body=page("Le marché rouvre", MARCHE).encode()))
    assert len(fetch_urls([url], corpus, client=client).saved) == 1
    again = fetch_urls([url], corpus, client=client)
    assert again.saved == [] and again.already == [url] and again.ok
    assert server.hits("/marche") == 1


def test_a_charset_named_only_by_the_server(server, client: HttpClient, corpus: Path):
    latin = page("Fête de l’été à Montcornet".replace("’", "'"), FANFARE)
    latin = latin.replace("’", "'").replace("–", "-").replace("«", '"').replace("»", '"')
    body = latin.encode("iso-8859-1")
    assert b"charset" not in body
    content_type = "text/html; charset=ISO-8859-1"
    url = server.route("/fete", Reply(body=body, headers={"Content-Type": content_type}))
    (path,) = fetch_urls([url], corpus, client=client).saved
    assert read_sidecar(path).content_type == content_type
    (article,) = read_articles(path)
    assert article.title == "Fête de l'été à Montcornet"
    assert "Théo, n'a que onze ans" in "\n".join(article.paragraphs)


def test_a_charset_named_only_in_the_page(server, client: HttpClient, corpus: Path):
    text = page("Fête de l'été à Montcornet", FANFARE, meta_charset="iso-8859-1")
    text = text.replace("’", "'").replace("–", "-")
    url = server.route(
        "/fete", Reply(body=text.encode("iso-8859-1"), headers={"Content-Type": "text/html"})
    )
    (path,) = fetch_urls([url], corpus, client=client).saved
    assert read_sidecar(path).content_type == "text/html"  # nothing invented
    (article,) = read_articles(path)
    assert article.title == "Fête de l'été à Montcornet"
    assert "Germaine Vauquelin" in "\n".join(article.paragraphs)


def test_one_failing_page_does_not_stop_the_others(server, client: HttpClient, corpus: Path):
    good = server.route("/marche", Reply(body=page("Le marché rouvre", MARCHE).encode()))
    gone = server.url("/disparu")
    pdf = server.route(
        "/doc.pdf", Reply(body=b"%PDF-1.4", headers={"Content-Type": "application/pdf"})
    )
    summary = fetch_urls([gone, pdf, good], corpus, client=client)
    assert len(summary.saved) == 1 and not summary.ok
    assert summary.errors == [
        f"{gone}: HTTP 404 Not Found",
        f"{pdf}: not a web page or a feed (application/pdf)",
    ]
    assert len(saved_files(corpus)) == 2  # the good page and its sidecar


def test_a_page_over_the_cap_leaves_nothing(server: LocalServer, corpus: Path):
    url = server.route("/enorme", Reply(body=page("Trop long", VENDANGES * 5000).encode()))
    with HttpClient(max_bytes=1024 * 1024) as client:
        summary = fetch_urls([url], corpus, client=client)
    assert summary.errors == [f"{url}: larger than 1 MiB"]
    assert saved_files(corpus) == []


def test_a_feed_of_summaries_brings_its_pages(server, client: HttpClient, corpus: Path):
    pages = {"/region/vendanges": VENDANGES, "/ville/marche": MARCHE, "/fanfare": FANFARE}
    for path, paragraphs in pages.items():
        server.route(path, Reply(body=page(paragraphs[0][:40], paragraphs).encode()))
    items = [
        ("Vendanges précoces", server.url("/region/vendanges"), "Dix jours d’avance."),
        ("Le marché rouvre", server.url("/ville/marche"), "Après huit mois de travaux."),
        ("Cent ans de fanfare", server.url("/fanfare"), "Une fête sur la place."),
    ]
    feed_url = server.route("/rss", Reply(body=rss("L’Écho", items), headers={"Content-Type": RSS}))
    summary = fetch_urls([feed_url], corpus, client=client)
    (result,) = summary.feeds
    assert (result.new, result.unchanged, result.error, result.page_errors) == (3, False, None, [])
    assert summary.saved == []  # the feed's pages are counted in its result
    saved = feed_path(corpus, feed_name_for(feed_url))
    assert saved.read_bytes() == rss("L’Écho", items)
    for _, link, _ in items:
        record = read_sidecar(page_path(corpus, link))
        assert record is not None and record.feed == feed_url and record.url == link
    loaded = load_corpus(corpus, cache=False)
    assert loaded.warnings == []
    assert len(loaded) == 3
    by_url = {a.url: a for a in loaded.articles}
    assert set(by_url) == {link for _, link, _ in items}
    for article in loaded.articles:
        assert not article.summary_only
        assert article.source.suffix == ".html"
        assert len(article.paragraphs) == 3
    # Again: the feed is read, and no page is asked for a second time.
    again = fetch_urls([feed_url], corpus, client=client)
    assert again.feeds[0].unchanged and again.feeds[0].new == 0
    assert all(server.hits(path) == 1 for path in pages)


def test_a_feed_entry_whose_page_fails_stays_a_summary(server, client, corpus: Path):
    server.route("/marche", Reply(body=page("Le marché rouvre", MARCHE).encode()))
    items = [
        ("Le marché rouvre", server.url("/marche"), "Après huit mois de travaux."),
        ("Page perdue", server.url("/perdue"), "Une page qui n’existe plus."),
    ]
    feed_url = server.route("/rss", Reply(body=rss("L’Écho", items), headers={"Content-Type": RSS}))
    (result,) = fetch_urls([feed_url], corpus, client=client).feeds
    assert result.new == 1 and result.page_errors == [
        f"{server.url('/perdue')}: HTTP 404 Not Found"
    ]
    loaded = load_corpus(corpus, cache=False)
    assert sorted((a.title, a.summary_only) for a in loaded.articles) == [
        ("Le marché rouvre", False),
        ("Page perdue", True),
    ]


def test_entries_with_their_whole_text_are_articles_already(server, client, corpus: Path):
    items = [("Vendanges précoces", server.url("/vendanges"), "Dix jours d’avance.")]
    body = rss("L’Écho", items, full_text=True)
    feed_url = server.route("/rss", Reply(body=body, headers={"Content-Type": "text/xml"}))
    (result,) = fetch_urls([feed_url], corpus, client=client).feeds
    assert (result.new, result.page_errors) == (1, [])
    assert server.hits("/vendanges") == 0
    (article,) = load_corpus(corpus, cache=False).articles
    assert not article.summary_only and article.source.suffix == ".xml"


def test_a_feed_is_known_by_its_start_whatever_its_type(server, client, corpus: Path):
    server.route("/marche", Reply(body=page("Le marché rouvre", MARCHE).encode()))
    items = [("Le marché rouvre", server.url("/marche"), "Après huit mois de travaux.")]
    body = rss("L’Écho", items).replace(
        b"?>\n", b'?>\n<?xml-stylesheet href="/style.xsl"?>\n<!-- flux -->\n', 1
    )
    feed_url = server.route(
        "/flux", Reply(body=b"\xef\xbb\xbf" + body, headers={"Content-Type": HTML})
    )
    (result,) = fetch_urls([feed_url], corpus, client=client).feeds
    assert result.new == 1 and server.hits("/marche") == 1


def test_a_feed_declaring_entities_is_refused_and_nothing_saved(server, client, corpus: Path):
    bomb = server.route("/bombe", Reply(body=XML_BOMB, headers={"Content-Type": RSS}))
    server.route("/marche", Reply(body=page("Le marché rouvre", MARCHE).encode()))
    good = server.url("/marche")
    summary = fetch_urls([bomb, good], corpus, client=client)
    (result,) = summary.feeds
    assert result.error == (
        f"{bomb}: the feed declares XML entities (refused: a feed never needs them)"
    )
    assert summary.saved == [page_path(corpus, good)]
    assert not (corpus / "feeds").exists()


def test_a_rewritten_feed_keeps_the_old_one_when_it_would_lose_entries(server, client, corpus):
    for name in ("un", "deux", "trois"):
        server.route(f"/{name}", Reply(body=page(f"Article {name}", MARCHE).encode()))
    gone = server.url("/disparu")
    first = rss("L’Écho", [("Un", server.url("/un"), "Premier."), ("Perdu", gone, "Sans page.")])
    second = rss("L’Écho", [("Deux", server.url("/deux"), "Deuxième.")])
    third = rss("L’Écho", [("Trois", server.url("/trois"), "Troisième.")])
    served = {"body": first}
    feed_url = server.route(
        "/rss", lambda request: Reply(body=served["body"], headers={"Content-Type": RSS})
    )
    fetch_urls([feed_url], corpus, client=client)
    feeds = corpus / "feeds"
    name = feed_path(corpus, feed_name_for(feed_url)).name
    stem = name.removesuffix(".xml")
    assert sorted(p.name for p in feeds.iterdir()) == [f"{stem}.fetch.json", name]
    # "Perdu" has no page and is not in the new feed: the old file is kept aside.
    served["body"] = second
    fetch_urls([feed_url], corpus, client=client)
    kept = sorted(p.name for p in feeds.glob("*.xml") if p.name != name)
    assert len(kept) == 1 and kept[0].startswith(f"{stem}-2") and kept[0].endswith("Z.xml")
    assert (feeds / kept[0]).read_bytes() == first
    assert (feeds / name).read_bytes() == second
    # "Deux" has its page: nothing would be lost, nothing more is kept.
    served["body"] = third
    fetch_urls([feed_url], corpus, client=client)
    assert len(list(feeds.glob("*.xml"))) == 2
    assert (feeds / name).read_bytes() == third
    titles = {a.title for a in load_corpus(corpus, cache=False).articles}
    assert titles == {"Article un", "Article deux", "Article trois", "Perdu"}


def test_page_names(tmp_path: Path):
    url = "https://WWW.Écho-Collines.example:8443/Région/Un%20sommet%20à%20Hanoï.html?id=3"
    path = page_path(tmp_path, url)
    assert path.parent.name == "www.xn--cho-collines-9db.example_8443"
    assert path.name == f"un-sommet-a-hanoi-{url_key(url)}.html"
    long = "http://echo.example/" + "tres-" * 40 + "long"
    assert len(page_path(tmp_path, long).name.split("-" + url_key(long))[0]) <= 60
    assert page_path(tmp_path, "http://echo.example/").name.startswith("index-")
    assert host_folder("http://feeds/") != "feeds"  # never the feeds' own folder
    assert page_path(tmp_path, "http://echo.example/../../etc/passwd").parent == (
        tmp_path / "echo.example"
    )


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "echo.example/a"])
def test_non_web_addresses_are_refused(url: str, client: HttpClient, corpus: Path):
    summary = fetch_urls([url], corpus, client=client)
    assert len(summary.errors) == 1 and "not a web address" in summary.errors[0]
    assert saved_files(corpus) == []


def test_relative_links_of_two_sites_are_two_pages_and_two_articles(
    server: LocalServer, client: HttpClient, corpus: Path
) -> None:
    server.route(
        "/breve", Reply(body=page("Une brève", MARCHE).encode(), headers={"Content-Type": HTML})
    )
    body = rss("L’Écho", [("Une brève", "/breve", "Un résumé.")])
    server.route("/rss", Reply(body=body, headers={"Content-Type": RSS}))
    for host in ("127.0.0.1", "localhost"):
        summary = fetch_urls([f"http://{host}:{server.port}/rss"], corpus, client=client)
        assert summary.feeds[0].new == 1
    loaded = load_corpus(corpus, cache=False)
    assert loaded.warnings == []
    urls = sorted(a.url for a in loaded.articles)
    assert urls == [
        f"http://127.0.0.1:{server.port}/breve",
        f"http://localhost:{server.port}/breve",
    ]
    assert all(not a.summary_only for a in loaded.articles)


def test_a_link_that_is_no_address_is_reported_and_the_others_go_on(
    server: LocalServer, client: HttpClient, corpus: Path
) -> None:
    server.route("/ok", Reply(body=page("Bon", MARCHE).encode(), headers={"Content-Type": HTML}))
    items = [("Cassé", "http://[::1/x", "Mauvais."), ("Bon", server.url("/ok"), "Bien.")]
    server.route("/rss", Reply(body=rss("L’Écho", items), headers={"Content-Type": RSS}))
    server.route("/loin", Reply(302, headers={"Location": "http://[::1"}))
    summary = fetch_urls([server.url("/loin"), server.url("/rss")], corpus, client=client)
    [result] = summary.feeds
    assert result.new == 1 and len(result.page_errors) == 1
    assert "not a valid web address" in result.page_errors[0]
    assert len(summary.errors) == 1 and "not a valid web address" in summary.errors[0]
