"""The styled form of `dipreader show`, for a terminal. Article text is untrusted: it goes
into `rich.text.Text` objects, never through markup, made safe first (rich passes escape
sequences through)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from dipreader.cli.common import article_meta
from dipreader.corpus import Article
from dipreader.terminal import for_terminal


def print_article(article: Article, console: Console | None = None) -> None:
    console = console or Console(highlight=False, emoji=False)
    if article.kicker:
        console.print(Text(for_terminal(article.kicker.upper()), style="bold cyan"))
    title = Text(for_terminal(article.title), style="bold")
    if article.title_derived:
        title.append("  (derived from the lead)", style="dim italic")
    console.print(title)
    meta = article_meta(article)
    console.print(Text(for_terminal(" · ".join(meta)), style="dim"))
    for paragraph in article.paragraphs:
        console.print()
        console.print(Text(for_terminal(paragraph)))
