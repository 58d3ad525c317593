"""Passage keys: v starts at the current sentence, j/k and shift+arrows extend by sentence,
}/{ by paragraph, p/t/T/n tag or note the passage, Esc cancels."""

from __future__ import annotations

from textual.widgets import Static

from dipreader.tui.panel import AnnotationList
from dipreader.tui.prompts import NotePrompt, TagPrompt
from dipreader.tui.reader import ReaderText

from .conftest import NEWEST, SIZE, MakeApp, disk_annotations, disk_tag_names
from .helpers import fill, main, panel_text, reader


def passage_text(app) -> str:
    text = reader(app)
    offsets = text.passage_offsets()
    assert offsets is not None
    return text.article_text[offsets[0] : offsets[1]]


async def test_v_selects_the_sentence_and_j_k_extend_it(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        text = reader(app)
        assert isinstance(app.focused, ReaderText)
        first = text.sentences[0]
        assert passage_text(app) == text.article_text[first.start : first.end]
        assert passage_text(app).startswith("À l’occasion de sa participation")
        await pilot.press("j")
        assert passage_text(app).endswith(text.article_text[: text.sentences[1].end][-20:])
        await pilot.press("shift+down")
        assert text.passage_offsets() == (first.start, text.sentences[2].end)
        await pilot.press("k", "shift+up")
        assert text.passage_offsets() == (first.start, first.end)
        hint = main(app).query_one("#passage-hint", Static)
        assert hint.display and str(hint.content).startswith("Passage selected: p person")
        await pilot.press("escape")
        assert text.passage_offsets() is None
        assert not hint.display
    assert disk_annotations(db_path) == []


async def test_braces_extend_by_paragraph(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        text = reader(app)
        sentences = text.sentences
        # The first paragraph of several sentences: put the cursor on its first one.
        anchor = next(
            s
            for s in sentences
            if sum(1 for other in sentences if other.paragraph == s.paragraph) > 1
        )
        text.move_to_offset(anchor.start)
        await pilot.press("v")
        third = [s for s in sentences if s.paragraph == anchor.paragraph]
        fourth = [s for s in sentences if s.paragraph == anchor.paragraph + 1]
        assert text.passage_offsets() == (anchor.start, anchor.end)
        await pilot.press("right_curly_bracket")  # to the end of this paragraph
        assert text.passage_offsets() == (anchor.start, third[-1].end)
        await pilot.press("right_curly_bracket")  # then to the end of the next one
        assert text.passage_offsets() == (anchor.start, fourth[-1].end)
        await pilot.press("left_curly_bracket")  # back to the start of that paragraph
        assert text.passage_offsets() == (anchor.start, fourth[0].end)
        await pilot.press("left_curly_bracket")
        assert text.passage_offsets() == (anchor.start, anchor.end)  # the anchor stays
        previous = [s for s in sentences if s.paragraph == anchor.paragraph - 1]
        await pilot.press("left_curly_bracket")  # past the anchor: grows backwards
        assert text.passage_offsets() == (previous[0].start, anchor.end)
    assert disk_annotations(db_path) == []


async def test_p_t_and_n_on_a_passage_store_its_quote_and_offsets(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "j")
        quote = passage_text(app)
        start, end = reader(app).passage_offsets()
        await pilot.press("p")
        assert isinstance(app.screen, TagPrompt)
        assert "passage" in str(app.screen.prompt_title)
        await fill(pilot, "Tô Lâm")
        await pilot.press("enter")
        await pilot.pause()
        # The selection stays, so the same passage can take a theme and a note.
        await pilot.press("t")
        await fill(pilot, "gaza")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n")
        assert isinstance(app.screen, NotePrompt)
        await pilot.press(*"clé", "enter")
        await pilot.pause()
        assert "Tô Lâm" in panel_text(app) and "✎ clé" in panel_text(app)
        assert "« À l’occasion" in panel_text(app)
        await pilot.press("escape")
    passages = [a for a in disk_annotations(db_path, NEWEST) if a.get("target")]
    assert len(passages) == 3
    for annotation in passages:
        target = annotation["target"]
        assert (target["start"], target["end"], target["exact"]) == (start, end, quote)
    assert disk_tag_names(db_path, NEWEST) == {
        ("person", "Tô Lâm"),
        ("theme", "Middle East / Gaza peace"),
    }


async def test_T_tags_a_passage_with_another_kind(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        quote = passage_text(app)
        await pilot.press("T")
        await fill(pilot, "lieu")
        await pilot.press("enter")
        await fill(pilot, "Washington")
        await pilot.press("enter")
        await pilot.pause()
    (annotation,) = disk_annotations(db_path, NEWEST)
    assert annotation["target"]["exact"] == quote
    assert disk_tag_names(db_path, NEWEST) == {("lieu", "Washington")}


async def test_enter_on_a_passage_row_brings_the_reader_to_it(make_app: MakeApp, db_path):
    app = make_app()
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.press("enter", "G", "v")  # the last sentence
        start, _ = reader(app).passage_offsets()
        await pilot.press("n", *"fin", "enter")
        await pilot.pause()
        await pilot.press("escape", "g")
        assert reader(app).scroll_offset.y == 0
        await pilot.press("tab")  # the panel
        panel = main(app).query_one(AnnotationList)
        while panel.selected_item.passage is None:  # down to the passage's quote row
            await pilot.press("j")
        await pilot.press("enter")
        assert isinstance(app.focused, ReaderText)
        assert reader(app).offset_of(reader(app).cursor_location) == start
        assert reader(app).scroll_offset.y > 0
    assert [a["note"] for a in disk_annotations(db_path, NEWEST)] == ["fin"]
