"""The list of articles: two lines per article, fast for ten thousand of them (OptionList
renders only what is on screen; one widget per row would not scale)."""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from dipreader.corpus import Article
from dipreader.store.model import ArticleState
from dipreader.tui.folding import visible

UNREAD_MARK = "●"
STAR_MARK = "★"


def date_label(article: Article) -> str:
    """The date to its known precision ("2024-11" stays a month), or "undated"."""
    return article.date.iso() if article.date else "undated"


def row_content(article: Article, state: ArticleState, tag_count: int) -> Content:
    """Title on the first line; date, size, tags and star on the second.

    The title is untrusted text: it goes into Content as plain text, never through markup.
    """
    unread = "" if state.read else f"{UNREAD_MARK} "
    title_style = "" if state.read else "bold"
    details = [date_label(article), f"{article.words} words"]
    if tag_count:
        details.append(f"{tag_count} tag{'s' if tag_count != 1 else ''}")
    meta = Content.assemble(
        ("  " + " · ".join(details), "$text-muted"),
        (f"  {STAR_MARK}", "$warning") if state.starred else "",
    )
    return Content.assemble(
        (unread, "$accent"), (visible(article.title) or "(no title)", title_style), "\n", meta
    )


class ArticleList(OptionList):
    """Options carry the article id; the app owns the order and the filtering.

    Each article's option is made once and kept (with its measured height), so re-sorting or
    re-filtering ten thousand rows only reorders them.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._options_by_id: dict[str, Option] = {}

    def show_articles(
        self,
        articles: list[Article],
        row: Callable[[Article], Content],
        keep_id: str | None,
    ) -> None:
        """Replace the rows, keeping `keep_id` highlighted if it is still listed."""
        cache = self._options_by_id
        options = []
        for article in articles:
            option = cache.get(article.id)
            if option is None:
                option = cache[article.id] = Option(row(article), id=article.id)
            options.append(option)
        self.set_options(options)
        if not articles:
            return
        if keep_id is None or not self.select_id(keep_id):
            self.highlighted = 0

    def update_row(self, article_id: str, content: Content) -> None:
        try:
            self.replace_option_prompt(article_id, content)
        except OptionDoesNotExist:
            # Filtered out of the list: drawn afresh when it comes back.
            self._options_by_id.pop(article_id, None)

    @property
    def highlighted_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option else None

    def select_id(self, article_id: str) -> bool:
        try:
            self.highlighted = self.get_option_index(article_id)
        except OptionDoesNotExist:
            return False
        return True
