"""The key bar at the bottom: one widget drawing one line.

Textual's Footer mounts a widget per key and rebuilds them all whenever the screen's
bindings change (every focus change, every search), a layout pass and two to three frames
each time: a tenth of a second on a 10,000-article screen. This bar only redraws its line,
and only when the keys it shows changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget

SEPARATOR = "▏"


@dataclass(frozen=True)
class ShownKey:
    key: str  # the key pressed (Textual's name: "question_mark")
    display: str  # as shown: "?"
    description: str
    enabled: bool


class KeyFooter(Widget):
    """The keys of the focused widget and the screen; the palette's key on the right."""

    ALLOW_SELECT = False
    # Structural, not looks (those are in dipreader.tcss): one line at the bottom.
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        text-wrap: nowrap;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-footer--key", "key-footer--description"}

    compact: reactive[bool] = reactive(False, toggle_class="-compact")
    """Less space around each key (narrow terminals)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keys: tuple[ShownKey, ...] = ()
        self.palette: ShownKey | None = None
        self._spans: list[tuple[int, int, ShownKey]] = []  # where each key was drawn

    def on_mount(self) -> None:
        # Not read now: the screen's other widgets may not be mounted yet. The screen
        # signals its bindings once it is ready, and after each change.
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is not self.screen:
            return
        app = self.app
        keys: list[ShownKey] = []
        actions: set[str] = set()
        palette = None
        for _, binding, enabled, _ in screen.active_bindings.values():
            shown = ShownKey(
                binding.key, app.get_key_display(binding), binding.description, enabled
            )
            if binding.key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = shown
            elif binding.show and binding.action not in actions:
                actions.add(binding.action)  # one key per action: the first is the main one
                keys.append(shown)
        if (tuple(keys), palette) != (self.keys, self.palette):
            self.keys, self.palette = tuple(keys), palette
            self.refresh()

    def _parts(self, shown: ShownKey, *, compact: bool = False) -> list[tuple[str, Style | str]]:
        if compact or self.compact:
            key, description = shown.display, f" {shown.description} "
        else:
            key, description = f" {shown.display} ", f"{shown.description} "
        if not shown.enabled:
            return [(key + description, "dim")]
        return [
            (key, self.get_visual_style("key-footer--key")),
            (description, self.get_visual_style("key-footer--description")),
        ]

    def render(self) -> Content:
        # The keys are data from the keymap file: plain text, never markup.
        spans: list[tuple[int, int, ShownKey]] = []
        left: list[tuple[str, Style | str]] = []
        at = 0
        for shown in self.keys:
            parts = self._parts(shown)
            width = sum(len(text) for text, _ in parts)
            spans.append((at, at + width, shown))
            left += parts
            at += width
        line = Content.assemble(*left)
        if self.palette is not None:
            right = Content.assemble(
                (SEPARATOR, "$foreground 20%"), *self._parts(self.palette, compact=True)
            )
            room = max(self.size.width - right.cell_length, 0)
            line = line.truncate(room, ellipsis=True)
            line = line.pad_right(room - line.cell_length)
            spans.append((room + len(SEPARATOR), room + right.cell_length, self.palette))
            line += right
        self._spans = spans
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, shown in self._spans:
            if start <= event.x < end:
                if shown.enabled:
                    self.app.simulate_key(shown.key)
                else:
                    self.app.bell()
                return
