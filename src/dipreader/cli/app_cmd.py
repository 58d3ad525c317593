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
    """The app for these arguments; raises what the user must fix. The database is checked
    here (a corrupt one stops before the UI) and opened by the app's load worker, off the
    first frame; `app.store` opens it at once if asked before."""
    from dipreader.config import load_config
    from dipreader.corpus import CorpusError, bundled_seeds
    from dipreader.tui.app import DipreaderApp
    from dipreader.tui.store_opening import PendingStore, check_database

    config = load_config()
    corpus_source = Path(args.corpus) if args.corpus else bundled_seeds()
    if not corpus_source.exists():
        raise CorpusError(f"no such file or folder: {corpus_source}")

    db_path = Path(args.db or DEFAULT_DB)
    check_database(db_path, read_only=bool(args.read_only))
    return DipreaderApp(
        store=PendingStore(db_path, read_only=bool(args.read_only)),
        config=config,
        corpus_source=corpus_source,
    )


def run_app(args: argparse.Namespace) -> int:
    app = build_app(args)
    try:
        code = app.run()
    finally:
        app.close_store()
    if app.failure:
        raise DipreaderError(app.failure)
    return int(code or 0)
