"""The furniture rules by kind, on invented pages: what goes, what stays, and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from dipreader.corpus import clean_article
from dipreader.corpus.dates import ranked_stated_dates
from dipreader.corpus.rules import rule_for

P1 = (
    "Les deux délégations ont examiné pendant trois heures le calendrier des prochaines "
    "réunions techniques sur la coopération portuaire."
)
P2 = (
    "Le ministre adjoint a rappelé que les échanges entre les deux pays avaient doublé en "
    "cinq ans, portés par l'électronique, le textile et les produits agricoles de la région."
)
P3 = "Une nouvelle rencontre est prévue à Đà Lạt au printemps, selon un communiqué commun."


def clean(text: str):
    return clean_article(text, Path("page.txt"))


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Par Jeanne MARTINOT (AFP)", "byline"),
        ("Par : Hugo Lestrade", "byline"),
        ("Le Quotidien avec AFP", "byline"),
        ("Avec notre correspondante à Bangkok, Irène Vasseur", "byline"),
        ("Auteur: Lan Phương", "staff-credit"),
        ("Texte : Minh An - Photo : Quốc Việt", "staff-credit"),
        ("Publié le 27 avril 2018 - 14:06", "date-line"),
        ("Publié le : 13/01/2026 - 10:42", "date-line"),
        ("Publié le 9 mars 2025 à 08h15, mis à jour le 9 mars 2025 à 09h30", "date-line"),
        ("Mercredi, 06 Décembre 2023 10:15", "date-line"),
        ("© AFP/Archives NGUYEN VAN AN", "image-credit"),
        ("— Trần Minh / AFP", "photographer-credit"),
        ("VNA/CV", "agency-sign-off"),
        ("© 2024 AFP", "copyright-sign-off"),
        ("ab/cde/fg", "desk-initials"),
        ("000_98ZQ4X.jpg", "agency-metadata"),
        ("urn:newsml:afp.com:20240418:0a1b2c3d:1", "agency-metadata"),
        ("2024-04-18T02:12:44Z", "agency-metadata"),
        ("Code : VNA-FR-0001 | Version : 3", "agency-metadata"),
        ("(Rédigé par Mai Lan, édité par Paul Hervé)", "credits-in-parentheses"),
        ("Lire aussi | Climat : Hanoï publie son plan", "read-more"),
        ("À lire aussi Réservé aux abonnés Pourquoi le port attire", "read-more"),
        ("Voir plus", "related-heading"),
        ("Sur le même sujet", "related-heading"),
        ("Mots-clés : port, commerce, Vietnam", "keywords"),
        ("#Vietnam #Commerce #Ports", "hashtags"),
        ("Accueil > Monde > Asie", "navigation"),
        ("Accueil | Monde | Économie | Sport", "navigation"),
        ("Monde Économie Sport Culture Planète Tech", "menu"),
        ("Partager Facebook Twitter Zalo Imprimer", "buttons"),
        ("Écouter cet article", "buttons"),
        ("00:00/04:12", "media-duration"),
        ("Lecture 3 min.", "reading-time"),
        ("Temps de Lecture 4 min.", "reading-time"),
        ("Le port vu du ciel ảnh 1Le port de Quy Nhơn. Photo: VNA", "image-label"),
        ("Des bateaux à quai. (Photo : NDO)", "photo-caption"),
        ("Des bateaux à quai, le 2 mai 2025. NGUYEN AN / AFP", "photo-caption-agency"),
        ("CAC 40 8 100,00 +0,38%   VN-INDEX 1 300,00 +1,20%", "market-quotes"),
    ],
)
def test_each_kind_of_furniture_is_recognised(line: str, rule: str) -> None:
    found = rule_for(line)
    assert found is not None and found.id == rule


@pytest.mark.parametrize(
    "line",
    [
        "Par ailleurs, les exportations de crevettes ont progressé de 9 % en un an.",
        "Par rapport à l'an dernier, le port a accueilli deux fois plus de navires.",
        "Publié le mois dernier, le rapport de la banque a été très commenté à Hanoï.",
        "Lire aussi entre les lignes du discours n'est pas nécessaire, a-t-il ironisé.",
        "Partager les risques avec les assureurs reste la priorité des armateurs du pays.",
        "Image de marque, financement et formation sont les trois piliers du projet.",
        "Sources diplomatiques et experts s'accordent sur l'importance de la visite.",
        "Les Vietnamiens Nguyễn Văn An, Trần Thị Bình et Lê Văn Cường ont signé l'accord.",
    ],
)
def test_a_sentence_that_starts_like_furniture_is_kept(line: str) -> None:
    assert rule_for(line) is None


def test_a_whole_page_is_framed_around_its_story() -> None:
    page = "\n".join(
        [
            "Le Quotidien du Port",
            "Monde Économie Sport Culture Planète Tech",
            "Se connecter",
            "Accueil > Monde > Asie",
            "Le Vietnam et son voisin relancent leur coopération portuaire",
            "Le Vietnam et son voisin relancent leur coopération portuaire",
            "Par Jeanne MARTINOT (AFP)",
            "Publié le 27 avril 2018 - 14:06",
            "Partager",
            "Facebook",
            "Des grues sur le quai, le 26 avril 2018.",
            "© AFP/Archives NGUYEN VAN AN",
            "000_98ZQ4X.jpg",
            P1,
            P2,
            "Publicité",
            P3 + " -VNA",
            "Mots-clés",
            "#Port #Vietnam",
            "Sur le même sujet",
            "Climat : la ville côtière se protège des typhons",
            "Un plan de 40 millions de dollars doit renforcer les digues de la ville.",
            "Commerce : les exportateurs de café inquiets",
            "© Le Quotidien du Port - Tous droits réservés",
        ]
    )
    article = clean(page)
    assert article.title == "Le Vietnam et son voisin relancent leur coopération portuaire"
    assert article.kicker is None  # a breadcrumb is navigation, not a kicker
    assert not article.title_derived
    assert article.paragraphs == (P1, P2, P3)
    assert article.agency == "VNA"
    assert article.date is not None and article.date.iso() == "2018-04-27"
    rules = {d.text: d.rule for d in article.dropped}
    assert rules["Le Quotidien du Port"] == "page-head"
    assert rules["Des grues sur le quai, le 26 avril 2018."] == "photo-credit-caption"
    assert rules["Un plan de 40 millions de dollars doit renforcer les digues de la ville."] == (
        "after-story"
    )


def test_a_kicker_is_the_short_line_above_the_headline() -> None:
    article = clean("Menu\n\nÉconomie\n\nLe port de Hải Phòng bat un record\n\n" + P1)
    assert (article.kicker, article.title) == ("Économie", "Le port de Hải Phòng bat un record")


def test_a_related_box_in_the_middle_does_not_end_the_story() -> None:
    page = "\n\n".join(
        ["Titre de l'article du jour", P1, "Sur le même sujet", "Un autre titre", P2, P3]
    )
    assert clean(page).paragraphs == (P1, P2, P3)


def test_the_story_goes_on_after_a_credit_line_in_the_middle() -> None:
    page = "\n\n".join(["Titre de l'article du jour", P1, "VNA", P2, P2.replace("cinq", "six")])
    assert clean(page).paragraphs == (P1, P2, P2.replace("cinq", "six"))


def test_credits_and_a_cut_sign_off_close_the_story() -> None:
    page = "\n".join(
        [
            "Titre de l'article du jour",
            P1,
            P2,
            "(Rédigé par Mai Lan, édité par Paul Hervé)",
            "VNA/CV",
        ]
    )
    article = clean(page)
    assert article.paragraphs == (P1, P2)
    assert article.agency == "VNA/CV"


def test_an_inline_wire_code_sign_off_is_the_agency() -> None:
    article = clean("Titre de l'article du jour\n\n" + P1 + "\n\n" + P2[:-1] + ".-NDEL/VNA")
    assert article.paragraphs == (P1, P2)
    assert article.agency == "NDEL/VNA"


def test_a_caption_goes_with_its_photographer_across_a_blank_line() -> None:
    page = "\n\n".join(
        ["Titre de l'article du jour", P1, "Des grues sur le quai.", "Trần Minh / AFP", P2]
    )
    assert clean(page).paragraphs == (P1, P2)


def test_an_image_label_takes_its_caption_and_a_credits_label_its_name() -> None:
    page = "\n\n".join(
        ["Titre de l'article du jour", P1, "Image", "Des grues sur le quai.", "Crédits",
         "Lan Hương / Le Journal", P2]
    )  # fmt: skip
    assert clean(page).paragraphs == (P1, P2)


def test_dates_follow_the_documented_order() -> None:
    metadata_only = clean("urn:newsml:afp.com:20240418:0a1b:1\n\nTitre de l'article\n\n" + P1)
    assert metadata_only.date.iso() == "2024-04-18"
    assert metadata_only.date_source == "agency metadata"

    page = "\n".join(
        [
            "Titre de l'article du jour",
            "Mis à jour le 20/04/2024 à 11:40",
            "urn:newsml:afp.com:20240417:0a1b:1",
            "Publié le 18/04/24 à 09:12",
            P1,
        ]
    )
    article = clean(page)
    assert article.date.iso() == "2024-04-18"  # the publication line, two-digit year
    ranked = ranked_stated_dates(article.dropped)
    assert [s.kind for s in ranked] == ["publication line", "update line", "agency metadata"]

    header = clean(" date 2024-05 " + page)
    assert header.date.iso() == "2024-05" and header.date_source == "header"


def test_a_wrapped_lead_is_not_taken_for_a_headline() -> None:
    page = "\n".join(
        [
            "Le port de Hải Phòng bat un record",
            "Les deux délégations ont examiné pendant trois heures le calendrier",
            "des prochaines réunions techniques sur la coopération portuaire.",
            P2,
        ]
    )
    article = clean(page)
    assert article.title == "Le port de Hải Phòng bat un record"
    assert article.paragraphs[0].startswith("Les deux délégations")
    assert len(article.paragraphs) == 3
