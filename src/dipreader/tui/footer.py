"""Textual's Footer, redrawn only when the keys it shows change.

The stock Footer rebuilds all its key widgets on every bindings refresh (each focus change,
each dialog opened or closed), which costs a quarter of a second per dialog here.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[tuple[str, str, str, bool], ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            shown = tuple(
                (key, active.binding.action, active.binding.description, active.enabled)
                for key, active in screen.active_bindings.items()
                if active.binding.show
            )
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)
