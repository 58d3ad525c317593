"""Names that are places or things, told by the words around them: "la province de Khánh
Hòa", "au restaurant Bà Mười", "le méthanier Elise Harcourt", and the lists such words open
("les provinces de Cà Mau, Sóc Trăng et Bến Tre"). Used by the person rules (people.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dipreader.folding import fold
from dipreader.suggest.lexicon import PersonLexicon
from dipreader.suggest.tokens import Token

# How many words before a name a place or thing word still names it: "le port international
# de Cam Ranh", "l'ancienne base aérienne de Biên Hòa".
CONTEXT_WINDOW = 6
# Words a look-back for a place or thing word goes through; "de" only after a place word.
_OF = frozenset({"de", "d", "du", "des"})
_ARTICLES = frozenset({"la", "le", "l", "les"})
# Words introducing examples of the noun before them, after a comma too: "les géants du
# secteur, comme Minh Phú et Sao Ta", "les fabricants du défoliant, dont Monsanto". The
# examples are the noun's, whatever "de" stands between.
_EXAMPLES = frozenset({"comme", "dont", "notamment"})
# After a name, an apposition that says what it is: "À Tân Phong, un quartier voisin". Not
# "le"/"la": "Selon Nguyễn Thái Bình, la province exporte" opens the sentence's clause.
_APPOSITION = re.compile(r",\s+(?:un|une)\s+([^\W\d_][\w-]*)")
# After a name, an apposition that places it, as only a place is placed: "à Yên Phong, dans la
# province de Bắc Ninh", "Cam Lâm, au sud de Nha Trang", "Buôn Ma Thuột, chef-lieu de Đắk
# Lắk". The person rules ask only of a name no title announces.
_PLACED = re.compile(
    r",\s+(?:(?:dans|en)\s+(?:la|le|les|l['’])\s*(?P<word>[^\W\d_][\w-]*)"
    r"|(?:au|à\s+l['’])\s*(?:nord|sud|est|ouest|nord-est|nord-ouest|sud-est|sud-ouest|centre|cœur)"
    r"\s+(?:de|du|des|d['’])"
    r"|(?:chef-lieu|capitale)\s+(?:de|du|des|d['’])|à\s+\d+\s*km\s)"
)
# A past participle or a present one ends the look-back: "le navire commandé par", "le groupe
# employant Nguyễn Văn A" name people after them.
_VERB_FORM = re.compile(r"^[^\W\d_]{3,}(?:ant|é|ée|és|ées)$")
# What stands between two names of one list: "les provinces de Cà Mau, Sóc Trăng et Bến Tre",
# "Cái Mép - Thị Vải". Commas only continue a list a place or thing word announced.
_AND_GAP = re.compile(r"^\s*(?:(?:et|ou)\s+(?:(?:de|du|des|d')\s*)?|[-–]\s*)$")
_COMMA_GAP = re.compile(r"^\s*,\s*(?:(?:et|ou)\s+)?(?:(?:de|du|des|d')\s*)?$")
# After a name a comma added to a list, the list goes on: "Cà Mau, Sóc Trăng et Bến Tre". Else
# the comma set off an apposition: "le programme Fulbright, Lê Quang Huy enseigne".
_LIST_GOES_ON = re.compile(r"\s*(?:,\s*|(?:,\s*)?(?:et|ou)\s+)(?:(?:de|du|des|d')\s*)?")


@dataclass
class Thing:
    """A name that is a place, an organisation or a thing; `listed`: a place or thing word
    announced it, so names after it separated by commas belong to its list."""

    start: int
    end: int
    listed: bool


def listed_thing(
    lex: PersonLexicon, text: str, tokens: list[Token], run: list[int], previous: Thing | None
) -> Thing | None:
    """The run as a place or thing if a place or thing word announces it, or if it goes
    on the list of the previous one ("les provinces de Cà Mau, Sóc Trăng et Bến Tre");
    never a run opening with a title ("et M. Trần")."""
    head = tokens[run[0]]
    if head.folded in lex.titles:
        return None
    start, end = head.start, tokens[run[-1]].end
    if previous is not None:
        gap = text[previous.end : start]
        if _AND_GAP.match(gap) or (
            previous.listed and _COMMA_GAP.match(gap) and _list_goes_on(text, end)
        ):
            return Thing(start, end, previous.listed)
    if thing_before(lex, text, tokens, run[0]):
        return Thing(start, end, listed=True)
    return None


def _list_goes_on(text: str, end: int) -> bool:
    after = _LIST_GOES_ON.match(text, end)
    return after is not None and text[after.end() : after.end() + 1].isupper()


def thing_before(lex: PersonLexicon, text: str, tokens: list[Token], first: int) -> bool:
    """Whether a place or thing word announces the name starting at token `first`: "la
    province centrale de Khánh Hòa", "la société texane Halvorsen Wind", "au restaurant Bà
    Mười", "le porte-avions USS Ronald Reagan"; not "le capitaine de frégate Lê Văn A"."""
    if tokens[first].sentence_start:
        return False  # nothing of its sentence before it
    crossed_of = examples = False
    for i in range(first - 1, max(first - 1 - CONTEXT_WINDOW, -1), -1):
        token = tokens[i]
        lower = token.text.lower()
        if not tokens[i + 1].joined:  # joined: spaces only between them, the usual case
            gap = text[token.end : tokens[i + 1].start]
            if "\n" in gap or gap.strip() not in ("", "'", "’", ","):
                return False
            if gap.strip() == "," and tokens[i + 1].text.lower() not in _EXAMPLES:
                return False  # a comma between: "Dans la commune de Tân Hợp, l'ancien …"
        is_place = _listed(token.folded, lex.place_words)
        if is_place or _listed(token.folded, lex.thing_words):
            rank = (
                i >= 2 and tokens[i - 1].text.lower() in _OF and tokens[i - 2].folded in lex.titles
            )
            return (is_place or examples or not crossed_of) and not rank
        if lower in _OF:
            crossed_of = True
        elif lower in _EXAMPLES:
            examples = True
        elif lower in _ARTICLES:
            pass
        elif (
            token.capitalised
            or lower in lex.function_words
            or lower in lex.verbs
            or token.folded in lex.titles
            or _VERB_FORM.match(lower)
        ):
            return False
        if token.sentence_start:
            return False
    return False


