"""`e`: export in the background, to the format and file chosen, asking before replacing."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

from textual.widgets import Input

from dipreader.cli import main
from dipreader.export.formats import FORMATS
from dipreader.tui.export_screen import FORMAT_DETAILS, ExportScreen
from dipreader.tui.prompts import ConfirmScreen

from .conftest import NEWEST, SEEDS, SIZE, MakeApp, disk_annotations
from .helpers import fill, toasts


async def wait_for_export(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_e_exports_json_next_to_the_database(make_app: MakeApp, db_path, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await fill(pilot, "Tô Lâm")
        await pilot.press("enter")
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        path_input = app.screen.query_one("#export-path", Input)
        assert path_input.value == str(tmp_path / "annotations-export.json")
        await pilot.press("enter")
        await wait_for_export(pilot)
        assert not isinstance(app.screen, ExportScreen)
        assert any("Exported 1 annotation(s) of 1 article(s) as json" in t for t in toasts(app))
    exported = json.loads((tmp_path / "annotations-export.json").read_text(encoding="utf-8"))
    (entry,) = exported["articles"]
    assert entry["id"] == NEWEST
    assert [person["name"] for person in entry["people"]] == ["Tô Lâm"]
    assert len(disk_annotations(db_path)) == 1


async def test_down_picks_another_format_and_the_file_name_follows(
    make_app: MakeApp, db_path, tmp_path
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await fill(pilot, "health")
        await pilot.press("enter")
        await pilot.press("e", "down", "down")  # json -> jsonl -> csv
        path_input = app.screen.query_one("#export-path", Input)
        assert path_input.value == str(tmp_path / "annotations-export.csv")
        await pilot.press("enter")
        await wait_for_export(pilot)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "annotations-export.csv").read_text())))
    assert any("health" in row.values() for row in rows)


async def test_an_existing_file_is_replaced_only_after_yes(make_app: MakeApp, db_path, tmp_path):
    target = tmp_path / "annotations-export.json"
    target.write_text("keep me", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "enter")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, ExportScreen)
        assert target.read_text(encoding="utf-8") == "keep me"
        await pilot.press("enter", "y")
        await wait_for_export(pilot)
        assert not isinstance(app.screen, ExportScreen)
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "dipreader-export"


async def test_an_unwritable_path_is_reported_in_the_dialog(make_app: MakeApp, db_path, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        path_input = app.screen.query_one("#export-path", Input)
        path_input.value = str(tmp_path / "no-such-folder" / "out.json")
        await pilot.press("enter")
        await wait_for_export(pilot)
        assert isinstance(app.screen, ExportScreen)
        error = str(app.screen.query_one("#export-error").content)
        assert error.startswith("Not exported:") and "does not exist" in error
        path_input.value = str(db_path)
        await pilot.press("enter")
        assert "is the annotation database" in str(app.screen.query_one("#export-error").content)
        await pilot.press("escape")
        assert not isinstance(app.screen, ExportScreen)
    assert not (tmp_path / "no-such-folder").exists()


def test_the_dialog_offers_the_formats_of_the_export_layer_each_described():
    assert list(FORMAT_DETAILS) == list(FORMATS)
    assert all(suffix.startswith(".") and text for suffix, text in FORMAT_DETAILS.values())


async def tag_and_export_every_format(pilot) -> dict[str, Path]:
    """Tag the first article, then export it with `e` in each format, each to the file the
    dialog proposes: format -> file written."""
    app = pilot.app
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("p")
    await fill(pilot, "Tô Lâm")
    await pilot.press("enter")
    written = {}
    for step, name in enumerate(FORMATS):
        await pilot.press("e", *["down"] * step)
        path = app.screen.query_one("#export-path", Input).value
        await pilot.press("enter")
        await wait_for_export(pilot)
        assert not isinstance(app.screen, ExportScreen), name
        written[name] = Path(path)
    return written


async def test_every_format_writes_what_the_cli_writes(make_app: MakeApp, db_path, tmp_path):
    app = make_app(corpus_source=SEEDS)
    async with app.run_test(size=SIZE) as pilot:
        written = await tag_and_export_every_format(pilot)
    for name, path in written.items():
        cli_path = tmp_path / f"cli-{name}"
        assert (
            main(
                ["export", str(SEEDS), "--db", str(db_path), "--format", name, "-o", str(cli_path)]
            )
            == 0
        )
        assert path.read_bytes() == cli_path.read_bytes(), name


async def test_an_article_whose_file_name_is_not_utf8_exports_in_every_format(
    make_app: MakeApp, db_path, tmp_path
):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seed = min(SEEDS.iterdir())
    # The byte 0xff in a name, as a file copied from another system may have it.
    (corpus / os.fsdecode(b"art\xffcle.txt")).write_bytes(seed.read_bytes())
    app = make_app(corpus_source=corpus)
    async with app.run_test(size=SIZE) as pilot:
        written = await tag_and_export_every_format(pilot)
        assert not any("unexpected" in t.lower() for t in toasts(app))
    assert len(disk_annotations(db_path)) == 1
    for name, path in written.items():
        text = path.read_bytes().decode("utf-8")  # valid UTF-8 throughout
        if name != "w3c":
            assert "art\\\\xffcle.txt" in text or "art\\xffcle.txt" in text, name


async def test_a_typed_name_picks_its_format(make_app: MakeApp, db_path, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await fill(pilot, "health")
        await pilot.press("enter")
        await pilot.press("e")
        path_input = app.screen.query_one("#export-path", Input)
        path_input.value = str(tmp_path / "mine.csv")
        await pilot.pause()
        formats = app.screen.query_one("#formats")
        assert formats.highlighted == list(FORMATS).index("csv")
        assert path_input.value == str(tmp_path / "mine.csv")  # the name is kept as typed
        await pilot.press("enter")
        await wait_for_export(pilot)
        assert any("as csv" in t for t in toasts(app))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "mine.csv").read_text())))
    assert any("health" in row.values() for row in rows)
