"""Choose what the list shows: untagged, unread or starred articles, or those with one tag."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from dipreader.folding import fold
from dipreader.store.model import PERSON, THEME, Tag
from dipreader.tui.folding import matches_all_terms, visible
from dipreader.tui.panel import tag_label
from dipreader.tui.session import ListFilter

CLEAR = "clear"
_FIXED = (
    ListFilter("untagged", label="untagged"),
    ListFilter("unread", label="unread"),
    ListFilter("starred", label="starred"),
)


def tag_filter(tag: Tag) -> ListFilter:
    kind = {PERSON: "person", THEME: "theme"}.get(tag.kind, tag.kind)
    return ListFilter("tag", tag.id, f"{visible(kind)}: {visible(tag.name)}")


class FilterScreen(ModalScreen[ListFilter | str | None]):
    """Dismisses with a ListFilter, `CLEAR`, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "cancel"),
        Binding("down", "move(1)", show=False, priority=True),
        Binding("up", "move(-1)", show=False, priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.prepare([], {}, None)

    def prepare(self, tags: list[Tag], counts: dict[str, int], active: ListFilter | None) -> None:
        """Ask afresh, with an empty query (the app shows one again: `reused_screen`)."""
        self.tags = tags
        self.counts = counts  # tag id -> number of articles carrying it
        self.active = active
        if self.is_mounted:
            self._start()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content("Show only…"), classes="dialog-title")
            yield Input(placeholder="type to find a person, theme or tag", id="filter-query")
            yield OptionList(id="filters", markup=False)
            yield Static(Content("↑↓ choose · Enter apply · Esc cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#filters", OptionList).can_focus = False
        self._start()

    def _start(self) -> None:
        query = self.query_one(Input)
        with self.prevent(Input.Changed):
            query.value = ""
        self.set_focus(query)
        self._refresh()

    def _refresh(self) -> None:
        query = self.query_one(Input).value
        options: list[Option] = []
        self._filters: dict[str, ListFilter | str] = {}
        if self.active is not None and matches_all_terms(fold(f"clear {self.active.label}"), query):
            label = Content.assemble("✕ clear the filter (", self.active.label, ")")
            options.append(Option(label, id=CLEAR))
            self._filters[CLEAR] = CLEAR
        for fixed in _FIXED:
            if matches_all_terms(fold(fixed.label), query):
                options.append(Option(Content(f"{fixed.label} articles"), id=fixed.kind))
                self._filters[fixed.kind] = fixed
        for tag in self.tags:
            names = " ".join((tag.kind, tag.name, *tag.aliases))
            if not matches_all_terms(fold(names), query):
                continue
            count = self.counts.get(tag.id, 0)
            label = Content.assemble(tag_label(tag, with_kind=True), (f"  {count}", "$text-muted"))
            options.append(Option(label, id=f"tag:{tag.id}"))
            self._filters[f"tag:{tag.id}"] = tag_filter(tag)
        filters = self.query_one("#filters", OptionList)
        filters.set_options(options)
        if options:
            filters.highlighted = 0

    @on(Input.Changed)
    def _typed(self) -> None:
        self._refresh()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self._choose(self.query_one("#filters", OptionList).highlighted_option)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option)

    def _choose(self, option: Option | None) -> None:
        if option is not None and option.id in self._filters:
            self.dismiss(self._filters[option.id])

    def action_move(self, step: int) -> None:
        filters = self.query_one("#filters", OptionList)
        if step > 0:
            filters.action_cursor_down()
        else:
            filters.action_cursor_up()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
