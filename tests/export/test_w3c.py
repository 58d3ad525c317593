from __future__ import annotations

import copy
import json

import pytest

from dipreader.export.document import build_document
from dipreader.export.snapshot import metadata_by_id
from dipreader.export.w3c import annotation_iri, article_iri, build_collection, render_w3c

from .realistic import SEEDS, realistic_snapshot, seed_corpus
from .w3c_suite import must_failures, must_validators


@pytest.fixture(scope="module")
def corpus():
    return seed_corpus()


@pytest.fixture(scope="module")
def snapshot(corpus):
    return realistic_snapshot(corpus)


@pytest.fixture(scope="module")
def collection(corpus, snapshot):
    document = build_document(snapshot, metadata_by_id(corpus.articles, SEEDS))
    return json.loads(render_w3c(document))


@pytest.fixture(scope="module")
def validators():
    return must_validators()


def test_every_annotation_passes_every_must_assertion(collection, validators):
    items = collection["first"]["items"]
    assert items
    report = {item["id"]: must_failures(validators, item) for item in items}
    assert {k: v for k, v in report.items() if v} == {}


def test_the_harness_catches_broken_annotations(collection, validators):
    # Proves the check above can fail: format checking is live and the $refs resolve.
    good = collection["first"]["items"][0]
    bad_date = {**copy.deepcopy(good), "created": "hier soir"}
    bad_id = {**copy.deepcopy(good), "id": "pas un IRI"}
    no_context = {k: v for k, v in good.items() if k != "@context"}
    both_bodies = {**copy.deepcopy(good), "bodyValue": "x"}
    for broken, assertion in (
        (bad_date, "annotations/3.3.1-annotationCreatedValidated.json"),
        (bad_id, "annotations/3.1-annotationIdValidated.json"),
        (no_context, "annotations/3.1-annotationContextValidated.json"),
        (both_bodies, "annotations/3.2.5-notBodyBodyValue.json"),
    ):
        assert any(f.startswith(assertion) for f in must_failures(validators, broken))


def test_collection_holds_one_page_with_every_annotation(collection, snapshot):
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    page = collection["first"]
    assert page["type"] == "AnnotationPage" and page["startIndex"] == 0
    assert collection["total"] == len(page["items"]) == len(snapshot.annotations)
    assert {item["id"] for item in page["items"]} == {
        annotation_iri(a.id) for a in snapshot.annotations
    }
    assert collection["id"].startswith("urn:dipreader:collection:")


def test_bodies_use_the_purpose_of_their_kind(collection, snapshot):
    tags = {t.id: t for t in snapshot.tags}
    expected = {"person": "identifying", "theme": "classifying"}
    items = {item["id"]: item for item in collection["first"]["items"]}
    for annotation in snapshot.annotations:
        item = items[annotation_iri(annotation.id)]
        body = item["body"]
        assert body["type"] == "TextualBody" and body["format"] == "text/plain"
        if annotation.note is not None:
            assert (body["value"], body["purpose"]) == (annotation.note, "commenting")
        else:
            tag = tags[annotation.tag_id]
            assert body["value"] == tag.name
            assert body["purpose"] == expected.get(tag.kind, "tagging")
        assert item["motivation"] == body["purpose"]
        assert (item["created"], item["modified"]) == (annotation.created, annotation.updated)


def test_targets_identify_the_article_and_the_passage(collection, snapshot, corpus):
    items = {item["id"]: item for item in collection["first"]["items"]}
    for annotation in snapshot.annotations:
        target = items[annotation_iri(annotation.id)]["target"]
        if annotation.target is None:
            assert target == article_iri(annotation.article_id)
            continue
        assert target["type"] == "SpecificResource"
        assert target["source"] == article_iri(annotation.article_id)
        quote, position = target["selector"]
        assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
        text = corpus.get(annotation.article_id).text
        assert text[position["start"] : position["end"]] == quote["exact"]
        assert quote.get("prefix", "") == annotation.target.prefix
        assert quote.get("suffix", "") == annotation.target.suffix


def test_creator_is_the_author_when_known(collection, snapshot):
    items = {item["id"]: item for item in collection["first"]["items"]}
    for annotation in snapshot.annotations:
        item = items[annotation_iri(annotation.id)]
        if annotation.author:
            assert item["creator"] == {"type": "Person", "nickname": annotation.author}
        else:
            assert "creator" not in item


def test_iris_are_canonical_and_escaped():
    assert annotation_iri("0f" * 16) == "urn:uuid:0f0f0f0f-0f0f-0f0f-0f0f-0f0f0f0f0f0f"
    assert annotation_iri("not-a-uuid") == "urn:dipreader:annotation:not-a-uuid"
    assert article_iri("a b/c") == "urn:dipreader:article:a%20b%2Fc"


def test_collection_id_depends_only_on_content(collection):
    empty = build_collection({"articles": []})
    assert empty["total"] == 0 and empty["first"]["items"] == []
    assert empty["id"] != collection["id"]
    assert build_collection({"articles": []}) == empty


def test_hostile_ids_and_text_still_pass_the_musts(validators):
    from dipreader.export.snapshot import Snapshot
    from dipreader.store.model import Annotation, Tag, TextTarget

    stamp = "2026-11-22T10:31:05Z"
    hostile = ["a b", "é/ü?#%20", "[x](y)", "🇻🇳", "urn:x:y", "..", "\u200b", "<>\"'{}|^`"]
    tag = Tag("t" * 32, "[bold]Nguyễn[/] = 1", "lieu")
    annotations = []
    for n, text in enumerate(hostile):
        target = TextTarget(2, 2 + len(text), text, text, text) if n % 2 else None
        for tag_id, note in ((tag.id, None), (None, text)):
            annotation_id = f"{text}-{len(annotations)}"
            annotations.append(
                Annotation(annotation_id, text, tag_id, note, target, stamp, stamp, text)
            )
    collection = build_collection(build_document(Snapshot([tag], annotations), {}))
    items = collection["first"]["items"]
    assert len(items) == 2 * len(hostile)
    assert {item["id"]: must_failures(validators, item) for item in items} == {
        item["id"]: [] for item in items
    }
