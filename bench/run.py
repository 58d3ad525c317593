"""dipreader's benchmark suite: `make bench` (or `python bench/run.py`).

Builds, in a temporary folder, synthetic corpora of 1,000 and 10,000 articles
(`make_corpus.py`) and annotation databases of 10,000 and 50,000 annotations on the larger one
(`make_annotations.py`, through the store's API), then measures, each the median of several
runs:

- loading a corpus: every file read and cleaned, and from the corpus cache;
- start-up of the real `dipreader CORPUS --db DB` (10k articles, 50k annotations) on a
  pseudo-terminal, to its first frame and to the full list, against a bare Textual app
  started the same way in the same run (`first_frame.py`); the app's peak RSS;
- the app's keys, key to frame (`app_probe.py`): next/open article, tag, undo, search,
  filter; the session's own search and filter without drawing;
- the store's durable tag action and undo at 10k and 50k annotations, against TinyDB's
  default `JSONStorage` doing the same insert on a copy of the same file;
- cleaning, splitting and suggesting one article of 100 kB, 1 MB and 5 MB
  (`long_article.py`);
- exporting 50k annotations in each format; `dipreader --version` and `dipreader list`.

Prints a markdown table with PASS/FAIL against the targets of issue 6 and writes
`bench/results/latest.json` (samples, medians, the machine). `--src` measures another
checkout's `src` (e.g. the code before a change) with this benchmark.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
RESULTS = BENCH / "results" / "latest.json"
SECTIONS = ("corpus", "sources", "long", "start", "keys", "store", "export", "commands")


@dataclass(frozen=True)
class Target:
    limit: float  # in the row's unit (ms for times)
    text: str
    at_least: bool = False  # the value must be at least `limit`, not at most
    on_max: bool = False  # judged on the worst run, not the median (memory)


@dataclass
class Row:
    section: str
    measure: str
    samples: list[float]  # seconds, or MB for memory, or a ratio
    unit: str = "ms"  # how to print: ms (samples in s), s, MB, ×
    target: Target | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def shown(self, value: float) -> str:
        if self.unit == "ms":
            return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
        if self.unit == "s":
            return f"{value:.2f} s"
        if self.unit == "MB":
            return f"{value:.0f} MB"
        return f"{value:.2f}×"

    @property
    def verdict(self) -> str:
        if self.target is None:
            return ""
        value = max(self.samples) if self.target.on_max else self.median
        value *= 1000 if self.unit == "ms" else 1
        passed = value >= self.target.limit if self.target.at_least else value <= self.target.limit
        return "PASS" if passed else "FAIL"

    def as_json(self) -> dict[str, object]:
        scale = 1000 if self.unit == "ms" else 1  # times are kept in seconds
        samples = [round(value * scale, 3) for value in self.samples]
        return {
            "section": self.section,
            "measure": self.measure,
            "unit": self.unit,
            "median": round(self.median * scale, 3),
            "min": min(samples),
            "max": max(samples),
            "runs": len(samples),
            "samples": samples,
            "target": self.target.text if self.target else None,
            "result": self.verdict or None,
        }


def machine() -> dict[str, object]:
    from importlib.metadata import version
    from importlib.util import find_spec

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "textual": version("textual"),
        "tinydb": version("tinydb"),
        "platform": platform.platform(),
        # The app loads spaCy in the background when it is installed: memory and start-up
        # are not comparable between machines with and without it.
        "spacy_installed": find_spec("spacy") is not None,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def describe_src(src: Path) -> str:
    """The commit measured (`-dirty` if src/ has changes), or "another checkout"."""
    if src != (REPO / "src").resolve():
        return "another checkout"

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    try:
        commit = git("rev-parse", "--short", "HEAD")
        dirty = git("status", "--porcelain", "--", "src")
    except OSError:
        return "src"
    return f"{commit}{'-dirty' if dirty else ''}" if commit else "src"


def prepare(
    folder: Path, large: int, small: int, annotations: list[int], *, reuse: bool = False
) -> dict[str, Path]:
    """The corpora and databases, built once per run (`reuse`: those already in `folder`
    from an earlier run with the same sizes are used as they are)."""
    from make_annotations import write_database
    from make_corpus import write_corpus
    from measures import age_files

    paths = {}
    for name, size in (("small", small), ("large", large)):
        corpus = folder / f"corpus-{size}"
        if not (reuse and corpus.is_dir()):
            write_corpus(corpus, size)
            age_files(corpus)
        paths[name] = corpus
    for count in annotations:
        db = folder / f"annotations-{count}.json"
        if not (reuse and db.exists()):
            write_database(paths["large"], db, count)
        paths[f"db-{count}"] = db
    return paths


def child_env(src: Path, folder: Path) -> dict[str, str]:
    """The environment of every process the benchmark starts: the code measured, and a
    settings and cache folder of the benchmark's own (never the user's).

    Compiled bytecode is kept (in the benchmark's folder, not next to the code measured),
    as an installed package has it: a machine set not to write bytecode would otherwise
    time Python compiling every module of the app at every start."""
    env = {
        **os.environ,
        "PYTHONPATH": str(src),
        "PYTHONPYCACHEPREFIX": str(folder / "bytecode"),
        "DIPREADER_CONFIG_DIR": str(folder / "config"),
        "DIPREADER_CACHE_DIR": str(folder / "cache"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def start_up(paths: dict[str, Path], env: dict[str, str], folder: Path, runs: int) -> list[Row]:
    from first_frame import time_start
    from measures import has_corpus_cache

    corpus, db = paths["large"], folder / "app.json"
    shutil.copyfile(paths[f"db-{max(_sizes(paths))}"], db)
    articles = sum(1 for _ in corpus.rglob("*.txt"))
    real = [sys.executable, "-m", "dipreader", str(corpus), "--db", str(db)]
    markers = {"first frame": "dipreader", "list": f"{articles:,} articles"}
    bare = [sys.executable, str(BENCH / "bare_app.py")]
    # Untimed starts fill the bytecode cache first, as installing a package does: a first
    # start compiling every module would be timed (and would peak in memory) as no user's is.
    time_start(bare, {"frame": "bare-textual-app"}, env=env, cwd=folder)
    time_start(real, markers, env=env, cwd=folder)
    # One start with an empty corpus cache: it also fills the cache for the others.
    shutil.rmtree(folder / "cache", ignore_errors=True)
    first = time_start(real, markers, env=env, cwd=folder)
    bare_frames, frames, lists, rss = [], [], [], []
    for _ in range(runs):  # interleaved, so both see the same load on the machine
        bare_frames.append(time_start(bare, {"frame": "bare-textual-app"}, env=env, cwd=folder))
        timing = time_start(real, markers, env=env, cwd=folder)
        frames.append(timing.seconds["first frame"])
        lists.append(timing.seconds["list"])
        rss.append(timing.peak_rss_mb)
    bare_s = [t.seconds["frame"] for t in bare_frames]
    cached = "corpus cache warm" if has_corpus_cache() else "no corpus cache"
    section = f"start-up, {articles:,} articles + {max(_sizes(paths)):,} annotations"
    return [
        Row(section, "bare Textual app: first frame", bare_s),
        Row(section, f"dipreader: first frame ({cached})", frames),
        Row(
            section,
            "first frame: dipreader / bare app",
            [statistics.median(frames) / statistics.median(bare_s)],
            unit="×",
            target=Target(2.0, "≤ 2.0×"),
        ),
        Row(section, f"dipreader: list of {articles:,} shown ({cached})", lists),
        Row(
            section,
            "dipreader: list shown, first start (empty corpus cache)",
            [first.seconds["list"]],
        ),
        Row(
            section,
            "dipreader: peak RSS",
            [*rss, first.peak_rss_mb],
            unit="MB",
            target=Target(300, "≤ 300 MB (worst run)", on_max=True),
        ),
    ]


def _sizes(paths: dict[str, Path]) -> list[int]:
    return [int(key.split("-")[1]) for key in paths if key.startswith("db-")]


def _probe(args: list[str], env: dict[str, str], folder: Path) -> dict:
    done = subprocess.run(
        [sys.executable, str(BENCH / "app_probe.py"), *args],
        env=env,
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if done.returncode != 0:
        raise RuntimeError(f"app_probe.py failed:\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


def app_keys(paths: dict[str, Path], env: dict[str, str], folder: Path, runs: int) -> list[Row]:
    db = folder / "keys.json"
    shutil.copyfile(paths[f"db-{max(_sizes(paths))}"], db)
    corpus = str(paths["large"])
    result = _probe([corpus, str(db), "--runs", str(runs)], env, folder)
    floor = _probe([corpus, "--floor", "--runs", str(runs)], env, folder)
    keys = result["keys"]
    keys.pop("no-op key", None)  # draws nothing: only there to check the probe
    keys.update(floor["keys"])
    articles = sum(1 for _ in paths["large"].rglob("*.txt"))
    section = f"app keys, key to frame ({articles:,} articles, {max(_sizes(paths)):,} annotations)"
    # The tag target (≤ 40 ms, ≥ 10× JSONStorage) is the durable action, which
    # JSONStorage can do too: the store's rows. Tagging in the app, timed here to its last
    # frame, also closes the prompt and draws the whole screen again.
    limits = {
        "next article (j)": Target(50, "≤ 50 ms"),
        "open article (enter, marks read)": Target(50, "≤ 50 ms"),
        "search (enter)": Target(100, "≤ 100 ms"),
        "filter by tag (enter)": Target(100, "≤ 100 ms"),
    }
    rows = [Row(section, name, samples, target=limits.get(name)) for name, samples in keys.items()]
    session = result["session"]
    if "error" in session:
        print(f"session search/filter not measured: {session['error'][0]}", file=sys.stderr)
    else:
        section = "search and filter without drawing (Session.visible_articles)"
        rows += [
            Row(
                section,
                f"search {articles:,} articles",
                session["search"],
                target=Target(100, "≤ 100 ms"),
            ),
            Row(section, "filter by tag", session["filter"], target=Target(100, "≤ 100 ms")),
        ]
    return rows


def store_rows(paths: dict[str, Path], folder: Path, actions: int, baseline: int) -> list[Row]:
    from measures import store_actions, tinydb_tag

    rows = []
    for size in sorted(_sizes(paths)):
        db = folder / f"store-{size}.json"
        shutil.copyfile(paths[f"db-{size}"], db)
        section = f"store, {size:,} annotations ({db.stat().st_size / 1e6:.1f} MB file)"
        timings, articles = store_actions(db, actions, random.Random(size))
        default = tinydb_tag(paths[f"db-{size}"], articles, baseline)
        tag_target = Target(40, "≤ 40 ms") if size >= 50_000 else None
        speedup = statistics.median(default) / statistics.median(timings["tag"])
        rows += [
            Row(section, "tag (tag_article, durable)", timings["tag"], target=tag_target),
            Row(section, "undo", timings["undo"]),
            Row(section, "TinyDB default JSONStorage: one insert", default),
            Row(
                section,
                "tag speed-up over JSONStorage (medians)",
                [speedup],
                unit="×",
                target=Target(10, "≥ 10×", at_least=True) if size >= 50_000 else None,
            ),
        ]
    return rows


def corpus_rows(paths: dict[str, Path], folder: Path, cold: int, warm: int) -> list[Row]:
    from measures import corpus_loads

    rows = []
    for key in ("small", "large"):
        corpus = paths[key]
        count = sum(1 for _ in corpus.rglob("*.txt"))
        loads = corpus_loads(corpus, folder / f"load-cache-{key}", cold, warm)
        for name, samples in loads.items():
            target = Target(1000, "< 1 s") if key == "large" and name == "from the cache" else None
            rows.append(Row(f"load a corpus of {count:,} articles", name, samples, target=target))
    return rows


def source_rows(paths: dict[str, Path], folder: Path, runs: int) -> list[Row]:
    """Saved web pages (cold on every core, then from the cache, against the same number of
    text files from the cache) and `feeds update` of local feeds."""
    from make_pages import make_pages
    from measures import age_files, corpus_loads, feeds_update

    pages = folder / "pages"
    if not pages.is_dir():
        make_pages(pages, 1000)
        age_files(pages)
    count = sum(1 for _ in pages.glob("*.html"))
    section = f"read {count:,} saved web pages ({os.cpu_count()} cores)"
    loads = corpus_loads(pages, folder / "load-cache-pages", cold_runs=2, warm_runs=runs)
    rows = [Row(section, name, samples) for name, samples in loads.items()]
    text = corpus_loads(paths["small"], folder / "load-cache-small", cold_runs=0, warm_runs=runs)
    text_warm = text["from the cache"]
    rows.append(Row(section, f"{count:,} .txt files from the cache (anchor)", text_warm))
    ratio = statistics.median(loads["from the cache"]) / statistics.median(text_warm)
    rows.append(
        Row(section, "pages / .txt, both from the cache", [ratio], "×", Target(1.5, "≤ 1.5×"))
    )
    feeds, entries = 20, 50
    updates = feeds_update(folder / "feeds", feeds, entries, runs=1)
    section = f"feeds update: {feeds} local feeds of {entries} entries"
    rows.append(Row(section, "every page new (feeds and pages fetched)", updates["new"], "s"))
    rows.append(Row(section, "again: nothing new (304)", updates["unchanged"]))
    return rows


def export_rows(paths: dict[str, Path], folder: Path, runs: int) -> list[Row]:
    from measures import exports

    size = max(_sizes(paths))
    out = folder / "exports"
    out.mkdir(exist_ok=True)
    result = exports(paths[f"db-{size}"], paths["large"], out, runs)
    section = f"export {size:,} annotations (store to file)"
    return [
        Row(
            section,
            f"{name} ({result[f'{name} bytes'][0] / 1e6:.1f} MB)",
            samples,
            target=Target(1000, "≤ 1 s"),
        )
        for name, samples in result.items()
        if not name.endswith(" bytes")
    ]


def command_rows(paths: dict[str, Path], env: dict[str, str], folder: Path, runs: int):
    from measures import command, has_corpus_cache

    section = "headless commands (whole process)"
    cached = "corpus cache warm" if has_corpus_cache() else "no corpus cache"
    return [
        Row(section, "dipreader --version", command(["--version"], env, folder, runs)),
        Row(
            section,
            f"dipreader list, {sum(1 for _ in paths['large'].rglob('*.txt')):,} articles "
            f"({cached})",
            command(["list", str(paths["large"])], env, folder, runs),
        ),
    ]


def long_article_rows(runs: int) -> list[Row]:
    """One article of 100 kB, 1 MB and 5 MB: each step within 5 s at 5 MB."""
    from long_article import SIZES, measure

    rows = []
    for blank_lines in (True, False):
        for size in SIZES:
            shape = "blank lines between paragraphs" if blank_lines else "no blank line"
            section = f"one article of {size / 1e6:g} MB, {shape}"
            times = measure(REPO / "seeds", size, blank_lines=blank_lines, runs=runs)
            for name, samples in times.items():
                target = Target(5000, "< 5 s") if size == max(SIZES) else None
                rows.append(Row(section, name, samples, target=target))
    return rows


def table(rows: list[Row]) -> str:
    lines = [
        "| measure | median | min – max | runs | target | result |",
        "|---|---:|---:|---:|---:|:---:|",
    ]
    section = None
    for row in rows:
        if row.section != section:
            section = row.section
            lines.append(f"| **{section}** | | | | | |")
        spread = (
            f"{row.shown(min(row.samples))} – {row.shown(max(row.samples))}"
            if len(row.samples) > 1
            else ""
        )
        target = row.target.text if row.target else ""
        lines.append(
            f"| {row.measure} | {row.shown(row.median)} | {spread} | {len(row.samples)} "
            f"| {target} | {row.verdict} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", type=Path, default=REPO / "src", help="the code to measure")
    parser.add_argument("--src-label", help="what --src is, for the results (e.g. a commit)")
    parser.add_argument("--articles", type=int, nargs=2, default=[1000, 10_000])
    parser.add_argument("--annotations", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--runs", type=int, default=5, help="runs of each slow measure")
    parser.add_argument("--key-runs", type=int, default=15, help="presses of each key")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--keep", type=Path, help="build the data here and keep it")
    parser.add_argument(
        "--reuse", action="store_true", help="with --keep: use the data already built there"
    )
    parser.add_argument(
        "--only",
        nargs="+",
        choices=SECTIONS,
        default=SECTIONS,
        help="measure only these (the data is built all the same)",
    )
    args = parser.parse_args()

    src = args.src.resolve()
    sys.path[:0] = [str(src), str(BENCH)]
    folder = args.keep or Path(tempfile.mkdtemp(prefix="dipreader-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    env = child_env(src, folder)
    os.environ.update({k: env[k] for k in ("DIPREADER_CONFIG_DIR", "DIPREADER_CACHE_DIR")})
    info = machine()
    started = time.perf_counter()
    try:
        small, large = sorted(args.articles)
        paths = prepare(folder, large, small, args.annotations, reuse=args.reuse)
        print(f"data ready in {time.perf_counter() - started:.0f} s: {folder}", file=sys.stderr)
        measures = {
            "corpus": lambda: corpus_rows(paths, folder, cold=3, warm=args.runs),
            "sources": lambda: source_rows(paths, folder, args.runs),
            "long": lambda: long_article_rows(min(args.runs, 3)),
            "start": lambda: start_up(paths, env, folder, args.runs),
            "keys": lambda: app_keys(paths, env, folder, args.key_runs),
            "store": lambda: store_rows(paths, folder, actions=200, baseline=12),
            "export": lambda: export_rows(paths, folder, args.runs),
            "commands": lambda: command_rows(paths, env, folder, args.runs),
        }
        rows = [row for name in SECTIONS if name in args.only for row in measures[name]()]
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    info["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    info["duration_s"] = round(time.perf_counter() - started)
    # No local path in a file that is committed: the commit, or the label given.
    measured = args.src_label or describe_src(src)
    result = {"machine": info, "code": measured, "rows": [row.as_json() for row in rows]}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(table(rows))
    print(
        f"\n{measured}: {info['cpu']}, {info['cores']} cores, Python {info['python']}, Textual "
        f"{info['textual']}; load average {info['load_average_at_start']} at start, "
        f"{info['load_average_at_end']} at end; {info['duration_s']} s."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
