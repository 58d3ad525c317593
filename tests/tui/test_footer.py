"""The key bar: what it shows, that it follows the focus, and that a click presses the key."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from dipreader.tui.footer import KeyFooter


class BarApp(App[None]):
    BINDINGS = [  # noqa: RUF012 (Textual's idiom)
        Binding("question_mark", "note('help')", "help", key_display="?"),
        Binding("x", "note('x')", "[b]bold?[/b]"),  # a description is text, not markup
        Binding("z", "note('hidden')", "hidden", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.notes: list[str] = []
        self.x_allowed = True

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield KeyFooter()

    def action_note(self, what: str) -> None:
        self.notes.append(what)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "note" and parameters == ("x",):
            return True if self.x_allowed else None  # None: shown, greyed out
        return True


def bar_text(app: App) -> str:
    """The bottom line of the screen, as drawn."""
    last = app.screen._compositor.render_strips()[-1]
    return "".join(segment.text for segment in last)


async def test_the_bar_lists_shown_keys_once_with_the_palette_on_the_right():
    app = BarApp()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        text = bar_text(app)
        assert text.startswith(" ? help  x [b]bold?[/b] ")
        assert "hidden" not in text
        assert text.rstrip().endswith("▏^p palette")
        assert len(text) == 60


async def test_a_click_presses_the_key_and_a_disabled_key_does_nothing():
    app = BarApp()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        await pilot.click(KeyFooter, offset=(2, 0))
        assert app.notes == ["help"]
        app.x_allowed = False
        app.refresh_bindings()
        await pilot.pause()
        assert [k.enabled for k in app.query_one(KeyFooter).keys if k.key == "x"] == [False]
        await pilot.click(KeyFooter, offset=(10, 0))
        assert app.notes == ["help"]


async def test_compact_and_narrow_bars_keep_the_palette_key():
    app = BarApp()
    async with app.run_test(size=(24, 5)) as pilot:
        await pilot.pause()
        app.query_one(KeyFooter).compact = True
        await pilot.pause()
        text = bar_text(app)
        assert text.startswith("? help")
        assert text.rstrip().endswith("▏^p palette") and len(text) == 24
        assert "…" in text  # the keys that do not fit are cut, visibly
