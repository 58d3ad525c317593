from __future__ import annotations

import pytest

from dipreader.store.names import (
    LIKELY_DUPLICATE,
    clean_name,
    fold_name,
    name_similarity,
    normalize_kind,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Nguyễn Phú Trọng", "Nguyên Phu Trong"),
        ("Nguyễn Phú Trọng", "nguyen phu-trong"),
        ("Đà Nẵng", "Da Nang"),
        ("Tô Lâm", "TO  LAM"),
        ("États-Unis", "etats unis"),
        ("Œuvre", "oeuvre"),
        ("multilateral (UN, ASEAN)", "Multilateral UN ASEAN"),
    ],
)
def test_spellings_fold_to_the_same_key(a: str, b: str) -> None:
    assert fold_name(a) == fold_name(b)


def test_different_names_fold_apart() -> None:
    assert fold_name("Tô Lâm") != fold_name("Tô Lân")
    assert fold_name("Phạm Minh Chính") != fold_name("Phạm Bình Minh")


def test_fold_has_no_marks_spaces_or_punctuation() -> None:
    assert fold_name("  Võ Văn Thưởng, Jr. ") == "vovanthuongjr"


def test_similarity_scores() -> None:
    assert name_similarity("Nguyễn Phú Trọng", "Nguyen Phu Trong") == 1.0
    assert name_similarity("Trọng Nguyễn Phú", "Nguyen Phu Trong") >= 0.95
    assert name_similarity("Phú Trọng", "Nguyễn Phú Trọng") >= LIKELY_DUPLICATE
    assert name_similarity("Antony Blinken", "Anthony Blinken") >= LIKELY_DUPLICATE
    assert name_similarity("Lâm", "Lân") < LIKELY_DUPLICATE
    assert name_similarity("Joe Biden", "Donald Trump") < LIKELY_DUPLICATE
    assert name_similarity("", "Trump") == 0.0


def test_clean_name_keeps_the_spelling_and_refuses_non_names() -> None:
    assert clean_name("  Nguyễn Phú Trọng ") == "Nguyễn Phú Trọng"
    for bad in ("", "   ", "!!!", "Tô\nLâm", "x\x1b[31m", "a" * 201):
        with pytest.raises(ValueError):
            clean_name(bad)


def test_normalize_kind() -> None:
    assert normalize_kind(" Place ") == "place"
    assert normalize_kind("organisation") == "organisation"
    for bad in ("", "two words", "1st", "a:b", "_x"):
        with pytest.raises(ValueError):
            normalize_kind(bad)
