"""Person names in an article's text, found by the built-in rules.

A name is a run of capitalised words ("Tô Lâm", "Daniel J. Kritenbrink", "Charles de Gaulle")
that survives the filters: places, organisations and agencies cut it, a title or a sentence's
opening word is trimmed off its front, and a name in a credit, byline or street is dropped.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dipreader.suggest.blocked import SpanSet
from dipreader.suggest.lexicon import PersonLexicon, thing_key
from dipreader.suggest.things import (
    Thing,
    listed_thing,
    named_organisation,
    organisation_head,
    thing_after,
    thing_before,
    thing_placed,
)
from dipreader.suggest.tokens import Token

if TYPE_CHECKING:
    from dipreader.store.model import Tag

# How far before a name a title still announces it, in words; for a lone surname ("le
# président Macron") the title must be closer.
TITLE_WINDOW = 16
SINGLE_NAME_TITLE_WINDOW = 3
_MAX_TRIGGER_CHARS = 60
# At most this many words between two words of one title: "secrétaire d'État adjointe".
_TITLE_GAP = 2
_ARTICLES = frozenset({"le", "la", "l", "les"})
# A participle opening a sentence ("Abordant les questions…", "Rencontrant des responsables").
_PARTICIPLE = re.compile(r"^[^\W\d_]{4,}ant$")
_NUMBER_AFTER = re.compile(r" \d")
# One Vietnamese syllable without its marks: optional initial consonant(s), vowels, final.
_VIETNAMESE_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$"
)


def _of_before(tokens: list[Token], first: int) -> bool:
    """Whether "de", "du", "des" or "de l'" stands right before token `first`."""
    i = first - 1
    if i >= 1 and tokens[i].text.lower() == "l":
        i -= 1
    return i >= 0 and tokens[i].text.lower() in ("de", "du", "des", "d")


@dataclass
class NameMention:
    """One occurrence of a name: tokens `first..last` (inclusive) of the article."""

    first: int
    last: int
    start: int
    end: int
    text: str
    key: tuple[str, ...]  # folded name words without initials: ("daniel", "kritenbrink")
    triggers: tuple[str, ...] = ()  # the title before it: ("secrétaire général",)
    # Where the words announcing the name begin ("secrétaire d'État adjoint … Daniel"): theme
    # phrases in a title describe the person's office, not the article.
    title_start: int | None = None
    sources: set[str] = field(default_factory=set)
    tag: Tag | None = None

    @property
    def titled(self) -> bool:
        return bool(self.triggers)


class PersonRules:
    """Finds name mentions in one article's tokens."""

    def __init__(self, lexicon: PersonLexicon) -> None:
        self.lexicon = lexicon
        self._phrases_by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in lexicon.not_name_phrases:
            self._phrases_by_first.setdefault(phrase[0], []).append(phrase)
        # Title phrases by their first and last word: looked up at every word near a name.
        self._title_phrases_by_first: dict[str, list[tuple[str, ...]]] = {}
        self._title_phrases_by_last: dict[str, list[tuple[str, ...]]] = {}
        for phrase in lexicon.title_phrases:
            self._title_phrases_by_first.setdefault(phrase[0], []).append(phrase)
            self._title_phrases_by_last.setdefault(phrase[-1], []).append(phrase)

    def mentions(
        self,
        text: str,
        tokens: list[Token],
        blocked: SpanSet,
        *,
        within: tuple[int, int] | None = None,
        source: str = "rules",
    ) -> list[NameMention]:
        """Name mentions in `tokens` (only those inside the character range `within`, if
        given: an NER entity), each kept only where a person can be."""
        lowercase_words = {t.text for t in tokens if not t.capitalised}
        lo, hi = 0, len(tokens)
        if within is not None:
            # Bisected: a recogniser finds thousands of entities in a long article.
            lo = bisect.bisect_left(tokens, within[0], key=lambda t: t.start)
            hi = bisect.bisect_right(tokens, within[1], lo=lo, key=lambda t: t.end)
        found = []
        thing: Thing | None = None  # the last place or thing: a list may go on after it
        previous: list[int] = []
        function_words = self.lexicon.function_words
        for run in self._runs(tokens, lo, hi):
            opener = tokens[run[0]]
            if len(run) == 1 and opener.clause_start and opener.text.lower() in function_words:
                previous = run  # "Le", "Selon" opening a sentence: most runs, and no name
                continue
            named, previous = named_organisation(self.lexicon, text, tokens, previous, run), run
            if named:
                continue
            listed = listed_thing(self.lexicon, text, tokens, run, thing)
            if listed is not None:
                # Whole runs, even a word no mention is made of: "des groupes comme Intel,
                # Amkor ou Hana Micron".
                thing = listed
                continue
            for part in self._parts(tokens, run):
                mention = self._mention(text, tokens, part, lowercase_words, blocked)
                if isinstance(mention, Thing):
                    thing = mention
                elif mention is not None:
                    mention.sources.add(source)
                    found.append(mention)
        return found

    def _name_like(self, token: Token) -> bool:
        if token.initial:
            return True
        return len(token.text) > 1 and token.capitalised and not token.acronym

    def _runs(self, tokens: list[Token], lo: int, hi: int) -> list[list[int]]:
        """Maximal runs of capitalised words joined by spaces, particles included."""
        runs: list[list[int]] = []
        current: list[int] = []
        name_like = self._name_like
        for i in range(lo, hi):
            token = tokens[i]
            if not current and not token.capitalised:
                continue  # most words: lower case, and no run to end
            continues = bool(current) and token.joined and not self._after_initial_period(tokens, i)
            if name_like(token):
                if not continues and current:
                    runs.append(current)
                    current = []
                current.append(i)
            elif (
                continues
                and token.text in self.lexicon.name_particles
                and i + 1 < hi
                and tokens[i + 1].joined
                and self._name_like(tokens[i + 1])
            ):
                current.append(i)
            elif current:
                runs.append(current)
                current = []
        if current:
            runs.append(current)
        return runs

    def _parts(self, tokens: list[Token], run: list[int]) -> list[list[int]]:
        """A run cut at places and agencies, and ended by an organisation's first word."""
        lex = self.lexicon
        parts: list[list[int]] = []
        part: list[int] = []
        j = 0
        while j < len(run):
            folded = tokens[run[j]].folded
            if self._organisation_head(tokens[run[j]]):
                if j == 0 and self._title_organisation(tokens, run):
                    j += 1  # "du Parti Nguyễn Phú Trọng": the name after it is the title's
                    continue
                break
            if j > 0 and self._organisation_tail(tokens[run[j]]):
                # "Human Rights Watch", "Accounting Agency Rebecca Lynn Hartwell": the words so
                # far are the organisation's; a name may follow it.
                part = []
                j += 1
                continue
            phrase = self._phrase_length(tokens, run, j)
            if phrase or folded in lex.not_name_words:
                if part:
                    parts.append(part)
                part = []
                j += phrase or 1
                continue
            part.append(run[j])
            j += 1
        if part:
            parts.append(part)
        return parts

    def _title_organisation(self, tokens: list[Token], run: list[int]) -> bool:
        """Whether the run opens with an organisation word ending a title, then a full name:
        "le secrétaire général du Parti Nguyễn Phú Trọng"."""
        if len(run) < 3 or tokens[run[0]].folded not in self.lexicon.title_organisations:
            return False
        i = run[0] - 1
        if i >= 1 and tokens[i].text.lower() in ("l", "la"):
            i -= 1
        return (
            i >= 1
            and tokens[i].text.lower() in ("de", "du", "d")
            and tokens[i - 1].folded in self.lexicon.titles
        )

    def _title_phrase(self, tokens: list[Token], i: int, *, ending: bool = False) -> int:
        """The length of a title of several words ("Très Vénérable", "Hòa thượng") starting
        at token `i`, or ending there if `ending`; 0 if none."""
        if not 0 <= i < len(tokens):
            return 0
        by_word = self._title_phrases_by_last if ending else self._title_phrases_by_first
        for phrase in by_word.get(tokens[i].text.lower(), ()):
            first = i - len(phrase) + 1 if ending else i
            if (
                first >= 0
                and first + len(phrase) <= len(tokens)
                and all(tokens[first + k].text.lower() == word for k, word in enumerate(phrase))
            ):
                return len(phrase)
        return 0

    def _phrase_length(self, tokens: list[Token], run: list[int], j: int) -> int:
        longest = 0
        for phrase in self._phrases_by_first.get(tokens[run[j]].folded, ()):
            n = len(phrase)
            if (
                n > longest
                and j + n <= len(run)
                and all(tokens[run[j + k]].folded == phrase[k] for k in range(n))
            ):
                longest = n
        return longest

    def _mention(
        self,
        text: str,
        tokens: list[Token],
        part: list[int],
        lowercase_words: set[str],
        blocked: SpanSet,
    ) -> NameMention | Thing | None:
        lex = self.lexicon
        leading_titles: list[str] = []
        k = 0
        while k < len(part):
            token = tokens[part[k]]
            lower = token.text.lower()
            phrase = self._title_phrase(tokens, part[k])
            if phrase and part[k] + phrase - 1 in part:
                leading_titles.append(
                    " ".join(t.text.lower() for t in tokens[part[k] : part[k] + phrase])
                )
                k += phrase
                continue
            if token.folded in lex.titles:
                leading_titles.append(token.folded)
            elif lower not in lex.name_particles and not (
                k == 0
                and (token.clause_start or self._after_initial_period(tokens, part[0]))
                and self._ordinary_word(tokens, part, lowercase_words)
            ):
                break
            k += 1
        kept = part[k:]
        while kept and (tokens[kept[-1]].initial or tokens[kept[-1]].text in lex.name_particles):
            kept.pop()
        words = [tokens[i] for i in kept if not tokens[i].initial]
        if not words or any(len(t.text) < 2 for t in words):
            return None
        first, last = kept[0], kept[-1]
        start, end = tokens[first].start, tokens[last].end
        if blocked.overlaps(start, end) or self._numbered_or_credit(text, tokens, first, end):
            return None
        if (
            not leading_titles
            and thing_key([tokens[i].folded for i in kept]) in lex.known_things
            and not (first > 0 and tokens[first].joined and tokens[first - 1].folded in lex.titles)
        ):
            # "Quảng Trị", "Tân Sơn Nhất", "Tuổi Trẻ"; but "le colonel Hà Giang" is a person.
            return Thing(start, end, listed=False)
        if not leading_titles and (
            thing_before(lex, text, tokens, first) or thing_after(lex, text, end)
        ):
            return Thing(start, end, listed=True)
        key = tuple(t.folded for t in words if t.text not in lex.name_particles)
        triggers, title_start = self._title_before(text, tokens, part[0], single=len(key) == 1)
        if not leading_titles and not triggers and thing_placed(text, end):
            return Thing(start, end, listed=False)  # "à Yên Phong, dans la province de …"
        # A capitalised title inside the run makes a lone word a person only if it is a form of
        # address: "M. Trump", but not "General Electric".
        if leading_titles and (len(key) >= 2 or leading_titles[-1] in lex.address_titles):
            triggers = (" ".join(leading_titles), *triggers)
        return NameMention(first, last, start, end, text[start:end], key, triggers, title_start)

    def _after_initial_period(self, tokens: list[Token], i: int) -> bool:
        """Whether token `i` opens a sentence after a one-letter word: "le plan B. Le
        président" (but not "Daniel J. Kritenbrink")."""
        if i == 0 or not tokens[i - 1].initial:
            return False
        lower = tokens[i].text.lower()
        return lower in self.lexicon.function_words or bool(_PARTICIPLE.match(lower))

    def _ordinary_word(
        self, tokens: list[Token], part: list[int], lowercase_words: set[str]
    ) -> bool:
        """Whether a sentence's capitalised first word is an ordinary French word."""
        token = tokens[part[0]]
        lower = token.text.lower()
        if token.folded in self.lexicon.vietnamese_family_names and self._vietnamese_name(
            tokens, part[1:]
        ):
            # "Le Hoai Trung" and "Mai Tien Dung" are names whatever "le" and "mai" mean.
            return False
        return (
            lower in self.lexicon.function_words
            or lower in lowercase_words
            or bool(_PARTICIPLE.match(lower))
        )

    def _vietnamese_name(self, tokens: list[Token], rest: list[int]) -> bool:
        return len(rest) >= 2 and all(
            tokens[i].capitalised and _VIETNAMESE_SYLLABLE.match(tokens[i].folded) for i in rest
        )

    def _numbered_or_credit(self, text: str, tokens: list[Token], first: int, end: int) -> bool:
        """Whether the name is followed by a number (a ship or a rig: "Hai Duong 981") or is a
        photographer's credit ("Thanh Tuân/VNA")."""
        if _NUMBER_AFTER.match(text, end):
            return True
        start = tokens[first].start
        # "Thanh Tuân/VNA/CVN", "VNA/Thanh Tuân": a credit, whatever precedes it.
        return text[end : end + 1] == "/" or (start > 0 and text[start - 1] == "/")

    def _title_before(
        self, text: str, tokens: list[Token], first: int, *, single: bool
    ) -> tuple[tuple[str, ...], int | None]:
        """The title announcing the name that starts at token `first`, if any, and where it
        starts. For a lone word
        the title must be close, and in lower case unless a form of address ("M. Trump", but
        not "General Electric")."""
        lex = self.lexicon
        window = SINGLE_NAME_TITLE_WINDOW if single else TITLE_WINDOW
        if tokens[first].sentence_start:
            return (), None  # a title ending the previous sentence is not this name's
        title_tokens: list[tuple[int, int]] = []  # (first token, end) of each title, nearest first
        if single and _of_before(tokens, first):
            # "le vice-président de l'Exim", "le patron de Vingroup": the title's organisation.
            return (), None
        i = first - 1
        adjacent = True  # only titles and articles so far: "…de l'air, le lieutenant-général X"
        while i > max(first - 1 - window, -1):
            token = tokens[i]
            if not adjacent and "," in text[token.end : tokens[i + 1].start]:
                break  # "reçue par le Vénérable X, vice-président du Conseil, puis par Mgr Y"
            adjacent = adjacent and (token.folded in lex.titles or token.text.lower() in _ARTICLES)
            phrase = self._title_phrase(tokens, i, ending=True)
            if token.text in lex.verbs:
                break  # "Le dirigeant vietnamien a félicité Donald Trump": not his title
            if phrase:
                i -= phrase - 1  # "Hòa thượng Thích Trí Quảng"
                title_tokens.append((i, token.end))
            elif token.folded in lex.titles:
                if not single or not token.capitalised or token.folded in lex.address_titles:
                    title_tokens.append((i, token.end))
            elif token.capitalised and not token.acronym and not self._context_word(token):
                break  # another name: a title before it is that name's
            if tokens[i].sentence_start:
                break
            i -= 1
        if not title_tokens:
            return (), None
        # The title words next to one another, from the nearest: "secrétaire d'État adjointe",
        # not "dirigeant vietnamien les salutations du président".
        farthest = title_tokens[0][0]
        for index, _ in title_tokens[1:]:
            if farthest - index > _TITLE_GAP + 1:
                break
            farthest = index
        nearest, end = title_tokens[0]
        phrase = text[tokens[farthest].start : end]
        if len(phrase) > _MAX_TRIGGER_CHARS or "\n" in phrase:
            phrase = text[tokens[nearest].start : end]
        # The stretch where theme words describe the office reaches the farthest title.
        return (phrase.lower(),), tokens[title_tokens[-1][0]].start

    def _organisation_head(self, token: Token) -> bool:
        return organisation_head(self.lexicon, token)

    def _organisation_tail(self, token: Token) -> bool:
        """An English organisation's or place's last word, written without marks: "Agency",
        "Wind"."""
        return token.text.isascii() and token.folded in self.lexicon.organisation_tails

    def _context_word(self, token: Token) -> bool:
        """A capitalised word that may stand between a title and its name ("le secrétaire
        d'État américain", "la directrice de l'Agence …")."""
        lex = self.lexicon
        folded = token.folded
        return (
            folded in lex.not_name_words
            or self._organisation_head(token)
            or self._organisation_tail(token)
            or (token.clause_start and token.text.lower() in lex.function_words)
        )
