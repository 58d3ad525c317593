"""`dipreader list` and `dipreader show`: look at a corpus without the app."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from typing import TYPE_CHECKING, Any

from dipreader.cli.common import add_corpus_argument, article_meta, emit, load_corpus_argument

if TYPE_CHECKING:
    from dipreader.corpus import Article


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("list", help="list the articles, newest first")
    add_corpus_argument(p)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(run=run_list)

    p = sub.add_parser("show", help="print one cleaned article")
    p.add_argument("id", metavar="ID", help="an article id, or the start of one")
    add_corpus_argument(p)
    p.add_argument("--plain", action="store_true", help="plain text, no styling")
    p.add_argument("--explain", action="store_true", help="list each removed line and its rule")
    p.set_defaults(run=run_show)


def article_summary(article: Article) -> dict[str, Any]:
    """The fields `list --format json` prints for an article."""
    return {
        "id": article.id,
        "date": article.date.iso() if article.date else None,
        "date_precision": article.date_precision,
        "title": article.title,
        "title_derived": article.title_derived,
        "kicker": article.kicker,
        "agency": article.agency,
        "source": str(article.source),
        "words": article.words,
        "date_source": article.date_source,
        "authors": list(article.authors),
        "site": article.site,
        "url": article.url,
        "language": article.language,
        "summary_only": article.summary_only,
    }


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def run_list(args: argparse.Namespace) -> int:
    corpus = load_corpus_argument(args)
    if args.format == "json":
        rows = [article_summary(a) for a in corpus.articles]
        emit(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    dates = [a.date.iso() if a.date else "undated" for a in corpus.articles]
    date_width = max(len("date"), *(len(d) for d in dates))
    words_width = max(len("words"), *(len(str(a.words)) for a in corpus.articles))
    id_width = 16
    # A terminal gets titles cut to fit its width; a pipe gets them whole.
    title_width = None
    if sys.stdout.isatty():
        columns = shutil.get_terminal_size().columns
        title_width = max(columns - date_width - words_width - id_width - 6, 20)
    # A feed's summary says so before its title, where a cut title does not hide it.
    marked = [f"(summary) {a.title}" if a.summary_only else a.title for a in corpus.articles]
    titles = [t if title_width is None else _fit(t, title_width) for t in marked]
    title_col = max(len("title"), *(len(t) for t in titles))
    header = f"{'date':<{date_width}}  {'title':<{title_col}}  {'words':>{words_width}}  id"
    lines = [header.rstrip()]
    for article, date, title in zip(corpus.articles, dates, titles, strict=True):
        words = f"{article.words:>{words_width}}"
        lines.append(f"{date:<{date_width}}  {title:<{title_col}}  {words}  {article.id}")
    emit("\n".join(lines))
    return 0


def _plain_article(article: Article) -> str:
    meta = article_meta(article)
    parts = []
    if article.kicker:
        parts.append(article.kicker)
    parts += [article.title + (" (title derived from the lead)" if article.title_derived else "")]
    parts += [" · ".join(meta), *article.paragraphs]
    return "\n\n".join(parts) + "\n"


def _date_candidates(article: Article) -> list[str]:
    """Every date the removed lines state, in the order they are trusted (see
    `dipreader.corpus.clean._best_date`): the one used, and any that disagrees with it."""
    from dipreader.corpus.dates import ranked_stated_dates

    stated = ranked_stated_dates(article.dropped)
    if not stated:
        return []
    out = ["  dates stated (trusted in this order: header, page metadata, publication line,"]
    out.append("  update line, agency metadata):")
    used = False
    for candidate in stated:
        if article.date == candidate.date:
            first = not used and article.date_source == candidate.source
            verdict, used = ("used" if first else "agrees"), used or first
        else:
            verdict = f"conflicts with {article.date.iso()}" if article.date else "unused"
        out.append(
            f"    line {candidate.line_no:>3}  {candidate.date.iso()}  {candidate.kind}"
            f"  [{verdict}]  {candidate.text}"
        )
    return out


def _explain(article: Article) -> str:
    from dipreader.corpus.rules import reason_for

    lines = [f"{article.source}"]
    if article.kicker:
        lines.append(f"  kicker: {article.kicker}")
    derived = " (derived from the lead: no headline line)" if article.title_derived else ""
    lines.append(f"  title:  {article.title}{derived}")
    if article.date is not None:
        lines.append(f"  date:   {article.date.iso()} (from the {article.date_source or 'text'})")
    lines += _date_candidates(article)
    if not article.dropped:
        lines.append("Nothing was removed from this article.")
        return "\n".join(lines) + "\n"
    lines.append(f"{len(article.dropped)} removed:")
    for dropped in article.dropped:
        lines.append(f"  line {dropped.line_no:>3}  [{dropped.rule}]  {dropped.text}")
    rules = sorted({d.rule for d in article.dropped})
    lines.append("")
    lines.append("rules:")
    lines += [f"  {rule}: {reason_for(rule)}" for rule in rules]
    return "\n".join(lines) + "\n"


def run_show(args: argparse.Namespace) -> int:
    corpus = load_corpus_argument(args)
    article = corpus.find(args.id)
    if args.explain:
        emit(_explain(article), end="")
        return 0
    if args.plain or not sys.stdout.isatty():
        emit(_plain_article(article), end="")
        return 0
    from dipreader.cli.styled import print_article

    print_article(article)
    return 0
