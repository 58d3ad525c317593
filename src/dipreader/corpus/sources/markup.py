"""HTML fragments (a feed entry's content or summary) as plain paragraphs."""

from __future__ import annotations

import html
import re
from typing import Any

from dipreader.corpus.text import without_escapes

_BLOCKS = frozenset(
    [
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "section",
        "article",
        "header",
        "footer",
        "figure",
        "figcaption",
        "aside",
        "dl",
        "dt",
        "dd",
        "address",
        "hr",
    ]
)
_DROPPED = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg"})
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_TAG = re.compile(r"<[A-Za-z!/?]")
_BLANK = re.compile(r"\n\s*\n")


def fragment_paragraphs(fragment: str) -> list[str]:
    """The paragraphs of an HTML fragment, entities decoded, no markup left. Text without
    any tag is taken as text (feeds often send a summary unmarked)."""
    if not fragment or not fragment.strip():
        return []
    # Controls no XML text may hold make lxml refuse the whole fragment: they go first.
    fragment = _CONTROLS.sub(" ", without_escapes(fragment))
    if not _TAG.search(fragment):
        text = html.unescape(fragment)
    else:
        from lxml import etree
        from lxml.html import fragment_fromstring

        try:
            root = fragment_fromstring(fragment, create_parent="div")
        except (etree.ParserError, ValueError):
            return []
        return element_paragraphs(root)
    paragraphs = (" ".join(part.split()) for part in _BLANK.split(text))
    return [p for p in paragraphs if p]


def element_paragraphs(root: Any, dropped: frozenset[str] = frozenset()) -> list[str]:
    """The paragraphs of an lxml element (changed in place): a block a paragraph, without
    scripts and styles, nor the elements named in `dropped`."""
    for element in list(root.iter()):
        tag = element.tag if isinstance(element.tag, str) else ""
        if (tag in _DROPPED or tag in dropped or not tag) and element is not root:
            element.drop_tree()  # comments and processing instructions too
        elif tag in _BLOCKS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
        elif tag == "br":
            element.tail = "\n\n" + (element.tail or "")
    paragraphs = (" ".join(part.split()) for part in _BLANK.split(root.text_content()))
    return [p for p in paragraphs if p]
