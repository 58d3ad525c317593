"""Import fuzzed (hypothesis): documents derived from a valid export, with a value somewhere
replaced by another of any type, length or depth. Never a traceback, never a partial write:
either the whole file is taken, or it is refused in one line and nothing changes on disk."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dipreader.cli import main
from dipreader.corpus import bundled_seeds, load_corpus
from dipreader.store import AnnotationStore, validate


def _valid_export(folder: Path) -> dict[str, Any]:
    articles = sorted(load_corpus(bundled_seeds()).articles, key=lambda a: a.id)
    db = folder / "source.json"
    with AnnotationStore.open(db) as store:
        store.tag_passage(articles[0].id, articles[0].text, 0, 12, "Tô Lâm", "person")
        store.tag_article(articles[1].id, "commerce", "theme")
        store.add_note(articles[1].id, "une note")
        store.set_starred(articles[2].id)
    exported = folder / "export.json"
    assert main(["export", "--db", str(db), "-o", str(exported)]) == 0
    return json.loads(exported.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def valid_export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _valid_export(tmp_path_factory.mktemp("fuzz-source"))


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _replaced(document: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    copy = json.loads(json.dumps(document))
    parent = copy
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return copy


scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=40)
    | st.sampled_from(["", "x" * 25_000, "\x1b]0;titre\x07", "\ud800", "2024-13-45T99:99:99Z"])
    | st.sampled_from([2**64, -(2**63) - 1, 10**30])
)
DEEP = "\x00deep:"  # replaced in the file's text by that many nested arrays
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
) | st.integers(1, 1200).map(
    lambda depth: json.loads("[" * depth + "]" * depth) if depth < 900 else "[" * depth
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_mutated_export_is_taken_whole_or_refused_whole(
    tmp_path: Path, valid_export: dict[str, Any], data: st.DataObject, capsys
) -> None:
    path = data.draw(st.sampled_from(_paths(valid_export)))
    document = _replaced(valid_export, path, data.draw(values))
    case = Path(tempfile.mkdtemp(dir=tmp_path))
    incoming = case / "incoming.json"
    text = json.dumps(document)
    marker = json.dumps(DEEP)[:-1]  # the string's opening quote and escaped prefix
    if marker in text:
        start = text.index(marker)
        end = text.index('"', start + 1)
        depth = int(text[start + len(marker) : end])
        text = text[:start] + "[" * depth + "]" * depth + text[end + 1 :]
    incoming.write_text(text, encoding="utf-8")
    existing = case / "existing.json"
    with AnnotationStore.open(existing) as store:
        store.add_note("0" * 16, "déjà là")
    before = existing.read_bytes()
    for db in (existing, case / "new.json"):
        code = main(["import", str(incoming), "--db", str(db)])
        error = capsys.readouterr().err
        assert code in (0, 2), error
        if code == 2:
            assert error.startswith("dipreader: error: ") and error.count("\n") == 1
            if db == existing:
                assert existing.read_bytes() == before
            else:
                assert not [p for p in case.iterdir() if p.name.startswith("new.json")]
        # Whatever happened, the database opens and holds only what the store itself takes.
        with AnnotationStore.open(existing, read_only=True) as store:
            for annotation in store.annotations():
                if annotation.note is not None:
                    assert validate.note(annotation.note) == annotation.note
            for tag in store.tags():
                validate.tag_name(tag.name)
