"""`update_feeds`: the feeds of feeds.json, with conditional GET and state kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dipreader.corpus.fetch.feedlist import (
    FeedListError,
    add_feed,
    feeds_path,
    read_feeds,
    remove_feed,
)
from dipreader.corpus.fetch.feeds import update_feeds
from dipreader.corpus.fetch.files import feed_path, page_path
from dipreader.corpus.fetch.http import HttpClient
from dipreader.corpus.load import load_corpus
from tests.fetch.data import FANFARE, MARCHE, RSS, XML_BOMB, page, rss
from tests.fetch.server import LocalServer, Reply, Request

STAMP = "Mon, 02 Sep 2024 08:00:00 GMT"


def serve_feed(server: LocalServer, path: str, body: bytes, *, etag: str | None = None) -> str:
    """A feed that answers 304 to a client that has its ETag or date."""

    def reply(request: Request) -> Reply:
        if etag and request.header("If-None-Match") == etag:
            return Reply(304, headers={"ETag": etag})
        if not etag and request.header("If-Modified-Since") == STAMP:
            return Reply(304)
        headers = {"Content-Type": RSS, "ETag": etag} if etag else {"Content-Type": RSS}
        if not etag:
            headers["Last-Modified"] = STAMP
        return Reply(body=body, headers=headers)

    return server.route(path, reply)


def marche_feed(server: LocalServer) -> bytes:
    server.route("/marche", Reply(body=page("Le marché rouvre", MARCHE).encode()))
    return rss("L’Écho", [("Le marché rouvre", server.url("/marche"), "Après les travaux.")])


def test_a_second_update_is_a_conditional_get(server, client: HttpClient, corpus: Path):
    url = serve_feed(server, "/rss", marche_feed(server), etag='"e1"')
    add_feed(url, name="echo")
    (first,) = update_feeds(corpus, client=client)
    assert (first.name, first.url, first.new, first.unchanged, first.error) == (
        "echo",
        url,
        1,
        False,
        None,
    )
    (feed,) = read_feeds()
    assert (feed.etag, feed.last_result) == ('"e1"', "1 new")
    assert feed.last_checked and feed.last_checked.endswith("Z")
    (second,) = update_feeds(corpus, client=client)
    assert second.unchanged and second.new == 0 and second.error is None
    assert server.requests_for("/rss")[1].header("If-None-Match") == '"e1"'
    assert server.hits("/marche") == 1
    assert read_feeds()[0].last_result == "unchanged"


def test_last_modified_is_sent_back(server, client: HttpClient, corpus: Path):
    url = serve_feed(server, "/rss", marche_feed(server))
    add_feed(url, name="echo")
    update_feeds(corpus, client=client)
    assert read_feeds()[0].last_modified == STAMP
    (again,) = update_feeds(corpus, client=client)
    assert again.unchanged
    sent = server.requests_for("/rss")
    assert sent[0].header("If-Modified-Since") is None
    assert sent[1].header("If-Modified-Since") == STAMP


def test_a_feed_file_gone_means_a_whole_fetch(server, client: HttpClient, corpus: Path):
    url = serve_feed(server, "/rss", marche_feed(server), etag='"e1"')
    add_feed(url, name="echo")
    update_feeds(corpus, client=client)
    feed_path(corpus, "echo").unlink()
    (again,) = update_feeds(corpus, client=client)
    assert server.requests_for("/rss")[1].header("If-None-Match") is None
    assert feed_path(corpus, "echo").exists() and again.error is None


def test_pages_that_failed_are_fetched_at_the_next_304(server, client, corpus: Path):
    url = serve_feed(server, "/rss", marche_feed(server), etag='"e1"')
    server.route("/marche", Reply(503))
    add_feed(url, name="echo")
    (first,) = update_feeds(corpus, client=client)
    assert first.new == 0 and len(first.page_errors) == 1
    assert read_feeds()[0].last_result == "0 new, 1 page failed"
    server.route("/marche", Reply(body=page("Le marché rouvre", MARCHE).encode()))
    (second,) = update_feeds(corpus, client=client)
    assert server.requests_for("/rss")[1].header("If-None-Match") == '"e1"'
    assert second.new == 1 and second.page_errors == [] and not second.unchanged
    assert page_path(corpus, server.url("/marche")).exists()


def test_a_bad_feed_is_reported_and_the_others_go_on(server, client, corpus: Path):
    add_feed(server.route("/bombe", Reply(body=XML_BOMB, headers={"Content-Type": RSS})))
    add_feed(server.url("/disparu"), name="disparu")
    add_feed(serve_feed(server, "/rss", marche_feed(server), etag='"e1"'), name="echo")
    assert [f.name for f in read_feeds()] == ["127-0-0-1", "disparu", "echo"]
    bomb, gone, good = update_feeds(corpus, client=client)
    assert bomb.error == (
        f"{server.url('/bombe')}: the feed declares XML entities (refused: a feed never needs them)"
    )
    assert gone.error == f"{server.url('/disparu')}: HTTP 404 Not Found"
    assert good.error is None and good.new == 1
    assert sorted(p.name for p in (corpus / "feeds").iterdir()) == ["echo.fetch.json", "echo.xml"]
    results = {f.name: f.last_result for f in read_feeds()}
    assert results["127-0-0-1"].startswith("failed: ") and "XML entities" in results["127-0-0-1"]


def test_only_the_feeds_named_are_updated_and_the_others_keep_their_state(
    server, client, corpus: Path
):
    add_feed(serve_feed(server, "/un", marche_feed(server), etag='"u"'), name="un")
    add_feed(serve_feed(server, "/deux", marche_feed(server), etag='"d"'), name="deux")
    update_feeds(corpus, ["un"], client=client)
    un, deux = read_feeds()
    assert un.etag == '"u"' and un.last_checked is not None
    assert deux.etag is None and deux.last_checked is None and server.hits("/deux") == 0
    update_feeds(corpus, [server.url("/deux")], client=client)  # an address works too
    assert read_feeds()[1].etag == '"d"'
    with pytest.raises(FeedListError, match="no feed named 'trois'"):
        update_feeds(corpus, ["trois"], client=client)


def test_each_feed_goes_into_its_own_folder_or_the_current_one(
    server, client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    server.route("/fanfare", Reply(body=page("Cent ans de fanfare", FANFARE).encode()))
    fanfare = rss("Montcornet", [("Fanfare", server.url("/fanfare"), "Cent ans.")])
    add_feed(
        serve_feed(server, "/a", marche_feed(server), etag='"a"'), name="a", into=tmp_path / "x"
    )
    add_feed(serve_feed(server, "/b", fanfare, etag='"b"'), name="b")
    here = tmp_path / "ici"
    here.mkdir()
    monkeypatch.chdir(here)
    progress = []
    update_feeds(None, client=client, progress=lambda *step: progress.append(step))
    assert feed_path(tmp_path / "x", "a").exists() and feed_path(here, "b").exists()
    assert {a.title for a in load_corpus(tmp_path / "x", cache=False).articles} == {
        "Le marché rouvre"
    }
    assert progress[-1][:2] == (4, 4)  # two feeds, one page each
    assert [done for done, _, _ in progress] == sorted(done for done, _, _ in progress)


def test_an_unreadable_feed_list_is_reported_and_left_alone(config_dir: Path, corpus: Path):
    config_dir.mkdir()
    broken = b'{"format": 1, "feeds": [{"name": "echo", "url": '
    feeds_path().write_bytes(broken)
    for action in (
        lambda: read_feeds(),
        lambda: update_feeds(corpus),
        lambda: add_feed("http://127.0.0.1:9/rss", name="autre"),
        lambda: remove_feed("echo"),
    ):
        with pytest.raises(FeedListError, match=r"cannot read the feed list .*not JSON"):
            action()
    assert feeds_path().read_bytes() == broken


def test_a_feed_list_of_the_wrong_shape_is_left_alone(config_dir: Path):
    config_dir.mkdir()
    wrong = json.dumps({"feeds": [{"name": "echo"}]}).encode()
    feeds_path().write_bytes(wrong)
    with pytest.raises(FeedListError, match='feed 1 has no "url"'):
        add_feed("http://127.0.0.1:9/rss")
    assert feeds_path().read_bytes() == wrong


def test_what_a_newer_version_wrote_is_kept(config_dir: Path):
    config_dir.mkdir()
    feeds_path().write_text(
        json.dumps({"format": 1, "feeds": [{"name": "a", "url": "http://a.example/", "x": [1]}]})
    )
    add_feed("http://b.example/rss")
    saved = json.loads(feeds_path().read_text())["feeds"]
    assert saved[0]["x"] == [1] and saved[1]["name"] == "b-example"


def test_the_etag_is_only_used_for_the_folder_it_was_got_for(server, client, tmp_path: Path):
    url = serve_feed(server, "/rss", marche_feed(server), etag='"e1"')
    add_feed(url, name="echo")
    first, other = tmp_path / "premier", tmp_path / "autre"
    update_feeds(first, client=client)
    # Into another folder: fetched whole, and its page saved there too.
    (result,) = update_feeds(other, client=client)
    assert result.new == 1 and page_path(other, server.url("/marche")).exists()
    assert read_feeds()[0].fetched_into == str(other.resolve())
    (again,) = update_feeds(other, client=client)
    assert again.unchanged
    sent = [r.header("If-None-Match") for r in server.requests_for("/rss")]
    assert sent == [None, None, '"e1"']


@pytest.mark.parametrize(
    "broken",
    [b"[" * 100_000, b'{"feeds": [{"name": "a\\ud800", "url": "http://127.0.0.1:9/rss"}]}'],
    ids=["nested too deep", "a lone surrogate"],
)
def test_a_hostile_feed_list_is_reported_and_left_alone(
    config_dir: Path, capsys, broken: bytes
) -> None:
    from dipreader.cli import main

    config_dir.mkdir()
    feeds_path().write_bytes(broken)
    for argv in (["feeds", "list"], ["feeds", "add", "http://127.0.0.1:9/x"], ["feeds", "update"]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert "cannot read the feed list" in err and "Traceback" not in err
    assert feeds_path().read_bytes() == broken


def test_a_feed_list_behind_a_link_stays_a_link(config_dir: Path, tmp_path: Path) -> None:
    config_dir.mkdir()
    real = tmp_path / "dotfiles" / "feeds.json"
    real.parent.mkdir()
    feeds_path().symlink_to(real)
    add_feed("http://127.0.0.1:9/rss", name="echo")
    assert feeds_path().is_symlink()
    assert [f.name for f in read_feeds(real)] == ["echo"]


def test_an_old_feed_file_not_read_is_moved_aside_not_written_over(
    server, client: HttpClient, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dipreader.corpus.fetch import files

    url = serve_feed(server, "/rss", marche_feed(server))
    add_feed(url, name="echo")
    saved = feed_path(corpus, "echo")
    saved.parent.mkdir(parents=True)
    saved.write_bytes(b"<rss>" + b"x" * 200 + b"</rss>")
    monkeypatch.setattr(files, "_MAX_OLD_FEED_BYTES", 100)  # too large to read now
    (result,) = update_feeds(corpus, client=client)
    assert result.error is None
    [aside] = [p for p in saved.parent.glob("echo-*.xml")]
    assert aside.read_bytes() == b"<rss>" + b"x" * 200 + b"</rss>"
    assert saved.read_bytes() == marche_feed(server)
