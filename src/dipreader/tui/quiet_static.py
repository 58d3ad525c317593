"""A Static that is redrawn only when its content changes."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class QuietStatic(Static):
    """Static.update lays the whole screen out again, even for the same text: status lines
    set after every key (the list's count, the progress, the reader's header) skip that.

    A box whose size its CSS fixes (the reader's header, the progress line) keeps that size
    whatever it says, so new content is only repainted. A layout pass would also redraw every
    scrollbar on the screen, in a frame of its own after the one with the new content.
    """

    def set_content(self, content: Content) -> None:
        if content != self.content:
            self.update(content, layout=not self.has_fixed_size)

    @property
    def has_fixed_size(self) -> bool:
        # No width set: the box fills its container's width, whatever it holds.
        width, height = self.styles.width, self.styles.height
        return height is not None and not height.is_auto and not (width and width.is_auto)
