"""The list of articles, drawn line by line: only the rows on screen are ever rendered.

Every article takes the same two lines (title, then details), so a row's place is
arithmetic: listing, re-sorting or filtering ten thousand articles costs a list of ids, never
a measure of each row (which is what made a 10,000-option `OptionList` slow to redraw).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from dipreader.corpus import Article
from dipreader.store.model import ArticleState
from dipreader.tui.folding import visible
from dipreader.tui.sized_by_screen import virtual_size_without_layout

UNREAD_MARK = "●"
STAR_MARK = "★"
ROW_HEIGHT = 2  # the title, then its details
_RENDERED_ROWS_KEPT = 512  # rows kept drawn: a few screens' worth, both highlight states


def date_label(article: Article) -> str:
    """The date to its known precision ("2024-11" stays a month), or "undated"."""
    return article.date.iso() if article.date else "undated"


SITE_WIDTH = 24  # a site's name in a row: enough to tell outlets apart


def _short(text: str) -> str:
    return text if len(text) <= SITE_WIDTH else text[: SITE_WIDTH - 1].rstrip() + "…"


def row_content(article: Article, state: ArticleState, tag_count: int) -> Content:
    """Title on the first line; star, date, size and tags on the second.

    The title is untrusted text: it goes into Content as plain text, never through markup.
    """
    unread = "" if state.read else f"{UNREAD_MARK} "
    title_style = "" if state.read else "bold"
    # A summary says so first: the row may be cut at the pane's edge.
    details = ["summary"] if article.summary_only else []
    details.append(date_label(article))
    if article.site:
        details.append(visible(_short(article.site)))
    if not article.summary_only:
        details.append(f"{article.words} words")
    if tag_count:
        details.append(f"{tag_count} tag{'s' if tag_count != 1 else ''}")
    # The star first: the end of a long line is cut at the pane's edge.
    meta = Content.assemble(
        "  ",
        (f"{STAR_MARK} ", "$warning") if state.starred else "",
        (" · ".join(details), "$text-muted"),
    )
    return Content.assemble(
        (unread, "$accent"), (visible(article.title) or "(no title)", title_style), "\n", meta
    )


class ArticleList(ScrollView, can_focus=True):
    """The articles the app lists, in its order; one is highlighted.

    The app owns the order and the filtering and hands over the articles with a function that
    makes a row's content: it is called for the rows that are drawn, and kept until the app
    says the article changed (`refresh_row`).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    # Structural, not looks (those are in dipreader.tcss): a row is exactly ROW_HEIGHT lines.
    DEFAULT_CSS = """
    ArticleList {
        overflow-x: hidden;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--row",
        "article-list--row-highlighted",
    }

    virtual_size = virtual_size_without_layout()  # `_fit_rows` moves the scrollbar

    highlighted: reactive[int | None] = reactive(None)
    """The index of the highlighted row, or None when the list is empty."""

    class ArticleMessage(Message):
        """About one listed article."""

        def __init__(self, article_list: ArticleList, article_id: str) -> None:
            super().__init__()
            self.article_list = article_list
            self.article_id = article_id

        @property
        def control(self) -> ArticleList:
            return self.article_list

    class Highlighted(ArticleMessage):
        """The cursor moved to another article."""

    class Selected(ArticleMessage):
        """The highlighted article was chosen (Enter or a click)."""

    def __init__(
        self, *, follow: Callable[[str], None] | None = None, id: str | None = None
    ) -> None:
        """`follow(article_id)` is called as the cursor lands on an article, before the
        frame that shows the move: what it draws comes in the same frame (`Highlighted`,
        a message, is handled after that frame)."""
        super().__init__(id=id)
        self._follow = follow
        self._articles: list[Article] = []
        self._ids: list[str] = []
        self._positions: dict[str, int] | None = None  # made when first needed
        self._make_row: Callable[[Article], Content] | None = None
        self._contents: dict[str, Content] = {}
        self._strips: dict[tuple[str, bool], list[Strip]] = {}
        self._strips_width = 0

    # -- what is listed ---------------------------------------------------------------------

    def show_articles(
        self,
        articles: Sequence[Article],
        row: Callable[[Article], Content],
        keep_id: str | None,
    ) -> None:
        """List these articles, keeping `keep_id` highlighted if it is still listed."""
        # A new list at each search or filter: nothing here is per article but the ids.
        self._articles = list(articles)
        self._ids = [article.id for article in self._articles]
        self._positions = None
        self._make_row = row
        self._fit_rows()
        # Set without the watcher: the rows under the cursor changed even if its index did not.
        self.set_reactive(ArticleList.highlighted, None)
        if self._ids:
            try:  # one C-speed scan; the positions map is made only if a row is looked up
                position = self._ids.index(keep_id) if keep_id is not None else 0
            except ValueError:
                position = 0
            self.highlighted = position
        self.refresh()

    @property
    def article_ids(self) -> list[str]:
        """The listed ids, top to bottom."""
        return list(self._ids)

    def position_of(self, article_id: str) -> int | None:
        if self._positions is None:
            self._positions = {article_id: n for n, article_id in enumerate(self._ids)}
        return self._positions.get(article_id)

    def row(self, article_id: str) -> Content:
        """The content of a listed article's row (made now if it was never drawn)."""
        position = self.position_of(article_id)
        if position is None:
            raise KeyError(article_id)
        return self._row_at(position)

    def _row_at(self, index: int) -> Content:
        article = self._articles[index]
        content = self._contents.get(article.id)
        if content is None:
            assert self._make_row is not None, "no articles shown yet"
            content = self._contents[article.id] = self._make_row(article)
        return content

    def refresh_row(self, article_id: str) -> None:
        """The article changed (read, tagged, starred): its row is made again when drawn."""
        self._contents.pop(article_id, None)
        self._strips.pop((article_id, False), None)
        self._strips.pop((article_id, True), None)
        position = self.position_of(article_id)
        if position is not None:
            self.refresh_lines(position * ROW_HEIGHT, ROW_HEIGHT)

    @property
    def highlighted_id(self) -> str | None:
        index = self.highlighted
        return self._ids[index] if index is not None and index < len(self._ids) else None

    def neighbour_ids(self) -> list[str]:
        """The ids listed just after and just before the highlighted one (if any)."""
        index = self.highlighted
        if index is None:
            return []
        return [self._ids[n] for n in (index + 1, index - 1) if 0 <= n < len(self._ids)]

    def select_id(self, article_id: str) -> bool:
        """Highlight this article; False if it is not listed."""
        position = self.position_of(article_id)
        if position is None:
            return False
        self.highlighted = position
        return True

    # -- the cursor -------------------------------------------------------------------------

    def validate_highlighted(self, highlighted: int | None) -> int | None:
        if highlighted is None or not self._ids:
            return None
        return max(0, min(highlighted, len(self._ids) - 1))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        for index in (old, new):
            if index is not None:
                self.refresh_lines(index * ROW_HEIGHT, ROW_HEIGHT)
        if new is None:
            return
        self.scroll_to_highlight()
        if self._follow is not None:
            self._follow(self._ids[new])
        self.post_message(self.Highlighted(self, self._ids[new]))

    def scroll_to_highlight(self) -> None:
        if self.highlighted is None:
            return
        region = Region(0, self.highlighted * ROW_HEIGHT, 1, ROW_HEIGHT)
        self.scroll_to_region(region, animate=False, immediate=True, force=True)

    def _rows_per_page(self) -> int:
        return max(1, self.scrollable_content_region.height // ROW_HEIGHT)

    def _move(self, step: int) -> None:
        if self._ids:
            self.highlighted = (self.highlighted or 0) + step

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_page_down(self) -> None:
        self._move(self._rows_per_page())

    def action_page_up(self) -> None:
        self._move(-self._rows_per_page())

    def action_first(self) -> None:
        if self._ids:
            self.highlighted = 0

    def action_last(self) -> None:
        if self._ids:
            self.highlighted = len(self._ids) - 1

    def action_select(self) -> None:
        article_id = self.highlighted_id
        if article_id is not None:
            self.post_message(self.Selected(self, article_id))

    async def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = (offset.y + self.scroll_offset.y) // ROW_HEIGHT
        if 0 <= index < len(self._ids):
            self.highlighted = index
            self.action_select()

    # -- drawing ----------------------------------------------------------------------------

    def on_show(self) -> None:
        self.scroll_to_highlight()

    def _fit_rows(self) -> None:
        size = Size(self.scrollable_content_region.width, len(self._ids) * ROW_HEIGHT)
        if size != self.virtual_size:
            self.virtual_size = size
            # As Textual's own line widgets do: the scrollbar follows the new height now,
            # not at the next layout pass.
            self._scroll_update(size)

    def _on_resize(self, event: events.Resize) -> None:
        self._fit_rows()
        self._strips.clear()
        self.scroll_to_highlight()

    def notify_style_update(self) -> None:
        # Focus, theme or CSS changed: the rows are drawn again in the new colours.
        self._strips.clear()
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index, line = divmod(self.scroll_offset.y + y, ROW_HEIGHT)
        if index >= len(self._ids):
            return Strip.blank(width, self.get_visual_style("article-list--row").rich_style)
        return self._row_strips(index, index == self.highlighted, width)[line]

    def _row_strips(self, index: int, highlighted: bool, width: int) -> list[Strip]:
        if width != self._strips_width or len(self._strips) > _RENDERED_ROWS_KEPT:
            self._strips.clear()
            self._strips_width = width
        key = (self._ids[index], highlighted)
        strips = self._strips.get(key)
        if strips is None:
            classes = ("article-list--row", "article-list--row-highlighted")
            style = self.get_visual_style(*classes[: 1 + highlighted])
            content = self._row_at(index)
            rich_style = style.rich_style
            strips = [
                strip.extend_cell_length(width, rich_style).crop(0, width)
                for strip in Visual.to_strips(self, content, width, ROW_HEIGHT, style)
            ][:ROW_HEIGHT]
            strips += [Strip.blank(width, rich_style)] * (ROW_HEIGHT - len(strips))
            self._strips[key] = strips
        return strips
