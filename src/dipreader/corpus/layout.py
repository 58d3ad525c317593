"""Where a scraped page's story is: its headline, where its body starts and where it ends.

A scraper that keeps a whole page keeps its furniture around the story: the site's name and
menus above the headline, buttons between the headline and the lead, keywords and related
stories after the sign-off. The line rules remove what they recognise; this module finds the
story's frame in what is left, from the shape of the lines (a headline is short and does not
end like a sentence, a body paragraph is prose), so that a page of an outlet never seen is
framed as well as a known one. When the frame is unclear, lines are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dipreader.corpus import rules, shapes


@dataclass
class Line:
    """One non-blank line of the source, and the rule that removes it (None: kept)."""

    number: int
    text: str
    blank_before: bool
    rule: str | None = None
    action: str | None = None
    caption_of: Line | None = None  # the credit that took this line for its caption
    _prose: bool | None = None  # is_prose(text), worked out once: the frame asks often

    @property
    def prose(self) -> bool:
        if self._prose is None:
            self._prose = is_prose(self.text)
        return self._prose

    def cut(self, end: int) -> None:
        """Keep the text before `end` (a sign-off closing the paragraph goes)."""
        self.text, self._prose = self.text[:end].rstrip(), None

    @property
    def kept(self) -> bool:
        return self.rule is None

    def drop(self, rule: str) -> None:
        if self.rule is None:
            self.rule = rule


def word_count(text: str) -> int:
    return len(text.split())


def is_prose(text: str) -> bool:
    """A sentence of some length, or a line too long to be anything but a paragraph."""
    # A sign-off closing the last paragraph ("… Indo-Pacifique. -VNA") is not its end.
    for closing in (shapes.INLINE_SIGN_OFF, shapes.INLINE_CREDITS):
        if match := closing.search(text):
            text = text[: match.start()]
    words = word_count(text)
    return words >= shapes.PROSE_MIN_WORDS and (
        shapes.PROSE_END.search(text) is not None or words >= 25
    )


def is_headline(text: str) -> bool:
    """A short line that does not end like a sentence and is not a dateline lead."""
    return (
        len(text) <= shapes.HEADLINE_MAX_CHARS
        and word_count(text) <= shapes.HEADLINE_MAX_WORDS
        and not shapes.SENTENCE_END.search(text)
        and not shapes.DATELINE.match(text)
    )


def same_line(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _is_copy_of(text: str, title: str) -> bool:
    """The headline again: alone, or with the site's name after it (`TITLE - Zonebourse`)."""
    if same_line(text, title):
        return True
    head, sep, tail = text.rpartition(" - ")
    return bool(sep) and same_line(head, title) and word_count(tail) <= 4


@dataclass
class Frame:
    title: Line | None = None
    kicker: Line | None = None
    body_start: int | None = None  # an index into the lines
    end: int | None = None  # the last index of the story (the body's last line or sign-off)


def _resumes_from(lines: list[Line]) -> list[bool]:
    """For each index, whether the story visibly goes on from there: two prose lines in a row
    long enough together, or one long paragraph (related-story boxes alternate headlines
    and one-line summaries, footers have short sentences). One pass from the end: linear."""
    triggers = []
    previous_words = 0  # of the line before, if it was prose
    for line in lines:
        words = word_count(line.text) if line.kept and line.prose else 0
        triggers.append(
            words >= shapes.RESUME_MIN_WORDS
            or bool(
                words and previous_words and words + previous_words >= shapes.RESUME_RUN_MIN_WORDS
            )
        )
        previous_words = words
    resumes = [False] * (len(lines) + 1)
    for index in range(len(lines) - 1, -1, -1):
        resumes[index] = triggers[index] or resumes[index + 1]
    return resumes


_UNFINISHED = re.compile(r"[\w,’'(-]$")
_CONTINUES = re.compile(r"^[a-zà-ỹđ]")


def _wraps_into(line: Line, below: Line) -> bool:
    """A sentence wrapped over lines: this one stops mid-sentence, the next, right below it,
    goes on in lower case. Such a line is not a headline."""
    return (
        below.kept
        and not below.blank_before
        and _UNFINISHED.search(line.text) is not None
        and _CONTINUES.match(below.text) is not None
    )


def _is_quoted_headline(lines: list[Line], index: int) -> bool:
    """A headline that reads as prose: a quotation (`« … »`) or a question, not a sentence
    ended by a full stop, with no headline above it (only a kicker or the page) and a
    paragraph below it."""
    line = lines[index]
    if not is_headline(line.text) or line.text.rstrip().endswith((".", "…")):
        return False
    above = next((lines[i] for i in range(index - 1, -1, -1) if lines[i].kept), None)
    if above is not None and is_headline(above.text) and word_count(above.text) >= 3:
        return False
    below = next((lines[i] for i in range(index + 1, len(lines)) if lines[i].kept), None)
    return below is not None and is_prose(below.text)


