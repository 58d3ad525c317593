"""The cleaning rules, as data: what the cleaner removes from a scraped article, and why.

Each rule has an id (shown by `dipreader show ID --explain`), a one-line reason, and a
pattern matched against one stripped line of the source. The rules go by kind of furniture
(bylines, publication lines, captions, agency metadata, buttons, related-story boxes), not by
outlet: a new outlet's page is cleaned by the forms it shares with the others. Every pattern
refuses a line that ends like a sentence, unless the form cannot be prose (a file name, an
`urn:`), so a body sentence is never taken for furniture.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from dipreader.corpus import patterns as p

# What a match does to its line:
#   drop      the whole line goes
#   caption   the line goes, and so does the caption just above it (see `takes_caption`)
#   label     the line goes, and so does the next one (`Image` + caption, `Crédits` + name)
#   sign-off  the line goes; the agency it names becomes `Article.agency`; the story may end
#   end       the line goes; the story may end here (keywords, related stories, footer)
#   teaser    the line goes with the headlines listed under it; the story may end here
RuleAction = Literal["drop", "caption", "label", "sign-off", "end", "teaser"]
ENDS_STORY: frozenset[str] = frozenset({"sign-off", "end", "teaser"})


@dataclass(frozen=True)
class LineRule:
    id: str
    reason: str
    pattern: re.Pattern[str]
    action: RuleAction = "drop"
    # A condition a regular expression cannot say well (a share of capitalised words).
    when: Callable[[str], bool] | None = None
    # For a pattern anchored at the line's end: search only this many last characters. A
    # search from every position of a long paragraph for an ending costs its length squared.
    tail: int | None = None
    # Furniture is short: a longer line is not searched (None: any length, for the captions
    # that end a long line). Most lines of a story are long, so this is most of the speed.
    max_chars: int | None = 300

    def matches(self, line: str) -> bool:
        if self.max_chars is not None and len(line) > self.max_chars:
            return False
        # The condition first: it is cheap, and it keeps long paragraphs from the searches.
        if self.when is not None and not self.when(line):
            return False
        text = line[-self.tail :] if self.tail is not None else line
        return self.pattern.search(text) is not None


def _rx(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def _short(words: int) -> Callable[[str], bool]:
    # Lines are normalised (single spaces): counting spaces counts words, without a split.
    return lambda line: line.count(" ") < words


_CAPITALISED = re.compile(r"^[\W\d]*[A-ZÀ-ÝĐ]")


_PUNCTUATION = re.compile(r"[.,;:!?«»()]")


def _is_menu(line: str) -> bool:
    """A run of section names: five words or more, nearly all capitalised, no punctuation."""
    if _PUNCTUATION.search(line):  # a sentence, most lines: no need to look at its words
        return False
    words = [word for word in line.split() if any(c.isalpha() for c in word)]
    capitalised = sum(1 for word in words if _CAPITALISED.match(word))
    return len(words) >= 5 and capitalised >= 0.7 * len(words)


_HASHTAG = re.compile(r"(?:^|\s)#\w")


def _is_hashtags(line: str) -> bool:
    """`#Vietnam #États-Unis`: a Markdown heading (`# Titre`) has a space after its mark."""
    return (
        line.startswith("#")
        and len(_HASHTAG.findall(line)) >= 2
        and not re.search(r"[.!?]\s*$", line)
    )


_NO_SENTENCE_END = r"[^.!?]"

LINE_RULES: tuple[LineRule, ...] = (
    LineRule(
        "related-link", "a link to a related story (starts with >>)", _rx(r"^>>"), max_chars=None
    ),
    LineRule(
        "image-label",
        "an image's label (`ảnh 1`), alone or glued to its caption",
        _rx(r"(?:^|[\s-])ảnh \d{1,2}(?=\s*$|[A-ZÀ-ỸĐ(«\"“])", 0),
        when=lambda line: "ảnh" in line,
        max_chars=None,
    ),
    LineRule(
        "media-label",
        "a label above an image or a credit (Image, Légende, Crédits): the next line goes too",
        _rx(
            r"^(?:image|photo|vidéo|video|légende|crédits?(?: photos?)?|illustration"
            r"|(?:texte|écrit|rédigé|propos recueillis|photos?|vidéo) par)\s*:?$"
        ),
        action="label",
    ),
    LineRule(
        "byline",
        "the byline: who wrote the story (Par NAME (AFP), Par : NAME, X avec AFP)",
        _rx(
            r"^(?:par|by)\s*:?\s+(?!ailleurs\b|contre\b|exemple\b|conséquent\b)"
            + _NO_SENTENCE_END
            + r"{2,80}$"
            r"|^(?:"
            + _NO_SENTENCE_END
            + r"{2,40}\s)?avec\s(?:l['’])?(?:"
            + p.AGENCY
            + r"|agences?)$"
            r"|^avec (?:notre|nos|son|sa) (?:correspondante?s?|envoyée?s? spéciale?s?)\b"
            + _NO_SENTENCE_END
            + r"{1,80}$"
            r"|^le reportage de\s" + _NO_SENTENCE_END + r"{2,60}$"
            r"|^(?:texte|écrit|rédigé|propos recueillis|photos?|vidéo|reportage) par\s*:?\s"
            + _NO_SENTENCE_END
            + r"{2,80}$"
            r"|^sources?\s*:?\s*(?:" + p.AGENCY + r"|" + p.AGENCY_NAME + r")$"
            r"|^" + p.AGENCY_NAME + r"(?:\s+(?:à|au|en)\s" + _NO_SENTENCE_END + r"{1,40})?$"
        ),
        action="end",
        when=_short(10),
    ),
    LineRule(
        "staff-credit",
        "who wrote, photographed or checked the story (Auteur : …, Texte : … - Photo : …)",
        _rx(
            r"^(?:auteur|autrice|auteurs|author|texte|textes|rédaction|reporter|journaliste"
            r"|photographe|rédacteur|rédactrice|vérification|traduction|édition|rédigé par)"
            r"\s*:\s*" + _NO_SENTENCE_END + r"{1,160}$"
        ),
        when=_short(24),
    ),
    LineRule(
        "photo-credit",
        "a photo credit on its own line; the caption just above it goes too",
        _rx(
            r"^\(?(?:photo|photos|ảnh|crédits? photos?|photo d['’]illustration)(?:\s*\(cc\))?"
            r"\s*:\s*" + p.CREDIT + r"\)?\s*\|?$"
        ),
        action="caption",
    ),
    LineRule(
        "agency-sign-off",
        "the agency's sign-off at the end of a story (kept as the article's agency)",
        _rx(r"^[–—.-]?\s*\(?(" + p.AGENCY_CHAIN + r")\)?\s*$", 0),
        action="sign-off",
    ),
    LineRule(
        "copyright-sign-off",
        "the agency's copyright closing a dispatch (© 2024 AFP, © Reuters - 2026)",
        # With its year: "© Reuters" alone is a photo's credit.
        _rx(r"^©\s*(?:\d{4}\s+(" + p.AGENCY + r")|(" + p.AGENCY + r")\s*[-–]?\s*\d{4})$", 0),
        action="sign-off",
    ),
    LineRule(
        "photographer-credit",
        "a photographer and an agency on their own line (— NAME / AFP); the caption goes too",
        _rx(r"^[—–-]?\s*" + p.NAME_SLASH_AGENCY + r"$", 0),
        action="caption",
    ),
    LineRule(
        "agency-photo-credit",
        "an agency's photo credit on its own line (KEYSTONE/EPA/NAME); the caption goes too",
        _rx(r"^[A-Z][A-Z-]{1,}(?:/[A-Z][A-Z-]+)+/[A-ZÀ-ÝĐ][A-ZÀ-ÝĐ .'-]{1,40}$", 0),
        action="caption",
    ),
    LineRule(
        "photo-caption",
        "a photo caption that ends with its credit (Photo : X, (Photo : X), © X, NAME / AFP)",
        # No leading `.*`: searched over a long paragraph, it made matching quadratic.
        _rx(
            r"\S\s+(?:photo|photos|ảnh)\s*:\s*" + p.CREDIT + r"\s*\|?$"
            r"|\((?:photo|photos|ảnh|source)\s*:\s*[^()]{1,60}\)\s*\|?$"
            r"|\S\s+©\s*[^.!?©]{1,60}$"
            # VOV closes a caption with a bar where the credit would be.
            r"|\S\s\|$"
        ),
        tail=160,
        max_chars=None,
    ),
    LineRule(
        "photo-caption-agency",
        "a photo caption that ends with its photographer and agency (… 2025. TUNG DAO / AFP)",
        _rx(r"[.,]\s+" + p.NAME_SLASH_AGENCY + r"$|\([^()]{1,40}/\s*" + p.AGENCY + r"\)$", 0),
        tail=160,
        max_chars=None,
    ),
    LineRule(
        "desk-initials",
        "the wire desk's initials closing a dispatch (cl/vdt/roc)",
        _rx(r"^[a-z]{1,4}(?:/[a-z]{1,5}){1,5}$", 0),
        action="end",
    ),
    LineRule(
        "credits-in-parentheses",
        "the story's writers and editors in parentheses ((Rédigé par …, édité par …))",
        _rx(
            r"^\((?:rédigé|reportage|édité|edité|version française|traduit|traduction|écrit"
            r"|avec|par|texte|reporting|writing|editing)\b[^()]*\)$"
        ),
        action="end",
    ),
    LineRule(
        "agency-metadata",
        "the agency's system metadata (urn:newsml ids, timestamps, photo files, field lists)",
        _rx(
            r"urn:newsml:|^" + p.ISO_TIMESTAMP + r"$"
            r"|^[\w .'’-]{1,30}:\s*" + p.ISO_TIMESTAMP + r"$"
            r"|^(?:[\w.-]+|[^:]{1,30}:\s*[\w.-]+)\.(?:jpe?g|png|gif|webp|tiff?)\b[^.!?]*$"
            r"|^(?:[^|:]{1,30}:\s*[^|]{1,60}\|\s*)+[^|:]{1,30}:\s*[^|]{1,60}$"
        ),
        when=_short(40),
        max_chars=400,
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
        "copyright",
        "a copyright or reproduction notice",
        _rx(
            r"^©?\s*(?:tous droits|toute reproduction|copyright|article republié avec"
            r"|ce contenu est protégé par)|tous droits réservés|all rights reserved"
            r"|^©.{0,120}(?:droits|reproduction|rights)"
            r"|^©\s*(?:\d{4}\s+)?[^.!?©]{1,60}\s\d{4}$|^©\s*\d{4}\s"
        ),
        when=_short(30),
        max_chars=400,
    ),
    LineRule(
        "image-credit",
        "an image credit on its own line (© …, Crédits : …); the caption above goes too",
        _rx(r"^(?:©|\(c\)\s|crédits?\s*(?:photos?)?\s*:|image\s*:)\s*" + p.CREDIT + r"$"),
        action="caption",
    ),
    LineRule(
        "source-credit",
        "the source of a picture or table on its own line (Source : X)",
        _rx(r"^sources?\s*:\s*" + p.CREDIT + r"$"),
    ),
    LineRule(
        "media-duration",
        "an audio or video player's time (00:00/04:12, 02:38)",
        _rx(r"^\d{1,2}:\d{2}(?::\d{2})?(?:\s*/\s*\d{1,2}:\d{2}(?::\d{2})?)?$"),
    ),
    LineRule(
        "date-line",
        "a line that is only the publication date or time (Publié le 10/09/2023 - 14:06)",
        _rx(
            r"^" + p.STAMP + r"(?:\s*[-–|,/]\s*" + p.STAMP + r")?$"
            # A source's name with the date glued to it (`Tạp chí Cộng Sản03/09/2025`).
            r"|^[^.!?\d]{2,60}[^\W\d]\d{1,2}/\d{1,2}/\d{4}$"
        ),
    ),
    LineRule(
        "reading-time",
        "the reading time (Lecture 3 min., Temps de lecture : 3 min, 3 mn)",
        _rx(
            r"^(?:temps de lecture\s*:?\s*|lecture\s*:?\s*)?\d{1,3}\s*(?:min|mn|minutes?)\.?"
            r"(?:\s+de lecture)?$"
        ),
    ),
    LineRule(
        "paywall",
        "a subscriber notice (Il vous reste 64 % de cet article à lire…)",
        _rx(
            r"^(?:il vous reste \d+\s?% de cet article|la suite est réservée|article réservé"
            r"|réservé aux abonnés|cet article est réservé)"
        ),
        action="end",
        when=_short(30),
        max_chars=400,
    ),
    LineRule(
        "buttons",
        "the labels of the page's buttons (Partager, Copier le lien, Publicité, Suivre…)",
        _rx(r"^" + p.BUTTON_RUN + r"$"),
    ),
    LineRule(
        "comment-count",
        "the count of readers' comments",
        _rx(r"^\d+\s+(?:commentaires?|réactions?|comments?)$"),
    ),
    LineRule(
        "navigation",
        "the site's navigation: a breadcrumb (A > B > C), a menu, a language switch",
        _rx(
            r"^[^>›]{1,40}(?:\s+[>›»]\s+[^>›]{1,40}){2,}$"
            r"|^[^|.!?]{1,30}(?:\s*\|\s*[^|.!?]{1,30}){2,}$"
        ),
        max_chars=600,
    ),
    LineRule("hashtags", "a list of hashtags", _rx(r"^#\w"), when=_is_hashtags, max_chars=600),
    LineRule(
        "menu",
        "a run of section names (Politique Économie Société Monde…)",
        _rx(r"^[^.,;:!?«»()]+$"),
        when=_is_menu,
        max_chars=600,
    ),
    LineRule(
        "market-quotes",
        "a row of market quotes (CAC 40 8 112,45 +0,38% …)",
        _rx(r"[+-]\d+(?:[,.]\d+)?\s?%.*[+-]\d+(?:[,.]\d+)?\s?%"),
        when=lambda line: "%" in line and len(line) <= 400 and not re.search(r"[.!?]\s*$", line),
        max_chars=400,
    ),
    LineRule(
        "related-heading",
        "the heading of a related-stories, keywords or comments box; the headlines under it go",
        _rx(r"^(?:" + p.TAIL_HEADINGS + r")\s*[:»›>]?$"),
        action="teaser",
    ),
    LineRule(
        "keywords",
        "the story's keywords (Mots-clés : a, b, c)",
        _rx(r"^(?:mots[- ]cl[ée]s|tags?|sujets(?: liés)?|thèmes|keywords)\s*:\s*[^.!?]{0,300}$"),
        action="end",
        max_chars=400,
    ),
    LineRule(
        "read-more",
        "a link to read more or to another story (Lire aussi | …, À lire aussi …)",
        _rx(
            r"^(?:continue reading(?: the main story)?|read more|see also|related(?: articles?)?"
            r"|lire (?:aussi|la suite|plus|également)|(?:à|a) lire (?:aussi|également)"
            r"|voir aussi|en savoir plus)"
            r"(?:\s*[:>»›…|-]?\s*[^.!]{0,200}|\W*)$"
        ),
        max_chars=400,
    ),
    LineRule(
        "promotion",
        "a newsletter or subscription prompt, a blocked embed's notice",
        _rx(
            r"^(?:(?:chaque (?:jour|semaine|matin|soir|lundi|mardi|mercredi|jeudi|vendredi"
            r"|samedi|dimanche),? )?recevez|inscrivez-vous|abonnez-vous|newsletter"
            r"|pensez à vous inscrire|en vous inscrivant|téléchargez l['’]application)"
            + _NO_SENTENCE_END
            + r"{0,160}[.!]?$|^ce contenu n['’]est pas affiché\b"
        ),
        when=_short(30),
        max_chars=400,
    ),
    LineRule(
        "back-to-top",
        "a page navigation link",
        _rx(r"^(?:back to top|retour en haut(?: de (?:la )?page)?|haut de (?:la )?page)\W*$"),
    ),
    LineRule("separator", "a line of punctuation only (-, ***, |)", _rx(r"^[\W_]+$")),
)

RULES_BY_ID: dict[str, LineRule] = {rule.id: rule for rule in LINE_RULES}


def rule_for(line: str) -> LineRule | None:
    """The first rule that removes this stripped, non-blank line, if any."""
    return next((rule for rule in LINE_RULES if rule.matches(line)), None)


# Reasons for the other things the cleaner does to a line, for --explain.
HEADER_RULE = "date-header"
INLINE_SIGN_OFF_RULE = "agency-sign-off-inline"
INLINE_CREDITS_RULE = "credits-in-parentheses-inline"
REPEATED_TITLE_RULE = "repeated-title"
PAGE_HEAD_RULE = "page-head"
AFTER_STORY_RULE = "after-story"
TEASER_RULE = "related-headline"
CAPTION_RULE = "photo-credit-caption"
SPECIAL_REASONS: dict[str, str] = {
    HEADER_RULE: "the scraper's `date YYYY-MM[-DD]` header glued to the first line",
    INLINE_SIGN_OFF_RULE: "the agency's sign-off at the end of the last paragraph (– VNA)",
    INLINE_CREDITS_RULE: "the writers and editors in parentheses closing the last paragraph",
    CAPTION_RULE: "the caption of a photo whose credit or label is next to it",
    REPEATED_TITLE_RULE: "the page's headline repeated (page title, image alt, player)",
    PAGE_HEAD_RULE: "the page above or around the headline: site name, sections, tools",
    AFTER_STORY_RULE: "the page after the story's end (sign-off, keywords, related stories)",
    TEASER_RULE: "a headline listed under a related-stories heading",
}


def reason_for(rule_id: str) -> str:
    """The human reason for a rule id, for `--explain`."""
    if rule_id in RULES_BY_ID:
        return RULES_BY_ID[rule_id].reason
    return SPECIAL_REASONS.get(rule_id, rule_id)
