"""The screen the analyst lives in: list, reader and annotation panel, and every key of the
keymap. Reading and moving live here; changing annotations lives in `annotate.py`."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Header, Input, OptionList, Static
from textual.worker import get_current_worker

from dipreader.corpus import Article
from dipreader.errors import DipreaderError
from dipreader.tui import feeds_update, keys
from dipreader.tui.annotate import AnnotateActions
from dipreader.tui.article_list import ArticleList, row_content
from dipreader.tui.folding import find_mentions, fold_with_origin, visible
from dipreader.tui.footer import KeyFooter
from dipreader.tui.panel import AnnotationList, AnnotationPanel
from dipreader.tui.quiet_static import QuietStatic
from dipreader.tui.reader import Mark, ReaderHeader, ReaderText
from dipreader.tui.search import SearchIndex, search_terms, term_spans
from dipreader.tui.session import ListFilter, Session

if TYPE_CHECKING:
    from dipreader.corpus import Corpus
    from dipreader.suggest import Entity, EntityFinder, Suggestion
    from dipreader.tui.app import DipreaderApp, EntitiesLoader
    from dipreader.tui.export_screen import ExportDone

# Seconds the load worker waits at most for the first frame to be drawn before it starts.
FIRST_FRAME_WAIT = 2.0
NARROW_WIDTH = 100  # as the app's breakpoint: below it the footer packs its keys tighter
PROGRESS_EVERY = 0.1  # seconds between two redraws of the loading progress bar
SEARCH_DELAY = 0.15  # seconds of typing pause before the list is searched again
# Seconds an article stays on screen before the optional recogniser (spaCy, ~0.15 s an
# article) reads it: skimming the list with j/k does not queue up work.
ENTITIES_DELAY = 0.3
PREFETCH_DELAY = 0.05  # after an article is shown: the suggestions of its neighbours
_SUGGESTION_ACTIONS = frozenset({"accept", "accept_all", "reject_suggestion"})
# Actions that need a loaded corpus; the rest (help, quit, export of nothing…) always work.
_NEEDS_CORPUS = frozenset(
    {
        "move",
        "go_edge",
        "open_article",
        "page",
        "unread",
        "flip_order",
        "tag",
        "remove_selected",
        "note",
        "toggle_star",
        "toggle_read",
        "correct",
        "start_passage",
        "extend_sentence",
        "extend_paragraph",
        "search",
        "filter",
        "export",
        "update_feeds",
        *_SUGGESTION_ACTIONS,
    }
)


def _skipped_title(count: int) -> str:
    return f"{count} file(s) skipped or loaded with problems"


# The list pane's share of the screen's width, in percent, that `<` and `>` step through.
LIST_SHARES = (20, 25, 30, 35, 40, 50, 60)


class MainScreen(AnnotateActions, Screen[None]):
    """The list, the reader and the panel.

    Keys that move the focus call `set_focus`, not `widget.focus()`: that one moves it only
    after the key is handled, so the key's change and the new focus (a restyled list or
    reader) were drawn in two frames.
    """

    BINDINGS = keys.bindings()

    def __init__(self) -> None:
        super().__init__()
        self.session: Session | None = None
        self.visible_articles: list[Article] = []
        self.current: Article | None = None
        # The suggestions the panel lists for the current article, in its numbering.
        self.shown_suggestions: list[Suggestion] = []
        # The reader's marks but the selected suggestion's, which follow the panel's cursor.
        self._marks_base: list[Mark] = []
        self._search_timer: Timer | None = None
        self._entities_timer: Timer | None = None
        self._prefetch_timer: Timer | None = None

    @property
    def dip_app(self) -> DipreaderApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="banner")
        with Horizontal(id="main"):
            with Vertical(id="list-pane"):
                yield QuietStatic(id="list-status")
                # Always there: the list does not move when a search begins.
                yield Input(placeholder="/ search titles and text", id="search", compact=True)
                yield ArticleList(follow=self._show_highlighted, id="articles")
            with Horizontal(id="right"):
                with Vertical(id="reader-pane"):
                    yield ReaderHeader(id="reader-header")
                    yield ReaderText(id="reader")
                    yield Static(id="passage-hint")
                yield AnnotationPanel(id="panel")
        yield KeyFooter()

    def on_mount(self) -> None:
        # Each pane names itself in its border; the focused one's name and border light up
        # (dipreader.tcss): keys act on the focused pane, so it must show which that is.
        for selector, name in (
            ("#articles", "Articles"),
            ("#reader", "Text"),
            ("#annotations", "Annotations"),
        ):
            self.query_one(selector).border_title = name
        app = self.dip_app
        if app.corpus is not None:
            self._show_banner()
            self.corpus_loaded(app.corpus)
        else:
            self.query_one("#banner", Static).display = False
            # Words, then a bar that moves only when files are read: an animation (Textual's
            # loading indicator, an open-ended bar) would take the interpreter from the load
            # sixty times a second (at 10,000 articles: 1.1 s to load the corpus, not 0.8).
            self._loading_step("Opening the annotations…")
            # The worker waits for the first frame: the load (the database, the corpus) does
            # not compete with drawing it. Started now, so that it is seen as under way.
            first_frame = threading.Event()
            self.call_after_refresh(first_frame.set)
            self._load_corpus(first_frame)

    def _show_banner(self) -> None:
        reason = self.dip_app.read_only_reason
        banner = self.query_one("#banner", Static)
        if reason:
            banner.update(Content(f"Read-only: {visible(reason)}"))  # it names the file
        banner.display = bool(reason)

    def on_resize(self, event: events.Resize) -> None:
        self.query_one(KeyFooter).compact = event.size.width < NARROW_WIDTH

    # -- loading ----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def _load_corpus(self, first_frame: threading.Event) -> None:
        """Open the database, load the corpus, show the list; then build the search index
        (until it is ready, a search folds each article as it goes)."""
        from dipreader.corpus import load_corpus

        app = self.dip_app
        worker = get_current_worker()
        first_frame.wait(FIRST_FRAME_WAIT)

        shown_at = 0.0

        def progress(done: int, total: int) -> None:
            # Posted, not called (`call_from_thread` would wait for the screen each time),
            # and ten times a second at most: each redraw takes the interpreter from the load.
            nonlocal shown_at
            now = time.monotonic()
            if not worker.is_cancelled and (now - shown_at >= PROGRESS_EVERY or done == total):
                shown_at = now
                self.post_message(self.LoadProgress(done, total))

        try:
            store = app.open_store()
            app.call_from_thread(self._loading_step, "Reading the corpus…")
            corpus = load_corpus(app.corpus_source, progress=progress)
        except Exception as exc:  # the message is shown and the app stops; nothing to save
            if not worker.is_cancelled:
                app.call_from_thread(app.fail, str(exc))
            return
        session = Session(corpus, store, None)
        if worker.is_cancelled:
            return
        app.call_from_thread(self.corpus_loaded, corpus, session=session)
        # As for the first frame: the list is drawn before the index competes with it.
        list_drawn = threading.Event()
        app.call_from_thread(self.call_after_refresh, list_drawn.set)
        list_drawn.wait(FIRST_FRAME_WAIT)
        index = SearchIndex(corpus.articles)
        # The corpus, the annotations and the index live as long as the app: out of the
        # collector's sight, a full collection no longer walks their millions of objects
        # (at 10,000 articles and 50,000 annotations, 0.15 s, at whichever key set it off).
        gc.freeze()
        if not worker.is_cancelled:
            app.call_from_thread(self._index_ready, index)

    def _loading_step(self, what: str) -> None:
        self.query_one("#list-status", QuietStatic).set_content(Content(what))

    class LoadProgress(Message):
        """`load_corpus` has read `done` of `total` files (from the files or the cache)."""

        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done, self.total = done, total

    def on_main_screen_load_progress(self, event: LoadProgress) -> None:
        if self.session is None:  # a late one, after the list was shown: nothing to say
            self._load_progress(event.done, event.total)

    def _load_progress(self, done: int, total: int) -> None:
        from textual.widgets import ProgressBar  # only when there is something to show

        bars = self.query("#load-progress").results(ProgressBar)
        bar = next(bars, None)
        if bar is None:
            # Mounted on the first report, not composed: the first frame does without it.
            bar = ProgressBar(id="load-progress", show_eta=False)
            self.query_one("#list-pane").mount(bar, after="#list-status")
        bar.update(total=total, progress=done)
        # Said once: redrawing the words at each step would lay the screen out each time.
        self._loading_step(f"Reading {total:,} files…")

    def _index_ready(self, index: SearchIndex) -> None:
        if self.session is not None:
            self.session.index = index

    def corpus_loaded(
        self,
        corpus: Corpus,
        index: SearchIndex | None = None,
        *,
        session: Session | None = None,
        quiet: bool = False,
    ) -> None:
        """Show a loaded corpus; `quiet`: without its load warnings again (a reload)."""
        app = self.dip_app
        app.corpus = corpus
        if session is None:
            session = Session(corpus, app.store, index or SearchIndex(corpus.articles))
        else:
            self._show_banner()
        self.session = session
        self.query("#load-progress").remove()
        self.rebuild_list()
        if not quiet:
            self.query_one(ArticleList).focus()
        if corpus.warnings and not quiet:
            shown = "\n".join(str(w) for w in corpus.warnings[:5])
            more = len(corpus.warnings) - 5
            every = self.key_hint("skipped_files")
            self.notify(
                shown + (f"\n… and {more} more ({every} lists them all)" if more > 0 else ""),
                title=_skipped_title(len(corpus.warnings)),
                severity="warning",
                timeout=10,
                markup=False,
            )
        if not quiet:
            for notice in app.store.notices:
                self.notify(
                    notice,
                    title="The annotation database",
                    severity="warning",
                    timeout=15,
                    markup=False,
                )
        self.refresh_bindings()
        loader = app.entities_loader
        if loader is not None and not self.session.has_entities:
            self._load_entities(loader)

    # -- the optional recogniser (spaCy) ----------------------------------------------------

    @work(thread=True, exclusive=True, group="entities-model", exit_on_error=False)
    def _load_entities(self, loader: EntitiesLoader) -> None:
        app = self.dip_app
        try:
            finder = loader()
        except Exception as exc:  # optional: whatever fails, the rules still suggest
            if not get_current_worker().is_cancelled:
                app.call_from_thread(self._entities_unavailable, exc)
            return
        if not get_current_worker().is_cancelled:
            app.call_from_thread(self._entities_loaded, finder)

    def _entities_loaded(self, finder: EntityFinder) -> None:
        assert self.session is not None
        self.session.use_entities(finder)
        self.notify(
            "spaCy's French model is loaded: the people it finds are suggested too.",
            markup=False,
            timeout=4,
        )
        if self.current is not None:
            self._request_entities(self.current)

    def _entities_unavailable(self, error: Exception) -> None:
        reason = str(error) if isinstance(error, DipreaderError) else f"{type(error).__name__}"
        self.notify(
            f"spaCy is installed but cannot be used: {reason}",
            title="Suggestions from the built-in rules only",
            markup=False,
            timeout=8,
        )

    def _request_entities(self, article: Article) -> None:
        if self._entities_timer is not None:
            self._entities_timer.stop()
        self._entities_timer = self.set_timer(ENTITIES_DELAY, lambda: self._find_entities(article))

    @work(thread=True, exclusive=True, group="entities", exit_on_error=False)
    def _find_entities(self, article: Article) -> None:
        session = self.session
        if session is None or get_current_worker().is_cancelled:
            return
        try:
            entities = session.find_entities(article)
        except Exception:  # the recogniser fails on this text: the rules alone, no retrying
            entities = []
        # Kept even if a later request cancelled this one: the article will be shown again.
        self.dip_app.call_from_thread(self._entities_found, article, entities)

    def _entities_found(self, article: Article, entities: Sequence[Entity]) -> None:
        assert self.session is not None
        self.session.entities_found(article, entities)
        if self.current is article:
            self.show_article(article, keep_position=True)

    # -- drawing ----------------------------------------------------------------------------

    def key_hint(self, binding_id: str) -> str:
        return self.dip_app.key_display(keys.KEYS_BY_ID[binding_id])

    def _row(self, article: Article) -> Content:
        assert self.session is not None
        session = self.session
        return row_content(
            session.display(article), session.state(article.id), session.tag_count(article.id)
        )

    def rebuild_list(self) -> None:
        """Re-run search, filter and order, keeping the highlighted article if still listed."""
        assert self.session is not None
        article_list = self.query_one(ArticleList)
        keep = article_list.highlighted_id or (self.current.id if self.current else None)
        self.visible_articles = self.session.visible_articles()
        article_list.show_articles(self.visible_articles, self._row, keep)
        self._update_status()
        if not self.visible_articles:
            self.show_article(None)
        elif article_list.highlighted_id != (self.current.id if self.current else None):
            self.show_article(self._article_by_id(article_list.highlighted_id))

    def _article_by_id(self, article_id: str | None) -> Article | None:
        if article_id is None or self.session is None:
            return None
        return self.session.corpus.get(article_id)

    def _update_status(self) -> None:
        assert self.session is not None
        session = self.session
        total = len(session.corpus.articles)
        parts: list[str | tuple[str, str]] = [
            (
                f"{len(self.visible_articles):,} of {total:,}"
                if len(self.visible_articles) != total
                else f"{total:,} articles",
                "bold",
            ),
            ("  newest first" if session.newest_first else "  oldest first", "$text-muted"),
            "\n",
        ]
        # Always two lines: a search or filter that begins or ends does not move the list
        # (nor lay the screen out again). With neither, the second line says how to start one.
        if session.filter:  # with a search too: the query shows in the search box below
            parts += [("filter ", "$text-muted"), (session.filter.label, "$accent")]
        elif session.search:
            parts += [("search ", "$text-muted"), (visible(session.search), "$accent")]
        if session.filter or session.search:
            parts.append((f"  {self.key_hint('cancel')} clears", "$text-muted"))
        else:
            hint = f"{self.key_hint('filter')} filter  {self.key_hint('search')} search"
            parts.append((hint, "$text-muted"))
        self.query_one("#list-status", QuietStatic).set_content(Content.assemble(*parts))
        tagged, total = session.progress()
        self.query_one(AnnotationPanel).show_progress(tagged, total)

    def show_article(self, article: Article | None, *, keep_position: bool = False) -> None:
        self.current = article
        reader = self.query_one(ReaderText)
        panel = self.query_one(AnnotationPanel)
        had_suggestions = bool(self.shown_suggestions)
        if article is None or self.session is None:
            self.shown_suggestions = []
            self._marks_base = []
            self.query_one(ReaderHeader).show_article(None)
            reader.show_text("", [])
            panel.show([], {}, self.key_hint)
        else:
            session = self.session
            self.query_one(ReaderHeader).show_article(session.display(article))
            annotations = session.annotations(article.id)
            self.shown_suggestions = session.suggestions(article)
            panel.show(
                annotations,
                session.tags_by_id,
                self.key_hint,
                self.shown_suggestions,
                session.suggestion_error,
            )
            self._marks_base = self._marks(article, annotations) + [
                Mark(span.start, span.end, "suggestion")
                for suggestion in self.shown_suggestions
                for span in suggestion.evidence
            ]
            reader.show_text(
                article.text,
                self._marks_base + self._selected_evidence(),
                keep_position=keep_position,
            )
            if session.needs_entities(article):
                self._request_entities(article)
        self._update_passage_hint()
        if bool(self.shown_suggestions) != had_suggestions:
            self.refresh_bindings()  # the suggestion keys come and go with the suggestions
        if article is not None:
            # After the frame (`call_after_refresh` may run before it) and not between keys
            # pressed in a row: each new article puts it off.
            if self._prefetch_timer is not None:
                self._prefetch_timer.stop()
            self._prefetch_timer = self.set_timer(PREFETCH_DELAY, self._prefetch_suggestions)

    def _prefetch_suggestions(self) -> None:
        """Once the article is on screen, make the suggestions of the articles listed around
        it (kept by the session): `j` or `k` then shows the next without waiting for them."""
        self._prefetch_timer = None
        if self.session is None:
            return
        for article_id in self.query_one(ArticleList).neighbour_ids():
            article = self._article_by_id(article_id)
            if article is not None:
                self.session.suggestions(article)

    def _selected_evidence(self) -> list[Mark]:
        """The marks of the suggestion the panel's cursor is on, while the panel has focus."""
        panel = self.query_one(AnnotationList)
        suggestion = panel.selected_suggestion if panel.has_focus else None
        if suggestion is None:
            return []
        return [Mark(span.start, span.end, "suggestion-selected") for span in suggestion.evidence]

    def _show_selected_evidence(self) -> None:
        reader = self.query_one(ReaderText)
        selected = self._selected_evidence()
        reader.set_marks(self._marks_base + selected)
        if selected:
            reader.show_offset(selected[0].start)

    def _marks(self, article: Article, annotations: list) -> list[Mark]:
        assert self.session is not None
        tags_by_id = self.session.tags_by_id
        text = article.text
        marks: list[Mark] = []
        tag_ids: list[str] = []
        for annotation in annotations:
            if annotation.tag_id is not None and annotation.tag_id not in tag_ids:
                tag_ids.append(annotation.tag_id)
            target = annotation.target
            if target is not None and 0 <= target.start < target.end <= len(text):
                marks.append(Mark(target.start, target.end, "passage"))
        folded = fold_with_origin(text)
        for tag_id in tag_ids:
            tag = tags_by_id.get(tag_id)
            if tag is None:
                continue
            kind = tag.kind if tag.kind in ("person", "theme") else "other"
            for start, end in find_mentions(folded, [tag.name, *tag.aliases]):
                marks.append(Mark(start, end, kind, tag.colour))  # type: ignore[arg-type]
        if self.session.search:
            for at, end_at in term_spans(folded.folded, search_terms(self.session.search)):
                start, end = folded.original_span(at, end_at)
                marks.append(Mark(start, end, "search"))
        return marks

    def refresh_article(self, article_id: str) -> None:
        """After a change to one article: its row, and the reader and panel if it is open."""
        assert self.session is not None
        self.session.reload_article(article_id)
        self.query_one(ArticleList).refresh_row(article_id)
        if self.current is not None and self.current.id == article_id:
            self.show_article(self.current, keep_position=True)
        self._update_status()

    def refresh_everything(self) -> None:
        """After undo or redo, which may touch any article: redraw what changed."""
        assert self.session is not None
        changed = self.session.reload_changed()
        article_list = self.query_one(ArticleList)
        for article_id in changed:
            article_list.refresh_row(article_id)
        if self.current is not None:
            self.show_article(self.current, keep_position=True)
        self._update_status()

    def _update_passage_hint(self) -> None:
        pane = self.query_one("#reader-pane")
        hint = self.query_one("#passage-hint", Static)
        selecting = self.query_one(ReaderText).has_passage
        if selecting != pane.has_class("-selecting"):
            self.refresh_bindings()  # Esc cancels; the suggestion keys rest meanwhile
        if selecting:
            key = self.key_hint
            hint.update(
                Content.assemble(
                    ("Passage selected: ", "bold"),
                    f"{key('tag_person')} person · {key('tag_theme')} theme · "
                    f"{key('tag_other')} other tag · {key('note')} note · "
                    f"{key('move_down')}/{key('move_up')} ± sentence · "
                    f"{key('extend_paragraph_down')} {key('extend_paragraph_up')} ± paragraph · "
                    f"{key('cancel')} done",
                )
            )
        hint.display = selecting
        pane.set_class(selecting, "-selecting")

    # -- events -----------------------------------------------------------------------------

    def _show_highlighted(self, article_id: str | None) -> None:
        # The list calls this as its cursor moves (arrows, paging, j/k, clicks, a new list).
        article = self._article_by_id(article_id)
        if article is not None and article is not self.current:
            self.show_article(article)

    @on(ArticleList.Selected)
    def _article_selected(self, event: ArticleList.Selected) -> None:
        self._open(self._article_by_id(event.article_id))

    @on(OptionList.OptionHighlighted, "#annotations")
    def _annotation_highlighted(self) -> None:
        self._show_selected_evidence()

    @on(events.DescendantFocus)
    @on(events.DescendantBlur)
    def _focus_moved(self, event: events.DescendantFocus | events.DescendantBlur) -> None:
        if isinstance(event.widget, AnnotationList):
            self._show_selected_evidence()

    @on(OptionList.OptionSelected, "#annotations")
    def _annotation_selected(self) -> None:
        item = self.query_one(AnnotationList).selected_item
        if item is not None and item.suggestion is not None:
            self.accept_suggestion(item.suggestion)
        elif item is not None and item.passage is not None:
            reader = self.query_one(ReaderText)
            reader.move_to_offset(item.passage[0])
            reader.focus()

    @on(ReaderText.SelectionChanged)
    def _selection_changed(self) -> None:
        self._update_passage_hint()

    @on(Input.Changed, "#search")
    def _search_typed(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self._apply_search)

    def _apply_search(self) -> None:
        if self.session is None:
            return
        query = self.query_one("#search", Input).value
        if query != self.session.search:
            self.session.search = query
            self.rebuild_list()
            if self.current is not None:
                self.show_article(self.current, keep_position=True)

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self._apply_search()
        self.set_focus(self.query_one(ArticleList))

    def _open(self, article: Article | None, *, focus_reader: bool = True) -> None:
        if article is None:
            return
        if article is not self.current:
            self.show_article(article)
        self.query_one(ArticleList).select_id(article.id)
        self.mark_read_on_open(article)
        if focus_reader:
            self.set_focus(self.query_one(ReaderText))

    # -- key actions: moving ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _NEEDS_CORPUS and self.session is None:
            return None
        if action in _SUGGESTION_ACTIONS:
            # Shown only while there are suggestions; while a passage is selected (p/t/T tag
            # it), these whole-article keys rest, hidden.
            return bool(self.shown_suggestions) and not self.query_one(ReaderText).has_passage
        if action == "cancel":
            reader = self.query_one(ReaderText)
            session = self.session
            search = self.query_one("#search", Input)
            searching = search.has_focus or bool(search.value)
            return bool(
                reader.has_passage or searching or (session and (session.filter or session.search))
            )
        return True

    def action_applies(self, action: str) -> bool:
        name, _, _ = action.partition("(")
        return bool(self.check_action(name, ()))

    def _focused_pane(self) -> Widget | None:
        focused = self.focused
        for widget_type in (ArticleList, ReaderText, AnnotationList):
            if isinstance(focused, widget_type):
                return focused
        return None

    def action_move(self, step: int) -> None:
        pane = self._focused_pane()
        if isinstance(pane, ReaderText):
            if pane.has_passage:
                pane.extend_sentence(step)
            elif step > 0:
                pane.action_cursor_down()
            else:
                pane.action_cursor_up()
        elif isinstance(pane, ArticleList | OptionList):
            if step > 0:
                pane.action_cursor_down()
            else:
                pane.action_cursor_up()
        else:
            self.set_focus(self.query_one(ArticleList))

    def action_go_edge(self, end: int) -> None:
        pane = self._focused_pane()
        if isinstance(pane, ReaderText):
            if end:
                last = pane.document.line_count - 1
                pane.move_cursor((last, len(pane.document.get_line(last))))
            else:
                pane.move_cursor((0, 0))
        elif isinstance(pane, ArticleList | OptionList):
            if end:
                pane.action_last()
            else:
                pane.action_first()

    def action_cycle_pane(self, step: int) -> None:
        # The search field is reached with its own key, not by cycling.
        panes: list[Widget] = [
            self.query_one(ArticleList),
            self.query_one(ReaderText),
            self.query_one(AnnotationList),
        ]
        focused = self.focused
        index = panes.index(focused) if focused in panes else -1
        self.set_focus(panes[(index + step) % len(panes)])

    def action_open_article(self) -> None:
        pane = self._focused_pane()
        if isinstance(pane, AnnotationList):
            self._annotation_selected()
            return
        article_list = self.query_one(ArticleList)
        self._open(self._article_by_id(article_list.highlighted_id))

    def action_page(self, step: int) -> None:
        reader = self.query_one(ReaderText)
        if step > 0:
            reader.action_cursor_page_down()
        else:
            reader.action_cursor_page_up()

    def action_unread(self, step: int) -> None:
        assert self.session is not None
        current_id = self.current.id if self.current else None
        article = self.session.next_unread(self.visible_articles, current_id, step)
        if article is None:
            self.notify("No unread article left in the list.", markup=False)
            return
        self._open(article, focus_reader=False)

    def action_resize_list(self, step: int) -> None:
        """`<` `>`: the list pane's share of the width, a step at a time from what it is now;
        the reader takes the rest. Kept until the app closes."""
        pane = self.query_one("#list-pane")
        now = pane.outer_size.width * 100 / max(1, self.size.width)
        shares = [s for s in LIST_SHARES if (s > now + 1 if step > 0 else s < now - 1)]
        if not shares:
            self.notify(f"The list is as {'wide' if step > 0 else 'narrow'} as it goes.", timeout=2)
            return
        pane.styles.width = f"{shares[0] if step > 0 else shares[-1]}%"

    def action_flip_order(self) -> None:
        assert self.session is not None
        self.session.newest_first = not self.session.newest_first
        self.rebuild_list()

    # -- key actions: finding ---------------------------------------------------------------

    def action_search(self) -> None:
        self.set_focus(self.query_one("#search", Input))
        self.refresh_bindings()

    def action_filter(self) -> None:
        assert self.session is not None
        from dipreader.tui.filter_screen import CLEAR, FilterScreen
        from dipreader.tui.reused_screen import reused_screen

        session = self.session

        def chosen(choice: ListFilter | str | None) -> None:
            if choice is None:
                return
            session.filter = None if choice == CLEAR else choice  # type: ignore[assignment]
            self.rebuild_list()
            self.refresh_bindings()

        screen = reused_screen(self.app, FilterScreen)
        screen.prepare(session.store.tags(), session.articles_per_tag(), session.filter)
        self.app.push_screen(screen, chosen)

    def action_cancel(self) -> None:
        reader = self.query_one(ReaderText)
        search = self.query_one("#search", Input)
        if self.focused is search or (not reader.has_passage and search.value):
            self._clear_search()
        elif reader.has_passage:
            reader.cancel_passage()
        elif self.session is not None and (self.session.filter or self.session.search):
            self.session.filter = None
            self._clear_search()
        self.refresh_bindings()

    def _clear_search(self) -> None:
        search = self.query_one("#search", Input)
        search.value = ""
        if self._search_timer is not None:
            self._search_timer.stop()
        if self.session is not None:
            self.session.search = ""
            self.rebuild_list()
            if self.current is not None:
                self.show_article(self.current, keep_position=True)
        self.set_focus(self.query_one(ArticleList))

    # -- key actions: the app ---------------------------------------------------------------

    def action_help(self) -> None:
        from dipreader.tui.help_screen import HelpScreen, help_content

        app = self.dip_app
        self.app.push_screen(HelpScreen(help_content(app.key_display, app.config.path)))

    def action_show_skipped(self) -> None:
        """`W`: every file the corpus skipped or loaded with a problem, and why."""
        from dipreader.tui.help_screen import HelpScreen

        warnings = self.dip_app.corpus.warnings if self.dip_app.corpus is not None else []
        if not warnings:
            self.notify("No file was skipped: every file loaded.", markup=False, timeout=3)
            return
        # File names and reasons come from the files: drawn as text, never as markup.
        listing = Content(visible("\n".join(str(w) for w in warnings)))
        title = _skipped_title(len(warnings))
        self.app.push_screen(HelpScreen(listing, title=title))

    def action_export(self) -> None:
        assert self.session is not None
        from dipreader.export.snapshot import snapshot_from_store
        from dipreader.tui.export_screen import ExportScreen

        app = self.dip_app
        source = app.corpus_source
        # The same root as `dipreader export CORPUS`, so both write identical files.
        corpus_root = source if isinstance(source, Path) else None
        snapshot = snapshot_from_store(self.session.store)

        def done(result: ExportDone | None) -> None:
            if result is not None:
                self.notify(
                    f"Exported {result.annotations} annotation(s) of {result.articles} "
                    f"article(s) as {result.format} to {result.path}",
                    title="Export done",
                    markup=False,
                    timeout=8,
                )

        self.app.push_screen(
            ExportScreen(snapshot, self.session.corpus.articles, corpus_root, app.store.path),
            done,
        )

    def action_quit(self) -> None:
        self.app.exit(0)

    # -- feeds ------------------------------------------------------------------------------

    def action_update_feeds(self) -> None:
        feeds_update.start_update(self)

    def on_feeds_progress(self, event: feeds_update.FeedsProgress) -> None:
        feeds_update.show_progress(self, event)

    def on_feeds_updated(self, event: feeds_update.FeedsUpdated) -> None:
        feeds_update.show_results(self, event)

    def reload_corpus(self) -> int:
        """From a worker thread: read the corpus again (unchanged files come from the cache)
        and show it, with the list's search, filter and order kept; how many articles it
        gained."""
        from dipreader.corpus import load_corpus

        app = self.dip_app
        before = {a.id for a in app.corpus.articles} if app.corpus is not None else set()
        corpus = load_corpus(app.corpus_source)
        session = Session(corpus, app.store, SearchIndex(corpus.articles))
        old = self.session
        if old is not None:
            session.newest_first, session.search, session.filter = (
                old.newest_first,
                old.search,
                old.filter,
            )
            if old.entity_finder is not None:
                session.use_entities(old.entity_finder)
        app.call_from_thread(self.corpus_loaded, corpus, session=session, quiet=True)
        return sum(1 for article in corpus.articles if article.id not in before)
