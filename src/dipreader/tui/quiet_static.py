"""A Static that is redrawn only when its content changes."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class QuietStatic(Static):
    """Static.update lays the whole screen out again, even for the same text: status lines
    set after every key (the list's count, the progress, the reader's header) skip that."""

    def set_content(self, content: Content) -> None:
        if content != self.content:
            self.update(content)
