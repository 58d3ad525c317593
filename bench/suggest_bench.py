"""How long the built-in suggester takes for one article (target: median <= 20 ms).

    python bench/suggest_bench.py [CORPUS] [--repeat 20] [--vocabulary 1000] [--spacy]

CORPUS defaults to the sample articles. Each article is suggested `--repeat` times with a
`Suggester` built once (as the app does), first with an empty vocabulary, then with a
vocabulary of `--vocabulary` people and themes (made up from name parts, so every article is
searched for all of them). `--spacy` adds a run with spaCy's French model (not part of the
target: the app runs it in a background worker).

Prints a markdown table and writes bench/results/suggest.json.
"""

from __future__ import annotations

import argparse
import itertools
import json
import platform
import statistics
import sys
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from dipreader.corpus import Article, load_corpus  # noqa: E402
from dipreader.store.model import PERSON, THEME, Tag  # noqa: E402
from dipreader.suggest import Suggester  # noqa: E402

TARGET_MS = 20.0
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Smith", "Miller"]
MIDDLE = ["Văn", "Thị", "Hoài", "Minh", "Đình", "Thanh", "Phú", "Quốc", "J.", "Anne"]
GIVEN = ["Trung", "Lâm", "Sơn", "Chính", "Hùng", "Lan", "Mai", "Dũng", "Kerry", "Power"]
THEME_NAMES = ["ports", "rice exports", "steel", "textiles", "fisheries", "aviation"]


def made_up_vocabulary(size: int) -> list[Tag]:
    names = (" ".join(parts) for parts in itertools.product(FAMILY, MIDDLE, GIVEN))
    tags = [
        Tag(uuid.uuid4().hex, name, PERSON, aliases=(name.replace("ễ", "e"),))
        for name in itertools.islice(names, size)
    ]
    tags += [Tag(uuid.uuid4().hex, name, THEME) for name in THEME_NAMES]
    return tags


def time_per_article(suggester: Suggester, articles: list[Article], repeat: int) -> list[float]:
    timings = []
    for _ in range(repeat):
        for article in articles:
            start = time.perf_counter()
            suggester.suggest(article)
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def row(label: str, build_ms: float, timings: list[float]) -> dict[str, object]:
    ordered = sorted(timings)
    return {
        "setup": label,
        "build_ms": round(build_ms, 1),
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 2),
        "max_ms": round(ordered[-1], 2),
        "runs": len(ordered),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default=str(REPO / "seeds"))
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--vocabulary", type=int, default=1000)
    parser.add_argument("--spacy", action="store_true")
    args = parser.parse_args()

    articles = load_corpus(args.corpus).articles
    no_user_file = Path(__file__).parent / "results" / "no-user-themes.toml"
    setups: list[tuple[str, dict[str, object]]] = [
        ("rules, empty vocabulary", {}),
        (
            f"rules + vocabulary of {args.vocabulary} people",
            {"vocabulary": made_up_vocabulary(args.vocabulary)},
        ),
    ]
    if args.spacy:
        from dipreader.suggest.nlp import load_spacy_entities

        setups.append(("rules + spaCy fr_core_news_sm", {"entities": load_spacy_entities()}))
    rows = []
    for label, options in setups:
        start = time.perf_counter()
        suggester = Suggester(user_themes=no_user_file, **options)  # type: ignore[arg-type]
        build_ms = (time.perf_counter() - start) * 1000
        repeat = 1 if "entities" in options else args.repeat
        rows.append(row(label, build_ms, time_per_article(suggester, articles, repeat)))

    print(f"{len(articles)} articles, Python {platform.python_version()}, target {TARGET_MS} ms")
    print("| setup | build (ms) | median (ms) | p95 (ms) | max (ms) | runs |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['setup']} | {r['build_ms']} | {r['median_ms']} | {r['p95_ms']} "
            f"| {r['max_ms']} | {r['runs']} |"
        )
    results = REPO / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "suggest.json").write_text(
        json.dumps({"articles": len(articles), "target_ms": TARGET_MS, "rows": rows}, indent=2)
        + "\n",
        encoding="utf-8",
    )
    built_in = [r for r in rows if "spaCy" not in str(r["setup"])]
    return 0 if all(float(r["median_ms"]) <= TARGET_MS for r in built_in) else 1


if __name__ == "__main__":
    sys.exit(main())
