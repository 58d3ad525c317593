"""`dipreader tag/untag/tags/undo/redo` on real files, checked in the database on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dipreader.cli import main
from dipreader.cli.store_cmds import one_line
from dipreader.corpus import bundled_seeds, load_corpus

from .conftest import disk_docs, on_disk
from .test_safety import _hold_lock_in_child


@pytest.fixture(scope="module")
def seed_ids() -> list[str]:
    return [article.id for article in load_corpus(bundled_seeds()).articles]


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "annotations.json")


def _tag_names(db: str, article_id: str) -> set[tuple[str, str]]:
    data = on_disk(Path(db))
    tags = {d["uuid"]: (d["name"], d["kind"]) for d in data["vocabulary"].values()}
    return {
        tags[d["tag_id"]]
        for d in data["annotations"].values()
        if d["article_id"] == article_id and "tag_id" in d
    }


def test_tag_writes_every_option_in_one_step(db: str, seed_ids: list[str], capsys) -> None:
    article = seed_ids[0]
    code = main(
        [
            "tag", article[:6], "--db", db,
            "--person", "Tô Lâm", "--person", "Donald Trump",
            "--theme", "High level diplomacy", "--tag", "place:Washington",
            "--note", "Première rencontre.",
        ]
    )  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    assert f"tagged {article[:8]}" in out and "Tô Lâm (person)" in out
    assert "high-level diplomacy (theme) (you typed 'High level diplomacy')" in out
    assert _tag_names(db, article) == {
        ("Tô Lâm", "person"),
        ("Donald Trump", "person"),
        ("high-level diplomacy", "theme"),
        ("Washington", "place"),
    }
    notes = [d["note"] for d in disk_docs(Path(db), "annotations") if "note" in d]
    assert notes == ["Première rencontre."]
    assert len(disk_docs(Path(db), "history")) == 1


def test_tag_again_and_lookalike_warning(db: str, seed_ids: list[str], capsys) -> None:
    article = seed_ids[1]
    main(["tag", article, "--db", db, "--person", "Nguyễn Phú Trọng"])
    capsys.readouterr()
    assert main(["tag", article, "--db", db, "--person", "nguyen phu trong"]) == 0
    assert "already tagged" in capsys.readouterr().out
    assert main(["tag", article, "--db", db, "--person", "Nguyen Phu Truong"]) == 0
    assert "looks like Nguyễn Phú Trọng" in capsys.readouterr().err


def test_untag_and_undo_redo_across_invocations(db: str, seed_ids: list[str], capsys) -> None:
    article = seed_ids[0]
    main(["tag", article, "--db", db, "--person", "Tô Lâm", "--note", "à revoir"])
    assert main(["untag", article, "--db", db, "--person", "to lam", "--note", "à revoir"]) == 0
    out = capsys.readouterr().out
    assert "untagged" in out and "removed 1 note" in out
    assert _tag_names(db, article) == set()
    assert main(["undo", "--db", db]) == 0
    assert capsys.readouterr().out.startswith(f"undo: untag {article[:8]}: Tô Lâm (person)")
    assert _tag_names(db, article) == {("Tô Lâm", "person")}
    assert main(["redo", "--db", db]) == 0
    assert _tag_names(db, article) == set()
    assert main(["undo", "--db", db]) == 0
    assert main(["undo", "--db", db]) == 0
    assert main(["undo", "--db", db]) == 1
    assert capsys.readouterr().out.endswith("nothing to undo\n")
    assert disk_docs(Path(db), "annotations") == []


def test_undo_without_a_database_creates_nothing(db: str, capsys) -> None:
    assert main(["undo", "--db", db]) == 1
    assert main(["redo", "--db", db]) == 1
    assert not Path(db).exists()


def test_tags_text_and_json(db: str, seed_ids: list[str], capsys) -> None:
    first, second = seed_ids[0], seed_ids[1]
    main(["tag", first, "--db", db, "--person", "Tô Lâm", "--theme", "trade & economy"])
    assert main(["tag", second, "--db", db, "--note", "line one\x1b[31mred"]) == 2
    main(["tag", second, "--db", db, "--note", "line one\n\tline two"])
    capsys.readouterr()
    assert main(["tags", first, "--db", db]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0].startswith(first)
    assert "  person  Tô Lâm" in text and "  theme   trade & economy" in text
    assert main(["tags", "--db", db]) == 0
    listing = capsys.readouterr().out
    assert listing.index(first) < listing.index(second)  # corpus order
    assert "note: line one line two\n" in listing
    assert main(["tags", first, "--db", db, "--format", "json"]) == 0
    entry = json.loads(capsys.readouterr().out)
    assert entry["id"] == first and entry["in_corpus"]
    assert sorted((t["name"], t["kind"]) for t in entry["tags"]) == [
        ("Tô Lâm", "person"),
        ("trade & economy", "theme"),
    ]
    assert main(["tags", "--db", db, "--format", "json"]) == 0
    assert [e["id"] for e in json.loads(capsys.readouterr().out)] == [first, second]


def test_tags_takes_a_lone_path_as_the_corpus(
    db: str, seeds_copy: Path, seed_ids: list[str], capsys
) -> None:
    main(["tag", seed_ids[0], str(seeds_copy), "--db", db, "--person", "Tô Lâm"])
    capsys.readouterr()
    assert main(["tags", str(seeds_copy), "--db", db]) == 0
    assert "Tô Lâm" in capsys.readouterr().out


def test_tags_without_a_database(db: str, seed_ids: list[str], capsys) -> None:
    assert main(["tags", "--db", db]) == 0
    captured = capsys.readouterr()
    assert captured.out == "no annotations\n" and "no database" in captured.err
    assert main(["tags", seed_ids[0], "--db", db, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["tags"] == []
    assert not Path(db).exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["tag", "{id}"], "nothing to add"),
        (["untag", "{id}"], "nothing to remove"),
        (["tag", "{id}", "--tag", "Hanoï"], "KIND:NAME"),
        (["tag", "{id}", "--tag", "two words:Hanoï"], "tag kind"),
        (["tag", "{id}", "--person", "!!!"], "letter or digit"),
        (["tag", "ffffffffffff", "--person", "Tô Lâm"], "no article"),
        (["tag", "{id}", "--person", "Jean \u202eDupont"], "direction overrides"),
        # All or nothing: the valid person is not written either.
        (["tag", "{id}", "--person", "Tô Lâm", "--note", "bip\x07"], "control characters"),
    ],
)
def test_bad_requests_exit_2_and_change_nothing(
    db: str, seed_ids: list[str], capsys, argv: list[str], message: str
) -> None:
    code = main([a.format(id=seed_ids[0]) for a in argv] + ["--db", db])
    assert code == 2
    assert message in capsys.readouterr().err
    # Refused before any change: no database made with only the default themes, no lock.
    assert list(Path(db).parent.iterdir()) == []


def test_locked_database(db: str, seed_ids: list[str], capsys, monkeypatch) -> None:
    main(["tag", seed_ids[0], "--db", db, "--person", "Tô Lâm"])
    capsys.readouterr()
    monkeypatch.setattr("dipreader.cli.store_cmds.HEADLESS_LOCK_WAIT", 0.2)
    child = _hold_lock_in_child(Path(db))
    try:
        assert main(["tag", seed_ids[0], "--db", db, "--person", "Lương Cường"]) == 2
        error = capsys.readouterr().err
        assert f"pid {child.pid}" in error and "Close it there" in error
        # `tag` has no --read-only to offer: the message must not send the user to it.
        assert "read-only" not in error
        assert main(["undo", "--db", db]) == 2
        capsys.readouterr()
        assert main(["tags", seed_ids[0], "--db", db]) == 0  # reading needs no lock
        assert "Tô Lâm" in capsys.readouterr().out
    finally:
        child.communicate("")
    assert _tag_names(db, seed_ids[0]) == {("Tô Lâm", "person")}


def test_printed_text_is_one_plain_line() -> None:
    assert one_line("a\n b\t\x1b[2Jc\x07") == "a b \ufffd[2Jc\ufffd"
