"""Dates as articles state them in their text: `Publié le 8 août 2024 à 07h15`,
`08.04.2015 12:46`, `Mis à jour le 3 mars 2024`, `September 10, 2023`."""

from __future__ import annotations

import re

from dipreader.corpus.model import ArticleDate
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
_NUMERIC = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _date(year: str, month: int | None, day: str) -> ArticleDate | None:
    if month is None:
        return None
    try:
        return ArticleDate(int(year), month, int(day))
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
