"""Saved web pages become clean articles: the text without the page's furniture, and the
page's own metadata (title, date and where it came from, authors, site, language)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from dipreader.corpus import load_corpus
from dipreader.corpus.load import read_articles
from dipreader.corpus.model import ArticleDate
from dipreader.corpus.sources.html import decode_page
from dipreader.corpus.sources.sidecar import FetchRecord, sidecar_path

PAGES = Path(__file__).parent / "fixtures" / "pages"
MARKUP = re.compile(r"<[a-zA-Z/!][^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
# Words of the pages' menus, share boxes, related links, comments and footers.
FURNITURE = (
    "Accueil",
    "Facebook",
    "Twitter",
    "Zalo",
    "Partager",
    "Voir plus",
    "Autres articles",
    "Commentaires",
    "Très bon article",
    "Rédacteur en chef",
    "Adresse",
    "Tous droits réservés",
    "Copyright",
    "Mots-clés",
    "Rechercher",
    "Mentions légales",
    "Tél",
    "Publié le",
    "festival de cerfs-volants",
)


def only(path: Path):
    [article] = read_articles(path)
    return article


def assert_clean(article) -> None:
    for paragraph in (article.title, *article.paragraphs):
        assert not MARKUP.search(paragraph), paragraph
        for word in FURNITURE:
            assert word not in paragraph, (word, paragraph)


def test_json_ld_gives_the_title_date_authors_site_and_language() -> None:
    article = only(PAGES / "vnp-jsonld.html")
    assert article.title == "Hanoï et Washington relancent le dialogue sur l'eau du Mékong"
    assert (article.date, article.date_source) == (ArticleDate(2025, 3, 14), "metadata")
    assert article.authors == ("Lê Thu Hà",)
    assert article.site == "VietnamPlus"
    assert article.language == "fr"
    assert article.url.endswith("post9001.vnp")
    assert article.agency == "VNA"  # from the dateline
    assert article.paragraphs[0].startswith("Hanoï (VNA) – La vice-ministre")
    assert "l'énergie" not in article.text and "lénergie" in article.text  # &#xE9; decoded
    assert_clean(article)
    assert not article.title_derived and not article.summary_only


def test_open_graph_written_with_value_and_a_charset_only_in_meta() -> None:
    article = only(PAGES / "courrier-og-value.html")
    # The <title> is the site's name; Open Graph has the story's.
    assert article.title == "Les échanges universitaires franco-vietnamiens gagnent du terrain"
    assert (article.date, article.date_source) == (ArticleDate(2024, 6, 2), "metadata")
    assert article.site == "Le Courrier du Vietnam"
    assert "Hué" in article.text and "Khôi" in article.text  # windows-1252, from <meta>
    assert [d.rule for d in article.dropped] == ["repeated-title", "photo-credit"]
    assert_clean(article)


def test_a_time_element_alone_dates_the_page() -> None:
    article = only(PAGES / "time-only.html")
    assert article.title == "Un concert de musique traditionnelle à Hanoï"
    assert (article.date, article.date_source) == (ArticleDate(2023, 9, 10), "metadata")
    assert article.paragraphs[0].startswith("Un ensemble de musiciens")
    assert_clean(article)


def test_a_page_without_metadata_is_undated_and_titled_from_its_lead() -> None:
    article = only(PAGES / "no-metadata.html")
    assert article.date is None and article.date_source is None
    assert article.title_derived and article.title.startswith("Les autorités de la province")
    assert len(article.paragraphs) == 3
    assert_clean(article)


def test_xhtml_with_an_xml_encoding_declaration() -> None:
    article = only(PAGES / "portal-afp.xhtml")
    title = "Le Vietnam et les Etats-Unis signent un accord sur les semi-conducteurs"
    assert article.title == title
    assert (article.date, article.date_source) == (ArticleDate(2023, 9, 11), "metadata")
    assert article.authors == ("Claire Vasseur",)
    assert article.language == "fr"
    assert "Hanoï" in article.text and "«" in article.text  # iso-8859-1, as declared
    assert "© 2023 AFP" not in article.text
    assert_clean(article)


def test_a_page_with_no_article_is_skipped_with_a_warning_naming_it(tmp_path: Path) -> None:
    shutil.copy(PAGES / "not-an-article.html", tmp_path)
    shutil.copy(PAGES / "time-only.html", tmp_path)
    corpus = load_corpus(tmp_path, cache=False)
    assert [a.title for a in corpus.articles] == ["Un concert de musique traditionnelle à Hanoï"]
    [warning] = corpus.warnings
    assert warning.path.name == "not-an-article.html"
    assert "no article text" in warning.reason


def test_a_fetched_page_is_known_by_its_address_and_dated_by_http_last(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    shutil.copy(PAGES / "no-metadata.html", page)
    by_content = only(page).id
    record = FetchRecord(
        url="https://news.example/centre-formation",
        final_url="https://news.example/centre-formation",
        fetched_at="2025-01-02T03:04:05Z",
        last_modified="Wed, 21 Oct 2015 07:28:00 GMT",
        content_type="text/html",
    )
    sidecar_path(page).write_bytes(record.to_json())
    article = only(page)
    assert article.url == "https://news.example/centre-formation"
    assert (article.date, article.date_source) == (ArticleDate(2015, 10, 21), "http")
    assert article.id != by_content
    # The page's bytes change (a re-fetch with another ad): the id does not.
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<div>pub</div></body>"))
    assert only(page).id == article.id


def test_the_http_charset_wins_over_the_meta_one() -> None:
    data = '<html><head><meta charset="utf-8"></head><body><p>Café</p></body></html>'
    assert "Café" in decode_page(data.encode("cp1252"), "iso-8859-1")
    assert "Café" in decode_page(data.encode("utf-8"))
    assert "Café" in decode_page(b"\xef\xbb\xbf" + data.encode("utf-8"), "iso-8859-1")  # BOM


@pytest.mark.parametrize(
    "data",
    [b"", b"\x00\x01binary", b"<html>", b"<<<>>>", b"<html><body></body></html>", b"\xff" * 100],
)
def test_broken_pages_are_skipped_not_crashed_on(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "broken.html").write_bytes(data)
    (tmp_path / "good.txt").write_text("Titre\n\nUn corps de texte.", encoding="utf-8")
    corpus = load_corpus(tmp_path, cache=False)
    assert [a.title for a in corpus.articles] == ["Titre"]
    assert [w.path.name for w in corpus.warnings] == ["broken.html"]


def test_markup_in_the_text_is_data(tmp_path: Path) -> None:
    page = (
        "<html><head><title>[bold red]Titre[/] \x1b[31m</title></head><body><article>"
        + "<p>Un paragraphe assez long pour être pris pour un article, avec [link=x]ceci[/link]"
        " et encore des mots pour que l'extracteur le garde comme texte principal.</p>"
        * 3
        + "</article></body></html>"
    )
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    article = only(tmp_path / "p.html")
    assert article.title.startswith("[bold red]Titre[/]")  # brackets are text
    assert "\x1b" not in article.title  # and no escape reaches the terminal
    assert "[link=x]ceci[/link]" in article.text


def test_a_date_stated_in_the_text_beats_dates_found_elsewhere_in_the_page(
    tmp_path: Path,
) -> None:
    related = "".join(
        f'<li><a href="/actu/2024/02/0{n}/autre-{n}.html">Autre sujet numéro {n}</a></li>'
        for n in range(1, 6)
    )
    page = (
        "<html><head><title>Le métro de la ville ouvre une ligne</title></head><body>"
        "<article><h1>Le métro de la ville ouvre une ligne</h1>"
        "<p>Publié le 8 août 2024 à 07h15 - Mis à jour le 9 août 2024</p>"
        "<p>La nouvelle ligne de métro a accueilli ses premiers passagers jeudi matin, après"
        " six années de travaux et plusieurs reports annoncés par la municipalité.</p>"
        "<p>Les rames circulent toutes les six minutes entre la gare centrale et le nouveau"
        " quartier des affaires, selon l'exploitant de la ligne.</p></article>"
        f"<aside><ul>{related}</ul></aside></body></html>"
    )
    (tmp_path / "metro.html").write_text(page, encoding="utf-8")
    article = only(tmp_path / "metro.html")
    assert (article.date, article.date_source) == (ArticleDate(2024, 8, 8), "text")
    assert "Publié" not in article.text


def test_a_corpus_of_pages_without_articles_says_why_each_was_skipped(tmp_path: Path) -> None:
    from dipreader.corpus import CorpusError

    shutil.copy(PAGES / "not-an-article.html", tmp_path)
    with pytest.raises(CorpusError, match=r"not-an-article\.html: no article text found"):
        load_corpus(tmp_path, cache=False)


def test_control_characters_in_a_page_do_not_lose_its_article(tmp_path: Path) -> None:
    page = (PAGES / "time-only.html").read_text(encoding="utf-8")
    page = page.replace("Un ensemble", "Un\x01 ensemble\x1b[2J")
    (tmp_path / "c.html").write_text(page, encoding="utf-8")
    article = only(tmp_path / "c.html")
    assert article.paragraphs[0].startswith("Un ensemble")
    assert "\x1b" not in article.text and "\x01" not in article.text


def test_json_ld_nested_past_any_real_data_is_ignored(tmp_path: Path) -> None:
    page = (PAGES / "time-only.html").read_text(encoding="utf-8")
    nested = '<script type="application/ld+json">' + "[" * 100_000 + "</script>"
    (tmp_path / "n.html").write_text(page.replace("</head>", nested + "</head>"), "utf-8")
    assert only(tmp_path / "n.html").date == ArticleDate(2023, 9, 10)


@pytest.mark.parametrize("label", ["base64", "rot13", "zip", "utf-7", "bogus"])
def test_a_charset_that_is_no_text_encoding_is_ignored(label: str) -> None:
    data = f'<html><head><meta charset="{label}"></head><body><p>Café</p></body></html>'
    assert "Café" in decode_page(data.encode("utf-8"))
    assert "Café" in decode_page(data.encode("utf-8"), label)


def test_a_fifo_for_a_sidecar_neither_hangs_nor_counts(tmp_path: Path) -> None:
    import os

    page = tmp_path / "page.html"
    shutil.copy(PAGES / "time-only.html", page)
    os.mkfifo(sidecar_path(page))
    from concurrent.futures import ThreadPoolExecutor

    # A blocking open of the FIFO would never return: the read must end on its own.
    pool = ThreadPoolExecutor(1)
    article = pool.submit(only, page).result(timeout=20)
    pool.shutdown(wait=False)
    assert article.url is None


def test_a_page_of_very_many_blocks_is_read_plainly_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dipreader.corpus.sources import html as html_reader

    monkeypatch.setattr(html_reader, "LARGE_PAGE_BLOCKS", 50)  # the extractor is quadratic
    blocks = "".join(f"<p>Paragraphe numéro {n} d'une très longue archive.</p>" for n in range(80))
    page = (
        '<html><head><meta property="og:title" content="Archive"></head><body>'
        "<nav><a>Accueil</a> <a>Monde</a></nav><main>" + blocks + "</main>"
        "<footer>Tous droits réservés</footer></body></html>"
    )
    (tmp_path / "archive.html").write_text(page, encoding="utf-8")
    article = only(tmp_path / "archive.html")
    assert article.title == "Archive" and len(article.paragraphs) == 80
    assert "a very large page" in article.warnings[0]
    assert_clean(article)
