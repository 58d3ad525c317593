"""`e`: export the annotations (json, jsonl, csv or W3C) to a file, in a background thread,
asking before replacing a file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, LoadingIndicator, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from dipreader.corpus import Article
from dipreader.errors import DipreaderError
from dipreader.export.formats import FORMATS, SUFFIXES, format_named_by
from dipreader.export.snapshot import Snapshot
from dipreader.tui.prompts import ConfirmScreen

# What the dialog says of each format of `dipreader.export.formats.FORMATS` (the list and
# the rendering are the export layer's, shared with `dipreader export --format`).
_DESCRIPTIONS = {
    "json": "one document: vocabulary and annotated articles (re-importable)",
    "jsonl": "one article per line",
    "csv": "one row per tag or note, for a spreadsheet",
    "w3c": "W3C Web Annotations (JSON-LD)",
}
FORMAT_DETAILS: dict[str, tuple[str, str]] = {
    name: (suffix, _DESCRIPTIONS.get(name, "")) for name, suffix in SUFFIXES.items()
}


def suffix_of(format_name: str) -> str:
    # A format added to the export layer is offered even before it is described here.
    return FORMAT_DETAILS.get(format_name, (f".{format_name}", ""))[0]


@dataclass(frozen=True)
class ExportDone:
    path: Path
    format: str
    articles: int
    annotations: int


def default_export_path(db_path: Path, format_name: str) -> Path:
    """Next to the database: `annotations-export.json` for `annotations.json`."""
    return db_path.parent / f"{db_path.stem}-export{suffix_of(format_name)}"


def render_export(
    snapshot: Snapshot,
    articles: Sequence[Article],
    corpus_root: Path | None,
    format_name: str,
) -> bytes:
    """The export file's bytes, as `dipreader export --format` writes them."""
    from dipreader.export.document import build_document
    from dipreader.export.formats import render
    from dipreader.export.snapshot import metadata_by_id

    return render(build_document(snapshot, metadata_by_id(articles, corpus_root)), format_name)


class ExportScreen(ModalScreen[ExportDone | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "cancel"),
        Binding("down", "format(1)", show=False, priority=True),
        Binding("up", "format(-1)", show=False, priority=True),
    ]

    def __init__(
        self,
        snapshot: Snapshot,
        articles: Sequence[Article],
        corpus_root: Path | None,
        db_path: Path,
    ) -> None:
        super().__init__()
        self.snapshot = snapshot
        self.articles = articles
        self.corpus_root = corpus_root
        self.db_path = db_path
        self.format_name = "json"
        self._path_edited = False
        self._exporting = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content("Export annotations"), classes="dialog-title")
            yield OptionList(
                *(
                    Option(
                        Content.assemble(
                            (name.ljust(6), "bold"),
                            (FORMAT_DETAILS.get(name, ("", ""))[1], "$text-muted"),
                        ),
                        id=name,
                    )
                    for name in FORMATS
                ),
                id="formats",
            )
            yield Input(str(default_export_path(self.db_path, self.format_name)), id="export-path")
            yield LoadingIndicator(id="export-busy")
            yield Static(id="export-error")
            yield Static(Content("↑↓ format · Enter export · Esc cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        formats = self.query_one("#formats", OptionList)
        formats.can_focus = False
        formats.highlighted = 0
        self.query_one("#export-busy").display = False
        self.query_one("#export-error").display = False
        self.query_one(Input).focus()

    def action_format(self, step: int) -> None:
        if self._exporting:
            return
        formats = self.query_one("#formats", OptionList)
        index = ((formats.highlighted or 0) + step) % len(FORMATS)
        formats.highlighted = index

    @on(OptionList.OptionHighlighted, "#formats")
    def _format_changed(self, event: OptionList.OptionHighlighted) -> None:
        self.format_name = event.option.id or "json"
        path_input = self.query_one(Input)
        if not self._path_edited:
            path_input.value = str(default_export_path(self.db_path, self.format_name))
        else:
            # Keep the user's name, with the new format's suffix.
            path = Path(path_input.value)
            if path.suffix in {suffix_of(name) for name in FORMATS}:
                path_input.value = str(path.with_suffix(suffix_of(self.format_name)))

    @on(Input.Changed, "#export-path")
    def _path_typed(self, event: Input.Changed) -> None:
        if event.value != str(default_export_path(self.db_path, self.format_name)):
            self._path_edited = True
        # A name typed with another format's ending picks that format: the file and what is
        # in it never disagree.
        named = format_named_by(event.value.strip())
        if named is not None and named != self.format_name and named in FORMATS:
            self.query_one("#formats", OptionList).highlighted = FORMATS.index(named)

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        if self._exporting:
            return
        text = event.value.strip()
        if not text:
            self._show_error("Type the file to write.")
            return
        path = Path(text).expanduser()
        if self._is_database(path):
            self._show_error(f"{path} is the annotation database: choose another file.")
            return
        if path.exists():

            def answered(replace: bool | None) -> None:
                if replace:
                    self._start(path, overwrite=True)

            self.app.push_screen(ConfirmScreen(f"{path} exists. Replace it?", "Replace"), answered)
            return
        self._start(path, overwrite=False)

    def _is_database(self, path: Path) -> bool:
        try:
            return path.exists() and self.db_path.exists() and path.samefile(self.db_path)
        except OSError:
            return False

    def _show_error(self, message: str) -> None:
        error = self.query_one("#export-error", Static)
        error.update(Content.styled(message, "$text-error"))
        error.display = True

    def _start(self, path: Path, *, overwrite: bool) -> None:
        # The name decides, even if the list has not caught up with the last key yet.
        named = format_named_by(path)
        if named in FORMATS:
            self.format_name = named
        self._exporting = True
        self.query_one("#export-error").display = False
        self.query_one("#export-busy").display = True
        self.query_one(Input).disabled = True
        self._export(path, overwrite)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(self, path: Path, overwrite: bool) -> ExportDone:
        from dipreader.export.atomic import write_file_atomically

        data = render_export(self.snapshot, self.articles, self.corpus_root, self.format_name)
        write_file_atomically(path, data, overwrite=overwrite, database=self.db_path)
        exported = {a.article_id for a in self.snapshot.annotations}
        return ExportDone(path, self.format_name, len(exported), len(self.snapshot.annotations))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "export":
            return
        if event.state == WorkerState.SUCCESS:
            self.dismiss(event.worker.result)
        elif event.state in (WorkerState.ERROR, WorkerState.CANCELLED):
            self._exporting = False
            self.query_one("#export-busy").display = False
            self.query_one(Input).disabled = False
            self.query_one(Input).focus()
            error = event.worker.error
            if isinstance(error, (DipreaderError, OSError)):
                self._show_error(f"Not exported: {error}")
            elif error is not None:
                self._show_error(f"Not exported: unexpected {type(error).__name__}: {error}")

    def action_dismiss_none(self) -> None:
        if not self._exporting:
            self.dismiss(None)
