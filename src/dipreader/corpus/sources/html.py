"""Saved web pages: the article's text and the page's metadata.

The text is found by trafilatura, a well-kept extractor made for news pages (it drops
navigation, share widgets, related links, comments and footers, and falls back on jusText
and a readability port when its own rules find little); dates come from the page's own
metadata first (`page_meta`), then from htmldate, trafilatura's date finder.
"""

from __future__ import annotations

import codecs
import html
import logging
import re
from typing import Any

from dipreader.corpus.decode import decode_bytes, looks_binary
from dipreader.corpus.sources import (
    RawArticle,
    SourceContext,
    SourceError,
    is_web_address,
    url_basis,
)
from dipreader.corpus.sources.page_meta import page_metadata, parse_date
from dipreader.corpus.text import without_escapes

# The extractor and its helpers log what they make of odd pages; a skipped page is already
# a warning of ours, and a line on stderr would scribble over the app's screen.
for _name in ("trafilatura", "htmldate", "justext", "courlan"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

MIN_WORDS = 5
# The extractor's time grows with the square of a page's blocks (40,000 paragraphs: 6 s,
# 130,000: 75 s). No story has this many; a page that does (an archive, a dump) is read
# plainly: its main part's blocks, without menus, headers, footers and asides.
LARGE_PAGE_BLOCKS = 5000
_PAGE_FURNITURE = frozenset(
    {"nav", "header", "footer", "aside", "form", "button", "menu"}
)  # fewer is a fragment of the page's furniture, not an article
_PRESCAN_BYTES = 4096  # where a browser looks for <meta charset> (the HTML standard: 1024)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.+-]+)""")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Entities still written out after extraction: a page that escaped its text twice.
_LEFT_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_C0 = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_TABLE_RULE = re.compile(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# The HTML standard reads these labels as windows-1252, as every browser does.
_AS_WINDOWS_1252 = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "ascii", "us-ascii"})


def _codec(label: str | bytes | None) -> str | None:
    """The text encoding a label names; None for an unknown label, or a codec that is not
    a text encoding (base64, rot13, zip…), which a browser ignores too."""
    if not label:
        return None
    name = label.decode("ascii", "replace") if isinstance(label, bytes) else label
    name = name.strip().lower()
    if name in _AS_WINDOWS_1252:
        return "cp1252"
    try:
        codec = codecs.lookup(name).name
        "<p>".encode(codec)  # LookupError: "not a text encoding"
    except (LookupError, ValueError):
        return None
    if codec in ("utf-7", "utf-32", "utf-32-le", "utf-32-be"):
        return None  # no browser decodes these as a page's declared charset
    return codec


