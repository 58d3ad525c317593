"""Turn one scraped article's text into an `Article`: header split off, boilerplate removed,
title found. Every line that is not kept is recorded with the rule that removed it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dipreader.corpus import rules, shapes
from dipreader.corpus.dates import best_stated_date
from dipreader.corpus.layout import (
    Frame,
    Line,
    drop_copies_of_title,
    frame,
    is_headline,
    is_prose,
    word_count,
)
from dipreader.corpus.model import Article, ArticleDate, DroppedLine
from dipreader.corpus.patterns import AGENCY, AGENCY_NAME, AGENCY_NAMES
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
    title: str | None = None  # the page's headline, when the text has one above the body
    kicker: str | None = None


def split_date_header(raw: str, normalised: str) -> tuple[str | None, str]:
    """The scraper's date header token, if the raw first line has one, and the normalised
    text without it."""
    match = shapes.DATE_HEADER.match(raw.lstrip("\ufeff"))
    if not match:
        return None, normalised
    token = match.group(1)
    # Normalising only stripped the header's leading space: it starts the first line.
    return token, normalised[normalised.index(token) + len(token) :].lstrip(" ")


def _agency_of(signature: str) -> str:
    return "/".join(part.strip() for part in signature.split("/"))


# Lines a player shows between its label and its title (`Vidéo`, `01:48`, `Écouter`).
_PLAYER_RULES = frozenset({"media-duration", "buttons"})
_SIGNATURE = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*(?:\s*/\s*[A-Za-z]+(?:-[A-Za-z]+)*)*")
_BYLINE_AGENCY = re.compile(
    r"\b(" + AGENCY + r")\)?$|^(?:sources?\s*:?\s*)?(" + AGENCY_NAME + r")\b", re.IGNORECASE
)


def _lines_of(text: str) -> list[Line]:
    """The non-blank lines, each with the rule that removes it: a caption goes with its
    credit, the line after a label (`Image`, `Crédits`) with the label, the headlines listed
    under a related-stories heading with the heading."""
    lines: list[Line] = []
    blank = True
    label_pending = teaser_pending = False
    teaser_heading = ""
    for number, text_line in enumerate(text.split("\n"), start=1):
        if not text_line:
            blank = True
            continue
        line = Line(number, text_line, blank_before=blank)
        blank = False
        previous = lines[-1] if lines else None
        lines.append(line)
        rule = rules.rule_for(text_line)
        if rule is None:
            if label_pending and word_count(text_line) <= shapes.CAPTION_MAX_WORDS + 10:
                line.drop(rules.CAPTION_RULE)
            elif teaser_pending and not is_prose(text_line) and is_headline(text_line):
                line.drop(rules.TEASER_RULE)
                # `Lire aussi` introduces one story; a box (`Sur le même sujet`) lists several.
                teaser_pending = not shapes.SINGLE_LINK_HEADING.match(teaser_heading)
                continue
            label_pending = teaser_pending = False
            continue
        line.rule, line.action = rule.id, rule.action
        # A label's line may come after a line of its own (`Vidéo`, `01:48`, the headline).
        label_pending = rule.action == "label" or (label_pending and rule.id in _PLAYER_RULES)
        teaser_pending = rule.action == "teaser" or (teaser_pending and rule.action == "drop")
        if rule.action == "teaser":
            teaser_heading = text_line
        # Across a blank line only a photographer's credit takes a short line above it:
        # `Photo : X` under a paragraph credits a picture the scraper did not keep.
        if (
            rule.action == "caption"
            and previous is not None
            and previous.kept
            and (
                (
                    not line.blank_before
                    and word_count(previous.text) <= shapes.CAPTION_MAX_WORDS + 15
                )
                or (
                    word_count(previous.text) <= shapes.CAPTION_MAX_WORDS
                    and (
                        rule.id in shapes.CREDITS_ACROSS_BLANK
                        or shapes.CAPTION_MARKERS.search(previous.text) is not None
                    )
                )
            )
        ):
            previous.drop(rules.CAPTION_RULE)
            previous.caption_of = line
    _give_back_last_captions(lines)
    return lines


def _give_back_last_captions(lines: list[Line]) -> None:
    """A credit after the story's last paragraph is the page's (`© Le Monde`), not a
    photo's: the line above it was no caption, and stays."""
    last_prose = max((i for i, line in enumerate(lines) if line.kept and line.prose), default=None)
    if last_prose is None:  # no story to tell the page's credits from a photo's
        return
    for line in lines[last_prose + 1 :]:
        if line.caption_of is not None and line.rule == rules.CAPTION_RULE:
            line.rule, line.caption_of = None, None


