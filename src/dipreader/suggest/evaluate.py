"""How the suggestions compare with an analyst's annotations (a gold standard): precision and
recall per kind, with every miss and false hit named."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dipreader.folding import fold
from dipreader.store.model import PERSON, THEME, Annotation, Tag
from dipreader.suggest.suggester import Suggester
from dipreader.suggest.tokens import tokenize

if TYPE_CHECKING:
    from dipreader.corpus.model import Article

DEFAULT_KINDS = (PERSON, THEME)


@dataclass(frozen=True)
class Miss:
    """A gold tag of an article that no suggestion proposed."""

    article_id: str
    name: str


@dataclass(frozen=True)
class FalseHit:
    """A suggestion that matches none of the article's gold tags of its kind."""

    article_id: str
    name: str
    evidence: str  # the first words of the article behind it


@dataclass
class KindResult:
    kind: str
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    misses: list[Miss] = field(default_factory=list)
    false_hits: list[FalseHit] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        suggested = self.true_positives + self.false_positives
        return self.true_positives / suggested if suggested else None

    @property
    def recall(self) -> float | None:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else None


@dataclass
class Evaluation:
    kinds: dict[str, KindResult]
    articles: list[str]  # ids of the articles compared
    not_in_corpus: list[str]  # gold articles the corpus does not have

    def to_json(self) -> dict[str, Any]:
        return {
            "articles": len(self.articles),
            "not_in_corpus": self.not_in_corpus,
            "kinds": {
                kind: {
                    "precision": result.precision,
                    "recall": result.recall,
                    "true_positives": result.true_positives,
                    "false_positives": result.false_positives,
                    "false_negatives": result.false_negatives,
                    "misses": [vars(m) for m in result.misses],
                    "false_hits": [vars(h) for h in result.false_hits],
                }
                for kind, result in self.kinds.items()
            },
        }


def name_key(name: str) -> str:
    """Names compared by their words without accents, case or initials: "Daniel J.
    Kritenbrink" is "Daniel Kritenbrink"."""
    words = [t.folded for t in tokenize(name) if not t.initial]
    return " ".join(words) if words else fold(name)


class _GoldNames:
    """Gold tags of one kind by every folded spelling: name and aliases."""

    def __init__(self, tags: Sequence[Tag]) -> None:
        self._by_key: dict[str, Tag] = {}
        for tag in tags:
            for name in (tag.name, *tag.aliases):
                self._by_key.setdefault(name_key(name), tag)

    def find(self, names: Sequence[str], prefer: Collection[str]) -> Tag | None:
        """The tag one of `names` spells, one whose id is in `prefer` if there is one: a
        theme's aliases may name both a default tag and the analyst's own."""
        found = [t for n in names if (t := self._by_key.get(name_key(n))) is not None]
        return next((t for t in found if t.id in prefer), found[0] if found else None)


def evaluate(
    articles: Sequence[Article],
    gold_tags: Sequence[Tag],
    gold_annotations: Sequence[Annotation],
    gold_article_ids: Collection[str],
    suggester: Suggester,
    kinds: Sequence[str] = DEFAULT_KINDS,
) -> Evaluation:
    """Compare `suggester`'s suggestions on each gold article found in `articles` with the gold
    tags of that article (whole-article and passage tags alike).

    A suggestion matches a gold tag when its name, or for a theme one of the lexicon theme's
    aliases, is the tag's name or an alias in another accent, case or initial variant. A kind
    with no gold tag at all is left out: a gold that never tagged themes says nothing of them.
    """
    tags_by_id = {t.id: t for t in gold_tags}
    gold_kinds = {tags_by_id[a.tag_id].kind for a in gold_annotations if a.tag_id in tags_by_id}
    results = {kind: KindResult(kind) for kind in kinds if kind in gold_kinds}
    names = {kind: _GoldNames([t for t in gold_tags if t.kind == kind]) for kind in results}
    theme_aliases = {t.name: (t.name, *t.aliases) for t in suggester.themes}
    by_id = {a.id: a for a in articles}
    compared = sorted(i for i in gold_article_ids if i in by_id)
    for article_id in compared:
        gold = {
            tags_by_id[a.tag_id]
            for a in gold_annotations
            if a.article_id == article_id and a.tag_id in tags_by_id
        }
        suggestions = suggester.suggest(by_id[article_id])
        for kind, result in results.items():
            expected = {t.id: t for t in gold if t.kind == kind}
            found: set[str] = set()
            for suggestion in (s for s in suggestions if s.kind == kind):
                spellings = theme_aliases.get(suggestion.name, (suggestion.name,))
                spelled = spellings if kind == THEME else (suggestion.name,)
                tag = names[kind].find(spelled, prefer=expected.keys() - found)
                if tag is not None and tag.id in expected and tag.id not in found:
                    found.add(tag.id)
                    result.true_positives += 1
                else:
                    result.false_positives += 1
                    evidence = suggestion.evidence[0].text
                    result.false_hits.append(FalseHit(article_id, suggestion.name, evidence))
            for tag_id, tag in sorted(expected.items(), key=lambda item: fold(item[1].name)):
                if tag_id not in found:
                    result.false_negatives += 1
                    result.misses.append(Miss(article_id, tag.name))
    not_in_corpus = sorted(i for i in gold_article_ids if i not in by_id)
    return Evaluation(results, compared, not_in_corpus)
