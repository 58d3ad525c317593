"""The app as a whole: help, command palette, quit, remapped keys, the remembered theme,
a locked database, loading in the background."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import ProgressBar, Static

from dipreader.config import load_config
from dipreader.store import AnnotationStore
from dipreader.tui.app import DipreaderApp
from dipreader.tui.article_list import ArticleList
from dipreader.tui.footer import KeyFooter
from dipreader.tui.help_screen import HelpScreen
from dipreader.tui.keys import KEYS
from dipreader.tui.panel import AnnotationList
from dipreader.tui.prompts import TagPrompt

from .conftest import NEWEST, ORDER, SEEDS, SIZE, MakeApp, disk_annotations, disk_state
from .helpers import fill, list_ids, main, run_command, toasts


async def test_question_mark_lists_every_key_with_its_id(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = str(app.screen.query_one("#help-text", Static).content)
        for spec in KEYS:
            assert f"[{spec.id}]" in shown and spec.command in shown
        assert "ctrl+p" in shown and str(app.config.path) in shown
        await pilot.press("j", "space")  # scrolls, does not reach the main screen
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
    assert disk_annotations(db_path) == []
    assert not disk_state(db_path, ORDER[1])["read"]


async def test_the_help_screen_moves_with_the_main_screen_s_keys(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        scroll = app.screen.query_one("#help-scroll")
        assert scroll.max_scroll_y > 0
        for end_key, home_key in (("G", "g"), ("end", "home")):
            await pilot.press(end_key)
            await pilot.pause()
            assert scroll.scroll_y == scroll.max_scroll_y
            await pilot.press(home_key)
            await pilot.pause()
            assert scroll.scroll_y == 0
        assert isinstance(app.screen, HelpScreen)
    assert disk_annotations(db_path) == []


async def test_ctrl_p_runs_any_action_by_name(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await run_command(pilot, "add person")
        assert isinstance(app.screen, TagPrompt)
        await fill(pilot, "Antony Blinken")
        await pilot.press("enter")
        await pilot.pause()
        await run_command(pilot, "star or unstar")
    assert disk_state(db_path, NEWEST)["starred"] is True
    assert len(disk_annotations(db_path, NEWEST)) == 1


async def test_q_quits_and_the_file_is_complete_on_its_own(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "q")
        await pilot.pause()
    assert app.return_code == 0
    app.store.close()
    assert not db_path.with_name(db_path.name + ".journal").exists()
    assert disk_state(db_path, NEWEST)["starred"] is True


async def test_keys_remapped_in_the_settings_file(make_app: MakeApp, db_path, config_dir):
    config_dir.mkdir()
    (config_dir / "config.toml").write_text(
        '# mine\n[keys]\ntag_person = "P"\nquit = "ctrl+q"\nno_such_action = "z"\n',
        encoding="utf-8",
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert any("no_such_action" in t for t in toasts(app))
        await pilot.press("p")
        assert not isinstance(app.screen, TagPrompt)  # p no longer adds a person
        await pilot.press("P")
        assert isinstance(app.screen, TagPrompt)
        await pilot.press("escape", "question_mark")
        shown = str(app.screen.query_one("#help-text", Static).content)
        assert "P" in shown.split("[tag_person]")[0].splitlines()[-1]
        await pilot.press("escape", "q")
        assert app.is_running
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_the_chosen_theme_is_remembered(
    make_app: MakeApp, db_path, config_dir, tmp_path: Path
):
    config_dir.mkdir()
    (config_dir / "config.toml").write_text('[keys]\nstar = "S"\n', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE):
        app.theme = "nord"
    config = load_config()
    assert config.theme == "nord" and config.keymap == {"star": "S"}
    again = make_app(path=tmp_path / "second.json")
    async with again.run_test(size=SIZE):
        assert again.theme == "nord"


async def test_a_locked_database_opens_read_only_with_a_banner(make_app: MakeApp, db_path):
    with AnnotationStore.open(db_path):  # another window holds it
        app = make_app(read_only_reason="annotations.json is open in another dipreader.")
        async with app.run_test(size=SIZE) as pilot:
            banner = main(app).query_one("#banner", Static)
            assert banner.display and str(banner.content).startswith("Read-only:")
            await pilot.press("s", "enter")
            assert any("read-only" in t for t in toasts(app))
            await pilot.press("p")
            assert not isinstance(app.screen, TagPrompt)
    assert not disk_state(db_path, NEWEST)["starred"]
    assert not disk_state(db_path, NEWEST)["read"]


async def test_the_corpus_loads_in_the_background(make_app: MakeApp, db_path):
    app = make_app(corpus_source=SEEDS)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert list_ids(app) == ORDER
        assert isinstance(app.focused, ArticleList)
        assert not main(app).query("#load-progress")  # gone once the list is there


async def test_a_loading_corpus_shows_how_far_it_has_got(
    make_app: MakeApp, db_path, monkeypatch: pytest.MonkeyPatch
):
    import threading

    import dipreader.corpus

    real_load = dipreader.corpus.load_corpus
    halfway, go_on = threading.Event(), threading.Event()

    def slow_load(source, *, progress=None, **kwargs):
        assert progress is not None, "the app gives no progress callback"
        progress(4_000, 10_000)  # as the loader reports it, from the worker thread
        halfway.set()
        go_on.wait(10)
        return real_load(source, progress=progress, **kwargs)

    monkeypatch.setattr(dipreader.corpus, "load_corpus", slow_load)
    app = make_app(corpus_source=SEEDS)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(200):
            if halfway.is_set():
                break
            await pilot.pause(0.02)
        await pilot.pause()
        bar = main(app).query_one("#load-progress", ProgressBar)
        status = str(main(app).query_one("#list-status", Static).content)
        assert (bar.progress, bar.total) == (4_000, 10_000)
        assert status == "Reading 10,000 files…"
        go_on.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not main(app).query("#load-progress") and list_ids(app) == ORDER


async def test_a_corpus_that_fails_to_load_stops_the_app_with_its_reason(
    make_app: MakeApp, db_path, tmp_path: Path
):
    empty = tmp_path / "empty"
    empty.mkdir()
    app = make_app(corpus_source=empty)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):
            if app.return_code is not None:
                break
            await pilot.pause(0.02)
    assert app.return_code == 2
    assert app.failure is not None and "no articles found" in app.failure


def test_the_app_needs_a_corpus(tmp_path: Path):
    with (
        AnnotationStore.open(tmp_path / "a.json") as store,
        pytest.raises(ValueError, match="corpus"),
    ):
        DipreaderApp(store=store, config=load_config())


async def test_at_80_by_24_every_pane_and_the_help_key_stay_visible(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = main(app)
        for selector in ("#articles", "#reader", "#annotations", "#progress", "#reader-header"):
            region = screen.query_one(selector).region
            assert region.width > 0 and region.height > 0, selector
            assert region.right <= 80 and region.bottom <= 24, selector
        footer_keys = [key.key for key in screen.query_one(KeyFooter).keys]
        assert footer_keys[0] == "question_mark"
        await pilot.press("p")
        await fill(pilot, "Tô Lâm")
        await pilot.press("enter", "tab", "tab")  # reader, then the panel under it
        assert main(app).query_one(AnnotationList).has_focus
        await pilot.press("d", "d")  # from the suggestions at its top to the tag, then remove
        assert disk_annotations(db_path) == []


async def test_w_lists_every_file_the_load_skipped(make_app: MakeApp, tmp_path: Path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "article.txt").write_text("Un titre\n\nUn paragraphe de texte.\n", encoding="utf-8")
    for n in range(8):
        (folder / f"binaire {n} [bold].txt").write_bytes(b"\x00\x01" * 50)
    app = make_app(corpus_source=folder)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("… and 3 more (W lists them all)" in t for t in toasts(app))
        await pilot.press("W")
        assert isinstance(app.screen, HelpScreen)
        shown = str(app.screen.query_one("#help-text", Static).content)
        assert all(f"binaire {n} [bold].txt" in shown for n in range(8))
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_the_focused_pane_is_named_and_drawn_apart(make_app: MakeApp):
    from dipreader.tui.article_list import ArticleList
    from dipreader.tui.panel import AnnotationList
    from dipreader.tui.reader import ReaderText

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panes = [app.screen.query_one(kind) for kind in (ArticleList, ReaderText, AnnotationList)]
        assert [pane.border_title for pane in panes] == ["Articles", "Text", "Annotations"]
        for focused in range(3):
            await pilot.pause()
            borders = [pane.styles.border_top[0] for pane in panes]
            assert borders[focused] == "thick" and borders.count("thick") == 1, borders
            await pilot.press("tab")
