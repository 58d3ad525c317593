"""The user's vocabulary: once a person is tagged anywhere, every mention in any spelling
suggests that tag."""

from __future__ import annotations

from pathlib import Path

from dipreader.store.model import PERSON, THEME
from dipreader.suggest import Suggester
from tests.suggest.helpers import article_of, names, tag

NO_USER_THEMES = Path(__file__).parent / "no-such-themes.toml"


def suggester_with(*tags) -> Suggester:
    return Suggester(list(tags), user_themes=NO_USER_THEMES)


def test_accentless_mention_proposes_the_tag_with_its_spelling() -> None:
    trong = tag("Nguyễn Phú Trọng")
    (found,) = suggester_with(trong).suggest(article_of("Hier, Nguyen Phu Trong a parlé."))
    assert (found.name, found.tag_id, found.source) == ("Nguyễn Phú Trọng", trong.id, "vocabulary")
    assert found.evidence[0].text == "Nguyen Phu Trong"


def test_alias_proposes_its_tag() -> None:
    lam = tag("Tô Lâm", aliases=["SG Lam", "To Lam"])
    text = "Les entretiens de To Lam avec la presse."
    (found,) = suggester_with(lam).suggest(article_of(text))
    assert (found.name, found.tag_id) == ("Tô Lâm", lam.id)


def test_vocabulary_finds_names_the_rules_would_not_suggest() -> None:
    # A lone word with no title is not suggested by the rules, but the user tagged it.
    sukarno = tag("Sukarno")
    text = "Il a évoqué Sukarno et Suharto."
    assert names(suggester_with().suggest(article_of(text))) == []
    assert names(suggester_with(sukarno).suggest(article_of(text))) == ["Sukarno"]


def test_rule_name_with_initial_matches_the_tag() -> None:
    kritenbrink = tag("Daniel Kritenbrink")
    text = "Le secrétaire adjoint Daniel J. Kritenbrink a parlé."
    (found,) = suggester_with(kritenbrink).suggest(article_of(text))
    assert found.tag_id == kritenbrink.id
    assert found.evidence[0].text == "Daniel J. Kritenbrink"


def test_surname_alone_proposes_the_only_person_with_that_surname() -> None:
    trump = tag("Donald Trump")
    (found,) = suggester_with(trump).suggest(article_of("Selon la presse, Trump a parlé."))
    assert found.tag_id == trump.id
    assert found.score < 0.9
    two = suggester_with(trump, tag("Melania Trump"))
    assert names(two.suggest(article_of("Selon la presse, Trump a parlé."))) == []


def test_one_word_alias_is_not_the_french_article() -> None:
    le = tag("Lê Văn Lương", aliases=["Lê"])
    text = "Le rapport cite Lê. Le Vietnam progresse."
    (found,) = suggester_with(le).suggest(article_of(text))
    assert [e.text for e in found.evidence] == ["Lê"]


def test_vocabulary_person_in_a_photo_credit_is_not_suggested() -> None:
    tuan = tag("Thanh Tuân")
    assert names(suggester_with(tuan).suggest(article_of("Photo : Thanh Tuân/VNA"))) == []


def test_theme_tag_with_a_lexicon_name_receives_the_theme() -> None:
    trade = tag("Commerce", kind=THEME)  # an alias of the built-in "trade"
    found = suggester_with(trade).suggest(article_of("La balance commerciale progresse."))
    assert [(s.kind, s.name, s.tag_id) for s in found] == [(THEME, "Commerce", trade.id)]


def test_theme_tag_names_are_cue_phrases_themselves() -> None:
    rare = tag("terres rares", kind=THEME, aliases=["minerais critiques"])
    (found,) = suggester_with(rare).suggest(article_of("Les minerais critiques du pays."))
    assert (found.name, found.tag_id, found.source) == ("terres rares", rare.id, "vocabulary")
    assert found.evidence[0].text == "minerais critiques"


def test_other_kinds_are_found_by_name_and_alias() -> None:
    hanoi = tag("Hà Nội", kind="place", aliases=["Hanoi"])
    (found,) = suggester_with(hanoi).suggest(article_of("Réunion à Hanoï, puis à Hà Nội."))
    assert (found.kind, found.tag_id) == ("place", hanoi.id)
    assert [e.text for e in found.evidence] == ["Hanoï", "Hà Nội"]


def test_applied_tags_are_not_suggested_again() -> None:
    lam = tag("Tô Lâm")
    text = "Le secrétaire général Tô Lâm et le président Joe Biden."
    suggester = suggester_with(lam)
    assert names(suggester.suggest(article_of(text), applied={lam.id})) == ["Joe Biden"]


def test_rejected_suggestion_is_not_shown_in_any_spelling() -> None:
    lam = tag("Tô Lâm", kind=PERSON)
    text = "Le secrétaire général To Lam et le président Joe Biden."
    suggester = suggester_with(lam)
    first = suggester.suggest(article_of(text))
    key = next(s.key for s in first if s.name == "Tô Lâm")
    assert names(suggester.suggest(article_of(text), rejected={key})) == ["Joe Biden"]
    # Rejected before the tag existed, under the spelling of the text: still hidden.
    cold = suggester_with()
    key = next(s.key for s in cold.suggest(article_of(text)) if s.name == "To Lam")
    assert names(suggester.suggest(article_of(text), rejected={key})) == ["Joe Biden"]


def test_name_damaged_by_a_wrong_encoding_proposes_the_tag() -> None:
    trong = tag("Nguyễn Phú Trọng")
    (found,) = suggester_with(trong).suggest(article_of("Hier, Nguy?n Phú Tr?ng a parlé."))
    assert (found.name, found.tag_id) == ("Nguyễn Phú Trọng", trong.id)


def test_with_vocabulary_keeps_the_themes_read_from_the_user_file(tmp_path: Path) -> None:
    user = tmp_path / "themes.toml"
    user.write_text('[themes.space]\ncues = ["lanceur spatial"]\n', encoding="utf-8")
    suggester = Suggester(user_themes=user)
    user.unlink()  # a rebuild must not read the file again
    lam = tag("Tô Lâm")
    updated = suggester.with_vocabulary([lam])
    found = updated.suggest(article_of("Hier, To Lam a vu un lanceur spatial."))
    assert [(s.name, s.tag_id) for s in found] == [("Tô Lâm", lam.id), ("space", None)]
    with_recogniser = updated.with_entities(lambda text: [])
    assert [s.name for s in with_recogniser.suggest(article_of("Hier, To Lam a parlé."))] == [
        "Tô Lâm"
    ]
