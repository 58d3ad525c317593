"""The Textual application: owns the store, the corpus, the settings and the theme; the main
screen does the rest."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeAlias

from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme

from dipreader.config import Config, ConfigError, save_theme, unknown_binding_ids
from dipreader.tui import keys
from dipreader.tui.folding import visible
from dipreader.tui.main_screen import MainScreen
from dipreader.tui.palette import ActionCommands
from dipreader.tui.recogniser import SPACY, RecogniserProcess
from dipreader.tui.store_opening import PendingStore

if TYPE_CHECKING:
    from dipreader.corpus import Corpus
    from dipreader.store import AnnotationStore
    from dipreader.suggest import EntityFinder

# Makes the optional named-entity recogniser; slow (spaCy's model: seconds), so it runs in a
# worker. Raises (`NlpUnavailable`, say) when it cannot.
EntitiesLoader: TypeAlias = "Callable[[], EntityFinder]"
SPACY_IF_INSTALLED = "spacy-if-installed"


def installed_spacy_loader() -> RecogniserProcess | None:
    """spaCy's model, to be loaded in a process of its own, if spaCy is installed; else None.
    Looked up without importing spaCy, which takes seconds and is not needed without it."""
    if importlib.util.find_spec("spacy") is None:
        return None
    return RecogniserProcess(SPACY)


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
        store: AnnotationStore | PendingStore,
        config: Config,
        corpus: Corpus | None = None,
        corpus_source: Path | Sequence[Path] | None = None,
        read_only_reason: str | None = None,
        entities_loader: EntitiesLoader | Literal["spacy-if-installed"] | None = (
            SPACY_IF_INSTALLED
        ),
    ) -> None:
        """Give either a loaded `corpus`, or `corpus_source` to load it in the background.
        `entities_loader` adds a recogniser's people to the suggestions once it has loaded
        in the background: by default spaCy's, if spaCy is installed; None: the rules only.
        A `PendingStore` is opened by the load worker (or by the first use of `store`)."""
        if corpus is None and corpus_source is None:
            raise ValueError("a corpus or a corpus source is needed")
        super().__init__()
        self.entities_loader: EntitiesLoader | None = (
            installed_spacy_loader() if isinstance(entities_loader, str) else entities_loader
        )
        self._pending = store if isinstance(store, PendingStore) else None
        self._store = None if isinstance(store, PendingStore) else store
        self.config = config
        self.corpus = corpus
        self.corpus_source = corpus_source
        self._read_only_reason = read_only_reason
        self.failure: str | None = None
        self.sub_title = display_path(Path(store.path))

    # Textual draws escape sequences in text as they are, where the terminal acts on them: a
    # title (a database's path) and every toast (a skipped file's name, a tag, an error that
    # quotes either) are made safe here, once for every caller.
    def validate_title(self, title: Any) -> str:
        return visible(str(title))

    def validate_sub_title(self, sub_title: Any) -> str:
        return visible(str(sub_title))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        super().notify(
            visible(message),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    @property
    def store_ready(self) -> bool:
        """Whether the database is open (a pending one opens in the load worker)."""
        return self._store is not None or (self._pending is not None and self._pending.is_open)

    def open_store(self) -> AnnotationStore:
        """The store, opened now if it is still pending (slow: 50k annotations take most of
        a second, so the load worker calls this); raises the store's errors."""
        if self._store is None:
            assert self._pending is not None
            self._store = self._pending.open()
        return self._store

    @property
    def store(self) -> AnnotationStore:
        return self.open_store()

    @property
    def read_only_reason(self) -> str | None:
        """Why changes are not saved, or None. Opens a pending database to know."""
        if self._pending is not None:
            self.open_store()
            return self._pending.read_only_reason
        return self._read_only_reason

    def close_store(self) -> None:
        """Close the database if it was opened; a pending one is not opened to be closed."""
        if self._pending is not None:
            self._pending.close()
        elif self._store is not None:
            self._store.close()

    def get_default_screen(self) -> Screen:
        return MainScreen()

    def on_unmount(self) -> None:
        if isinstance(self.entities_loader, RecogniserProcess):
            self.entities_loader.close()

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
