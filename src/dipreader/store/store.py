"""`AnnotationStore`: the API the app, the CLI and export use to read and change annotations.

Every public method that changes something is one undoable step, on disk when it returns
(see `database.py`); `batch()` groups several into one step and one write.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import TracebackType

from dipreader.collector import collector_paused
from dipreader.corpus.model import ArticleDate
from dipreader.store import validate
from dipreader.store.anchor import make_target
from dipreader.store.database import Database, open_database
from dipreader.store.errors import InvalidValue, StoreError, UnknownRecord
from dipreader.store.index import StoreIndex
from dipreader.store.model import Annotation, ArticleState, Tag, TextTarget, short_id
from dipreader.store.records import (
    BadDocument,
    Doc,
    annotation_to_doc,
    default_author,
    new_id,
    now_iso,
    rejection_doc,
    state_from_doc,
    state_to_doc,
    tag_to_doc,
)
from dipreader.store.vocabulary import VocabularyMixin, tag_label


def _quote(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return f"«{flat if len(flat) <= limit else flat[: limit - 1] + '…'}»"


class AnnotationStore(VocabularyMixin):
    """The annotation database. Open with `AnnotationStore.open(path)`; use as a context
    manager or call `close()` so the lock is released."""

    def __init__(self, database: Database, index: StoreIndex, author: str) -> None:
        self._db = database
        self._index = index
        self.author = author

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        read_only: bool = False,
        lock_timeout: float = 0.0,
        author: str | None = None,
    ) -> AnnotationStore:
        """Open or create the database at `path`.

        Raises StoreLocked (another writer; it is named), StoreNotWritable (read-only file or
        file system, no permission: it can still be opened read-only), StoreCorrupt,
        StoreTooNew, StoreNotFound (read-only and no file, or no such folder): all
        DipreaderError. A change after the lock file was deleted or replaced raises
        StoreLockLost, and the store writes nothing more.
        """
        index = StoreIndex()
        user = default_author()
        with collector_paused():  # the parsed file and its index live as long as the store
            database = open_database(
                Path(path).expanduser(),
                read_only=read_only,
                lock_timeout=lock_timeout,
                user=user,
                listener=index,
            )
        return cls(database, index, author or user)

    @property
    def path(self) -> Path:
        return self._db.path

    @property
    def read_only(self) -> bool:
        return self._db.read_only

    @property
    def stopped_reason(self) -> str | None:
        """Why this store no longer writes, though opened for writing (its lock was taken
        away), or None."""
        return self._db.storage.stopped

    @property
    def notices(self) -> list[str]:
        """What the user should be told about how the files were found on opening (a
        damaged journal line, and where the journal was kept)."""
        return list(self._db.notices)

    @property
    def schema_version(self) -> int:
        return int(self._db.meta()["schema"])

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> AnnotationStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def batch(self, description: str | None = None) -> Iterator[None]:
        """Make the calls inside one undo step and one write (all or nothing). The step is
        described by `description`, or by the descriptions of its parts."""
        with self._db.transaction(description):
            yield

    # -- annotations -------------------------------------------------------------------------

    def _new_annotation(
        self,
        article_id: str,
        *,
        tag_id: str | None = None,
        note: str | None = None,
        target: TextTarget | None = None,
    ) -> Annotation:
        now = now_iso()
        return Annotation(
            id=new_id(),
            article_id=article_id,
            tag_id=tag_id,
            note=note,
            target=target,
            created=now,
            updated=now,
            author=self.author,
        )

    def _tag(self, article_id: str, name: str, kind: str, target: TextTarget | None) -> Annotation:
        article_id = validate.article_id(article_id)
        name, kind = validate.tag_name(name), validate.tag_kind(kind)
        existing_tag = self.find_tag(name, kind)
        if existing_tag is not None:
            existing = self._index.article_tag(article_id, existing_tag.id, target)
            if existing is not None:
                return existing
        label = tag_label(existing_tag) if existing_tag else f"{name} ({kind})"
        where = f"{_quote(target.exact)} in " if target else ""
        with self._db.transaction(f"tag {where}{short_id(article_id)} with {label}"):
            tag = self.ensure_tag(name, kind)
            annotation = self._new_annotation(article_id, tag_id=tag.id, target=target)
            self._db.put("annotations", annotation_to_doc(annotation))
        return annotation

    def tag_article(self, article_id: str, name: str, kind: str) -> Annotation:
        """Tag a whole article (creating the tag if no spelling of it exists). Tagging it
        again returns the existing annotation and changes nothing."""
        return self._tag(article_id, name, kind, None)

    def tag_passage(
        self, article_id: str, text: str, start: int, end: int, name: str, kind: str
    ) -> Annotation:
        """Tag `text[start:end]`, where `text` is the article's `Article.text`."""
        return self._tag(article_id, name, kind, self._target(text, start, end))

    @staticmethod
    def _target(text: str, start: int, end: int) -> TextTarget:
        try:
            return make_target(text, start, end)
        except ValueError as exc:
            raise InvalidValue(str(exc)) from None

    def untag_article(self, article_id: str, name: str, kind: str) -> bool:
        """Remove a whole-article tag (passage tags stay); False if the article did not have
        it."""
        tag = self.find_tag(name, kind)
        annotation = None if tag is None else self._index.article_tag(article_id, tag.id, None)
        if tag is None or annotation is None:
            return False
        with self._db.transaction(f"untag {short_id(article_id)}: {tag_label(tag)}"):
            self._db.delete("annotations", annotation.id)
        return True

    def add_note(
        self,
        article_id: str,
        note: str,
        *,
        text: str | None = None,
        start: int | None = None,
        end: int | None = None,
    ) -> Annotation:
        """A note on the article, or on `text[start:end]` if all three are given."""
        article_id, note = validate.article_id(article_id), validate.note(note)
        passage = (text, start, end)
        if any(part is not None for part in passage) and None in passage:
            raise InvalidValue("a note on a passage needs the text, start and end")
        target = None if text is None else self._target(text, start, end)  # type: ignore[arg-type]
        annotation = self._new_annotation(article_id, note=note, target=target)
        where = f" on {_quote(target.exact)}" if target else ""
        with self._db.transaction(f"note {_quote(note)}{where} in {short_id(article_id)}"):
            self._db.put("annotations", annotation_to_doc(annotation))
        return annotation

    def edit_note(self, annotation_id: str, note: str) -> Annotation:
        """Replace the text of a note."""
        annotation = self.get_annotation(annotation_id)
        if annotation.note is None:
            raise InvalidValue("that annotation is a tag, not a note")
        note = validate.note(note)
        if note == annotation.note:
            return annotation
        edited = replace(annotation, note=note, updated=now_iso())
        with self._db.transaction(f"edit note in {short_id(annotation.article_id)}"):
            self._db.put("annotations", annotation_to_doc(edited))
        return edited

    def get_annotation(self, annotation_id: str) -> Annotation:
        try:
            return self._index.annotations[annotation_id]
        except KeyError:
            raise UnknownRecord(f"no annotation with id {annotation_id!r}") from None

    def remove_annotation(self, annotation_id: str) -> None:
        annotation = self.get_annotation(annotation_id)
        with self._db.transaction(f"remove {self.describe(annotation)}"):
            self._db.delete("annotations", annotation_id)

    def describe(self, annotation: Annotation) -> str:
        """A short human description: "Tô Lâm (person) on a11d0ef0"."""
        if annotation.tag_id is not None:
            tag = self._index.tags.get(annotation.tag_id)
            what = tag_label(tag) if tag else "a deleted tag"
        else:
            what = f"note {_quote(annotation.note or '')}"
        where = f" on {_quote(annotation.target.exact)}" if annotation.target else ""
        return f"{what}{where} in {short_id(annotation.article_id)}"

    def annotations(self, article_id: str | None = None) -> list[Annotation]:
        """Annotations of one article (or all), by article, whole-article ones first, then by
        passage position; tags before notes; then by creation."""
        if article_id is None:
            found: Iterable[Annotation] = self._index.annotations.values()
        else:
            found = self._index.by_article.get(article_id, {}).values()
        return sorted(found, key=_annotation_order)

    def annotation_counts(self) -> dict[str, int]:
        """Article id -> number of annotations, for articles that have any."""
        return {article: len(found) for article, found in self._index.by_article.items()}

    def insert_records(
        self,
        *,
        tags: Iterable[Tag] = (),
        annotations: Iterable[Annotation] = (),
        states: Iterable[ArticleState] = (),
        description: str = "import",
    ) -> None:
        """Add records made elsewhere (an import) as they are, ids and times included, in one
        undo step. Tags and annotations must be new ids; states replace the article's state."""
        with self._db.transaction(description):
            for tag in tags:
                if tag.id in self._index.tags:
                    raise StoreError(f"tag {tag.id} is already in the database")
                checked = replace(
                    tag,
                    name=validate.tag_name(tag.name),
                    kind=validate.tag_kind(tag.kind),
                    colour=validate.colour(tag.colour),
                )
                self._check_spellings_free(checked)
                self._db.put("vocabulary", tag_to_doc(checked))
            for annotation in annotations:
                if annotation.id in self._index.annotations:
                    raise StoreError(f"annotation {annotation.id} is already in the database")
                if annotation.tag_id is not None and annotation.tag_id not in self._index.tags:
                    raise UnknownRecord(f"annotation {annotation.id} uses an unknown tag")
                validate.article_id(annotation.article_id)
                self._db.put("annotations", annotation_to_doc(annotation))
            for state in states:
                self._put_state(state)

    # -- article state -----------------------------------------------------------------------

    def state(self, article_id: str) -> ArticleState:
        return self._index.states.get(article_id) or ArticleState(article_id=article_id)

    def states(self) -> dict[str, ArticleState]:
        """Article id -> state, for articles whose state is not the default."""
        return dict(self._index.states)

    def _put_state(self, state: ArticleState, new_uuid: str | None = None) -> None:
        """Store `state` in the article's state document, which exists only while the state
        is not the default; a new document gets `new_uuid` (or a fresh one)."""
        validate.article_id(state.article_id)
        doc_uuid = self._index.state_uuids.get(state.article_id)
        if state == ArticleState(article_id=state.article_id):
            if doc_uuid is not None:
                self._db.delete("states", doc_uuid)
        else:
            self._db.put("states", state_to_doc(state, doc_uuid or new_uuid or new_id()))

    def _change_state(self, article_id: str, description: str, **changes: object) -> None:
        current = self.state(validate.article_id(article_id))
        changed = replace(current, **changes)
        if changed != current:
            with self._db.transaction(f"{description} {short_id(article_id)}"):
                self._put_state(changed)

    def set_read(self, article_id: str, read: bool = True, *, undoable: bool = True) -> None:
        """Mark an article read or unread.

        `undoable=False` is for the app marking an article read as it opens it: the change is
        durable but no undo step, so undo still reaches the user's last edit. The undo history
        then keeps the article's new read flag in every step (undoing a star keeps it read).
        """
        if undoable:
            self._change_state(article_id, "mark read" if read else "mark unread", read=read)
            return
        article_id = validate.article_id(article_id)
        current = self.state(article_id)
        if current.read == read:
            return
        what = "mark read" if read else "mark unread"
        with self._db.transaction(f"{what} {short_id(article_id)}", undoable=False):
            # One document uuid for the article, now and in every step of the history: a
            # step never recreates an older document of it next to this one.
            doc_uuid = self._index.state_uuids.get(article_id) or new_id()
            self._put_state(replace(current, read=read), doc_uuid)
            self._db.rewrite_history(
                "states", lambda change: _with_read(change, article_id, read, doc_uuid)
            )

    def set_starred(self, article_id: str, starred: bool = True) -> None:
        self._change_state(article_id, "star" if starred else "unstar", starred=starred)

    def correct(
        self, article_id: str, *, title: str | None = None, date: str | ArticleDate | None = None
    ) -> None:
        """Record the user's correction of an article's title and/or date."""
        changes: dict[str, object] = {}
        if title is not None:
            changes["title"] = validate.title(title)
        if date is not None:
            changes["date"] = validate.date(date)
        what = " and ".join(changes)
        if changes:
            self._change_state(article_id, f"correct {what} of", **changes)

    def clear_correction(self, article_id: str, *, title: bool = False, date: bool = False) -> None:
        """Forget the user's title and/or date correction (the cleaner's value applies)."""
        changes = {name: None for name, clear in (("title", title), ("date", date)) if clear}
        if changes:
            self._change_state(article_id, f"undo {' and '.join(changes)} correction of", **changes)

    # -- suggestions -------------------------------------------------------------------------

    def reject_suggestion(self, article_id: str, key: str) -> None:
        """Remember that the user turned down suggestion `key` for this article."""
        article_id, key = validate.article_id(article_id), validate.suggestion_key(key)
        if key in self._index.rejections.get(article_id, {}):
            return
        with self._db.transaction(f"reject suggestion {key} for {short_id(article_id)}"):
            self._db.put("rejections", rejection_doc(article_id, key, self.author))

    def unreject_suggestion(self, article_id: str, key: str) -> None:
        doc_uuid = self._index.rejections.get(article_id, {}).get(key)
        if doc_uuid is not None:
            with self._db.transaction(f"allow suggestion {key} for {short_id(article_id)}"):
                self._db.delete("rejections", doc_uuid)

    def rejected_suggestions(self, article_id: str) -> set[str]:
        return set(self._index.rejections.get(article_id, {}))

    # -- history -----------------------------------------------------------------------------

    def undo(self) -> str | None:
        """Undo the last step; its description, or None if there was nothing to undo."""
        return self._db.undo()

    def redo(self) -> str | None:
        """Redo the last undone step (a new change forgets undone steps)."""
        return self._db.redo()

    @property
    def can_undo(self) -> bool:
        return self._db.can_undo

    @property
    def can_redo(self) -> bool:
        return self._db.can_redo

    @property
    def undo_description(self) -> str | None:
        return self._db.undo_description

    @property
    def redo_description(self) -> str | None:
        return self._db.redo_description


