"""Each seed's cleaned form, checked by hand against the source, asserted exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from dipreader.corpus import clean_article, load_corpus
from tests.conftest import SEEDS

EXPECTED = Path(__file__).parent / "expected"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def expected_for(seed: Path) -> dict[str, object]:
    return parse_expected((EXPECTED / seed.name).read_text(encoding="utf-8"))


def parse_expected(text: str) -> dict[str, object]:
    """A hand-checked cleaned form: `field: value` lines, `---`, paragraphs between blanks."""
    header, _, body = text.partition("\n---\n")
    fields = dict(
        line.split(": ", 1) if ": " in line else (line[:-1], "") for line in header.split("\n")
    )
    return {
        "title": fields["title"],
        "title_derived": fields["title_derived"] == "true",
        "kicker": fields["kicker"] or None,
        "date": fields["date"] or None,
        "agency": fields["agency"] or None,
        "paragraphs": tuple(body.rstrip("\n").split("\n\n")),
    }


def test_every_seed_has_an_expected_output() -> None:
    assert len(SEED_FILES) == 5
    assert sorted(p.name for p in EXPECTED.iterdir()) == [p.name for p in SEED_FILES]


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_seed_cleans_to_its_hand_checked_form(seed: Path) -> None:
    assert cleaned_form(seed) == expected_for(seed)


def cleaned_form(raw: Path) -> dict[str, object]:
    """The file cleaned, in the fields a hand-checked `.expected` form holds."""
    article = clean_article(raw.read_text(encoding="utf-8"), raw)
    return {
        "title": article.title,
        "title_derived": article.title_derived,
        "kicker": article.kicker,
        "date": article.date.iso() if article.date else None,
        "agency": article.agency,
        "paragraphs": article.paragraphs,
    }


def test_seed_quirks() -> None:
    by_name = {a.source.name: a for a in load_corpus(SEEDS).articles}
    caption_first = by_name["000_a11d0ef0997eda5b.txt"]
    assert caption_first.title_derived
    assert caption_first.date is not None and caption_first.date_precision == "month"
    assert not any("Photo" in p for p in caption_first.paragraphs)

    kicker = by_name["001_acbf850183a4d512.txt"]
    assert kicker.kicker == "Conseil de la paix sur Gaza"
    assert kicker.title.startswith("Vietnam - États-Unis : le SG Tô Lâm")
    assert kicker.date_precision == "day"

    undated = by_name["002_a5c808be4d17b703.txt"]
    assert undated.date is None
    assert undated.agency == "VNA/CVN"
    text = undated.text
    for boilerplate in ("Gillibrand", "Thanh Tuân", "Nguyễn Hồng Nga", "back to top", "@"):
        assert boilerplate not in text

    dateline = by_name["004_5a8597a87f5ef843.txt"]
    assert dateline.title_derived
    assert dateline.lead.startswith("Washington (VNA) – ")
    assert dateline.agency == "VNA"
    assert dateline.paragraphs[-1].endswith("diplomatie populaire.")


def test_lead_and_words_follow_the_paragraphs() -> None:
    for article in load_corpus(SEEDS).articles:
        assert article.lead == article.paragraphs[0]
        assert article.words == len(article.text.split())


def test_newest_first_undated_last() -> None:
    dates = [a.date.iso() if a.date else None for a in load_corpus(SEEDS).articles]
    assert dates == ["2026-02-21", "2024-12", "2024-11", "2023-07", None]


def test_seed_ids_never_change() -> None:
    """Annotations are keyed by these ids: a change to normalisation that moves them would
    orphan every user's annotations. Change them only with a migration."""
    ids = {a.source.name[:3]: a.id for a in load_corpus(SEEDS).articles}
    assert ids == {
        "000": "0f98363752d242e3",
        "001": "c69367fe4e06042e",
        "002": "f7b640336f895577",
        "003": "db209d44f20b79fb",
        "004": "a36d10aa257ec83a",
    }
