"""Headless commands import only what they need: a fresh interpreter runs the command, then
lists `sys.modules`. Textual alone costs about 0.25 s of start-up; the database layer is not
needed to list a corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS

# Run the command in-process, then print every module it left imported.
PROBE = """
import contextlib, io, json, runpy, sys
sys.argv = ["dipreader", *json.loads(sys.argv[1])]
with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):
    runpy.run_module("dipreader", run_name="__main__")
print(json.dumps(sorted(sys.modules)))
"""

# Packages no headless command imports.
UI = {"textual", "rich"}
# Packages that only the commands using the annotation database need.
DATABASE = {"tinydb", "filelock", "dipreader.store"}
# dipreader's own layers, which `--version` and `--help` must not load.
LAYERS = {
    "dipreader.corpus",
    "dipreader.store",
    "dipreader.export",
    "dipreader.suggest",
    "dipreader.tui",
    "dipreader.config",
}
# The parsers of web pages and feeds, and the network code: only for files of their format.
PARSERS = {
    "trafilatura",
    "htmldate",
    "justext",
    "courlan",
    "lxml",
    "dateparser",
    "feedparser",
    "urllib3",
    "dipreader.corpus.sources.html",
    "dipreader.corpus.sources.feed",
    "dipreader.corpus.fetch",
}
HTML_PARSERS = {"trafilatura", "htmldate", "justext", "dipreader.corpus.sources.html"}
FEED_PARSERS = {"feedparser", "dipreader.corpus.sources.feed"}
FIXTURES = Path(__file__).resolve().parents[1] / "corpus" / "fixtures"

# The app on a corpus, through its load and a key, then every module it left imported.
APP_PROBE = """
import argparse, asyncio, json, sys
from dipreader.cli.app_cmd import build_app
app = build_app(argparse.Namespace(corpus=sys.argv[1], db=sys.argv[2], read_only=False))
async def go():
    async with app.run_test() as pilot:
        for _ in range(200):
            await pilot.pause(0.05)
            if app.corpus is not None:
                break
        assert app.corpus is not None, "the corpus did not load"
        await pilot.press("j")
        await pilot.pause()
asyncio.run(go())
app.close_store()
print(json.dumps(sorted(sys.modules)))
"""


def imported_by(*argv: str, cwd: Path) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(argv)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=os.environ.copy(),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.splitlines()[-1]))


def found(modules: set[str], packages: set[str]) -> list[str]:
    """The modules that are one of `packages` or inside one of them."""
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in packages))


@pytest.mark.parametrize(
    "argv", [["--version"], ["--help"], ["list", "--help"], ["export", "--help"]]
)
def test_version_and_help_import_no_layer_and_no_library(argv: list[str], tmp_path: Path):
    modules = imported_by(*argv, cwd=tmp_path)
    assert "dipreader.cli" in modules  # the probe did run the command
    heavy = UI | DATABASE | LAYERS | PARSERS | {"orjson", "platformdirs", "charset_normalizer"}
    assert found(modules, heavy) == []


def test_list_imports_the_corpus_layer_only(tmp_path: Path) -> None:
    modules = imported_by("list", str(SEEDS), cwd=tmp_path)
    assert "dipreader.corpus.load" in modules
    assert found(modules, UI | DATABASE | PARSERS | LAYERS - {"dipreader.corpus"}) == []


def test_list_of_a_cached_corpus_imports_the_corpus_layer_only(tmp_path: Path) -> None:
    """A corpus big enough to be cached: the cache adds orjson, nothing else of weight."""
    from dipreader.corpus.cache import MIN_FILES

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(MIN_FILES):
        (corpus / f"{n:03d}.txt").write_text(f"Titre {n}\n\nTexte {n}.\n", encoding="utf-8")
    modules = imported_by("list", str(corpus), cwd=tmp_path)
    assert "dipreader.corpus.cache" in modules
    assert found(modules, UI | DATABASE | PARSERS | LAYERS - {"dipreader.corpus"}) == []


def test_show_imports_no_textual_and_no_database(tmp_path: Path) -> None:
    modules = imported_by("show", "a11d0ef0", str(SEEDS), "--plain", cwd=tmp_path)
    assert found(modules, {"textual", *DATABASE, *PARSERS}) == []


def test_export_imports_no_ui(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    modules = imported_by("export", str(SEEDS), "--db", str(db), "-o", "out.json", cwd=tmp_path)
    assert "dipreader.export" in modules and "tinydb" in modules
    assert found(modules, UI | {"dipreader.tui"}) == []


def test_export_of_text_files_imports_no_parser(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    modules = imported_by("export", str(SEEDS), "--db", str(db), "-o", "out.json", cwd=tmp_path)
    assert found(modules, PARSERS) == []


def test_pages_import_the_html_parser_and_feeds_the_feed_parser(tmp_path: Path) -> None:
    pages = imported_by("list", str(FIXTURES / "pages"), cwd=tmp_path)
    assert pages >= HTML_PARSERS
    assert found(pages, FEED_PARSERS | {"dipreader.corpus.fetch"}) == []
    feeds = imported_by("list", str(FIXTURES / "feeds"), cwd=tmp_path)
    assert feeds >= FEED_PARSERS
    assert found(feeds, HTML_PARSERS | {"urllib3", "dipreader.corpus.fetch"}) == []


def test_the_app_on_text_files_imports_no_parser(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", APP_PROBE, str(SEEDS), str(tmp_path / "db.json")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=os.environ.copy(),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    modules = set(json.loads(result.stdout.splitlines()[-1]))
    assert "dipreader.tui.main_screen" in modules and "dipreader.corpus.load" in modules
    assert found(modules, PARSERS) == []
