"""A long text read in pieces gives what it gives read whole (suggest/long_text.py)."""

from __future__ import annotations

from pathlib import Path

from dipreader.corpus.model import Article
from dipreader.suggest import long_text
from dipreader.suggest import suggester as suggester_module
from dipreader.suggest.long_text import gather_in_pieces, pieces
from dipreader.suggest.suggester import Suggester
from tests.corpus.test_seeds import parse_expected

LAYOUTS = Path(__file__).parents[1] / "corpus" / "layouts"


def _text() -> str:
    paragraphs: list[str] = []
    for path in sorted(LAYOUTS.glob("*.expected")):
        paragraphs += parse_expected(path.read_text(encoding="utf-8"))["paragraphs"]
    return "\n\n".join(paragraphs)


def _findings(gathered) -> tuple[list, list]:
    mentions = sorted((m.start, m.end, m.text, m.key, m.triggers) for m in gathered.mentions)
    cues = sorted((h.theme, h.cue, h.span.start, h.span.end) for h in gathered.cues)
    return mentions, cues


def test_pieces_end_with_a_paragraph_and_make_the_whole_text() -> None:
    text = _text()
    parts = pieces(text, size=5_000)
    assert len(parts) > 10
    assert "".join(piece for _, piece in parts) == text
    for start, piece in parts:
        assert text.startswith(piece, start)
    for _, piece in parts[:-1]:
        assert piece.endswith("\n\n")


def _names(found: tuple[list, list]) -> tuple[list, list]:
    """The findings but lone untitled words: a sentence's capitalised first word is told from
    a name by the same word in lower case elsewhere, which a piece may not have."""
    mentions, cues = found
    return [m for m in mentions if len(m[3]) > 1 or m[4]], cues


def test_the_pieces_findings_are_the_whole_texts() -> None:
    """Read in pieces (other processes read most of them) or whole: the same mentions and
    theme phrases, at the same offsets of the whole text."""
    text = _text()
    suggester = Suggester()
    whole = _findings(suggester.gather(text))
    assert whole[0] and whole[1]
    in_pieces = _findings(gather_in_pieces(suggester, text, size=20_000))
    assert _names(in_pieces) == _names(whole)
    assert set(whole[0]) <= set(in_pieces[0])


def test_a_long_article_gets_the_suggestions_it_gets_whole(monkeypatch) -> None:
    text = _text()
    article = Article(id="long", title="t", paragraphs=tuple(text.split("\n\n")), source=Path("a"))
    suggester = Suggester()
    whole = [(s.kind, s.name, s.evidence, s.score) for s in suggester.suggest(article)]
    monkeypatch.setattr(suggester_module, "LONG_TEXT", 10_000)
    monkeypatch.setattr(long_text, "PIECE", 15_000)
    assert len(pieces(text)) >= 4
    assert [(s.kind, s.name, s.evidence, s.score) for s in suggester.suggest(article)] == whole
