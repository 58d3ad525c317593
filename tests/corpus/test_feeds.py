"""RSS 0.9x/1.0/2.0 and Atom files: an article per entry, summaries marked as such, and no
XML entity ever expanded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dipreader.corpus import load_corpus
from dipreader.corpus.load import read_articles
from dipreader.corpus.model import ArticleDate
from dipreader.corpus.sources.feed import entries
from dipreader.corpus.sources.sidecar import FetchRecord, sidecar_path

FEEDS = Path(__file__).parent / "fixtures" / "feeds"
PAGES = Path(__file__).parent / "fixtures" / "pages"


def test_rss2_with_full_content_gives_whole_articles() -> None:
    first, second = read_articles(FEEDS / "rss2-full.xml")
    assert first.title == "Un accord de coopération sur la pêche durable signé à Đà Nẵng"
    assert (first.date, first.date_source) == (ArticleDate(2025, 2, 4), "metadata")
    assert first.authors == ("Hélène Marchand",)
    assert first.site == "Le Petit Quotidien – Monde"
    assert first.language == "fr"
    assert first.url == "https://petit-quotidien.example/monde/accord-peche-durable"
    assert first.agency == "VNA"
    assert len(first.paragraphs) == 3 and "l’échange" in first.text  # &#8217; decoded
    assert not first.summary_only and not second.summary_only
    assert second.title.startswith("Festival du cinéma")


def test_an_entry_with_only_a_summary_is_a_summary_article() -> None:
    visit, coffee = read_articles(FEEDS / "rss2-summary.rss")
    assert visit.summary_only and coffee.summary_only
    assert visit.paragraphs == (
        "Une délégation de parlementaires a été reçue mercredi par le président de l'Assemblée.",
    )  # escaped HTML in the description: no markup left
    assert visit.title == "Visite d'une délégation parlementaire à Hanoï"  # ISO-8859-1 feed


def test_atom_content_is_sanitised_and_an_entry_without_link_has_no_url() -> None:
    [entry] = read_articles(FEEDS / "atom-full.atom")
    assert entry.title == "Le port de Hải Phòng à l’heure des conteneurs"
    assert entry.date == ArticleDate(2024, 10, 1)
    assert entry.authors == ("Marc Duval",)
    assert entry.url is None and not entry.summary_only
    assert "alert" not in entry.text and "<" not in entry.text


@pytest.mark.parametrize("name", ["rdf-summary.xml", "rss091.rss"])
def test_rss_1_0_and_0_91(name: str) -> None:
    [entry] = read_articles(FEEDS / name)
    assert entry.summary_only and entry.url.startswith("http") and entry.site


@pytest.mark.parametrize("name", ["bomb.xml", "external-entity.xml"])
def test_entity_declarations_are_refused_before_parsing(name: str, tmp_path: Path) -> None:
    shutil.copy(FEEDS / name, tmp_path)
    shutil.copy(FEEDS / "rss091.rss", tmp_path)
    corpus = load_corpus(tmp_path, cache=False)
    assert len(corpus.articles) == 1
    [warning] = corpus.warnings
    assert warning.path.name == name and "entities" in warning.reason


def test_the_entity_check_sees_utf16_too() -> None:
    data = (FEEDS / "bomb.xml").read_text("utf-8").encode("utf-16")
    with pytest.raises(ValueError, match="entities"):
        entries(data)


def test_xml_that_is_not_a_feed_is_skipped(tmp_path: Path) -> None:
    shutil.copy(FEEDS / "sitemap.xml", tmp_path)
    shutil.copy(FEEDS / "rss091.rss", tmp_path)
    corpus = load_corpus(tmp_path, cache=False)
    [warning] = corpus.warnings
    assert warning.path.name == "sitemap.xml"
    assert warning.reason.startswith("not an RSS or Atom feed")


def test_a_fetched_page_takes_the_place_of_its_summary(tmp_path: Path) -> None:
    shutil.copy(FEEDS / "rss2-summary.rss", tmp_path)
    summary = {a.url: a for a in load_corpus(tmp_path, cache=False).articles}
    page = tmp_path / "exportations-cafe.html"
    shutil.copy(PAGES / "no-metadata.html", page)
    url = "https://portail-infos.example/depeche/exportations-cafe"
    sidecar_path(page).write_bytes(FetchRecord(url=url, final_url=url, fetched_at="").to_json())
    corpus = load_corpus(tmp_path, cache=False)
    assert corpus.warnings == []
    assert len(corpus.articles) == 2
    fetched = corpus.get(summary[url].id)  # same id: annotations made on the summary hold
    assert fetched is not None and not fetched.summary_only and fetched.source == page


def test_entries_for_a_fetcher() -> None:
    found = entries((FEEDS / "rss2-summary.rss").read_bytes())
    assert [(e.link, e.full_text) for e in found] == [
        ("https://portail-infos.example/depeche/visite-delegation?utm_source=rss", False),
        ("https://portail-infos.example/depeche/exportations-cafe", False),
    ]
    assert all(e.full_text for e in entries((FEEDS / "rss2-full.xml").read_bytes()))


def test_a_feed_and_text_files_share_a_corpus_and_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dipreader.corpus import load as load_module
    from dipreader.corpus.cache import CorpusCache

    shutil.copy(FEEDS / "rss2-full.xml", tmp_path)
    (tmp_path / "note.txt").write_text("Titre\n\nUn texte.", encoding="utf-8")
    cache = CorpusCache(folder=tmp_path.parent / f"{tmp_path.name}-cache", min_files=1)
    import os
    import time

    old = time.time() - 60  # older than the cache's "too fresh to trust" window
    for path in tmp_path.iterdir():
        os.utime(path, (old, old))
    cold = load_corpus(tmp_path, cache=cache)

    def not_read(path: Path) -> None:
        raise AssertionError(f"{path} was read again, not taken from the cache")

    monkeypatch.setattr(load_module, "read_articles", not_read)
    warm = load_corpus(tmp_path, cache=cache)
    fields = [
        (a.id, a.title, a.date, a.date_source, a.authors, a.site, a.url, a.summary_only)
        for a in cold.articles
    ]
    assert len(fields) == 3
    assert fields == [
        (a.id, a.title, a.date, a.date_source, a.authors, a.site, a.url, a.summary_only)
        for a in warm.articles
    ]
    assert [a.text for a in cold.articles] == [a.text for a in warm.articles]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-32", "utf-32-be"])
def test_entity_declarations_are_seen_in_wide_encodings(codec: str) -> None:
    data = (FEEDS / "bomb.xml").read_text("utf-8").replace('<?xml version="1.0"?>', "")
    with pytest.raises(ValueError, match="entities"):
        entries(data.encode(codec))


def test_a_utf7_feed_is_refused() -> None:
    data = b'<?xml version="1.0" encoding="UTF-7"?>+ADw-rss version="2.0"+AD4-+ADw-/rss+AD4-'
    with pytest.raises(ValueError, match="UTF-7"):
        entries(data)


def _page_for(folder: Path, name: str, url: str) -> Path:
    page = folder / name
    shutil.copy(PAGES / "no-metadata.html", page)
    final = url if url.startswith("http") else "https://site.example" + url
    sidecar_path(page).write_bytes(FetchRecord(url=url, final_url=final, fetched_at="").to_json())
    return page


def test_a_full_text_entry_and_its_page_are_one_article_without_a_warning(tmp_path: Path) -> None:
    shutil.copy(FEEDS / "rss2-full.xml", tmp_path)
    shutil.copy(FEEDS / "rss2-full.xml", tmp_path / "rss2-full-20250101T000000Z.xml")  # kept aside
    url = "https://petit-quotidien.example/monde/festival-cinema"
    page = _page_for(tmp_path, "festival.html", url)
    corpus = load_corpus(tmp_path, cache=False)
    assert corpus.warnings == []
    assert len(corpus.articles) == 2
    [festival] = [a for a in corpus.articles if a.url == url]
    assert festival.source == page  # the page over the feed's copy


def test_a_relative_link_is_read_against_the_fetched_feed_s_address(tmp_path: Path) -> None:
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Relatif</title>'
        "<item><title>Une brève</title><link>/breves/42</link>"
        "<description>Un résumé de la brève.</description></item></channel></rss>"
    )
    (tmp_path / "relatif.xml").write_text(feed, encoding="utf-8")
    record = FetchRecord(
        url="https://site.example/rss", final_url="https://site.example/rss", fetched_at=""
    )
    sidecar_path(tmp_path / "relatif.xml").write_bytes(record.to_json())
    [summary] = load_corpus(tmp_path, cache=False).articles
    assert summary.summary_only and summary.url == "https://site.example/breves/42"
    [found] = entries(feed.encode())
    assert found.link == "/breves/42"  # for the fetcher, which resolves it against the feed
    _page_for(tmp_path, "breve.html", "https://site.example/breves/42")
    [page] = load_corpus(tmp_path, cache=False).articles
    assert page.id == summary.id and not page.summary_only


def test_relative_links_of_two_hand_saved_feeds_are_two_articles(tmp_path: Path) -> None:
    for site in ("Premier", "Second"):
        feed = (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>{site}</title>'
            f"<item><title>Brève du {site}</title><link>/breves/42</link>"
            f"<description>Un résumé du {site}.</description></item></channel></rss>"
        )
        (tmp_path / f"{site}.xml").write_text(feed, encoding="utf-8")
    corpus = load_corpus(tmp_path, cache=False)
    assert len(corpus.articles) == 2 and corpus.warnings == []
    assert all(a.url is None for a in corpus.articles)  # no address to open


def test_the_page_of_a_summary_keeps_what_the_feed_said_and_the_page_does_not(
    tmp_path: Path,
) -> None:
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Le Courrier du Delta</title>'
        "<item><title>Une brève</title><link>https://delta.example/breve</link>"
        "<pubDate>Thu, 08 Aug 2024 07:15:00 +0700</pubDate><author>c@d.example (Claire"
        " Dubois)</author><description>Un résumé.</description></item></channel></rss>"
    )
    (tmp_path / "delta.xml").write_text(feed, encoding="utf-8")
    _page_for(tmp_path, "breve.html", "https://delta.example/breve")  # no metadata at all
    [page] = load_corpus(tmp_path, cache=False).articles
    assert not page.summary_only and page.source.name == "breve.html"
    assert (page.date, page.date_source) == (ArticleDate(2024, 8, 8), "metadata")
    assert page.site == "Le Courrier du Delta"
    assert page.authors


def _bomb_in(codec: str) -> bytes:
    text = (FEEDS / "bomb.xml").read_text("utf-8")
    return text.replace('<?xml version="1.0"?>', f'<?xml version="1.0" encoding="{codec}"?>')


@pytest.mark.parametrize("codec", ["cp037", "cp500", "hz", "iso2022_jp", "utf_7", "u7"])
def test_encodings_that_spell_markup_otherwise_are_refused(codec: str) -> None:
    data = _bomb_in(codec).encode(codec)
    with pytest.raises(ValueError, match="refused"):
        entries(data)


def test_an_ascii_compatible_declared_encoding_is_read() -> None:
    [entry] = read_articles_of(
        '<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel>'
        "<title>Gazette</title><item><title>Élection à Hué</title>"
        "<link>https://g.example/1</link><description>Un résumé.</description></item>"
        "</channel></rss>",
        "cp1252",
    )
    assert entry.title == "Élection à Hué"


def test_a_document_type_with_an_internal_subset_is_refused() -> None:
    data = b'<?xml version="1.0"?><!DOCTYPE rss [ <!-- nothing --> ]><rss version="2.0"/>'
    with pytest.raises(ValueError, match="entities"):
        entries(data)


def test_control_characters_in_an_entry_do_not_lose_the_feed(tmp_path: Path) -> None:
    items = "".join(
        f"<item><title>Brève {n}</title><link>https://c.example/{n}</link>"
        f"<description>&lt;p&gt;Un résumé {n}\x0b avec \x1b[31m un contrôle.&lt;/p&gt;"
        "</description></item>"
        for n in range(3)
    )
    feed = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>C</title>{items}</channel></rss>'
    )
    (tmp_path / "c.xml").write_text(feed, encoding="utf-8")
    corpus = load_corpus(tmp_path, cache=False)
    assert len(corpus.articles) == 3 and corpus.warnings == []
    assert all("\x1b" not in a.text and "\x0b" not in a.text for a in corpus.articles)


def test_duplicate_guids_with_other_texts_are_said(tmp_path: Path) -> None:
    items = "".join(
        f"<item><title>Brève {n}</title><guid>same</guid><description>Texte {n}.</description>"
        "</item>"
        for n in range(2)
    )
    feed = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>D</title>{items}</channel></rss>'
    )
    (tmp_path / "d.xml").write_text(feed, encoding="utf-8")
    corpus = load_corpus(tmp_path, cache=False)
    assert len(corpus.articles) == 1
    [warning] = corpus.warnings
    assert "same id" in warning.reason


def read_articles_of(feed: str, codec: str):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.xml"
        path.write_bytes(feed.encode(codec))
        return read_articles(path)
