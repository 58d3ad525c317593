"""Checks on what callers hand the store, turning bad values into InvalidValue errors."""

from __future__ import annotations

import re

from dipreader.corpus.model import ArticleDate
from dipreader.corpus.text import utf8_encodable
from dipreader.store import names
from dipreader.store.errors import InvalidValue
from dipreader.terminal import holds_unsafe

MAX_NOTE_LENGTH = 20_000
MAX_DESCRIPTION_LENGTH = 2_000
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})|[a-z]{3,20}")


def article_id(value: str) -> str:
    if not isinstance(value, str) or not value or value != value.strip() or "\n" in value:
        raise InvalidValue(f"not an article id: {value!r}")
    return value


def tag_name(value: str) -> str:
    try:
        return names.clean_name(value)
    except ValueError as exc:
        raise InvalidValue(str(exc)) from None


def tag_kind(value: str) -> str:
    try:
        return names.normalize_kind(value)
    except ValueError as exc:
        raise InvalidValue(str(exc)) from None


def _text(value: str, what: str) -> str:
    if not utf8_encodable(value):
        raise InvalidValue(names.not_text_message(what))
    return value


# Line and paragraph separators are line breaks in a note pasted from a page or a PDF, no
# harm in a file; what a terminal would act on or misshow (escapes, overrides) is refused.
_LINE_SEPARATORS = {0x2028: None, 0x2029: None}


def _not_plain_text(text: str) -> bool:
    return holds_unsafe(text.translate(_LINE_SEPARATORS))


def note(value: str) -> str:
    cleaned = _text(value, "a note").strip()
    if not cleaned:
        raise InvalidValue("a note needs some text")
    if len(cleaned) > MAX_NOTE_LENGTH:
        raise InvalidValue(f"a note is at most {MAX_NOTE_LENGTH} characters")
    if _not_plain_text(cleaned):
        raise InvalidValue("a note cannot contain control characters or direction overrides")
    return cleaned


def description(value: str) -> str:
    cleaned = _text(value, "a description").strip()
    if len(cleaned) > MAX_DESCRIPTION_LENGTH:
        raise InvalidValue(f"a description is at most {MAX_DESCRIPTION_LENGTH} characters")
    if _not_plain_text(cleaned):
        raise InvalidValue("a description cannot contain control characters or direction overrides")
    return cleaned


def colour(value: str | None) -> str | None:
    if value is None:
        return None
    if not _COLOUR.fullmatch(value):
        raise InvalidValue(f"not a colour (use #rgb, #rrggbb or a colour name): {value!r}")
    return value


def title(value: str) -> str:
    cleaned = " ".join(_text(value, "a title").split())
    if not cleaned:
        raise InvalidValue("a title needs some text")
    if _not_plain_text(cleaned):
        raise InvalidValue("a title cannot contain control characters or direction overrides")
    return cleaned


def date(value: str | ArticleDate) -> str:
    """A corrected date as stored: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""
    if isinstance(value, ArticleDate):
        return value.iso()
    try:
        return ArticleDate.parse(value).iso()
    except ValueError as exc:
        raise InvalidValue(f"not a date (use YYYY, YYYY-MM or YYYY-MM-DD): {exc}") from None


def suggestion_key(value: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue("a suggestion key needs some text")
    return value
