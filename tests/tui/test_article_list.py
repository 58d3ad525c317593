"""The article list on its own, at 10,000 rows: keys, paging, clicks, and how much it draws."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.content import Content

from dipreader.corpus import Article
from dipreader.tui.article_list import ROW_HEIGHT, ArticleList

from .helpers import make_articles, toasts

ROWS = 10_000


class ListApp(App[None]):
    """The list alone; remembers what it was told and which rows it was asked to make."""

    def __init__(self, articles: list[Article]) -> None:
        super().__init__()
        self.articles = articles
        self.made: list[str] = []
        self.highlights: list[str] = []
        self.selections: list[str] = []
        self.labels: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield ArticleList(id="articles")

    def row(self, article: Article) -> Content:
        self.made.append(article.id)
        label = self.labels.get(article.id, article.title)
        return Content(f"{label}\n  details of {article.id}")

    def on_mount(self) -> None:
        self.list.show_articles(self.articles, self.row, None)
        self.list.focus()

    @property
    def list(self) -> ArticleList:
        return self.query_one(ArticleList)

    def on_article_list_highlighted(self, event: ArticleList.Highlighted) -> None:
        self.highlights.append(event.article_id)

    def on_article_list_selected(self, event: ArticleList.Selected) -> None:
        self.selections.append(event.article_id)


def screen_text(app: App) -> str:
    return "\n".join(
        "".join(segment.text for segment in line) for line in app.screen._compositor.render_strips()
    )


async def test_only_the_rows_on_screen_are_made():
    app = ListApp(make_articles(ROWS))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        shown = app.list.scrollable_content_region.height // ROW_HEIGHT
        assert 0 < len(set(app.made)) <= shown + 1
        assert "Article 0" in screen_text(app)
        assert app.list.virtual_size.height == ROWS * ROW_HEIGHT
        assert app.list.show_vertical_scrollbar  # where the reader is in ten thousand
        app.list.show_articles(app.articles[:3], app.row, None)
        await pilot.pause()
        assert not app.list.show_vertical_scrollbar


async def test_keys_move_the_highlight_and_keep_it_on_screen():
    app = ListApp(make_articles(ROWS))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert app.list.highlighted_id == "a00000"
        await pilot.press("down", "down")
        assert app.list.highlighted_id == "a00002"
        await pilot.press("up")
        assert app.list.highlighted_id == "a00001"
        await pilot.press("end")
        await pilot.pause()
        assert app.list.highlighted_id == f"a{ROWS - 1:05d}"
        assert f"Article {ROWS - 1}" in screen_text(app)
        await pilot.press("down")  # already last: stays
        assert app.list.highlighted_id == f"a{ROWS - 1:05d}"
        await pilot.press("home")
        await pilot.pause()
        assert app.list.highlighted_id == "a00000"
        await pilot.press("pagedown")
        await pilot.pause()
        page = app.list.scrollable_content_region.height // ROW_HEIGHT
        assert app.list.highlighted_id == f"a{page:05d}"
        assert f"Article {page}" in screen_text(app)
        await pilot.press("pageup")
        assert app.list.highlighted_id == "a00000"
        await pilot.pause()
        assert app.highlights[-1] == "a00000"
        assert f"a{ROWS - 1:05d}" in app.highlights


async def test_enter_and_click_select():
    app = ListApp(make_articles(ROWS))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.selections == ["a00001"]
        # The third article's title line: border (1 line) + two rows of two lines.
        await pilot.click(ArticleList, offset=(5, 1 + 2 * ROW_HEIGHT))
        await pilot.pause()
        assert app.list.highlighted_id == "a00002"
        assert app.selections == ["a00001", "a00002"]


async def test_a_new_list_keeps_the_highlighted_article_or_starts_at_the_top():
    articles = make_articles(100)
    app = ListApp(articles)
    async with app.run_test(size=(60, 20)) as pilot:
        assert app.list.select_id("a00050")
        await pilot.pause()
        app.list.show_articles(articles[40:], app.row, app.list.highlighted_id)
        await pilot.pause()
        assert app.list.highlighted_id == "a00050" and app.list.highlighted == 10
        assert app.list.article_ids[0] == "a00040"
        app.list.show_articles(articles[:10], app.row, app.list.highlighted_id)
        await pilot.pause()
        assert app.list.highlighted_id == "a00000"
        assert app.highlights[-1] == "a00000"
        assert not app.list.select_id("a00050")
        app.list.show_articles([], app.row, None)
        await pilot.pause()
        assert app.list.highlighted_id is None and app.list.article_ids == []
        await pilot.press("down", "end", "enter")  # nothing to move to or open
        assert app.selections == []


async def test_refresh_row_redraws_that_article_only():
    app = ListApp(make_articles(ROWS))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        app.labels["a00001"] = "Renamed"
        await pilot.pause()
        assert "Renamed" not in screen_text(app)  # kept until told
        made = len(app.made)
        app.list.refresh_row("a00001")
        await pilot.pause()
        assert "Renamed" in screen_text(app)
        assert app.made[made:] == ["a00001"]
        app.list.refresh_row("a09999")  # off screen: made again only when shown
        await pilot.pause()
        assert "a09999" not in app.made


async def test_titles_are_cut_to_the_width_not_wrapped():
    long = [Article(id="long", title="mot " * 50, paragraphs=("x",), source=Path("x"))]
    app = ListApp(long + make_articles(3))
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert lines[0].rstrip().endswith("…")
        assert lines[ROW_HEIGHT].startswith("Article 0")


async def test_a_resized_terminal_keeps_the_highlighted_row_in_view():
    app = ListApp(make_articles(ROWS))
    async with app.run_test(size=(60, 40)) as pilot:
        await pilot.pause()
        app.list.select_id("a00015")
        await pilot.pause()
        await pilot.resize_terminal(60, 12)
        await pilot.pause()
        assert "Article 15" in screen_text(app)
        await pilot.press("pagedown")
        page = app.list.scrollable_content_region.height // ROW_HEIGHT
        assert app.list.highlighted == 15 + page  # a page of the new, smaller size
        await pilot.pause()
        assert f"Article {15 + page}" in screen_text(app)


async def test_scrolling_shows_later_rows_without_moving_the_highlight():
    app = ListApp(make_articles(ROWS))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        for _ in range(5):
            app.list.scroll_down(animate=False)  # what a turn of the mouse wheel does
        await pilot.pause()
        row, line = divmod(app.list.scroll_offset.y, ROW_HEIGHT)
        assert row > 0 and app.list.highlighted_id == "a00000"
        top = f"Article {row}" if line == 0 else f"  details of a{row:05d}"
        assert screen_text(app).startswith(top)  # lines scroll, so a row may start cut


async def test_follow_is_told_of_each_move_at_once():
    followed: list[str] = []

    class FollowingApp(ListApp):
        def compose(self) -> ComposeResult:
            yield ArticleList(follow=followed.append, id="articles")

    app = FollowingApp(make_articles(100))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert followed == ["a00000"]
        app.list.action_page_down()  # no message handled in between: called during the move
        assert followed[-1] == app.list.highlighted_id != "a00000"
        app.list.action_last()
        assert followed[-1] == "a00099"


async def test_the_star_shows_even_with_many_tags_at_80_columns(make_app, db_path):
    from dipreader.corpus import load_corpus
    from dipreader.store import AnnotationStore

    from .conftest import NEWEST, SEEDS
    from .test_untrusted import screen_text

    with AnnotationStore.open(db_path) as store:
        for n in range(14):
            store.tag_article(NEWEST, f"Personne numéro {n}", "person")
        store.set_starred(NEWEST, True)
    app = make_app(load_corpus(SEEDS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        details = next(line for line in lines if "14 tags" in line or "★" in line)
        assert "★ 2026-02-21" in details


async def test_less_and_greater_than_share_the_width_between_list_and_reader(make_app):
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one("#list-pane")
        start = pane.outer_size.width
        assert start == 66  # a third of the screen
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert pane.outer_size.width == 70
        for _ in range(8):
            await pilot.press("less_than_sign")
        await pilot.pause()
        assert pane.outer_size.width == 40  # 20%: as narrow as it goes
        assert any("as narrow as it goes" in t for t in toasts(app))
