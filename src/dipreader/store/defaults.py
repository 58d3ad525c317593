"""The theme vocabulary a new database starts with: the recurring subjects of Vietnam–US
diplomatic coverage. Users rename, recolour, extend or ignore them like any other tag."""

from __future__ import annotations

from dipreader.store.model import THEME, Tag
from dipreader.store.records import new_id

# (name, colour, description). Colours are distinct on dark and light terminal themes and
# keep related subjects apart (war legacy and defense are not two reds).
DEFAULT_THEMES: tuple[tuple[str, str, str], ...] = (
    (
        "trade & economy",
        "#e5c07b",
        "Trade agreements, tariffs, investment, supply chains, economic cooperation.",
    ),
    (
        "war legacy",
        "#be5046",
        "Legacy of the war: MIA recovery, Agent Orange/dioxin, unexploded ordnance, "
        "reconciliation.",
    ),
    (
        "climate & energy",
        "#98c379",
        "Climate change, the energy transition (JETP), power, the Mekong delta.",
    ),
    (
        "science & technology",
        "#56b6c2",
        "Semiconductors, digital economy, space, research and innovation partnerships.",
    ),
    (
        "education",
        "#61afef",
        "Universities, scholarships (Fulbright), students, training and language programmes.",
    ),
    (
        "defense & security",
        "#d19a66",
        "Military cooperation, maritime security, the South China Sea / East Sea, "
        "arms and coast guard.",
    ),
    (
        "health",
        "#c678dd",
        "Public health cooperation, pandemics and vaccines, hospitals, medical aid.",
    ),
    (
        "people-to-people exchanges",
        "#e06c9f",
        "Culture, tourism, the diaspora, sport, veterans' and civil-society exchanges.",
    ),
    (
        "high-level diplomacy",
        "#c8ccd4",
        "State and official visits, summits, calls and meetings between leaders; "
        "the comprehensive strategic partnership.",
    ),
    (
        "multilateral (UN, ASEAN)",
        "#7f9fd4",
        "The UN, ASEAN, APEC, the G20 and other multilateral forums.",
    ),
    (
        "Middle East / Gaza peace",
        "#a3be8c",
        "Positions and initiatives on the Middle East, Gaza ceasefire and peace efforts.",
    ),
)


def default_vocabulary() -> list[Tag]:
    """Fresh tags (new ids) for the default themes."""
    return [
        Tag(id=new_id(), name=name, kind=THEME, colour=colour, description=description)
        for name, colour, description in DEFAULT_THEMES
    ]
