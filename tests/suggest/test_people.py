"""The person rules on hand-written French sentences, beyond the sample corpus."""

from __future__ import annotations

import pytest

from dipreader.suggest import Suggester
from tests.suggest.helpers import article_of, names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le ministre des Affaires étrangères Bùi Thanh Sơn a reçu l'ambassadeur Marc "
            "Knapper à Hanoï.",
            ["Bùi Thanh Sơn", "Marc Knapper"],
        ),
        (
            "La sénatrice Tammy Duckworth a rencontré le vice-Premier ministre Trần Lưu Quang.",
            ["Tammy Duckworth", "Trần Lưu Quang"],
        ),
        ("Selon Kamala Harris, les relations progressent.", ["Kamala Harris"]),
        ("Rencontrant Joe Biden, Tô Lâm a salué les progrès.", ["Joe Biden", "Tô Lâm"]),
        ("Le général Charles de Gaulle est cité.", ["Charles de Gaulle"]),
        ("Il a cité Ludwig van Beethoven hier.", ["Ludwig van Beethoven"]),
        ("Le Hoai Trung a rencontré des responsables américains.", ["Le Hoai Trung"]),
        (
            "Il a vu Mme Samantha Power et le Premier ministre Phạm Minh Chính.",
            ["Samantha Power", "Phạm Minh Chính"],
        ),
        (
            "Le président Hô Chi Minh est né bien avant Hô Chi Minh-Ville.",
            ["Hô Chi Minh"],
        ),
        (
            "Washington (VNA) – La vice-présidente Võ Thị Ánh Xuân a accueilli John Kerry.",
            ["Võ Thị Ánh Xuân", "John Kerry"],
        ),
        (
            "Lors de la visite, Kurt Campbell et Daniel Kritenbrink ont vu Lê Hoài Trung.",
            ["Kurt Campbell", "Daniel Kritenbrink", "Lê Hoài Trung"],
        ),
        ("La Secrétaire au Trésor Janet Yellen est arrivée.", ["Janet Yellen"]),
        (
            "La Première Dame Jill Biden et Madame Phan Thị Thanh Tâm.",
            ["Jill Biden", "Phan Thị Thanh Tâm"],
        ),
        (
            "Le secrétaire d’État adjoint aux affaires de l’Asie de l’Est et du Pacifique "
            "Daniel J. Kritenbrink était présent.",
            ["Daniel J. Kritenbrink"],
        ),
        # after an organisation word ending a title, the name is the title holder's
        (
            "Il est venu à l'invitation du secrétaire général du Parti Lưu Văn Hòa.",
            ["Lưu Văn Hòa"],
        ),
        (
            "La présidente de la Commission Greta von Aalst a parlé.",
            ["Greta von Aalst"],
        ),
    ],
)
def test_people_in_sentences(suggester: Suggester, text: str, expected: list[str]) -> None:
    assert sorted(names(suggester.suggest(article_of(text)))) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    [
        "Photo : Thanh Tuân/VNA",
        "Une rencontre des deux délégations. Photo: Ngọc Hà/VNA",
        "Rédactrice en chef : Nguyễn Hồng Nga",
        "Directeur de la publication : Lê Quốc Minh",
        "Par Nguyễn Văn Bình",
        "Adresse : 79, rue Ly Thuong Kiêt, Hanoï, Vietnam",
        "Le bureau est au 12 rue Trang Tien, près de la place Ba Dinh.",
        ">> Le président de l’AN, Vuong Dinh Huê, reçoit la sénatrice Kirsten Gillibrand",
        "Abordant les questions économiques, il a souligné le rôle de l'État.",
        "Vue de la séance. Interrogé par la presse, il a répondu.",
        "Les États-Unis et le Vietnam, à la Maison-Blanche, avec l'ONU et l'ASEAN, à Washington.",
        "Le Parti communiste du Vietnam et le Comité Central saluent le Fonds Monétaire "
        "International et la Banque Mondiale.",
        "À Hô Chi Minh-Ville et à Da Nang, puis en Nouvelle-Zélande et en Mer Orientale.",
        "Contact : Redaction.Courrier@lecourrier.vn",
        "E-mail : courrier@vnanet.vn, courrier.cvn@gmail.com",
        "Le Courrier du Vietnam rapporte que Vietnam News Agency confirme.",
        "Le Conseil de Sécurité des Nations Unies et l'Union Européenne.",
        "La Journée Nationale et le Nouvel An Lunaire sont fêtés.",
        "Photo : VNA/CVN",
        "Dans le cadre de la visite, Lors des rencontres.",
        "Le porte-avions USS Ronald Reagan a fait escale à Da Nang.",
        "Le navire Hai Duong 981 est entré dans la zone.",
        "Au Vietnam, Tết Nguyên Đán est la fête la plus importante.",
        "Un contrat avec General Electric a été signé.",
        "Les élèves du lycée Chu Van An et de l'aéroport Noi Bai.",
    ],
)
def test_no_person_where_there_is_none(suggester: Suggester, text: str) -> None:
    assert names(suggester.suggest(article_of(text))) == []


