from __future__ import annotations

import json
import random
from dataclasses import replace

import pytest
from jsonschema import Draft202012Validator

from dipreader.export.document import (
    articles_missing_from,
    build_document,
    render_json,
    render_jsonl,
)
from dipreader.export.errors import ExportError
from dipreader.export.schema import export_schema
from dipreader.export.snapshot import Snapshot, metadata_by_id
from dipreader.store.model import Annotation, ArticleState

from .realistic import GONE_ARTICLE_ID, HOSTILE_NOTE, SEEDS, TAGS, realistic_snapshot, seed_corpus


@pytest.fixture(scope="module")
def corpus():
    return seed_corpus()


@pytest.fixture(scope="module")
def metadata(corpus):
    return metadata_by_id(corpus.articles, SEEDS)


@pytest.fixture(scope="module")
def document(corpus, metadata):
    return build_document(realistic_snapshot(corpus), metadata)


def entry(document, article_id):
    (found,) = [e for e in document["articles"] if e["id"] == article_id]
    return found


def test_document_satisfies_the_shipped_schema(document):
    validator = Draft202012Validator(
        export_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    assert [e.message for e in validator.iter_errors(document)] == []


def test_schema_rejects_what_the_format_forbids(document):
    validator = Draft202012Validator(export_schema())
    broken = json.loads(render_json(document))
    broken["articles"][0]["people"][0]["kind"] = "theme"
    broken["articles"][1]["surprise"] = 1
    broken["vocabulary"][0]["aliases"] = "To Lam"
    assert len(list(validator.iter_errors(broken))) == 3


def test_header_and_vocabulary(document):
    assert document["format"] == "dipreader-export"
    assert document["schema_version"] == 1
    vocabulary = document["vocabulary"]
    assert [(t["kind"], t["name"]) for t in vocabulary] == [
        ("person", "Donald Trump"),
        ("person", "Tô Lâm"),
        ("theme", "Commerce et économie"),
        ("theme", "Héritage de la guerre"),  # unused tags are part of the vocabulary
        ("theme", "Moyen-Orient / paix à Gaza"),
        ("organisation", "ASEAN"),
        ("place", "Hanoï"),
        ("place", "Washington"),
    ]
    to_lam = vocabulary[1]
    assert to_lam == {
        "id": TAGS[0].id,
        "kind": "person",
        "name": "Tô Lâm",
        "aliases": ["To Lam", "Tô Lâm (SG)"],
        "colour": None,
        "description": "",
    }


def test_articles_with_annotations_or_state_sorted_by_id(document):
    ids = [e["id"] for e in document["articles"]]
    assert ids == sorted(ids)
    assert set(ids) == {
        "c69367fe4e06042e",
        "db209d44f20b79fb",
        "0f98363752d242e3",
        "f7b640336f895577",  # only a corrected date
        GONE_ARTICLE_ID,
    }
    assert "a36d10aa257ec83a" not in ids  # neither annotated nor touched


def test_article_entry_groups_tags_notes_and_passages(document):
    gaza = entry(document, "c69367fe4e06042e")
    assert gaza["title"].startswith("Vietnam - États-Unis : le SG Tô Lâm rencontre")
    assert (gaza["date"], gaza["date_precision"]) == ("2026-02-21", "day")
    assert gaza["source"] == "001_acbf850183a4d512.txt"
    assert (gaza["read"], gaza["starred"]) == (True, True)
    assert gaza["correction"] == {"title": None, "date": None}
    assert [r["name"] for r in gaza["people"]] == ["Donald Trump", "Tô Lâm"]
    assert [r["name"] for r in gaza["themes"]] == [
        "Commerce et économie",
        "Moyen-Orient / paix à Gaza",
    ]
    assert {k: [r["name"] for r in v] for k, v in gaza["other_tags"].items()} == {
        "organisation": ["ASEAN"]
    }
    assert [n["text"] for n in gaza["notes"]] == ["Première rencontre en personne depuis 2017."]
    washington, meeting = gaza["passages"]  # ordered by position in the text
    assert washington["quote"] == "Washington D.C." and washington["start"] < meeting["start"]
    assert [(t["kind"], t["name"]) for t in meeting["tags"]] == [
        ("person", "Donald Trump"),
        ("person", "Tô Lâm"),
    ]
    assert [n["text"] for n in meeting["notes"]] == [HOSTILE_NOTE]
    theme_ref = gaza["themes"][0]
    assert theme_ref["author"] == "minh"
    assert set(theme_ref) == {
        "annotation_id",
        "tag_id",
        "kind",
        "name",
        "author",
        "created",
        "updated",
    }


def test_passage_offsets_index_the_cleaned_text(document, corpus):
    for article_entry in document["articles"]:
        article = corpus.get(article_entry["id"])
        for passage in article_entry["passages"]:
            assert article.text[passage["start"] : passage["end"]] == passage["quote"]


def test_corrections_replace_corpus_metadata_and_are_kept_apart(document):
    commission = entry(document, "db209d44f20b79fb")
    assert commission["title"] == "Le chef de la CCRE en visite"
    assert commission["correction"] == {"title": "Le chef de la CCRE en visite", "date": None}
    undated = entry(document, "f7b640336f895577")
    assert (undated["date"], undated["date_precision"]) == ("2024-06", "month")
    assert undated["correction"]["date"] == "2024-06"
    assert undated["people"] == [] and undated["passages"] == []


def test_article_missing_from_corpus_keeps_annotations_with_null_metadata(
    document, corpus, metadata
):
    gone = entry(document, GONE_ARTICLE_ID)
    assert (gone["title"], gone["date"], gone["date_precision"], gone["source"]) == (
        None,
        None,
        None,
        None,
    )
    assert [r["name"] for r in gone["people"]] == ["Donald Trump"]
    assert articles_missing_from(realistic_snapshot(corpus), metadata) == [GONE_ARTICLE_ID]


def test_same_data_in_any_order_gives_identical_bytes(corpus, metadata):
    snapshot = realistic_snapshot(corpus)
    expected = render_json(build_document(snapshot, metadata))
    rng = random.Random(7)
    for _ in range(5):
        tags, annotations, states = (
            list(snapshot.tags),
            list(snapshot.annotations),
            list(snapshot.states.items()),
        )
        for items in (tags, annotations, states):
            rng.shuffle(items)
        shuffled = Snapshot(tags=tags, annotations=annotations, states=dict(states))
        assert render_json(build_document(shuffled, metadata)) == expected


def test_json_bytes_are_readable_utf8_with_final_newline(document):
    data = render_json(document)
    assert data.endswith(b"}\n") and not data.endswith(b"\n\n")
    assert "Tô Lâm".encode() in data  # not \u escapes
    assert json.loads(data) == document


def test_jsonl_has_one_entry_per_line(document):
    data = render_jsonl(document).decode("utf-8")
    lines = data.split("\n")
    assert lines[-1] == ""
    assert [json.loads(line) for line in lines[:-1]] == document["articles"]
    # A reader splitting on any Unicode line break still gets one line per article.
    assert len(data.splitlines()) == len(document["articles"])
    assert "\\u2028" in data


def test_annotation_on_unknown_tag_is_an_error_naming_it(corpus, metadata):
    snapshot = realistic_snapshot(corpus)
    broken = replace(snapshot.annotations[0], tag_id="f" * 32)
    with pytest.raises(ExportError, match=r"f{32}.*not in the vocabulary"):
        build_document(replace(snapshot, annotations=(broken,)), metadata)


def test_empty_database_exports_an_empty_document():
    document = build_document(Snapshot(), {})
    assert document["vocabulary"] == [] and document["articles"] == []
    assert render_jsonl(document) == b""


def test_a_state_back_to_defaults_is_not_exported():
    snapshot = Snapshot(states={"x1": ArticleState("x1")})
    assert build_document(snapshot, {})["articles"] == []


def test_notes_of_an_article_are_ordered_by_creation_time():
    annotations = [
        Annotation(
            f"{i:032x}",
            "art",
            None,
            f"note {i}",
            None,
            "2026-01-01T00:00:0{i}Z",
            "2026-01-01T00:00:0{i}Z",
            "a",
        )
        for i in (2, 1)
    ]
    (article,) = build_document(Snapshot(annotations=annotations), {})["articles"]
    assert [n["text"] for n in article["notes"]] == ["note 1", "note 2"]  # by creation time