def _sign_off_agency(line: Line) -> str | None:
    match = _SIGNATURE.search(line.text.lstrip("©–—.- ("))
    return _agency_of(match.group(0)) if match else None


def _sign_off_agency_after(lines: list[Line], story: Frame) -> str | None:
    """The agency of a sign-off on a line of its own just after the last paragraph."""
    kept = [i for i, line in enumerate(lines) if line.kept]
    if not kept:
        return None
    end = story.end if story.end is not None else len(lines) - 1
    for line in lines[kept[-1] + 1 : end + 4]:
        if line.action == "sign-off" and (agency := _sign_off_agency(line)):
            return agency
    return None


def _byline_agency(lines: list[Line], story: Frame) -> str | None:
    """`Par NAME (AFP)`, `X avec AFP`: the agency a byline names."""
    for line in lines[: (story.end or 0) + 1]:
        if line.rule == "byline" and (match := _BYLINE_AGENCY.search(line.text)):
            return match.group(1) or AGENCY_NAMES[match.group(2).casefold()]
    return None


def _strip_inline_sign_off(lines: list[Line], body: CleanedBody) -> None:
    """The credits and the sign-off closing the last paragraph go; the agency is kept."""
    kept = [line for line in lines if line.kept]
    if not kept:
        return
    last = kept[-1]
    for pattern, rule in (
        (shapes.INLINE_CREDITS, rules.INLINE_CREDITS_RULE),
        (shapes.INLINE_SIGN_OFF, rules.INLINE_SIGN_OFF_RULE),
    ):
        match = pattern.search(last.text)
        if match and match.start() > 0:
            if rule == rules.INLINE_SIGN_OFF_RULE:
                body.agency = body.agency or _agency_of(match.group(1))
            body.dropped.append(DroppedLine(last.number, match.group(0).strip(), rule))
            last.cut(match.start())


def clean_body(
    text: str, *, find_headline: bool = False, known_title: str | None = None
) -> CleanedBody:
    """Remove boilerplate lines from normalised text (see `normalise_text`); with
    `find_headline`, take the headline and kicker above the body out of it too."""
    body = CleanedBody()
    lines = _lines_of(text)
    story = frame(lines, find_headline=find_headline)
    title_line = story.title
    if title_line is not None:
        body.title = title_line.text
        body.kicker = story.kicker.text if story.kicker else None
        title_line.drop("title")
        if story.kicker:
            story.kicker.drop("kicker")
    title = known_title or body.title
    if title:
        drop_copies_of_title(lines, title, keep=title_line)
    # The story's agency: its sign-off (on a line of its own or closing the last paragraph),
    # else its byline, else its dateline. A credit under a photo names no story's agency.
    after = _sign_off_agency_after(lines, story)
    _strip_inline_sign_off(lines, body)
    body.agency = after or body.agency or _byline_agency(lines, story)
    if body.agency is None:
        lead = next((line.text for line in lines if line.kept), "")
        match = shapes.DATELINE.match(lead)
        body.agency = match.group(2) if match else None
    body.dropped += [
        DroppedLine(line.number, line.text, line.rule)
        for line in lines
        if line.rule not in (None, "title", "kicker")
    ]
    body.dropped.sort(key=lambda d: d.line_no)
    body.paragraphs = [line.text for line in lines if line.kept]
    return body


