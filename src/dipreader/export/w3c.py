"""The `w3c` export: a W3C Web Annotation (JSON-LD) AnnotationCollection.

Every store annotation becomes one Web Annotation with the same id (as `urn:uuid:` when it is
a uuid). Article-level annotations target the article itself; passage annotations target a
SpecificResource with a TextQuoteSelector and a TextPositionSelector into the article's
cleaned text. The whole collection is one AnnotationPage, embedded as `first`.
"""

from __future__ import annotations

import hashlib
import re
import uuid
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
_UUID_HEX = re.compile(r"[0-9a-f]{32}")


def render_w3c(document: Document) -> bytes:
    return jsonbytes.indented(build_collection(document))


def build_collection(document: Document) -> dict[str, Any]:
    items = [item for entry in document["articles"] for item in annotations_of_article(entry)]
    # Named by its content, so the same export always gets the same id.
    digest = hashlib.sha256("\n".join(item["id"] for item in items).encode()).hexdigest()[:32]
    collection_id = f"urn:dipreader:collection:{digest}"
    return {
        "@context": ANNO_CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": "dipreader annotations",
        "total": len(items),
        "first": {
            "id": f"{collection_id}:page:0",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }


def article_iri(article_id: str) -> str:
    return ARTICLE_URN_PREFIX + quote(article_id, safe="")


def annotation_iri(annotation_id: str) -> str:
    # Only the canonical form, so that two distinct ids can never map to one IRI.
    if _UUID_HEX.fullmatch(annotation_id):
        return uuid.UUID(hex=annotation_id).urn
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
