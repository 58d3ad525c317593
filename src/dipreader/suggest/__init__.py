"""People and theme suggestions for an article, from built-in rules, the user's vocabulary and,
optionally, spaCy's French model. Pure: no terminal, no database. See docs/architecture.md."""

from dipreader.suggest.lexicon import LexiconError, Theme, default_user_themes_path, load_themes
from dipreader.suggest.model import Span, Suggestion, SuggestionSource, suggestion_key
from dipreader.suggest.suggester import Entity, EntityFinder, Suggester, suggest

__all__ = [
    "Entity",
    "EntityFinder",
    "LexiconError",
    "Span",
    "Suggester",
    "Suggestion",
    "SuggestionSource",
    "Theme",
    "default_user_themes_path",
    "load_themes",
    "suggest",
    "suggestion_key",
]
