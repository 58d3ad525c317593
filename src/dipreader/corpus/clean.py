"""Turn one scraped article's text into an `Article`: header split off, boilerplate removed,
title found. Every line that is not kept is recorded with the rule that removed it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dipreader.corpus import rules
from dipreader.corpus.dates import stated_date
from dipreader.corpus.model import Article, ArticleDate, DroppedLine
from dipreader.corpus.text import content_id, normalise_line, normalise_text
from dipreader.sentences import first_sentence

if TYPE_CHECKING:
    from dipreader.corpus.sources import RawArticle


@dataclass
class CleanedBody:
    """What is left of an article once its boilerplate is gone: one paragraph per line."""

    paragraphs: list[str] = field(default_factory=list)
    dropped: list[DroppedLine] = field(default_factory=list)
    date: ArticleDate | None = None
    agency: str | None = None
    warnings: list[str] = field(default_factory=list)


def split_date_header(raw: str, normalised: str) -> tuple[str | None, str]:
    """The scraper's date header token, if the raw first line has one, and the normalised
    text without it."""
    match = rules.DATE_HEADER.match(raw.lstrip("\ufeff"))
    if not match:
        return None, normalised
    token = match.group(1)
    # Normalising only stripped the header's leading space: it starts the first line.
    return token, normalised[normalised.index(token) + len(token) :].lstrip(" ")


def _agency_of(signature: str) -> str:
    return "/".join(part.strip() for part in signature.split("/"))


def clean_body(text: str) -> CleanedBody:
    """Remove boilerplate lines from normalised text (see `normalise_text`)."""
    body = CleanedBody()
    lines = text.split("\n")

    # (line number, text) of each kept line; a caption rule may take back the previous one.
    kept: list[tuple[int, str]] = []
    previous_blank = True
    for number, line in enumerate(lines, start=1):
        if not line:
            previous_blank = True
            continue
        rule = next((r for r in rules.LINE_RULES if r.pattern.search(line)), None)
        if rule is None:
            kept.append((number, line))
        else:
            body.dropped.append(DroppedLine(number, line, rule.id))
            if rule.action == "caption" and not previous_blank and kept:
                caption_no, caption = kept.pop()
                body.dropped.append(DroppedLine(caption_no, caption, "photo-credit-caption"))
            elif rule.action == "sign-off":
                match = re.search(r"[A-Za-z]+(?:\s*/\s*[A-Za-z]+)*", line)
                body.agency = body.agency or (_agency_of(match.group(0)) if match else None)
        previous_blank = False

    if kept:
        number, last = kept[-1]
        match = rules.INLINE_SIGN_OFF.search(last)
        if match and match.start() > 0:
            body.agency = body.agency or _agency_of(match.group(1))
            body.dropped.append(
                DroppedLine(number, match.group(0).strip(), rules.INLINE_SIGN_OFF_RULE)
            )
            kept[-1] = (number, last[: match.start()].rstrip())

    body.dropped.sort(key=lambda d: d.line_no)
    body.paragraphs = [line for _, line in kept]
    return body


def is_headline(line: str) -> bool:
    """A short line that does not end like a sentence and is not a dateline lead."""
    return (
        len(line) <= rules.HEADLINE_MAX_CHARS
        and len(line.split()) <= rules.HEADLINE_MAX_WORDS
        and not rules.SENTENCE_END.search(line)
        and not rules.DATELINE.match(line)
    )


def derive_title(lead: str) -> str:
    """A short title from the lead's first sentence, cut at a word boundary."""
    text = rules.DATELINE.sub("", lead, count=1)
    sentence = first_sentence(text)
    if len(sentence) <= rules.DERIVED_TITLE_MAX_CHARS:
        return sentence
    cut = sentence[: rules.DERIVED_TITLE_MAX_CHARS + 1].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return cut + "…"


def clean_article(raw: str, source: Path | str, *, article_id: str | None = None) -> Article:
    """Clean one article's raw text (any line ends, possibly with escapes) into an `Article`."""
    from dipreader.corpus.sources import RawArticle

    return clean_raw(RawArticle(text=raw, id_basis=raw), source, article_id=article_id)


