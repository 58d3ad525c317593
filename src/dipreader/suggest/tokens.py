"""Words of an article's text with their offsets, as the people and theme rules see them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dipreader.folding import fold
from dipreader.sentences import sentence_ends

# Letters with inner hyphens ("Maison-Blanche", "vice-président"); "O’Brien" keeps its apostrophe.
# Other apostrophes split an elision ("l’Agence" -> "l", "Agence").
# A "?" or "\ufffd" between letters stands for a letter lost to a wrong encoding ("Nguy?n"): the
# word stays whole.
_LETTERS = r"[^\W\d_]+(?:[?\ufffd]+[^\W\d_]+)*"
# Digits after letters are part of the word: "G20", "COP28", "Covid-19" are one token each,
# so a cue "G20" is never found in a lone "G".
_WORD = re.compile(rf"(?:O['’](?=[^\W\d_]))?{_LETTERS}\d*(?:-(?:{_LETTERS}|\d+)\d*)*")
# E-mail addresses, web addresses and handles are never names: their words are not tokens.
# Tried at the start of a run of non-spaces only (the look-behind): `\S+@` tried from every
# position rescans each word from each of its letters.
_UNWORDS = re.compile(r"(?<!\S)\S*@\S*|\bhttps?://\S+|\bwww\.\S+")
_CLAUSE_BREAK = re.compile(r"[.!?:;…«»\"“”()\[\]]|\n|(?:^|\s)[–—-](?:\s|$)")


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return fold(word)


# Not frozen: a frozen dataclass sets each field through object.__setattr__, and a long
# article has hundreds of thousands of tokens. Nothing changes a token once made.
@dataclass(slots=True)
class Token:
    """A word of the text: `text[start:end]`, and what the rules need to know about it."""

    start: int
    end: int
    text: str
    folded: str
    # Joined to the previous token by spaces only (no punctuation, no line break).
    joined: bool
    # First word of a sentence, a line, a quotation, a parenthesis or after a colon or dash:
    # where French capitalises an ordinary word.
    clause_start: bool
    # First word of a sentence or a line.
    sentence_start: bool
    # One capital letter followed by a period and a space: the "J." of "Daniel J. Kritenbrink".
    initial: bool
    # Its first letter is a capital (asked of every word, many times: kept, not recomputed).
    capitalised: bool

    @property
    def acronym(self) -> bool:
        """All capitals and more than one letter: "VNA", "ONU", "SG", "USAID"."""
        letters = self.text.replace("-", "")
        return len(letters) > 1 and letters.isupper()


def tokenize(text: str) -> list[Token]:
    """The words of `text` in order, with offsets into it."""
    may_hide = "@" in text or "http" in text or "www." in text
    hidden = [m.span() for m in _UNWORDS.finditer(text)] if may_hide else []
    hidden.append((len(text) + 1, len(text) + 1))  # a sentinel: no bound checks in the loop
    # Where sentences end, as the reader splits them: "M. Knapper" and "J. Biden" go on.
    ends = list(sentence_ends(text))
    ends.append(len(text) + 1)
    # Names bound once: this loop runs for every word of a text that may be 5 MB long.
    tokens: list[Token] = []
    append, fold_word, clause_break = tokens.append, _fold_word, _CLAUSE_BREAK.search
    end_index = hidden_index = previous_end = 0
    previous_initial = False
    next_end = ends[0]
    hidden_start, hidden_end = hidden[0]
    for match in _WORD.finditer(text):
        start, end = match.span()
        while hidden_end <= start:
            hidden_index += 1
            hidden_start, hidden_end = hidden[hidden_index]
        if hidden_start < end:
            continue
        gap = text[previous_end:start]
        word = match.group()
        capitalised = word[0].isupper()
        initial = (
            capitalised
            and len(word) == 1
            and text[end : end + 2] == ". "
            # The last letter of "D.C." is no initial: the period may end the sentence.
            and text[start - 1 : start] != "."
        )
        if previous_initial and gap[:1] == ".":
            # The period after an initial ends no clause either.
            gap = gap[1:]
        # Stops lie between words: any end not yet passed is in this gap.
        ended = next_end <= start
        while next_end <= start:
            end_index += 1
            next_end = ends[end_index]
        if gap == " " and tokens:  # most words: spare the searches
            sentence_start = clause_start = ended
            joined = True
        else:
            sentence_start = not tokens or ended or "\n" in gap
            clause_start = sentence_start or clause_break(gap) is not None
            joined = bool(tokens) and gap != "" and gap.isspace() and "\n" not in gap
        append(
            Token(
                start,
                end,
                word,
                fold_word(word),
                joined,
                clause_start,
                sentence_start,
                initial,
                capitalised,
            )
        )
        previous_end = end
        previous_initial = initial
    return tokens
