"""A realistic annotation data set on the seed corpus, built from plain store records.

It covers what an analyst's database holds after a few weeks: people, themes and a
user-defined kind on whole articles and on passages (two tags and a note on one passage),
notes with hostile text, corrections, flags, and an annotation on an article that is no
longer in the corpus.
"""

from __future__ import annotations

from pathlib import Path

from dipreader.corpus import Article, Corpus, load_corpus
from dipreader.export.snapshot import Snapshot
from dipreader.store.model import Annotation, ArticleState, Tag, TextTarget

REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS = REPO_ROOT / "seeds"
SHARED = REPO_ROOT.parent / "shared"

GONE_ARTICLE_ID = "0123456789abcdef"  # annotated once, then removed from the corpus

# Text a careless exporter would turn into markup, formulas, escapes or broken lines.
HOSTILE_NOTE = (
    '=HYPERLINK("http://x.invalid","clic") [bold]not bold[/] \\n "guillemets" ; virgule, '
    "ligne\ndeux\u2028trois 🇻🇳"
)

TAGS = (
    Tag("a1" * 16, "Tô Lâm", "person", aliases=("To Lam", "Tô Lâm (SG)")),
    Tag("a2" * 16, "Donald Trump", "person", colour="#e06c75"),
    Tag("b1" * 16, "Commerce et économie", "theme", description="échanges, tarifs, investissement"),
    Tag("b2" * 16, "Moyen-Orient / paix à Gaza", "theme"),
    Tag("b3" * 16, "Héritage de la guerre", "theme"),  # in the vocabulary, never used
    Tag("c1" * 16, "Washington", "place"),
    Tag("c2" * 16, "Hanoï", "place"),
    Tag("d1" * 16, "ASEAN", "organisation"),
)


def seed_corpus() -> Corpus:
    return load_corpus(SEEDS)


def _passage(article: Article, exact: str, occurrence: int = 0) -> TextTarget:
    text = article.text
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(exact, start + 1)
    end = start + len(exact)
    return TextTarget(start, end, exact, text[max(0, start - 32) : start], text[end : end + 32])


def realistic_snapshot(corpus: Corpus) -> Snapshot:
    gaza, commission, call = (
        corpus.get("c69367fe4e06042e"),
        corpus.get("db209d44f20b79fb"),
        corpus.get("0f98363752d242e3"),
    )
    assert gaza and commission and call, "the seed corpus changed: update this data set"
    counter = iter(range(1, 1000))

    def annotation(
        article_id: str,
        *,
        tag: int | None = None,
        note: str | None = None,
        target: TextTarget | None = None,
        author: str = "linh",
    ) -> Annotation:
        n = next(counter)
        return Annotation(
            id=f"{n:032x}",
            article_id=article_id,
            tag_id=TAGS[tag].id if tag is not None else None,
            note=note,
            target=target,
            created=f"2026-11-{10 + n % 10:02d}T09:{n % 60:02d}:05Z",
            updated=f"2026-11-{10 + n % 10:02d}T10:{n % 60:02d}:05Z",
            author=author,
        )

    meeting = _passage(gaza, "a rencontré le président des États-Unis, Donald Trump")
    washington = _passage(gaza, "Washington D.C.")
    first_words = TextTarget(0, 12, call.text[:12], "", call.text[12:44])
    annotations = [
        annotation(gaza.id, tag=0),
        annotation(gaza.id, tag=1),
        annotation(gaza.id, tag=2, author="minh"),
        annotation(gaza.id, tag=3),
        annotation(gaza.id, tag=7),
        annotation(gaza.id, note="Première rencontre en personne depuis 2017."),
        annotation(gaza.id, tag=1, target=meeting),
        annotation(gaza.id, tag=0, target=meeting),
        annotation(gaza.id, note=HOSTILE_NOTE, target=meeting),
        annotation(gaza.id, tag=5, target=washington),
        annotation(commission.id, tag=2),
        annotation(commission.id, note="À relire : dates incertaines."),
        annotation(call.id, tag=0),
        annotation(call.id, tag=6, target=first_words),
        annotation(GONE_ARTICLE_ID, tag=1, author=""),
    ]
    states = {
        gaza.id: ArticleState(gaza.id, read=True, starred=True),
        commission.id: ArticleState(commission.id, read=True, title="Le chef de la CCRE en visite"),
        call.id: ArticleState(call.id, read=False),  # all defaults: not exported on its own
        "f7b640336f895577": ArticleState("f7b640336f895577", date="2024-06"),
    }
    return Snapshot(tags=TAGS, annotations=tuple(annotations), states=states)
