"""For widgets whose box the screen sizes (`1fr`, a fixed height), never their content."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive


def virtual_size_without_layout() -> Reactive[Size]:
    """A `virtual_size` whose changes repaint the widget instead of laying the screen out.

    Textual's own asks for a layout pass whenever a widget's content height changes (a new
    article, new panel rows, a filtered list). A layout pass redraws every scrollbar on the
    screen in a frame of its own, after the frame with the new content: two frames a key.
    A scrolling widget that declares this moves its scrollbar itself (`_scroll_update`).
    """
    return Reactive(Size(0, 0), layout=False)
