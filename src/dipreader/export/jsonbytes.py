"""The JSON bytes of the exports, written by orjson, identical to what the stdlib writes.

The formats were defined by the stdlib's output (`json.dumps(..., ensure_ascii=False,
sort_keys=True)`, with `indent=2` or with compact separators), and exports must stay
byte-identical from one version to the next. The stdlib's encoder is pure Python as soon as
`indent` is given (2 s for the 37 MB w3c export of 50k annotations); orjson writes the same
bytes for the values an export is made of (str, int, bool, None, list, dict), many times
faster:

- the same layout: `,` between items, `": "` after keys when indented and `":"` when
  compact, two spaces per level, `[]` and `{}` for empty containers;
- the same escapes without `ensure_ascii`: `\\"`, `\\\\`, `\\b \\f \\n \\r \\t`, the other
  C0 controls as `\\u00xx`, every other character raw (the tests check every code point);
- keys sorted by code point (orjson sorts by UTF-8 bytes, which is the same order).

Whatever orjson would write differently or refuses goes to the stdlib instead, so the result
is then exactly what it always was, error included: subclasses of str, int, dict and list,
dataclasses and datetimes are refused by orjson here (passed through with no default), as
are lone surrogates (which the stdlib writes and UTF-8 then refuses), integers beyond 64 bits
and keys that are not strings.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

_STRICT = (
    orjson.OPT_SORT_KEYS
    | orjson.OPT_PASSTHROUGH_SUBCLASS
    | orjson.OPT_PASSTHROUGH_DATACLASS
    | orjson.OPT_PASSTHROUGH_DATETIME
)
_INDENTED = _STRICT | orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
_LINE = _STRICT | orjson.OPT_APPEND_NEWLINE

# What `array_items` raises for a value orjson would not write as the stdlib does.
Unsupported = orjson.JSONEncodeError


def indented(value: Any) -> bytes:
    """`json.dumps(value, ensure_ascii=False, sort_keys=True, indent=2)` and a final newline,
    in UTF-8."""
    try:
        return orjson.dumps(value, option=_INDENTED)
    except orjson.JSONEncodeError:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, indent=2)
        return (text + "\n").encode("utf-8")


def array_items(values: list[Any], level: int) -> bytes:
    """The items of `values` as `indented` writes them inside an array nested `level` deep
    (the array of a key of the top-level object is 1 deep): each item on its own lines, items
    separated by `",\\n"` and the indent, without the brackets, the indent before the first
    item or the line break after the last. An empty list gives b"".

    Lets a caller write a long array a slice at a time, each slice's objects freed once
    written. Raises Unsupported where `indented` would fall back to the stdlib.
    """
    if not values:
        return b""
    wrapped: Any = values
    for _ in range(level):
        wrapped = {"": wrapped}  # orjson then indents the items as deep as they will be
    text = orjson.dumps(wrapped, option=_STRICT | orjson.OPT_INDENT_2)
    # Before the items: only braces, empty keys and the array's `[` and indent. After them:
    # a line break and the indent before the array's `]`, then only braces and indents, so
    # the last `]` of the text is the array's.
    start = text.index(b"[") + 2 + 2 * (level + 1)
    end = text.rindex(b"]") - 1 - 2 * level
    return text[start:end]


def compact_lines(values: list[Any]) -> bytes:
    """Each value as `json.dumps(value, ensure_ascii=False, sort_keys=True,
    separators=(",", ":"))` on a line of its own, U+2028 and U+2029 escaped, in UTF-8."""
    try:
        data = b"".join([orjson.dumps(value, option=_LINE) for value in values])
    except orjson.JSONEncodeError:
        return "".join(_compact_text(value) + "\n" for value in values).encode("utf-8")
    # In UTF-8 these byte sequences are U+2028 and U+2029 and nothing else.
    return data.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")


def _compact_text(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # These two are legal raw in JSON strings, but many line readers (Python's
    # str.splitlines among them) treat them as line breaks, which would split a record.
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
