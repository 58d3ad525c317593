"""The `w3c` export: a W3C Web Annotation (JSON-LD) AnnotationCollection.

Every store annotation becomes one Web Annotation with the same id (as `urn:uuid:` when it is
a uuid). Article-level annotations target the article itself; passage annotations target a
SpecificResource with a TextQuoteSelector and a TextPositionSelector into the article's
cleaned text. The whole collection is one AnnotationPage, embedded as `first`.
"""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import quote

from dipreader.export import jsonbytes
from dipreader.export.document import Document, Entry, iter_tag_refs
from dipreader.store.model import PERSON, THEME

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
ARTICLE_URN_PREFIX = "urn:dipreader:article:"

# How each kind of tag relates the body to the article (Web Annotation model, 3.3.5).
_PURPOSE_BY_KIND = {PERSON: "identifying", THEME: "classifying"}
_DEFAULT_PURPOSE = "tagging"
_NOTE_PURPOSE = "commenting"
_HEX_DIGITS = "0123456789abcdef"


def render_w3c(document: Document) -> bytes:
    """The collection as `jsonbytes.indented` writes it (sorted keys, two-space indent).

    Written an article at a time: building all 50k annotations first held 75k more
    objects at once, and the garbage collector's full passes over them cost more than
    writing them. The bytes are the same, the whole collection's layout rebuilt around the
    items; whatever orjson cannot write as the stdlib does takes the old road.
    """
    try:
        return _render_by_article(document)
    except jsonbytes.Unsupported:
        return jsonbytes.indented(build_collection(document))


def build_collection(document: Document) -> dict[str, Any]:
    items = [item for entry in document["articles"] for item in annotations_of_article(entry)]
    return _collection([item["id"] for item in items], items)


def _collection(ids: list[str], items: list[dict[str, Any]] | str) -> dict[str, Any]:
    # Named by its content, so the same export always gets the same id.
    digest = hashlib.sha256("\n".join(ids).encode()).hexdigest()[:32]
    collection_id = f"urn:dipreader:collection:{digest}"
    return {
        "@context": ANNO_CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": "dipreader annotations",
        "total": len(ids),
        "first": {
            "id": f"{collection_id}:page:0",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }


# Stands for the items while the rest of the collection is written: its JSON form,
# `"\u0000items"`, is found nowhere else, the other strings being constants and the
# collection's id.
_ITEMS_SLOT = "\x00items"
_ITEMS_DEPTH = 2  # collection -> "first" -> "items"


def _render_by_article(document: Document) -> bytes:
    ids: list[str] = []
    indent = b"  " * (_ITEMS_DEPTH + 1)
    separator = b",\n" + indent
    # The array's pieces, joined once at the end: each `+` of 37 MB would copy it all again.
    array: list[bytes] = []
    for entry in document["articles"]:
        items = annotations_of_article(entry)
        if items:
            ids += [item["id"] for item in items]
            array += (separator, jsonbytes.array_items(items, _ITEMS_DEPTH))
    if array:
        array[0] = b"[\n" + indent
        array.append(b"\n" + indent[2:] + b"]")
    else:
        array.append(b"[]")
    skeleton = jsonbytes.indented(_collection(ids, _ITEMS_SLOT))
    before, after = skeleton.split(b'"\\u0000items"', 1)
    return b"".join([before, *array, after])


def article_iri(article_id: str) -> str:
    return ARTICLE_URN_PREFIX + quote(article_id, safe="")


def annotation_iri(annotation_id: str) -> str:
    # Only the canonical form (32 lower-case hex digits), so that two distinct ids can never
    # map to one IRI. Spelled out rather than through uuid.UUID(hex=...).urn, which gives the
    # same text 4 times slower (0.3 s of a 50k export).
    if len(annotation_id) == 32 and not annotation_id.strip(_HEX_DIGITS):
        i = annotation_id
        return f"urn:uuid:{i[:8]}-{i[8:12]}-{i[12:16]}-{i[16:20]}-{i[20:]}"
    return "urn:dipreader:annotation:" + quote(annotation_id, safe="")


def annotations_of_article(entry: Entry) -> list[dict[str, Any]]:
    article = article_iri(entry["id"])
    items = [_tag_annotation(ref, article) for ref in iter_tag_refs(entry)]
    items += [_note_annotation(ref, article) for ref in entry["notes"]]
    for passage in entry["passages"]:
        target = _passage_target(passage, article)
        items += [_tag_annotation(ref, target) for ref in passage["tags"]]
        items += [_note_annotation(ref, target) for ref in passage["notes"]]
    return items


def _passage_target(passage: dict[str, Any], article: str) -> dict[str, Any]:
    quote_selector = {"type": "TextQuoteSelector", "exact": passage["quote"]}
    # Empty prefix/suffix (a passage at the very start or end) are left out, not sent as "".
    if passage["prefix"]:
        quote_selector["prefix"] = passage["prefix"]
    if passage["suffix"]:
        quote_selector["suffix"] = passage["suffix"]
    return {
        "type": "SpecificResource",
        "source": article,
        "selector": [
            quote_selector,
            {"type": "TextPositionSelector", "start": passage["start"], "end": passage["end"]},
        ],
    }


def _tag_annotation(ref: dict[str, Any], target: str | dict[str, Any]) -> dict[str, Any]:
    purpose = _PURPOSE_BY_KIND.get(ref["kind"], _DEFAULT_PURPOSE)
    body = {"type": "TextualBody", "value": ref["name"], "format": "text/plain", "purpose": purpose}
    return _annotation(ref, motivation=purpose, body=body, target=target)


def _note_annotation(ref: dict[str, Any], target: str | dict[str, Any]) -> dict[str, Any]:
    body = {
        "type": "TextualBody",
        "value": ref["text"],
        "format": "text/plain",
        "purpose": _NOTE_PURPOSE,
    }
    return _annotation(ref, motivation=_NOTE_PURPOSE, body=body, target=target)


def _annotation(
    ref: dict[str, Any], *, motivation: str, body: dict[str, Any], target: str | dict[str, Any]
) -> dict[str, Any]:
    annotation: dict[str, Any] = {
        # Repeated on each item so that any annotation taken out of the page stands alone.
        "@context": ANNO_CONTEXT,
        "id": annotation_iri(ref["annotation_id"]),
        "type": "Annotation",
        "motivation": motivation,
        "created": ref["created"],
        "modified": ref["updated"],
        "body": body,
        "target": target,
    }
    if ref["author"]:
        annotation["creator"] = {"type": "Person", "nickname": ref["author"]}
    return annotation
