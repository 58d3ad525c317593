"""Small modal screens: choose or create a tag with completion, write a note, confirm."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from dipreader.folding import fold
from dipreader.store.model import BUILTIN_KINDS, Tag
from dipreader.tui.folding import matches_all_terms, name_completions, visible
from dipreader.tui.panel import tag_label

MAX_MATCHES = 40


@dataclass(frozen=True)
class TagChoice:
    name: str
    kind: str
    existing: bool


def rank_tags(tags: list[Tag], kind: str, typed: str) -> list[Tag]:
    """Tags of `kind` matching what was typed, best first: same name, then names starting
    with it, then names containing every word of it (accents and case ignored; aliases count),
    then tags whose description mentions it."""
    folded_kind = fold(kind)
    query = fold(typed)
    ranked: list[tuple[int, str, Tag]] = []
    for tag in tags:
        if fold(tag.kind) != folded_kind:
            continue
        names = [fold(tag.name), *(fold(alias) for alias in tag.aliases)]
        if not query:
            rank = 3
        elif query in names:
            rank = 0
        elif any(name.startswith(query) for name in names):
            rank = 1
        elif any(matches_all_terms(name, query) for name in names):
            rank = 2
        elif tag.description and matches_all_terms(fold(tag.description), query):
            rank = 4
        else:
            continue
        ranked.append((rank, names[0], tag))
    ranked.sort(key=lambda entry: (entry[0], entry[1]))
    return [tag for _, _, tag in ranked[:MAX_MATCHES]]


class TagPrompt(ModalScreen[TagChoice | None]):
    """Type a name; the list below shows what Enter will do (an existing tag, or a new one)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "cancel", show=True),
        Binding("down", "move(1)", "next", show=False, priority=True),
        Binding("up", "move(-1)", "previous", show=False, priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._new_names: dict[str, str] = {}
        self.prepare("", "", [], [])

    def prepare(
        self, title: str, kind: str, tags: list[Tag], kinds: list[str], text: str = ""
    ) -> None:
        """Ask afresh, with an empty name (the app shows one prompt again: `reused_screen`)."""
        self.prompt_title = title
        self.kind = kind  # "" asks for the kind first
        self._kind_entered = False
        self.tags = tags
        self.other_kinds = [k for k in kinds if k not in BUILTIN_KINDS]
        self.text = text  # the article's (or passage's) text, for spellings of new names
        if self.is_mounted:
            self._start()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(classes="dialog-title", id="prompt-title")
            yield Input(placeholder="kind: place, organisation, event…", id="kind")
            yield Input(placeholder="name: type to search the vocabulary", id="name")
            yield OptionList(id="matches", markup=False)
            yield Static(Content("↑↓ choose · Enter confirm · Esc cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#matches", OptionList).can_focus = False
        self._start()

    def _start(self) -> None:
        self.query_one("#prompt-title", Static).update(Content(self.prompt_title))
        kind, name = self.query_one("#kind", Input), self.query_one("#name", Input)
        kind.display = not self.kind
        kind.suggester = SuggestFromList(self.other_kinds, case_sensitive=False)
        with self.prevent(Input.Changed):
            kind.value = name.value = ""
        self.set_focus(name if self.kind else kind)
        self._refresh_matches()

    def _current_kind(self) -> str:
        if self.kind:
            return self.kind
        return self.query_one("#kind", Input).value.strip()

    def _refresh_matches(self) -> None:
        matches = self.query_one("#matches", OptionList)
        typed = self.query_one("#name", Input).value.strip()
        kind = self._current_kind()
        options: list[Option] = []
        self._new_names = {}
        if kind:
            known = set()
            for tag in rank_tags(self.tags, kind, typed):
                known.add(fold(tag.name))
                label = tag_label(tag, with_kind=False)
                if tag.description:
                    label = Content.assemble(
                        label, (f"  {visible(tag.description)}", "$text-muted")
                    )
                options.append(Option(label, id=f"tag:{tag.id}"))
            new_names = [*name_completions(self.text, typed), " ".join(typed.split())]
            for name in dict.fromkeys(new_names):
                if name and fold(name) not in known:
                    option_id = f"new:{len(self._new_names)}"
                    self._new_names[option_id] = name
                    note = "" if name == new_names[-1] else "  as in the text"
                    label = Content.assemble(
                        ("+ new ", "$text-success"),
                        (f"{visible(kind)}: ", "bold"),
                        visible(name),
                        (note, "$text-muted"),
                    )
                    options.append(Option(label, id=option_id))
                    known.add(fold(name))
        matches.set_options(options)
        if options:
            matches.highlighted = 0

    @on(Input.Changed)
    def _typed(self) -> None:
        self._refresh_matches()

    @on(Input.Submitted, "#kind")
    def _kind_done(self) -> None:
        self._kind_entered = True  # the blur that follows keeps what was typed
        if self._current_kind():
            self.query_one("#name", Input).focus()

    @on(Input.Blurred, "#kind")
    def _kind_left(self) -> None:
        # Tab to the name takes the kind the input suggests (`pl` -> `place`): Textual's Input
        # accepts a suggestion only with → or End. Enter keeps what was typed, a new kind.
        if self._kind_entered:
            self._kind_entered = False
            return
        self._complete_kind()

    def _complete_kind(self) -> None:
        kind = self.query_one("#kind", Input)
        typed = kind.value.strip().casefold()
        if not typed or typed in (k.casefold() for k in self.other_kinds):
            return
        completion = next((k for k in self.other_kinds if k.casefold().startswith(typed)), None)
        if completion is not None:
            kind.value = completion

    @on(Input.Submitted, "#name")
    def _name_done(self) -> None:
        self._choose(self.query_one("#matches", OptionList).highlighted_option)

    @on(OptionList.OptionSelected, "#matches")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option)

    def _choose(self, option: Option | None) -> None:
        kind = self._current_kind()
        typed = " ".join(self.query_one("#name", Input).value.split())
        if not kind:
            self.query_one("#kind", Input).focus()
            self.notify("Type a kind first (place, organisation…).", markup=False)
            return
        if option is None or option.id is None:
            if typed:
                self.dismiss(TagChoice(typed, kind, existing=False))
            return
        if option.id in self._new_names:
            self.dismiss(TagChoice(self._new_names[option.id], kind, existing=False))
            return
        tag = next(t for t in self.tags if f"tag:{t.id}" == option.id)
        self.dismiss(TagChoice(tag.name, tag.kind, existing=True))

    def action_move(self, step: int) -> None:
        matches = self.query_one("#matches", OptionList)
        if step > 0:
            matches.action_cursor_down()
        else:
            matches.action_cursor_up()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class NotePrompt(ModalScreen[str | None]):
    """A note of one line or several: Enter saves it (the common case stays one key), ctrl+j
    starts a new line (what a terminal sends for it, unlike shift+Enter, which most send as
    Enter)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "cancel", show=True),
        Binding("enter", "save", "save", priority=True),
        Binding("ctrl+j", "new_line", "new line", priority=True),
    ]

    def __init__(self, title: str) -> None:
        super().__init__()
        self.prompt_title = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.prompt_title), classes="dialog-title")
            yield TextArea(id="note", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
            yield Static(
                Content("Enter save · ctrl+j new line · Esc cancel"), classes="dialog-hint"
            )

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_new_line(self) -> None:
        self.query_one(TextArea).insert("\n")

    def action_save(self) -> None:
        note = self.query_one(TextArea).text.strip()
        if note:
            self.dismiss(note)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class CorrectionPrompt(ModalScreen[tuple[str, str] | None]):
    """`c`: the article's title and date as the list shows them, to correct. Enter in the
    title goes to the date, Enter in the date saves both; an empty date drops a correction."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", "cancel")]

    def __init__(self, title: str, date: str) -> None:
        super().__init__()
        self.title_value, self.date_value = title, date

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content("Correct the title and date"), classes="dialog-title")
            yield Input(self.title_value, placeholder="title", id="title")
            yield Input(self.date_value, placeholder="YYYY, YYYY-MM or YYYY-MM-DD", id="date")
            yield Static(
                Content("Enter next, then save · Esc cancel · the file is not changed"),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    @on(Input.Submitted, "#title")
    def _title_done(self) -> None:
        self.query_one("#date", Input).focus()

    @on(Input.Submitted, "#date")
    def _save(self) -> None:
        title = self.query_one("#title", Input).value.strip()
        if title:
            self.dismiss((title, self.query_one("#date", Input).value.strip()))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "yes"),
        Binding("n,escape", "answer(False)", "no"),
    ]

    def __init__(self, question: str, yes: str = "Yes") -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            # The question may name a file (an export's): made safe to draw.
            yield Static(Content(visible(self.question)), classes="dialog-title")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content(f"{self.yes} (y)"), variant="warning", id="yes")
                yield Button(Content("No (n)"), id="no")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
