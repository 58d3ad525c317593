"""`dipreader fetch` and `dipreader feeds ...` as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from dipreader.cli import main
from dipreader.corpus.fetch.feedlist import feeds_path
from dipreader.corpus.fetch.files import page_path
from dipreader.corpus.fetch.pages import feed_name_for
from tests.fetch.data import MARCHE, RSS, page, rss
from tests.fetch.server import LocalServer, Reply

MARCHE_PAGE = page("Le marché rouvre", MARCHE).encode()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def echo_feed(server: LocalServer) -> str:
    server.route("/marche", Reply(body=MARCHE_PAGE))
    body = rss("L’Écho", [("Le marché rouvre", server.url("/marche"), "Après les travaux.")])
    return server.route("/rss", Reply(body=body, headers={"Content-Type": RSS}))


def test_add_list_update_remove(server: LocalServer, capsys, corpus: Path):
    url = echo_feed(server)
    code, out, _ = run(capsys, "feeds", "add", url, "--into", str(corpus))
    assert code == 0 and out.startswith(f"added 127-0-0-1: {url} (into {corpus.resolve()})")
    code, out, _ = run(capsys, "feeds", "list")
    header, row = out.splitlines()
    assert header.split() == ["name", "url", "last", "checked", "last", "result"]
    assert row.split() == ["127-0-0-1", url, "->", str(corpus.resolve()), "never"]
    code, out, err = run(capsys, "feeds", "update")
    assert (code, out, err) == (0, "127-0-0-1: 1 new\n", "")  # no progress bar off a terminal
    assert page_path(corpus, server.url("/marche")).exists()
    code, out, _ = run(capsys, "feeds", "list")
    assert out.splitlines()[1].endswith("  1 new") and "never" not in out
    code, out, _ = run(capsys, "feeds", "update", "127-0-0-1")
    assert (code, out) == (0, "127-0-0-1: unchanged\n")
    code, out, _ = run(capsys, "feeds", "remove", url)
    assert code == 0 and out.startswith("removed 127-0-0-1")
    code, out, _ = run(capsys, "feeds", "list")
    assert out.startswith("no feeds yet")


def test_a_feed_is_not_added_twice(capsys):
    assert run(capsys, "feeds", "add", "https://echo.example/rss", "--name", "echo")[0] == 0
    code, _, err = run(capsys, "feeds", "add", "https://echo.example/rss", "--name", "autre")
    assert code == 2
    assert (
        err == "dipreader: error: https://echo.example/rss is already in the feed list, as 'echo'\n"
    )
    code, _, err = run(capsys, "feeds", "add", "https://echo.example/sport", "--name", "echo")
    assert code == 2 and "a feed named 'echo' is already in the list" in err
    code, _, err = run(capsys, "feeds", "add", "https://echo.example/sport")
    assert code == 0  # named after its host: echo-example


def test_usage_errors_exit_2(capsys):
    code, _, err = run(capsys, "feeds", "add", "ftp://echo.example/rss")
    assert code == 2 and "not a web address" in err
    code, _, err = run(capsys, "feeds", "remove", "inconnu")
    assert code == 2 and err == (
        "dipreader: error: no feed named 'inconnu' (dipreader feeds list shows them)\n"
    )
    run(capsys, "feeds", "add", "https://echo.example/rss")
    code, _, err = run(capsys, "feeds", "update", "inconnu")
    assert code == 2 and "no feed named 'inconnu'" in err
    with pytest.raises(SystemExit) as caught:
        main(["feeds"])
    assert caught.value.code == 2


def test_failures_exit_1_with_the_reason(server: LocalServer, capsys, corpus: Path):
    run(capsys, "feeds", "add", echo_feed(server), "--name", "echo")
    run(capsys, "feeds", "add", server.url("/disparu"), "--name", "disparu")
    code, out, _ = run(capsys, "feeds", "update", "--into", str(corpus))
    assert code == 1
    assert out == f"echo: 1 new\ndisparu: failed: {server.url('/disparu')}: HTTP 404 Not Found\n"


def test_an_unreadable_feed_list_is_an_error_and_left_alone(config_dir: Path, capsys):
    config_dir.mkdir()
    feeds_path().write_bytes(b"\xff\xfe pas du json")
    for argv in (
        ["feeds", "list"],
        ["feeds", "add", "https://echo.example/rss"],
        ["feeds", "remove", "echo"],
        ["feeds", "update"],
    ):
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == ""
        assert err.startswith(f"dipreader: error: cannot read the feed list {feeds_path()}: ")
        assert "left as it is" in err
    assert feeds_path().read_bytes() == b"\xff\xfe pas du json"


def test_fetch(server: LocalServer, capsys, corpus: Path):
    url = server.route("/marche", Reply(body=MARCHE_PAGE))
    code, out, err = run(capsys, "fetch", url, "--into", str(corpus))
    assert (code, out, err) == (0, f"saved 1 page in {corpus}\n", "")
    code, out, _ = run(capsys, "fetch", url, "--into", str(corpus))
    assert (code, out) == (0, "1 page already there, not fetched again\n")
    assert server.hits("/marche") == 1
    gone = server.url("/disparu")
    code, out, _ = run(capsys, "fetch", gone, "--into", str(corpus))
    assert (code, out) == (1, f"failed: {gone}: HTTP 404 Not Found\n")


def test_fetch_of_a_feed(server: LocalServer, capsys, corpus: Path):
    url = echo_feed(server)
    code, out, _ = run(capsys, "fetch", url, "--into", str(corpus))
    name = feed_name_for(url)
    assert name.startswith("127-0-0-1-") and (code, out) == (0, f"{name}: 1 new\n")
    assert (corpus / "feeds" / f"{name}.xml").exists()


def test_fetch_refuses_other_addresses_before_fetching_any(server: LocalServer, capsys, corpus):
    good = server.route("/marche", Reply(body=MARCHE_PAGE))
    code, _, err = run(capsys, "fetch", good, "file:///etc/passwd", "--into", str(corpus))
    assert code == 2
    assert err == (
        "dipreader: error: file:///etc/passwd: not a web address "
        "(only http:// and https:// are fetched)\n"
    )
    assert server.requests == [] and list(corpus.iterdir()) == []


def test_a_folder_that_cannot_be_written_is_a_failure_not_a_traceback(server, capsys, tmp_path):
    url = server.route("/marche", Reply(body=MARCHE_PAGE))
    blocked = tmp_path / "fichier"
    blocked.write_text("je suis un fichier")
    code, out, _ = run(capsys, "fetch", url, "--into", str(blocked))
    assert code == 1 and out.startswith(f"failed: {url}: could not be saved as ")


def with_stderr_on_a_terminal(argv: list[str], config_dir: Path) -> tuple[int, bytes, bytes]:
    """Run `dipreader ARGV` with stderr on a pseudo-terminal (where the progress bar goes):
    (exit status, stdout, every byte the terminal received)."""
    master, slave = os.openpty()
    terminal: list[bytes] = []

    def read_terminal() -> None:
        # Read as it comes, so the command never waits on a full terminal buffer.
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the other end is closed: all was read
                return
            if not chunk:
                return
            terminal.append(chunk)

    reader = threading.Thread(target=read_terminal, daemon=True)
    reader.start()
    env = {**os.environ, "DIPREADER_CONFIG_DIR": str(config_dir), "COLUMNS": "100"}
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "dipreader", *argv],
            stdout=subprocess.PIPE,
            stderr=slave,
            env=env,
        )
        os.close(slave)
        out, _ = process.communicate(timeout=60)
        reader.join(timeout=10)
    finally:
        os.close(master)
    return process.returncode, out, b"".join(terminal)


def test_a_progress_bar_on_a_terminal(server: LocalServer, corpus: Path, config_dir: Path):
    url = server.route("/marche", Reply(body=MARCHE_PAGE))
    code, out, terminal = with_stderr_on_a_terminal(
        ["fetch", url, "--into", str(corpus)], config_dir
    )
    assert code == 0 and out.decode() == f"saved 1 page in {corpus}\n"
    assert "1/1" in terminal.decode("utf-8", "replace")


def test_a_feed_name_is_refused_if_a_terminal_would_act_on_it(capsys):
    code, _, err = run(
        capsys, "feeds", "add", "https://echo.example/rss", "--name", "a\x1b]0;x\x07"
    )
    assert code == 2 and "control characters" in err and "\x1b" not in err
    assert not feeds_path().exists()


def test_a_hand_edited_feed_name_reaches_the_progress_bar_and_summary_safely(
    server: LocalServer, capsys, corpus: Path, config_dir: Path
):
    url = echo_feed(server)
    assert run(capsys, "feeds", "add", url, "--name", "echo", "--into", str(corpus))[0] == 0
    hostile = "écho \x1b]0;PWNED\x07 \u202egauche \x9b2J"
    feeds = json.loads(feeds_path().read_text(encoding="utf-8"))
    feeds["feeds"][0]["name"] = hostile
    feeds_path().write_text(json.dumps(feeds), encoding="utf-8")
    code, out, terminal = with_stderr_on_a_terminal(["feeds", "update"], config_dir)
    assert code == 0, terminal
    shown = terminal.decode("utf-8")
    assert "2/2" in shown and "écho" in shown  # the bar ran (the feed, its page), naming it
    for received in (shown, out.decode("utf-8")):
        assert "\x1b]0;" not in received and "\u202e" not in received and "\x9b" not in received
        assert "PWNED" in received


@pytest.mark.parametrize("argv", [["fetch", "--help"], ["feeds", "update", "--help"]])
def test_help_imports_no_layer_and_no_library(argv: list[str], tmp_path: Path):
    from tests.cli.test_imports import DATABASE, LAYERS, UI, found, imported_by

    modules = imported_by(*argv, cwd=tmp_path)
    assert "dipreader.cli.fetch_cmds" in modules
    assert found(modules, UI | DATABASE | LAYERS | {"urllib3", "feedparser"}) == []


def test_fetch_says_when_a_saved_page_holds_no_article(
    server: LocalServer, capsys, corpus: Path
) -> None:
    menu = b"<html><head><title>Accueil</title></head><body><a href='/a'>Monde</a></body></html>"
    url = server.route("/", Reply(body=menu, headers={"Content-Type": "text/html"}))
    good = server.route("/marche", Reply(body=MARCHE_PAGE, headers={"Content-Type": "text/html"}))
    code, _out, err = run(capsys, "fetch", url, good, "--into", str(corpus))
    assert code == 0
    assert page_path(corpus, url).exists()  # kept as fetched
    [warning] = err.splitlines()
    assert str(page_path(corpus, url)) in warning and "no article" in warning
    assert "marche" not in warning


def test_feeds_list_shows_a_feed_s_own_folder(server: LocalServer, capsys, corpus: Path) -> None:
    url = echo_feed(server)
    run(capsys, "feeds", "add", url, "--into", str(corpus))
    _code, out, _ = run(capsys, "feeds", "list")
    assert f"{url} -> {corpus.resolve()}" in out.splitlines()[1]
