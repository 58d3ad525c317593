"""`SpanSet` answers as a scan of its ranges would."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dipreader.suggest.blocked import SpanSet

RANGES = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 15)).map(lambda r: (r[0], r[0] + r[1])),
    max_size=12,
)
QUERY = st.tuples(st.integers(0, 70), st.integers(1, 15)).map(lambda q: (q[0], q[0] + q[1]))


@given(RANGES, QUERY)
def test_overlaps_agrees_with_a_scan(ranges: list[tuple[int, int]], query: tuple[int, int]):
    start, end = query
    expected = any(a < end and start < b for a, b in ranges)
    assert SpanSet(ranges).overlaps(start, end) == expected


@given(RANGES, QUERY)
def test_covers_agrees_with_the_merged_ranges(ranges: list[tuple[int, int]], query):
    start, end = query
    covered = set()
    for a, b in ranges:
        covered.update(range(a, b))
    # Inside one range of the union: every character covered, none missing between.
    expected = all(i in covered for i in range(start, end))
    assert SpanSet(ranges).covers(start, end) == expected
