"""`?`: every key of the app, as the user's keymap has them, and where to change them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from dipreader.tui.folding import visible
from dipreader.tui.keys import COMMAND_PALETTE_KEY, KEYS, KeySpec

# Keys that belong to a widget rather than to the keymap: listed so nothing is hidden.
FIXED_KEYS: tuple[tuple[str, str, str], ...] = (
    ("Move", "pageup / pagedown", "Page the focused pane"),
    ("Tag", "ctrl+j in a note", "Start a new line in the note (Enter saves it)"),
    ("Suggest", "⏎ in the panel", "Accept the suggestion the cursor is on"),
    ("Passage", "shift+← / shift+→", "Fine-tune the end of a selection by a character"),
    ("Passage", "mouse drag", "Select a passage with the mouse"),
    ("Passage", "ctrl+c", "Copy the selected text"),
    (
        "Find",
        'lam  "to lam"',
        "Search: a word finds the words it starts (Lâm, Lambert),"
        " a quoted phrase whole words; every term must be there, accents and case ignored",
    ),
    ("App", COMMAND_PALETTE_KEY, "Command palette: every action by name"),
)
GROUPS = ("Move", "Tag", "Suggest", "Passage", "Find", "App")


def help_content(display_keys: Callable[[KeySpec], str], config_file: Path) -> Content:
    rows: list[tuple[str, str, str, str]] = []
    for spec in KEYS:
        rows.append((spec.group, display_keys(spec), spec.command, spec.id))
    for group, keys, text in FIXED_KEYS:
        rows.append((group, keys, text, ""))
    width = max(len(keys) for _, keys, _, _ in rows) + 2
    parts: list[str | tuple[str, str]] = []
    for group in GROUPS:
        parts.append((f"{group}\n", "bold $text-primary"))
        for row_group, keys, text, binding_id in rows:
            if row_group != group:
                continue
            parts += [("  " + keys.ljust(width), "bold $accent"), text]
            if binding_id:
                parts.append((f"  [{binding_id}]", "$text-muted"))
            parts.append("\n")
        parts.append("\n")
    parts += [
        ("Remap keys", "bold $text-primary"),
        "\n  In ",
        (visible(str(config_file)), "underline"),
        ', a [keys] table of id = "key" lines, for example:\n',
        ('    [keys]\n    tag_person = "P"\n    quit = "q,ctrl+q"\n', "$text-muted"),
        "  The ids are the bracketed names above. The theme you pick (ctrl+p, Theme) is kept "
        "there too.",
    ]
    return Content.assemble(*parts)


def _same_keys_as(binding_id: str, action: str) -> Binding:
    spec = next(spec for spec in KEYS if spec.id == binding_id)
    return Binding(spec.keys, action, show=False, id=binding_id)


class HelpScreen(ModalScreen[None]):
    # The main screen's binding ids: the user's keymap moves these keys too.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "close"),
        _same_keys_as("help", "close"),
        _same_keys_as("quit", "close"),
        _same_keys_as("move_down", "scroll(1)"),
        _same_keys_as("move_up", "scroll(-1)"),
        _same_keys_as("go_top", "edge(0)"),
        _same_keys_as("go_bottom", "edge(1)"),
        _same_keys_as("page_down", "page(1)"),
        _same_keys_as("page_up", "page(-1)"),
        Binding("pagedown", "page(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
    ]

    def __init__(self, content: Content, title: str = "Keys") -> None:
        super().__init__()
        self.help = content
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help-dialog"):
            yield Static(Content(self.title_text), classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(self.help, id="help-text")
            hint = "j/k scroll · g/G top, end · Esc or ? close"
            yield Static(Content(hint), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, step: int) -> None:
        self.query_one("#help-scroll").scroll_relative(y=step, animate=False)

    def action_edge(self, end: int) -> None:
        scroll = self.query_one("#help-scroll")
        if end:
            scroll.scroll_end(animate=False)
        else:
            scroll.scroll_home(animate=False)

    def action_page(self, step: int) -> None:
        scroll = self.query_one("#help-scroll")
        if step > 0:
            scroll.scroll_page_down(animate=False)
        else:
            scroll.scroll_page_up(animate=False)
