"""Finding: `/` searches titles and text (accents and case ignored, as you type), `f`
filters, Esc clears; neither writes to the database."""

from __future__ import annotations

from textual.widgets import Input

from dipreader.tui.filter_screen import FilterScreen

from .conftest import (
    DECEMBER,
    JULY,
    NEWEST,
    NOVEMBER,
    ORDER,
    SIZE,
    UNDATED,
    MakeApp,
    disk_annotations,
    disk_state,
)
from .helpers import fill, list_ids, main, search_input, status_text, wait_until


async def test_slash_searches_as_you_type_ignoring_accents(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        assert app.focused is search_input(app)
        await pilot.press(*"gaza")
        assert await wait_until(pilot, lambda: list_ids(app) == [NEWEST])
        assert "1 of 5" in status_text(app) and "search gaza" in status_text(app)
        await fill(pilot, "etats-unis")
        # Every article names the "États-Unis".
        assert await wait_until(pilot, lambda: list_ids(app) == ORDER)
        await fill(pilot, "SÉCURITÉ NATIONALE")  # in the text, any case
        assert await wait_until(pilot, lambda: list_ids(app) == [DECEMBER, JULY])
        await fill(pilot, "nguyen")  # "Nguyễn" in the text
        assert await wait_until(pilot, lambda: list_ids(app) == [JULY])
        await pilot.press("enter")  # back to the list, search kept
        assert list_ids(app) == [JULY]
        assert not isinstance(app.focused, Input)
        await pilot.press("escape")
        assert list_ids(app) == ORDER
        assert search_input(app).value == "" and not search_input(app).has_focus
    assert not any(disk_state(db_path, article_id)["read"] for article_id in ORDER)


async def test_f_filters_by_tag_untagged_unread_and_starred(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await fill(pilot, "Trump")
        await pilot.press("enter")
        await pilot.press("j", "s")  # star DECEMBER
        await pilot.press("j", "m")  # read NOVEMBER
        await pilot.press("f")
        assert isinstance(app.screen, FilterScreen)
        await fill(pilot, "trump")
        await pilot.press("enter")
        assert list_ids(app) == [NEWEST]
        assert "filter person: Trump" in status_text(app)
        await pilot.press("f")
        await fill(pilot, "untag")
        await pilot.press("enter")
        assert list_ids(app) == [DECEMBER, NOVEMBER, JULY, UNDATED]
        await pilot.press("f")
        await fill(pilot, "unread")
        await pilot.press("enter")
        assert list_ids(app) == [NEWEST, DECEMBER, JULY, UNDATED]
        await pilot.press("f")
        await fill(pilot, "starred")
        await pilot.press("enter")
        assert list_ids(app) == [DECEMBER]
        await pilot.press("f")
        first = app.screen.query_one("#filters").highlighted_option
        assert first is not None and "clear the filter (starred)" in str(first.prompt)
        await pilot.press("enter")
        assert list_ids(app) == ORDER
        await pilot.press("f")
        await fill(pilot, "starred")
        await pilot.press("enter", "escape")  # Esc clears it too
        assert list_ids(app) == ORDER
        assert "filter person" not in status_text(app)
    assert disk_state(db_path, DECEMBER)["starred"] is True
    assert disk_state(db_path, NOVEMBER)["read"] is True
    assert len(disk_annotations(db_path)) == 1


async def test_the_status_keeps_its_two_lines_as_searches_and_filters_come_and_go(
    make_app: MakeApp,
):
    """The list does not move when a search or filter starts or ends; the second line says
    what is on (the search box shows the query), or how to start."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        status = main(app).query_one("#list-status")
        lines = [status_text(app).split("\n")]
        await pilot.press("slash")
        await fill(pilot, "gaza")
        await pilot.press("enter")
        lines.append(status_text(app).split("\n"))
        await pilot.press("p")
        await fill(pilot, "Donald Trump")
        await pilot.press("enter", "f")
        await fill(pilot, "trump")
        await pilot.press("enter")
        lines.append(status_text(app).split("\n"))
        await pilot.press("escape", "escape")
        await pilot.pause()
        lines.append(status_text(app).split("\n"))
        assert status.size.height == 2
        assert [len(both) for both in lines] == [2, 2, 2, 2]
        assert [second for _, second in lines] == [
            "f filter  / search",
            "search gaza  esc clears",
            "filter person: Donald Trump  esc clears",
            "f filter  / search",
        ]
