"""Plain text and Markdown files: the scraper's format, text as it is."""

from __future__ import annotations

import re

from dipreader.corpus.decode import decode_bytes
from dipreader.corpus.sources import RawArticle, SourceContext

# An ATX heading: up to three spaces, one to six `#`, then a space (or nothing); a closing
# run of `#` is part of the syntax too.
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)


def read_text(data: bytes, context: SourceContext) -> list[RawArticle]:
    text, _encoding = decode_bytes(data)
    return [RawArticle(text=text, id_basis=text)]


def read_markdown(data: bytes, context: SourceContext) -> list[RawArticle]:
    """As text, but a heading's `#` marks are syntax, not part of the title. The id still
    hashes the file's text as written, so it is the one the file always had."""
    text, _encoding = decode_bytes(data)
    return [RawArticle(text=_HEADING.sub(r"\1", text), id_basis=text)]
