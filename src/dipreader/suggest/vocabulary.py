"""The user's vocabulary, indexed once so that every article is searched for its names and
aliases in any accent or case variant."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dipreader.store.model import PERSON, THEME, Tag
from dipreader.suggest.blocked import SpanSet
from dipreader.suggest.fold import is_damaged, same_words
from dipreader.suggest.lexicon import PersonLexicon
from dipreader.suggest.tokens import Token, tokenize


@dataclass(frozen=True)
class VocabularyHit:
    """Tokens `first..last` (inclusive) of an article spell a name or alias of `tag`."""

    tag: Tag
    first: int
    last: int


class VocabularyIndex:
    """Person and user-kind tags by their folded words. Themes are matched as cue phrases by
    `ThemeMatcher`; `themes` lists them for it."""

    def __init__(self, tags: Sequence[Tag], lexicon: PersonLexicon) -> None:
        self._lexicon = lexicon
        self.themes: tuple[Tag, ...] = tuple(t for t in tags if t.kind == THEME)
        self._by_id: dict[str, Tag] = {}
        self._people_by_key: dict[tuple[str, ...], Tag] = {}
        self._people_by_surname: dict[str, dict[str, Tag]] = {}  # surname -> id -> tag
        # Proper ends of full names ("hoai trung" of "le hoai trung") -> the tags ending so.
        self._people_by_ending: dict[tuple[str, ...], dict[str, Tag]] = {}
        # Names by their first two words (one-word names by one): "le" opens thousands of
        # French phrases, "le hoai" few.
        self._sequences: dict[tuple[str, ...], list[tuple[tuple[str, ...], Tag]]] = {}
        for tag in tags:
            self._add(tag)

    def _names(self, tag: Tag) -> list[list[Token]]:
        return [words for name in (tag.name, *tag.aliases) if (words := tokenize(name))]

    def _add(self, tag: Tag) -> None:
        self._by_id[tag.id] = tag
        if tag.kind == THEME:
            return
        for words in self._names(tag):
            folded = tuple(t.folded for t in words)
            self._sequences.setdefault(folded[:2], []).append((folded, tag))
            if tag.kind == PERSON:
                key = self.name_key(words)
                self._people_by_key.setdefault(key, tag)
                for n in range(2, len(key)):
                    self._people_by_ending.setdefault(key[-n:], {})[tag.id] = tag
                if len(key) >= 2:
                    self._people_by_surname.setdefault(key[-1], {})[tag.id] = tag

    def with_tags(self, tags: Sequence[Tag]) -> VocabularyIndex:
        """The index of `tags`. When they are this index's tags plus new ones, a copy gets
        just the new ones (a tag typed in the app costs its own words, not the whole
        vocabulary's); otherwise it is built again.

        Either way it answers as `VocabularyIndex(tags, lexicon)` would, provided the tags
        it had keep their order among themselves (the store lists them in a stable order).
        Order only decides between tags that spell the same name (the first listed wins):
        a new tag listed before such a namesake means a rebuild.
        """
        added = [tag for tag in tags if tag.id not in self._by_id]
        if len(tags) - len(added) != len(self._by_id) or any(
            self._by_id.get(tag.id, tag) != tag for tag in tags
        ):
            return VocabularyIndex(tags, self._lexicon)
        position = {tag.id: n for n, tag in enumerate(tags)}
        copy = VocabularyIndex((), self._lexicon)
        copy.themes = tuple(t for t in tags if t.kind == THEME)
        copy._by_id = dict(self._by_id)
        copy._people_by_key = dict(self._people_by_key)
        copy._people_by_surname = {k: dict(v) for k, v in self._people_by_surname.items()}
        copy._people_by_ending = {k: dict(v) for k, v in self._people_by_ending.items()}
        copy._sequences = {k: list(v) for k, v in self._sequences.items()}
        for tag in added:  # in the order listed: each one after its namesakes so far
            if copy._namesake_after(tag, position):
                return VocabularyIndex(tags, self._lexicon)
            copy._add(tag)
        return copy

    def _namesake_after(self, tag: Tag, position: dict[str, int]) -> bool:
        """Is a tag listed after `tag` already here with one of its names?"""
        if tag.kind == THEME:
            return False
        at = position[tag.id]
        for words in self._names(tag):
            folded = tuple(t.folded for t in words)
            for other_folded, other in self._sequences.get(folded[:2], []):
                if other_folded == folded and position[other.id] > at:
                    return True
            holder = self._people_by_key.get(self.name_key(words))
            if tag.kind == PERSON and holder is not None and position[holder.id] > at:
                return True
        return False

    def tag(self, tag_id: str) -> Tag | None:
        return self._by_id.get(tag_id)

    def name_key(self, words: Sequence[Token]) -> tuple[str, ...]:
        """The words that identify a person: no initials, no particles."""
        particles = self._lexicon.name_particles
        return tuple(t.folded for t in words if not t.initial and t.text not in particles)

    def person_for(self, key: tuple[str, ...]) -> Tag | None:
        """The person tag named `key`, or the only one whose name ends with it ("Hoài Trung")."""
        tag = self._people_by_key.get(key)
        if tag is None and is_damaged(key):
            damaged = {t.id: t for k, t in self._people_by_key.items() if same_words(key, k)}
            tag = next(iter(damaged.values())) if len(damaged) == 1 else None
        if tag is not None or len(key) < 2:
            return tag
        found = self._people_by_ending.get(key, {})
        return next(iter(found.values())) if len(found) == 1 else None

    def person_for_surname(self, word: str) -> Tag | None:
        """The only person tag whose full name ends with the folded `word`, if just one does."""
        tags = self._people_by_surname.get(word, {})
        return next(iter(tags.values())) if len(tags) == 1 else None

    def hits(self, tokens: list[Token], blocked: SpanSet) -> list[VocabularyHit]:
        """Every place in `tokens` that spells a name or alias, longest first where two overlap."""
        found: list[VocabularyHit] = []
        sequences = self._sequences
        if not sequences:
            return found
        # Names bound once, and no list built for a word that starts no name: this runs for
        # every word of the article.
        get, none = sequences.get, ()
        last_index = len(tokens) - 1
        for i, token in enumerate(tokens):
            best: VocabularyHit | None = None
            one = get((token.folded,), none)
            two = get((token.folded, tokens[i + 1].folded), none) if i < last_index else none
            if not one and not two:
                continue
            for folded, tag in (*one, *two):
                n = len(folded)
                if best is not None and best.last - best.first + 1 >= n:
                    continue
                if i + n > len(tokens) or not all(
                    tokens[i + k].folded == folded[k] and tokens[i + k].joined for k in range(1, n)
                ):
                    continue
                if tag.kind == PERSON and not self._person_words(tokens, i, i + n - 1, blocked):
                    continue
                best = VocabularyHit(tag, i, i + n - 1)
            if best is not None and (not found or found[-1].last < best.first):
                found.append(best)
        return found

    def _person_words(self, tokens: list[Token], first: int, last: int, blocked: SpanSet) -> bool:
        words = tokens[first : last + 1]
        if any(not t.capitalised for t in words if t.text not in self._lexicon.name_particles):
            return False
        if blocked.overlaps(words[0].start, words[-1].end):
            return False
        if len(words) == 1 and words[0].clause_start:
            # A one-word alias ("Lê") opening a sentence must not be the article "Le".
            return words[0].text.lower() not in self._lexicon.function_words
        return True
