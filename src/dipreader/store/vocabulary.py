"""The store's vocabulary operations: looking tags up by name and changing them.

A mixin of `AnnotationStore` (it uses the store's `_db` and `_index`), kept apart so each
file stays readable.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from dipreader.store import validate
from dipreader.store.errors import InvalidValue, TagConflict, UnknownRecord
from dipreader.store.model import BUILTIN_KINDS, Tag
from dipreader.store.names import LIKELY_DUPLICATE, fold_name, name_similarity
from dipreader.store.records import annotation_to_doc, new_id, tag_to_doc

if TYPE_CHECKING:
    from dipreader.store.database import Database
    from dipreader.store.index import StoreIndex


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()


def kind_order(kind: str) -> tuple[int, str]:
    """person, theme, then other kinds alphabetically."""
    return (BUILTIN_KINDS.index(kind), "") if kind in BUILTIN_KINDS else (len(BUILTIN_KINDS), kind)


def tag_label(tag: Tag) -> str:
    return f"{tag.name} ({tag.kind})"


class VocabularyMixin:
    _db: Database
    _index: StoreIndex

    def tags(self, kind: str | None = None) -> list[Tag]:
        """The vocabulary (of one kind), sorted by kind, then folded name."""
        wanted = None if kind is None else validate.tag_kind(kind)
        found = [t for t in self._index.tags.values() if wanted is None or t.kind == wanted]
        return sorted(found, key=lambda t: (kind_order(t.kind), fold_name(t.name), t.name, t.id))

    def kinds(self) -> list[str]:
        """person, theme, then the user's own kinds in use."""
        others = {t.kind for t in self._index.tags.values()} - set(BUILTIN_KINDS)
        return [*BUILTIN_KINDS, *sorted(others)]

    def get_tag(self, tag_id: str) -> Tag:
        try:
            return self._index.tags[tag_id]
        except KeyError:
            raise UnknownRecord(f"no tag with id {tag_id!r}") from None

    def find_tag(self, name: str, kind: str) -> Tag | None:
        """The tag of that kind whose name or an alias folds to the same key as `name`."""
        try:
            key = (validate.tag_kind(kind), fold_name(name))
        except InvalidValue:
            return None  # no tag can have a kind that is not valid
        tag_id = self._index.tag_keys().get(key)
        return None if tag_id is None else self._index.tags[tag_id]

    def similar_tags(self, name: str, kind: str | None = None) -> list[Tag]:
        """Tags `name` is likely a spelling of (accents, case, spacing, word order, a typo),
        best match first; the tag `find_tag` returns is among them."""
        wanted = None if kind is None else validate.tag_kind(kind)
        scored = []
        for tag in self._index.tags.values():
            if wanted is not None and tag.kind != wanted:
                continue
            score = max(name_similarity(name, spelling) for spelling in (tag.name, *tag.aliases))
            if score >= LIKELY_DUPLICATE:
                scored.append((-score, fold_name(tag.name), tag.id, tag))
        return [entry[-1] for entry in sorted(scored)]

    def tag_usage(self) -> dict[str, int]:
        """Tag id -> number of annotations using it (0 for unused tags)."""
        return self._index.tag_usage()

    def ensure_tag(self, name: str, kind: str) -> Tag:
        """The existing tag `find_tag` finds, or a new one spelled as given."""
        name, kind = validate.tag_name(name), validate.tag_kind(kind)
        existing = self.find_tag(name, kind)
        if existing is not None:
            return existing
        tag = Tag(id=new_id(), name=name, kind=kind)
        with self._db.transaction(f"new tag {tag_label(tag)}"):
            self._db.put("vocabulary", tag_to_doc(tag))
        return tag

    def _check_spellings_free(self, tag: Tag) -> None:
        """TagConflict if another tag of the kind has one of `tag`'s spellings."""
        keys = self._index.tag_keys()
        for spelling in (tag.name, *tag.aliases):
            owner = keys.get((tag.kind, fold_name(spelling)))
            if owner is not None and owner != tag.id:
                other = self._index.tags[owner]
                raise TagConflict(
                    f"{spelling!r} is already a name or alias of {tag_label(other)}; "
                    "merge the two tags instead"
                )

    def update_tag(
        self,
        tag_id: str,
        *,
        name: str = UNSET,
        aliases: tuple[str, ...] | list[str] = UNSET,
        colour: str | None = UNSET,
        description: str = UNSET,
    ) -> Tag:
        """Change what is given; the name and aliases must stay unique within the kind."""
        tag = self.get_tag(tag_id)
        changes: dict[str, Any] = {}
        if name is not UNSET:
            changes["name"] = validate.tag_name(name)
        if aliases is not UNSET:
            own = fold_name(changes.get("name", tag.name))
            kept: dict[str, str] = {}
            for alias in aliases:
                cleaned = validate.tag_name(alias)
                if fold_name(cleaned) != own:
                    kept.setdefault(fold_name(cleaned), cleaned)
            changes["aliases"] = tuple(kept.values())
        if colour is not UNSET:
            changes["colour"] = validate.colour(colour)
        if description is not UNSET:
            changes["description"] = validate.description(description)
        updated = replace(tag, **changes)
        if updated == tag:
            return tag
        self._check_spellings_free(updated)
        if updated.name != tag.name:
            what = f"rename tag {tag_label(tag)} to {updated.name}"
        elif updated.aliases != tag.aliases:
            what = f"change aliases of {tag_label(tag)}"
        else:
            what = f"edit tag {tag_label(tag)}"
        with self._db.transaction(what):
            self._db.put("vocabulary", tag_to_doc(updated))
        return updated

    def add_alias(self, tag_id: str, alias: str) -> Tag:
        """Add another spelling of a tag (nothing happens if it already folds to one)."""
        tag = self.get_tag(tag_id)
        cleaned = validate.tag_name(alias)
        if fold_name(cleaned) in {fold_name(s) for s in (tag.name, *tag.aliases)}:
            return tag
        with self._db.transaction(f"add alias {cleaned} to {tag_label(tag)}"):
            return self.update_tag(tag_id, aliases=(*tag.aliases, cleaned))

    def remove_tag(self, tag_id: str) -> int:
        """Delete a tag and every annotation using it; return how many annotations went."""
        tag = self.get_tag(tag_id)
        using = [a for a in self._index.annotations.values() if a.tag_id == tag_id]
        with self._db.transaction(f"delete tag {tag_label(tag)} ({len(using)} uses)"):
            for annotation in using:
                self._db.delete("annotations", annotation.id)
            self._db.delete("vocabulary", tag_id)
        return len(using)

    def merge_tags(self, source_id: str, into_id: str) -> Tag:
        """Fold a duplicate tag into another of the same kind: its annotations move over (an
        article or passage tagged with both keeps one), its spellings become aliases, and it
        is deleted. Returns the merged tag."""
        source, into = self.get_tag(source_id), self.get_tag(into_id)
        if source.id == into.id:
            return into
        if source.kind != into.kind:
            raise TagConflict(
                f"cannot merge {tag_label(source)} into {tag_label(into)}: kinds differ"
            )
        with self._db.transaction(f"merge {tag_label(source)} into {into.name}"):
            for annotation in [
                a for a in self._index.annotations.values() if a.tag_id == source.id
            ]:
                if self._index.article_tag(annotation.article_id, into.id, annotation.target):
                    self._db.delete("annotations", annotation.id)
                else:
                    moved = replace(annotation, tag_id=into.id)
                    self._db.put("annotations", annotation_to_doc(moved))
            self._db.delete("vocabulary", source.id)
            return self.update_tag(into.id, aliases=(*into.aliases, source.name, *source.aliases))
