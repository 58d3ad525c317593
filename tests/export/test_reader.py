from __future__ import annotations

import json

import pytest

from dipreader.export.document import build_document, has_content, render_json
from dipreader.export.errors import ImportFormatError
from dipreader.export.reader import parse_export, read_export
from dipreader.export.snapshot import metadata_by_id
from dipreader.export.w3c import render_w3c

from .realistic import SEEDS, TAGS, realistic_snapshot, seed_corpus


@pytest.fixture(scope="module")
def corpus():
    return seed_corpus()


@pytest.fixture(scope="module")
def metadata(corpus):
    return metadata_by_id(corpus.articles, SEEDS)


@pytest.fixture(scope="module")
def snapshot(corpus):
    return realistic_snapshot(corpus)


@pytest.fixture(scope="module")
def exported(snapshot, metadata) -> bytes:
    return render_json(build_document(snapshot, metadata))


def test_reading_an_export_gives_back_every_record(snapshot, exported, tmp_path):
    path = tmp_path / "export.json"
    path.write_bytes(exported)
    back = read_export(path)
    assert sorted(back.tags, key=lambda t: t.id) == sorted(snapshot.tags, key=lambda t: t.id)
    assert sorted(back.annotations, key=lambda a: a.id) == sorted(
        snapshot.annotations, key=lambda a: a.id
    )
    assert back.states == {k: v for k, v in snapshot.states.items() if has_content(v)}


def test_export_read_export_is_byte_identical(exported, metadata):
    back = parse_export(exported, name="x.json")
    assert render_json(build_document(back, metadata)) == exported


def document_of(exported: bytes) -> dict:
    return json.loads(exported)


def expect_refusal(data: bytes | dict, match: str) -> None:
    if isinstance(data, dict):
        data = json.dumps(data).encode()
    with pytest.raises(ImportFormatError, match=match):
        parse_export(data, name="their.json")


def test_not_json_names_the_place():
    expect_refusal(b'{"format": "dipreader-export",\n oops}', r"their\.json is not JSON.*line 2")


def test_not_utf8():
    expect_refusal(b'{"format": "\xff"}', "not UTF-8")


def test_not_an_object():
    expect_refusal(b"[1, 2]", "not a JSON object")


def test_wrong_format_and_w3c_hint(snapshot, metadata):
    expect_refusal({"format": "something-else"}, "format is 'something-else'")
    w3c = render_w3c(build_document(snapshot, metadata))
    expect_refusal(w3c, "it is a w3c export")


def test_newer_version_is_refused_with_advice(exported):
    document = document_of(exported)
    document["schema_version"] = 2
    expect_refusal(document, "newer dipreader.*version 2.*upgrade")
    document["schema_version"] = "1"
    expect_refusal(document, "not a positive integer")


def test_schema_violation_names_the_path(exported):
    document = document_of(exported)
    document["articles"][2]["passages"][0]["start"] = "douze"
    expect_refusal(document, r"articles\[2\]\.passages\[0\]\.start")


def test_tag_missing_from_vocabulary(exported):
    document = document_of(exported)
    document["vocabulary"] = [t for t in document["vocabulary"] if t["id"] != TAGS[1].id]
    expect_refusal(document, f"tag {TAGS[1].id} is not in the vocabulary")


def test_renamed_in_one_place_only(exported):
    document = document_of(exported)
    document["articles"][0]["people"][0]["name"] = "D. Trump"
    expect_refusal(document, "says person 'D. Trump' but vocabulary tag")


def test_duplicate_ids(exported):
    document = document_of(exported)
    gaza = document["articles"][2]
    gaza["notes"][0]["annotation_id"] = gaza["people"][0]["annotation_id"]
    expect_refusal(document, "annotation id .* appears twice")
    document = document_of(exported)
    document["vocabulary"].append(document["vocabulary"][0])
    expect_refusal(document, "tag id .* twice")
    document = document_of(exported)
    document["articles"].append(document["articles"][0])
    expect_refusal(document, "appears twice")


def test_impossible_passage_and_date(exported):
    document = document_of(exported)
    passage = document["articles"][2]["passages"][0]
    passage["start"], passage["end"] = passage["end"], passage["start"]
    expect_refusal(document, "start .* is after end")
    document = document_of(exported)
    document["articles"][1]["correction"]["date"] = "2024-02-30"
    expect_refusal(document, "'2024-02-30' is not a calendar date")


def test_other_tags_under_the_wrong_kind(exported):
    document = document_of(exported)
    gaza = document["articles"][2]
    gaza["other_tags"]["place"] = gaza["other_tags"].pop("organisation")
    expect_refusal(document, r"other_tags\.place\[0\] is of kind 'organisation'")


def test_unreadable_file(tmp_path):
    with pytest.raises(ImportFormatError, match="cannot read"):
        read_export(tmp_path / "missing.json")


def test_byte_order_mark_is_accepted(exported):
    back = parse_export(b"\xef\xbb\xbf" + exported, name="bom.json")
    assert len(back.annotations) > 0


def test_lone_surrogate_escapes_are_refused_with_their_place(exported):
    text = exported.decode("utf-8").replace(
        "Première rencontre en personne", "Premi\\ud800re rencontre"
    )
    expect_refusal(text.encode("utf-8"), r"articles\[2\]\.notes\[0\]\.text holds an invalid")
    paired = exported.decode("utf-8").replace("Première", "\\ud83c\\uddfb\\ud83c\\uddf3")
    assert len(parse_export(paired.encode("utf-8"), name="ok.json").annotations) > 0
