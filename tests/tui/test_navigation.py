"""Moving around: every movement key, with the database checked on disk each time (moving
must not write, opening marks read)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dipreader.tui.article_list import ArticleList
from dipreader.tui.panel import AnnotationList
from dipreader.tui.reader import ReaderHeader, ReaderText

from .conftest import DECEMBER, JULY, NEWEST, NOVEMBER, ORDER, SIZE, UNDATED, MakeApp, disk_state
from .helpers import (
    header_text,
    highlighted,
    list_ids,
    main,
    make_articles,
    reader,
    row_text,
    status_text,
    toasts,
)


def nothing_read(db_path: Path) -> bool:
    return not any(disk_state(db_path, article_id)["read"] for article_id in ORDER)


async def test_list_is_newest_first_with_dates_to_their_precision(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert list_ids(app) == ORDER
        assert "2024-12 ·" in row_text(app, DECEMBER)  # a month stays a month
        assert "undated ·" in row_text(app, UNDATED)
        assert row_text(app, NEWEST).startswith("● ")  # unread
        assert "5 articles" in status_text(app) and "newest first" in status_text(app)
        assert highlighted(app) == NEWEST
        assert "Vietnam - États-Unis" in header_text(app)
        await pilot.press("o")
        assert list_ids(app) == [JULY, NOVEMBER, DECEMBER, NEWEST, UNDATED]
        assert "oldest first" in status_text(app)
        await pilot.press("o")
        assert list_ids(app) == ORDER
    assert nothing_read(db_path)


async def test_j_k_and_arrows_move_the_list_and_preview_without_marking_read(
    make_app: MakeApp, db_path
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert highlighted(app) == DECEMBER
        assert reader(app).article_text.startswith("Lors de sa visite")
        await pilot.press("down", "down")
        assert highlighted(app) == JULY
        await pilot.press("k")
        assert highlighted(app) == NOVEMBER
        await pilot.press("up")
        assert highlighted(app) == DECEMBER
    assert nothing_read(db_path)


async def test_g_and_G_go_to_the_ends_of_the_list_and_of_the_reader(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G")
        assert highlighted(app) == UNDATED
        await pilot.press("g")
        assert highlighted(app) == NEWEST
        await pilot.press("enter")  # opens the article and focuses the reader
        text = reader(app)
        await pilot.press("G")
        assert text.cursor_location[0] == text.document.line_count - 1
        assert text.scroll_offset.y > 0
        await pilot.press("g")
        assert text.cursor_location == (0, 0)
        assert text.scroll_offset.y == 0
    assert disk_state(db_path, NEWEST)["read"] is True


async def test_tab_and_shift_tab_cycle_the_three_panes(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.focused, ArticleList)
        await pilot.press("tab")
        assert isinstance(app.focused, ReaderText)
        await pilot.press("tab")
        assert isinstance(app.focused, AnnotationList)
        await pilot.press("tab")
        assert isinstance(app.focused, ArticleList)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, AnnotationList)
    assert nothing_read(db_path)


async def test_enter_opens_the_article_and_marks_it_read(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter")
        assert isinstance(app.focused, ReaderText)
        assert main(app).current is not None and main(app).current.id == DECEMBER
        assert not row_text(app, DECEMBER).startswith("●")
        assert row_text(app, NEWEST).startswith("●")
    assert disk_state(db_path, DECEMBER)["read"] is True
    assert disk_state(db_path, NEWEST)["read"] is False


async def test_j_k_in_the_reader_move_the_cursor(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        text = reader(app)
        start = text.cursor_location
        await pilot.press("j", "j")
        assert text.cursor_location > start
        await pilot.press("k", "k")
        assert text.cursor_location == start
        assert text.selection.is_empty  # moving is not selecting
    assert disk_state(db_path, NEWEST)["read"] is True


async def test_space_and_b_page_the_reader_from_any_pane(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=(120, 24)) as pilot:
        text = reader(app)
        assert isinstance(app.focused, ArticleList)
        await pilot.press("space")
        await pilot.pause()
        assert text.scroll_offset.y > 0
        assert isinstance(app.focused, ArticleList)  # paging does not steal the focus
        await pilot.press("b")
        await pilot.pause()
        assert text.scroll_offset.y == 0
    assert nothing_read(db_path)


async def test_brackets_go_to_the_next_and_previous_unread(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # NEWEST read
        await pilot.press("right_square_bracket")
        assert main(app).current.id == DECEMBER
        await pilot.press("right_square_bracket")
        assert main(app).current.id == NOVEMBER
        # Backwards from NOVEMBER, the earlier ones are read: it wraps round to the end.
        await pilot.press("left_square_bracket")
        assert main(app).current.id == UNDATED
        assert highlighted(app) == UNDATED
        await pilot.press("right_square_bracket")
        assert main(app).current.id == JULY
        await pilot.press("right_square_bracket")
        assert main(app).current.id == JULY  # nothing unread is left
        assert "No unread article left in the list." in toasts(app)
    assert disk_state(db_path, NEWEST)["read"] is True
    assert disk_state(db_path, DECEMBER)["read"] is True
    assert all(disk_state(db_path, article_id)["read"] for article_id in ORDER)


async def test_the_status_counts_with_thousands_separated(make_app: MakeApp):
    from dipreader.corpus import Corpus

    app = make_app(Corpus(make_articles(1200)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert status_text(app).startswith("1,200 articles")
        await pilot.press("slash", *"article 11", "enter")
        await pilot.pause(0.2)
        assert status_text(app).startswith("111 of 1,200")  # the numbers starting "11"


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)])
async def test_a_long_title_never_pushes_the_date_line_out(make_app: MakeApp, size):
    from dipreader.corpus import Article, ArticleDate, Corpus

    title = " ".join(["Un titre très long sur les relations entre deux pays"] * 3)  # 150+
    article = Article(
        id="feedfacefeedface",
        title=title,
        paragraphs=("Un paragraphe.",),
        source=Path("long.txt"),
        date=ArticleDate(2025, 3, 4),
        kicker="ACTUALITÉ",
    )
    app = make_app(Corpus([article]))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        header = main(app).query_one(ReaderHeader)
        shown = str(header.content)
        assert "2025-03-04 · 2 words" in shown  # the date line, whole
        assert shown.startswith(("ACTUALITÉ\nUn titre", "Un titre"))
        lines = header.content.get_height(header.styles, header.content_region.width)
        assert lines <= header.content_region.height  # all of it in the box
