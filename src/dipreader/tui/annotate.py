"""The main screen's actions that change annotations. Each goes to the store at once (the
store writes the file before it returns); removals are confirmed by a toast naming the undo
key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dipreader.errors import DipreaderError
from dipreader.store.model import PERSON, THEME, short_id
from dipreader.tui.panel import AnnotationList
from dipreader.tui.reader import ReaderText

if TYPE_CHECKING:
    from collections.abc import Callable

    from dipreader.corpus import Article
    from dipreader.suggest import Suggestion
    from dipreader.tui.app import DipreaderApp
    from dipreader.tui.prompts import TagChoice
    from dipreader.tui.session import Session

KIND_WORDS = {PERSON: "person", THEME: "theme"}


class AnnotateActions:
    """Mixed into MainScreen, which provides the attributes declared here."""

    session: Session | None
    current: Article | None
    shown_suggestions: list[Suggestion]
    if TYPE_CHECKING:
        dip_app: DipreaderApp
        key_hint: Callable[[str], str]
        refresh_article: Callable[[str], None]
        refresh_everything: Callable[[], None]
        query_one: Callable
        notify: Callable
        app: DipreaderApp
        _update_passage_hint: Callable[[], None]
        _show_banner: Callable[[], None]

    # -- guards -----------------------------------------------------------------------------

    def _writable_article(self) -> Article | None:
        """The open article, if there is one and changes can be saved; else say why not."""
        if self.dip_app.read_only_reason:
            self.notify(
                "This window is read-only: " + self.dip_app.read_only_reason,
                severity="warning",
                markup=False,
            )
            return None
        if self.current is None:
            self.notify("Open an article first.", markup=False)
            return None
        return self.current

    def _store_call(self, call: Callable[[], object]) -> tuple[bool, object]:
        """Run a store call: (done, its result). A refusal the user can act on (a name the
        store rejects, a locked file) becomes an error toast instead of a crash."""
        try:
            return True, call()
        except DipreaderError as exc:
            self.notify(str(exc), title="Not saved", severity="error", markup=False)
            # A store that stopped writing (its lock taken away) makes the window read-only.
            self._show_banner()
            return False, None

    # -- tags and notes ---------------------------------------------------------------------

    def action_tag(self, kind: str) -> None:
        article = self._writable_article()
        if article is None or self.session is None:
            return
        from dipreader.tui.prompts import TagPrompt
        from dipreader.tui.reused_screen import reused_screen

        reader = self.query_one(ReaderText)
        passage = reader.passage_offsets()
        what = KIND_WORDS.get(kind, "tag")
        where = "the selected passage" if passage else "this article"
        title = f"Add a {what} to {where}" if kind else f"Add a tag of another kind to {where}"
        store = self.session.store

        def chosen(choice: TagChoice | None) -> None:
            if choice is None:
                return
            before = len(store.annotations(article.id))
            if passage is not None:
                start, end = passage
                saved, _ = self._store_call(
                    lambda: store.tag_passage(
                        article.id, article.text, start, end, choice.name, choice.kind
                    )
                )
            else:
                saved, _ = self._store_call(
                    lambda: store.tag_article(article.id, choice.name, choice.kind)
                )
            if not saved:
                return
            if len(store.annotations(article.id)) == before:
                # The store hands back the annotation that was already there: nothing changed,
                # and nothing was added to undo.
                self.notify(
                    f"{'The passage' if passage else 'This article'} already has "
                    f"{choice.kind} {choice.name}: nothing changed.",
                    markup=False,
                    timeout=3,
                )
                return
            self.refresh_article(article.id)
            self.notify(
                f"{'Tagged the passage' if passage else 'Tagged'}: "
                f"{choice.kind} {choice.name}" + ("" if choice.existing else " (new)"),
                markup=False,
                timeout=3,
            )

        prompt = reused_screen(self.app, TagPrompt)
        prompt.prepare(title, kind, store.tags(), store.kinds(), text=article.text)
        self.app.push_screen(prompt, chosen)

    def action_note(self) -> None:
        article = self._writable_article()
        if article is None or self.session is None:
            return
        from dipreader.tui.prompts import NotePrompt

        passage = self.query_one(ReaderText).passage_offsets()
        store = self.session.store

        def chosen(note: str | None) -> None:
            if not note:
                return
            if passage is not None:
                start, end = passage
                saved, _ = self._store_call(
                    lambda: store.add_note(
                        article.id, note, text=article.text, start=start, end=end
                    )
                )
            else:
                saved, _ = self._store_call(lambda: store.add_note(article.id, note))
            if saved:
                self.refresh_article(article.id)
                self.notify("Note saved.", markup=False, timeout=3)

        where = "the selected passage" if passage else "this article"
        self.app.push_screen(NotePrompt(f"Note on {where}"), chosen)

    # -- suggestions ------------------------------------------------------------------------

    def _tag_of(self, suggestion: Suggestion) -> tuple[str, str]:
        """(name, kind) to tag: the vocabulary entry the suggestion is, else its own name."""
        assert self.session is not None
        tag = self.session.tags_by_id.get(suggestion.tag_id or "")
        return (tag.name, tag.kind) if tag else (suggestion.name, suggestion.kind)

    def accept_suggestion(self, suggestion: Suggestion) -> None:
        """Tag the article with it: one undo step. No toast: the tag moves to its section of
        the panel at once, and toasts piled up over the panel as one accepted in a row."""
        article = self._writable_article()
        if article is None or self.session is None:
            return
        store = self.session.store
        name, kind = self._tag_of(suggestion)
        if self._store_call(lambda: store.tag_article(article.id, name, kind))[0]:
            self.refresh_article(article.id)

    def action_accept(self, number: int) -> None:
        shown = self.shown_suggestions
        if number > len(shown):
            self.notify(
                f"No suggestion {number}: the panel lists {len(shown)}.", markup=False, timeout=3
            )
            return
        self.accept_suggestion(shown[number - 1])

    def action_accept_all(self) -> None:
        """Tag the article with every suggestion the panel lists: one undo step for all."""
        article = self._writable_article()
        if article is None or self.session is None or not self.shown_suggestions:
            return
        store = self.session.store
        tags = [self._tag_of(suggestion) for suggestion in self.shown_suggestions]
        description = f"accept {len(tags)} suggestion(s) for {short_id(article.id)}"

        def accept_all() -> None:
            with store.batch(description):
                for name, kind in tags:
                    store.tag_article(article.id, name, kind)

        done, _ = self._store_call(accept_all)
        if done:
            self.refresh_article(article.id)
            # Short: the panel lists them already, and toasts hide it in a narrow terminal.
            self.notify(
                f"Accepted {len(tags)} suggestion(s); {self.key_hint('undo')} undoes them all.",
                markup=False,
                timeout=4,
            )

    def action_reject_suggestion(self) -> None:
        """Reject the suggestion the panel's cursor is on; first, bring the cursor there."""
        article = self._writable_article()
        if article is None or self.session is None:
            return
        panel_list = self.query_one(AnnotationList)
        suggestion = panel_list.selected_suggestion
        if self.app.focused is not panel_list or suggestion is None:
            panel_list.focus()
            if panel_list.highlight_first(lambda item: item.suggestion is not None):
                self.notify(
                    f"Choose the suggestion with j/k, then press {self.key_hint('reject')}.",
                    markup=False,
                    timeout=3,
                )
            return
        store = self.session.store
        kind = KIND_WORDS.get(suggestion.kind, suggestion.kind)
        # The store would describe the step by the suggestion's key ("person:tolam"): the undo
        # toast names it as the panel did.
        description = f"reject {kind} “{suggestion.name}” for {short_id(article.id)}"

        def reject() -> None:
            with store.batch(description):
                store.reject_suggestion(article.id, suggestion.key)

        done, _ = self._store_call(reject)
        if done:
            self.refresh_article(article.id)
            self.notify(
                f"Rejected “{suggestion.name}” for this article; "
                f"{self.key_hint('undo')} undoes it.",
                markup=False,
                timeout=4,
            )

    def action_remove_selected(self) -> None:
        article = self._writable_article()
        if article is None or self.session is None:
            return
        panel_list = self.query_one(AnnotationList)
        on_suggestion = panel_list.selected_suggestion is not None
        if self.app.focused is not panel_list or on_suggestion:
            # First press, or on a suggestion (not a tag yet): go to the first tag or note.
            panel_list.focus()
            if panel_list.highlight_first(lambda item: item.annotation is not None) is None:
                self.notify("This article has no tag or note to remove.", markup=False)
                return
            how = f"Choose what to remove with j/k, then press {self.key_hint('remove')}."
            if on_suggestion:
                how = f"Suggestions are rejected with {self.key_hint('reject')}. {how}"
            self.notify(how, markup=False)
            return
        item = panel_list.selected_item
        if item is None or item.annotation is None:
            self.notify(
                "Choose a tag or note of the passage (below its quote) to remove it.",
                markup=False,
            )
            return
        annotation = item.annotation
        store = self.session.store
        removed, _ = self._store_call(lambda: store.remove_annotation(annotation.id))
        if not removed:
            return
        if annotation.tag_id is not None:
            tag = self.session.tags_by_id.get(annotation.tag_id)
            what = f"{tag.kind} “{tag.name}”" if tag else "a tag"
        else:
            what = "a note"
        self.refresh_article(article.id)
        self.notify(
            f"Removed {what}. Press {self.key_hint('undo')} to undo.", markup=False, timeout=6
        )

    # -- history ----------------------------------------------------------------------------

    def action_undo(self) -> None:
        self._history(undo=True)

    def action_redo(self) -> None:
        self._history(undo=False)

    def _history(self, *, undo: bool) -> None:
        if self.dip_app.read_only_reason:
            self._writable_article()
            return
        if self.session is None:
            return
        store = self.session.store
        done, description = self._store_call(store.undo if undo else store.redo)
        if not done:
            return
        if description is None:
            self.notify(f"Nothing to {'undo' if undo else 'redo'}.", markup=False, timeout=3)
            return
        self.refresh_everything()
        verb = "Undone" if undo else "Redone"
        self.notify(f"{verb}: {self.session.titled(description)}", markup=False, timeout=4)

    # -- article state ----------------------------------------------------------------------

    def action_toggle_star(self) -> None:
        article = self._writable_article()
        if article is None or self.session is None:
            return
        starred = not self.session.state(article.id).starred
        store = self.session.store
        if self._store_call(lambda: store.set_starred(article.id, starred))[0]:
            self.refresh_article(article.id)

    def action_correct(self) -> None:
        """`c`: correct the open article's title and date (one undo step); giving back the
        file's own value, or no date, drops the correction."""
        article = self._writable_article()
        if article is None or self.session is None:
            return
        from dipreader.tui.prompts import CorrectionPrompt

        session, store = self.session, self.session.store
        shown = session.display(article)
        state = session.state(article.id)
        file_title = " ".join(article.title.split())
        file_date = article.date.iso() if article.date else ""

        def chosen(answer: tuple[str, str] | None) -> None:
            if answer is None:
                return
            title, date = answer

            def save() -> None:
                with store.batch(f"correct {short_id(article.id)}"):
                    if title == file_title:
                        if state.title:
                            store.clear_correction(article.id, title=True)
                    elif title != state.title:
                        store.correct(article.id, title=title)
                    if date in ("", file_date):
                        if state.date:
                            store.clear_correction(article.id, date=True)
                    elif date != state.date:
                        store.correct(article.id, date=date)

            if self._store_call(save)[0]:
                self.refresh_article(article.id)

        date = shown.date.iso() if shown.date else ""
        self.app.push_screen(CorrectionPrompt(" ".join(shown.title.split()), date), chosen)

    def action_toggle_read(self) -> None:
        article = self._writable_article()
        if article is None or self.session is None:
            return
        read = not self.session.state(article.id).read
        store = self.session.store
        if self._store_call(lambda: store.set_read(article.id, read))[0]:
            self.refresh_article(article.id)

    def mark_read_on_open(self, article: Article) -> None:
        # Reading is not an edit: no undo step, so `u` after opening an article still undoes
        # the user's last change (`m`, a deliberate change, stays undoable).
        if self.dip_app.read_only_reason or self.session is None:
            return
        if not self.session.state(article.id).read:
            store = self.session.store
            self._store_call(lambda: store.set_read(article.id, True, undoable=False))
            self.refresh_article(article.id)

    # -- passages ---------------------------------------------------------------------------

    def action_start_passage(self) -> None:
        reader = self.query_one(ReaderText)
        reader.focus()
        reader.start_passage()
        self._update_passage_hint()

    def action_extend_sentence(self, step: int) -> None:
        reader = self.query_one(ReaderText)
        reader.focus()
        reader.extend_sentence(step)
        self._update_passage_hint()

    def action_extend_paragraph(self, step: int) -> None:
        reader = self.query_one(ReaderText)
        reader.focus()
        reader.extend_paragraph(step)
        self._update_passage_hint()
