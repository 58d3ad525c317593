"""`dipreader export` and `dipreader import`: annotations out to json, jsonl, csv or W3C Web
Annotations, and a json export merged back in."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from dipreader.cli.common import (
    add_corpus_argument,
    add_db_argument,
    emit,
    nothing_left_if_refused,
    open_store,
    warn,
)

if TYPE_CHECKING:
    from dipreader.export.document import Document
    from dipreader.export.merge import MergePlan
    from dipreader.export.snapshot import Snapshot
    from dipreader.store import AnnotationStore

# Repeats dipreader.export.formats.FORMATS, which `--help` must not import (a test checks).
FORMATS = ("json", "jsonl", "csv", "w3c")
# Headless commands wait this long for the app (or another command) to release the database.
LOCK_WAIT_SECONDS = 5.0
_MISSING_IDS_SHOWN = 5


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write the annotations as json, jsonl, csv or w3c")
    add_corpus_argument(p)
    add_db_argument(p)
    p.add_argument(
        "--format",
        choices=FORMATS,
        help="default: the one FILE's name ends in (.json .jsonl .csv .jsonld), else json",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(run=run_export)

    p = sub.add_parser("import", help="merge a json export into the database")
    p.add_argument("file", metavar="FILE", help="a file written by `dipreader export`")
    add_db_argument(p)
    p.add_argument(
        "--dry-run", action="store_true", help="report what would change, change nothing"
    )
    p.set_defaults(run=run_import)


def run_export(args: argparse.Namespace) -> int:
    from dipreader.export.atomic import check_output_target, write_file_atomically
    from dipreader.export.formats import format_for, render
    from dipreader.terminal import write_output

    db = Path(args.db)
    output = Path(args.output) if args.output else None
    format_name = format_for(output, args.format)
    if output is not None:
        # Checked again when writing; refusing now spares the user the wait and the warnings.
        check_output_target(output, db, overwrite=args.force)
    data = render(_export_document(args, db), format_name)
    if output is None:
        write_output(data, sys.stdout.buffer, is_terminal=sys.stdout.isatty())
    else:
        write_file_atomically(output, data, overwrite=args.force, database=db)
    return 0


def _export_document(args: argparse.Namespace, db: Path) -> Document:
    from dipreader.corpus import bundled_seeds, load_corpus
    from dipreader.export.document import articles_missing_from, build_document
    from dipreader.export.snapshot import metadata_by_id, snapshot_from_store

    with open_store(db, read_only=True) as store:
        snapshot = snapshot_from_store(store)
    corpus_root = Path(args.corpus) if args.corpus else bundled_seeds()
    corpus = load_corpus(corpus_root)
    for warning in corpus.warnings:
        warn(str(warning))
    metadata = metadata_by_id(corpus.articles, corpus_root)
    missing = articles_missing_from(snapshot, metadata)
    if missing:
        shown = ", ".join(missing[:_MISSING_IDS_SHOWN]) + (
            "…" if len(missing) > _MISSING_IDS_SHOWN else ""
        )
        warn(
            f"{len(missing)} annotated article(s) are not in the corpus {corpus_root}; "
            f"exported with their id and annotations but no title, date or source: {shown}"
        )
    return build_document(snapshot, metadata)


def run_import(args: argparse.Namespace) -> int:
    from dipreader.export.reader import read_export
    from dipreader.export.snapshot import Snapshot

    source, db = Path(args.file), Path(args.db)
    incoming = read_export(source)
    # A database that does not exist yet is made from the file alone: it takes the file's
    # vocabulary instead of the default themes, so importing an export restores it exactly.
    new_database = not db.exists() or db.stat().st_size == 0
    if args.dry_run and new_database:
        plan = _plan(Snapshot(), incoming, store=None)
    else:
        with nothing_left_if_refused(db):
            plan = _import_into(db, source, incoming, new_database, dry_run=args.dry_run)
    heading = "would import" if args.dry_run else "imported"
    emit(f"{heading} {source} into {db}{' (new database)' if new_database else ''}:")
    for line in plan.summary():
        emit(f"  {line}")
    return 0


def _import_into(
    db: Path, source: Path, incoming: Snapshot, new_database: bool, *, dry_run: bool
) -> MergePlan:
    from dipreader.export.errors import ImportFormatError
    from dipreader.export.snapshot import Snapshot, snapshot_from_store
    from dipreader.store import StoreError

    with open_store(db, read_only=dry_run, lock_timeout=LOCK_WAIT_SECONDS) as store:
        existing = snapshot_from_store(store)
        # Checked again under the lock: another process may have created the file meanwhile.
        replace_defaults = new_database and not existing.annotations and not existing.states
        if replace_defaults:
            plan = _plan(Snapshot(), incoming, store=None)
        else:
            plan = _plan(existing, incoming, store=store)
        if dry_run or not (plan.changes_anything or replace_defaults):
            return plan
        try:
            with store.batch(f"import {source.name}"):
                if replace_defaults:
                    for tag in existing.tags:
                        store.remove_tag(tag.id)
                store.insert_records(
                    tags=plan.new_tags, annotations=plan.new_annotations, states=plan.new_states
                )
        except StoreError as exc:
            raise ImportFormatError(
                f"{source}: the database refused a record ({exc}); nothing was imported"
            ) from exc
    return plan


def _plan(existing: Snapshot, incoming: Snapshot, store: AnnotationStore | None) -> MergePlan:
    from dipreader.export.merge import plan_merge

    def nothing_matches(name: str, kind: str) -> None:
        return None

    return plan_merge(existing, incoming, store.find_tag if store else nothing_matches)
