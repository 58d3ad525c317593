"""The Textual application: owns the store, the corpus, the settings and the theme; the main
screen does the rest."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from dipreader.config import Config, ConfigError, save_theme, unknown_binding_ids
from dipreader.tui import keys
from dipreader.tui.main_screen import MainScreen
from dipreader.tui.palette import ActionCommands

if TYPE_CHECKING:
    from dipreader.corpus import Corpus
    from dipreader.store import AnnotationStore


def display_path(path: Path) -> str:
    """A path as short as it can be said: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class DipreaderApp(App[int]):
    CSS_PATH = "dipreader.tcss"
    TITLE = "dipreader"
    COMMANDS = App.COMMANDS | {ActionCommands}
    # Below 100 columns the annotation panel moves under the reader (see dipreader.tcss).
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]

    def __init__(
        self,
        *,
        store: AnnotationStore,
        config: Config,
        corpus: Corpus | None = None,
        corpus_source: Path | Sequence[Path] | None = None,
        read_only_reason: str | None = None,
    ) -> None:
        """Give either a loaded `corpus`, or `corpus_source` to load it in the background."""
        if corpus is None and corpus_source is None:
            raise ValueError("a corpus or a corpus source is needed")
        super().__init__()
        self.store = store
        self.config = config
        self.corpus = corpus
        self.corpus_source = corpus_source
        self.read_only_reason = read_only_reason
        self.failure: str | None = None
        self.sub_title = display_path(Path(store.path))

    def get_default_screen(self) -> Screen:
        return MainScreen()

    def on_mount(self) -> None:
        self.set_keymap(self.config.keymap)
        unknown = unknown_binding_ids(self.config, keys.known_ids())
        if unknown:
            self.notify(
                f"{self.config.path}: no action is called {', '.join(unknown)}; "
                "press ? for the list of ids.",
                title="Unknown keys in the settings",
                severity="warning",
                timeout=10,
                markup=False,
            )
        if self.config.theme:
            if self.config.theme in self.available_themes:
                self.theme = self.config.theme
            else:
                self.notify(
                    f"Theme {self.config.theme!r} is not available; using the default.",
                    severity="warning",
                    markup=False,
                )
        # Subscribed after the remembered theme is applied, so only a user's choice is saved.
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme: Theme) -> None:
        try:
            save_theme(theme.name, self.config.path)
        except ConfigError as exc:
            self.notify(str(exc), title="Theme not saved", severity="warning", markup=False)

    def key_display(self, spec: keys.KeySpec) -> str:
        """The keys of a binding as the user sees them, with their remapping applied."""
        shown = []
        for key in keys.keys_for(spec, dict(self.config.keymap)):
            shown.append(self.get_key_display(Binding(key, spec.action)))
        return "/".join(shown)

    def fail(self, message: str) -> None:
        """Stop the app with a message the CLI prints (exit status 2)."""
        self.failure = message
        self.exit(2, return_code=2)
