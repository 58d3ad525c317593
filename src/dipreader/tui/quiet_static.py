"""A Static that is redrawn only when its content changes, and laid out only when its size
does."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class QuietStatic(Static):
    """Static.update lays the whole screen out again, even for the same text: status lines
    set after every key (the list's count, the progress, the reader's header) skip that.

    New content that takes as many lines as the old (or a box whose size its CSS fixes) is
    only repainted. A layout pass would also redraw every scrollbar on the screen, in a frame
    of its own after the one with the new content.
    """

    def set_content(self, content: Content) -> None:
        if content != self.content:
            self.update(content, layout=not self._keeps_its_size(content))

    @property
    def has_fixed_size(self) -> bool:
        # No width set: the box fills its container's width, whatever it holds.
        width, height = self.styles.width, self.styles.height
        return height is not None and not height.is_auto and not (width and width.is_auto)

    def _keeps_its_size(self, content: Content) -> bool:
        if self.has_fixed_size:
            return True
        width = self.content_region.width
        if not self.is_mounted or width <= 0 or (self.styles.width and self.styles.width.is_auto):
            return False  # not laid out yet, or as wide as its text
        old = self.visual.get_height(self.styles, width)
        return content.get_height(self.styles, width) == old
