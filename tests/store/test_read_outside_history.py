"""`set_read(..., undoable=False)`: what the app does when it opens an article. The read flag
is durable at once, yet no undo step, and the steps already in the history keep working."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dipreader.store import AnnotationStore, StoreError, StoreReadOnly

from .conftest import ARTICLE, OTHER_ARTICLE, disk_docs


def disk_states(path: Path, article_id: str) -> list[dict]:
    return [doc for doc in disk_docs(path, "states") if doc["article_id"] == article_id]


def test_durable_at_once_and_undo_reaches_the_last_edit(
    store: AnnotationStore, db_path: Path
) -> None:
    store.tag_article(ARTICLE, "Tô Lâm", "person")
    store.set_read(OTHER_ARTICLE, undoable=False)
    assert [doc["read"] for doc in disk_states(db_path, OTHER_ARTICLE)] == [True]
    assert store.undo_description == "tag a11d0ef0 with Tô Lâm (person)"
    assert store.undo() == "tag a11d0ef0 with Tô Lâm (person)"
    assert store.annotations() == []
    assert store.state(OTHER_ARTICLE).read
    assert not store.can_undo
    assert [doc["read"] for doc in disk_states(db_path, OTHER_ARTICLE)] == [True]


def test_redo_survives_opening_an_article(store: AnnotationStore) -> None:
    store.tag_article(ARTICLE, "Tô Lâm", "person")
    store.undo()
    store.set_read(ARTICLE, undoable=False)
    assert store.redo() == "tag a11d0ef0 with Tô Lâm (person)"
    assert len(store.annotations(ARTICLE)) == 1
    assert store.state(ARTICLE).read


def test_undoing_a_star_made_before_opening_keeps_the_article_read(
    store: AnnotationStore, db_path: Path
) -> None:
    # Starred from the list, then opened: the star's step saw the article unread.
    store.set_starred(ARTICLE)
    store.set_read(ARTICLE, undoable=False)
    assert store.undo() == "star a11d0ef0"
    state = store.state(ARTICLE)
    assert (state.read, state.starred) == (True, False)
    assert store.redo() == "star a11d0ef0"
    state = store.state(ARTICLE)
    assert (state.read, state.starred) == (True, True)
    assert [(d["read"], d["starred"]) for d in disk_states(db_path, ARTICLE)] == [(True, True)]


def test_an_article_keeps_one_state_document_whatever_is_undone(
    store: AnnotationStore, db_path: Path
) -> None:
    # Star then unstar: the state document is created, then deleted (the default state has
    # none). Opening creates a new one; undoing the unstar must not bring back the old one
    # beside it.
    store.set_starred(ARTICLE)
    store.set_starred(ARTICLE, False)
    store.set_read(ARTICLE, undoable=False)
    assert store.undo() == "unstar a11d0ef0"
    assert [(d["read"], d["starred"]) for d in disk_states(db_path, ARTICLE)] == [(True, True)]
    assert store.undo() == "star a11d0ef0"
    assert [(d["read"], d["starred"]) for d in disk_states(db_path, ARTICLE)] == [(True, False)]
    assert store.redo() == "star a11d0ef0" and store.redo() == "unstar a11d0ef0"
    assert store.state(ARTICLE).read and not store.state(ARTICLE).starred


def test_a_read_step_that_no_longer_changes_anything_leaves_the_history(
    store: AnnotationStore,
) -> None:
    store.tag_article(ARTICLE, "Tô Lâm", "person")
    store.set_read(ARTICLE, False)  # an explicit mark unread: a step (it changes nothing yet)
    store.set_read(ARTICLE)  # explicit, undoable
    store.set_read(ARTICLE, False)  # explicit, undoable
    store.set_read(ARTICLE, undoable=False)  # opened again
    # Both explicit marks would now undo to "read": they are gone, the tag is next.
    assert store.undo() == "tag a11d0ef0 with Tô Lâm (person)"
    assert store.state(ARTICLE).read


def test_the_rewritten_history_survives_a_restart(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as store:
        store.set_starred(ARTICLE)
        store.tag_article(ARTICLE, "Tô Lâm", "person")
        store.set_read(ARTICLE, undoable=False)
        store.set_read(OTHER_ARTICLE, undoable=False)
    with AnnotationStore.open(db_path) as store:
        assert store.state(ARTICLE).read and store.state(OTHER_ARTICLE).read
        assert store.undo() == "tag a11d0ef0 with Tô Lâm (person)"
        assert store.undo() == "star a11d0ef0"
        assert store.state(ARTICLE).read and not store.state(ARTICLE).starred
        assert not store.can_undo


def test_nothing_is_written_when_the_flag_is_already_set(
    store: AnnotationStore, db_path: Path
) -> None:
    store.set_read(ARTICLE, undoable=False)
    before = db_path.with_name(db_path.name + ".journal").read_bytes()
    store.set_read(ARTICLE, undoable=False)
    assert db_path.with_name(db_path.name + ".journal").read_bytes() == before


def test_it_cannot_be_part_of_a_batch(store: AnnotationStore) -> None:
    with pytest.raises(StoreError, match="outside the undo history"), store.batch("two things"):
        store.tag_article(ARTICLE, "Tô Lâm", "person")
        store.set_read(ARTICLE, undoable=False)
    assert store.annotations() == [] and not store.state(ARTICLE).read


def test_a_read_only_store_refuses_it(db_path: Path) -> None:
    AnnotationStore.open(db_path).close()
    with AnnotationStore.open(db_path, read_only=True) as store, pytest.raises(StoreReadOnly):
        store.set_read(ARTICLE, undoable=False)


_ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(
            ["star", "unstar", "mark read", "mark unread", "open", "tag", "title", "undo", "redo"]
        ),
        st.sampled_from([ARTICLE, OTHER_ARTICLE]),
    ),
    max_size=25,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actions=_ACTIONS)
def test_any_mix_of_edits_opens_undo_and_redo_stays_consistent(
    tmp_path_factory: pytest.TempPathFactory, actions: list[tuple[str, str]]
) -> None:
    db_path = tmp_path_factory.mktemp("mix") / "annotations.json"
    with AnnotationStore.open(db_path) as store:

        def snapshot() -> tuple:
            return (store.states(), [(a.article_id, a.tag_id) for a in store.annotations()])

        for action, article in actions:
            marked_on_open = False
            match action:
                case "star" | "unstar":
                    store.set_starred(article, action == "star")
                case "mark read" | "mark unread":
                    store.set_read(article, action == "mark read")
                case "open":
                    was_read = store.state(article).read
                    store.set_read(article, undoable=False)
                    marked_on_open = not was_read
                case "tag":
                    store.tag_article(article, "Tô Lâm", "person")
                case "title":
                    store.correct(article, title=f"Titre {len(store.states())}")
                case "undo":
                    store.undo()
                case "redo":
                    store.redo()
            if marked_on_open:
                # Right after opening marked an article read, undo and redo leave it read (an
                # explicit mark read before opening stays an undoable step of its own).
                if store.undo() is not None:
                    assert store.state(article).read
                    store.redo()
                assert store.state(article).read
            on_file = disk_docs(db_path, "states")
            assert len({d["article_id"] for d in on_file}) == len(on_file)
        # The whole history replays back and forth to where it ends.
        end = snapshot()
        undone = 0
        while store.undo() is not None:
            undone += 1
        for _ in range(undone):
            assert store.redo() is not None
        assert snapshot() == end
    with AnnotationStore.open(db_path) as store:
        assert snapshot() == end
