"""Mentions of one person brought together: "Nguyễn Phú Trọng", "Nguyên Phu Trong" and a later
"Trọng" are one suggestion."""

from __future__ import annotations

from collections.abc import Iterable

from dipreader.suggest.fold import is_damaged, same_words
from dipreader.suggest.people import NameMention


def merge_overlapping(mentions: Iterable[NameMention]) -> list[NameMention]:
    """One mention per stretch of text: where two finders (rules, vocabulary, NER) found the
    same or overlapping words, the longer mention stays and takes the other's sources and tag."""
    kept: list[NameMention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if kept and mention.start < kept[-1].end:
            host = kept[-1]
            host.sources |= mention.sources
            if host.tag is None:
                host.tag = mention.tag
            if not host.triggers:
                host.triggers = mention.triggers
            continue
        kept.append(mention)
    return kept


def group_mentions(mentions: list[NameMention]) -> list[list[NameMention]]:
    """The mentions (in text order) grouped by person.

    Names fold together across accents and case; a shorter name that ends a longer one ("Trump",
    "Hoài Trung") or leaves out its middle names ("Marc Knapper" of "Marc Evans Knapper")
    joins the nearest preceding person it matches, else the nearest following.
    Lone surnames that end no full name stay as groups of their own: the caller decides whether
    they are worth suggesting.
    """
    by_key: dict[tuple[str, ...], list[NameMention]] = {}
    for mention in mentions:
        by_key.setdefault(mention.key, []).append(mention)
    for key in [k for k in by_key if is_damaged(k)]:
        intact = [k for k in by_key if not is_damaged(k) and same_words(key, k)]
        if len(intact) == 1:
            by_key[intact[0]] += by_key.pop(key)
    # Shortest names first: "Trung" may join "Hoài Trung", which then joins "Lê Hoài Trung"
    # taking "Trung" with it.
    for key in sorted(by_key, key=len):
        hosts = [k for k in by_key if len(k) > len(key) and _shortens(key, k)]
        if not hosts:
            continue
        for mention in by_key.pop(key):
            host = _nearest_host(mention, hosts, by_key)
            by_key[host].append(mention)
    groups = [sorted(group, key=lambda m: m.start) for group in by_key.values()]
    return sorted(groups, key=lambda g: g[0].start)


def _nearest_host(
    mention: NameMention,
    hosts: list[tuple[str, ...]],
    by_key: dict[tuple[str, ...], list[NameMention]],
) -> tuple[str, ...]:
    def distance(host: tuple[str, ...]) -> tuple[int, int]:
        starts = [m.start for m in by_key[host]]
        before = [mention.start - s for s in starts if s < mention.start]
        if before:
            return (0, min(before))
        return (1, min(s - mention.start for s in starts))

    return min(hosts, key=distance)


def _shortens(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether `short` is a shorter way of writing `full`: its last words ("Knapper", "Hoài
    Trung"), or its first and last words with some middle names left out ("Marc Knapper",
    "Marc E. Knapper" without its initial, for "Marc Evans Knapper")."""
    if full[-len(short) :] == short:
        return True
    if len(short) < 2 or short[0] != full[0] or short[-1] != full[-1]:
        return False
    middle = iter(full[1:-1])
    # Each middle word left in `short` appears in `full`'s middle, in order.
    return all(word in middle for word in short[1:-1])
