"""Sources named relative to the corpus root: the same names as resolving every path would
give, symlinks included, and metadata built only for the articles an export looks up."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dipreader.corpus.model import Article
from dipreader.export import snapshot as snapshot_module
from dipreader.export.snapshot import metadata_by_id, metadata_from_article


def reference_source(source: Path, corpus_root: Path | None) -> str:
    """How a source was named before: both paths resolved in full, then `relative_to`."""
    if corpus_root is None:
        return source.as_posix()
    root = corpus_root.resolve()
    resolved = source.resolve()
    if resolved == root:
        return source.name
    try:
        return resolved.relative_to(root).as_posix()
    except ValueError:
        return source.as_posix()


def article(source: Path | str, n: int = 0) -> Article:
    return Article(id=f"{n:016x}", title=f"titre {n}", paragraphs=("texte",), source=source)


@pytest.fixture
def tree(tmp_path: Path) -> dict[str, Path]:
    """A corpus folder with plain files, symlinks in and out, a symlinked folder, and a
    link to the corpus folder itself."""
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    (corpus / "2024" / "06").mkdir(parents=True)
    outside.mkdir()
    for path in (corpus / "a.txt", corpus / "2024" / "06" / "b.txt", outside / "c.txt"):
        path.write_text("x", encoding="utf-8")
    links = {
        corpus / "in.txt": corpus / "2024" / "06" / "b.txt",  # to a file inside
        corpus / "out.txt": outside / "c.txt",  # to a file outside
        corpus / "relative.txt": Path("2024") / "06" / "b.txt",  # a relative target
        corpus / "ext": outside,  # a folder outside
        corpus / "2024" / "up": corpus,  # a folder back up to the root
        tmp_path / "corpus-link": corpus,  # the corpus reached through a link
        corpus / "loop.txt": corpus / "loop.txt",  # a link to itself
    }
    for link, target in links.items():
        link.symlink_to(target)
    return {"tmp": tmp_path, "corpus": corpus, "outside": outside, "link": tmp_path / "corpus-link"}


def sources(tree: dict[str, Path]) -> list[Path]:
    corpus, link = tree["corpus"], tree["link"]
    names = [
        "a.txt",
        "2024/06/b.txt",
        "in.txt",
        "out.txt",
        "relative.txt",
        "ext/c.txt",
        "2024/up/a.txt",
        "2024/up/2024/06/b.txt",
        "2024/06/../06/b.txt",
        "missing.txt",
        "2024/missing/z.txt",
    ]
    found = [base / name for base in (corpus, link) for name in names]
    return [*found, tree["outside"] / "c.txt", tree["tmp"] / "elsewhere.txt", corpus, link]


def test_sources_are_named_as_resolving_every_path_names_them(tree):
    for root in (tree["corpus"], tree["link"], tree["corpus"] / "2024", tree["outside"], None):
        for source in sources(tree):
            expected = reference_source(source, root)
            assert metadata_from_article(article(source), root).source == expected, (source, root)


def test_a_relative_corpus_root_and_relative_sources(tree, monkeypatch):
    monkeypatch.chdir(tree["tmp"])
    for root in (Path("corpus"), Path("corpus-link"), Path(".")):
        for source in sources(tree):
            relative = Path(os.path.relpath(source, tree["tmp"]))
            expected = reference_source(relative, root)
            assert metadata_from_article(article(relative), root).source == expected


def test_a_corpus_that_is_one_file_names_it_by_its_name(tree):
    one = tree["corpus"] / "a.txt"
    assert metadata_from_article(article(one), one).source == "a.txt"
    assert metadata_from_article(article(tree["link"] / "a.txt"), one).source == "a.txt"


def test_symlink_loops_fail_as_resolving_them_always_did(tree):
    source = tree["corpus"] / "loop.txt"
    with pytest.raises(RuntimeError) as expected:
        reference_source(source, tree["corpus"])
    with pytest.raises(RuntimeError) as found:
        metadata_from_article(article(source), tree["corpus"])
    assert str(found.value) == str(expected.value)


def test_a_string_source_is_named_as_its_path(tree):
    source = str(tree["corpus"] / "2024" / "06" / "b.txt")
    assert metadata_from_article(article(source), tree["corpus"]).source == "2024/06/b.txt"


def test_metadata_by_id_is_the_mapping_of_every_article(tree):
    articles = [
        article(source, n) for n, source in enumerate(sources(tree)) if "loop" not in str(source)
    ]
    articles.append(article(tree["corpus"] / "a.txt", 3))  # an id twice: the last one wins
    metadata = metadata_by_id(articles, tree["corpus"])
    expected = {a.id: metadata_from_article(a, tree["corpus"]) for a in articles}
    assert dict(metadata) == expected
    assert len(metadata) == len(expected) and list(metadata) == list(expected)
    assert articles[0].id in metadata and "no such id" not in metadata
    assert metadata.get("no such id") is None
    with pytest.raises(KeyError):
        metadata["no such id"]


def test_metadata_is_built_only_for_the_articles_looked_up(tree, monkeypatch):
    named: list[str] = []
    namer = snapshot_module._SourceNamer.__call__

    def counting(self, source):
        named.append(str(source))
        return namer(self, source)

    monkeypatch.setattr(snapshot_module._SourceNamer, "__call__", counting)
    articles = [article(tree["corpus"] / f"{n}.txt", n) for n in range(100)]
    metadata = metadata_by_id(articles, tree["corpus"])
    assert articles[5].id in metadata and len(metadata) == 100 and named == []
    assert metadata[articles[5].id].source == "5.txt"
    assert metadata[articles[5].id] is metadata[articles[5].id]
    assert named == [str(tree["corpus"] / "5.txt")]
