"""Article text, titles, tag names and notes are data: markup, action links and escape
sequences in them show literally, never style the screen or run anything."""

from __future__ import annotations

import argparse
import fcntl
import html
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from textual.widgets import Static

from dipreader.cli.app_cmd import build_app
from dipreader.corpus import Article, ArticleDate, Corpus, load_corpus
from dipreader.store import AnnotationStore
from dipreader.store.names import MAX_NAME_LENGTH
from dipreader.store.validate import MAX_NOTE_LENGTH

from .conftest import SIZE, MakeApp, disk_tag_names
from .helpers import fill, header_text, main, panel_text, reader, row_text, toasts

TOKENS = (
    "[/]",
    "[bold]gras[/bold]",
    "[@click=app.quit]quitter[/]",
    "[link=https://x.test]lien[/link]",
)
HOSTILE = " ".join(TOKENS)
ESCAPE = "\x1b[31mrouge\x1b[0m \x1b]8;;https://x.test\x07lien\x1b]8;;\x07 \x9b2J"


def screen_text(app) -> str:
    """Every character on screen, read from the SVG screenshot Textual makes."""
    svg = app.export_screenshot()
    body = svg.split("<g", 1)[1]  # skip the stylesheet
    return html.unescape(re.sub(r"<[^>]+>", "", body)).replace("\xa0", " ")


def hostile_article() -> Article:
    # Made directly, bypassing the cleaner (which strips escapes), to test the app's own guard.
    return Article(
        id="feedfacefeedface",
        title=f"Titre {HOSTILE}",
        paragraphs=(f"Début {HOSTILE} fin.", f"Échappements {ESCAPE} fin."),
        source=Path("hostile[bold].txt"),
        date=ArticleDate(2025, 1, 2),
        agency="[red]AFP[/red]",
        kicker="[blink]ALERTE[/blink]",
    )


