"""Showing another article repaints the widgets that changed, without a layout pass: their
sizes are fixed by the screen. A layout pass makes Textual redraw every scrollbar in a frame
of its own, after the frame with the article, so the key would take two frames."""

from __future__ import annotations

import pytest
from rich.segment import ControlType
from textual.app import App, ComposeResult
from textual.content import Content
from textual.scroll_view import ScrollView
from textual.widgets import Input, TextArea

from dipreader.tui.article_list import ROW_HEIGHT, ArticleList
from dipreader.tui.filter_screen import FilterScreen
from dipreader.tui.main_screen import PREFETCH_DELAY
from dipreader.tui.panel import AnnotationList
from dipreader.tui.prompts import TagPrompt
from dipreader.tui.quiet_static import QuietStatic
from dipreader.tui.reader import Mark, ReaderHeader, ReaderText

from .conftest import SIZE, MakeApp
from .helpers import highlighted, list_ids, main, make_articles, reader

# Tall enough for every seed's panel rows: at SIZE its scrollbar comes and goes at each key.
TALL = (120, 70)


def count_layout_passes(screen) -> list[int]:
    passes = [0]
    refresh_layout = screen._refresh_layout

    def counted(*args, **kwargs):
        passes[0] += 1
        return refresh_layout(*args, **kwargs)

    screen._refresh_layout = counted
    return passes


def scrollbar_follows(view: ScrollView) -> bool:
    """The scrollbar shows the view's current height and position, not an earlier one's."""
    if not view.show_vertical_scrollbar:
        return view.virtual_size.height <= view.scrollable_content_region.height
    bar = view.vertical_scrollbar
    return (
        bar.window_virtual_size == view.virtual_size.height
        and bar.window_size == view.scrollable_content_region.height
        and bar.position == view.scroll_y
    )


async def test_next_and_previous_article_need_no_layout_pass(make_app: MakeApp):
    """Only a scrollbar appearing or going (rows that no longer fit, or fit again) moves
    things on the screen, and is laid out."""
    app = make_app()
    async with app.run_test(size=TALL) as pilot:
        await pilot.pause()
        screen = main(app)
        panel, text = screen.query_one(AnnotationList), reader(app)
        passes = count_layout_passes(screen)
        shown, quiet_keys = [], 0
        for key in ("j", "j", "j", "k", "j", "j", "k", "k"):
            bars = (panel.show_vertical_scrollbar, text.show_vertical_scrollbar)
            before = passes[0]
            await pilot.press(key)
            await pilot.pause()
            shown.append(highlighted(app))
            # Each key drew a different text and set of rows, and their scrollbars followed.
            assert text.article_text and len(panel.options) > 1
            assert scrollbar_follows(text), key
            assert scrollbar_follows(panel), key
            if bars == (panel.show_vertical_scrollbar, text.show_vertical_scrollbar):
                assert passes[0] == before, f"{key} to {shown[-1]} was laid out"
                quiet_keys += 1
        assert len(set(shown)) == 4
        assert quiet_keys >= 3  # the seeds give this test something to check


