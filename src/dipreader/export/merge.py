"""Deciding what an import adds to a database: new records only, never a duplicate, never an
overwrite. Pure: it reads two snapshots and returns a plan; the store applies it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, replace

from dipreader.export.document import has_content
from dipreader.export.snapshot import Snapshot
from dipreader.store.model import Annotation, ArticleState, Tag

# The store's own tag lookup (`AnnotationStore.find_tag`): same-kind match after folding case,
# accents and spacing, aliases included. Passed in so import and the app agree on identity.
FindTag = Callable[[str, str], "Tag | None"]


@dataclass(frozen=True)
class Conflict:
    """A record of the file that differs from the database's record of the same identity."""

    what: str  # "tag", "annotation" or "article state"
    id: str
    detail: str

    def __str__(self) -> str:
        return f"{self.what} {self.id}: {self.detail}"


@dataclass
class MergePlan:
    new_tags: list[Tag] = field(default_factory=list)
    # file tag id -> database tag id, for file tags found in the database under another id
    tags_matched_by_name: dict[str, str] = field(default_factory=dict)
    tags_present: int = 0
    new_annotations: list[Annotation] = field(default_factory=list)
    annotations_present: int = 0
    new_states: list[ArticleState] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def changes_anything(self) -> bool:
        return bool(self.new_tags or self.new_annotations or self.new_states)

    def summary(self) -> list[str]:
        """Lines for the user: what is added, what was already there, what conflicts."""
        lines = [
            f"tags: {len(self.new_tags)} new, {self.tags_present} already present"
            + (
                f", {len(self.tags_matched_by_name)} matched by name to an existing tag"
                if self.tags_matched_by_name
                else ""
            ),
            f"annotations: {len(self.new_annotations)} new, "
            f"{self.annotations_present} already present",
            f"article states (read, starred, corrections): {len(self.new_states)} updated",
            f"conflicts (kept the database's version): {len(self.conflicts)}",
        ]
        lines += [f"  {conflict}" for conflict in self.conflicts]
        return lines


def plan_merge(existing: Snapshot, incoming: Snapshot, find_tag: FindTag) -> MergePlan:
    plan = MergePlan()
    tag_ids = _merge_tags(existing, incoming, find_tag, plan)
    _merge_annotations(existing, incoming, tag_ids, plan)
    _merge_states(existing, incoming, plan)
    return plan


def _merge_tags(
    existing: Snapshot, incoming: Snapshot, find_tag: FindTag, plan: MergePlan
) -> dict[str, str]:
    """Fill the plan's tag part; return file tag id -> the id annotations must use."""
    by_id = {t.id: t for t in existing.tags}
    tag_ids: dict[str, str] = {}
    for tag in incoming.tags:
        current = by_id.get(tag.id)
        if current is not None:
            tag_ids[tag.id] = tag.id
            if current == tag:
                plan.tags_present += 1
            else:
                plan.conflicts.append(Conflict("tag", tag.id, _tag_difference(current, tag)))
            continue
        same_name = _find_by_any_spelling(tag, find_tag)
        if same_name is not None:
            tag_ids[tag.id] = same_name.id
            plan.tags_matched_by_name[tag.id] = same_name.id
            plan.tags_present += 1
            continue
        tag_ids[tag.id] = tag.id
        plan.new_tags.append(tag)
    return tag_ids


def _find_by_any_spelling(tag: Tag, find_tag: FindTag) -> Tag | None:
    # An alias that is another tag's name means the same entity; adding the tag anyway would
    # give one spelling two owners, which the store refuses.
    for spelling in (tag.name, *tag.aliases):
        found = find_tag(spelling, tag.kind)
        if found is not None:
            return found
    return None


def _tag_difference(current: Tag, incoming: Tag) -> str:
    changed = [
        name
        for name in ("name", "kind", "aliases", "colour", "description")
        if getattr(current, name) != getattr(incoming, name)
    ]
    return (
        f"differs in {', '.join(changed)} "
        f"(database: {current.kind} {current.name!r}; file: {incoming.kind} {incoming.name!r})"
    )


def _merge_annotations(
    existing: Snapshot, incoming: Snapshot, tag_ids: dict[str, str], plan: MergePlan
) -> None:
    by_id = {a.id: a for a in existing.annotations}
    present = {_identity(a) for a in existing.annotations}
    for annotation in incoming.annotations:
        if annotation.tag_id is not None:
            annotation = replace(
                annotation, tag_id=tag_ids.get(annotation.tag_id, annotation.tag_id)
            )
        current = by_id.get(annotation.id)
        if current is not None:
            if current == annotation:
                plan.annotations_present += 1
            else:
                plan.conflicts.append(
                    Conflict(
                        "annotation", annotation.id, _annotation_difference(current, annotation)
                    )
                )
            continue
        identity = _identity(annotation)
        if identity in present:
            plan.annotations_present += 1
            continue
        if annotation.tag_id is not None:
            # A tag is on a span once (the store's rule); a note written twice is two notes.
            present.add(identity)
        plan.new_annotations.append(annotation)


def _identity(annotation: Annotation) -> Hashable:
    """What makes two annotations with different ids say the same thing.

    A tag: same article, tag and span (offsets, as the store decides when tagging). A note:
    same article, place, text and author (two analysts' identical remarks stay two notes).
    """
    target = annotation.target
    if annotation.tag_id is not None:
        span = (target.start, target.end) if target else None
        return ("tag", annotation.article_id, annotation.tag_id, span)
    anchor = (target.start, target.end, target.exact) if target else None
    return ("note", annotation.article_id, anchor, annotation.note, annotation.author)


def _annotation_difference(current: Annotation, incoming: Annotation) -> str:
    changed = [
        name
        for name in ("article_id", "tag_id", "note", "target", "created", "updated", "author")
        if getattr(current, name) != getattr(incoming, name)
    ]
    return f"differs in {', '.join(changed)}"


def _merge_states(existing: Snapshot, incoming: Snapshot, plan: MergePlan) -> None:
    for article_id, state in sorted(incoming.states.items()):
        current = existing.states.get(article_id) or ArticleState(article_id)
        merged, conflicts = _merged_state(current, state)
        plan.conflicts.extend(conflicts)
        if merged != current and has_content(merged):
            plan.new_states.append(merged)


def _merged_state(
    current: ArticleState, incoming: ArticleState
) -> tuple[ArticleState, list[Conflict]]:
    """Flags are united (read or starred in either copy stays so); a correction is taken
    from the file only where the database has none."""
    conflicts: list[Conflict] = []
    corrections: dict[str, str | None] = {}
    for name in ("title", "date"):
        mine, theirs = getattr(current, name), getattr(incoming, name)
        corrections[name] = mine if mine is not None else theirs
        if mine is not None and theirs is not None and mine != theirs:
            conflicts.append(
                Conflict(
                    "article state",
                    current.article_id,
                    f"corrected {name} is {mine!r} in the database, {theirs!r} in the file",
                )
            )
    merged = ArticleState(
        article_id=current.article_id,
        read=current.read or incoming.read,
        starred=current.starred or incoming.starred,
        **corrections,
    )
    return merged, conflicts
