"""The annotation panel: the open article's people, themes, other tags, passages and notes,
each a row the user can select (to remove it, or to jump to the passage), and the progress
line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.color import Color, ColorParseError
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from dipreader.store.model import PERSON, THEME, Annotation, Tag
from dipreader.suggest import Suggestion
from dipreader.tui.folding import fold, visible

QUOTE_MAX_CHARS = 160
SUGGESTION_REASON_MAX_CHARS = 24
KIND_STYLES = {PERSON: "$text-accent", THEME: "$text-success"}  # as the reader's mentions
OTHER_KIND_STYLE = "$text-primary"


@dataclass(frozen=True)
class PanelItem:
    """What a selectable row of the panel stands for."""

    annotation: Annotation | None = None
    passage: tuple[int, int] | None = None  # a passage's quote row: Enter shows it
    suggestion: Suggestion | None = None  # Enter accepts it, d/x turns it down


def swatch_style(tag: Tag) -> str:
    if tag.colour:
        try:
            return Color.parse(tag.colour).hex
        except ColorParseError:
            pass
    return KIND_STYLES.get(tag.kind, OTHER_KIND_STYLE)


def tag_label(tag: Tag, *, with_kind: bool) -> Content:
    name = visible(tag.name)
    parts: list[str | tuple[str, str]] = [("● ", swatch_style(tag))]
    if with_kind:
        parts.append((f"{visible(tag.kind)}: ", "$text-muted"))
    parts.append(name)
    return Content.assemble(*parts)


def _quote(text: str) -> str:
    text = " ".join(visible(text).split())
    if len(text) > QUOTE_MAX_CHARS:
        text = text[: QUOTE_MAX_CHARS - 1].rstrip() + "…"
    return f"« {text} »"


def suggestion_label(suggestion: Suggestion) -> Content:
    kind = {PERSON: "person", THEME: "theme"}.get(suggestion.kind, suggestion.kind)
    why = suggestion.triggers[0] if suggestion.triggers else f"{len(suggestion.evidence)}× in text"
    if len(why) > SUGGESTION_REASON_MAX_CHARS:
        why = why[: SUGGESTION_REASON_MAX_CHARS - 1] + "…"
    return Content.assemble(
        ("  + ", "$text-success"),
        (f"{visible(kind)}: ", "$text-muted"),
        visible(suggestion.name),
        (f"  {visible(why)}", "italic $text-muted"),
    )


def build_rows(
    annotations: list[Annotation],
    tags_by_id: dict[str, Tag],
    hint: Callable[[str], str],
    suggestions: list[Suggestion] | None = None,
) -> list[tuple[Content, PanelItem | None]]:
    """Rows of the panel, in order: (what to show, what it stands for or None for a heading).

    `hint(binding_id)` names the key that does something, for the "none yet" lines.
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

    rows: list[tuple[Content, PanelItem | None]] = []

    def heading(title: str, count: int) -> None:
        label = f"{title} ({count})" if count else title
        rows.append((Content.styled(label, "bold $text-primary"), None))

    def empty(text: str) -> None:
        rows.append((Content.styled(f"  {text}", "italic $text-muted"), None))

    for kind, title, binding in ((PERSON, "People", "tag_person"), (THEME, "Themes", "tag_theme")):
        heading(title, len(whole[kind]))
        for tag, annotation in sorted(whole[kind], key=lambda pair: fold(pair[0].name)):
            rows.append(
                (Content.assemble("  ", tag_label(tag, with_kind=False)), PanelItem(annotation))
            )
        if not whole[kind]:
            empty(f"none yet: {hint(binding)} adds one")

    others = sorted(whole[""], key=lambda pair: (fold(pair[0].kind), fold(pair[0].name)))
    heading("Other tags", len(others))
    for tag, annotation in others:
        rows.append((Content.assemble("  ", tag_label(tag, with_kind=True)), PanelItem(annotation)))
    if not others:
        empty(f"none yet: {hint('tag_other')} adds one")

    heading("Passages", len(passages))
    for (start, end), group in sorted(passages.items()):
        target = group[0].target
        assert target is not None
        rows.append(
            (Content.styled(f"  {_quote(target.exact)}", "italic"), PanelItem(passage=(start, end)))
        )
        for annotation in group:
            if annotation.tag_id is not None and annotation.tag_id in tags_by_id:
                label = tag_label(tags_by_id[annotation.tag_id], with_kind=True)
                rows.append((Content.assemble("    ", label), PanelItem(annotation)))
            elif annotation.note is not None:
                rows.append(
                    (Content.assemble("    ✎ ", visible(annotation.note)), PanelItem(annotation))
                )
    if not passages:
        empty(f"none yet: {hint('select_passage')} selects one")

    heading("Notes", len(notes))
    for annotation in notes:
        assert annotation.note is not None
        rows.append((Content.assemble("  ✎ ", visible(annotation.note)), PanelItem(annotation)))
    if not notes:
        empty(f"none yet: {hint('note')} adds one")

    if suggestions:
        heading("Suggestions", len(suggestions))
        empty(f"Enter accepts · {hint('remove')} turns down")
        for suggestion in suggestions:
            rows.append((suggestion_label(suggestion), PanelItem(suggestion=suggestion)))
    return rows


class AnnotationList(OptionList):
    """Headings are disabled options, so the cursor only stops on things it can act on."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.items: list[PanelItem | None] = []

    def show_rows(self, rows: list[tuple[Content, PanelItem | None]]) -> None:
        # Where the user is working in the panel, stay there; otherwise start at the top.
        keep = self.highlighted if self.has_focus else None
        from_end = None
        if keep is not None and keep < len(self.items):
            item = self.items[keep]
            if item is not None and item.suggestion is not None:
                from_end = len(self.items) - keep
        self.items = [item for _, item in rows]
        self.set_options(Option(content, disabled=item is None) for content, item in rows)
        selectable = [i for i, item in enumerate(self.items) if item is not None]
        if selectable:
            # Stay near where the user was: after a removal, on the row that took its place;
            # after accepting a suggestion (the last section), on the next suggestion.
            if from_end is not None:
                target = len(self.items) - from_end
            else:
                target = keep if keep is not None else selectable[0]
            self.highlighted = min(selectable, key=lambda i: (abs(i - target), i))

    @property
    def selected_item(self) -> PanelItem | None:
        if self.highlighted is None or self.highlighted >= len(self.items):
            return None
        return self.items[self.highlighted]

    def highlight_first_removable(self) -> None:
        for index, item in enumerate(self.items):
            if item is not None and item.annotation is not None:
                self.highlighted = index
                return


class AnnotationPanel(Vertical):
    def compose(self) -> ComposeResult:
        yield AnnotationList(id="annotations")
        yield Static(id="progress")

    def show(
        self,
        annotations: list[Annotation],
        tags_by_id: dict[str, Tag],
        hint: Callable[[str], str],
        suggestions: list[Suggestion] | None = None,
    ) -> None:
        rows = build_rows(annotations, tags_by_id, hint, suggestions)
        self.query_one(AnnotationList).show_rows(rows)

    def show_progress(self, tagged: int, total: int) -> None:
        self.query_one("#progress", Static).update(Content(f"{tagged} of {total} articles tagged"))
