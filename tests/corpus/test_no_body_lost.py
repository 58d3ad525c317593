"""No body sentence lost, whatever furniture surrounds the story: pages assembled at random
from the layouts' own furniture (above, inside and after their stories) and their stories'
paragraphs. A property test: hypothesis looks for the page that loses a paragraph."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from dipreader.corpus import clean_article
from dipreader.corpus.layout import is_prose
from dipreader.corpus.rules import rule_for
from tests.corpus.test_seeds import parse_expected

LAYOUTS = Path(__file__).parent / "layouts"


def _furniture() -> tuple[list[str], list[str], list[str], list[str]]:
    """The layouts' lines outside their stories, by where they stand: above the headline,
    inside the body, after the last paragraph; and the paragraphs themselves."""
    head: list[str] = []
    inside: list[str] = []
    tail: list[str] = []
    paragraphs: list[str] = []
    for raw in sorted(LAYOUTS.glob("*.txt")):
        expected = parse_expected(raw.with_suffix(".expected").read_text(encoding="utf-8"))
        story = [str(p) for p in expected["paragraphs"]]
        paragraphs += story
        lines = [line.strip() for line in raw.read_text(encoding="utf-8").split("\n")]
        lines = [line for line in lines if line]
        first = next(i for i, line in enumerate(lines) if line.startswith(story[0][:40]))
        last = max(i for i, line in enumerate(lines) if line.startswith(story[-1][:40]))
        for index, line in enumerate(lines):
            if any(line.startswith(p[:40]) for p in story) or line == expected["title"]:
                continue
            (head if index < first else tail if index > last else inside).append(line)
    # Inside the body only furniture a rule knows: an unknown short line there reads as a
    # subheading, which stays (and a related box takes what follows it: see below).
    inside = [line for line in inside if (rule := rule_for(line)) and rule.action == "drop"]
    return head, inside, tail, paragraphs


HEAD, INSIDE, TAIL, PARAGRAPHS = _furniture()
LEADS = [p for p in PARAGRAPHS if is_prose(p)]
# Paragraphs of a news story's usual length (not an interview's one-line question).
NEWS_PARAGRAPHS = [p for p in LEADS if len(p.split()) >= 15]


@st.composite
def pages(draw: st.DrawFn) -> tuple[str, list[str]]:
    # A story opens and ends with a paragraph; subheadings stand between paragraphs.
    lead, last = draw(st.lists(st.sampled_from(LEADS), min_size=2, max_size=2, unique=True))
    rest = st.sampled_from([p for p in PARAGRAPHS if p not in (lead, last)])
    story = [lead, *draw(st.lists(rest, max_size=6, unique=True)), last]
    lines = draw(st.lists(st.sampled_from(HEAD), max_size=12))
    lines.append("Un titre inventé pour la page de test")
    for paragraph in story:
        lines += draw(st.lists(st.sampled_from(INSIDE), max_size=3))
        lines.append(paragraph)
    lines += draw(st.lists(st.sampled_from(TAIL), max_size=15))
    blank = draw(st.booleans())
    return ("\n\n" if blank else "\n").join(lines), story


@settings(max_examples=300, deadline=None, database=None)
@given(pages())
def test_every_paragraph_of_the_story_is_kept(page: tuple[str, list[str]]) -> None:
    text, story = page
    kept = clean_article(text, "page.txt").paragraphs
    assert [p for p in story if p not in kept] == []


@settings(max_examples=100, deadline=None, database=None)
@given(
    st.lists(st.sampled_from(NEWS_PARAGRAPHS), min_size=3, max_size=6, unique=True),
    st.sampled_from(["Lire aussi", "Sur le même sujet", "Voir aussi", "À lire aussi"]),
    st.integers(min_value=1, max_value=3),
)
def test_a_related_box_inside_the_story_does_not_end_it(
    story: list[str], heading: str, at: int
) -> None:
    """A box of related headlines inside the body, with two news paragraphs or more after it
    (a single short one after a box reads as the box's summary: that one may go)."""
    at = min(at, len(story) - 2)
    box = [heading, "Climat : une autre histoire de la semaine"]
    lines = ["Un titre inventé pour la page de test", *story[:at], *box, *story[at:]]
    kept = clean_article("\n\n".join(lines), "page.txt").paragraphs
    assert list(kept) == story