def derive_title(lead: str) -> str:
    """A short title from the lead's first sentence, cut at a word boundary."""
    text = shapes.DATELINE.sub("", lead, count=1)
    sentence = first_sentence(text)
    if len(sentence) <= shapes.DERIVED_TITLE_MAX_CHARS:
        return sentence
    cut = sentence[: shapes.DERIVED_TITLE_MAX_CHARS + 1].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return cut + "…"


def clean_article(raw: str, source: Path | str, *, article_id: str | None = None) -> Article:
    """Clean one article's raw text (any line ends, possibly with escapes) into an `Article`."""
    from dipreader.corpus.sources import RawArticle

    return clean_raw(RawArticle(text=raw, id_basis=raw), source, article_id=article_id)


def _optional_line(value: str | None) -> str | None:
    """A metadata field as safe and plain as the text: no escapes, controls, surrogates."""
    return normalise_line(value) or None if value else None


def clean_raw(raw: RawArticle, source: Path | str, *, article_id: str | None = None) -> Article:
    """Clean a reader's raw article into an `Article`, its metadata preferred to guesses: a
    title the source gives is the title, and its date the date."""
    normalised = normalise_text(raw.text, keep_leading_blank_lines=True)
    token, without_header = split_date_header(raw.text, normalised)
    given_title = _optional_line(raw.title)
    body = clean_body(
        without_header,
        find_headline=not given_title,
        known_title=" ".join(given_title.split()) if given_title else None,
    )
    date_source = None
    if token is not None:
        body.dropped.insert(0, DroppedLine(1, f"date {token}", rules.HEADER_RULE))
        try:
            body.date, date_source = ArticleDate.parse(token), "header"
        except ValueError:
            body.warnings.append(f"invalid date {token!r} in the header: the article is undated")
        else:
            body.date, date_source = _refined(body.date, body.dropped, date_source)
    if body.date is None:
        body.date, date_source = _best_date(raw, body.dropped)
    paragraphs = body.paragraphs
    title, kicker, derived = "", normalise_text(raw.kicker or "") or None, False

    if given_title:
        title = " ".join(given_title.split())
    elif body.title:
        title, kicker = body.title, body.kicker
    elif paragraphs and is_headline(paragraphs[0]) and not is_prose(paragraphs[0]):
        if len(paragraphs) > 1 and is_headline(paragraphs[1]):
            kicker, title, paragraphs = paragraphs[0], paragraphs[1], paragraphs[2:]
        else:
            title, paragraphs = paragraphs[0], paragraphs[1:]
    elif paragraphs:
        title, derived = derive_title(paragraphs[0]), True
    else:
        title, derived = Path(source).stem, True
        body.warnings.append("no text left after cleaning")

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


def _refined(date: ArticleDate, dropped: list[DroppedLine], source: str) -> tuple[ArticleDate, str]:
    """A header's month made a day by the text's publication line, if that day is in it."""
    stated = best_stated_date(dropped)
    if (
        stated is not None
        and stated.kind == "publication line"
        and date.day is None
        and stated.date.year == date.year
        and (date.month is None or stated.date.month == date.month)
    ):
        return stated.date, stated.source
    return date, source


def _best_date(
    raw: RawArticle, dropped: list[DroppedLine]
) -> tuple[ArticleDate | None, str | None]:
    """The date, from the first source in this order (see docs/architecture.md):
    1. the scraper's header (handled by the caller; a publication line of the text that
    names a day of its month refines it), 2. the source's own metadata (a page's
    `<meta>`, a feed entry's date), 3. a publication line of the text (`Publié le …`),
    4. an update line of the text (`Mis à jour le …`), 5. the agency's metadata (`urn:newsml`
    ids, `Créé :` timestamps), 6. what the reader guessed (a date found elsewhere in the
    page, the HTTP Last-Modified). `dipreader show ID --explain` lists every candidate."""
    if raw.date is not None and raw.date_source in ("header", "metadata"):
        return raw.date, raw.date_source
    stated = best_stated_date(dropped)
    if stated is not None:
        return stated.date, stated.source
    return raw.date, raw.date_source if raw.date is not None else None