def find_title(lines: list[Line], body_start: int) -> tuple[Line | None, Line | None]:
    """The headline and its kicker above the body: the nearest headline-like line of three
    words or more before the first paragraph, and the short line right above it."""
    title_index = None
    for index in range(body_start - 1, -1, -1):
        line = lines[index]
        if (
            line.kept
            and is_headline(line.text)
            and word_count(line.text) >= 3
            and not _wraps_into(line, lines[index + 1])
        ):
            title_index = index
            break
    if title_index is None:
        return None, None
    title = lines[title_index]
    above = title_index - 1
    # The headline twice in a row (page title and h1): the kicker is above both.
    while above >= 0 and lines[above].kept and same_line(lines[above].text, title.text):
        above -= 1
    kicker = None
    if above >= 0:
        candidate = lines[above]
        if (
            candidate.kept
            and is_headline(candidate.text)
            and word_count(candidate.text) <= shapes.KICKER_MAX_WORDS
        ):
            kicker = candidate
    return title, kicker


def frame(lines: list[Line], *, find_headline: bool) -> Frame:
    """Find the story in the kept lines and drop the page around it (see the module's doc)."""
    result = Frame()
    start = next((i for i, line in enumerate(lines) if line.kept and line.prose), None)
    if start is None:
        return result
    if find_headline and _is_quoted_headline(lines, start):
        start = next((i for i in range(start + 1, len(lines)) if _is_kept_prose(lines[i])), start)
    # A lead wrapped over lines starts where its first line does.
    while start > 0 and lines[start - 1].kept and _wraps_into(lines[start - 1], lines[start]):
        start -= 1
    result.body_start = start
    if find_headline:
        result.title, result.kicker = find_title(lines, start)
        if result.title is not None:
            top = result.kicker or result.title
            for line in lines[: lines.index(top)]:
                line.drop(rules.PAGE_HEAD_RULE)
            for line in lines[lines.index(result.title) + 1 : start]:
                if is_headline(line.text) and word_count(line.text) <= shapes.KICKER_MAX_WORDS:
                    line.drop(rules.PAGE_HEAD_RULE)
    result.end = _story_end(lines, start)
    last_prose = max(i for i in range(start, result.end + 1) if lines[i].kept and lines[i].prose)
    for line in lines[last_prose + 1 :]:
        line.drop(rules.AFTER_STORY_RULE)
    _drop_lone_short_lines(lines, start, last_prose)
    return result


def _drop_lone_short_lines(lines: list[Line], start: int, end: int) -> None:
    """Short lines the rules do not know, among the page's furniture inside the body, are
    furniture too (a site's name among its buttons): one between two removed lines, or one
    among the removed lines that follow a standfirst. A subheading stands between paragraphs."""
    second = next((i for i in range(start + 1, end + 1) if _is_kept_prose(lines[i])), end)
    after_standfirst = any(not line.kept for line in lines[start + 1 : second])
    for index in range(start + 1, end):
        line = lines[index]
        if not (
            line.kept
            and is_headline(line.text)
            and word_count(line.text) <= shapes.KICKER_MAX_WORDS
            # A question or an exclamation is someone speaking (an interview's question).
            and not line.text.rstrip().endswith(("?", "!", "»", "”"))
        ):
            continue
        # Furniture among the story's header lines (a byline, a date, buttons); a subheading
        # stands before its paragraph, or before a picture and its caption.
        # (A site's name is a word or three; a subheading says more.)
        header = (
            lines[index + 1].rule in shapes.HEADER_FURNITURE
            and after_standfirst
            and word_count(line.text) <= 3
        )
        # One or two words between two removed lines: a label (`Monde`), not a subheading.
        label = (
            word_count(line.text) <= 2 and not lines[index - 1].kept and not lines[index + 1].kept
        )
        if (header and index < second) or label:
            line.drop(rules.PAGE_HEAD_RULE)


def _is_kept_prose(line: Line) -> bool:
    return line.kept and line.prose


def _story_end(lines: list[Line], start: int) -> int:
    """The index of the first sign-off, byline, related-stories heading or keywords line
    after which the story does not go on (else the last line): the story ends with the last
    prose line before it."""
    resumes = _resumes_from(lines)
    for index in range(start, len(lines)):
        line = lines[index]
        ends = line.action in rules.ENDS_STORY or (
            line.kept
            and (
                shapes.INLINE_SIGN_OFF.search(line.text) or shapes.INLINE_CREDITS.search(line.text)
            )
        )
        if ends and not resumes[index + 1]:
            return index
    return len(lines) - 1


def drop_copies_of_title(lines: list[Line], title: str, keep: Line | None) -> None:
    """The headline repeated elsewhere on the page goes (not the headline's own line)."""
    for line in lines:
        if line is not keep and line.kept and _is_copy_of(line.text, title):
            line.drop(rules.REPEATED_TITLE_RULE)
