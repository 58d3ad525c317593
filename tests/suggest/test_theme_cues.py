"""The built-in theme cues on invented sentences: cues with digits, cue words in another sense
(`not_cues`), institutions' names, and the cues the layout fixtures showed were missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from dipreader.store.model import THEME
from dipreader.suggest import Suggester, load_themes
from dipreader.suggest.lexicon import Theme
from tests.suggest.helpers import article_of, names


def themes(suggester: Suggester, text: str) -> list[str]:
    return sorted(names(suggester.suggest(article_of(text)), THEME))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # cues keep their digits and match whole tokens: no "G20" in a lone "G"
        ("Le sommet du G20 s'ouvre à Rio.", ["high-level diplomacy", "multilateral (UN, ASEAN)"]),
        ("Les pays du G7 se concertent.", ["multilateral (UN, ASEAN)"]),
        ("Le plan G et le groupe G77 se réunissent.", []),
        ("Hanoï a présenté son plan à la COP28 de Dubaï.", ["climate & energy"]),
        # "commercial" and "économique" in another sense are no trade …
        ("Hanoï privilégie les dons plutôt que les crédits commerciaux.", []),
        ("Un navire chinois est entré dans sa zone économique exclusive.", []),
        ("Un vol commercial a atterri près du centre commercial.", []),
        # … but still are trade in theirs
        ("Les relations économiques, commerciales et d'investissement.", ["trade & economy"]),
        ("Le Vietnam est un partenaire commercial de premier plan.", ["trade & economy"]),
        # a ministry's or an agency's name is not the article's subject
        (
            "Le forum organisé par le ministère de l'Industrie et du Commerce porte sur l'éolien.",
            [],
        ),
        ("L'Agence américaine pour le commerce et le développement (USTDA) finance l'étude.", []),
        (
            "Le ministère vietnamien des Affaires étrangères et le commerce bilatéral.",
            ["trade & economy"],
        ),
        # investors of a project are no trade story; foreign investors are
        ("Les règles doivent rassurer les investisseurs.", []),
        ("Les investisseurs étrangers affluent.", ["trade & economy"]),
        # health, people-to-people and high-level visits seen in real copy
        ("À l'hôpital, une équipe médicale suit les malformations.", ["health"]),
        (
            "Les marins ont disputé un match de football et mené des activités communautaires.",
            ["people-to-people exchanges"],
        ),
        (
            "Les agences de conseil en études à l'étranger constatent un recul.",
            ["people-to-people exchanges"],
        ),
        ("Le sénateur conduit une délégation du Congrès à Hanoï.", ["high-level diplomacy"]),
        (
            "Ces gestes renforcent la confiance entre les deux peuples.",
            ["people-to-people exchanges"],
        ),
        # a place or a profession is no theme: shrimp farmers of the delta, alumni doctors
        ("Les éleveurs du delta du Mékong redoutent les taxes.", []),
        ("Parmi les anciens boursiers figurent des recteurs et des médecins.", []),
        ("L'intrusion saline menace les rizières.", ["climate & energy"]),
        # an institution's capitalised name mid-sentence is no subject: a professor's
        # university, a signatory's military command, a research institute
        ("Selon Ruth Adler, professeure à l'Université de Leeds, le projet avance.", []),
        ("Le Commandement de la défense côtière et de l'armée de terre a signé l'accord.", []),
        ("L'accord est signé avec l'Institut des sciences et technologies de Đà Lạt.", []),
        # … up to its name's end: the words after "et les" are the sentence's
        (
            "Des chercheurs de l'Université de Leeds et les étudiants vietnamiens.",
            ["education", "people-to-people exchanges"],
        ),
        # a person's description after the name is the person's, not the article's
        ("Mark Lowe, Vietnamien d'outre-mer revenu du Canada, a créé une start-up.", []),
        ("Les Vietnamiens d'outre-mer ont afflué.", ["people-to-people exchanges"]),
        # a peacekeepers' field hospital is no health story; a hospital is
        ("Le médecin dirige l'hôpital de campagne des Casques bleus au Mali.", []),
        ("L'hôpital de la province manque de lits.", ["health"]),
        # a band's concert, "de concert": no people-to-people; a friendship concert is
        ("La fanfare donnera un concert sur le port, de concert avec la mairie.", []),
        ("Un concert de l'amitié a réuni les deux pays.", ["people-to-people exchanges"]),
    ],
)
def test_built_in_cues(suggester: Suggester, text: str, expected: list[str]) -> None:
    assert themes(suggester, text) == expected


def test_not_cues_mask_only_their_own_theme() -> None:
    trade = Theme("trade", (), ("commercial",), ("crédits commerciaux",))
    money = Theme("finance", (), ("crédits commerciaux",))
    suggester = Suggester(themes=[trade, money])
    assert themes(suggester, "Des crédits commerciaux.") == ["finance"]
    assert themes(suggester, "Un accord commercial et des crédits commerciaux.") == [
        "finance",
        "trade",
    ]


def test_a_user_file_adds_not_cues(tmp_path: Path) -> None:
    user = tmp_path / "themes.toml"
    user.write_text('[themes."trade & economy"]\nnot_cues = ["régime commercial"]\n', "utf-8")
    trade = next(t for t in load_themes(user) if t.name == "trade & economy")
    assert "régime commercial" in trade.not_cues
    assert "crédits commerciaux" in trade.not_cues  # the built-in ones stay
    suggester = Suggester(user_themes=user)
    assert themes(suggester, "Le régime commercial des zones franches.") == []