async def test_markup_and_escapes_in_articles_and_tags_show_literally(make_app: MakeApp, db_path):
    app = make_app(Corpus([hostile_article()]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await fill(pilot, "[@click=app.quit]Evil[/]")
        await pilot.press("enter")
        await pilot.press("n")
        await fill(pilot, "[bold]note[/] [link=x]y[/link]")
        await pilot.press("enter")
        await pilot.press("slash")
        await fill(pilot, "[/]")
        await pilot.pause(0.3)
        await pilot.press("enter", "d", "d")  # remove the person: its toast names it
        assert app.is_running
        assert HOSTILE in row_text(app, "feedfacefeedface")
        assert HOSTILE in header_text(app) and "[red]AFP[/red]" in header_text(app)
        assert "[bold]note[/] [link=x]y[/link]" in panel_text(app)
        assert any("[@click=app.quit]Evil[/]" in t for t in toasts(app))
        # The escape character is drawn as ␛, C1 controls as �, at the same offsets.
        shown = reader(app).text
        assert "␛[31mrouge␛[0m" in shown and "\x1b" not in shown and "\x9b" not in shown
        assert len(shown) == len(reader(app).article_text)
        on_screen = screen_text(app)  # the reader wraps lines, but not inside these words
        assert all(token in on_screen for token in TOKENS)
        assert "␛[31mrouge␛[0m" in on_screen
        await pilot.press("u")  # the person comes back; undo's toast quotes it too
        assert app.is_running
    assert disk_tag_names(db_path, "feedfacefeedface") == {("person", "[@click=app.quit]Evil[/]")}


async def test_a_hostile_file_goes_through_the_cleaner_and_shows_literally(
    make_app: MakeApp, db_path, tmp_path: Path
):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "hostile.txt").write_text(
        f" date 2025-01-02 Titre {HOSTILE}\n\nPremier paragraphe {HOSTILE} {ESCAPE}.\n",
        encoding="utf-8",
    )
    app = make_app(load_corpus(folder))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert HOSTILE in reader(app).text
        assert "\x1b" not in reader(app).text
        on_screen = screen_text(app)
        assert all(token in on_screen for token in TOKENS)
        await pilot.press("enter")
        assert app.is_running


# -- what the app draws from file names and paths: its title, its toasts, its banner ----------

TITLE_CHANGE = "\x1b]0;PWNED\x07"
# What a terminal acts on or misshows: C0 but newline and tab, DEL, C1, line separators,
# bidirectional embeddings, overrides and isolates (written out, so that the tests check it).
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def hostile_folder(tmp_path: Path) -> Path:
    """A corpus with one article and files the load skips, named with escape sequences, a C1
    control and a right-to-left override; the warnings name them."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "article.txt").write_text("Un titre\n\nUn paragraphe de texte.\n", encoding="utf-8")
    for name in (f"binary {TITLE_CHANGE}.txt", "c1 \x9b2J.txt", "rtl \u202eevil.txt"):
        (folder / name).write_bytes(b"\x00\x01\x02" * 100)
    return folder


async def test_the_title_and_the_files_skipped_toast_show_escapes_as_symbols(
    make_app: MakeApp, tmp_path: Path
):
    db = tmp_path / f"db {TITLE_CHANGE}.json"
    app = make_app(corpus_source=hostile_folder(tmp_path), path=db)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert UNSAFE.findall(app.sub_title) == [] and "db ␛]0;PWNED␇.json" in app.sub_title
        [skipped] = [t for t in toasts(app) if "binary file" in t]
        assert UNSAFE.findall(skipped) == [], skipped
        assert "binary ␛]0;PWNED␇.txt" in skipped and "c1 �2J.txt" in skipped
        assert "rtl �evil.txt" in skipped
        assert "db ␛]0;PWNED␇.json" in screen_text(app)  # the header draws the safe form


async def test_every_toast_is_made_safe_whoever_raises_it(make_app: MakeApp):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.notify(f"a message {TITLE_CHANGE} \x9b2J", title=f"a title \u202e{TITLE_CHANGE}")
        app.screen.notify(f"from a screen {TITLE_CHANGE}", markup=False)
        await pilot.pause()
        assert all(UNSAFE.findall(text) == [] for text in toasts(app)), toasts(app)
        assert "a message ␛]0;PWNED␇ �2J" in toasts(app)
        assert "from a screen ␛]0;PWNED␇" in toasts(app)
        titles = [n.title for n in app._notifications]  # as `toasts` reads the messages
        assert titles[0] == "a title �␛]0;PWNED␇"


async def test_the_read_only_banner_names_a_hostile_database_safely(tmp_path: Path):
    db = tmp_path / f"db {TITLE_CHANGE}.json"
    args = argparse.Namespace(corpus=str(hostile_folder(tmp_path)), db=str(db), read_only=False)
    with AnnotationStore.open(db):  # another window holds it: read-only, saying which file
        app = build_app(args)
        try:
            async with app.run_test(size=SIZE) as pilot:
                await app.workers.wait_for_complete()
                await pilot.pause()
                banner = str(main(app).query_one("#banner", Static).content)
        finally:
            app.close_store()
    assert banner.startswith("Read-only:") and "db ␛]0;PWNED␇.json" in banner
    assert UNSAFE.findall(banner) == []


def test_the_app_on_a_real_terminal_receives_no_escape_from_data(tmp_path: Path):
    """`dipreader CORPUS --db DB` on a pseudo-terminal, as a terminal emulator runs it: the
    bytes the terminal gets hold the app's own sequences, never a file name's."""
    folder = hostile_folder(tmp_path)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "dipreader", str(folder), "--db", f"db {TITLE_CHANGE}.json"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=tmp_path,
        env={**os.environ, "TERM": "xterm-256color"},
    )
    os.close(slave)
    received, quit_sent = b"", False
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if select.select([master], [], [], 0.2)[0]:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the app has ended and closed the terminal
                    break
                if not chunk:
                    break
                received += chunk
            if not quit_sent and b"skipped" in received:
                time.sleep(0.3)  # the toast drawn in full
                os.write(master, b"q")
                quit_sent = True
        assert quit_sent, "the files skipped toast never showed"
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    assert "␛]0;PWNED␇".encode() in received  # the title and the toast drew the name
    assert b"\x1b]0;" not in received and b"PWNED\x07" not in received
    assert "\x9b".encode() not in received and "\u202e".encode() not in received


async def test_notes_and_names_a_hand_edit_made_huge_are_shown_in_part(
    make_app: MakeApp, db_path: Path
):
    # Only a hand edit makes these (the store refuses them): the panel shows the store's
    # limit of each and says so, instead of laying out megabytes (it froze the app for
    # minutes); the file keeps them whole.
    article = hostile_article()
    store = AnnotationStore.open(db_path)
    store.add_note(article.id, "petite note")
    store.tag_article(article.id, "Nguyen", "person")
    store.close()
    data = json.loads(db_path.read_text(encoding="utf-8"))
    huge_note, huge_name = "n" * 3_000_000, "P" * 1_000_000
    for doc in data["annotations"].values():
        if "note" in doc:
            doc["note"] = huge_note
    for doc in data["vocabulary"].values():
        if doc["name"] == "Nguyen":
            doc["name"] = huge_name
    db_path.write_text(json.dumps(data), encoding="utf-8")
    before = db_path.read_bytes()

    app = make_app(Corpus([article]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = panel_text(app)
        assert "shown in part: 3,000,000 characters" in shown
        assert "shown in part: 1,000,000 characters" in shown
        assert len(shown) < 30_000
        assert "n" * MAX_NOTE_LENGTH in shown and "P" * MAX_NAME_LENGTH in shown
        await pilot.press("j", "k")
        assert app.is_running
    assert db_path.read_bytes() == before
