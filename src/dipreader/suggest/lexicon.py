"""The word lists the suggesters run on: person rules (built in) and theme cue phrases (built
in, extended or overridden by the user's `themes.toml`)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from dipreader.config import config_dir
from dipreader.errors import DipreaderError
from dipreader.folding import fold
from dipreader.user_toml import read_user_toml

USER_THEMES_FILE = "themes.toml"
BUILTIN_THEMES_FILE = "themes.toml"
BUILTIN_PEOPLE_FILE = "people.toml"
BUILTIN_GAZETTEER_FILE = "gazetteer.toml"


class LexiconError(DipreaderError):
    """A theme file cannot be read or does not say what dipreader expects."""


@dataclass(frozen=True)
class Theme:
    """A theme and the French phrases whose presence suggests it."""

    name: str
    aliases: tuple[str, ...]
    cues: tuple[str, ...]
    # Phrases in which the cues' words mean something else: "crédits commerciaux".
    not_cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class PersonLexicon:
    """The person rules' word lists, folded as the rules compare them."""

    titles: frozenset[str]
    # Titles of several words, lower case with accents: ("très", "vénérable"), ("hòa", "thượng").
    title_phrases: tuple[tuple[str, ...], ...]
    # Organisation words after which a name is the title holder's: "du Parti Nguyễn Phú Trọng".
    title_organisations: frozenset[str]
    function_words: frozenset[str]  # lower case with accents: "le" but not "lê"
    not_name_words: frozenset[str]
    not_name_phrases: frozenset[tuple[str, ...]]
    organisation_heads: frozenset[str]
    organisation_heads_written: frozenset[str]  # lower case with accents: "lac", not "lạc"
    place_words: frozenset[str]
    thing_words: frozenset[str]
    organisation_tails: frozenset[str]
    # Whole names that are places, outlets or companies, as `thing_key` writes them.
    known_things: frozenset[str]
    address_titles: frozenset[str]
    credit_words: frozenset[str]
    staff_labels: tuple[str, ...]
    byline_words: frozenset[str]
    link_line_prefixes: tuple[str, ...]
    verbs: frozenset[str]  # lower case with accents: "a" but not "à"
    name_particles: frozenset[str]
    vietnamese_family_names: frozenset[str]


def default_user_themes_path() -> Path:
    """`themes.toml` in dipreader's configuration folder (`$DIPREADER_CONFIG_DIR` if set)."""
    return config_dir() / USER_THEMES_FILE


def _read_packaged(name: str) -> dict[str, Any]:
    text = resources.files("dipreader.suggest").joinpath(name).read_text(encoding="utf-8")
    return tomllib.loads(text)


def thing_key(words: tuple[str, ...] | list[str]) -> str:
    """A folded name as the gazetteer is compared: hyphens are spaces ("thua thien hue")."""
    return " ".join(" ".join(words).replace("-", " ").split())


@cache
def person_lexicon() -> PersonLexicon:
    data = _read_packaged(BUILTIN_PEOPLE_FILE)
    places = _read_packaged(BUILTIN_GAZETTEER_FILE)

    def folded(key: str) -> frozenset[str]:
        return frozenset(fold(w) for w in data[key])

    whole_names = places["provinces"] + places["places"] + places["media"] + places["companies"]
    return PersonLexicon(
        titles=folded("titles"),
        title_phrases=tuple(tuple(p.lower().split()) for p in data["title_phrases"]),
        title_organisations=folded("title_organisations"),
        function_words=frozenset(w.lower() for w in data["function_words"]),
        not_name_words=folded("not_name_words") | {fold(w) for w in places["never_in_names"]},
        not_name_phrases=frozenset(tuple(fold(p).split()) for p in data["not_name_phrases"]),
        organisation_heads=folded("organisation_heads"),
        organisation_heads_written=frozenset(w.lower() for w in data["organisation_heads"]),
        place_words=folded("place_words"),
        thing_words=folded("thing_words"),
        organisation_tails=folded("organisation_tails"),
        known_things=frozenset(thing_key(fold(name).split()) for name in whole_names),
        address_titles=folded("address_titles"),
        credit_words=folded("credit_words"),
        staff_labels=tuple(fold(label) for label in data["staff_labels"]),
        byline_words=folded("byline_words"),
        link_line_prefixes=tuple(fold(p) for p in data["link_line_prefixes"]),
        verbs=frozenset(w.lower() for w in data["verbs"]),
        name_particles=frozenset(data["name_particles"]),
        vietnamese_family_names=folded("vietnamese_family_names"),
    )


