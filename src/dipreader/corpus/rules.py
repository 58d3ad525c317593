"""The cleaning rules, as data: what the cleaner removes from a scraped article, and why.

Each rule has an id (shown by `dipreader show ID --explain`), a one-line reason, and a
pattern matched against one stripped line of the source. Keeping them here, in one table,
lets a user see exactly why any line was dropped, and lets a new source's boilerplate be
added without touching the cleaner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

# What a match does to its line:
#   drop         the whole line goes
#   caption      the line goes, and so does the caption line directly above it (no blank between)
#   sign-off     the line goes; the agency it names becomes `Article.agency`
RuleAction = Literal["drop", "caption", "sign-off"]


@dataclass(frozen=True)
class LineRule:
    id: str
    reason: str
    pattern: re.Pattern[str]
    action: RuleAction = "drop"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# A credit names an agency or a photographer: "VNA", "Thanh Tuân/VNA/CVN", "AFP", "Reuters".
_CREDIT = r"[^\s.!?:;][^.!?:;]{0,60}"
AGENCIES = ("VNA", "CVN", "AFP", "Reuters", "AP", "Xinhua", "Kyodo", "Yonhap")
_AGENCY = r"(?:" + "|".join(AGENCIES) + r")"

_MONTHS = (
    r"(?:janv|févr|fevr|mars|avr|mai|juin|juil|août|aout|sept|oct|nov|déc|dec|jan|feb|mar|apr"
    r"|may|jun|jul|aug|sep)[a-zéû]*\.?"
)
_DATE = (
    r"(?:(?:[a-z]+,?\s+)?\d{1,2}(?:er)?\s+" + _MONTHS + r"\s+\d{4}"
    r"|" + _MONTHS + r"\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2})"
)
_TIME = r"\d{1,2}\s*[:h]\s*\d{2}(?:\s*(?:GMT|UTC)\s*[+-]?\d{0,2})?"
_DATE_TIME = r"(?:" + _DATE + r"(?:\s*(?:[-–,|à]|at)?\s*" + _TIME + r")?|" + _TIME + r")"
_PUBLISHED = (
    r"(?:publié|mis à jour|modifié|actualisé|published|updated|posted)"
    r"(?:\s+(?:le|on|à|at))?\s*:?"
)

# "Publié le 8 août 2024 à 07h15", alone or followed by "- Mis à jour le …".
_STAMP = r"(?:" + _PUBLISHED + r"\s*(?:" + _DATE_TIME + r")?|" + _DATE_TIME + r")"

LINE_RULES: tuple[LineRule, ...] = (
    LineRule(
        "related-link",
        "a link to a related story (starts with >>)",
        _rx(r"^>>"),
    ),
    LineRule(
        "photo-credit",
        "a photo credit on its own line; the caption just above it goes too",
        _rx(r"^(?:photo|photos|ảnh|crédits? photo)(?:\s*\(cc\))?\s*:\s*" + _CREDIT + r"$"),
        action="caption",
    ),
    LineRule(
        "photo-caption",
        "a photo caption that ends with its credit",
        # No leading `.*`: searched over a long paragraph, it made matching quadratic.
        _rx(r"\S\s+(?:photo|photos)\s*:\s*" + _CREDIT + r"$"),
    ),
    LineRule(
        "agency-sign-off",
        "the agency's sign-off at the end of a story (kept as the article's agency)",
        _rx(r"^[–—-]?\s*\(?(" + _AGENCY + r"(?:\s*/\s*" + _AGENCY + r")*)\)?\s*$"),
        action="sign-off",
    ),
    LineRule(
        "publisher-footer",
        "the publisher's footer (editor, address, licence, phone, e-mail)",
        _rx(
            r"^(?:rédact(?:rice|eur) en chef|directeur de (?:la )?publication|adresse"
            r"|permis de publication|licence|tél(?:éphone)?|fax|e-?mail|courriel)\s*:"
        ),
    ),
    LineRule(
        "image-credit",
        "an image credit on its own line (© …, Crédits : …)",
        _rx(r"^(?:©|\(c\)\s|crédits?\s*(?:photos?)?\s*:|image\s*:)\s*" + _CREDIT + r"$"),
    ),
    LineRule(
        "date-line",
        "a line that is only the publication date or time (Publié le 10/09/2023 - 14:06)",
        _rx(r"^" + _STAMP + r"(?:\s*[-–|,/]\s*" + _STAMP + r")?$"),
    ),
    LineRule(
        "read-more",
        "a link to read more or to another story (Lire aussi, Continue reading…)",
        _rx(
            r"^(?:continue reading(?: the main story)?|read more|see also|related(?: articles?)?"
            r"|lire (?:aussi|la suite|plus)|à lire aussi|voir aussi|en savoir plus)"
            r"(?:\s*[:>»›…-]\s*[^.!?]{0,160}|\W*)$"
        ),
    ),
    LineRule(
        "back-to-top",
        "a page navigation link",
        _rx(r"^(?:back to top|retour en haut(?: de (?:la )?page)?)\W*$"),
    ),
)

RULES_BY_ID: dict[str, LineRule] = {rule.id: rule for rule in LINE_RULES}

# Reasons for the other things the cleaner does to a line, for --explain.
HEADER_RULE = "date-header"
INLINE_SIGN_OFF_RULE = "agency-sign-off-inline"
REPEATED_TITLE_RULE = "repeated-title"
SPECIAL_REASONS: dict[str, str] = {
    HEADER_RULE: "the scraper's `date YYYY-MM[-DD]` header glued to the first line",
    INLINE_SIGN_OFF_RULE: "the agency's sign-off at the end of the last paragraph (– VNA)",
    "photo-credit-caption": "the caption of a photo whose credit follows on the next line",
    REPEATED_TITLE_RULE: "the page's headline repeated at the top of its text",
}


def reason_for(rule_id: str) -> str:
    """The human reason for a rule id, for `--explain`."""
    if rule_id in RULES_BY_ID:
        return RULES_BY_ID[rule_id].reason
    return SPECIAL_REASONS.get(rule_id, rule_id)


# The scraper's header: " date 2024-11 Title…": the leading space is its signature, so a
# sentence that happens to start with "date" is never taken for it.
DATE_HEADER = re.compile(r"^[ \t]+date[ \t]+(\S+)[ \t]*")

# "– VNA" (or "- AFP", "(VNA)") closing the last paragraph.
INLINE_SIGN_OFF = re.compile(r"\s+[–—-]\s*\(?(" + _AGENCY + r"(?:/" + _AGENCY + r")*)\)?\s*$")

# A dateline opening the lead: "Washington (VNA) – …", "Hanoi, 3 mars (AFP) - …".
DATELINE = re.compile(r"^[A-ZÀ-ÝĐ][^()\n]{0,60}\((" + _AGENCY + r")\)\s*[–—-]\s*")

# A line reads as a headline when it is short and does not end like a sentence.
HEADLINE_MAX_WORDS = 24
HEADLINE_MAX_CHARS = 200
SENTENCE_END = re.compile(r"[.;:,]\s*$")

DERIVED_TITLE_MAX_CHARS = 90
