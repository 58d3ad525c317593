"""Dates as articles state them in their text: `Publié le 8 août 2024 à 07h15`,
`08.04.2015 12:46`, `Mis à jour le 3 mars 2024`, `September 10, 2023`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from dipreader.corpus.model import ArticleDate, DroppedLine
from dipreader.folding import strip_marks

_MONTHS = {
    "janv": 1, "jan": 1, "janvier": 1, "january": 1,
    "fevr": 2, "fev": 2, "fevrier": 2, "feb": 2, "february": 2,
    "mars": 3, "mar": 3, "march": 3,
    "avr": 4, "avril": 4, "apr": 4, "april": 4,
    "mai": 5, "may": 5,
    "juin": 6, "jun": 6, "june": 6,
    "juil": 7, "juillet": 7, "jul": 7, "july": 7,
    "aout": 8, "aug": 8, "august": 8,
    "sept": 9, "sep": 9, "septembre": 9, "september": 9,
    "oct": 10, "octobre": 10, "october": 10,
    "nov": 11, "novembre": 11, "november": 11,
    "dec": 12, "decembre": 12, "december": 12,
}  # fmt: skip
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:er)?\s+([a-z]{3,9})\.?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b")
# Digits only around it: a source glued to its date (`Tạp chí Cộng Sản03/09/2025`) counts.
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(?!\d)")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:\b|(?=T\d))")


def _date(year: str, month: int | None, day: str) -> ArticleDate | None:
    if month is None:
        return None
    try:
        # Two-digit years (`09/09/25`) are this century's: news pages print them so.
        return ArticleDate(int(year) + (2000 if len(year) == 2 else 0), month, int(day))
    except ValueError:
        return None


def stated_date(line: str) -> ArticleDate | None:
    """The calendar date a short line states, day first as French writes it; None if it
    states none (or one that is not a date, such as 31/02/2024)."""
    text = strip_marks(line)
    if match := _ISO.search(text):
        return _date(match.group(1), int(match.group(2)), match.group(3))
    if match := _DAY_MONTH_YEAR.search(text):
        return _date(match.group(3), _MONTHS.get(match.group(2)), match.group(1))
    if match := _MONTH_DAY_YEAR.search(text):
        return _date(match.group(3), _MONTHS.get(match.group(1)), match.group(2))
    if match := _NUMERIC.search(text):
        return _date(match.group(3), int(match.group(2)), match.group(1))
    return None


# Agency metadata: a NewsML id carries the story's date (`urn:newsml:afp.com:20240418:…`).
_NEWSML_DATE = re.compile(r"urn:newsml:[^:\s]+:(\d{4})(\d{2})(\d{2})")
_UPDATED = re.compile(r"^\W*(?:mis à jour|modifié|actualisé|updated|modified)", re.IGNORECASE)

# The kinds of line that state a date, from the most to the least trusted.
KIND_ORDER = ("publication line", "update line", "agency metadata", "agency update")


@dataclass(frozen=True)
class StatedDate:
    """A date the text states, where it states it, and what kind of line says it."""

    date: ArticleDate
    line_no: int
    text: str
    kind: str  # one of KIND_ORDER

    @property
    def source(self) -> str:
        """The `Article.date_source` this date gives: `text` or `agency metadata`."""
        return "text" if self.kind.endswith("line") else "agency metadata"


def _newsml_date(line: str) -> ArticleDate | None:
    match = _NEWSML_DATE.search(line)
    return _date(match.group(1), int(match.group(2)), match.group(3)) if match else None


def stated_dates(dropped: Iterable[DroppedLine]) -> list[StatedDate]:
    """Every date the removed lines state: publication and update lines, and the agency's
    metadata (its ids, its `Créé :` and `Modifié :` timestamps)."""
    found: list[StatedDate] = []
    for line in dropped:
        updated = _UPDATED.match(line.text) is not None
        if line.rule == "date-line":
            date, kind = stated_date(line.text), "update line" if updated else "publication line"
        elif line.rule == "agency-metadata":
            date = _newsml_date(line.text) or stated_date(line.text)
            kind = "agency update" if updated else "agency metadata"
        else:
            continue
        if date is not None:
            found.append(StatedDate(date, line.line_no, line.text, kind))
    return found


def ranked_stated_dates(dropped: Iterable[DroppedLine]) -> list[StatedDate]:
    """`stated_dates` in the order they are trusted, the one to use first: by kind, then the
    first such line of the page."""
    return sorted(stated_dates(dropped), key=lambda s: (KIND_ORDER.index(s.kind), s.line_no))


def best_stated_date(dropped: Iterable[DroppedLine]) -> StatedDate | None:
    """The date to use among those the removed lines state (see `ranked_stated_dates`)."""
    ranked = ranked_stated_dates(dropped)
    return ranked[0] if ranked else None
