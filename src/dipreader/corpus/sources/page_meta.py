"""What a web page says about itself: JSON-LD, Open Graph, `<meta>` and `<time>`.

The extractor (trafilatura) finds titles and dates too, but it does not say where a date
came from, and it misses the `value=` spelling of Open Graph that some serialisers write.
This module reads only what the page declares, so a date found here is the page's own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from dipreader.corpus.model import ArticleDate

_ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "blogposting",
        "liveblogposting",
        "scholarlyarticle",
        "report",
        "webpage",
    }
)
_ISO_START = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:\D|$)")
_MAX_JSON_LD = 1_000_000  # characters of one script: a page's data, not a data dump

# <meta> names and properties that hold the publication date, best first.
_DATE_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "og:published_time",
)


@dataclass
class PageMetadata:
    title: str | None = None
    date: ArticleDate | None = None
    authors: list[str] = field(default_factory=list)
    site: str | None = None
    url: str | None = None
    language: str | None = None
    description: str | None = None


def parse_date(value: str | None) -> ArticleDate | None:
    """The calendar date at the start of an ISO 8601 value (`2019-01-03T07:00:02Z`), as
    written: the date where it was published, not converted to another zone."""
    if not value:
        return None
    match = _ISO_START.match(value) or _COMPACT.match(value)
    if not match:
        return None
    try:
        return ArticleDate(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _json_ld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        text = script.text or ""
        if len(text) > _MAX_JSON_LD:
            continue
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):  # not JSON, or nested past any real data
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(reversed(graph))


def _types(item: dict[str, Any]) -> set[str]:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower() for k in kinds if isinstance(k, str)}


def _names(value: Any) -> list[str]:
    """Author names from a JSON-LD `author`: a string, a Person, or a list of either."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = _clean(item.get("name") if isinstance(item, dict) else item)
        if name:
            names.append(name)
    return names


def _from_json_ld(tree: Any, meta: PageMetadata) -> None:
    articles = [o for o in _json_ld_objects(tree) if _types(o) & _ARTICLE_TYPES]
    # A news type before a generic WebPage, whatever their order in the page.
    articles.sort(key=lambda o: "webpage" in _types(o))
    for item in articles:
        meta.title = meta.title or _clean(item.get("headline")) or _clean(item.get("name"))
        meta.date = meta.date or parse_date(_clean(item.get("datePublished")))
        meta.authors = meta.authors or _names(item.get("author"))
        publisher = item.get("publisher")
        if isinstance(publisher, dict):
            meta.site = meta.site or _clean(publisher.get("name"))
        meta.language = meta.language or _clean(item.get("inLanguage"))
        meta.url = meta.url or _clean(item.get("url"))
        meta.description = meta.description or _clean(item.get("description"))


def _meta_values(tree: Any) -> dict[str, str]:
    """`<meta>` values by lower-cased name or property; the first of each wins. Open Graph
    written with `value=` instead of `content=` counts too."""
    values: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        key = key or element.get("http-equiv")
        value = _clean(element.get("content")) or _clean(element.get("value"))
        if key and value:
            values.setdefault(key.strip().lower(), value)
    return values


def page_metadata(tree: Any) -> PageMetadata:
    """What the page (an lxml HTML tree) declares about itself."""
    meta = PageMetadata()
    _from_json_ld(tree, meta)
    values = _meta_values(tree)
    meta.title = meta.title or values.get("og:title") or values.get("twitter:title")
    if meta.date is None:
        meta.date = next(
            (d for d in (parse_date(values.get(k)) for k in _DATE_KEYS) if d is not None), None
        )
    if meta.date is None:
        for element in tree.xpath("//*[@itemprop='datePublished']|//time[@datetime]"):
            meta.date = parse_date(element.get("datetime") or element.get("content"))
            if meta.date is not None:
                break
    if not meta.authors and values.get("author"):
        meta.authors = [values["author"]]
    meta.site = meta.site or values.get("og:site_name") or values.get("application-name")
    meta.url = meta.url or values.get("og:url")
    if meta.url is None:
        canonical = tree.xpath("//link[@rel='canonical']/@href")
        meta.url = _clean(canonical[0]) if canonical else None
    root_lang = tree.getroottree().getroot().get("lang") if hasattr(tree, "getroottree") else None
    meta.language = (
        meta.language
        or _clean(root_lang)
        or values.get("content-language")
        or values.get("og:locale")
    )
    meta.description = meta.description or values.get("og:description") or values.get("description")
    if meta.title is None:
        titles = tree.xpath("//title/text()")
        meta.title = _clean(titles[0]) if titles else None
    return meta
