"""The user's vocabulary: once a person is tagged anywhere, every mention in any spelling
suggests that tag."""

from __future__ import annotations

from pathlib import Path

from dipreader.store.model import PERSON, THEME
from dipreader.suggest import Suggester
from dipreader.suggest.blocked import SpanSet
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


def _answers(index, text: str) -> tuple[object, ...]:
    """What an index says about a text and about every name key it holds."""
    from dipreader.suggest.tokens import tokenize

    tokens = tokenize(text)
    hits = [(h.tag.id, h.first, h.last) for h in index.hits(tokens, SpanSet([]))]
    keys = sorted(index._people_by_key)
    return (
        hits,
        [(key, getattr(index.person_for(key), "id", None)) for key in keys],
        [(k[-1], getattr(index.person_for_surname(k[-1]), "id", None)) for k in keys if k],
        [t.id for t in index.themes],
    )


def test_an_index_grown_tag_by_tag_answers_as_one_built_whole() -> None:
    import random

    from dipreader.suggest.lexicon import person_lexicon
    from dipreader.suggest.vocabulary import VocabularyIndex

    names_pool = [
        ("Tô Lâm", PERSON, ["To Lam"]),
        ("Lê Hoài Trung", PERSON, []),
        ("Hoài Trung", PERSON, []),  # the end of another's name
        ("Donald Trump", PERSON, ["Trump"]),
        ("Trump", "organisation", []),  # the same word as another's alias
        ("To Lam", PERSON, []),  # the same name as another's alias
        ("Nguyễn Phú Trọng", PERSON, []),
        ("commerce", THEME, ["trade"]),
        ("Hanoi", "place", ["Hà Nội"]),
        ("Phạm Minh Chính", PERSON, ["Chinh"]),
    ]
    text = (
        "À Hà Nội, Tô Lâm et To Lam, Lê Hoài Trung puis Hoài Trung, Donald Trump et Trump, "
        "Nguyen Phu Trong, Phạm Minh Chính (Chinh) ; le commerce, trade."
    )
    lexicon = person_lexicon()
    rng = random.Random(7)
    for _ in range(30):
        order = rng.sample(names_pool, len(names_pool))
        grown = VocabularyIndex((), lexicon)
        listed: list = []
        for name, kind, aliases in order:
            # The store lists tags in an order of its own (by name), not in the order they
            # were added: a new one may come anywhere, the others keep their order.
            listed.insert(rng.randrange(len(listed) + 1), tag(name, kind=kind, aliases=aliases))
            if rng.random() < 0.2:  # a tag renamed meanwhile: built again
                listed[0] = tag(listed[0].name + " Jr", kind=listed[0].kind)
            grown = grown.with_tags(list(listed))
            whole = VocabularyIndex(list(listed), lexicon)
            assert _answers(grown, text) == _answers(whole, text), [t.name for t in listed]


def test_a_new_tag_with_a_name_of_its_own_is_added_to_a_copy() -> None:
    from dipreader.suggest.lexicon import person_lexicon
    from dipreader.suggest.vocabulary import VocabularyIndex

    lam = tag("Tô Lâm")
    index = VocabularyIndex([lam], person_lexicon())
    trump = tag("Donald Trump")
    grown = index.with_tags([lam, trump])
    assert grown.tag(trump.id) == trump and index.tag(trump.id) is None  # the old one unchanged
    assert grown._people_by_key[("to", "lam")] is lam


def test_a_changed_vocabulary_suggests_as_a_fresh_suggester_would() -> None:
    """A person added keeps the compiled theme phrases; a theme tag (its name is a phrase)
    compiles them again: either way the suggestions are a fresh suggester's."""
    text = "Hier, To Lam a parlé de dioxine et de l'agent orange avec Joe Biden."
    lam, biden = tag("Tô Lâm"), tag("Joe Biden")
    dioxin = tag("dioxine", kind=THEME)
    suggester = suggester_with(lam)
    steps = [[lam, biden], [lam, biden, dioxin], [lam, dioxin], [lam]]
    for vocabulary in steps:
        updated = suggester.with_vocabulary(vocabulary)
        fresh = suggester_with(*vocabulary)
        assert updated.suggest(article_of(text)) == fresh.suggest(article_of(text))
        same_phrases = {t.id for t in vocabulary if t.kind == THEME} == {
            t.id for t in suggester._vocabulary_tags if t.kind == THEME
        }
        assert (updated._matcher is suggester._matcher) == same_phrases
        suggester = updated
