"""RSS 0.9x/1.0/2.0, Atom and RDF feed files: one article per entry.

An entry whose feed carries its full text (`content:encoded`, Atom `content`) is a whole
article; one with only a summary is kept as a summary article, marked as such, until its
page is fetched: the page then takes the entry's place, under the same id (both are known
by the entry's link).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from dipreader.corpus.model import ArticleDate
from dipreader.corpus.sources import (
    RawArticle,
    SourceContext,
    SourceError,
    is_web_address,
    url_basis,
)
from dipreader.corpus.sources.markup import fragment_paragraphs

# A feed never needs to declare entities; one that does is how entity-expansion bombs and
# external entities get in. Refused before any parser sees the bytes, in every encoding an
# XML parser detects without a declaration (UTF-8, -16, -32); UTF-7, which could spell it
# otherwise, is refused whole.
_ENTITY_DECLARATIONS = tuple(
    re.compile(re.escape("<!ENTITY".encode(codec)), re.IGNORECASE)
    for codec in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)
_DECLARED = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']{1,40})")
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
# A document type with an internal subset is where entities are declared; a feed has none.
_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
_ASCII = "".join(map(chr, range(128)))
# A summary this long is the article itself (feeds that send the whole text as description).
FULL_TEXT_WORDS = 300


@dataclass(frozen=True)
class FeedEntry:
    """What a fetcher needs of an entry: its page's address and whether it has the text."""

    link: str | None
    title: str
    full_text: bool


def check_safe_xml(data: bytes) -> None:
    """Raise SourceError for XML that declares entities (bombs, external entities)."""
    if any(pattern.search(data) for pattern in _ENTITY_DECLARATIONS) or _INTERNAL_SUBSET.search(
        data
    ):
        raise SourceError("the feed declares XML entities (refused: a feed never needs them)")
    if data.startswith(_WIDE_BOMS) or data[:4].count(0) >= 2:
        return  # UTF-16 or UTF-32: searched above in their own bytes
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        raise SourceError("not an RSS or Atom feed in an encoding dipreader can check (refused)")
    declared = _DECLARED.match(data)
    if declared is not None and not _spells_ascii_as_ascii(declared.group(1)):
        name = declared.group(1).decode("ascii", "replace")
        raise SourceError(
            f"the feed's encoding {name!r} can spell markup other than in ASCII (refused)"
        )


def _spells_ascii_as_ascii(label: bytes) -> bool:
    """Whether an encoding writes every ASCII character as that byte and shifts into no
    other state (as EBCDIC, UTF-7, HZ and ISO-2022 do): then a declaration the parser would
    read is in the bytes searched."""
    try:
        codec = codecs.lookup(label.decode("ascii")).name
        spelled = _ASCII.encode(codec)
    except (LookupError, UnicodeError, ValueError):
        return False
    return spelled == _ASCII.encode("ascii") and "2022" not in codec and codec != "hz"


def parse_feed(data: bytes) -> Any:
    """The feed parsed by feedparser; SourceError if it is unsafe or not a feed."""
    check_safe_xml(data)
    import feedparser

    # Given bytes, feedparser reads nothing else: no address is fetched, no DTD loaded.
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        version = parsed.get("version")
        if not version:
            problem = parsed.get("bozo_exception")
            detail = f" ({problem})" if problem else ""
            raise SourceError(f"not an RSS or Atom feed{detail}")
    return parsed


def _text(value: Any) -> str:
    return " ".join(str(value or "").split())


def _entry_date(entry: Any) -> ArticleDate | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        moment = entry.get(key)
        if moment:
            try:
                return ArticleDate(moment.tm_year, moment.tm_mon, moment.tm_mday)
            except ValueError:
                continue
    return None


def _bodies(entry: Any) -> tuple[list[str], list[str]]:
    """The paragraphs of the entry's content (longest part) and of its summary."""
    contents = [fragment_paragraphs(c.get("value", "")) for c in entry.get("content") or []]
    content = max(contents, key=lambda ps: sum(len(p) for p in ps), default=[])
    summary = fragment_paragraphs(entry.get("summary", ""))
    return content, summary


def _length(paragraphs: list[str]) -> int:
    return sum(len(p) for p in paragraphs)


def _is_full(content: list[str], summary: list[str]) -> bool:
    if _length(content) > _length(summary):
        return True
    return sum(len(p.split()) for p in summary) >= FULL_TEXT_WORDS


def _resolved(link: str | None, base: str | None) -> str | None:
    """The entry's page as a whole web address, if it has one (a relative link needs the
    feed's own address)."""
    if link and not is_web_address(link) and is_web_address(base):
        try:
            link = urljoin(base, link)
        except ValueError:  # "http://[" and the like: no address
            return None
    return link if is_web_address(link) else None


def _written_link(entry: Any) -> str | None:
    """The entry's link as the feed writes it, relative or not: a fetcher saves its page
    under that address, so the page and the entry have one id."""
    link = _text(entry.get("link"))
    guid = _text(entry.get("id"))
    # feedparser gives the id as the link of an entry that has none.
    return link if link and (link != guid or is_web_address(link)) else None


def entries(data: bytes) -> list[FeedEntry]:
    """The entries of a feed, for a fetcher (which pages to get)."""
    parsed = parse_feed(data)
    result = []
    for entry in parsed.entries:
        content, summary = _bodies(entry)
        title = fragment_paragraphs(entry.get("title", ""))
        result.append(
            FeedEntry(
                link=_written_link(entry),
                title=" ".join(title),
                full_text=_is_full(content, summary),
            )
        )
    return result


def read_feed(data: bytes, context: SourceContext) -> list[RawArticle]:
    parsed = parse_feed(data)
    feed = parsed.feed
    site = _text(feed.get("title")) or None
    # A fetched feed's sidecar says where it came from: its relative links are read as there.
    base = context.final_url or context.url
    language = _text(feed.get("language")) or None
    articles = []
    for number, entry in enumerate(parsed.entries, start=1):
        content, summary = _bodies(entry)
        full = _is_full(content, summary)
        paragraphs = content if _length(content) > _length(summary) else summary
        title = " ".join(fragment_paragraphs(entry.get("title", ""))) or None
        if not paragraphs and not title:
            continue
        written = _written_link(entry)
        link = _resolved(written, base)
        guid = _text(entry.get("id")) or None
        text = "\n\n".join(paragraphs)
        if link:
            basis = url_basis(link)
        elif written:  # relative, in a feed saved by hand: its site tells it from others'
            basis = f"feed entry {site} {written}"
        elif guid:
            basis = f"feed entry {guid}"
        else:  # nothing names it: its place in this file and its text do
            basis = f"feed entry {context.path.name} {number}\n{title}\n{text}"
        date = _entry_date(entry)
        authors = tuple(
            name for name in (_text(a.get("name")) for a in entry.get("authors") or []) if name
        ) or ((_text(entry.get("author")),) if entry.get("author") else ())
        articles.append(
            RawArticle(
                text=text,
                id_basis=basis,
                title=title,
                date=date,
                date_source="metadata" if date else None,
                authors=authors,
                site=site,
                url=link,
                language=_text(entry.get("language")) or language,
                summary_only=not full,
            )
        )
    if not articles:
        raise SourceError("the feed has no entries")
    return articles
