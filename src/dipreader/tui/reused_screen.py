"""Prompts made once per app and shown again, instead of made and removed at each use."""

from __future__ import annotations

from typing import TypeVar

from textual.app import App
from textual.screen import Screen

ScreenType = TypeVar("ScreenType", bound=Screen)  # type: ignore[type-arg]


def reused_screen(app: App[object], screen_type: type[ScreenType]) -> ScreenType:
    """The app's one `screen_type` screen, made the first time it is asked for.

    Textual removes a closed screen unless it is installed, then lays out and repaints the
    whole screen under it once more, after the repaint that uncovered it: closing the tag or
    filter prompt drew the main screen twice, and a third time for its scrollbars. Installed,
    a prompt stays (with its widgets) for the next time; its `prepare` sets what it asks.
    """
    name = f"reused-{screen_type.__name__}"
    if app.is_screen_installed(name):
        screen = app.get_screen(name)
        assert isinstance(screen, screen_type)
        return screen
    screen = screen_type()
    app.install_screen(screen, name)
    return screen
