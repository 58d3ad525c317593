"""The corpus layer's data: what an article is once it has been read and cleaned."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Literal

DatePrecision = Literal["year", "month", "day"]

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class ArticleDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        import datetime

        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        # datetime.date does the calendar checks (month 13, 30 February) for us.
        datetime.date(self.year, self.month or 1, self.day or 1)

    @classmethod
    def parse(cls, text: str) -> ArticleDate:
        """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raise ValueError for anything else."""
        m = _ISO_DATE.match(text.strip())
        if not m:
            raise ValueError(f"not a date: {text!r}")
        year, month, day = (int(g) if g else None for g in m.groups())
        return cls(year, month, day)  # type: ignore[arg-type]

    @property
    def precision(self) -> DatePrecision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def iso(self) -> str:
        """The date written to its precision: `2024`, `2024-11` or `2024-11-03`."""
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def sort_key(self) -> tuple[int, int, int]:
        """Unknown parts sort first: `2024-11` comes before `2024-11-03`."""
        return (self.year, self.month or 0, self.day or 0)

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True)
class DroppedLine:
    """A line of the source that the cleaner removed, and the rule that removed it."""

    line_no: int  # 1-based, in the decoded source
    text: str
    rule: str  # a rule id from dipreader.corpus.rules


@dataclass(frozen=True)
class Article:
    """One cleaned news article.

    `id` is derived from the article's text (not its file name), so annotations survive a
    renamed or moved corpus. Passage offsets elsewhere in dipreader index into `text`: the
    cleaned paragraphs joined by a blank line.
    """

    id: str
    title: str
    paragraphs: tuple[str, ...]
    source: Path
    date: ArticleDate | None = None
    title_derived: bool = False
    agency: str | None = None
    kicker: str | None = None
    dropped: tuple[DroppedLine, ...] = field(default=(), compare=False, repr=False)
    warnings: tuple[str, ...] = field(default=(), compare=False)
    # What the source said about itself (a page's metadata, a feed entry's): None or empty
    # for a plain text file.
    date_source: str | None = None  # header, metadata, text, http or file
    authors: tuple[str, ...] = ()
    site: str | None = None
    url: str | None = None
    language: str | None = None
    # A feed entry whose feed gave only a summary: its page is not in the corpus yet.
    summary_only: bool = False

    PARAGRAPH_SEPARATOR = "\n\n"

    # Cached: the app asks for these for every row and every search over 10k articles.
    # (cached_property writes the instance dict directly, so it works on a frozen dataclass.)
    @cached_property
    def text(self) -> str:
        return self.PARAGRAPH_SEPARATOR.join(self.paragraphs)

    @property
    def lead(self) -> str:
        return self.paragraphs[0] if self.paragraphs else ""

    @cached_property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)

    @property
    def date_precision(self) -> DatePrecision | None:
        return self.date.precision if self.date else None

    def corrected(self, *, title: str | None = None, date: ArticleDate | None = None) -> Article:
        """This article with a user's corrections of its metadata applied."""
        changes: dict[str, object] = {}
        if title is not None:
            changes.update(title=title, title_derived=False)
        if date is not None:
            changes["date"] = date
        return replace(self, **changes) if changes else self


def sort_key_newest_first(article: Article) -> tuple:
    """Newest first, undated last; ties broken by title then id so the order is stable."""
    if article.date is None:
        return (1, 0, 0, 0, article.title.casefold(), article.id)
    year, month, day = article.date.sort_key()
    return (0, -year, -month, -day, article.title.casefold(), article.id)