def _with_read(change: Doc, article_id: str, read: bool, doc_uuid: str) -> Doc:
    """A recorded change of a state document, as it would be had `article_id` always had the
    read flag `read` (and its state document the uuid `doc_uuid`); other articles' as is."""
    before, after = change["before"], change["after"]
    if not any(
        image is not None and image.get("article_id") == article_id for image in (before, after)
    ):
        return change

    def image_with_read(image: Doc | None) -> Doc | None:
        state = ArticleState(article_id) if image is None else state_from_doc(image)
        state = replace(state, read=read)
        # As `_put_state`: no document for the default state.
        return None if state == ArticleState(article_id) else state_to_doc(state, doc_uuid)

    try:
        return {
            **change,
            "uuid": doc_uuid,
            "before": image_with_read(before),
            "after": image_with_read(after),
        }
    except BadDocument:
        return change  # edited by hand: undo finds it changed and drops that step, as before


def _annotation_order(annotation: Annotation) -> tuple:
    target = annotation.target
    position = (0, 0, 0) if target is None else (1, target.start, target.end)
    # Tags before notes on the same span. Creation times are only to the second; within one,
    # the stable sort keeps the order annotations were made in.
    is_note = annotation.note is not None
    return (annotation.article_id, *position, is_note, annotation.created)
