"""`Suggester`: people and themes for an article, from the rules, the user's vocabulary and,
optionally, a named-entity recogniser."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dipreader.collector import collector_paused
from dipreader.folding import fold
from dipreader.store.model import PERSON, THEME, Tag
from dipreader.suggest.blocked import SpanSet, blocked_ranges
from dipreader.suggest.grouping import group_mentions, merge_overlapping
from dipreader.suggest.lexicon import Theme, load_themes, person_lexicon
from dipreader.suggest.model import Span, Suggestion, SuggestionSource, suggestion_key
from dipreader.suggest.people import NameMention, PersonRules
from dipreader.suggest.themes import CueHit, ThemeMatcher, description_after, institution_names
from dipreader.suggest.tokens import Token, tokenize
from dipreader.suggest.vocabulary import VocabularyHit, VocabularyIndex

if TYPE_CHECKING:
    from dipreader.corpus.model import Article

# A recogniser's entities in a text: (start, end, label) with labels as spaCy's French models
# give them (PER, LOC, ORG, MISC).
Entity = tuple[int, int, str]
EntityFinder = Callable[[str], Sequence[Entity]]
PERSON_LABELS = frozenset({"PER", "PERSON"})

# Characters beyond which suggesting pauses the cyclic garbage collector (about 200 kB).
_PAUSE_COLLECTOR = 200_000
# Characters beyond which a text is read in pieces, on every core (see long_text.py).
LONG_TEXT = 1_000_000
_KIND_ORDER = {PERSON: 0, THEME: 1}


class Suggester:
    """Suggestions for one article at a time, with everything that does not depend on the
    article (word lists, theme phrases, the vocabulary) prepared once."""

    def __init__(
        self,
        vocabulary: Sequence[Tag] = (),
        *,
        themes: Sequence[Theme] | None = None,
        user_themes: Path | None = None,
        entities: EntityFinder | None = None,
        index: VocabularyIndex | None = None,
        previous: Suggester | None = None,
    ) -> None:
        """`themes` replaces the lexicon (tests); otherwise the built-in themes are read with
        the user's file at `user_themes` (None: the default location) applied.
        `entities` adds a named-entity recogniser's people to the rules' (see `nlp.py`).
        `index`: the vocabulary already indexed (by `with_vocabulary`); `previous`: the
        suggester it replaces, whose theme phrases are kept if they are the same."""
        self.lexicon = person_lexicon()
        self.themes: tuple[Theme, ...] = (
            tuple(themes) if themes is not None else load_themes(user_themes)
        )
        self.entities = entities
        self._rules = PersonRules(self.lexicon)
        self._vocabulary_tags = tuple(vocabulary)
        self._vocabulary = index if index is not None else VocabularyIndex(vocabulary, self.lexicon)
        self._theme_tags = self._match_theme_tags(self._vocabulary.themes)
        cues = [(t.name, cue) for t in self.themes for cue in t.cues]
        for tag in self._vocabulary.themes:
            # A theme tag's own name and aliases are phrases too: "dioxine" finds "dioxine".
            owner = self._theme_of_tag.get(tag.id, tag.name)
            cues += [(owner, phrase) for phrase in (tag.name, *tag.aliases)]
        self._cues = cues
        self._not_cues = [(t.name, phrase) for t in self.themes for phrase in t.not_cues]
        # Compiling the phrases is most of a new suggester's cost (5 ms): a person added to
        # the vocabulary, the usual change, leaves them as they were.
        if previous is not None and (previous._cues, previous._not_cues) == (
            cues,
            self._not_cues,
        ):
            self._matcher = previous._matcher
        else:
            self._matcher = ThemeMatcher(cues, self._not_cues)

    @property
    def vocabulary_tags(self) -> tuple[Tag, ...]:
        """The vocabulary this suggester was made with."""
        return self._vocabulary_tags

    def with_vocabulary(self, vocabulary: Sequence[Tag]) -> Suggester:
        """This suggester for a changed vocabulary (the analyst added a tag or an alias),
        keeping its themes and recogniser: no file is read again, and tags added to the
        vocabulary are indexed alone."""
        return Suggester(
            vocabulary,
            themes=self.themes,
            entities=self.entities,
            index=self._vocabulary.with_tags(vocabulary),
            previous=self,
        )

    def with_entities(self, entities: EntityFinder | None) -> Suggester:
        """This suggester with a recogniser added (once spaCy has loaded) or removed."""
        return Suggester(
            self._vocabulary_tags,
            themes=self.themes,
            entities=entities,
            index=self._vocabulary,
            previous=self,
        )

    def _match_theme_tags(self, tags: Sequence[Tag]) -> dict[str, Tag]:
        """Lexicon theme name -> the vocabulary tag that is that theme (by name or alias)."""
        self._theme_of_tag: dict[str, str] = {}
        found: dict[str, Tag] = {}
        for theme in self.themes:
            names = {fold(n) for n in (theme.name, *theme.aliases)}
            for tag in tags:
                if tag.id not in self._theme_of_tag and names & {
                    fold(n) for n in (tag.name, *tag.aliases)
                }:
                    found.setdefault(theme.name, tag)
                    self._theme_of_tag[tag.id] = theme.name
        return found

    def suggest(
        self,
        article: Article,
        *,
        rejected: Collection[str] = frozenset(),
        applied: Collection[str] = frozenset(),
    ) -> list[Suggestion]:
        """Suggestions for `article`, surest first within each kind (people, themes, others).

        `rejected`: keys (`Suggestion.key`) the analyst rejected on this article; a suggestion
        whose name, tag name or alias has a rejected key is left out. `applied`: ids of tags
        already on the article, left out too.
        """
        text = article.text
        if len(text) > LONG_TEXT:
            from dipreader.suggest.long_text import gather_in_pieces

            gathered = gather_in_pieces(self, text)
        else:
            gathered = self.gather(text)
        found = self._people(gathered)
        found += self._themes(gathered)
        found += self._other_kinds(gathered)
        kept = [
            s
            for s in found
            if (s.tag_id is None or s.tag_id not in applied) and not self._rejected(s, rejected)
        ]
        return sorted(
            kept,
            key=lambda s: (_KIND_ORDER.get(s.kind, 2), s.kind, -s.score, s.evidence[0].start),
        )

    def gather(self, text: str) -> Gathered:
        """What the text says, before suggestions are made of it: the mentions of people, the
        theme phrases (not those inside a title or an institution's name), the other
        vocabulary tags' words. Offsets are into `text`, so the findings of pieces of a long
        text, shifted, add up to the whole's (see `long_text.py`)."""
        # A long text makes a token per word: hundreds of thousands of objects, no cycle
        # among them, which would set off full collections of the whole process.
        with collector_paused() if len(text) > _PAUSE_COLLECTOR else nullcontext():
            tokens = tokenize(text)
            blocked = blocked_ranges(text, tokens, self.lexicon)
            hits = self._vocabulary.hits(tokens, blocked)
            mentions, titles = self._mentions(text, tokens, blocked, hits)
            heads = self.lexicon.organisation_heads_written
            in_titles = SpanSet(titles + institution_names(text, tokens, heads))
            # "la sous-secrétaire adjointe à la Défense Sasha Baker" is not about defence, nor
            # a forum of "the ministry of Industry and Trade" about trade.
            cues = [
                hit
                for hit in self._matcher.find(text, tokens)
                if not in_titles.covers(hit.span.start, hit.span.end)
            ]
            others = [
                (hit.tag, _span(text, tokens[hit.first].start, tokens[hit.last].end))
                for hit in hits
                if hit.tag.kind not in (PERSON, THEME)
            ]
        return Gathered(mentions, cues, others)

    # people

    def _mentions(
        self, text: str, tokens: list[Token], blocked: SpanSet, hits: list[VocabularyHit]
    ) -> tuple[list[NameMention], list[tuple[int, int]]]:
        """The people's mentions, and the stretches of text that are their titles."""
        mentions = self._rules.mentions(text, tokens, blocked)
        for hit in hits:
            if hit.tag.kind == PERSON:
                words = tokens[hit.first : hit.last + 1]
                start, end = words[0].start, words[-1].end
                key = self._vocabulary.name_key(words)
                mentions.append(
                    NameMention(
                        hit.first,
                        hit.last,
                        start,
                        end,
                        text[start:end],
                        key,
                        sources={"vocabulary"},
                        tag=hit.tag,
                    )
                )
        vetoed: set[tuple[int, int]] = set()
        if self.entities is not None:
            ner_mentions, vetoed = self._entity_mentions(text, tokens, blocked)
            mentions += ner_mentions
        # The recogniser overrules the rules alone on what it calls a place or an organisation,
        # unless a title announces the name.
        mentions = [
            m
            for m in merge_overlapping(mentions)
            if m.sources != {"rules"} or m.titled or (m.start, m.end) not in vetoed
        ]
        titles = [(m.title_start, m.start) for m in mentions if m.title_start is not None]
        titles += [
            described for m in mentions if (described := description_after(text, m.end)) is not None
        ]
        return mentions, titles

    def _people(self, gathered: Gathered) -> list[Suggestion]:
        return [
            suggestion
            for group in group_mentions(gathered.mentions)
            if (suggestion := self._person_suggestion(group)) is not None
        ]

    def _entity_mentions(
        self, text: str, tokens: list[Token], blocked: SpanSet
    ) -> tuple[list[NameMention], set[tuple[int, int]]]:
        """The recogniser's people as mentions, and the stretches it calls something else."""
        assert self.entities is not None
        people: list[NameMention] = []
        others: set[tuple[int, int]] = set()
        for start, end, label in self.entities(text):
            if label in PERSON_LABELS:
                people += self._rules.mentions(
                    text, tokens, blocked, within=(start, end), source="spacy"
                )
            else:
                others.add((start, end))
        return people, others

    def _person_suggestion(self, group: list[NameMention]) -> Suggestion | None:
        sources = set().union(*(m.sources for m in group))
        tag = self._group_tag(group)
        full = any(len(m.key) >= 2 for m in group)
        titled = any(m.titled for m in group)
        # The rules stand behind a full name or a titled one; a lone untitled word is a person
        # only if the vocabulary or the recogniser says so.
        by_rules = "rules" in sources and (full or titled)
        if tag is not None:
            source: SuggestionSource = "vocabulary"
            score = 0.9 if full or "vocabulary" in sources else 0.5
        elif by_rules:
            source = "rules"
            score = (0.7 if full else 0.55) + (0.15 if full and titled else 0.0)
        elif "spacy" in sources:
            source, score = "spacy", 0.5
        else:
            return None
        if "spacy" in sources and source != "spacy":
            score += 0.05
        score += 0.05 * min(len(group) - 1, 2)
        triggers = tuple(dict.fromkeys(t for m in group for t in m.triggers))
        name = tag.name if tag is not None else _display_name(group)
        evidence = tuple(Span(m.start, m.end, m.text) for m in group)
        return Suggestion(
            PERSON,
            name,
            tag.id if tag else None,
            evidence,
            source,
            round(min(score, 1.0), 2),
            triggers,
        )

    def _group_tag(self, group: list[NameMention]) -> Tag | None:
        votes = Counter(m.tag.id for m in group if m.tag is not None)
        if votes:
            best = votes.most_common(1)[0][0]
            return next(m.tag for m in group if m.tag is not None and m.tag.id == best)
        for key in sorted({m.key for m in group}, key=len, reverse=True):
            tag = self._vocabulary.person_for(key)
            if tag is not None:
                return tag
        if all(len(m.key) == 1 for m in group):
            return self._vocabulary.person_for_surname(group[0].key[0])
        return None

    # themes

    def _themes(self, gathered: Gathered) -> list[Suggestion]:
        by_theme: dict[str, list[CueHit]] = {}
        for hit in gathered.cues:
            by_theme.setdefault(hit.theme, []).append(hit)
        tags_by_name = {t.name: t for t in self._vocabulary.themes}
        found = []
        for theme, hits in by_theme.items():
            tag = self._theme_tags.get(theme) or tags_by_name.get(theme)
            lexicon_theme = any(t.name == theme for t in self.themes)
            source: SuggestionSource = "rules" if lexicon_theme and tag is None else "vocabulary"
            cues = tuple(dict.fromkeys(h.cue for h in hits))
            score = min(1.0, 0.5 + 0.1 * (len(cues) - 1) + 0.05 * (len(hits) - 1))
            found.append(
                Suggestion(
                    THEME,
                    tag.name if tag else theme,
                    tag.id if tag else None,
                    tuple(h.span for h in hits),
                    source,
                    round(score, 2),
                    cues,
                )
            )
        return found

    # other kinds: places, organisations… whatever the user's vocabulary holds

    def _other_kinds(self, gathered: Gathered) -> list[Suggestion]:
        by_tag: dict[str, list[tuple[Tag, Span]]] = {}
        for tag, span in gathered.others:
            by_tag.setdefault(tag.id, []).append((tag, span))
        found = []
        for tag_hits in by_tag.values():
            tag = tag_hits[0][0]
            evidence = tuple(span for _, span in tag_hits)
            score = min(1.0, 0.8 + 0.05 * (len(tag_hits) - 1))
            found.append(
                Suggestion(tag.kind, tag.name, tag.id, evidence, "vocabulary", round(score, 2))
            )
        return found

    def _rejected(self, suggestion: Suggestion, rejected: Collection[str]) -> bool:
        if not rejected:
            return False
        names = [suggestion.name]
        if suggestion.tag_id is not None:
            tag = self._vocabulary.tag(suggestion.tag_id)
            if tag is not None:
                names += [tag.name, *tag.aliases]
        if suggestion.kind == PERSON:
            names += [span.text for span in suggestion.evidence]
        return any(suggestion_key(suggestion.kind, n) in rejected for n in names)


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


@dataclass
class Gathered:
    """What `Suggester.gather` found in a text: mentions of people, theme phrases (outside
    titles and institutions' names), and other vocabulary tags with their words."""

    mentions: list[NameMention] = field(default_factory=list)
    cues: list[CueHit] = field(default_factory=list)
    others: list[tuple[Tag, Span]] = field(default_factory=list)


def _display_name(group: list[NameMention]) -> str:
    """The fullest spelling: most words, then most accents, then most frequent, then first."""
    counts = Counter(m.text for m in group)
    order = {text: i for i, text in reversed(list(enumerate(m.text for m in group)))}

    def rank(text: str) -> tuple[int, int, int, int]:
        accents = sum(1 for ch in text if not ch.isascii())
        return (-len(text.split()), -accents, -counts[text], order[text])

    return min(counts, key=rank)


def suggest(
    article: Article,
    vocabulary: Sequence[Tag] = (),
    rejected: Collection[str] = frozenset(),
    *,
    applied: Collection[str] = frozenset(),
) -> list[Suggestion]:
    """Suggestions for one article. Builds a `Suggester` each call: for many articles, make one
    `Suggester` and call its `suggest`."""
    return Suggester(vocabulary).suggest(article, rejected=rejected, applied=applied)
