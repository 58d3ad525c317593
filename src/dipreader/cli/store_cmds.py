"""`dipreader tag`, `untag`, `tags`, `undo` and `redo`: the annotation store without the app.

Each `tag` or `untag` command is one undo step, whatever it changes. Everything printed that
came from a user or an article is flattened to one line of plain text, made safe to print.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dipreader.cli.common import (
    add_corpus_argument,
    add_db_argument,
    emit,
    load_corpus_argument,
    nothing_left_if_refused,
    open_store,
    warn,
)
from dipreader.terminal import one_line_for_terminal as one_line

if TYPE_CHECKING:
    from dipreader.corpus import Article, Corpus
    from dipreader.store import Annotation, AnnotationStore, Tag

# How long a headless command waits for the app (or another command) to release the database.
HEADLESS_LOCK_WAIT = 2.0
EXIT_NOTHING_TO_DO = 1


def register(sub: argparse._SubParsersAction) -> None:
    for name, verb in (("tag", "add"), ("untag", "remove")):
        p = sub.add_parser(
            name,
            help=f"{verb} people, themes, tags or notes on an article",
            description=f"{verb.capitalize()} people, themes, tags or notes on one article, "
            "as a single undoable step. Options can be repeated."
            + (
                " Only whole-article tags are removed (passage tags stay); --note removes "
                "whole-article notes with exactly that text."
                if name == "untag"
                else ""
            ),
        )
        p.add_argument("id", metavar="ID", help="an article id, or the start of one")
        add_corpus_argument(p)
        add_db_argument(p)
        p.add_argument("--person", action="append", default=[], metavar="NAME")
        p.add_argument("--theme", action="append", default=[], metavar="NAME")
        p.add_argument(
            "--tag",
            action="append",
            default=[],
            metavar="KIND:NAME",
            help="a tag of any kind, such as place:Hanoï",
        )
        p.add_argument("--note", action="append", default=[], metavar="TEXT")
        p.set_defaults(run=run_tag if name == "tag" else run_untag)

    p = sub.add_parser(
        "tags",
        help="show the annotations of an article, or of all articles",
        description="Show an article's tags, passages, notes and state; with no ID, every "
        "article that has any. A single argument that is an existing path is taken as CORPUS.",
    )
    p.add_argument("id", nargs="?", metavar="ID", help="an article id, or the start of one")
    add_corpus_argument(p)
    add_db_argument(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=run_tags)

    for name, what in (("undo", "the last change"), ("redo", "the last undone change")):
        p = sub.add_parser(
            name,
            help=f"{name} {what} (exit status 1 if there is none)",
            description=f"{name.capitalize()} {what} made by dipreader, in the app or in a "
            "command, even in an earlier session.",
        )
        add_db_argument(p)
        p.set_defaults(run=run_undo if name == "undo" else run_redo)


def _open_for_writing(args: argparse.Namespace) -> AnnotationStore:
    return open_store(args.db, read_only=False, lock_timeout=HEADLESS_LOCK_WAIT)


def _requested_tags(args: argparse.Namespace) -> list[tuple[str, str]]:
    """(name, kind) pairs from --person, --theme and --tag KIND:NAME."""
    from dipreader.store import InvalidValue

    requested = [(name, "person") for name in args.person]
    requested += [(name, "theme") for name in args.theme]
    for value in args.tag:
        kind, separator, name = value.partition(":")
        if not separator or not kind.strip() or not name.strip():
            raise InvalidValue(f"--tag needs KIND:NAME, such as place:Hanoï; got {value!r}")
        requested.append((name, kind))
    return requested


def _article_heading(article: Article) -> str:
    title = one_line(article.title)
    return f"{article.id[:8]} ({title if len(title) <= 40 else title[:39] + '…'})"


@contextmanager
def _editing_article(
    args: argparse.Namespace, what: str
) -> Iterator[tuple[list[tuple[str, str]], Article, AnnotationStore]]:
    """For `tag` and `untag`: the tags asked for, the article, and the store open for one
    undo step; `what` ("add", "remove") words the error when nothing is asked for."""
    from dipreader.store import InvalidValue

    requested = _requested_tags(args)
    if not requested and not args.note:
        raise InvalidValue(f"nothing to {what}: give --person, --theme, --tag or --note")
    article = load_corpus_argument(args).find(args.id)
    with nothing_left_if_refused(args.db), _open_for_writing(args) as store, store.batch():
        yield requested, article, store


def run_tag(args: argparse.Namespace) -> int:
    lines: list[str] = []
    with _editing_article(args, "add") as (requested, article, store):
        for name, kind in requested:
            existing = store.find_tag(name, kind)
            lookalikes = [] if existing else store.similar_tags(name, kind)
            before = store.annotation_counts().get(article.id, 0)
            annotation = store.tag_article(article.id, name, kind)
            tag = store.get_tag(annotation.tag_id or "")
            label = f"{one_line(tag.name)} ({tag.kind})"
            if store.annotation_counts().get(article.id, 0) == before:
                lines.append(f"already tagged {_article_heading(article)} with {label}")
                continue
            typed = name.strip()
            spelled = "" if tag.name.casefold() == typed.casefold() else f" (you typed {typed!r})"
            lines.append(f"tagged {_article_heading(article)} with {label}{spelled}")
            if lookalikes:
                similar = ", ".join(one_line(t.name) for t in lookalikes[:3])
                warn(f"new {tag.kind} {one_line(tag.name)!r} looks like {similar}")
        for text in args.note:
            note = store.add_note(article.id, text)
            lines.append(f"noted on {_article_heading(article)}: {one_line(note.note or '')}")
    emit("\n".join(lines))
    return 0


def run_untag(args: argparse.Namespace) -> int:
    lines: list[str] = []
    with _editing_article(args, "remove") as (requested, article, store):
        for name, kind in requested:
            tag = store.find_tag(name, kind)
            label = f"{one_line(tag.name) if tag else one_line(name)} ({kind.strip().lower()})"
            if store.untag_article(article.id, name, kind):
                lines.append(f"untagged {_article_heading(article)}: {label}")
            else:
                lines.append(f"{_article_heading(article)} was not tagged with {label}")
        for text in args.note:
            wanted = text.strip()
            notes = [
                a
                for a in store.annotations(article.id)
                if a.note is not None and a.target is None and a.note == wanted
            ]
            for note in notes:
                store.remove_annotation(note.id)
            count = f"{len(notes)} note" + ("" if len(notes) == 1 else "s")
            lines.append(f"removed {count} {one_line(wanted)!r} from {_article_heading(article)}")
    emit("\n".join(lines))
    return 0


def _replay(args: argparse.Namespace, action: str) -> int:
    description = None
    # No database means no history, and undo is no reason to create one.
    if Path(args.db).exists():
        with _open_for_writing(args) as store:
            description = store.undo() if action == "undo" else store.redo()
    if description is None:
        emit(f"nothing to {action}")
        return EXIT_NOTHING_TO_DO
    emit(f"{action}: {one_line(description)}")
    return 0


def run_undo(args: argparse.Namespace) -> int:
    return _replay(args, "undo")


def run_redo(args: argparse.Namespace) -> int:
    return _replay(args, "redo")


# -- tags ------------------------------------------------------------------------------------


def _tag_record(tag: Tag) -> dict[str, Any]:
    return {"id": tag.id, "name": tag.name, "kind": tag.kind}


def article_annotations(
    store: AnnotationStore, article_id: str, article: Article | None
) -> dict[str, Any]:
    """What `tags --format json` prints for one article."""
    tags: list[dict[str, Any]] = []
    notes: list[str] = []
    passages: dict[tuple[int, int], dict[str, Any]] = {}
    annotation: Annotation
    for annotation in store.annotations(article_id):
        if annotation.target is None:
            if annotation.tag_id is not None:
                tags.append(_tag_record(store.get_tag(annotation.tag_id)))
            else:
                notes.append(annotation.note or "")
            continue
        target = annotation.target
        passage = passages.setdefault(
            (target.start, target.end),
            {
                "start": target.start,
                "end": target.end,
                "exact": target.exact,
                "tags": [],
                "notes": [],
            },
        )
        if annotation.tag_id is not None:
            passage["tags"].append(_tag_record(store.get_tag(annotation.tag_id)))
        else:
            passage["notes"].append(annotation.note)
    state = store.state(article_id)
    return {
        "id": article_id,
        "title": article.title if article else None,
        "in_corpus": article is not None,
        "tags": tags,
        "passages": list(passages.values()),
        "notes": notes,
        "state": {
            "read": state.read,
            "starred": state.starred,
            "title": state.title,
            "date": state.date,
        },
    }


def _text_lines(entry: dict[str, Any]) -> list[str]:
    title = one_line(entry["title"]) if entry["title"] else "(not in this corpus)"
    lines = [f"{entry['id']}  {title}"]
    by_kind: dict[str, list[str]] = {}
    for tag in entry["tags"]:
        by_kind.setdefault(tag["kind"], []).append(one_line(tag["name"]))
    width = max((len(kind) for kind in by_kind), default=0)
    lines += [f"  {kind.ljust(width)}  {', '.join(names)}" for kind, names in by_kind.items()]
    for passage in entry["passages"]:
        about = [f"{one_line(t['name'])} ({t['kind']})" for t in passage["tags"]]
        about += [f"note: {one_line(n)}" for n in passage["notes"]]
        quote = one_line(passage["exact"])
        quote = quote if len(quote) <= 50 else quote[:49] + "…"
        lines.append(f"  [{passage['start']}–{passage['end']}] «{quote}»  {'; '.join(about)}")
    lines += [f"  note: {one_line(note)}" for note in entry["notes"]]
    state = entry["state"]
    flags = [flag for flag in ("read", "starred") if state[flag]]
    flags += [
        f"{field} corrected to {one_line(state[field])!r}"
        for field in ("title", "date")
        if state[field]
    ]
    if flags:
        lines.append(f"  ({', '.join(flags)})")
    return lines


def _split_positionals(args: argparse.Namespace) -> None:
    # `tags ./corpus` means a corpus, not an article id starting "./corpus".
    if args.id is not None and args.corpus is None and Path(args.id).exists():
        args.id, args.corpus = None, args.id


def run_tags(args: argparse.Namespace) -> int:
    from dipreader.store import StoreNotFound

    _split_positionals(args)
    corpus: Corpus = load_corpus_argument(args)
    article = corpus.find(args.id) if args.id is not None else None
    try:
        store = open_store(args.db, read_only=True)
    except StoreNotFound:
        warn(f"no annotations yet: there is no database at {args.db}")
        entries = [] if article is None else [_empty_entry(article)]
        return _print_entries(entries, args.format, single=article is not None)
    with store:
        if article is not None:
            entries = [article_annotations(store, article.id, article)]
        else:
            ids = set(store.annotation_counts()) | set(store.states())
            in_corpus = [a.id for a in corpus.articles if a.id in ids]
            others = sorted(ids - set(in_corpus))
            entries = [article_annotations(store, i, corpus.get(i)) for i in in_corpus + others]
    return _print_entries(entries, args.format, single=article is not None)


def _empty_entry(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "in_corpus": True,
        "tags": [],
        "passages": [],
        "notes": [],
        "state": {"read": False, "starred": False, "title": None, "date": None},
    }


def _print_entries(entries: list[dict[str, Any]], output_format: str, *, single: bool) -> int:
    if output_format == "json":
        value: Any = entries[0] if single else entries
        emit(json.dumps(value, ensure_ascii=False, indent=2))
        return 0
    if not entries:
        emit("no annotations")
    blocks = ["\n".join(_text_lines(entry)) for entry in entries]
    if blocks:
        emit("\n\n".join(blocks))
    return 0
