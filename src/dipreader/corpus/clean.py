"""Turn one scraped article's text into an `Article`: header split off, boilerplate removed,
title found. Every line that is not kept is recorded with the rule that removed it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from dipreader.corpus import rules
from dipreader.corpus.model import Article, ArticleDate, DroppedLine
from dipreader.corpus.text import content_id, normalise_text


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
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0].rstrip(" .")
    if len(sentence) <= rules.DERIVED_TITLE_MAX_CHARS:
        return sentence
    cut = sentence[: rules.DERIVED_TITLE_MAX_CHARS + 1].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return cut + "…"


def clean_article(raw: str, source: Path | str, *, article_id: str | None = None) -> Article:
    """Clean one article's raw text (any line ends, possibly with escapes) into an `Article`."""
    normalised = normalise_text(raw, keep_leading_blank_lines=True)
    token, without_header = split_date_header(raw, normalised)
    body = clean_body(without_header)
    if token is not None:
        body.dropped.insert(0, DroppedLine(1, f"date {token}", rules.HEADER_RULE))
        try:
            body.date = ArticleDate.parse(token)
        except ValueError:
            body.warnings.append(f"invalid date {token!r} in the header: the article is undated")
    paragraphs = body.paragraphs
    title, kicker, derived = "", None, False

    if paragraphs and is_headline(paragraphs[0]):
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
        id=article_id or content_id(normalised),
        title=title,
        paragraphs=tuple(paragraphs),
        source=Path(source),
        date=body.date,
        title_derived=derived,
        agency=body.agency,
        kicker=kicker,
        dropped=tuple(body.dropped),
        warnings=tuple(body.warnings),
    )
