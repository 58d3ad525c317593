"""The reader: the article's header and its cleaned text in a read-only TextArea, which gives
keyboard and mouse selection of passages; tagged mentions and passages are drawn over it."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.color import Color, ColorParseError
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Offset
from textual.strip import Strip
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from dipreader.corpus import Article
from dipreader.sentences import Sentence, sentence_at, split_sentences
from dipreader.tui.article_list import date_label
from dipreader.tui.folding import visible
from dipreader.tui.line_index import LineIndex
from dipreader.tui.quiet_static import QuietStatic
from dipreader.tui.sized_by_screen import virtual_size_without_layout

MarkKind = Literal[
    "passage", "person", "theme", "other", "search", "suggestion", "suggestion-selected"
]
# Drawing order, later on top: a passage's background under everything; a suggestion's
# evidence under tagged mentions; the selected suggestion and search hits over them.
_LAYER: dict[str, int] = {
    "passage": 0,
    "suggestion": 1,
    "person": 2,
    "theme": 2,
    "other": 2,
    "suggestion-selected": 3,
    "search": 4,
}


_PARAGRAPHS_KEPT = 256  # drawn paragraphs kept (a selection dragged over many makes many)


@dataclass(frozen=True)
class Mark:
    """A span of the article's text to draw differently: a tagged mention, a passage, a hit."""

    start: int
    end: int
    kind: MarkKind
    colour: str | None = None  # the tag's own colour, if the user gave it one


def _tag_colour(colour: str | None) -> Color | None:
    if not colour:
        return None
    try:
        return Color.parse(colour)
    except ColorParseError:
        return None  # a colour this terminal library cannot read: fall back to the kind's


class ReaderHeader(QuietStatic):
    """Kicker, title, then the date line and the file: a long title is cut (…) so that the
    date line always shows; in a short header the kicker, then the file, give way first."""

    _article: Article | None = None

    def show_article(self, article: Article | None) -> None:
        self._article = article
        if article is None:
            self.set_content(Content("No article: the list is empty."))
            return
        title = visible(article.title) or "(no title)"
        kicker = visible(article.kicker).upper() if article.kicker else ""
        source = visible(article.url or article.source.name)
        lines, width = self.content_region.height, self.content_region.width
        if lines <= 0 or width <= 0:  # not laid out yet: on_resize shows it again
            self.set_content(self._content(article, kicker, title, source))
            return
        for kicker_shown, source_shown in ((kicker, source), ("", source), ("", "")):
            content = self._content(article, kicker_shown, title, source_shown)
            if content.get_height(self.styles, width) <= lines:
                break
            cut = self._cut_title(article, kicker_shown, title, source_shown, lines, width)
            if cut is not None:
                content = cut
                break
        self.set_content(content)

    def on_resize(self) -> None:
        if self._article is not None:
            self.show_article(self._article)

    def _cut_title(
        self, article: Article, kicker: str, title: str, source: str, lines: int, width: int
    ) -> Content | None:
        """The header with the longest cut of the title (whole words, …) that fits, if any."""
        words = title.split()
        low, high, best = 1, len(words) - 1, None
        while low <= high:
            middle = (low + high) // 2
            content = self._content(article, kicker, " ".join(words[:middle]) + " …", source)
            if content.get_height(self.styles, width) <= lines:
                best, low = content, middle + 1
            else:
                high = middle - 1
        return best

    @staticmethod
    def _content(article: Article, kicker: str, title: str, source: str) -> Content:
        parts: list[str | tuple[str, str] | Content] = []
        if kicker:
            parts += [(kicker, "$accent"), "\n"]
        parts.append((title, "bold"))
        if article.title_derived:
            parts.append(("  (title from the lead)", "italic $text-muted"))
        # A summary says so first: a narrow header shows one line of this.
        meta = ["summary from a feed"] if article.summary_only else []
        meta.append(date_label(article))
        for about in (article.agency, article.site, ", ".join(article.authors)):
            if about:
                meta.append(visible(about))
        meta.append(f"{article.words} words")
        parts += ["\n", (" · ".join(meta), "$text-muted")]
        if source:
            # The file on a line of its own: a long name then wraps without splitting the rest.
            parts += ["\n", (source, "$text-muted")]
        return Content.assemble(*parts)


