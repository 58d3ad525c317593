"""The panel's rows without a terminal: their order, the suggestions' numbers and reasons, and
how a row wraps (under its text, never under its bullet or number)."""

from __future__ import annotations

from textual.content import Content
from textual.style import Style
from textual.visual import RenderOptions

from dipreader.store.model import PERSON, THEME, Annotation, Tag
from dipreader.suggest import Span, Suggestion
from dipreader.tui.panel import Hanging, build_rows, suggestion_reason


def render(visual: Hanging, width: int) -> list[str]:
    options = RenderOptions(get_style=lambda style: Style(), rules={})
    lines = [strip.text for strip in visual.render_strips(width, None, Style(), options)]
    assert len(lines) == visual.get_height({}, width)
    return [line.rstrip() for line in lines]


def suggestion(name: str, kind: str = PERSON, triggers: tuple[str, ...] = (), times: int = 1):
    evidence = tuple(Span(10 * i, 10 * i + len(name), name) for i in range(times))
    return Suggestion(kind, name, None, evidence, "rules", 0.9, triggers)


def hint(binding_id: str) -> str:
    return {"accept_all": "a", "reject": "r"}.get(binding_id, binding_id.removeprefix("accept_"))


def test_the_reason_goes_beside_the_name_if_it_fits_else_below_cut_to_one_line():
    row = Hanging(Content("  1 "), Content("person: Tô Lâm ×8"), Content("secrétaire général"))
    assert render(row, 50) == ["  1 person: Tô Lâm ×8  secrétaire général"]
    assert render(row, 36) == ["  1 person: Tô Lâm ×8  secrétaire g…"]
    assert render(row, 30) == ["  1 person: Tô Lâm ×8", "    secrétaire général"]
    assert render(row, 20) == ["  1 person: Tô Lâm", "    ×8", "    secrétaire géné…"]


def test_a_long_row_wraps_under_its_text():
    row = Hanging(Content("  ✎ "), Content("Première rencontre à la Maison-Blanche."))
    assert render(row, 24) == ["  ✎ Première rencontre à", "    la Maison-Blanche."]
    assert str(row) == "  ✎ Première rencontre à la Maison-Blanche."


def test_reasons_are_the_cues_else_the_words_of_the_text():
    assert suggestion_reason(suggestion("Tô Lâm", triggers=("secrétaire général",))) == (
        "secrétaire général"
    )
    trade = suggestion("trade & economy", THEME, ("commerce", "droits de douane"))
    assert suggestion_reason(trade) == "commerce, droits de douane"
    assert suggestion_reason(suggestion("Lê Hoài Trung")) == ""  # ×2 says enough
    trump = Suggestion(
        PERSON,
        "Donald Trump",
        None,
        (Span(0, 12, "Donald Trump"), Span(20, 25, "Trump"), Span(30, 40, "D.  Trump")),
        "rules",
        0.9,
    )
    assert suggestion_reason(trump) == "«Trump», «D. Trump»"


def test_suggestions_come_first_numbered_by_their_keys_and_a_dot_past_nine():
    many = [suggestion(f"Personne {n}", times=n % 3 + 1) for n in range(1, 12)]
    rows = [str(content) for content, _ in build_rows([], {}, hint, many)]
    assert rows[:4] == [
        "Suggestions (11)",
        "  1–9 accept, a all, r reject",
        "  1 person: Personne 1 ×2",
        "  2 person: Personne 2 ×3",
    ]
    assert rows[10] == "  9 person: Personne 9"
    assert rows[11] == "  · person: Personne 10 ×2"
    assert rows[13] == "People"
    items = [item for _, item in build_rows([], {}, hint, many)]
    assert [item.suggestion.name for item in items[2:13]] == [s.name for s in many]


def test_few_suggestions_name_only_their_keys_and_a_broken_lexicon_says_why():
    rows = [str(content) for content, _ in build_rows([], {}, hint, [suggestion("Tô Lâm")])]
    assert rows[:3] == ["Suggestions (1)", "  1 accept, a all, r reject", "  1 person: Tô Lâm"]
    broken = build_rows([], {}, hint, [], "themes.toml, line 3: not a list")
    assert [str(content) for content, _ in broken[:2]] == [
        "Suggestions",
        "  none: themes.toml, line 3: not a list",
    ]
    assert next(str(content) for content, _ in build_rows([], {}, hint, [])) == "People"


def test_a_tag_wraps_under_its_name_not_under_its_swatch():
    tag = Tag(id="t1", name="people-to-people exchanges", kind=THEME)
    annotation = Annotation(
        id="a1",
        article_id="a" * 16,
        tag_id="t1",
        note=None,
        target=None,
        created="2025",
        updated="2025",
        author="x",
    )
    rows = build_rows([annotation], {"t1": tag}, hint)
    (row,) = [content for content, item in rows if item is not None]
    assert render(row, 24) == ["  ● people-to-people", "    exchanges"]
