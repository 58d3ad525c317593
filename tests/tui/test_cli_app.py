"""`dipreader [CORPUS] [--db PATH]`: what must be fixed is said before the app starts."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from dipreader.cli import main
from dipreader.cli.app_cmd import build_app
from dipreader.store import AnnotationStore

from .conftest import SEEDS


def app_args(db: Path, corpus: Path | None = SEEDS, read_only: bool = False) -> argparse.Namespace:
    return argparse.Namespace(
        corpus=str(corpus) if corpus else None, db=str(db), read_only=read_only
    )


def test_a_corrupt_database_stops_before_the_app(tmp_path: Path, capsys):
    db = tmp_path / "annotations.json"
    db.write_text('{"meta": {', encoding="utf-8")
    assert main([str(SEEDS), "--db", str(db)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("dipreader: error: ") and str(db) in error
    assert db.read_text(encoding="utf-8") == '{"meta": {'  # left untouched


def test_a_missing_corpus_or_a_bad_settings_file_stop_before_the_app(
    tmp_path: Path, capsys, config_dir: Path
):
    assert main([str(tmp_path / "nowhere"), "--db", str(tmp_path / "a.json")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    config_dir.mkdir()
    (config_dir / "config.toml").write_text("[keys\n", encoding="utf-8")
    assert main([str(SEEDS), "--db", str(tmp_path / "a.json")]) == 2
    assert "is not valid TOML" in capsys.readouterr().err


def test_a_locked_database_gives_a_read_only_app_saying_who_holds_it(tmp_path: Path):
    db = tmp_path / "annotations.json"
    with AnnotationStore.open(db):
        app = build_app(app_args(db))
        try:
            assert app.store.read_only
            assert app.read_only_reason and "Changes are not saved" in app.read_only_reason
        finally:
            app.store.close()
    app = build_app(app_args(db))  # free again: writable
    try:
        assert not app.store.read_only and app.read_only_reason is None
    finally:
        app.store.close()


def test_the_defaults_are_the_bundled_seeds_and_annotations_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    AnnotationStore.open(tmp_path / "annotations.json").close()
    app = build_app(argparse.Namespace(corpus=None, db=None, read_only=True))
    try:
        assert Path(app.store.path).resolve() == (tmp_path / "annotations.json").resolve()
        assert Path(app.corpus_source).resolve() == SEEDS.resolve()
        assert "--read-only" in (app.read_only_reason or "")
    finally:
        app.store.close()


def test_the_cli_does_not_import_textual_until_the_app_opens():
    code = (
        "import sys, dipreader.cli, dipreader.cli.app_cmd, dipreader.config; "
        "sys.exit('textual' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def _sound_database(tmp_path: Path) -> Path:
    db = tmp_path / "annotations.json"
    with AnnotationStore.open(db) as store:
        store.tag_article("a" * 16, "Tô Lâm", "person")
    return db


def test_a_database_the_store_closed_is_not_parsed_before_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from dipreader.store import opening

    db = _sound_database(tmp_path)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed before the first frame")

    monkeypatch.setattr(opening, "load", refuse)
    app = build_app(app_args(db))  # the glance at its first and last bytes is enough
    app.close_store()  # never opened: nothing parsed


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[:-40],  # cut short, as by a full disk
        lambda raw: raw.replace(b'"schema":2', b'"schema":99'),  # a newer dipreader's
        lambda raw: b" " + raw,  # not laid out as the store writes it: read in full
    ],
)
def test_a_file_that_does_not_look_current_is_checked_in_full_before_the_app(
    tmp_path: Path, damage, capsys
):
    db = _sound_database(tmp_path)
    raw = damage(db.read_bytes())
    db.write_bytes(raw)
    if raw.startswith(b" "):
        build_app(app_args(db)).store.close()  # sound after all: opens
        return
    assert main([str(SEEDS), "--db", str(db)]) == 2
    assert str(db) in capsys.readouterr().err
    assert db.read_bytes() == raw  # left untouched


async def test_damage_inside_a_current_looking_file_stops_the_app_with_the_reason(
    tmp_path: Path,
):
    db = _sound_database(tmp_path)
    raw = db.read_bytes()
    broken = raw.replace(b'"name":"T', b'"name":T', 1)  # invalid JSON, same head and tail
    assert broken != raw
    db.write_bytes(broken)
    app = build_app(app_args(db))  # passes the glance
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            if app.return_code is not None:
                break
            await pilot.pause(0.02)
    app.close_store()
    assert app.return_code == 2
    assert app.failure is not None and str(db) in app.failure and "not valid JSON" in app.failure
    assert db.read_bytes() == broken


def test_a_journal_left_by_a_crash_means_a_full_check(tmp_path: Path):
    from dipreader.store import opening
    from dipreader.store.journal import journal_path

    db = _sound_database(tmp_path)
    assert opening.looks_current(db)
    journal_path(db).write_bytes(b"")
    assert not opening.looks_current(db)
    assert not opening.looks_current(tmp_path / "missing.json")
