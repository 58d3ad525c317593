from __future__ import annotations

from dataclasses import replace

from dipreader.export.merge import plan_merge
from dipreader.export.snapshot import Snapshot
from dipreader.store.model import Annotation, ArticleState, Tag, TextTarget

from .realistic import realistic_snapshot, seed_corpus

PERSON_A = Tag("1" * 32, "Nguyễn Phú Trọng", "person")
THEME_A = Tag("2" * 32, "Climat et énergie", "theme")
TARGET = TextTarget(10, 20, "0123456789", "avant ", " après")


def note(n: int, text: str, target: TextTarget | None = None, article: str = "art1") -> Annotation:
    return Annotation(
        f"{n:032x}",
        article,
        None,
        text,
        target,
        "2026-01-01T00:00:00Z",
        "2026-01-01T00:00:00Z",
        "linh",
    )


def tagging(n: int, tag: Tag, target: TextTarget | None = None, article: str = "art1"):
    return Annotation(
        f"{n:032x}",
        article,
        tag.id,
        None,
        target,
        "2026-01-01T00:00:00Z",
        "2026-01-01T00:00:00Z",
        "linh",
    )


def finder(snapshot: Snapshot):
    """A stand-in for AnnotationStore.find_tag: exact name, same kind."""

    def find(name: str, kind: str) -> Tag | None:
        for tag in snapshot.tags:
            if tag.kind == kind and name in (tag.name, *tag.aliases):
                return tag
        return None

    return find


def plan(existing: Snapshot, incoming: Snapshot):
    return plan_merge(existing, incoming, finder(existing))


def test_into_an_empty_database_everything_is_new():
    incoming = realistic_snapshot(seed_corpus())
    result = plan(Snapshot(), incoming)
    assert result.new_tags == list(incoming.tags)
    assert result.new_annotations == list(incoming.annotations)
    assert {s.article_id for s in result.new_states} == {
        k for k, v in incoming.states.items() if v != ArticleState(k)
    }
    assert result.conflicts == [] and result.changes_anything


def test_importing_the_same_data_twice_adds_nothing():
    data = realistic_snapshot(seed_corpus())
    result = plan(data, data)
    assert not result.changes_anything
    assert result.tags_present == len(data.tags)
    assert result.annotations_present == len(data.annotations)
    assert result.conflicts == []


def test_same_tag_under_another_id_is_matched_and_annotations_follow_it():
    existing = Snapshot(tags=(PERSON_A,), annotations=(tagging(1, PERSON_A),))
    theirs = replace(PERSON_A, id="9" * 32)
    incoming = Snapshot(
        tags=(theirs,),
        annotations=(
            tagging(50, theirs),  # same article + tag + no target: a duplicate
            tagging(51, theirs, TARGET),  # new, must point at our tag id
        ),
    )
    result = plan(existing, incoming)
    assert result.new_tags == []
    assert result.tags_matched_by_name == {theirs.id: PERSON_A.id}
    assert result.annotations_present == 1
    (added,) = result.new_annotations
    assert (added.id, added.tag_id, added.target) == (f"{51:032x}", PERSON_A.id, TARGET)


def test_a_tag_twice_on_one_span_in_the_file_is_added_once():
    moved_quote = replace(TARGET, exact="autre text")  # same offsets: the same span
    incoming = Snapshot(
        tags=(THEME_A,),
        annotations=(tagging(1, THEME_A, TARGET), tagging(2, THEME_A, moved_quote)),
    )
    result = plan(Snapshot(tags=(THEME_A,)), incoming)
    assert [a.id for a in result.new_annotations] == [f"{1:032x}"]
    assert result.annotations_present == 1


def test_a_note_written_twice_stays_two_notes():
    incoming = Snapshot(annotations=(note(1, "à vérifier"), note(2, "à vérifier")))
    result = plan(Snapshot(), incoming)
    assert len(result.new_annotations) == 2


def test_notes_are_duplicates_only_with_same_text_place_and_author():
    existing = Snapshot(annotations=(note(1, "à vérifier"),))
    someone_else = replace(note(4, "à vérifier"), author="minh")
    incoming = Snapshot(
        annotations=(
            note(2, "à vérifier"),  # same article, place, text, author: a duplicate
            note(3, "à vérifier", TARGET),
            someone_else,
            note(5, "autre"),
        )
    )
    result = plan(existing, incoming)
    assert [a.id for a in result.new_annotations] == [f"{n:032x}" for n in (3, 4, 5)]
    assert result.annotations_present == 1


def test_conflicts_are_reported_and_never_overwrite():
    existing = Snapshot(
        tags=(PERSON_A,),
        annotations=(note(1, "version de la base"),),
        states={"art1": ArticleState("art1", title="Titre corrigé ici")},
    )
    incoming = Snapshot(
        tags=(replace(PERSON_A, colour="#ff0000"),),
        annotations=(note(1, "version du fichier"),),
        states={"art1": ArticleState("art1", read=True, title="Autre titre", date="2024-05")},
    )
    result = plan(existing, incoming)
    assert [(c.what, c.id) for c in result.conflicts] == [
        ("tag", PERSON_A.id),
        ("annotation", f"{1:032x}"),
        ("article state", "art1"),
    ]
    assert "colour" in result.conflicts[0].detail
    assert "note" in result.conflicts[1].detail
    assert "'Titre corrigé ici' in the database, 'Autre titre' in the file" in str(
        result.conflicts[2]
    )
    assert result.new_tags == [] and result.new_annotations == []
    # What does not conflict still merges: the flag and the date nobody had corrected.
    assert result.new_states == [
        ArticleState("art1", read=True, title="Titre corrigé ici", date="2024-05")
    ]


def test_flags_are_united_not_cleared():
    existing = Snapshot(states={"art1": ArticleState("art1", read=True, starred=True)})
    incoming = Snapshot(states={"art1": ArticleState("art1", read=False, starred=False)})
    assert plan(existing, incoming).new_states == []
    result = plan(
        Snapshot(states={"a": ArticleState("a", read=True)}),
        Snapshot(states={"a": ArticleState("a", starred=True)}),
    )
    assert result.new_states == [ArticleState("a", read=True, starred=True)]


def test_summary_counts_and_lists_conflicts():
    existing = Snapshot(tags=(PERSON_A,), annotations=(note(1, "ici"),))
    incoming = Snapshot(
        tags=(PERSON_A, THEME_A),
        annotations=(note(1, "là"), tagging(2, THEME_A)),
    )
    lines = plan(existing, incoming).summary()
    assert lines[0] == "tags: 1 new, 1 already present"
    assert lines[1] == "annotations: 1 new, 0 already present"
    assert lines[3] == "conflicts (kept the database's version): 1"
    assert lines[4].startswith(f"  annotation {1:032x}: differs in note")


def test_a_tag_whose_alias_names_an_existing_tag_is_that_tag():
    existing = Snapshot(tags=(PERSON_A,))
    theirs = Tag("9" * 32, "N. P. Trọng", "person", aliases=("Nguyễn Phú Trọng",))
    result = plan(existing, Snapshot(tags=(theirs,), annotations=(tagging(5, theirs),)))
    assert result.new_tags == []
    assert result.tags_matched_by_name == {theirs.id: PERSON_A.id}
    assert [a.tag_id for a in result.new_annotations] == [PERSON_A.id]