def decode_page(data: bytes, http_charset: str | None = None) -> str:
    """A page's text, decoded as a browser would: byte order mark, then the HTTP charset,
    then `<meta charset>` or the XML declaration, then UTF-8, then a guess."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _without_controls(data.decode(name, errors="replace").lstrip("\ufeff"))
    if looks_binary(data):
        raise SourceError("binary file (contains NUL bytes)")
    head = data[:_PRESCAN_BYTES]
    declared = _codec(http_charset)
    if declared is None:
        match = _META_CHARSET.search(head) or _XML_ENCODING.match(head)
        declared = _codec(match.group(1)) if match else None
    if declared is not None and not declared.startswith("utf-16"):
        return _without_controls(data.decode(declared, errors="replace"))
    try:
        return _without_controls(data.decode("utf-8"))
    except UnicodeDecodeError:
        return _without_controls(decode_bytes(data)[0])


def _without_controls(text: str) -> str:
    """The page without the C0 controls no HTML may hold: left in, they make the parser's
    tree refuse the text, and the extractor find no article."""
    text = without_escapes(text)
    return _C0.sub(" ", text) if _C0.search(text) else text


def _parse(text: str) -> Any:
    from lxml import etree
    from lxml.html import document_fromstring

    try:
        # lxml refuses a str that still declares its encoding.
        return document_fromstring(_XML_DECLARATION.sub("", text, count=1))
    except (etree.ParserError, ValueError) as exc:
        raise SourceError(f"not an HTML page ({exc})") from None


def _paragraphs(text: str) -> list[str]:
    """The extractor's lines as paragraphs: a table's rows as cells between bars, without
    the Markdown rule under its header."""
    lines = []
    for line in text.split("\n"):
        if _LEFT_ENTITY.search(line):
            line = html.unescape(line)
        line = " ".join(line.split())
        if _TABLE_RULE.match(line):
            continue
        if line.startswith("|") and line.endswith("|") and len(line) > 1:
            line = " | ".join(cell.strip() for cell in line[1:-1].split("|") if cell.strip())
        if line:
            lines.append(line)
    return lines


# What a content system writes where no author was given.
_NO_AUTHOR = frozenset({"username", "admin", "administrator", "staff", "webmaster", "author"})


def _authors(*candidates: list[str] | str | None) -> tuple[str, ...]:
    """The first candidate's names (the page's metadata before the extractor's guess),
    each once, without placeholders and stray letters."""
    for candidate in candidates:
        if not candidate:
            continue
        names = candidate.split(";") if isinstance(candidate, str) else candidate
        seen: dict[str, str] = {}
        for name in names:
            name = " ".join(name.split())
            if len(name) <= 1:  # "Mac & i" read as "Mac; I": the whole reading is off
                seen = {}
                break
            if name.casefold() not in _NO_AUTHOR:
                seen.setdefault(name.casefold(), name)
        if seen:
            return tuple(seen.values())
    return ()


def read_html(data: bytes, context: SourceContext) -> list[RawArticle]:
    source_text = decode_page(data, context.http_charset)
    tree = _parse(source_text)
    meta = page_metadata(tree)
    # Before the extractor, which may prune the tree it is given.
    markup_date = None if meta.date else _markup_date(tree)
    # A feed's relative link names the page in its sidecar (and its id): the address it was
    # fetched from is the one to show and to resolve the page's own links against.
    address = context.url if is_web_address(context.url) else context.final_url
    address = address if is_web_address(address) else None
    blocks = _blocks(tree)
    if blocks > LARGE_PAGE_BLOCKS:
        document, paragraphs = None, _plain_paragraphs(tree)
        warnings: tuple[str, ...] = (
            f"a very large page ({blocks:,} blocks): read plainly, not extracted",
        )
    else:
        document = _extract(tree, address)
        paragraphs = _paragraphs(document.text or "") if document is not None else []
        warnings = ()
    if sum(len(p.split()) for p in paragraphs) < MIN_WORDS:
        raise SourceError("no article text found in this page")
    # The page's own dates, then what the extractor found elsewhere, then HTTP's.
    extracted = parse_date(document.date) if document is not None and document.date else None
    date, date_source = next(
        (
            (found, source)
            for found, source in (
                (meta.date, "metadata"),
                (markup_date, "metadata"),
                (extracted, "text"),
                (context.last_modified, "http"),
            )
            if found is not None
        ),
        (None, None),
    )
    title = " ".join((_field(document, "title") or meta.title or "").split()) or None
    if title and _LEFT_ENTITY.search(title):
        title = html.unescape(title)
    return [
        RawArticle(
            text="\n\n".join(paragraphs),
            # A fetched page is its address; a page saved by hand, its source as written.
            id_basis=url_basis(context.url) if context.url else source_text,
            title=title,
            date=date,
            date_source=date_source,
            authors=_authors(meta.authors, _field(document, "author")),
            site=meta.site or _field(document, "sitename"),
            url=address or meta.url or _field(document, "url"),
            language=meta.language or _field(document, "language"),
            warnings=warnings,
        )
    ]


def _field(document: Any, name: str) -> str | None:
    """What the extractor found (None when it was not run, or found nothing)."""
    return (getattr(document, name, None) or None) if document is not None else None


def _extract(tree: Any, address: str | None) -> Any:
    import trafilatura

    return trafilatura.bare_extraction(
        tree,
        url=address,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_tables=True,
        favor_precision=True,
    )


def _blocks(tree: Any) -> int:
    return sum(1 for _ in tree.iter("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "section"))


def _plain_paragraphs(tree: Any) -> list[str]:
    """A page too large for the extractor: its main part's blocks, without its furniture."""
    from dipreader.corpus.sources.markup import element_paragraphs

    main = next(iter(tree.xpath("//article|//main")), None)
    if main is None:
        main = tree.find("body")
    root = main if main is not None else tree
    return _paragraphs("\n".join(element_paragraphs(root, _PAGE_FURNITURE)))


def _markup_date(tree: Any) -> Any:
    """htmldate's reading of the page's markup alone (no text search): still the page's own."""
    from htmldate import find_date

    try:
        found = find_date(tree, extensive_search=False, original_date=True)
    except Exception:  # a third-party heuristic: a page it chokes on is simply undated here
        return None
    return parse_date(found)
