"""`dipreader [CORPUS] [--db PATH] [--read-only]`: open the app.

Everything a user must fix (a bad settings file, a missing corpus, a corrupt database) is
reported here, before the terminal switches to the app. Textual is imported only now.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from dipreader.cli.common import DEFAULT_DB
from dipreader.errors import DipreaderError

if TYPE_CHECKING:
    from dipreader.tui.app import DipreaderApp


def build_app(args: argparse.Namespace) -> DipreaderApp:
    """The app for these arguments, its database open; raises what the user must fix."""
    from dipreader.config import load_config
    from dipreader.corpus import CorpusError, bundled_seeds
    from dipreader.store import AnnotationStore, StoreLocked
    from dipreader.tui.app import DipreaderApp

    config = load_config()
    corpus_source = Path(args.corpus) if args.corpus else bundled_seeds()
    if not corpus_source.exists():
        raise CorpusError(f"no such file or folder: {corpus_source}")

    db_path = Path(args.db or DEFAULT_DB)
    read_only_reason: str | None = None
    if args.read_only:
        store = AnnotationStore.open(db_path, read_only=True)
        read_only_reason = "opened with --read-only; changes are not saved."
    else:
        try:
            store = AnnotationStore.open(db_path)
        except StoreLocked as exc:
            # Another window has it: reading is still safe, writing would lose someone's work.
            store = AnnotationStore.open(db_path, read_only=True)
            read_only_reason = f"{exc} Changes are not saved in this window."
    return DipreaderApp(
        store=store,
        config=config,
        corpus_source=corpus_source,
        read_only_reason=read_only_reason,
    )


def run_app(args: argparse.Namespace) -> int:
    app = build_app(args)
    try:
        code = app.run()
    finally:
        app.store.close()
    if app.failure:
        raise DipreaderError(app.failure)
    return int(code or 0)
