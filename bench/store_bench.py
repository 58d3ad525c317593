"""How long one durable tag action takes with many annotations already in the database.

    python bench/store_bench.py [--sizes 10000 50000] [--actions 40] [--baseline-actions 12]

For each size, a database file is built in a temporary folder (annotations spread over
articles, a quarter of them on passages, a full undo history), then timed:

- dipreader's store: `AnnotationStore.tag_article` on an article with a new person, which
  returns once the step is durable: appended to the journal and fsynced, and every 64 steps
  a checkpoint (the file rewritten: temp file, fsync, rename, folder fsync). The mean and
  the maximum include those checkpoints;
- the same store with the journal off (`CHECKPOINT_EVERY = 0`): every step rewrites the file;
- TinyDB's default `JSONStorage` on a copy of the same file, doing one `insert` of the same
  annotation document (it re-reads, re-parses and rewrites the file in place for each
  operation). The store also writes an undo step per action, so this baseline does less work
  than the store: the speed-ups are, if anything, understated.

Prints a markdown table and writes bench/results/store.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


from measures import tinydb_tag  # noqa: E402  (bench/ is on sys.path: this script's folder)

from dipreader.store import AnnotationStore  # noqa: E402
from dipreader.store import storage as store_storage  # noqa: E402
from dipreader.store.anchor import make_target  # noqa: E402
from dipreader.store.database import HISTORY_LIMIT  # noqa: E402
from dipreader.store.model import Annotation, Tag  # noqa: E402
from dipreader.store.records import annotation_to_doc, new_id, tag_to_doc  # noqa: E402
from dipreader.store.schema import new_database  # noqa: E402
from dipreader.store.storage import atomic_write, serialize  # noqa: E402

RESULTS = REPO / "bench" / "results" / "store.json"
DEFAULT_SIZES = [10_000, 50_000]
ANNOTATIONS_PER_ARTICLE = 20
PEOPLE = 400
SAMPLE_TEXT = (
    "Le secrétaire général Tô Lâm a reçu l'ambassadeur des États-Unis à Hanoï, où les deux "
    "parties ont évoqué les échanges commerciaux, la coopération en matière de santé et le "
    "règlement des séquelles de la guerre, notamment la dépollution de la dioxine."
)


def build_database(path: Path, size: int, rng: random.Random) -> list[str]:
    """Write a database of `size` annotations and a full history; return its article ids."""
    data = new_database()
    people = [Tag(id=new_id(), name=f"Personne {n:03d}", kind="person") for n in range(PEOPLE)]
    for doc_id, tag in enumerate(people, start=len(data["vocabulary"]) + 1):
        data["vocabulary"][str(doc_id)] = tag_to_doc(tag)
    tag_ids = [doc["uuid"] for doc in data["vocabulary"].values()]
    articles = [f"{rng.getrandbits(64):016x}" for _ in range(size // ANNOTATIONS_PER_ARTICLE)]
    stamp = "2026-11-22T10:31:05Z"
    for n in range(size):
        start = rng.randrange(0, len(SAMPLE_TEXT) - 30)
        annotation = Annotation(
            id=new_id(),
            article_id=articles[n % len(articles)],
            tag_id=rng.choice(tag_ids) if n % 10 else None,
            note=None if n % 10 else "À vérifier avec la dépêche de l'AFP.",
            target=make_target(SAMPLE_TEXT, start, start + 24) if n % 4 == 0 else None,
            created=stamp,
            updated=stamp,
            author="analyste",
        )
        data["annotations"][str(n + 1)] = annotation_to_doc(annotation)
    # A long-running session's history: as many undo steps as are kept (or as there are
    # annotations, in a small database), each one tag.
    docs = list(data["annotations"].values())
    for seq in range(1, min(HISTORY_LIMIT, len(docs)) + 1):
        doc = docs[seq - 1]
        step = {"table": "annotations", "uuid": doc["uuid"], "before": None, "after": doc}
        data["history"][str(seq)] = {
            "uuid": new_id(),
            "seq": seq,
            "stack": "undo",
            "description": f"tag {doc['article_id'][:8]} with Personne",
            "at": stamp,
            "changes": [step],
        }
    atomic_write(path, serialize(data))
    return articles


def time_store(path: Path, articles: list[str], actions: int, rng: random.Random) -> list[float]:
    timings = []
    with AnnotationStore.open(path, author="bench") as store:
        for n in range(actions):
            article = rng.choice(articles)
            started = time.perf_counter()
            store.tag_article(article, f"Bench person {n}", "person")
            timings.append(time.perf_counter() - started)
    return timings


def summarize(timings: list[float]) -> dict[str, float]:
    ms = sorted(t * 1000 for t in timings)
    return {
        "median_ms": round(statistics.median(ms), 2),
        "mean_ms": round(statistics.fmean(ms), 2),
        "p90_ms": round(ms[int(0.9 * (len(ms) - 1))], 2),
        "max_ms": round(ms[-1], 2),
        "runs": len(ms),
    }


def time_whole_file_store(path: Path, articles: list[str], actions: int) -> list[float]:
    saved = store_storage.CHECKPOINT_EVERY
    store_storage.CHECKPOINT_EVERY = 0
    try:
        return time_store(path, articles, actions, random.Random(0))
    finally:
        store_storage.CHECKPOINT_EVERY = saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=DEFAULT_SIZES)
    parser.add_argument("--actions", type=int, default=256)
    parser.add_argument("--whole-file-actions", type=int, default=30)
    parser.add_argument("--baseline-actions", type=int, default=12)
    parser.add_argument(
        "--output",
        type=Path,
        help=f"default: {RESULTS.name} in bench/results, for the default sizes",
    )
    args = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory(prefix="dipreader-store-bench-") as folder:
        for size in args.sizes:
            rng = random.Random(size)
            ours = Path(folder) / f"store-{size}.json"
            articles = build_database(ours, size, rng)
            whole_file = Path(folder) / f"whole-file-{size}.json"
            baseline = Path(folder) / f"tinydb-{size}.json"
            shutil.copyfile(ours, whole_file)
            shutil.copyfile(ours, baseline)
            file_mb = ours.stat().st_size / 1e6
            store = summarize(time_store(ours, articles, args.actions, rng))
            rewrite = summarize(
                time_whole_file_store(whole_file, articles, args.whole_file_actions)
            )
            default = summarize(tinydb_tag(baseline, articles, args.baseline_actions))
            rows.append(
                {
                    "annotations": size,
                    "file_mb": round(file_mb, 1),
                    "store": store,
                    "store_without_journal": rewrite,
                    "tinydb_default_jsonstorage": default,
                    "speedup_median": round(default["median_ms"] / store["median_ms"], 1),
                    "speedup_mean": round(default["mean_ms"] / store["mean_ms"], 1),
                }
            )
            print(f"{size} annotations done", file=sys.stderr)

    result = {
        "benchmark": "median durable tag action",
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": __import__("os").cpu_count(),
        },
        "rows": rows,
    }
    # The README's table comes from the default sizes: a run of other sizes leaves it be.
    output = args.output or (RESULTS if args.sizes == DEFAULT_SIZES else None)
    if output is None:
        print(
            f"not saved (other sizes than {DEFAULT_SIZES}: --output names a file)", file=sys.stderr
        )
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")

    print(
        "| annotations | file | store: median | store: mean (max) | store, no journal: median "
        "| TinyDB JSONStorage: median | speed-up: median (mean) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        store, rewrite = row["store"], row["store_without_journal"]
        default = row["tinydb_default_jsonstorage"]
        print(
            f"| {row['annotations']:,} | {row['file_mb']} MB | {store['median_ms']} ms "
            f"| {store['mean_ms']} ms ({store['max_ms']} ms) | {rewrite['median_ms']} ms "
            f"| {default['median_ms']} ms "
            f"| {row['speedup_median']:.0f}× ({row['speedup_mean']:.0f}×) |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
