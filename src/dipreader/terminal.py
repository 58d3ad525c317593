"""What may reach a terminal: the one sanitiser for text that came from data.

Article text, file names, tag names, notes and imported records can hold escape sequences
(a title change, an OSC 52 clipboard write), other control characters, lone surrogates (a
file name's stray byte) and bidirectional overrides that make a terminal show text other
than what it holds. Whatever of that is printed to a terminal (stdout when it is one, stderr,
the app's toasts and titles) goes through `for_terminal`, or `pictured` where offsets into
the text must stay valid; files written with `-o` keep the data exactly.

No import beyond the standard library's `re`: `dipreader --help` loads this module.
"""

from __future__ import annotations

import re
from typing import BinaryIO

# (first, last) code points: C0 and C1 control characters but tab and newline, lone
# surrogates, line and paragraph separators, and the bidirectional embeddings, overrides
# and isolates. The one definition of what is unsafe; `pictured` and the app build on it.
UNSAFE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00, 0x08),
    (0x0B, 0x1F),
    (0x7F, 0x9F),
    (0xD800, 0xDFFF),
    (0x2028, 0x2029),
    (0x202A, 0x202E),
    (0x2066, 0x2069),
)
UNSAFE_CHARACTERS = "".join(f"{chr(first)}-{chr(last)}" for first, last in UNSAFE_RANGES)
_UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}]")
REPLACEMENT = "\ufffd"


def for_terminal(text: str, mark: str = REPLACEMENT) -> str:
    """`text` with each character a terminal may act on or misshow replaced by `mark`
    (tabs and newlines kept)."""
    return _UNSAFE.sub(mark, text)


def one_line_for_terminal(text: str) -> str:
    """`for_terminal` on one line: line breaks and runs of spaces become single spaces."""
    # Split first: the separators that `str.split` breaks at (U+2028 among them) read as
    # spaces on one line, not as marks.
    return for_terminal(" ".join(text.split()))


def _picture(code: int) -> str:
    if code < 0x20:
        return chr(0x2400 + code)  # the control pictures: ESC as ␛
    return "\u2421" if code == 0x7F else REPLACEMENT  # ␡; C1 (CSI 0x9b among them) and others


def _pictures() -> dict[int, str]:
    table = {
        code: _picture(code) for first, last in UNSAFE_RANGES for code in range(first, last + 1)
    }
    table[ord("\t")] = _picture(ord("\t"))  # a tab's width depends on where it falls
    return table


_PICTURES = _pictures()


def holds_unsafe(text: str) -> bool:
    """Whether `text` holds a character `for_terminal` would replace: what a name, note or
    title the user gives may not hold (tabs and newlines are text)."""
    return _UNSAFE.search(text) is not None


def pictured(text: str) -> str:
    """`text` with each unsafe character, and tabs, shown as one visible character (ESC as
    ␛, DEL as ␡, the others as U+FFFD): the same length, so offsets into it stay valid;
    newlines kept."""
    return text.translate(_PICTURES)


def write_output(data: bytes, stream: BinaryIO, *, is_terminal: bool) -> None:
    """Write a command's output: exactly `data` to a file or pipe, and to a terminal the
    text it holds made safe (invalid UTF-8 shown as U+FFFD, CRLF line ends as newlines)."""
    if is_terminal:
        text = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
        data = for_terminal(text).encode("utf-8")
    stream.write(data)
    stream.flush()
