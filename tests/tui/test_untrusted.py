"""Article text, titles, tag names and notes are data: markup, action links and escape
sequences in them show literally, never style the screen or run anything."""

from __future__ import annotations

import html
import re
from pathlib import Path

from dipreader.corpus import Article, ArticleDate, Corpus, load_corpus

from .conftest import SIZE, MakeApp, disk_tag_names
from .helpers import fill, header_text, panel_text, reader, row_text, toasts

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
