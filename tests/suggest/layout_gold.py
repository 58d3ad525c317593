"""The suggester measured on the layout fixtures' cleaned text (tests/corpus/layouts/*.expected)
against their gold (*.gold.json): people precision and recall, forbidden names, themes.

Run `python -m tests.suggest.layout_gold` for the per-layout figures; `test_layout_gold.py`
asserts the thresholds. Articles are built from the expected text directly, so the figures do
not depend on the cleaner.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from dipreader.corpus.model import Article, ArticleDate
from dipreader.folding import fold
from dipreader.store.model import PERSON, THEME
from dipreader.suggest import Suggester, Suggestion

LAYOUTS = Path(__file__).resolve().parents[1] / "corpus" / "layouts"
_INITIAL = re.compile(r"^[a-z]\.?$")


def _words(name: str) -> tuple[str, ...]:
    """Folded words of a name, initials left out: "Marc E. Knapper" -> ("marc", "knapper")."""
    return tuple(w for w in re.findall(r"[\w.'-]+", fold(name)) if not _INITIAL.match(w))


def read_expected(path: Path) -> Article:
    """The article an `.expected` file describes: its header and its paragraphs."""
    header, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    meta: dict[str, str] = {}
    for line in header.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip()] = value.strip()
    paragraphs = tuple(p.strip() for p in body.strip().split("\n\n") if p.strip())
    date = meta.get("date") or None
    return Article(
        id=path.stem,
        title=meta.get("title", ""),
        paragraphs=paragraphs,
        source=path,
        date=ArticleDate.parse(date) if date else None,
        title_derived=meta.get("title_derived") == "true",
        agency=meta.get("agency") or None,
        kicker=meta.get("kicker") or None,
    )


def _occurs(name: str, folded_text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(fold(name))}(?!\w)", folded_text) is not None


@dataclass
class LayoutResult:
    name: str
    right: list[str] = field(default_factory=list)  # gold people suggested
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)  # suggestions that are no gold person
    duplicates: list[str] = field(default_factory=list)  # a gold person suggested again
    forbidden: list[str] = field(default_factory=list)  # suggestions that are gold not_people
    themes_missed: list[str] = field(default_factory=list)
    themes_wrong: list[str] = field(default_factory=list)  # gold not_themes suggested
    themes_other: list[str] = field(default_factory=list)  # suggested, in neither list

    @property
    def false_positives(self) -> int:
        return len(self.wrong) + len(self.duplicates)


def _spellings(suggestion: Suggestion) -> list[tuple[str, ...]]:
    return [_words(suggestion.name), *(_words(e.text) for e in suggestion.evidence)]


def _is_person(suggestion: Suggestion, gold: str) -> bool:
    """Same person: the suggested name is the gold name (initials aside), or all its words are
    words of the gold name ("Knapper", "Marc Knapper" for "Marc Evans Knapper"). The name, not
    the evidence: "Formation Trần Đức Minh" is not a right answer even if a later mention is."""
    name, target = _words(suggestion.name), _words(gold)
    return bool(name) and set(name) <= set(target)


def _is_thing(suggestion: Suggestion, not_person: str) -> bool:
    """The suggestion names a gold not-person, or words of one ("Everett Caldwell" of the ship
    "USS Everett Caldwell")."""
    target = " ".join(_words(not_person))
    return any(
        s and re.search(rf"(?<!\S){re.escape(' '.join(s))}(?!\S)", target)
        for s in _spellings(suggestion)
    )


def measure_layout(suggester: Suggester, expected: Path) -> LayoutResult:
    gold = json.loads(expected.with_suffix(".gold.json").read_text(encoding="utf-8"))
    article = read_expected(expected)
    folded_text = fold(article.title + "\n" + article.text)
    suggestions = suggester.suggest(article)
    people = [s for s in suggestions if s.kind == PERSON]
    result = LayoutResult(expected.stem)
    matched: set[str] = set()
    not_people = [n for n in gold["not_people"] if _occurs(n, folded_text)]
    for suggestion in people:
        owners = [g for g in gold["people"] if _is_person(suggestion, g)]
        if not owners:
            result.wrong.append(suggestion.name)
        elif owners[0] in matched:
            result.duplicates.append(suggestion.name)
        else:
            matched.add(owners[0])
        if not owners and any(_is_thing(suggestion, n) for n in not_people):
            result.forbidden.append(suggestion.name)
    result.right = [g for g in gold["people"] if g in matched]
    result.missed = [g for g in gold["people"] if g not in matched]
    themes = {fold(s.name) for s in suggestions if s.kind == THEME}
    result.themes_missed = [t for t in gold["themes"] if fold(t) not in themes]
    result.themes_wrong = [t for t in gold["not_themes"] if fold(t) in themes]
    known = {fold(t) for t in gold["themes"] + gold["not_themes"]}
    result.themes_other = sorted(
        s.name for s in suggestions if s.kind == THEME and fold(s.name) not in known
    )
    return result


def measure_all(suggester: Suggester) -> list[LayoutResult]:
    return [measure_layout(suggester, p) for p in sorted(LAYOUTS.glob("*.expected"))]


def totals(results: list[LayoutResult]) -> tuple[float, float]:
    """Overall people precision and recall (a duplicate counts as a false positive)."""
    right = sum(len(r.right) for r in results)
    fp = sum(r.false_positives for r in results)
    gold = right + sum(len(r.missed) for r in results)
    return right / max(right + fp, 1), right / max(gold, 1)


def report(results: list[LayoutResult]) -> str:
    lines = []
    for r in results:
        n = len(r.right)
        p = n / max(n + r.false_positives, 1)
        rec = n / max(n + len(r.missed), 1)
        lines.append(f"{r.name:<32} P {p:5.2f}  R {rec:5.2f}")
        for label, values in (
            ("wrong", r.wrong),
            ("duplicate", r.duplicates),
            ("FORBIDDEN", r.forbidden),
            ("missed", r.missed),
            ("theme missed", r.themes_missed),
            ("theme wrong", r.themes_wrong),
            ("theme other", r.themes_other),
        ):
            if values:
                lines.append(f"    {label}: {', '.join(values)}")
    precision, recall = totals(results)
    lines.append(f"overall people precision {precision:.3f} recall {recall:.3f}")
    missed = sum(len(r.themes_missed) for r in results)
    wrong = sum(len(r.themes_wrong) for r in results)
    lines.append(f"themes: {missed} gold theme(s) missed, {wrong} not_theme(s) suggested")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(measure_all(Suggester(user_themes=LAYOUTS / "no-such-themes.toml"))))
