from __future__ import annotations

import pytest

from dipreader.store.anchor import CONTEXT_CHARS, make_target, reanchor

from .conftest import TEXT


def test_target_keeps_quote_and_context() -> None:
    start = TEXT.index("Tô Lâm")
    target = make_target(TEXT, start, start + len("Tô Lâm"))
    assert target.exact == "Tô Lâm"
    assert target.prefix == TEXT[max(0, start - CONTEXT_CHARS) : start]
    assert len(TEXT[:start]) < CONTEXT_CHARS  # the context is cut at the text's start
    assert target.suffix == TEXT[target.end : target.end + CONTEXT_CHARS]


@pytest.mark.parametrize(("start", "end"), [(5, 5), (-1, 3), (3, 2), (0, len(TEXT) + 1)])
def test_bad_spans_are_refused(start: int, end: int) -> None:
    with pytest.raises(ValueError):
        make_target(TEXT, start, end)


def test_valid_offsets_are_kept() -> None:
    target = make_target(TEXT, 22, 28)
    assert reanchor(target, TEXT) is target


def test_moved_passage_is_found_by_its_quote() -> None:
    target = make_target(TEXT, 22, 28)
    changed = "HANOÏ (AFP) – " + TEXT
    found = reanchor(target, changed)
    assert found is not None
    assert changed[found.start : found.end] == "Tô Lâm"
    assert found.start == 22 + len("HANOÏ (AFP) – ")


def test_context_picks_the_right_repeat() -> None:
    text = "le commerce, puis le commerce bilatéral, puis encore le commerce."
    second = text.index("le commerce bilatéral")
    target = make_target(text, second, second + len("le commerce"))
    changed = "Début. " + text
    found = reanchor(target, changed)
    assert found is not None
    assert found.start == second + len("Début. ")


def test_spacing_changes_are_tolerated() -> None:
    text = "Il a dit que la paix   durable est possible."
    start = text.index("la paix")
    target = make_target(text, start, text.index("est"))
    found = reanchor(target, "Il a dit que la paix durable est possible.")
    assert found is not None
    assert found.exact.split() == ["la", "paix", "durable"]


def test_vanished_quote_gives_none() -> None:
    target = make_target(TEXT, 22, 28)
    assert reanchor(target, "Un tout autre article.") is None