async def test_a_new_text_keeps_the_reader_scrollbar_right(make_app: MakeApp):
    """The reader sets its scrollbar itself: scrolled down one article, the next starts at
    its top with a scrollbar of its own height."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = reader(app)
        heights = set()
        for _ in range(4):
            text.scroll_end(animate=False)
            await pilot.pause()
            await pilot.press("j")
            await pilot.pause()
            heights.add(text.virtual_size.height)
            assert text.scroll_y == 0
            assert scrollbar_follows(text)
        assert len(heights) > 1  # the texts had different heights


def test_only_boxes_sized_by_their_css_skip_the_layout_pass():
    assert ReaderHeader().has_fixed_size is False  # no stylesheet: a Static is auto-sized
    fixed = QuietStatic()
    fixed.styles.height = 7
    assert fixed.has_fixed_size
    fixed.styles.width = "auto"
    assert not fixed.has_fixed_size
    grows = QuietStatic()
    grows.styles.height = "auto"
    assert not grows.has_fixed_size


async def test_the_app_s_status_boxes_have_fixed_sizes(make_app: MakeApp):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main(app)
        assert screen.query_one(ReaderHeader).has_fixed_size
        assert screen.query_one("#progress", QuietStatic).has_fixed_size
        assert screen.query_one("#list-status", QuietStatic).has_fixed_size


class BoxesApp(App[None]):
    """A 10,000-row list under a status line that wraps in a narrow column."""

    CSS = "#status { height: auto; width: 30; } ArticleList { height: 1fr; }"

    def compose(self) -> ComposeResult:
        yield QuietStatic(id="status")
        yield ArticleList(id="articles")

    def on_mount(self) -> None:
        self.query_one(ArticleList).show_articles(ARTICLES, lambda a: Content(a.title), None)


ARTICLES = make_articles(10_000)


async def test_a_shorter_or_longer_list_is_drawn_without_a_layout_pass():
    app = BoxesApp()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        article_list = app.query_one(ArticleList)
        passes = count_layout_passes(app.screen)
        # Each list is taller than the screen: the scrollbar stays (its coming or going is a
        # layout change of its own).
        for count in (12, 10_000, 40, 9_999):
            article_list.show_articles(ARTICLES[:count], lambda a: Content(a.title), None)
            await pilot.pause()
            assert article_list.virtual_size.height == count * ROW_HEIGHT
            assert scrollbar_follows(article_list), count
        assert passes[0] == 0


async def test_a_status_line_is_laid_out_only_when_its_height_changes():
    app = BoxesApp()
    async with app.run_test(size=(60, 20)) as pilot:
        status = app.query_one("#status", QuietStatic)
        status.set_content(Content("5 articles"))
        await pilot.pause()
        passes = count_layout_passes(app.screen)

        async def laid_out(text: str) -> bool:
            before = passes[0]
            status.set_content(Content(text))
            await pilot.pause()
            return passes[0] > before

        assert not await laid_out("3 of 5 articles")  # one line still
        assert await laid_out("3 of 5 articles\nsearch Tô Lâm  Esc clears")
        assert status.size.height == 2
        # Two lines again, by wrapping in its 30 columns.
        assert not await laid_out("a line long enough to wrap in thirty columns, twice over")
        assert status.size.height == 2
        assert await laid_out("5 articles")
        assert status.size.height == 1


def draws_as_textarea(text: ReaderText) -> bool:
    """Every screen line of the reader is what TextArea itself would draw."""
    height = text.scrollable_content_region.height
    ours = [ReaderText._render_line(text, y) for y in range(height)]
    textarea = [TextArea._render_line(text, y) for y in range(height)]
    return ours == textarea


async def test_the_reader_draws_each_paragraph_as_textarea_draws_its_lines(make_app: MakeApp):
    """The reader draws whole paragraphs at once: every state gives TextArea's lines."""
    app = make_app()
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.pause()
        text = reader(app)
        body = text.article_text
        assert "\n\n" in body  # paragraphs apart: empty lines to select across
        assert draws_as_textarea(text)  # not focused
        person = body.index("Tô Lâm") if "Tô Lâm" in body else 10
        marks = [
            Mark(person, person + 6, "person"),
            Mark(0, 40, "passage"),
            Mark(25, 30, "search"),
            Mark(200, 420, "suggestion", colour="#ff0000"),
        ]
        text.set_marks(marks)
        text.focus()
        await pilot.pause()
        assert draws_as_textarea(text)  # focused: the current sentence, the cursor, marks
        # On an empty line between paragraphs, the current sentence is in another paragraph.
        empty = next(i for i in range(text.document.line_count) if not text.document[i])
        for row in (empty - 1, empty, empty + 1, empty):
            text.move_cursor((row, 0))
            await pilot.pause()
            assert draws_as_textarea(text), row
        for keys in (["down"] * 3, ["shift+right"] * 5, ["shift+down"] * 9, ["end"], ["pagedown"]):
            await pilot.press(*keys)
            await pilot.pause()
            assert draws_as_textarea(text), keys
        text.select_all()
        await pilot.pause()
        assert draws_as_textarea(text)  # the empty lines between paragraphs show a bar
        text.cancel_passage()
        text.scroll_end(animate=False)
        await pilot.pause()
        assert draws_as_textarea(text)  # the last lines, and the blank under them
        await pilot.resize_terminal(70, 30)
        await pilot.pause()
        assert draws_as_textarea(text)  # wrapped again at the new width


