"""What a suggestion is, as the app, the CLI and the evaluation see it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from dipreader.store.names import fold_name

# Where a suggestion comes from, strongest first: the user's own vocabulary, the built-in rules,
# the optional spaCy model.
SuggestionSource = Literal["vocabulary", "rules", "spacy"]
SOURCES: tuple[SuggestionSource, ...] = ("vocabulary", "rules", "spacy")


@dataclass(frozen=True)
class Span:
    """A stretch of `Article.text`: `text == article.text[start:end]`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Suggestion:
    """A tag the analyst may want on an article, and the words of the article behind it.

    `tag_id` is set when the suggestion is an entry of the user's vocabulary (found by its name
    or an alias); accepting it then tags that entry. Otherwise accepting it creates a tag named
    `name`. `score` is in 0..1, higher is surer; suggestions come sorted by it.
    `triggers` say why: the title words before a name ("secrétaire général") or the lexicon
    phrases that matched a theme ("échanges commerciaux").
    """

    kind: str
    name: str
    tag_id: str | None
    evidence: tuple[Span, ...]
    source: SuggestionSource
    score: float
    triggers: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """What to remember when the analyst rejects this suggestion for an article."""
        return suggestion_key(self.kind, self.name)


def suggestion_key(kind: str, name: str) -> str:
    """`person:nguyenphutrong`: the same for every accent, case and spacing variant of a name,
    as the store compares tag names."""
    return f"{kind}:{fold_name(name)}"
