"""The shapes of lines the cleaner reads a page by: a dateline, a sign-off closing a
paragraph, what a headline, a paragraph, a caption and a kicker look like. The rule table
(`rules.py`) says what goes; these say where the story is (`layout.py`, `clean.py`)."""

from __future__ import annotations

import re

from dipreader.corpus import patterns as p

# A related-story heading that introduces one story, not a box of them.
SINGLE_LINK_HEADING = re.compile(r"^(?:(?:à |a )?lire (?:aussi|également)|voir aussi)\b", re.I)

# The scraper's header: " date 2024-11 Title…": the leading space is its signature, so a
# sentence that happens to start with "date" is never taken for it.
DATE_HEADER = re.compile(r"^[ \t]+date[ \t]+(\S+)[ \t]*")

# "– VNA" (or "- AFP", "(VNA)", ".-NDEL/VNA", " -VNA") closing the last paragraph.
INLINE_SIGN_OFF = re.compile(r"(?<=[.!?»”\"\s])\s*[–—-]\s*\(?(" + p.AGENCY_CHAIN + r")\)?\s*$")
# "(Rédigé par …, édité par …)" closing the last paragraph.
INLINE_CREDITS = re.compile(
    r"\s+\((?:rédigé|reportage|édité|version française|traduit|écrit)\b[^()]{2,200}\)\s*$",
    re.IGNORECASE,
)

# A dateline opening the lead: "Washington (VNA) – …", "Hanoi, 3 mars (AFP) - …",
# "(VOVWORLD) - …"; group 1 is the place, if any, group 2 the agency.
DATELINE = re.compile(r"^(?:([A-ZÀ-ÝĐ][^()\n]{0,60}?)\s*)?\((" + p.AGENCY + r")\)\s*[–—-]\s*")

# A line reads as a headline when it is short and does not end like a sentence.
HEADLINE_MAX_WORDS = 24
HEADLINE_MAX_CHARS = 200
SENTENCE_END = re.compile(r"[.;:,]\s*$")
# A line reads as prose when it is a sentence of some length.
PROSE_MIN_WORDS = 8
PROSE_END = re.compile(r"[.!?…»”\")]\s*$")
# After a possible end of the story, this much prose means the story goes on.
RESUME_MIN_WORDS = 35
# … or two prose lines in a row this long together (a footer's two short sentences are not).
RESUME_RUN_MIN_WORDS = 30
# A caption above its credit, across a blank line, is at most this long; right above it,
# at most CAPTION_MAX_WORDS + 15 (a paragraph is longer).
CAPTION_MAX_WORDS = 30
CREDITS_ACROSS_BLANK = frozenset({"photographer-credit", "image-credit", "agency-photo-credit"})
# Any credit takes a short line above it across a blank when that line places the people in
# the picture, as only captions do.
CAPTION_MARKERS = re.compile(
    r"\((?:à |en )?(?:gauche|droite|centre|au centre|premier plan|debout|assise?)\b[^()]*\)"
    r"|\bde gauche à droite\b|\bsur (?:la|cette) photo\b",
    re.IGNORECASE,
)
KICKER_MAX_WORDS = 8
# What stands around a story's header: a short unknown line followed by one of these is
# furniture too (a site's name above its byline and date).
HEADER_FURNITURE = frozenset(
    {"byline", "staff-credit", "date-line", "reading-time", "buttons", "comment-count"}
)

DERIVED_TITLE_MAX_CHARS = 90