def _optional_line(value: str | None) -> str | None:
    """A metadata field as safe and plain as the text: no escapes, controls, surrogates."""
    return normalise_line(value) or None if value else None


def _same_line(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def clean_raw(raw: RawArticle, source: Path | str, *, article_id: str | None = None) -> Article:
    """Clean a reader's raw article into an `Article`, its metadata preferred to guesses: a
    title the source gives is the title, and its date the date."""
    normalised = normalise_text(raw.text, keep_leading_blank_lines=True)
    token, without_header = split_date_header(raw.text, normalised)
    body = clean_body(without_header)
    date_source = None
    if token is not None:
        body.dropped.insert(0, DroppedLine(1, f"date {token}", rules.HEADER_RULE))
        try:
            body.date, date_source = ArticleDate.parse(token), "header"
        except ValueError:
            body.warnings.append(f"invalid date {token!r} in the header: the article is undated")
    if body.date is None:
        body.date, date_source = _best_date(raw, body.dropped)
    paragraphs = body.paragraphs
    given_title = _optional_line(raw.title)
    title, kicker, derived = "", normalise_text(raw.kicker or "") or None, False

    if given_title:
        title = " ".join(given_title.split())
        # Pages often repeat their headline at the top of the text.
        if paragraphs and _same_line(paragraphs[0], title):
            line_no = _line_of(paragraphs[0], without_header)
            body.dropped.append(DroppedLine(line_no, paragraphs[0], rules.REPEATED_TITLE_RULE))
            body.dropped.sort(key=lambda d: d.line_no)
            paragraphs = paragraphs[1:]
    elif paragraphs and is_headline(paragraphs[0]):
        if len(paragraphs) > 1 and is_headline(paragraphs[1]):
            kicker, title, paragraphs = paragraphs[0], paragraphs[1], paragraphs[2:]
        else:
            title, paragraphs = paragraphs[0], paragraphs[1:]
    elif paragraphs:
        title, derived = derive_title(paragraphs[0]), True
    else:
        title, derived = Path(source).stem, True
        body.warnings.append("no text left after cleaning")

    if body.agency is None and paragraphs:
        match = rules.DATELINE.match(paragraphs[0])
        body.agency = match.group(1) if match else None

    return Article(
        id=article_id or content_id(normalise_text(raw.id_basis, keep_leading_blank_lines=True)),
        title=title,
        paragraphs=tuple(paragraphs),
        source=Path(source),
        date=body.date,
        title_derived=derived,
        agency=body.agency,
        kicker=kicker,
        dropped=tuple(body.dropped),
        warnings=(*raw.warnings, *body.warnings),
        date_source=date_source if body.date is not None else None,
        authors=tuple(a for a in map(normalise_line, raw.authors) if a),
        site=_optional_line(raw.site),
        url=_optional_line(raw.url),
        language=_optional_line(raw.language),
        summary_only=raw.summary_only,
    )


_UPDATED = re.compile(r"^\W*(?:mis à jour|modifié|actualisé|updated)", re.IGNORECASE)


def _best_date(
    raw: RawArticle, dropped: list[DroppedLine]
) -> tuple[ArticleDate | None, str | None]:
    """The source's own metadata first, then a date the text states on a line of its own
    (a publication line before an update line), then what the reader guessed (a date an
    extractor found elsewhere in the page, the HTTP Last-Modified)."""
    if raw.date is not None and raw.date_source in ("header", "metadata"):
        return raw.date, raw.date_source
    lines = [d.text for d in dropped if d.rule == "date-line"]
    lines.sort(key=lambda line: bool(_UPDATED.match(line)))  # stable: publication first
    for line in lines:
        stated = stated_date(line)
        if stated is not None:
            return stated, "text"
    return raw.date, raw.date_source if raw.date is not None else None


def _line_of(line: str, text: str) -> int:
    """The 1-based number of the first line of `text` that is `line`."""
    for number, candidate in enumerate(text.split("\n"), start=1):
        if candidate == line:
            return number
    return 1
