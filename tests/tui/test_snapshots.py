"""Screenshots compared with the accepted ones in __snapshots__ (update with
`pytest tests/tui/test_snapshots.py --snapshot-update`, then look at them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from dipreader.store import AnnotationStore
from dipreader.tui.reader import ReaderText

from .conftest import DECEMBER, NEWEST, MakeApp


@pytest.fixture
def annotated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_corpus) -> Path:
    """A database with a little of everything, in a folder the test works in (so the header
    shows the short name `annotations.json`)."""
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "annotations.json"
    newest = seed_corpus.get(NEWEST)
    with AnnotationStore.open(db, author="analyst") as store:
        store.tag_article(NEWEST, "Tô Lâm", "person")
        store.tag_article(NEWEST, "Donald Trump", "person")
        store.tag_article(NEWEST, "Middle East / Gaza peace", "theme")
        store.tag_article(NEWEST, "Washington", "place")
        start = newest.text.index("Dans une atmosphère")
        end = newest.text.index("commun.") + len("commun.")
        store.tag_passage(NEWEST, newest.text, start, end, "high-level diplomacy", "theme")
        store.add_note(NEWEST, "Première rencontre à la Maison-Blanche.")
        store.set_read(NEWEST)
        store.set_starred(DECEMBER)
        store.tag_article(DECEMBER, "Lê Hoài Trung", "person")
    return db


def no_blinking(pilot: Pilot) -> None:
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


def test_main_screen(snap_compare, make_app: MakeApp, annotated: Path):
    assert snap_compare(make_app(path=annotated), terminal_size=(120, 40))


def test_narrow_terminal_keeps_every_pane(snap_compare, make_app: MakeApp, annotated: Path):
    assert snap_compare(make_app(path=annotated), terminal_size=(80, 24))


def test_help_screen(snap_compare, make_app: MakeApp, annotated: Path):
    assert snap_compare(make_app(path=annotated), press=["question_mark"], terminal_size=(120, 40))


def test_filter_screen(snap_compare, make_app: MakeApp, annotated: Path):
    async def open_filter(pilot: Pilot) -> None:
        await pilot.press("f")
        no_blinking(pilot)

    assert snap_compare(make_app(path=annotated), run_before=open_filter, terminal_size=(120, 40))


def test_passage_selection(snap_compare, make_app: MakeApp, annotated: Path):
    async def select(pilot: Pilot) -> None:
        await pilot.press("enter", "j", "j", "j", "v", "j")
        assert pilot.app.screen.query_one(ReaderText).has_passage

    assert snap_compare(make_app(path=annotated), run_before=select, terminal_size=(120, 40))


def test_a_suggestion_selected_in_the_panel(snap_compare, make_app: MakeApp, annotated: Path):
    # The panel's cursor on the first suggestion: its evidence stands out in the reader, the
    # others' stays underlined.
    assert snap_compare(make_app(path=annotated), press=["tab", "tab"], terminal_size=(120, 40))
