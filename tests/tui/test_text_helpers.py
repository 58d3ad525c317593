"""Folding, mentions, visible text and sentences: the pure helpers under the reader."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from dipreader.folding import fold
from dipreader.sentences import sentence_at, split_sentences
from dipreader.tui.folding import (
    find_mentions,
    fold_for_search,
    fold_with_origin,
    matches_all_terms,
    name_completions,
    visible,
)
from dipreader.tui.line_index import LineIndex


def test_fold_ignores_accents_case_spacing_and_vietnamese_letters():
    assert fold("  Tô  Lâm ") == "to lam"
    assert fold("Nguyễn Phú Trọng") == "nguyen phu trong"
    assert fold("ĐÀ NẴNG") == "da nang"
    assert fold("l’État") == fold("l'etat")


def test_mentions_are_whole_words_mapped_back_to_the_original_text():
    text = "Tô Lâm et TÔ  LÂM, mais pas Lamarck ni Tôlâm."
    folded = fold_with_origin(text)
    spans = find_mentions(folded, ["to lam"])
    assert [text[a:b] for a, b in spans] == ["Tô Lâm", "TÔ  LÂM"]
    assert find_mentions(folded, ["Lâm"]) == [(3, 6), (14, 17)]


def test_search_needs_every_word():
    haystack = fold("Le Vietnam et les États-Unis")
    assert matches_all_terms(haystack, "etats VIETNAM")
    assert not matches_all_terms(haystack, "etats chine")
    assert matches_all_terms(haystack, "")


@given(st.text())
def test_visible_keeps_length_and_leaves_nothing_a_terminal_acts_on(text: str):
    shown = visible(text)
    assert len(shown) == len(text)
    for ch in shown:
        if ch != "\n":
            assert unicodedata.category(ch) != "Cc"
            assert len(f"x{ch}x".splitlines()) == 1  # no line break but the paragraphs'
            assert unicodedata.bidirectional(ch) not in ("LRE", "RLE", "LRO", "RLO", "PDF")


@given(st.text(alphabet="aé\nb c", max_size=40), st.data())
def test_line_index_round_trips(text: str, data):
    index = LineIndex(text)
    offset = data.draw(st.integers(0, len(text)))
    assert index.offset(index.location(offset)) == offset


def test_sentences_skip_titles_initials_and_numbers():
    text = (
        "M. Blinken a vu J. Biden le 1.5 fois. Puis il est parti ! « Et ensuite ? » "
        "Fin\n\nDeuxième paragraphe sans point"
    )
    sentences = split_sentences(text)
    assert [text[s.start : s.end] for s in sentences] == [
        "M. Blinken a vu J. Biden le 1.5 fois.",
        "Puis il est parti !",
        "« Et ensuite ? » Fin",
        "Deuxième paragraphe sans point",
    ]
    assert [s.paragraph for s in sentences] == [0, 0, 0, 1]
    assert sentence_at(sentences, text.index("parti")) == 1
    assert sentence_at(sentences, text.index("Deuxième") - 1) == 2


def test_name_completions_follow_the_article_spelling_and_run_over_capitalised_words():
    text = (
        "Le président Donald Trump a reçu Lê Hoài Trung à Washington D.C. Trump et "
        "Lê Hoài Trung, puis les autres."
    )
    assert name_completions(text, "le hoai tr") == ["Lê Hoài Trung"]
    assert name_completions(text, "donald") == ["Donald Trump"]
    assert name_completions(text, "trump") == ["Trump"]  # twice alone, once after Donald
    assert name_completions(text, "le") == ["Le", "Lê Hoài Trung"]  # typed as is, first
    assert name_completions(text, "washington") == ["Washington"]
    assert name_completions(text, "xyz") == [] and name_completions(text, " ") == []


FRENCH_AND_VIETNAMESE = (
    "aàâäeéèêëiîïoôöuùûüyÿcçAÀÉÈÊÔĐđƠơƯưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹœŒß’' -"
)


@given(st.text(alphabet=FRENCH_AND_VIETNAMESE))
def test_the_fast_search_folding_agrees_with_fold(text: str):
    assert " ".join(fold_for_search(text).split()) == fold(text)
