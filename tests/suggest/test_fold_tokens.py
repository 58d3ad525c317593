from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dipreader.folding import fold
from dipreader.suggest.fold import stem
from dipreader.suggest.tokens import tokenize


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Nguyễn Phú Trọng", "Nguyên Phu Trong"),
        ("Tô Lâm", "To Lam"),
        ("Đặng Hoàng Giang", "Dang Hoang Giang"),
        ("ÉTATS-UNIS", "etats-unis"),
        ("l’Agence", "l'agence"),
        ("Bùi  Thanh Sơn", "bui thanh son"),
    ],
)
def test_fold_makes_variants_equal(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (["commerciales", "commerciaux", "commercial", "commerciale"], True),
        (["échanges", "échange"], True),
        (["vertes", "verte", "vert"], True),
        (["engagées", "engagé", "engagée"], True),
        (["séquelles", "séquelle"], True),
        (["commerce", "commercial"], False),
        (["guerre", "guerrier"], False),
    ],
)
def test_stem_brings_inflections_together(words: list[str], same: bool) -> None:
    stems = {stem(fold(w)) for w in words}
    assert (len(stems) == 1) is same, stems


def test_stem_leaves_short_words_alone() -> None:
    assert stem("des") == "des"
    assert stem("mes") == "mes"


def test_tokens_carry_offsets_into_the_text() -> None:
    text = "Le secrétaire d’État Antony Blinken, à Washington."
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text
    assert [t.text for t in tokenize(text)][:5] == ["Le", "secrétaire", "d", "État", "Antony"]


def test_initial_joins_a_name_and_ends_no_sentence() -> None:
    tokens = tokenize("avec Daniel J. Kritenbrink hier")
    by_text = {t.text: t for t in tokens}
    assert by_text["J"].initial
    assert by_text["Kritenbrink"].joined
    assert not by_text["Kritenbrink"].sentence_start


def test_sentence_and_clause_starts() -> None:
    tokens = {t.text: t for t in tokenize("Il part. Abordant la paix : Photo (Rencontrant)")}
    assert tokens["Il"].sentence_start
    assert tokens["Abordant"].sentence_start
    assert tokens["Photo"].clause_start and not tokens["Photo"].sentence_start
    assert tokens["Rencontrant"].clause_start
    assert not tokens["la"].clause_start


def test_email_and_web_addresses_are_not_words() -> None:
    words = [t.text for t in tokenize("E-mail : Jean.Dupont@vnanet.vn ou www.Vietnam.vn, fin")]
    assert words == ["E-mail", "ou", "fin"]


def test_punctuation_breaks_a_join() -> None:
    tokens = {t.text: t for t in tokenize("Hanoï, Tô Lâm")}
    assert not tokens["Tô"].joined
    assert tokens["Lâm"].joined


@given(st.text(max_size=300))
def test_tokens_always_index_the_text(text: str) -> None:
    previous_end = 0
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text
        assert token.start >= previous_end
        previous_end = token.end


def test_sentence_starts_follow_the_shared_splitter() -> None:
    from dipreader.suggest.tokens import tokenize

    # "St." and "Dr." are abbreviations, as the reader splits sentences: Louis and Hale go on
    # the sentence.
    tokens = tokenize("Il a vu à St. Louis le Dr. Hale. Puis J. Biden est parti.")
    starts = [t.text for t in tokens if t.sentence_start]
    assert starts == ["Il", "Puis"]