def test_a_lone_surname_needs_a_title(suggester: Suggester) -> None:
    assert names(suggester.suggest(article_of("Il a rencontré le président Macron."))) == ["Macron"]
    assert names(suggester.suggest(article_of("M. Trump a parlé."))) == ["Trump"]
    assert names(suggester.suggest(article_of("Il a rencontré Macron à Paris."))) == []


def test_surname_after_a_full_mention_is_the_same_person(suggester: Suggester) -> None:
    text = (
        "Le secrétaire d'État Antony Blinken est arrivé. Blinken a ensuite vu les étudiants. "
        "Jill Biden et Joe Biden étaient là."
    )
    people = [s for s in suggester.suggest(article_of(text)) if s.kind == "person"]
    blinken = next(s for s in people if s.name == "Antony Blinken")
    assert [e.text for e in blinken.evidence] == ["Antony Blinken", "Blinken"]
    assert sorted(s.name for s in people) == ["Antony Blinken", "Jill Biden", "Joe Biden"]


def test_accent_variants_are_one_person_spelled_with_its_accents(suggester: Suggester) -> None:
    text = "Nguyên Phu Trong a parlé. Plus tard, Nguyễn Phú Trọng a répondu. To Lam et Tô Lâm."
    suggestions = suggester.suggest(article_of(text))
    assert names(suggestions) == ["Nguyễn Phú Trọng", "Tô Lâm"]
    assert [len(s.evidence) for s in suggestions if s.kind == "person"] == [2, 2]


def test_title_is_the_trigger_and_not_part_of_the_name(suggester: Suggester) -> None:
    text = "Le secrétaire général Tô Lâm a reçu la directrice générale Samantha Power."
    by_name = {s.name: s for s in suggester.suggest(article_of(text)) if s.kind == "person"}
    assert by_name["Tô Lâm"].triggers == ("secrétaire général",)
    assert by_name["Samantha Power"].triggers == ("directrice générale",)
    assert by_name["Tô Lâm"].score > suggester.suggest(article_of("Hier, Tô Lâm a parlé."))[0].score


def test_a_title_does_not_reach_across_a_verb(suggester: Suggester) -> None:
    text = "Le dirigeant vietnamien a félicité Donald Trump."
    (trump,) = suggester.suggest(article_of(text))
    assert trump.name == "Donald Trump"
    assert trump.triggers == ()


def test_evidence_spans_index_the_article_text(suggester: Suggester) -> None:
    article = article_of("Premier paragraphe.\n\nLa sénatrice Tammy Duckworth a parlé.")
    (duckworth,) = suggester.suggest(article)
    (span,) = duckworth.evidence
    assert article.text[span.start : span.end] == span.text == "Tammy Duckworth"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Réunion tenue à Washington D.C. Lê Hoài Trung a parlé.", ["Lê Hoài Trung"]),
        ("Il parle du plan B. Le président Joe Biden a répondu.", ["Joe Biden"]),
        ("Il parle du plan B. Abordant la question, Joe Biden a répondu.", ["Joe Biden"]),
        ("Il a reçu le dirigeant vietnamien. Kritenbrink, lui, est parti.", []),
    ],
)
def test_sentence_ends_after_a_single_letter(
    suggester: Suggester, text: str, expected: list[str]
) -> None:
    assert names(suggester.suggest(article_of(text))) == expected


def test_names_damaged_by_a_wrong_encoding_stay_whole_and_join_their_person(
    suggester: Suggester,
) -> None:
    text = "La directrice Nguy?n Phú Tr?ng a parlé. Plus tard, Nguyễn Phú Trọng a répondu."
    (found,) = suggester.suggest(article_of(text))
    assert found.name == "Nguyễn Phú Trọng"
    assert [e.text for e in found.evidence] == ["Nguy?n Phú Tr?ng", "Nguyễn Phú Trọng"]
    alone = suggester.suggest(article_of("Le vice-président Võ V\ufffdn Th\ufffd\ufffdng a parlé."))
    assert names(alone) == ["Võ V\ufffdn Th\ufffd\ufffdng"]


@pytest.mark.parametrize(
    ("text", "name", "trigger"),
    [
        # the title words next to the name, not a title further back in the sentence
        (
            "Elle a transmis au dirigeant chinois les voeux du président Tom Ashby.",
            "Tom Ashby",
            "président",
        ),
        (
            "La secrétaire d'État adjointe Lena Morrow est venue.",
            "Lena Morrow",
            "secrétaire d'état adjointe",
        ),
        # a title set off by a comma belongs to the name before it, not the next one
        (
            "Elle a vu le moine Thích Tâm Hòa, vice-président du Conseil, puis Mgr Phaolô "
            "Lê Văn Đức.",
            "Phaolô Lê Văn Đức",
            "mgr",
        ),
        # a rank after a comma and an article is still the name's
        (
            "Il a salué le chef adjoint de la marine, le contre-amiral Ken Holt.",
            "Ken Holt",
            "contre-amiral",
        ),
        (
            "Il a rencontré le secrétaire général du Parti Vũ Đình Sang.",
            "Vũ Đình Sang",
            "secrétaire général",
        ),
    ],
)
def test_the_trigger_is_the_title_before_the_name(
    suggester: Suggester, text: str, name: str, trigger: str
) -> None:
    person = next(s for s in suggester.suggest(article_of(text)) if s.name == name)
    assert person.triggers == (trigger,)
