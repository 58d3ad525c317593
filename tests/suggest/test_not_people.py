"""Places, organisations, companies, brands, restaurants, ships, programmes and platforms are
never people; one person is one suggestion however the article writes the name. Invented
sentences, each aimed at one rule: a sentence fails if its rule breaks."""

from __future__ import annotations

import pytest

from dipreader.suggest import Suggester
from tests.suggest.helpers import article_of, names


def people(suggester: Suggester, text: str) -> list[str]:
    return sorted(names(suggester.suggest(article_of(text))))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the gazetteer: provinces, cities, districts, airports, ports, battlefields, media,
        # with and without diacritics, as whole names only
        ("Les pluies ont touché Quảng Trị et Quang Binh, selon Mme Lê Thị Hoa.", ["Lê Thị Hoa"]),
        ("Le vol a quitté Tan Son Nhat pour Noi Bai avec Trần Văn Nam à bord.", ["Trần Văn Nam"]),
        ("Vers Thừa Thiên-Huế et Thua Thien Hue, partit Đỗ Minh Tâm.", ["Đỗ Minh Tâm"]),
        ("Près de Khe Sanh et de Hoàn Kiếm, Phạm Văn An a témoigné.", ["Phạm Văn An"]),
        ("« Une bonne nouvelle », titre Tuổi Trẻ, qui cite Ngô Bảo Châu.", ["Ngô Bảo Châu"]),
        ("Il venait du sommet de New Delhi avec Joe Biden.", ["Joe Biden"]),
        # a province's name inside a person's name is still a person
        ("Selon Nguyễn Thái Bình, la province de Thái Bình exporte.", ["Nguyễn Thái Bình"]),
        # a place word before the name, directly or after "de" and adjectives
        ("Ils ont visité la province côtière de Hưng Lộc avec Vũ Thị Mai.", ["Vũ Thị Mai"]),
        ("Le colis part de l'aéroport international de Long Hải.", []),
        ("Les fouilles ont repris dans la commune de Tân Phước Hòa.", []),
        ("Le cargo a accosté au port de Vĩnh Tân, puis au terminal de Hòa Lợi.", []),
        ("La pollution de l'ancienne base aérienne de Phước Tuy inquiète.", []),
        ("Les usines des zones industrielles de Đông Sơn tournent.", []),
        # a list a place word announced: every name in it
        ("Les provinces de Phước Hải, Tân Lạc et Bình Sơn ont été touchées.", []),
        ("Le port de Cái Lân - Hòa Phong est saturé.", []),
        ("Des groupes comme Intel, Amkor ou Hana Micron y investissent.", []),
        # examples of a plural noun, after a comma and a complement too
        ("Les géants chinois du secteur, comme Hưng Long et Phú An, exportent.", []),
        ("Les fabricants du produit, dont Monrose et Hale Chemical, sont visés.", []),
        # an apposition saying what the name is
        ("À Tân Hòa Đông, un quartier voisin, Lê Thị Hoa témoigne.", ["Lê Thị Hoa"]),
        ("Selon Nguyễn Văn An, un ancien combattant, rien n'a changé.", ["Nguyễn Văn An"]),
        # but a comma after a thing sets off an apposition unless the list goes on
        ("Le président de l'association Hưng Phát, Nguyễn Văn An, a parlé.", ["Nguyễn Văn An"]),
        # a thing word right before the name: company, brand, restaurant, ship, programme
        ("Le dîner a eu lieu au restaurant Bà Tư, tenu par Mme Lý Thu.", ["Lý Thu"]),
        (
            "La directrice de la société Hưng Thịnh Phát, Mme Lan Anh Trần, a parlé.",
            ["Lan Anh Trần"],
        ),
        ("Le sidérurgiste Minh Quang et le constructeur Đại Phát ont signé.", []),
        ("Des marques comme Tommy Hilfiger, Hugo Boss ou Michael Kors produisent ici.", []),
        ("Le méthanier Pacific Rose est arrivé avec le capitaine Alan Reed.", ["Alan Reed"]),
        ("Le porte-avions USS Carl Vinson a jeté l'ancre.", []),
        (
            "Ancien boursier du programme Fulbright Vietnam, Lê Quang Huy enseigne.",
            ["Lê Quang Huy"],
        ),
        # but a rank, an owner, a person's verb are no thing word's
        ("Le capitaine de frégate Nguyễn Văn Tâm commande.", ["Nguyễn Văn Tâm"]),
        ("Le restaurant de Nguyễn Văn Hòa a fermé.", ["Nguyễn Văn Hòa"]),
        ("Le groupe dirigé par Nguyễn Văn Tâm a signé.", ["Nguyễn Văn Tâm"]),
        ("Le bateau transportant Nguyễn Văn Tâm est arrivé.", ["Nguyễn Văn Tâm"]),
        ("L'usine de Nguyễn Văn Tâm a rouvert.", ["Nguyễn Văn Tâm"]),
        ("Le prix Nobel Muhammad Yunus est venu.", ["Muhammad Yunus"]),
        # a title right before a name that is also a place's: the person
        ("Le colonel Hà Giang a reçu la délégation.", ["Hà Giang"]),
        # an English organisation's or place's last word makes the run an organisation, even
        # after a title; a name after it is a name again
        ("La directrice de la Defense Logistics Agency, Jane Doe, est venue.", ["Jane Doe"]),
        ("La directrice adjointe de la Mekong Recovery Agency Ann Lee a parlé.", ["Ann Lee"]),
        ("L'organisation Asia Rights Watch et Hưng Phát Logistics ont réagi.", []),
        ("La société texane Bluebonnet Wind et Carrow Hill Capital investissent.", []),
        ("La diaspora de Fairfax County et de Garden Grove City manifeste.", []),
        ("Le vice-PDG de Saigon Ocean Airlines, M. Paul Tran, a signé.", ["Paul Tran"]),
        ("La vice-présidente de Boeing Asia, Mme Sarah Cho, a parlé.", ["Sarah Cho"]),
        ("Le directeur de Verhoeven Offshore, Piet Claes, a signé.", ["Piet Claes"]),
        # a title's organisation after "de": "le vice-président de l'Exim" is no person Exim
        ("Le vice-président de l'Eximco, Ray Oakes, est venu.", ["Ray Oakes"]),
        ("Le patron de Vinacorp a parlé au président Biden.", ["Biden"]),
        # "Maître", the lawyer's title, is no part of the name
        ("Pour son avocat, Maître Trịnh Văn Bảo, le dossier est vide.", ["Trịnh Văn Bảo"]),
        # a surname that is a tail elsewhere is a name at the start of a run
        (
            "La présidente sud-coréenne Park Geun-hye a reçu Samantha Power.",
            ["Park Geun-hye", "Samantha Power"],
        ),
        # social networks and platforms are never people nor part of a name
        (
            "Le patron de Facebook Mark Zuckerberg a vu le PDG de TikTok Shou Chew.",
            ["Mark Zuckerberg", "Shou Chew"],
        ),
        ("Mme Vân Anh a publié sur LinkedIn, Zalo, YouTube et X.", ["Vân Anh"]),
        # the other words of a ministry's name are not the minister's
        (
            "Le vice-ministre de l'Éducation et de la Formation Trần Đức Thắng a parlé.",
            ["Trần Đức Thắng"],
        ),
        # a Vietnamese syllable with marks is no French organisation word: "Lạc" is not "lac"
        ("Selon Đặng Lạc Long, le Lac Léman est loin.", ["Đặng Lạc Long"]),
        # English company tails: consultants, consulting, associates
        ("Le cabinet australien Brennan Consultants et Orrin Associates ont audité.", []),
        ("Le contrat revient à Marlow Consulting, selon Mme Trương Thị Ngọc.", ["Trương Thị Ngọc"]),
        # an organisation named after people, "&" or "et" between their names
        ("La Fondation Sam & Alice Whitmore finance des bourses.", []),
        ("L'Institut Paul et Hélène Marchand a ouvert à Huế.", []),
        # … but after a place's name, "et" joins a person again
        ("L'Université de Vinh et Nguyễn Văn Tiến ont signé.", ["Nguyễn Văn Tiến"]),
        # institution words, singular and plural, before a name
        ("Les blessés ont rejoint les hôpitaux Hòa Bình et Tân Lộc.", []),
        ("Des moines des pagodes Phước Hải et Long Khánh sont venus.", []),
        ("La clinique Minh Tâm et les gares Giáp Bát et Gia Lâm sont ouvertes.", []),
        # military units and ordinals
        ("La Troisième Flotte a rejoint la Onzième Division près de Guam.", []),
        # an apposition placing a name says it is a place; not for a titled person
        ("L'usine s'installe à Tân Uyên, dans la province de Bình Dương.", []),
        ("Le port de pêche se trouve à Cửa Việt, au nord de Đông Hà.", []),
        ("Ils ont visité Mường Lát, chef-lieu de district isolé.", []),
        (
            "Le député Hoàng Văn Lực, dans la province de Sơn La, a voté.",
            ["Hoàng Văn Lực"],
        ),
        # honorifics are titles: stripped from the name; alone, no person
        (
            "Le Très Vénérable Thích Quảng Tâm a reçu Mgr Giuse Nguyễn Văn Khiêm. "
            "Le Très Vénérable a remercié Monseigneur Khiêm.",
            ["Thích Quảng Tâm", "Giuse Nguyễn Văn Khiêm"],
        ),
        (
            "Le Père Antoine Lefèvre et Sœur Marie Duval ont prié.",
            ["Antoine Lefèvre", "Marie Duval"],
        ),
        ("La cérémonie a été présidée par Hòa thượng Thích Thanh Từ.", ["Thích Thanh Từ"]),
    ],
)
def test_things_are_not_people(suggester: Suggester, text: str, expected: list[str]) -> None:
    assert people(suggester, text) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    [
        # middle names, initials, surname alone, after the full name
        "L'ambassadeur Marc Evans Knapper est arrivé. Selon Marc Knapper, tout va bien. "
        "M. Knapper a salué ses hôtes. Marc E. Knapper a conclu. Knapper est reparti.",
        # before the full name, too
        "Selon Marc Knapper, tout va bien. L'ambassadeur Marc Evans Knapper est arrivé.",
        # diacritics
        "Le colonel Lê Văn Phúc a reçu la délégation. Plus tard, Le Van Phuc a parlé, "
        "puis M. Phúc a conclu.",
    ],
)
def test_one_suggestion_per_person(suggester: Suggester, text: str) -> None:
    assert len(names(suggester.suggest(article_of(text)))) == 1


def test_two_people_sharing_first_and_last_names_with_other_middle_names(
    suggester: Suggester,
) -> None:
    # "Jane Ann Doe" and "Jane Beth Doe": a middle name differs, so two people.
    text = "La sénatrice Jane Ann Doe et la juge Jane Beth Doe sont sœurs."
    assert people(suggester, text) == ["Jane Ann Doe", "Jane Beth Doe"]
