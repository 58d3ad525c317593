"""Build a realistic annotation database for a corpus, through the store's own API.

    python bench/make_annotations.py CORPUS DB --annotations 50000 [--seed 1]

The annotations land on the corpus's real article ids (so the app shows them): about 20 per
annotated article, whole-article person and theme tags, a quarter on passages of the article's
text, one in ten a note, and read/starred states on a third of the corpus. They go in with
`AnnotationStore.insert_records` (one step, one write); then the store makes `HISTORY_LIMIT`
ordinary tag actions, as a long session would, so the undo history holds ordinary steps (not
the one huge import step) and the file has the size and shape of a database used for months.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if __name__ == "__main__":  # imported by run.py, which chose the code to measure
    sys.path.insert(0, str(REPO / "src"))

from dipreader.corpus import Article, load_corpus  # noqa: E402
from dipreader.store import AnnotationStore  # noqa: E402
from dipreader.store.anchor import make_target  # noqa: E402
from dipreader.store.database import HISTORY_LIMIT  # noqa: E402
from dipreader.store.model import Annotation, ArticleState, Tag  # noqa: E402
from dipreader.store.records import new_id  # noqa: E402

ANNOTATIONS_PER_ARTICLE = 20
PEOPLE = 400
STAMP = "2026-11-22T10:31:05Z"


def _passage(article: Article, rng: random.Random) -> tuple[int, int] | None:
    text = article.text
    if len(text) < 80:
        return None
    start = rng.randrange(0, len(text) - 60)
    return start, start + rng.randint(20, 60)


def build_annotations(
    store: AnnotationStore, articles: list[Article], count: int, rng: random.Random
) -> list[str]:
    """Add `count` annotations and some states; return the ids of the annotated articles."""
    people = [
        Tag(id=new_id(), name=f"Personne {n:03d} Nguyễn", kind="person") for n in range(PEOPLE)
    ]
    tag_ids = [tag.id for tag in people] + [tag.id for tag in store.tags()]
    wanted = max(1, count // ANNOTATIONS_PER_ARTICLE)
    annotated = rng.sample(articles, min(wanted, len(articles)))
    annotations = []
    for n in range(count):
        article = annotated[n % len(annotated)]
        span = _passage(article, rng) if n % 4 == 0 else None
        target = make_target(article.text, *span) if span else None
        is_note = n % 10 == 0
        annotations.append(
            Annotation(
                id=new_id(),
                article_id=article.id,
                tag_id=None if is_note else rng.choice(tag_ids),
                note="À vérifier avec la dépêche de l'AFP." if is_note else None,
                target=target,
                created=STAMP,
                updated=STAMP,
                author="analyste",
            )
        )
    states = [
        ArticleState(article_id=a.id, read=True, starred=rng.random() < 0.1)
        for a in rng.sample(articles, len(articles) // 3)
    ]
    store.insert_records(
        tags=people, annotations=annotations, states=states, description="bench data"
    )
    return [a.id for a in annotated]


def fill_history(store: AnnotationStore, article_ids: list[str], rng: random.Random) -> None:
    """`HISTORY_LIMIT` small durable steps, each tag then untag, as a long session makes.
    Pairs leave the annotation count unchanged."""
    for n in range(HISTORY_LIMIT // 2):
        article_id = rng.choice(article_ids)
        name = f"Session {n % 50}"
        store.tag_article(article_id, name, "person")
        store.untag_article(article_id, name, "person")


def write_database(corpus: Path, db: Path, count: int, seed: int = 1) -> dict[str, float]:
    """Build `db` (which must not exist) for `corpus`; return how long each part took."""
    if db.exists():
        raise SystemExit(f"{db} exists: give a new file")
    rng = random.Random(seed)
    articles = load_corpus(corpus).articles
    started = time.perf_counter()
    with AnnotationStore.open(db, author="bench") as store:
        article_ids = build_annotations(store, articles, count, rng)
        inserted = time.perf_counter()
        fill_history(store, article_ids, rng)
    done = time.perf_counter()
    return {"insert_s": inserted - started, "history_s": done - inserted}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("db", type=Path)
    parser.add_argument("--annotations", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    took = write_database(args.corpus, args.db, args.annotations, args.seed)
    size = args.db.stat().st_size / 1e6
    print(
        f"wrote {args.annotations} annotations to {args.db} ({size:.1f} MB) in "
        f"{took['insert_s']:.1f} s, then {HISTORY_LIMIT} history steps in {took['history_s']:.1f} s"
    )


if __name__ == "__main__":
    main()
