"""The bare Textual app the start-up benchmark compares dipreader with: one line of text.

    python bench/bare_app.py

It is started, drawn and quit exactly as dipreader is (see `bench/first_frame.py`); `q`
quits it, as it quits dipreader.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

MARKER = "bare-textual-app"


class BareApp(App[None]):
    BINDINGS = [("q", "quit", "quit")]  # noqa: RUF012 (Textual's own idiom)

    def compose(self) -> ComposeResult:
        yield Static(MARKER)


if __name__ == "__main__":
    BareApp().run()
