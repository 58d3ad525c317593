"""The annotation panel: the suggestions for the open article (numbered, with the cue behind
each), then its people, themes, other tags, passages and notes, each a row the user can select
(to accept or reject it, remove it, or jump to the passage), and the progress line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.color import Color, ColorParseError
from textual.containers import Vertical
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from dipreader.folding import fold
from dipreader.store.model import PERSON, THEME, Annotation, Tag
from dipreader.store.names import MAX_NAME_LENGTH
from dipreader.store.validate import MAX_NOTE_LENGTH
from dipreader.tui.folding import visible
from dipreader.tui.keys import SUGGESTION_NUMBERS
from dipreader.tui.quiet_static import QuietStatic
from dipreader.tui.sized_by_screen import virtual_size_without_layout

if TYPE_CHECKING:
    from dipreader.suggest import Suggestion

QUOTE_MAX_CHARS = 160
KIND_STYLES = {PERSON: "$text-accent", THEME: "$text-success"}  # as the reader's mentions
OTHER_KIND_STYLE = "$text-primary"


@dataclass(frozen=True)
class PanelItem:
    """What a selectable row of the panel stands for."""

    annotation: Annotation | None = None
    passage: tuple[int, int] | None = None  # a passage's quote row: Enter shows it
    suggestion: Suggestion | None = None  # Enter or its number accepts it, r rejects it

    @property
    def identity(self) -> tuple[object, ...]:
        """What the row stands for across redraws (its records are rebuilt each time)."""
        if self.annotation is not None:
            return ("annotation", self.annotation.id)
        if self.suggestion is not None:
            return ("suggestion", self.suggestion.key)
        return ("passage", self.passage)


class Hanging(Visual):
    """A panel row whose wrapped lines start under its text, not under its bullet or number.

    An `aside` (a suggestion's reason) follows the text on its line if there is room for it,
    else takes the line below; either way it is cut to that one line: the panel stays short.
    """

    ASIDE_MIN_CELLS = 12  # less room than this beside the text: the aside goes below

    def __init__(self, lead: Content, body: Content, aside: Content | None = None) -> None:
        self.lead = lead
        self.body = body
        self.aside = aside

    def __eq__(self, other: object) -> bool:
        # Equal rows are not drawn again: the panel compares a new article's rows with its own.
        if not isinstance(other, Hanging):
            return NotImplemented
        return (self.lead, self.body, self.aside) == (other.lead, other.body, other.aside)

    def __hash__(self) -> int:
        return hash((self.lead, self.body, self.aside))

    def __str__(self) -> str:
        aside = f"  {self.aside.plain}" if self.aside is not None else ""
        return self.lead.plain + self.body.plain + aside

    def _layout(self, width: int) -> tuple[Content, Content | None]:
        """(the text, wrapped at `width`; the aside's own line below it, or None)."""
        if self.aside is None:
            return self.body, None
        room = width - self.body.cell_length - 2
        if room >= min(self.aside.cell_length, self.ASIDE_MIN_CELLS):
            return self.body + Content("  ") + self.aside.truncate(room, ellipsis=True), None
        return self.body, self.aside.truncate(width, ellipsis=True)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        text, _ = self._layout(container_width)
        return self.lead.cell_length + text.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        width -= self.lead.cell_length
        if width <= 0:
            return 1
        text, below = self._layout(width)
        return text.get_height(rules, width) + (below is not None)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        indent = self.lead.cell_length
        if width <= indent:
            return self.lead.render_strips(width, 1, style, options)
        text, below = self._layout(width - indent)
        lines = text.render_strips(width - indent, None, style, options)
        if below is not None:
            lines += below.render_strips(width - indent, 1, style, options)
        lead = self.lead.render_strips(indent, 1, style, options)[0]
        blank = Strip.blank(indent, style.rich_style)
        strips = [Strip.join([lead if i == 0 else blank, line]) for i, line in enumerate(lines)]
        return strips if height is None else strips[:height]


def swatch_style(tag: Tag) -> str:
    if tag.colour:
        try:
            return Color.parse(tag.colour).hex
        except ColorParseError:
            pass
    return KIND_STYLES.get(tag.kind, OTHER_KIND_STYLE)


def _tag_name(tag: Tag, *, with_kind: bool) -> Content:
    kind = (f"{shown_in_part(tag.kind, MAX_NAME_LENGTH)}: ", "$text-muted") if with_kind else ""
    return Content.assemble(kind, shown_in_part(tag.name, MAX_NAME_LENGTH))


def tag_label(tag: Tag, *, with_kind: bool) -> Content:
    return Content.assemble(("● ", swatch_style(tag)), _tag_name(tag, with_kind=with_kind))


def tag_row(indent: str, tag: Tag, *, with_kind: bool) -> Hanging:
    """A tag in the panel, its name wrapping under itself, not under its swatch."""
    lead = Content.assemble(indent, ("● ", swatch_style(tag)))
    return Hanging(lead, _tag_name(tag, with_kind=with_kind))


def _quote(text: str) -> str:
    """The passage on one line, cut to QUOTE_MAX_CHARS, closed with » (the row opens it)."""
    # Cut before cleaning: a passage edited by hand into the file can be megabytes long.
    text = " ".join(visible(text[: QUOTE_MAX_CHARS * 8]).split())
    if len(text) > QUOTE_MAX_CHARS:
        text = text[: QUOTE_MAX_CHARS - 1].rstrip() + "…"
    return f"{text} »"


def shown_in_part(text: str, limit: int) -> str:
    """Text made safe to draw, whole up to the store's own limit for it; longer (only a hand
    edit of the file makes it) cut there and said so, because laying out megabytes in a panel
    row froze the app for minutes. The file keeps the text whole."""
    if len(text) <= limit:
        return visible(text)
    return f"{visible(text[:limit])}… (shown in part: {len(text):,} characters)"


def _note(note: str) -> Content:
    return Content(shown_in_part(note, MAX_NOTE_LENGTH))


def suggestion_reason(suggestion: Suggestion) -> str:
    """Why it is suggested: the title or theme phrases that triggered it; else how the text
    spells it where that is not its name (an alias, a surname, a variant), else nothing."""
    if suggestion.triggers:
        return ", ".join(suggestion.triggers)
    spellings = dict.fromkeys(" ".join(span.text.split()) for span in suggestion.evidence)
    return ", ".join(f"«{text}»" for text in spellings if text != suggestion.name)


def suggestion_row(suggestion: Suggestion, number_key: str | None) -> Hanging:
    """`1 person: Tô Lâm ×8  secrétaire général`: the key that accepts it (a dot past the
    ninth), its kind and name, how often the text has it, and why."""
    kind = {PERSON: "person", THEME: "theme"}.get(suggestion.kind, suggestion.kind)
    lead = Content.styled(f"  {number_key} " if number_key else "  · ", "bold $text-accent")
    count = len(suggestion.evidence)
    body = Content.assemble(
        (f"{visible(kind)}: ", KIND_STYLES.get(suggestion.kind, OTHER_KIND_STYLE)),
        visible(suggestion.name),
        (f" ×{count}" if count > 1 else "", "$text-muted"),
    )
    reason = Content.styled(visible(suggestion_reason(suggestion)), "italic $text-muted")
    return Hanging(lead, body, reason if reason.plain else None)


def _row(lead: str, body: Content | str) -> Hanging:
    return Hanging(Content(lead), body if isinstance(body, Content) else Content(body))


PanelRow = tuple[Content | Hanging, PanelItem | None]


def build_rows(
    annotations: list[Annotation],
    tags_by_id: dict[str, Tag],
    hint: Callable[[str], str],
    suggestions: list[Suggestion] | None = None,
    suggestion_error: str | None = None,
) -> list[PanelRow]:
    """Rows of the panel, in order: (what to show, what it stands for or None for a heading).

    `hint(binding_id)` names the key that does something: the suggestions' numbers and the
    "none yet" lines. Suggestions come first, so their numbers are in view without scrolling,
    even in the short panel of a narrow terminal.
    """
    whole: dict[str, list[tuple[Tag, Annotation]]] = {PERSON: [], THEME: [], "": []}
    notes: list[Annotation] = []
    passages: dict[tuple[int, int], list[Annotation]] = {}
    for annotation in annotations:
        if annotation.target is not None:
            key = (annotation.target.start, annotation.target.end)
            passages.setdefault(key, []).append(annotation)
        elif annotation.tag_id is not None and annotation.tag_id in tags_by_id:
            tag = tags_by_id[annotation.tag_id]
            whole[tag.kind if tag.kind in (PERSON, THEME) else ""].append((tag, annotation))
        elif annotation.note is not None:
            notes.append(annotation)

    rows: list[PanelRow] = []

    def heading(title: str, count: int) -> None:
        label = f"{title} ({count})" if count else title
        rows.append((Content.styled(label, "bold $text-primary"), None))

    def empty(text: str, style: str = "italic $text-muted") -> None:
        rows.append((Hanging(Content("  "), Content.styled(text, style)), None))

    if suggestion_error:
        heading("Suggestions", 0)
        empty(f"none: {visible(suggestion_error)}", "italic $text-warning")
    elif suggestions:
        heading("Suggestions", len(suggestions))
        last = min(len(suggestions), len(SUGGESTION_NUMBERS))
        numbers = hint("accept_1") if last == 1 else f"{hint('accept_1')}–{hint(f'accept_{last}')}"
        empty(f"{numbers} accept, {hint('accept_all')} all, {hint('reject')} reject")
        for index, suggestion in enumerate(suggestions, start=1):
            number_key = hint(f"accept_{index}") if index in SUGGESTION_NUMBERS else None
            rows.append((suggestion_row(suggestion, number_key), PanelItem(suggestion=suggestion)))

    for kind, title, binding in ((PERSON, "People", "tag_person"), (THEME, "Themes", "tag_theme")):
        heading(title, len(whole[kind]))
        for tag, annotation in sorted(whole[kind], key=lambda pair: fold(pair[0].name)):
            rows.append((tag_row("  ", tag, with_kind=False), PanelItem(annotation)))
        if not whole[kind]:
            empty(f"none yet: {hint(binding)} adds one")

    others = sorted(whole[""], key=lambda pair: (fold(pair[0].kind), fold(pair[0].name)))
    heading("Other tags", len(others))
    for tag, annotation in others:
        rows.append((tag_row("  ", tag, with_kind=True), PanelItem(annotation)))
    if not others:
        empty(f"none yet: {hint('tag_other')} adds one")

    heading("Passages", len(passages))
    for (start, end), group in sorted(passages.items()):
        target = group[0].target
        assert target is not None
        quote = Hanging(
            Content.styled("  « ", "italic"), Content.styled(_quote(target.exact), "italic")
        )
        rows.append((quote, PanelItem(passage=(start, end))))
        for annotation in group:
            if annotation.tag_id is not None and annotation.tag_id in tags_by_id:
                tag = tags_by_id[annotation.tag_id]
                rows.append((tag_row("    ", tag, with_kind=True), PanelItem(annotation)))
            elif annotation.note is not None:
                rows.append((_row("    ✎ ", _note(annotation.note)), PanelItem(annotation)))
    if not passages:
        empty(f"none yet: {hint('select_passage')} selects one")

    heading("Notes", len(notes))
    for annotation in notes:
        assert annotation.note is not None
        rows.append((_row("  ✎ ", _note(annotation.note)), PanelItem(annotation)))
    if not notes:
        empty(f"none yet: {hint('note')} adds one")
    return rows


class AnnotationList(OptionList):
    """Headings are disabled options, so the cursor only stops on things it can act on."""

    virtual_size = virtual_size_without_layout()  # the option list moves its scrollbar

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.items: list[PanelItem | None] = []
        self._rows: list[PanelRow] = []

    def show_rows(self, rows: list[PanelRow]) -> None:
        if rows == self._rows:
            return  # the same rows (the article shown again after a change elsewhere)
        self._rows = rows
        # Where the user is working in the panel, stay there: on the same row if it is still
        # listed (a suggestion accepted by its number), else on the next row of its kind (after
        # a removed tag, the next tag; after an accepted or rejected suggestion, the next
        # suggestion), else the one before it. Rows are found again by what they stand for:
        # a removed tag comes back among the suggestions, and moves every row under it.
        wanted: list[tuple[object, ...]] = []
        keep = self.highlighted if self.has_focus else None
        if keep is not None and keep < len(self.items) and self.items[keep] is not None:
            kept = self.items[keep]
            assert kept is not None
            same_kind = [
                item.identity
                for item in self.items
                if item is not None and item.identity[0] == kept.identity[0]
            ]
            at = same_kind.index(kept.identity)
            wanted = [kept.identity, *same_kind[at + 1 :], *reversed(same_kind[:at])]
        self.items = [item for _, item in rows]
        self.set_options(Option(content, disabled=item is None) for content, item in rows)
        index_of = {item.identity: i for i, item in enumerate(self.items) if item is not None}
        if not index_of:
            return
        found = next((index_of[identity] for identity in wanted if identity in index_of), None)
        if found is None:
            target = keep if keep is not None else 0
            found = min(index_of.values(), key=lambda i: (abs(i - target), i))
        self.highlighted = found

    @property
    def selected_item(self) -> PanelItem | None:
        if self.highlighted is None or self.highlighted >= len(self.items):
            return None
        return self.items[self.highlighted]

    @property
    def selected_suggestion(self) -> Suggestion | None:
        item = self.selected_item
        return item.suggestion if item is not None else None

    def highlight_first(self, wanted: Callable[[PanelItem], bool]) -> PanelItem | None:
        """Highlight the first row that is `wanted`; that row's item, or None (nothing
        moves) if there is none."""
        for index, item in enumerate(self.items):
            if item is not None and wanted(item):
                self.highlighted = index
                return item
        return None


class AnnotationPanel(Vertical):
    def compose(self) -> ComposeResult:
        yield AnnotationList(id="annotations")
        yield QuietStatic(id="progress")

    def show(
        self,
        annotations: list[Annotation],
        tags_by_id: dict[str, Tag],
        hint: Callable[[str], str],
        suggestions: list[Suggestion] | None = None,
        suggestion_error: str | None = None,
    ) -> None:
        rows = build_rows(annotations, tags_by_id, hint, suggestions, suggestion_error)
        self.query_one(AnnotationList).show_rows(rows)

    def show_progress(self, tagged: int, total: int) -> None:
        progress = Content(f"{tagged} of {total} articles tagged")
        self.query_one("#progress", QuietStatic).set_content(progress)
