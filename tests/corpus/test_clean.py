from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dipreader.corpus import clean_article
from dipreader.corpus.clean import clean_body
from dipreader.corpus.rules import RULES_BY_ID, SPECIAL_REASONS
from dipreader.corpus.text import normalise_text


def clean(text: str):
    return clean_article(text, "article.txt")


def test_header_split_from_the_first_line() -> None:
    article = clean(" date 2026-02-21 Un titre court\n\nUn paragraphe du corps.")
    assert article.date is not None and article.date.iso() == "2026-02-21"
    assert article.title == "Un titre court"
    assert article.paragraphs == ("Un paragraphe du corps.",)


def test_header_alone_on_its_line() -> None:
    article = clean(" date 2024\nUn titre\n\nLe corps.")
    assert article.date is not None and article.date.precision == "year"
    assert article.title == "Un titre"


def test_invalid_dates_leave_the_article_undated_with_a_warning() -> None:
    for token in ("2024-13", "soon", "2023-02-30", "20245"):
        article = clean(f" date {token} Un titre\n\nLe corps.")
        assert article.date is None
        assert article.title == "Un titre"
        assert any(token in w for w in article.warnings), article.warnings


def test_photo_caption_and_credit_lines() -> None:
    text = (
        "Titre\n\nUne légende de photo.\nPhoto : Thanh Tuân/VNA/CVN\n\nLe corps reste.\n\n"
        "Photo: VNA\n\nUne vue de la rencontre. Photo : VNA\n\nFin du corps."
    )
    article = clean(text)
    assert article.paragraphs == ("Le corps reste.", "Fin du corps.")
    assert {d.rule for d in article.dropped} == {
        "photo-credit",
        "photo-credit-caption",
        "photo-caption",
    }


def test_a_photo_word_inside_a_sentence_is_kept() -> None:
    article = clean("Titre\n\nLa photo : un symbole fort, dit-il, du partenariat. Il a souri.")
    assert len(article.paragraphs) == 1


def test_sign_offs_become_the_agency() -> None:
    assert clean("Titre\n\nLe corps.\n\nVNA/CVN").agency == "VNA/CVN"
    article = clean("Titre\n\nLe corps se termine ici. – VNA")
    assert article.agency == "VNA"
    assert article.paragraphs == ("Le corps se termine ici.",)


def test_footer_and_navigation_lines() -> None:
    text = (
        "Titre\n\nCorps.\n\nRédactrice en chef : X\nAdresse : 1 rue Y\nPermis de publication : 1\n"
        "Tél : 123\nE-mail : a@b.c\nback to top"
    )
    article = clean(text)
    assert article.paragraphs == ("Corps.",)
    assert [d.rule for d in article.dropped] == ["publisher-footer"] * 5 + ["back-to-top"]


def test_escapes_and_control_characters_are_stripped() -> None:
    link = "\x1b]8;;http://x\x07lien\x1b]8;;\x07"
    text = f"Titre \x1b[31mrouge\x1b[0m\n\nCorps\x07 avec {link} \u202eabc."
    article = clean(text)
    assert article.title == "Titre rouge"
    assert article.paragraphs == ("Corps avec lien abc.",)


def test_text_is_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Titre\n\nTô Lâm et Nguyễn Phú Trọng.")
    article = clean(decomposed)
    assert article.paragraphs[0] == unicodedata.normalize("NFC", "Tô Lâm et Nguyễn Phú Trọng.")


def test_line_ends_and_blank_runs() -> None:
    crlf = clean("Titre\r\n\r\n\r\n\r\nUn.\r\n\r\nDeux.")
    cr = clean("Titre\r\rUn.\r\r\r\rDeux.")
    assert crlf.paragraphs == cr.paragraphs == ("Un.", "Deux.")
    assert crlf.id == cr.id == clean("Titre\n\nUn.\n\nDeux.").id


def test_markup_is_kept_as_text() -> None:
    article = clean("Titre [bold]x[/]\n\n[@click=app.quit]clic[/] et [link=http://x]l[/link].")
    assert article.title == "Titre [bold]x[/]"
    assert article.paragraphs == ("[@click=app.quit]clic[/] et [link=http://x]l[/link].",)


def test_an_empty_article_does_not_crash() -> None:
    article = clean("   \n\n")
    assert article.paragraphs == ()
    assert article.warnings


# --- fuzzing -----------------------------------------------------------------------------

_lines = st.one_of(
    st.text(max_size=80),
    st.sampled_from(
        [
            " date 2024-11 Titre",
            " date soon Titre",
            "Photo : VNA/CVN",
            "Une légende. Photo: VNA",
            ">> Lien connexe",
            "VNA/CVN",
            "Fin. – VNA",
            "Adresse : 79, rue",
            "back to top",
            "",
            "Washington (VNA) – Le corps.",
            "\x1b[1mgras\x1b[0m",
            "[bold]x[/]",
        ]
    ),
)
_documents = st.lists(_lines, max_size=30).map("\n".join)
_fuzz = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_fuzz
@given(_documents)
def test_fuzz_never_raises(text: str) -> None:
    article = clean(text)
    assert isinstance(article.title, str)
    assert all(p and p == p.strip() for p in article.paragraphs)


@_fuzz
@given(_documents)
def test_fuzz_cleaning_is_idempotent(text: str) -> None:
    body = clean_body(normalise_text(text))
    again = clean_body(normalise_text("\n\n".join(body.paragraphs)))
    assert again.paragraphs == body.paragraphs


@_fuzz
@given(_documents)
def test_fuzz_every_line_is_kept_or_dropped_by_a_named_rule(text: str) -> None:
    article = clean(text)
    kept = {p for p in (*article.paragraphs, article.title, article.kicker) if p}
    known_rules = set(RULES_BY_ID) | set(SPECIAL_REASONS)
    assert all(d.rule in known_rules for d in article.dropped)
    partial_rules = ("date-header", "agency-sign-off-inline")
    trimmed = {d.line_no for d in article.dropped if d.rule in partial_rules}
    lines = normalise_text(text, keep_leading_blank_lines=True).split("\n")
    dropped_whole = {d.line_no for d in article.dropped if d.text == lines[d.line_no - 1]}
    for number, line in enumerate(lines, start=1):
        if not line or line in kept:
            continue
        if number in trimmed and any(k in line for k in kept):
            continue
        assert number in dropped_whole or number in trimmed, (number, line, article)


def test_a_derived_title_runs_over_titles_and_initials() -> None:
    raw = (
        "Hanoï (VNA) – M. Trần Quốc Bảo et Mme Lê Thu ont reçu J. Doe et le Dr Hale. "
        "Ils ont parlé du commerce.\n\nDeuxième paragraphe."
    )
    article = clean_article(raw, "x.txt")
    assert article.title_derived
    assert article.title == "M. Trần Quốc Bảo et Mme Lê Thu ont reçu J. Doe et le Dr Hale"
