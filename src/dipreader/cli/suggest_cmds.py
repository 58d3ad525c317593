"""`dipreader suggest` and `dipreader evaluate`: suggestions without the app, and how they
compare with a gold export."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dipreader.cli.common import (
    DEFAULT_DB,
    add_corpus_argument,
    emit,
    load_corpus_argument,
    open_store,
    warn,
)
from dipreader.errors import DipreaderError
from dipreader.terminal import one_line_for_terminal as one_line

if TYPE_CHECKING:
    from dipreader.corpus import Article
    from dipreader.export.snapshot import Snapshot
    from dipreader.suggest import Suggester, Suggestion
    from dipreader.suggest.evaluate import Evaluation

_EVIDENCE_SHOWN = 3
_NAMES_SHOWN = 40


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("suggest", help="list the people and themes suggested for an article")
    p.add_argument("id", metavar="ID", help="an article id, or the start of one")
    add_corpus_argument(p)
    p.add_argument(
        "--db",
        metavar="PATH",
        help=f"the annotation database, for its vocabulary and rejections "
        f"(default: ./{DEFAULT_DB} if it exists)",
    )
    _add_common_options(p)
    p.set_defaults(run=run_suggest)

    p = sub.add_parser(
        "evaluate", help="compare the suggestions with a json export: precision and recall"
    )
    p.add_argument(
        "gold",
        metavar="GOLD.json",
        help="the right answers: a json export, or an annotation database such as the "
        "repository's annotations.json",
    )
    add_corpus_argument(p)
    p.add_argument(
        "--with-vocabulary",
        action="store_true",
        help="give the suggester the gold vocabulary (default: rules only, as on a new corpus)",
    )
    _add_common_options(p)
    p.set_defaults(run=run_evaluate)


def _add_common_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("text", "json"), default="text", help="default: text")
    p.add_argument(
        "--themes",
        metavar="FILE",
        help="a theme file extending the built-in cue phrases (default: themes.toml in "
        "dipreader's configuration folder, or $DIPREADER_CONFIG_DIR, if it exists)",
    )
    p.add_argument(
        "--spacy",
        action="store_true",
        help="add people found by spaCy's French model (pip install 'dipreader[nlp]')",
    )


def _suggester(args: argparse.Namespace, vocabulary: list[Any]) -> Suggester:
    from dipreader.suggest import Suggester

    entities = None
    if args.spacy:
        from dipreader.suggest.nlp import load_spacy_entities

        print("loading spaCy's French model…", file=sys.stderr)
        entities = load_spacy_entities()
    themes = Path(args.themes) if args.themes else None
    if themes is not None and not themes.is_file():
        from dipreader.suggest import LexiconError

        raise LexiconError(f"no theme file at {themes}")
    return Suggester(vocabulary, user_themes=themes, entities=entities)


# suggest


def run_suggest(args: argparse.Namespace) -> int:
    corpus = load_corpus_argument(args)
    article = corpus.find(args.id)
    vocabulary: list[Any] = []
    rejected: set[str] = set()
    applied: set[str] = set()
    db = Path(args.db) if args.db else Path(DEFAULT_DB)
    if not db.exists():
        # Suggesting needs no database: with none, the built-in rules and an empty vocabulary.
        if args.db:
            warn(f"no annotation database at {db}: suggesting with an empty vocabulary")
    else:
        with open_store(db, read_only=True) as store:
            vocabulary = store.tags()
            rejected = store.rejected_suggestions(article.id)
            applied = {a.tag_id for a in store.annotations(article.id) if a.tag_id}
    suggestions = _suggester(args, vocabulary).suggest(article, rejected=rejected, applied=applied)
    if args.format == "json":
        document = {
            "article": {"id": article.id, "title": article.title},
            "suggestions": [_suggestion_json(s) for s in suggestions],
        }
        emit(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        emit(_suggestions_text(article, suggestions), end="")
    return 0


def _suggestion_json(suggestion: Suggestion) -> dict[str, Any]:
    return {
        "kind": suggestion.kind,
        "name": suggestion.name,
        "tag_id": suggestion.tag_id,
        "key": suggestion.key,
        "source": suggestion.source,
        "score": suggestion.score,
        "triggers": list(suggestion.triggers),
        "evidence": [{"start": e.start, "end": e.end, "text": e.text} for e in suggestion.evidence],
    }


def _suggestions_text(article: Article, suggestions: list[Suggestion]) -> str:
    lines = [f"{article.id}  {one_line(article.title)}"]
    if not suggestions:
        lines.append("no suggestions")
    kind = None
    width = max((len(one_line(s.name)) for s in suggestions), default=0)
    for number, suggestion in enumerate(suggestions, 1):
        if suggestion.kind != kind:
            kind = suggestion.kind
            lines.append(f"{kind}:")
        name = one_line(suggestion.name).ljust(width)
        vocab = "  (in vocabulary)" if suggestion.tag_id else ""
        lines.append(f"{number:>3}. {name}  {suggestion.source:<10} {suggestion.score:.2f}{vocab}")
        if suggestion.triggers:
            lines.append(f"       because: {', '.join(one_line(t) for t in suggestion.triggers)}")
        lines.append(f"       evidence: {_evidence_text(suggestion)}")
    return "\n".join(lines) + "\n"


def _evidence_text(suggestion: Suggestion) -> str:
    shown = ", ".join(
        f"«{one_line(e.text)}» at {e.start}" for e in suggestion.evidence[:_EVIDENCE_SHOWN]
    )
    more = len(suggestion.evidence) - _EVIDENCE_SHOWN
    return shown + (f" and {more} more" if more > 0 else "")


# evaluate


def run_evaluate(args: argparse.Namespace) -> int:
    from dipreader.suggest.evaluate import evaluate

    gold = _read_gold(Path(args.gold))
    corpus = load_corpus_argument(args)
    gold_ids = {a.article_id for a in gold.annotations} | set(gold.states)
    vocabulary = list(gold.tags) if args.with_vocabulary else []
    result = evaluate(
        corpus.articles, gold.tags, gold.annotations, gold_ids, _suggester(args, vocabulary)
    )
    if result.not_in_corpus:
        warn(
            f"{len(result.not_in_corpus)} gold article(s) are not in the corpus and were "
            f"not compared: {', '.join(result.not_in_corpus[:5])}"
        )
    if args.format == "json":
        emit(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        emit(_evaluation_text(result, args.gold), end="")
    return 0


def _read_gold(path: Path) -> Snapshot:
    """The tags and annotations of a json export or of an annotation database (read-only)."""
    from dipreader.export.document import FORMAT_NAME
    from dipreader.export.reader import read_export
    from dipreader.export.snapshot import snapshot_from_store
    from dipreader.store import AnnotationStore, StoreCorrupt

    try:
        document = json.loads(path.read_bytes())
    except OSError as exc:
        raise DipreaderError(f"cannot read the gold file {path}: {exc.strerror or exc}") from None
    except ValueError:
        document = None
    if isinstance(document, dict) and document.get("format") == FORMAT_NAME:
        return read_export(path)
    try:
        with AnnotationStore.open(path, read_only=True) as store:
            return snapshot_from_store(store)
    except StoreCorrupt as exc:
        raise DipreaderError(
            f"{path} is neither a dipreader json export nor an annotation database ({exc})"
        ) from None


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def _evaluation_text(result: Evaluation, gold_name: str) -> str:
    lines = [f"{len(result.articles)} article(s) compared with {one_line(gold_name)}"]
    if not result.kinds:
        lines.append("the gold has no person or theme tag on these articles")
    lines.append(
        f"{'kind':<8} {'precision':>9} {'recall':>7} {'right':>6} {'wrong':>6} {'missed':>6}"
    )
    for kind, r in result.kinds.items():
        lines.append(
            f"{kind:<8} {_percent(r.precision):>9} {_percent(r.recall):>7} "
            f"{r.true_positives:>6} {r.false_positives:>6} {r.false_negatives:>6}"
        )
    for kind, r in result.kinds.items():
        if r.misses:
            lines.append(f"{kind} misses (in the gold, not suggested):")
            lines += [f"  {m.article_id}  {one_line(m.name)}" for m in r.misses[:_NAMES_SHOWN]]
            if len(r.misses) > _NAMES_SHOWN:
                lines.append(
                    f"  … and {len(r.misses) - _NAMES_SHOWN} more (--format json lists all)"
                )
        if r.false_hits:
            lines.append(f"{kind} false hits (suggested, not in the gold):")
            lines += [
                f"  {h.article_id}  {one_line(h.name)}  «{one_line(h.evidence)}»"
                for h in r.false_hits[:_NAMES_SHOWN]
            ]
            if len(r.false_hits) > _NAMES_SHOWN:
                lines.append(
                    f"  … and {len(r.false_hits) - _NAMES_SHOWN} more (--format json lists all)"
                )
    return "\n".join(lines) + "\n"