async def test_keys_move_the_focus_before_the_frame_they_draw(make_app: MakeApp):
    """Opening, searching, Tab and leaving the search box move the focus at once, so that
    the key's changes and the new focus are drawn in the same frame."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main(app)
        article_list, text = screen.query_one(ArticleList), reader(app)
        panel = screen.query_one(AnnotationList)
        search = screen.query_one("#search")
        screen.action_open_article()
        assert screen.focused is text
        screen.action_cycle_pane(1)
        assert screen.focused is panel
        screen.action_cycle_pane(1)
        assert screen.focused is article_list
        screen.action_search()
        assert screen.focused is search
        screen._search_done()
        assert screen.focused is article_list
        screen.action_search()
        screen._clear_search()
        assert screen.focused is article_list
        await pilot.pause()


class Terminal:
    """What a terminal shows: the app's updates (partial redraws) written into a grid of
    cells, as a terminal would, to compare with the whole screen drawn afresh."""

    def __init__(self, app: App) -> None:
        """Showing the screen as it is now (drawn afresh), then what the app sends."""
        self.console = app.console
        self.cells = self._drawn_afresh(app)
        display = app._display

        def shown(screen, update) -> None:
            if update is not None:
                self._write(self.cells, update)
            display(screen, update)

        app._display = shown

    def _write(self, cells: list[list[tuple[str, object]]], update) -> None:
        x = y = 0
        for segment in update.__rich_console__(self.console, self.console.options):
            if segment.control:
                for code in segment.control:
                    if code[0] == ControlType.CURSOR_MOVE_TO:
                        x, y = code[1], code[2]
                continue
            if segment.text == "\n":
                continue
            for character in segment.text:
                if 0 <= y < len(cells) and 0 <= x < len(cells[y]):
                    cells[y][x] = (character, segment.style)
                x += 1

    def _drawn_afresh(self, app: App) -> list[list[tuple[str, object]]]:
        width, height = app.size
        cells: list[list[tuple[str, object]]] = [[(" ", None)] * width for _ in range(height)]
        self._write(cells, app.screen._compositor.render_update(full=True))
        return cells

    def matches_a_fresh_drawing(self, app: App) -> bool:
        return self.cells == self._drawn_afresh(app)


async def test_what_the_terminal_shows_is_the_screen_drawn_afresh(make_app: MakeApp):
    """Every shortcut in drawing (no layout pass, no repaint on focus, nothing drawn twice
    after a prompt) leaves the terminal showing what a full drawing of the screen shows."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        terminal = Terminal(app)
        await pilot.pause()
        steps: list[tuple[str, ...]] = [
            ("j",),
            ("j", "j"),
            ("tab",),
            ("tab",),
            ("tab",),
            ("enter",),
            ("p", *"Donald Trump", "enter"),
            ("t", *"commerce", "enter"),
            ("u",),
            ("f", *"trump", "enter"),
            ("escape",),
            ("slash", *"gaza", "enter"),
            ("escape",),
            ("k",),
            ("v", "J"),
            ("escape",),
        ]
        for keys in steps:
            await pilot.press(*keys)
            await pilot.pause(0.15)  # the search waits for typing to pause
            assert terminal.matches_a_fresh_drawing(app), keys


async def test_the_tag_and_filter_prompts_are_made_once_and_start_afresh(make_app: MakeApp):
    """Closed, a prompt stays for the next time (no removal, no second drawing of the
    screen under it), and asks afresh: empty, focused, the kind asked only for other tags."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", *"Donald")
        person = app.screen
        assert isinstance(person, TagPrompt)
        await pilot.press("escape")
        await pilot.press("T")
        assert app.screen is person  # the same prompt, asking for another kind of tag
        kind, name = person.query_one("#kind", Input), person.query_one("#name", Input)
        assert kind.display and app.focused is kind
        assert name.value == "" and "another kind" in str(person.query_one("#prompt-title").content)
        await pilot.press(*"place", "enter", *"Hà Nội", "enter")
        assert app.screen is main(app)
        assert person.is_attached  # kept for next time
        await pilot.press("t")
        assert app.screen is person
        assert not kind.display and app.focused is name and name.value == ""
        await pilot.press("escape", "f", *"xyz")
        filters = app.screen
        assert isinstance(filters, FilterScreen)
        await pilot.press("escape", "f")
        assert app.screen is filters
        query = filters.query_one("#filter-query", Input)
        assert query.value == "" and app.focused is query
        listed = [str(option.prompt) for option in filters.query_one("#filters").options]
        assert any("place: Hà Nội" in row for row in listed)  # the tag added meanwhile
        await pilot.press("escape")


async def test_the_neighbours_suggestions_are_ready_before_j(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
):
    from dipreader.suggest import Suggester

    made: list[str] = []
    suggest = Suggester.suggest

    def counted(self, article, **kwargs):
        made.append(article.id)
        return suggest(self, article, **kwargs)

    monkeypatch.setattr(Suggester, "suggest", counted)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(PREFETCH_DELAY + 0.1)
        ids = list_ids(app)
        assert made[0] == ids[0] and ids[1] in made  # shown, then its neighbour made ready
        made.clear()
        await pilot.press("j")
        assert highlighted(app) == ids[1]
        assert ids[1] not in made  # shown from what was made ready
        await pilot.pause(PREFETCH_DELAY + 0.1)
        assert made == [ids[2]]  # the next one; the one before was shown already
