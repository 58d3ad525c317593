"""Tagging keys: p, t, T, d/x, n, u, ctrl+r, s, m. Each checks the screen and the file."""

from __future__ import annotations

from dipreader.tui.panel import AnnotationList
from dipreader.tui.prompts import NotePrompt, TagPrompt

from .conftest import (
    DECEMBER,
    NEWEST,
    NOVEMBER,
    SIZE,
    MakeApp,
    disk_annotations,
    disk_state,
    disk_tag_names,
    disk_tags,
)
from .helpers import fill, main, panel_text, progress_text, row_text, toasts


async def tag(pilot, key: str, typed: str, kind: str | None = None) -> None:
    await pilot.press(key)
    assert isinstance(pilot.app.screen, TagPrompt)
    if kind is not None:
        await fill(pilot, kind)
        await pilot.press("enter")
    await fill(pilot, typed)
    await pilot.press("enter")
    await pilot.pause()


async def test_p_adds_a_new_person_and_completion_finds_it_again_without_accents(
    make_app: MakeApp, db_path
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await tag(pilot, "p", "Tô Lâm")
        assert ("person", "Tô Lâm") in disk_tag_names(db_path, NEWEST)
        assert "Tô Lâm" in panel_text(app)
        assert "1 tag" in row_text(app, NEWEST)
        assert progress_text(app) == "1 of 5 articles tagged"
        # On another article, "to lam" completes to the existing person: no second tag.
        await pilot.press("j")
        await pilot.press("p", *"to lam")
        prompt = app.screen
        assert isinstance(prompt, TagPrompt)
        first = prompt.query_one("#matches").highlighted_option
        assert first is not None and "Tô Lâm" in str(first.prompt)
        await pilot.press("enter")
        await pilot.pause()
    persons = [t for t in disk_tags(db_path).values() if t["kind"] == "person"]
    assert [t["name"] for t in persons] == ["Tô Lâm"]
    assert ("person", "Tô Lâm") in disk_tag_names(db_path, DECEMBER)


async def test_p_offers_to_create_when_the_name_only_resembles_one(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await tag(pilot, "p", "Donald Trump")
        await pilot.press("p")
        await fill(pilot, "Trump")
        matches = app.screen.query_one("#matches")
        labels = [str(o.prompt) for o in matches.options]
        assert "● Donald Trump" in labels[0]
        assert labels[-1] == "+ new person: Trump"
        await pilot.press("down", "enter")  # the user chose to create "Trump"
        await pilot.pause()
    assert disk_tag_names(db_path, NEWEST) == {("person", "Donald Trump"), ("person", "Trump")}


async def test_t_adds_a_theme_from_the_starter_vocabulary(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await tag(pilot, "t", "trade")
        assert "trade & economy" in panel_text(app)
    assert disk_tag_names(db_path, NEWEST) == {("theme", "trade & economy")}


async def test_T_adds_a_tag_of_a_kind_the_user_names(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await tag(pilot, "T", "Washington", kind="place")
        assert "place: Washington" in panel_text(app)
        await pilot.press("j")
        await pilot.press("T", *"pl")  # the kind is completed from the kinds in use
        await pilot.press("right", "enter", *"wash", "enter")
        await pilot.pause()
    assert disk_tag_names(db_path, NEWEST) == {("place", "Washington")}
    assert disk_tag_names(db_path, DECEMBER) == {("place", "Washington")}


async def test_T_tab_takes_the_suggested_kind_enter_keeps_the_typed_one(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await tag(pilot, "T", "Washington", kind="place")
        await pilot.press("j")
        await pilot.press("T", *"pl", "tab", *"hanoi", "enter")  # Tab: "place"
        await pilot.pause()
        await pilot.press("j")
        await pilot.press("T", *"pl", "enter", *"x", "enter")  # Enter: a new kind "pl"
        await pilot.pause()
    assert disk_tag_names(db_path, DECEMBER) == {("place", "hanoi")}
    assert disk_tag_names(db_path, NOVEMBER) == {("pl", "x")}


async def test_escape_cancels_the_tag_prompt_and_writes_nothing(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", *"Nob", "escape")
        assert not isinstance(app.screen, TagPrompt)
    assert disk_annotations(db_path) == []


async def test_d_and_x_remove_the_selected_tag_with_an_undo_toast(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await tag(pilot, "p", "Tô Lâm")
        await tag(pilot, "t", "health")
        await pilot.press("d")  # first press: go to the panel and choose
        assert isinstance(app.focused, AnnotationList)
        assert disk_tag_names(db_path, NEWEST) == {("person", "Tô Lâm"), ("theme", "health")}
        await pilot.press("d")
        assert disk_tag_names(db_path, NEWEST) == {("theme", "health")}
        assert "Removed person “Tô Lâm”. Press u to undo." in toasts(app)
        assert "Tô Lâm" not in panel_text(app)
        await pilot.press("x")  # the highlight moved to the next removable row
        assert disk_tag_names(db_path, NEWEST) == set()
        assert progress_text(app) == "0 of 5 articles tagged"
    assert disk_annotations(db_path, NEWEST) == []


async def test_n_adds_a_note_to_the_article(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, NotePrompt)
        await fill(pilot, "à relire")
        await pilot.press("enter")
        await pilot.pause()
        assert "✎ à relire" in panel_text(app)
    notes = [a for a in disk_annotations(db_path, NEWEST) if a.get("note")]
    assert [n["note"] for n in notes] == ["à relire"]
    assert "target" not in notes[0] or notes[0]["target"] is None


async def test_u_undoes_and_ctrl_r_redoes_through_the_store(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await tag(pilot, "p", "Tô Lâm")
        await pilot.press("u")
        assert disk_tag_names(db_path, NEWEST) == set()
        assert "Tô Lâm" not in panel_text(app)
        assert any(t.startswith("Undone: ") for t in toasts(app))
        await pilot.press("ctrl+r")
        assert disk_tag_names(db_path, NEWEST) == {("person", "Tô Lâm")}
        assert "Tô Lâm" in panel_text(app)
        await pilot.press("ctrl+r")
        assert "Nothing to redo." in toasts(app)


async def test_s_stars_and_m_toggles_read(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert disk_state(db_path, NEWEST)["starred"] is True
        assert "★" in row_text(app, NEWEST)
        await pilot.press("m")
        assert disk_state(db_path, NEWEST)["read"] is True
        assert not row_text(app, NEWEST).startswith("●")
        await pilot.press("m", "s")
        assert disk_state(db_path, NEWEST)["read"] is False
        assert disk_state(db_path, NEWEST)["starred"] is False
        assert row_text(app, NEWEST).startswith("● ") and "★" not in row_text(app, NEWEST)


async def test_a_name_typed_without_accents_is_saved_as_the_article_spells_it(
    make_app: MakeApp, db_path
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await fill(pilot, "to lam")
        labels = [str(o.prompt) for o in app.screen.query_one("#matches").options]
        assert labels == ["+ new person: Tô Lâm  as in the text"]
        await pilot.press("enter")
        await pilot.press("t")
        await fill(pilot, "tariffs")  # found in the theme's description
        first = app.screen.query_one("#matches").highlighted_option
        assert first is not None and str(first.prompt).startswith("● trade & economy  ")
        await pilot.press("enter")
    assert disk_tag_names(db_path, NEWEST) == {("person", "Tô Lâm"), ("theme", "trade & economy")}


async def test_opening_an_article_is_no_undo_step_so_u_undoes_the_last_tag(
    make_app: MakeApp, db_path
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # open NEWEST: read
        await tag(pilot, "p", "Tô Lâm")
        await pilot.press("shift+tab", "j", "enter")  # back to the list; open DECEMBER
        assert main(app).current.id == DECEMBER
        assert disk_state(db_path, DECEMBER)["read"] is True
        await pilot.press("]")  # and the next unread, NOVEMBER
        await pilot.press("u")
        assert (
            "Undone: tag «Vietnam - États-Unis : le SG Tô Lâm ren…» with Tô Lâm (person)"
            in toasts(app)
        )
        assert disk_tag_names(db_path, NEWEST) == set()
        assert "0 tags" not in row_text(app, NEWEST) and "1 tag" not in row_text(app, NEWEST)
        # The three articles opened stay read, on screen and on disk.
        for article_id in (NEWEST, DECEMBER, NOVEMBER):
            assert disk_state(db_path, article_id)["read"] is True
            assert not row_text(app, article_id).startswith("● ")
        await pilot.press("u")
        assert "Nothing to undo." in toasts(app)
        await pilot.press("m")  # the explicit toggle is a step of its own
        await pilot.press("u")
        assert disk_state(db_path, NOVEMBER)["read"] is True


async def test_tagging_again_with_a_tag_it_has_says_nothing_changed(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await tag(pilot, "t", "trade")
        on_disk = disk_annotations(db_path)
        await tag(pilot, "t", "trade")
        shown = toasts(app)
        assert any("already has theme trade & economy: nothing changed" in t for t in shown)
        assert sum(t.startswith("Tagged") for t in shown) == 1
        await pilot.press("u")  # the one real step is undone, not a no-op
    assert len(on_disk) == 1 and disk_annotations(db_path) == []


async def test_a_note_takes_several_lines_with_ctrl_j(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, NotePrompt)
        await pilot.press(*"ligne un", "ctrl+j", *"ligne deux", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, NotePrompt)
        shown = panel_text(app)
        assert "ligne un" in shown and "ligne deux" in shown
    (note,) = disk_annotations(db_path, NEWEST)
    assert note["note"] == "ligne un\nligne deux"


async def test_c_corrects_the_title_and_date_in_one_undo_step(make_app: MakeApp, db_path):
    from dipreader.tui.prompts import CorrectionPrompt

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        original = main(app).current.title
        await pilot.press("c")
        assert isinstance(app.screen, CorrectionPrompt)
        await fill(pilot, "Un titre corrigé")
        await pilot.press("enter")
        await fill(pilot, "2020-05")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CorrectionPrompt)
        assert "Un titre corrigé" in row_text(app, NEWEST) and "2020-05" in row_text(app, NEWEST)
        state = disk_state(db_path, NEWEST)
        assert (state["title"], state["date"]) == ("Un titre corrigé", "2020-05")
        await pilot.press("u")  # both, in one step
        await pilot.pause()
        assert disk_state(db_path, NEWEST).get("title") is None
        assert original in row_text(app, NEWEST)
        await pilot.press("ctrl+r", "c")  # again, then give back the file's own title
        await fill(pilot, original)
        await pilot.press("enter")
        await fill(pilot, "2019")
        await pilot.press("enter", "c", "enter")
        await fill(pilot, "")
        await pilot.press("enter")
        await pilot.pause()
    state = disk_state(db_path, NEWEST)
    assert state.get("title") is None and state.get("date") is None


async def test_c_refuses_a_date_that_is_not_one(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c", "enter")
        await fill(pilot, "2024-13")
        await pilot.press("enter")
        await pilot.pause()
        assert any("not a date" in t for t in toasts(app))
    assert disk_state(db_path, NEWEST).get("date") is None