def thing_after(lex: PersonLexicon, text: str, end: int) -> bool:
    """Whether an apposition after the name ending at `end` says it is a place or a thing:
    "Tân Phong, un quartier voisin de la base", "Minh Phú, une entreprise de Cà Mau"."""
    after = _APPOSITION.match(text, end)
    if after is None:
        return False
    word = fold(after.group(1))
    return _listed(word, lex.place_words) or _listed(word, lex.thing_words)


def thing_placed(text: str, end: int) -> bool:
    """Whether an apposition after the name ending at `end` places it somewhere, as a place
    is: "Yên Phong, dans la province de Bắc Ninh" (but not "X, dans son discours")."""
    after = _PLACED.match(text, end)
    if after is None:
        return False
    word = after.group("word")
    return word is None or _listed(fold(word), _PLACE_AREAS)


# The areas a place is said to lie in: "dans la province de", "dans le district de".
_PLACE_AREAS = frozenset(
    {"province", "district", "commune", "region", "ville", "zone", "banlieue", "delta",
     "vallee", "peninsule", "baie", "prefecture", "departement", "etat", "comte"}
)  # fmt: skip


def organisation_head(lex: PersonLexicon, token: Token) -> bool:
    """Whether the word opens an organisation's or a place's name ("Comité", "Lac", also
    written "Comite"), but not a Vietnamese syllable with other marks ("Lạc", "Đông")."""
    lower = token.text.lower()
    if lower.isascii():
        return token.folded in lex.organisation_heads
    return lower in lex.organisation_heads_written


def named_organisation(
    lex: PersonLexicon, text: str, tokens: list[Token], previous: list[int], run: list[int]
) -> bool:
    """Whether `run` ends an organisation named after people that `previous` opened: "la
    Fondation Bill & Melinda Gates", "l'Institut Marie et Pierre Curie" (after "et", only
    when a lone first name awaits the surname the run brings)."""
    heads = [k for k, i in enumerate(previous) if organisation_head(lex, tokens[i])]
    if not heads or heads[-1] == len(previous) - 1:
        return False
    after_head = previous[heads[-1] + 1 :]
    if any(tokens[i].text in lex.name_particles for i in after_head):
        return False  # "l'Université de Hanoi et Nguyễn Văn An": a place, then a person
    gap = text[tokens[previous[-1]].end : tokens[run[0]].start]
    if gap.strip() == "&":
        return True
    return gap.strip() == "et" and len(after_head) == 1 and len(run) <= 2


def _listed(folded: str, words: frozenset[str]) -> bool:
    """In `words`, in the singular or the plural: "géants" is "géant", "hôpitaux" "hôpital"."""
    return folded in _with_plurals(words)


@lru_cache(maxsize=16)
def _with_plurals(words: frozenset[str]) -> frozenset[str]:
    """`words` and their plurals (-s, -x, -al -> -aux): one look-up per word of the text, not
    three (this is asked of every word before every name)."""
    plurals = {w + "s" for w in words} | {w + "x" for w in words}
    plurals |= {w[:-2] + "aux" for w in words if w.endswith("al")}
    return words | plurals
