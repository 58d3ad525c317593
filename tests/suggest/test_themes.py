"""Theme cue phrases: accent-, case- and inflection-insensitive, with the user's file on top of
the built-in lexicon."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dipreader.store.defaults import default_vocabulary
from dipreader.store.model import THEME
from dipreader.suggest import LexiconError, Suggester, load_themes
from dipreader.suggest.lexicon import Theme
from tests.suggest.helpers import article_of, names


def themes_in(text: str, themes: list[Theme]) -> dict[str, list[str]]:
    suggestions = Suggester(themes=themes).suggest(article_of(text))
    return {s.name: [e.text for e in s.evidence] for s in suggestions if s.kind == THEME}


TRADE = Theme("trade", (), ("échanges commerciaux", "droits de douane", "commerce"))
WAR = Theme("war legacy", (), ("séquelles de la guerre", "agent orange"))


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Les échanges commerciaux ont progressé.", "échanges commerciaux"),
        ("Un échange commercial équilibré.", "échange commercial"),
        ("Les ECHANGES COMMERCIAUX bilatéraux.", "ECHANGES COMMERCIAUX"),
        ("Les échanges commerciales bilatérales.", "échanges commerciales"),
        ("Des droits de douane élevés.", "droits de douane"),
        ("Le droit des douanes américain.", "droit des douanes"),
    ],
)
def test_inflections_accents_and_articles_do_not_matter(text: str, phrase: str) -> None:
    assert themes_in(text, [TRADE]) == {"trade": [phrase]}


def test_a_phrase_does_not_run_across_punctuation() -> None:
    assert themes_in("Les échanges, commerciaux ou non.", [WAR]) == {}
    assert themes_in("Les échanges. Commerciaux, ils sont.", [TRADE]) == {}


def test_every_matching_phrase_is_evidence_and_trigger() -> None:
    text = "Le commerce et les séquelles de la guerre, dont l'agent orange, puis le commerce."
    suggestions = Suggester(themes=[TRADE, WAR]).suggest(article_of(text))
    by_name = {s.name: s for s in suggestions}
    assert by_name["war legacy"].triggers == ("séquelles de la guerre", "agent orange")
    assert [e.text for e in by_name["trade"].evidence] == ["commerce", "commerce"]
    assert by_name["war legacy"].score > by_name["trade"].score
    article = article_of(text)
    for suggestion in suggestions:
        for span in suggestion.evidence:
            assert article.text[span.start : span.end] == span.text


def test_longest_phrase_wins_at_one_place() -> None:
    theme = Theme("climate", (), ("énergies", "énergies vertes"))
    assert themes_in("Les énergies vertes.", [theme]) == {"climate": ["énergies vertes"]}


def test_builtin_themes_cover_the_issue_examples(suggester: Suggester) -> None:
    text = (
        "Ils ont parlé de la balance commerciale, des munitions non explosées, des soldats "
        "disparus et de l'agent orange, ainsi que du changement climatique et des énergies "
        "vertes."
    )
    found = {s.name for s in suggester.suggest(article_of(text))}
    assert {"trade & economy", "war legacy", "climate & energy"} <= found


def test_builtin_lexicon_is_well_formed() -> None:
    themes = load_themes(Path("/nonexistent/themes.toml"))
    assert len({t.name for t in themes}) == len(themes) >= 10
    assert all(t.cues for t in themes)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_user_file_extends_replaces_disables_and_adds(tmp_path: Path) -> None:
    user = write(
        tmp_path / "themes.toml",
        """
        [themes.Trade]
        cues = ["tarifs réciproques"]
        aliases = ["échanges"]

        [themes."war legacy"]
        replace = true
        cues = ["dioxine"]

        [themes.health]
        disabled = true

        [themes."rare earths"]
        cues = ["terres rares"]
        """,
    )
    themes = {t.name: t for t in load_themes(user)}
    # "Trade" is an alias of the built-in "trade & economy": the user's phrases join it.
    assert "Trade" not in themes
    assert "tarifs réciproques" in themes["trade & economy"].cues
    assert "commerce" in themes["trade & economy"].cues
    assert "échanges" in themes["trade & economy"].aliases
    assert themes["war legacy"].cues == ("dioxine",)
    assert "health" not in themes
    assert themes["rare earths"].cues == ("terres rares",)
    text = "Les terres rares et les tarifs réciproques, la santé, l'agent orange."
    found = names(Suggester(user_themes=user).suggest(article_of(text)), THEME)
    assert sorted(found) == ["rare earths", "trade & economy"]


def test_user_file_at_the_default_location_is_read(private_config_dir: Path) -> None:
    write(private_config_dir / "themes.toml", '[themes.space]\ncues = ["lanceur spatial"]\n')
    assert "space" in {t.name for t in load_themes()}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[themes.trade\n", "not valid TOML"),
        ("trade = 1\n", "expected only [themes.NAME] tables"),
        ("[themes.trade]\ncues = 'commerce'\n", "must be a list of non-empty strings"),
        ("[themes.trade]\ncues = ['']\n", "must be a list of non-empty strings"),
        ("[themes.trade]\nkeywords = ['x']\n", "unknown key(s) keywords"),
        ("[themes.trade]\nreplace = 'yes'\n", "must be true or false"),
        ("[themes.new]\naliases = ['x']\n", "needs at least one phrase"),
    ],
)
def test_bad_user_file_says_what_is_wrong(tmp_path: Path, content: str, message: str) -> None:
    user = write(tmp_path / "themes.toml", content)
    with pytest.raises(LexiconError, match=re.escape(message)):
        load_themes(user)


def test_unreadable_user_file_is_an_error(tmp_path: Path) -> None:
    user = tmp_path / "themes.toml"
    user.write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(LexiconError, match="cannot read"):
        load_themes(user)


def test_every_default_theme_of_a_new_database_has_cue_phrases() -> None:
    vocabulary = default_vocabulary()
    lexicon = {t.name for t in load_themes(Path("/nonexistent/themes.toml"))}
    assert {t.name for t in vocabulary} <= lexicon
    suggester = Suggester(vocabulary, user_themes=Path("/nonexistent/themes.toml"))
    (found,) = suggester.suggest(article_of("La balance commerciale progresse."))
    trade = next(t for t in vocabulary if t.name == "trade & economy")
    assert (found.name, found.tag_id, found.source) == ("trade & economy", trade.id, "vocabulary")


def test_phrases_inside_a_person_s_title_are_not_the_article_s_theme(suggester: Suggester) -> None:
    title = "La sous-secrétaire adjointe à la Défense Sasha Baker a salué le partenariat."
    assert names(suggester.suggest(article_of(title)), THEME) == []
    topic = "Sasha Baker a évoqué la défense et l'envoyé pour le climat John Kerry."
    assert names(suggester.suggest(article_of(topic)), THEME) == ["defense & security"]


SUMMITS = Theme("multilateral", (), ("G20", "G7", "COP28"))


def test_cues_with_digits_match_whole_tokens_only() -> None:
    assert themes_in("Le G20 de Rio et la COP28 à Dubaï.", [SUMMITS]) == {
        "multilateral": ["G20", "COP28"]
    }
    # A lone letter, another number or a longer token is not the cue.
    assert themes_in("Le plan G, le G77 et le G200.", [SUMMITS]) == {}
