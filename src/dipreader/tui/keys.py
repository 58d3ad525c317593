"""Every key of the main screen, defined once.

Each entry has a stable id: the user remaps it in the settings file (`[keys] id = "key"`),
the help screen and the command palette list it, and the App's BINDINGS are built from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class KeySpec:
    id: str
    keys: str  # Textual key names, comma-separated: "j,down"
    action: str  # an App action, with arguments: "move(1)"
    description: str  # short, for the Footer
    group: str  # the help screen's section
    command: str  # the command palette's name: "Tag: add person"
    footer: bool = False
    footer_display: str | None = None  # the Footer's name for the keys, if not the key's own


SUGGESTION_NUMBERS = range(1, 10)


KEYS: tuple[KeySpec, ...] = (
    # Move
    KeySpec("move_down", "j,down", "move(1)", "down", "Move", "Move: down"),
    KeySpec("move_up", "k,up", "move(-1)", "up", "Move", "Move: up"),
    KeySpec("go_top", "g,home", "go_edge(0)", "top", "Move", "Move: to the top"),
    KeySpec("go_bottom", "G,end", "go_edge(1)", "bottom", "Move", "Move: to the bottom"),
    KeySpec("next_pane", "tab", "cycle_pane(1)", "next pane", "Move", "Move: next pane"),
    KeySpec(
        "previous_pane", "shift+tab", "cycle_pane(-1)", "prev pane", "Move", "Move: previous pane"
    ),
    KeySpec("open", "enter", "open_article", "open", "Move", "Article: open in the reader"),
    KeySpec("page_down", "space", "page(1)", "page down", "Move", "Reader: page down"),
    KeySpec("page_up", "b", "page(-1)", "page up", "Move", "Reader: page up"),
    KeySpec(
        "next_unread",
        "right_square_bracket",
        "unread(1)",
        "next unread",
        "Move",
        "Article: next unread",
    ),
    KeySpec(
        "previous_unread",
        "left_square_bracket",
        "unread(-1)",
        "prev unread",
        "Move",
        "Article: previous unread",
    ),
    KeySpec("flip_order", "o", "flip_order", "order", "Move", "List: flip the date order"),
    KeySpec("correct", "c", "correct", "correct", "Tag", "Article: correct its title and date"),
    KeySpec(
        "list_narrower",
        "less_than_sign",
        "resize_list(-1)",
        "list narrower",
        "Move",
        "List: make the list pane narrower",
    ),
    KeySpec(
        "list_wider",
        "greater_than_sign",
        "resize_list(1)",
        "list wider",
        "Move",
        "List: make the list pane wider",
    ),
    # Tag
    KeySpec("tag_person", "p", "tag('person')", "person", "Tag", "Tag: add person", footer=True),
    KeySpec("tag_theme", "t", "tag('theme')", "theme", "Tag", "Tag: add theme", footer=True),
    KeySpec("tag_other", "T", "tag('')", "other tag", "Tag", "Tag: add a tag of another kind"),
    KeySpec(
        "remove",
        "d,x",
        "remove_selected",
        "remove",
        "Tag",
        "Tag: remove the selected tag",
        footer=True,
    ),
    KeySpec("note", "n", "note", "note", "Tag", "Note: add a note", footer=True),
    KeySpec("undo", "u", "undo", "undo", "Tag", "Edit: undo", footer=True),
    KeySpec("redo", "ctrl+r", "redo", "redo", "Tag", "Edit: redo"),
    KeySpec("star", "s", "toggle_star", "star", "Tag", "Article: star or unstar"),
    KeySpec("toggle_read", "m", "toggle_read", "read", "Tag", "Article: mark read or unread"),
    # Suggest: the panel numbers the suggestions it lists; digits accept them by number. Only
    # the first shows in the Footer, as "1-9": one entry for the nine keys.
    *(
        KeySpec(
            f"accept_{number}",
            str(number),
            f"accept({number})",
            "accept",
            "Suggest",
            f"Suggestion: accept number {number}",
            footer=number == 1,
            footer_display="1-9" if number == 1 else None,
        )
        for number in SUGGESTION_NUMBERS
    ),
    KeySpec(
        "accept_all",
        "a",
        "accept_all",
        "accept all",
        "Suggest",
        "Suggestion: accept all shown",
        footer=True,
    ),
    KeySpec(
        "reject",
        "r",
        "reject_suggestion",
        "reject",
        "Suggest",
        "Suggestion: reject the selected one",
        footer=True,
    ),
    # Passage
    KeySpec(
        "select_passage",
        "v",
        "start_passage",
        "passage",
        "Passage",
        "Passage: select from the current sentence",
        footer=True,
    ),
    KeySpec(
        "extend_down",
        "shift+down",
        "extend_sentence(1)",
        "+sentence",
        "Passage",
        "Passage: extend by a sentence",
    ),
    KeySpec(
        "extend_up",
        "shift+up",
        "extend_sentence(-1)",
        "-sentence",
        "Passage",
        "Passage: move its end back a sentence",
    ),
    KeySpec(
        "extend_paragraph_down",
        "right_curly_bracket",
        "extend_paragraph(1)",
        "+paragraph",
        "Passage",
        "Passage: extend to the next paragraph",
    ),
    KeySpec(
        "extend_paragraph_up",
        "left_curly_bracket",
        "extend_paragraph(-1)",
        "-paragraph",
        "Passage",
        "Passage: back to the previous paragraph",
    ),
    KeySpec(
        "cancel",
        "escape",
        "cancel",
        "cancel",
        "Passage",
        "Cancel the selection, search or filter",
        footer=True,
    ),
    # Find
    KeySpec(
        "search", "slash", "search", "search", "Find", "Find: search titles and text", footer=True
    ),
    KeySpec("filter", "f", "filter", "filter", "Find", "Find: filter the list", footer=True),
    # App
    KeySpec(
        "update_feeds",
        "R",
        "update_feeds",
        "feeds",
        "App",
        "Feeds: update them and add their new articles",
    ),
    KeySpec("export", "e", "export", "export", "App", "File: export annotations", footer=True),
    KeySpec(
        "skipped_files",
        "W",
        "show_skipped",
        "skipped",
        "App",
        "Corpus: list the files skipped or loaded with problems",
    ),
    KeySpec("help", "question_mark", "help", "help", "App", "Help: list every key", footer=True),
    KeySpec("quit", "q", "quit", "quit", "App", "App: quit", footer=True),
)

KEYS_BY_ID: dict[str, KeySpec] = {spec.id: spec for spec in KEYS}

# Textual adds the palette itself (ctrl+p); listed here so the help screen shows it.
COMMAND_PALETTE_KEY = "ctrl+p"


# The Footer shows keys in binding order and cuts what does not fit: help comes first, then
# Esc and the suggestion keys when they apply (what the analyst presses then), and last what
# the help and the panel's "none yet" lines also name (notes, passages, export).
FOOTER_ORDER = (
    "help",
    "cancel",
    "accept_1",
    "accept_all",
    "reject",
    "tag_person",
    "tag_theme",
    "remove",
    "undo",
    "search",
    "filter",
    "quit",
    "note",
    "select_passage",
    "export",
)


def bindings() -> list[Binding]:
    order = {binding_id: index for index, binding_id in enumerate(FOOTER_ORDER)}
    specs = sorted(KEYS, key=lambda spec: order.get(spec.id, len(order)))
    return [
        Binding(
            spec.keys,
            spec.action,
            spec.description,
            show=spec.footer,
            key_display=spec.footer_display,
            id=spec.id,
        )
        for spec in specs
    ]


def known_ids() -> set[str]:
    return set(KEYS_BY_ID)


def keys_for(spec: KeySpec, keymap: dict[str, str]) -> list[str]:
    """The keys a binding answers to once the user's keymap is applied."""
    return (keymap.get(spec.id) or spec.keys).split(",")
