"""What the app knows between key presses: the corpus, the store, and the list as the user
has narrowed it (search, filter, order). Pure Python, so it is tested without a terminal.

The store stays the one source of truth: this keeps only summaries (tag counts, read and
starred flags) that the list draws, and re-reads them after every change.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from dipreader.corpus import Article, ArticleDate
from dipreader.store.model import Annotation, ArticleState, Tag, short_id
from dipreader.tui.search import SearchIndex, SearchTerm, article_matches, search_terms

if TYPE_CHECKING:
    from dipreader.corpus import Corpus
    from dipreader.store import AnnotationStore
    from dipreader.suggest import Entity, EntityFinder, Suggester, Suggestion

FilterKind = Literal["tag", "untagged", "unread", "starred"]
SUGGESTIONS_KEPT = 64  # articles whose suggestions are kept for when they are shown again


@dataclass(frozen=True)
class ListFilter:
    kind: FilterKind
    tag_id: str | None = None
    label: str = ""  # what the status line shows: "person: Tô Lâm"


_SHORT_ID = re.compile(r"\b[0-9a-f]{8}\b")


class Session:
    def __init__(self, corpus: Corpus, store: AnnotationStore, index: SearchIndex | None) -> None:
        """`index` None: built later (the app shows the list first); until it is set,
        searching folds each article as it goes (slower, same answers)."""
        self.corpus = corpus
        self.store = store
        self.index = index
        self.newest_first = True
        self.search = ""
        self.filter: ListFilter | None = None
        self.tags_by_id: dict[str, Tag] = {}
        self._suggester: Suggester | None = None
        self._suggester_tags: dict[str, Tag] | None = None
        self.suggestion_error: str | None = None
        # The suggestions of the articles last shown: showing one again after a change that
        # does not touch its suggestions (it was marked read, starred) costs nothing.
        self._suggestions_made: dict[tuple[object, ...], list[Suggestion]] = {}
        # The optional recogniser (spaCy) takes ~0.15 s an article: it runs in a worker
        # (`find_entities`) and suggestions use what it found, article by article.
        self._entity_finder: EntityFinder | None = None
        self._entity_lock = threading.Lock()
        self._entities: dict[str, Sequence[Entity]] = {}  # article text -> its entities
        self._corpus_ids = frozenset(article.id for article in corpus.articles)
        self._by_short_id: dict[str, Article] | None = None
        self._tag_counts: Counter[str] = Counter()
        self._tagged_ids: dict[str, set[str]] = {}  # article id -> ids of its tags (if any)
        self._states: dict[str, ArticleState] = {}
        self._annotation_counts: dict[str, int] = {}  # as the store's `annotation_counts`
        self.reload_all()

    # -- summaries ------------------------------------------------------------------------

    def reload_all(self) -> set[str]:
        """Re-read every summary from the store; return the ids of articles that changed."""
        before = {a.id: self.row_key(a.id) for a in self.corpus.articles}
        self.tags_by_id = {tag.id: tag for tag in self.store.tags()}
        self._states = dict(self.store.states())
        self._tag_counts = Counter()
        self._tagged_ids = {}
        for annotation in self.store.annotations():
            if annotation.tag_id is not None:
                self._tag_counts[annotation.article_id] += 1
                self._tagged_ids.setdefault(annotation.article_id, set()).add(annotation.tag_id)
        self._annotation_counts = self.store.annotation_counts()
        return {aid for aid, key in before.items() if key != self.row_key(aid)}

    def reload_changed(self) -> set[str]:
        """After undo or redo: re-read the vocabulary and states, and the annotations of only
        the articles whose annotations may have changed (their count did, or they carry a tag
        that is gone, as a merge leaves them); return the ids of articles whose rows changed."""
        old_tag_ids = set(self.tags_by_id)
        old_states = self._states
        self.tags_by_id = {tag.id: tag for tag in self.store.tags()}
        self._states = dict(self.store.states())
        counts = self.store.annotation_counts()
        touched = {
            aid for aid, count in counts.items() if count != self._annotation_counts.get(aid)
        }
        touched |= {aid for aid in self._annotation_counts if aid not in counts}
        gone = old_tag_ids - set(self.tags_by_id)
        if gone:
            touched |= {aid for aid, tag_ids in self._tagged_ids.items() if tag_ids & gone}
        touched |= {
            aid
            for aid in old_states.keys() | self._states.keys()
            if old_states.get(aid) != self._states.get(aid)
        }
        changed: set[str] = set()
        for article_id in touched:
            before = self._row_key_with(article_id, old_states)
            self._reload_annotations(article_id)
            if before != self.row_key(article_id):
                changed.add(article_id)
        self._annotation_counts = counts
        return changed

    def _row_key_with(self, article_id: str, states: dict[str, ArticleState]) -> tuple[object, ...]:
        state = states.get(article_id) or ArticleState(article_id)
        return (self._tag_counts[article_id], state.read, state.starred, state.title, state.date)

    def _reload_annotations(self, article_id: str) -> None:
        annotations = self.store.annotations(article_id)
        tag_ids = [a.tag_id for a in annotations if a.tag_id]
        self._tag_counts[article_id] = len(tag_ids)
        if tag_ids:
            self._tagged_ids[article_id] = set(tag_ids)
        else:
            self._tagged_ids.pop(article_id, None)
        if annotations:
            self._annotation_counts[article_id] = len(annotations)
        else:
            self._annotation_counts.pop(article_id, None)

    def reload_article(self, article_id: str) -> None:
        self.tags_by_id = {tag.id: tag for tag in self.store.tags()}
        state = self.store.state(article_id)
        if state == ArticleState(article_id):
            self._states.pop(article_id, None)  # as `store.states()` leaves it out
        else:
            self._states[article_id] = state
        self._reload_annotations(article_id)

    def row_key(self, article_id: str) -> tuple[object, ...]:
        """Everything a list row shows that the store can change."""
        state = self.state(article_id)
        return (self._tag_counts[article_id], state.read, state.starred, state.title, state.date)

    def state(self, article_id: str) -> ArticleState:
        return self._states.get(article_id) or ArticleState(article_id)

    def tag_count(self, article_id: str) -> int:
        return self._tag_counts[article_id]

    def articles_per_tag(self) -> dict[str, int]:
        """Tag id -> how many articles carry it (on the whole article or a passage)."""
        counts: Counter[str] = Counter()
        for tag_ids in self._tagged_ids.values():
            counts.update(tag_ids)
        return dict(counts)

    def progress(self) -> tuple[int, int]:
        """(articles with at least one tag, articles in the corpus)."""
        # Drawn after every key: counted over the tagged articles, not the whole corpus (the
        # store may hold articles this corpus no longer has).
        listed = self._corpus_ids
        tagged = sum(1 for article_id in self._tagged_ids if article_id in listed)
        return tagged, len(self.corpus.articles)

    def annotations(self, article_id: str) -> list[Annotation]:
        return self.store.annotations(article_id)

    def suggestions(self, article: Article) -> list[Suggestion]:
        """People and themes the suggester proposes for the article, minus its tags and
        what the analyst turned down. A broken user theme file means no suggestions, and
        `suggestion_error` says why."""
        from dipreader.suggest import LexiconError, Suggester

        if self._suggester is None or self._suggester_tags != self.tags_by_id:
            try:
                if self._suggester is None:
                    entities = self._known_entities if self._entity_finder else None
                    self._suggester = Suggester(list(self.tags_by_id.values()), entities=entities)
                else:
                    self._suggester = self._suggester.with_vocabulary(
                        list(self.tags_by_id.values())
                    )
            except LexiconError as exc:
                self.suggestion_error = str(exc)
                return []
            self.suggestion_error = None
            self._suggester_tags = dict(self.tags_by_id)
            self._suggestions_made.clear()
        applied = frozenset(self._tagged_ids.get(article.id, ()))
        rejected = frozenset(self.store.rejected_suggestions(article.id))
        key = (article.id, rejected, applied, article.text in self._entities)
        made = self._suggestions_made.get(key)
        if made is None:
            made = self._suggester.suggest(article, rejected=rejected, applied=applied)
            if len(self._suggestions_made) >= SUGGESTIONS_KEPT:
                del self._suggestions_made[next(iter(self._suggestions_made))]
            self._suggestions_made[key] = made
        return list(made)

    # -- the optional recogniser -----------------------------------------------------------

    @property
    def has_entities(self) -> bool:
        return self._entity_finder is not None

    @property
    def entity_finder(self) -> EntityFinder | None:
        return self._entity_finder

    def use_entities(self, finder: EntityFinder) -> None:
        """Combine a recogniser's people with the rules from now on (spaCy, once loaded)."""
        self._entity_finder = finder
        if self._suggester is not None:
            self._suggester = self._suggester.with_entities(self._known_entities)
            self._suggestions_made.clear()

    def _known_entities(self, text: str) -> Sequence[Entity]:
        # Never runs the recogniser: an article it has not read yet gets the rules alone.
        return self._entities.get(text, ())

    def needs_entities(self, article: Article) -> bool:
        return self._entity_finder is not None and article.text not in self._entities

    def find_entities(self, article: Article) -> Sequence[Entity]:
        """Run the recogniser on the article (slow: call it in a worker thread; calls from
        several threads take turns, as spaCy's pipeline is not made to be shared)."""
        assert self._entity_finder is not None
        with self._entity_lock:
            return list(self._entity_finder(article.text))

    def entities_found(self, article: Article, entities: Sequence[Entity]) -> None:
        """Keep what `find_entities` returned; the article's next suggestions use it."""
        self._entities[article.text] = entities

    def display(self, article: Article) -> Article:
        """The article with the user's corrections of its title and date applied."""
        state = self.state(article.id)
        date = None
        if state.date:
            try:
                date = ArticleDate.parse(state.date)
            except ValueError:
                date = None
        return article.corrected(title=state.title, date=date)

    def titled(self, description: str) -> str:
        """A history step's description (the store names articles by their first 8 hex
        digits) with each article of the corpus named by its title instead."""
        if self._by_short_id is None:
            self._by_short_id = {short_id(a.id): a for a in self.corpus.articles}
        by_short_id = self._by_short_id

        def title(match: re.Match[str]) -> str:
            article = by_short_id.get(match[0])
            if article is None:
                return match[0]
            shown = " ".join(self.display(article).title.split())
            return f"«{shown if len(shown) <= 40 else shown[:39].rstrip() + '…'}»"

        return _SHORT_ID.sub(title, description)

    # -- the list -------------------------------------------------------------------------

    def visible_articles(self) -> list[Article]:
        terms = search_terms(self.search) if self.search else []
        index = self.index
        if terms and index is not None:
            found = index.matching(terms)
            # The index holds the titles as the files have them: an article the user gave
            # another title (a few at most) is searched as the list shows it.
            for article_id, state in self._states.items():
                article = self.corpus.get(article_id) if state.title else None
                if article is not None:
                    if article_matches(self.display(article), terms):
                        found.add(article_id)
                    else:
                        found.discard(article_id)
            articles = [a for a in self.corpus.articles if a.id in found and self._passes(a, ())]
        elif terms or self.filter is not None:
            articles = [a for a in self.corpus.articles if self._passes(a, terms)]
        else:
            articles = list(self.corpus.articles)
        return articles if self.newest_first else self._oldest_first(articles)

    @staticmethod
    def _oldest_first(articles: list[Article]) -> list[Article]:
        # Undated articles stay last whichever way the dated ones run.
        dated = [a for a in articles if a.date is not None]
        undated = [a for a in articles if a.date is None]
        return dated[::-1] + undated

    def _passes(self, article: Article, terms: Sequence[SearchTerm]) -> bool:
        """Does the article pass the filter, and hold `terms` (searched in its text now: the
        index answers for all articles at once, in `visible_articles`)?"""
        if terms and not article_matches(self.display(article), terms):
            return False
        active = self.filter
        if active is None:
            return True
        if active.kind == "untagged":
            return self._tag_counts[article.id] == 0
        if active.kind == "unread":
            return not self.state(article.id).read
        if active.kind == "starred":
            return self.state(article.id).starred
        return active.tag_id in self._tagged_ids.get(article.id, set())

    def next_unread(
        self, visible: list[Article], current_id: str | None, step: int
    ) -> Article | None:
        """The next (step 1) or previous (step -1) unread article in the list after the
        current one, wrapping around."""
        if not visible:
            return None
        ids = [a.id for a in visible]
        start = ids.index(current_id) if current_id in ids else (-1 if step > 0 else 0)
        count = len(visible)
        for distance in range(1, count + 1):
            candidate = visible[(start + step * distance) % count]
            if not self.state(candidate.id).read and candidate.id != current_id:
                return candidate
        return None
