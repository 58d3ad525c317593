"""Reading the app's screen in tests: the widgets' own content, as plain text."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static, TextArea

from dipreader.corpus import Article
from dipreader.tui.app import DipreaderApp
from dipreader.tui.article_list import ArticleList
from dipreader.tui.main_screen import MainScreen
from dipreader.tui.panel import AnnotationList
from dipreader.tui.reader import ReaderHeader, ReaderText


def main(app: DipreaderApp) -> MainScreen:
    screen = app.get_screen("_default") if not isinstance(app.screen, MainScreen) else app.screen
    assert isinstance(screen, MainScreen)
    return screen


def list_ids(app: DipreaderApp) -> list[str]:
    return main(app).query_one(ArticleList).article_ids


def row_text(app: DipreaderApp, article_id: str) -> str:
    article_list = main(app).query_one(ArticleList)
    return str(article_list.row(article_id))


def highlighted(app: DipreaderApp) -> str | None:
    return main(app).query_one(ArticleList).highlighted_id


def reader(app: DipreaderApp) -> ReaderText:
    return main(app).query_one(ReaderText)


def header_text(app: DipreaderApp) -> str:
    return str(main(app).query_one(ReaderHeader).content)


def _panel_rows(app: DipreaderApp) -> list[str]:
    return [str(o.prompt) for o in main(app).query_one(AnnotationList).options]


def _people_heading(rows: list[str]) -> int:
    return next(i for i, row in enumerate(rows) if row.startswith("People"))


def panel_text(app: DipreaderApp) -> str:
    """The panel's annotations: everything below its Suggestions section."""
    rows = _panel_rows(app)
    return "\n".join(rows[_people_heading(rows) :])


def suggestions_text(app: DipreaderApp) -> str:
    """The panel's Suggestions section, at its top (empty if there is none)."""
    rows = _panel_rows(app)
    return "\n".join(rows[: _people_heading(rows)])


def status_text(app: DipreaderApp) -> str:
    return str(main(app).query_one("#list-status", Static).content)


def progress_text(app: DipreaderApp) -> str:
    return str(main(app).query_one("#progress", Static).content)


def search_input(app: DipreaderApp) -> Input:
    return main(app).query_one("#search", Input)


def toasts(app: DipreaderApp) -> list[str]:
    """Messages of the toasts on screen (Textual has no public accessor for them)."""
    return [str(n.message) for n in app._notifications]


async def fill(pilot, text: str) -> None:
    """Put `text` in the focused input at once. The app gets the same Input.Changed as when
    typing; typing key by key costs ~0.1 s a key under the pilot, so long text is filled."""
    focused = pilot.app.focused
    if isinstance(focused, TextArea):  # the note's box
        focused.text = text
        focused.move_cursor(focused.document.end)
        await pilot.pause()
        return
    assert isinstance(focused, Input), f"no input has the focus: {focused!r}"
    focused.value = text
    focused.cursor_position = len(text)
    await pilot.pause()


async def wait_until(pilot, condition, timeout: float = 3.0) -> bool:
    """Pause until `condition()` holds (a debounced search, a background export); False if
    it never did, for the test's own assert to report."""
    waited = 0.0
    while not condition():
        if waited >= timeout:
            return False
        await pilot.pause(0.05)
        waited += 0.05
    return True


async def run_command(pilot, name: str) -> None:
    """Open the command palette, type `name`, wait for its matches and run the first."""
    from textual.command import CommandPalette

    await pilot.press("ctrl+p")
    assert isinstance(pilot.app.screen, CommandPalette)
    await fill(pilot, name)
    await pilot.pause(0.3)  # the palette searches its providers in the background
    await pilot.press("enter")
    await pilot.pause()


def make_articles(count: int) -> list[Article]:
    """`count` short articles, "Article 0" to "Article {count - 1}", ids in the same order."""
    return [
        Article(id=f"a{n:05d}", title=f"Article {n}", paragraphs=("text",), source=Path(f"{n}"))
        for n in range(count)
    ]
