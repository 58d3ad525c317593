"""A screen that draws each key's changes in one frame.

Textual draws what changed at most 60 times a second. Some of its defaults cost a key two or
three frames, each one waiting for the next tick and drawing again: this screen leaves them
out. `tests/tui/test_drawing.py` checks that what the terminal shows still equals the screen
drawn afresh. These overrides use Textual internals (private names); its version is pinned.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget


class OneFrameScreen(Screen[None]):
    # Textual repaints the whole screen when the focus moves. The widgets that look different
    # with the focus (the one leaving it, the one getting it, their `:focus-within` parents)
    # are restyled and redrawn by Textual anyway, so that full repaint (a 120×40 screen is
    # about 40 ms here) only delayed Enter, Tab and closing a prompt.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def _on_timer_update(self) -> None:
        # What a frame draws in full counts as drawn: otherwise, widgets changed just before
        # it are drawn again in a frame of their own when their own update reaches the screen
        # (Textual's widgets tell the screen they changed when they are next idle). A repaint
        # of the whole screen (shown again after a prompt closes) draws every widget: the
        # tag the prompt added. A widget drawn whole draws its scrollbars: Textual refreshes
        # them whenever the widget is restyled, as when the focus comes or goes.
        drawing = self.is_current and not self.app._batch_count
        whole = drawing and self._repaint_required
        scrollbars = [] if whole or not drawing else _scrollbars_drawn_with(self._dirty_widgets)
        super()._on_timer_update()
        for widget in self._compositor.visible_widgets if whole else scrollbars:
            widget._exchange_repaint_regions()


def _scrollbars_drawn_with(widgets: Iterable[Widget]) -> list[Widget]:
    """The shown scrollbars of the widgets about to be drawn whole (they lie in their box)."""
    bars: list[Widget] = []
    for widget in widgets:
        if widget.is_scrollable and widget.outer_size.region in widget._repaint_regions:
            if widget.show_vertical_scrollbar:
                bars.append(widget.vertical_scrollbar)
            if widget.show_horizontal_scrollbar:
                bars.append(widget.horizontal_scrollbar)
    return bars