class ReaderText(TextArea, inherit_bindings=False):
    """Read-only article text. `j`/`k`, paging and passage keys come from the app's keymap;
    only the editor-independent keys live here."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "cursor_left", show=False),
        Binding("right", "cursor_right", show=False),
        Binding("shift+left", "cursor_left(True)", show=False),
        Binding("shift+right", "cursor_right(True)", show=False),
        Binding("ctrl+left", "cursor_word_left", show=False),
        Binding("ctrl+right", "cursor_word_right", show=False),
        Binding("ctrl+shift+left", "cursor_word_left(True)", show=False),
        Binding("ctrl+shift+right", "cursor_word_right(True)", show=False),
        Binding("shift+home", "cursor_line_start(True)", show=False),
        Binding("shift+end", "cursor_line_end(True)", show=False),
        Binding("pageup", "cursor_page_up", show=False),
        Binding("pagedown", "cursor_page_down", show=False),
        Binding("ctrl+c", "copy", "copy", show=False),
    ]

    COMPONENT_CLASSES = TextArea.COMPONENT_CLASSES | {
        "reader--passage",
        "reader--person",
        "reader--theme",
        "reader--other",
        "reader--search",
        "reader--sentence",
        "reader--suggestion",
        "reader--suggestion-selected",
    }

    virtual_size = virtual_size_without_layout()  # `_refresh_size` moves the scrollbar

    def __init__(self, *, id: str | None = None) -> None:
        # Before TextArea's own set-up, which already clears it (see `_render_line`).
        self._paragraphs: dict[tuple[object, ...], list[Strip]] = {}
        super().__init__(
            "",
            id=id,
            read_only=True,
            soft_wrap=True,
            show_cursor=True,
            show_line_numbers=False,
            highlight_cursor_line=False,
        )
        self.match_cursor_bracket = False  # prose; and `_draw_paragraph` draws no brackets
        self.article_text = ""
        self._lines = LineIndex("")
        self.sentences: list[Sentence] = []
        self._sentence_starts: list[int] = []
        self._marks_by_row: dict[int, list[Mark]] = {}
        self._marks: list[Mark] = []
        self._marks_text: str | None = None  # the text `_marks` were drawn on
        # Sentence indices of a keyboard passage selection: the anchor stays selected.
        self._anchor: int | None = None
        self._moving: int | None = None

    def _refresh_size(self) -> None:
        super()._refresh_size()
        self._scroll_update(self.virtual_size)

    # -- content ----------------------------------------------------------------------------

    def show_text(self, text: str, marks: list[Mark], *, keep_position: bool = False) -> None:
        """Show an article's text (`Article.text`: offsets in marks index into it)."""
        if text != self.article_text or not keep_position:
            self.article_text = text
            self._lines = LineIndex(text)
            self.sentences = split_sentences(text)
            self._sentence_starts = [s.start for s in self.sentences]
            self._anchor = self._moving = None
            # Same length as `text`, so every offset stays valid; nothing in it is acted on.
            self.load_text(visible(text))
        self.set_marks(marks)

    @property
    def marks(self) -> list[Mark]:
        """What is highlighted: tags, passages, search matches, suggestions."""
        return list(self._marks)

    def set_marks(self, marks: list[Mark]) -> None:
        if marks == self._marks and self._marks_text == self.article_text:
            return  # nothing to draw again
        self._marks, self._marks_text = list(marks), self.article_text
        by_row: dict[int, list[Mark]] = {}
        for mark in marks:
            first, _ = self._lines.location(mark.start)
            last, _ = self._lines.location(max(mark.start, mark.end - 1))
            for row in range(first, last + 1):
                by_row.setdefault(row, []).append(mark)
        for row_marks in by_row.values():
            row_marks.sort(key=lambda m: (_LAYER[m.kind], m.start))
        self._marks_by_row = by_row
        self.notify_style_update()
        self.refresh()

    def _background(self, component: str) -> Style:
        # Only the full style has translucent backgrounds blended with what is under them.
        return Style(bgcolor=self.get_component_rich_style(component).bgcolor)

    def _mark_style(self, mark: Mark) -> Style:
        if mark.kind in ("passage", "search"):
            return self._background(f"reader--{mark.kind}")
        if mark.kind == "suggestion-selected":
            text_style = self.get_component_rich_style("reader--suggestion-selected", partial=True)
            return self._background("reader--suggestion-selected") + Style(
                bold=text_style.bold, underline=text_style.underline
            )
        style = self.get_component_rich_style(f"reader--{mark.kind}", partial=True)
        colour = _tag_colour(mark.colour)
        return style + Style(color=colour) if colour else style

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        row_start = self._lines.offset((line_index, 0))
        row_end = row_start + len(line.plain)
        sentence = self._sentence_drawn_in(line_index)
        if sentence is not None:
            current = self.sentences[sentence]
            line.stylize(
                self._background("reader--sentence"),
                max(current.start, row_start) - row_start,
                min(current.end, row_end) - row_start,
            )
        for mark in self._marks_by_row.get(line_index, ()):
            start = max(mark.start, row_start) - row_start
            end = min(mark.end, row_end) - row_start
            if end > start:
                line.stylize(self._mark_style(mark), start, end)
        return line

    # The current sentence is only drawn while focused; the TextArea's line cache ignores focus.
    def on_focus(self) -> None:
        self.notify_style_update()

    def on_blur(self) -> None:
        self.notify_style_update()

    # -- drawing -----------------------------------------------------------------------------
    # TextArea draws a screen line by styling its whole paragraph and cutting it at every wrap,
    # once per screen line: for a new article, a paragraph of eight lines was styled and cut
    # eight times. The reader draws a paragraph once into all its lines and keeps them until
    # the text, marks, width, focus or theme change (or the selection, cursor or current
    # sentence, in that paragraph). Only the reader's case is drawn: read-only, wrapped, no
    # gutter, no syntax highlighting, no bracket matching, no tabs (`visible` shows them).

    def notify_style_update(self) -> None:
        self._paragraphs.clear()
        super().notify_style_update()

    def _rewrap_and_refresh_virtual_size(self) -> None:
        self._paragraphs.clear()
        super()._rewrap_and_refresh_virtual_size()

    def _render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        wrapped = self.wrapped_document
        if row >= wrapped.height:
            return super()._render_line(y)  # under the text
        line_index, column = wrapped.offset_to_location(Offset(0, row))
        return self._paragraph_lines(line_index)[
            bisect_right(wrapped.get_offsets(line_index), column)
        ]

    def _paragraph_lines(self, line_index: int) -> list[Strip]:
        selection = self.selection
        top, bottom = sorted(selection)
        selected = (top, bottom) if top != bottom and top[0] <= line_index <= bottom[0] else None
        cursor_row, cursor_column = selection.end
        cursor = cursor_column if cursor_row == line_index and self._draw_cursor else None
        key = (line_index, selected, cursor, self._sentence_drawn_in(line_index))
        lines = self._paragraphs.get(key)
        if lines is None:
            if len(self._paragraphs) >= _PARAGRAPHS_KEPT:
                self._paragraphs.clear()
            lines = self._paragraphs[key] = self._draw_paragraph(line_index, selected, cursor)
        return lines

    def _sentence_drawn_in(self, line_index: int) -> int | None:
        """The current sentence's index if it is drawn in this paragraph (while focused,
        with no passage selected), else None."""
        if not (self.has_focus and self.selection.is_empty and self.sentences):
            return None
        index = self._current_sentence()
        sentence = self.sentences[index]
        start = self._lines.offset((line_index, 0))
        end = start + len(self.document.get_line(line_index))
        return index if sentence.start < end and sentence.end > start else None

    def _draw_paragraph(
        self,
        line_index: int,
        selected: tuple[tuple[int, int], tuple[int, int]] | None,
        cursor: int | None,
    ) -> list[Strip]:
        theme = self._theme
        line = self.get_line(line_index)
        length = len(line)
        line.set_length(length + 1)  # a cell for the cursor after the last character
        if selected is not None and theme is not None and theme.selection_style is not None:
            (top_row, top_column), (bottom_row, bottom_column) = selected
            if length == 0 and line_index != self.selection.end[0]:
                # An empty paragraph inside the selection shows a bar: it is selected too.
                line.plain = "▌"
                line.stylize(Style(color=theme.selection_style.bgcolor))
            else:
                start = top_column if line_index == top_row else 0
                end = bottom_column if line_index == bottom_row else length
                line.stylize(theme.selection_style, start, end)
        if cursor is not None and theme is not None and theme.cursor_style is not None:
            line.stylize(theme.cursor_style, cursor, cursor + 1)
        offsets = self.wrapped_document.get_offsets(line_index)
        sections = line.divide(offsets) if offsets else [line]
        width = self.scrollable_content_region.width
        fill = theme.base_style if theme is not None else None
        base = fill if fill is not None else self.rich_style
        console = self.app.console
        lines = []
        for section in sections:
            section.end = ""
            strip = Strip(section.render(console), cell_length=section.cell_len)
            lines.append(strip.extend_cell_length(width, fill).apply_style(base))
        return lines

    # -- positions ---------------------------------------------------------------------------

    def offset_of(self, location: tuple[int, int]) -> int:
        return self._lines.offset(location)

    def location_of(self, offset: int) -> tuple[int, int]:
        return self._lines.location(offset)

    def _cursor_offset_in_text(self) -> int:
        return self._lines.offset(self.cursor_location)

    def _current_sentence(self) -> int:
        return sentence_at(self.sentences, self._cursor_offset_in_text(), self._sentence_starts)

    def _cursor_on_screen(self) -> bool:
        _, cursor_y = self.wrapped_document.location_to_offset(self.cursor_location)
        top = self.scroll_offset.y
        return top <= cursor_y < top + max(self.content_size.height, 1)

    def move_to_offset(self, offset: int) -> None:
        self.move_cursor(self._lines.location(offset), center=True)

    def show_offset(self, offset: int) -> None:
        """Scroll, if needed, so the text at `offset` is in view, a third of the way down;
        the cursor stays (the reader may not have the focus)."""
        _, y = self.wrapped_document.location_to_offset(self._lines.location(offset))
        top, height = self.scroll_offset.y, max(self.scrollable_content_region.height, 1)
        if not top <= y < top + height:
            self.scroll_to(y=max(y - height // 3, 0), animate=False)

    # -- passages ----------------------------------------------------------------------------

    @property
    def has_passage(self) -> bool:
        return not self.selection.is_empty

    def passage_offsets(self) -> tuple[int, int] | None:
        """The selected passage as offsets into the article's text, without outer spaces."""
        if self.selection.is_empty:
            return None
        start, end = sorted(self._lines.offset(loc) for loc in self.selection)
        text = self.article_text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def start_passage(self) -> None:
        """Select the sentence under the cursor (or the first one on screen)."""
        if not self.sentences:
            return
        if not self._cursor_on_screen():
            top = self.wrapped_document.offset_to_location(Offset(0, self.scroll_offset.y))
            self.move_cursor(top)
        index = self._current_sentence()
        self._anchor = self._moving = index
        self._select_sentences()

    def _sync_from_selection(self) -> None:
        """Pick up a selection made with the mouse or shift+arrows."""
        if self._anchor is not None and self._moving is not None:
            return
        start, end = (self._lines.offset(loc) for loc in self.selection)
        first = start if start <= end else max(start - 1, 0)
        last = max(end - 1, 0) if end > start else end
        self._anchor = sentence_at(self.sentences, first, self._sentence_starts)
        self._moving = sentence_at(self.sentences, last, self._sentence_starts)

    def extend_sentence(self, step: int) -> None:
        if not self.sentences:
            return
        if self.selection.is_empty:
            self.start_passage()
            return
        self._sync_from_selection()
        assert self._moving is not None
        self._moving = min(max(self._moving + step, 0), len(self.sentences) - 1)
        self._select_sentences()

    def extend_paragraph(self, step: int) -> None:
        if not self.sentences:
            return
        if self.selection.is_empty:
            self.start_passage()
        self._sync_from_selection()
        assert self._moving is not None
        sentences = self.sentences
        index = self._moving
        paragraph = sentences[index].paragraph
        if step > 0:
            last_of_paragraph = max(i for i, s in enumerate(sentences) if s.paragraph == paragraph)
            if index == last_of_paragraph and index + 1 < len(sentences):
                paragraph = sentences[index + 1].paragraph
                last_of_paragraph = max(
                    i for i, s in enumerate(sentences) if s.paragraph == paragraph
                )
            self._moving = last_of_paragraph
        else:
            first_of_paragraph = min(i for i, s in enumerate(sentences) if s.paragraph == paragraph)
            if index == first_of_paragraph and index > 0:
                paragraph = sentences[index - 1].paragraph
                first_of_paragraph = min(
                    i for i, s in enumerate(sentences) if s.paragraph == paragraph
                )
            self._moving = first_of_paragraph
        self._select_sentences()

    def _select_sentences(self) -> None:
        assert self._anchor is not None and self._moving is not None
        anchor, moving = self.sentences[self._anchor], self.sentences[self._moving]
        if self._moving >= self._anchor:
            start, end = anchor.start, moving.end
        else:
            start, end = anchor.end, moving.start
        self.selection = Selection(self._lines.location(start), self._lines.location(end))
        self.scroll_cursor_visible()

    def cancel_passage(self) -> None:
        self._anchor = self._moving = None
        self.selection = Selection.cursor(self.cursor_location)

    def on_text_area_selection_changed(self, event: TextArea.SelectionChanged) -> None:
        # A selection changed by the mouse or shift+arrows no longer follows sentences.
        if self._anchor is not None and self._moving is not None:
            anchor, moving = self.sentences[self._anchor], self.sentences[self._moving]
            expected = (
                (anchor.start, moving.end)
                if self._moving >= self._anchor
                else (anchor.end, moving.start)
            )
            actual = tuple(self._lines.offset(loc) for loc in event.selection)
            if actual != expected:
                self._anchor = self._moving = None
