"""Round trips on arbitrary data: whatever the store holds, an export reads back to the same
records and writes the same bytes again."""

from __future__ import annotations

import json
from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from dipreader.export.csv_format import render_csv
from dipreader.export.document import build_document, has_content, render_json, render_jsonl
from dipreader.export.reader import parse_export
from dipreader.export.schema import export_schema
from dipreader.export.snapshot import Snapshot
from dipreader.store import InvalidValue, validate
from dipreader.store.model import Annotation, ArticleState, Tag, TextTarget

ids = st.text("0123456789abcdef", min_size=32, max_size=32)
article_ids = st.sampled_from(["a1", "b2", "c3", "0f98363752d242e3"])
kinds = st.sampled_from(["person", "theme", "place", "organisation", "événement"])


def _as_the_store_keeps(check):
    """Values the store's own validation takes unchanged: only those can be in a database."""

    def kept(value: str) -> bool:
        try:
            return check(value) == value
        except InvalidValue:
            return False

    return kept


# Mostly printable text, so that the filters below keep most of what is drawn.
printable = st.characters(categories=["L", "M", "N", "P", "S", "Zs"])
names = st.text(printable, min_size=1, max_size=12).filter(_as_the_store_keeps(validate.tag_name))
notes = st.text(printable, min_size=1, max_size=30).filter(_as_the_store_keeps(validate.note))
descriptions = st.text(printable, max_size=10).filter(
    lambda d: not d or _as_the_store_keeps(validate.description)(d)
)
stamps = st.datetimes(datetime(1970, 1, 1), datetime(2100, 1, 1)).map(
    lambda d: d.strftime("%Y-%m-%dT%H:%M:%SZ")
)


@st.composite
def snapshots(draw) -> Snapshot:
    tags = draw(
        st.lists(
            st.builds(
                Tag,
                id=ids,
                name=names,
                kind=kinds,
                aliases=st.lists(names, max_size=2).map(tuple),
                colour=st.none() | st.just("#e5c07b"),
                description=descriptions,
            ),
            max_size=5,
            unique_by=lambda t: t.id,
        )
    )
    # As the store takes passages (`make_target`): the quote is the text between the offsets;
    # or, migrated from the first prototype, offsets alone with no quote.
    targets = st.none() | st.builds(
        lambda start, length, exact, prefix, suffix: TextTarget(
            start, start + (len(exact) if exact else length), exact, prefix, suffix
        ),
        st.integers(0, 500),
        st.integers(0, 40),
        st.text(max_size=20),
        st.text(max_size=5),
        st.text(max_size=5),
    )
    annotations = []
    for annotation_id in draw(st.lists(ids, max_size=8, unique=True)):
        is_tag = bool(tags) and draw(st.booleans())
        annotations.append(
            Annotation(
                id=annotation_id,
                article_id=draw(article_ids),
                tag_id=draw(st.sampled_from(tags)).id if is_tag else None,
                note=None if is_tag else draw(notes),
                target=draw(targets),
                created=draw(stamps),
                updated=draw(stamps),
                author=draw(st.text(max_size=6)),
            )
        )
    states = {}
    for article_id in draw(st.lists(article_ids, max_size=3, unique=True)):
        states[article_id] = ArticleState(
            article_id,
            read=draw(st.booleans()),
            starred=draw(st.booleans()),
            title=draw(st.none() | st.text(max_size=10)),
            date=draw(st.none() | st.dates().map(lambda d: d.isoformat())),
        )
    return Snapshot(tags=tags, annotations=annotations, states=states)


VALIDATOR = Draft202012Validator(export_schema())


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(snapshots())
def test_json_export_reads_back_to_the_same_records_and_bytes(snapshot):
    document = build_document(snapshot, {})
    data = render_json(document)
    assert [e.message for e in VALIDATOR.iter_errors(json.loads(data))] == []
    back = parse_export(data, name="x.json")
    assert set(back.tags) == set(snapshot.tags)
    assert sorted(back.annotations, key=lambda a: a.id) == sorted(
        snapshot.annotations, key=lambda a: a.id
    )
    assert back.states == {k: v for k, v in snapshot.states.items() if has_content(v)}
    assert render_json(build_document(back, {})) == data


@settings(max_examples=40, deadline=None)
@given(snapshots())
def test_jsonl_and_csv_hold_every_annotation(snapshot):
    import csv
    import io

    document = build_document(snapshot, {})
    lines = render_jsonl(document).decode("utf-8").split("\n")
    assert [json.loads(line) for line in lines[:-1]] == document["articles"]
    rows = list(csv.DictReader(io.StringIO(render_csv(document).decode("utf-8"), newline="")))
    assert sorted(r["annotation_id"] for r in rows) == sorted(a.id for a in snapshot.annotations)
    notes = {a.id: a.note for a in snapshot.annotations if a.note is not None}
    assert {r["annotation_id"]: r["note"] for r in rows if r["annotation_id"] in notes} == notes