def load_themes(user_file: Path | None = None) -> tuple[Theme, ...]:
    """The built-in themes with the user's file applied; `user_file=None` means the default
    location, which may not exist."""
    themes = _themes_table(_read_packaged(BUILTIN_THEMES_FILE), "the built-in themes.toml")
    merged = {name: _theme_from(name, entry, "built-in") for name, entry in themes.items()}
    path = user_file if user_file is not None else default_user_themes_path()
    data = read_user_toml(path, LexiconError, "the theme file")
    if data is None:
        return tuple(merged.values())
    for name, entry in _themes_table(data, str(path)).items():
        _apply_user_entry(merged, name, entry, path)
    return tuple(merged.values())


def _themes_table(data: dict[str, Any], where: str) -> dict[str, dict[str, Any]]:
    themes = data.get("themes", {})
    unknown = sorted(set(data) - {"themes"})
    if unknown or not isinstance(themes, dict):
        raise LexiconError(
            f"{where}: expected only [themes.NAME] tables, such as [themes.trade] with "
            f'cues = ["commerce"]; found {", ".join(unknown) or "themes = ..."}'
        )
    for name, entry in themes.items():
        if not isinstance(entry, dict):
            raise LexiconError(f"{where}: themes.{name} must be a table ([themes.{name}])")
        if not name.strip():
            raise LexiconError(f"{where}: a theme name is empty")
    return themes


_USER_KEYS = {"cues", "not_cues", "aliases", "replace", "disabled"}


def _apply_user_entry(
    merged: dict[str, Theme], name: str, entry: dict[str, Any], path: Path
) -> None:
    unknown = sorted(set(entry) - _USER_KEYS)
    if unknown:
        raise LexiconError(
            f"{path}: themes.{name} has unknown key(s) {', '.join(unknown)}; "
            f"allowed: {', '.join(sorted(_USER_KEYS))}"
        )
    for flag in ("replace", "disabled"):
        if not isinstance(entry.get(flag, False), bool):
            raise LexiconError(f"{path}: themes.{name}.{flag} must be true or false")
    # A user's theme named like a built-in one or one of its aliases, in any spelling
    # ("Climate", "trade"), is that theme.
    existing = next(
        (
            key
            for key, theme in merged.items()
            if fold(name) in {fold(n) for n in (theme.name, *theme.aliases)}
        ),
        None,
    )
    if entry.get("disabled", False):
        if existing is not None:
            del merged[existing]
        return
    user = _theme_from(name, entry, str(path))
    if existing is None or entry.get("replace", False):
        if existing is not None:
            del merged[existing]
        if not user.cues:
            raise LexiconError(f"{path}: themes.{name} needs at least one phrase in `cues`")
        merged[name] = user
        return
    old = merged[existing]
    merged[existing] = Theme(
        name=old.name,
        aliases=_unique(old.aliases + user.aliases),
        cues=_unique(old.cues + user.cues),
        not_cues=_unique(old.not_cues + user.not_cues),
    )


def _theme_from(name: str, entry: dict[str, Any], where: str) -> Theme:
    return Theme(
        name=name,
        aliases=_strings(entry, "aliases", name, where),
        cues=_strings(entry, "cues", name, where),
        not_cues=_strings(entry, "not_cues", name, where),
    )


def _strings(entry: dict[str, Any], key: str, name: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LexiconError(f"{where}: themes.{name}.{key} must be a list of non-empty strings")
    return _unique(tuple(v.strip() for v in value))


def _unique(values: tuple[str, ...]) -> tuple[str, ...]:
    seen: set[str] = set()
    kept = []
    for value in values:
        if fold(value) not in seen:
            seen.add(fold(value))
            kept.append(value)
    return tuple(kept)
