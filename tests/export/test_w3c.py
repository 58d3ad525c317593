from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from dipreader.export.document import build_document
from dipreader.export.snapshot import metadata_by_id
from dipreader.export.w3c import annotation_iri, article_iri, build_collection, render_w3c

from .realistic import SEEDS, SHARED, realistic_snapshot, seed_corpus

W3C_TESTS = SHARED / "w3c-web-annotation-tests"


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
def must_validators():
    """One Draft 4 validator per assertion of the official "musts" list, with the suite's
    definitions as the $ref store and format checking on."""
    if not W3C_TESTS.is_dir():
        pytest.skip(f"the W3C Web Annotation test suite is not at {W3C_TESTS}")
    from jsonschema import Draft4Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    def load(path: Path) -> dict:
        return json.loads(path.read_text(encoding="utf-8"))

    definitions = [load(p) for p in sorted((W3C_TESTS / "definitions").glob("*.json"))]
    registry = Registry().with_resources(
        (schema["id"], Resource.from_contents(schema, default_specification=DRAFT4))
        for schema in definitions
    )
    musts = load(W3C_TESTS / "annotations" / "annotationMusts.test")
    validators = {}
    for relative in musts["assertions"]:
        schema = load(W3C_TESTS / relative)
        assert schema["assertionType"] == "must" and schema["expectedResult"] == "valid"
        validators[relative] = Draft4Validator(
            schema, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER
        )
    assert len(validators) == len(musts["assertions"]) > 40
    return validators


def failures(validators, annotation) -> list[str]:
    return [
        f"{name}: {error.message[:200]}"
        for name, validator in validators.items()
        for error in validator.iter_errors(annotation)
    ]


def test_every_annotation_passes_every_must_assertion(collection, must_validators):
    items = collection["first"]["items"]
    assert items
    report = {item["id"]: failures(must_validators, item) for item in items}
    assert {k: v for k, v in report.items() if v} == {}


def test_the_harness_catches_broken_annotations(collection, must_validators):
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
        assert any(f.startswith(assertion) for f in failures(must_validators, broken))


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
