"""Theme cue phrases found in an article, insensitive to accents, case, plural and feminine
endings, and articles."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from dipreader.suggest.fold import stem
from dipreader.suggest.model import Span
from dipreader.suggest.tokens import Token, tokenize

# Skipped on both sides of a match: "séquelles de la guerre" finds "séquelles des guerres".
ARTICLE_WORDS = frozenset(
    {"le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux", "a"}
)
# A phrase does not run across these: "le commerce. Les échanges" is not "commerce échanges".
_PHRASE_BREAK = re.compile(r"[,;:.!?()\[\]«»\"“”…\n]|\s[–—-]\s")

# Words before a ministry's name ("le ministère de l'Industrie et du Commerce", "le ministre
# vietnamien de la Défense"), and the words that link the capitalised words of that name.
MINISTRY_WORDS = frozenset(
    {"ministere", "ministeres", "ministre", "ministres", "vice-ministre", "vice-ministres",
     "departement", "secretaire", "secretariat"}
)  # fmt: skip
_NAME_LINKS = frozenset(ARTICLE_WORDS | {"et", "les", "aux"})
# An organisation's name spelt out before its acronym: "l'Agence américaine pour le commerce et
# le développement (USTDA)". At most this many words from its first capitalised word.
_ACRONYM_AFTER = re.compile(r"\s*\((?:[A-Z][A-Za-z/&-]*[A-Z])\)")
_MAX_NAME_WORDS = 12
# Words opening an institution's proper name when written with a capital mid-sentence: "à
# l'Université de Floride", "le Commandement de la défense antiaérienne". Its subject words name
# the institution (a professor's university, a signatory's command), not the article's subject.
# Not events or documents ("Sommet", "Partenariat", "Dialogue"), whose names are the subject.
INSTITUTION_HEADS = frozenset(
    {"universite", "universites", "institut", "instituts", "academie", "ecole", "lycee",
     "college", "centre", "commandement", "etat-major", "departement", "fondation"}
)  # fmt: skip
_OF_WORDS = frozenset({"de", "d", "du", "des", "l", "la", "le", "les"})
_OF_PREPOSITIONS = frozenset({"de", "d", "du", "des"})
_MAX_INSTITUTION_WORDS = 16
# A person's description after the name and a comma, up to the next punctuation mark: "Andrew
# Trần, Vietnamien d'outre-mer revenu de Californie", "Lê Huy, de l'Université de Huế". It
# describes the person, as a title does: not the article's subject.
_DESCRIPTION = re.compile(r",\s+(?P<first>[^\W\d_][\w-]*)[^,;:.!?()«»\n]*")


@dataclass(frozen=True)
class CueHit:
    """A cue phrase of theme `theme` found at `span`."""

    theme: str
    cue: str
    span: Span


@lru_cache(maxsize=65536)
def _stem(folded: str) -> str:
    return stem(folded)


def _compile(cues: Iterable[tuple[str, str]]) -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    """(theme, phrase) pairs by the stem of their first word, longest phrase first. A phrase
    of only article words is ignored."""
    by_first: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for theme, phrase in cues:
        stems = tuple(_stem(t.folded) for t in tokenize(phrase) if t.folded not in ARTICLE_WORDS)
        if stems:
            by_first.setdefault(stems[0], []).append((stems, theme, phrase))
    for entries in by_first.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return by_first


class ThemeMatcher:
    """Cue phrases compiled once; `find` then costs one dictionary look-up per word."""

    def __init__(
        self, cues: Iterable[tuple[str, str]], not_cues: Iterable[tuple[str, str]] = ()
    ) -> None:
        """`cues`: (theme, phrase) pairs. `not_cues`: (theme, phrase) pairs where the theme's
        cue words mean something else ("crédits commerciaux" is no trade, "zone économique
        exclusive" no economy): a cue of that theme inside one does not count."""
        self._by_first = _compile(cues)
        self._masks = _compile(not_cues)

    def find(self, text: str, tokens: list[Token]) -> list[CueHit]:
        """Every cue phrase in the text; at one place, each theme's longest phrase only."""
        content = [t for t in tokens if t.folded not in ARTICLE_WORDS]
        stems = [_stem(t.folded) for t in content]
        hits = _scan(self._by_first, text, content, stems)
        if not self._masks:
            return hits
        masks: dict[str, list[Span]] = {}
        for mask in _scan(self._masks, text, content, stems):
            masks.setdefault(mask.theme, []).append(mask.span)
        return [
            hit
            for hit in hits
            if not any(
                m.start <= hit.span.start and hit.span.end <= m.end
                for m in masks.get(hit.theme, ())
            )
        ]


def _scan(
    by_first: dict[str, list[tuple[tuple[str, ...], str, str]]],
    text: str,
    content: list[Token],
    stems: list[str],
) -> list[CueHit]:
    hits: list[CueHit] = []
    covered_until: dict[str, int] = {}
    # The words that start a phrase, found in one pass: most words start none.
    starts = [i for i, first in enumerate(stems) if first in by_first]
    for i in starts:
        first = stems[i]
        for cue_stems, theme, phrase in by_first[first]:
            n = len(cue_stems)
            if covered_until.get(theme, -1) > i or i + n > len(stems):
                continue
            if stems[i : i + n] != list(cue_stems):
                continue
            if any(
                _PHRASE_BREAK.search(text, content[k - 1].end, content[k].start)
                for k in range(i + 1, i + n)
            ):
                continue
            start, end = content[i].start, content[i + n - 1].end
            hits.append(CueHit(theme, phrase, Span(start, end, text[start:end])))
            covered_until[theme] = i + n
    return hits


def institution_names(
    text: str, tokens: list[Token], heads: frozenset[str]
) -> list[tuple[int, int]]:
    """Where the text names a ministry or an organisation rather than a subject: a ministry's
    capitalised name ("ministère de l'Industrie et du Commerce": a forum it organises is not
    about trade) and a name spelt out before its acronym, from its capitalised first word
    (`heads`, lower case with accents: "agence", "conseil") to the acronym."""
    spans: list[tuple[int, int]] = []
    for i, token in enumerate(tokens):
        if token.folded in MINISTRY_WORDS:
            spans += _ministry_name(text, tokens, i)
        elif not token.capitalised:
            continue  # most words: none of the names below starts in lower case
        elif not token.sentence_start and token.folded in INSTITUTION_HEADS:
            spans.append(_institution_name(text, tokens, i))
        elif token.text.lower() in heads:
            for k in range(i, min(i + _MAX_NAME_WORDS, len(tokens))):
                if _ACRONYM_AFTER.match(text, tokens[k].end):
                    spans.append((token.start, tokens[k].end))
                    break
                if k > i and _PHRASE_BREAK.search(text, tokens[k - 1].end, tokens[k].start):
                    break
    return spans


def description_after(text: str, end: int) -> tuple[int, int] | None:
    """The stretch describing the person whose name ends at `end`, if one follows: it opens
    with an affiliation ("de l'Université …") or a capitalised word ("Vietnamien d'outre-mer");
    not a clause ("…, soulignant la coopération"), nor an office ("…, directrice d'un centre
    sur la transition énergétique": her field may well be the article's)."""
    found = _DESCRIPTION.match(text, end)
    if found is None:
        return None
    first = found.group("first")
    if first[0].isupper() or first.lower() in ("de", "du", "des", "d"):
        return (found.start("first"), found.end())
    return None


def _institution_name(text: str, tokens: list[Token], i: int) -> tuple[int, int]:
    """The name opened by the institution word at `i`: its capitalised words and its
    complements after "de", each a word and one adjective ("de la défense antiaérienne et de
    l'armée de l'air du Vietnam"), up to a punctuation mark or any other word."""
    end = tokens[i].end
    after_of = complement = False  # complement: the last word was a lower-case complement
    for k in range(i + 1, min(i + 1 + _MAX_INSTITUTION_WORDS, len(tokens))):
        token, lower = tokens[k], tokens[k].text.lower()
        if text[tokens[k - 1].end : token.start].strip() not in ("", "'", "’"):
            break
        if lower in _OF_WORDS:
            after_of = True
        elif lower == "et" and k + 1 < len(tokens):
            following = tokens[k + 1]
            if not (
                following.text.lower() in _OF_PREPOSITIONS
                or following.capitalised
                or (complement and following.text.lower() not in _OF_WORDS)
            ):
                break  # "et de l'armée", "sciences et technologies"; not "et les étudiants"
        elif token.capitalised or after_of or complement:
            end = token.end
            complement = after_of and not token.capitalised
            after_of = False
        else:
            break
    return (tokens[i].start, end)


def _ministry_name(text: str, tokens: list[Token], i: int) -> list[tuple[int, int]]:
    """The capitalised name after the ministry word at `i` (one lower-case adjective may come
    first: "le ministère vietnamien des Affaires étrangères"), up to a punctuation mark."""
    first = last = None
    for k in range(i + 1, min(i + 1 + _MAX_NAME_WORDS, len(tokens))):
        token = tokens[k]
        if text[tokens[k - 1].end : token.start].strip() not in ("", "'", "’"):
            break
        if token.capitalised:
            first = token.start if first is None else first
            last = token.end
        elif token.folded not in _NAME_LINKS and k > i + 1:
            break
    return [] if first is None or last is None else [(first, last)]
