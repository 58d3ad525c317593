from __future__ import annotations

import os
from pathlib import Path

import pytest

from dipreader.corpus import ArticleNotFound, CorpusError, load_corpus
from dipreader.corpus.load import MAX_FILE_BYTES
from tests.conftest import SEEDS

FRENCH = " date 2024-11 Le président élu à Hanoï\n\nÇa coûte 5 € à l’école – déjà vu.\n"


def reasons(corpus) -> dict[str, str]:
    return {w.path.name: w.reason for w in corpus.warnings}


def test_a_folder_is_searched_recursively_for_txt_and_md(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "one.txt").write_text("Titre un\n\nCorps un.", encoding="utf-8")
    (tmp_path / "two.MD").write_text("Titre deux\n\nCorps deux.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    corpus = load_corpus(tmp_path)
    assert sorted(a.title for a in corpus.articles) == ["Titre deux", "Titre un"]
    assert corpus.warnings == []


def test_a_list_of_files(tmp_path: Path) -> None:
    files = sorted(SEEDS.glob("*.txt"))[:2]
    assert len(load_corpus(files)) == 2


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    text = (
        FRENCH
        if encoding != "latin-1"
        else FRENCH.replace("’", "'").replace("€", "E").replace("–", "-")
    )
    (tmp_path / "a.txt").write_bytes(text.encode(encoding))
    article = load_corpus(tmp_path).articles[0]
    assert article.title == "Le président élu à Hanoï"
    assert article.paragraphs[0] == text.split("\n\n")[1].strip()


def test_a_short_cp1252_file_is_not_read_as_another_code_page(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(
        "Titre\n\nLe président élu a été reçu à Hanoï.".encode("cp1252")
    )
    assert load_corpus(tmp_path).articles[0].paragraphs == ("Le président élu a été reçu à Hanoï.",)


def test_the_id_survives_renaming_moving_reencoding_and_line_ends(tmp_path: Path) -> None:
    seed = sorted(SEEDS.glob("*.txt"))[0]
    original = load_corpus(seed).articles[0].id
    moved = tmp_path / "elsewhere" / "renamed.txt"
    moved.parent.mkdir()
    text = seed.read_text(encoding="utf-8")
    moved.write_bytes(text.replace("\n", "\r\n").encode("utf-8-sig"))
    assert load_corpus(moved).articles[0].id == original
    moved.write_bytes(text.encode("cp1252"))
    assert load_corpus(moved).articles[0].id == original


def test_identical_files_are_one_article(tmp_path: Path) -> None:
    seed = sorted(SEEDS.glob("*.txt"))[0]
    (tmp_path / "a.txt").write_bytes(seed.read_bytes())
    (tmp_path / "b.txt").write_bytes(seed.read_bytes())
    corpus = load_corpus(tmp_path)
    assert len(corpus) == 1
    assert "same text as" in reasons(corpus)["b.txt"]


def test_bad_files_are_skipped_with_a_reason_and_the_rest_loads(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Titre\n\nCorps.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n \r\n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    with (tmp_path / "huge.txt").open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    os.mkfifo(tmp_path / "fifo.txt")
    corpus = load_corpus(tmp_path)
    assert [a.title for a in corpus.articles] == ["Titre"]
    got = reasons(corpus)
    assert got["empty.txt"] == got["blank.txt"] == "empty file"
    assert "binary" in got["binary.txt"]
    assert "too large" in got["huge.txt"]
    assert "No such file" in got["dangling.txt"]
    assert "loop" in got["self.txt"]
    assert got["fifo.txt"] == "not a regular file"
    assert all(str(w).startswith(str(tmp_path)) for w in corpus.warnings)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_an_unreadable_file_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Titre\n\nCorps.", encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text("Titre\n\nSecret.", encoding="utf-8")
    locked.chmod(0)
    corpus = load_corpus(tmp_path)
    assert "Permission denied" in reasons(corpus)["locked.txt"]


def test_a_folder_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Titre\n\nCorps.", encoding="utf-8")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    corpus = load_corpus(tmp_path)
    assert len(corpus) == 1
    assert any("loop" in w.reason for w in corpus.warnings)


def test_missing_or_empty_corpus_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no such file or folder"):
        load_corpus(tmp_path / "missing")
    with pytest.raises(CorpusError, match="no articles found"):
        load_corpus(tmp_path)


def test_find_by_prefix(tmp_path: Path) -> None:
    # 17 articles: by the pigeonhole principle two ids share their first hex digit.
    for n in range(17):
        (tmp_path / f"{n}.txt").write_text(f"Titre {n}\n\nCorps {n}.", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    article = corpus.articles[0]
    assert corpus.find(article.id[:12]) is article
    assert corpus.find(article.id.upper()) is article
    with pytest.raises(ArticleNotFound, match="no article"):
        corpus.find("zzzz")
    with pytest.raises(ArticleNotFound, match="an article id is needed"):
        corpus.find("  ")
    firsts = [a.id[0] for a in corpus.articles]
    shared = next(c for c in firsts if firsts.count(c) > 1)
    with pytest.raises(ArticleNotFound, match="type more"):
        corpus.find(shared)


def test_the_collector_rests_while_articles_are_made_and_resumes_after(tmp_path: Path):
    import gc

    from dipreader.corpus import bundled_seeds

    seen: list[bool] = []
    load_corpus(bundled_seeds(), progress=lambda done, total: seen.append(gc.isenabled()))
    assert seen and not any(seen)  # no full collection walking the heap meanwhile
    assert gc.isenabled()
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CorpusError):
        load_corpus(empty)
    assert gc.isenabled()


def test_a_markdown_heading_is_the_title_without_its_marks(tmp_path: Path) -> None:
    text = "# Le Vietnam et le climat ##\n\n## Un sous-titre\n\nUn premier paragraphe.\n"
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text + "Un autre.\n", encoding="utf-8")
    by_suffix = {a.source.suffix: a for a in load_corpus(tmp_path, cache=False).articles}
    assert by_suffix[".md"].kicker == "Le Vietnam et le climat"
    assert by_suffix[".md"].title == "Un sous-titre"
    assert by_suffix[".txt"].kicker == "# Le Vietnam et le climat ##"  # a text file as written


def test_text_file_ids_are_the_text_s_hash_whatever_the_readers() -> None:
    from dipreader.corpus.text import content_id, normalise_text

    for seed in sorted(SEEDS.glob("*.txt")):
        [article] = load_corpus(seed, cache=False).articles
        raw = seed.read_text(encoding="utf-8")
        assert article.id == content_id(normalise_text(raw, keep_leading_blank_lines=True))
