"""What may reach a terminal: the one sanitiser for text that came from data.

Article text, file names, tag names, notes and imported records can hold escape sequences
(a title change, an OSC 52 clipboard write), other control characters, lone surrogates (a
file name's stray byte) and bidirectional overrides that make a terminal show text other
than what it holds. Whatever of that is printed to a terminal (stdout when it is one, stderr,
the app's toasts and titles) goes through `for_terminal`; files written with `-o` keep the
data exactly.
"""

from __future__ import annotations

import re
from typing import BinaryIO

# C0 and C1 control characters but tab and newline, lone surrogates, line and paragraph
# separators, and the bidirectional embeddings, overrides and isolates.
UNSAFE_CHARACTERS = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}]")
REPLACEMENT = "\ufffd"


def for_terminal(text: str, mark: str = REPLACEMENT) -> str:
    """`text` with each character a terminal may act on or misshow replaced by `mark`
    (tabs and newlines kept)."""
    return _UNSAFE.sub(mark, text)


def one_line_for_terminal(text: str) -> str:
    """`for_terminal` on one line: newlines and runs of spaces become single spaces."""
    return " ".join(for_terminal(text).split())


def write_output(data: bytes, stream: BinaryIO, *, is_terminal: bool) -> None:
    """Write a command's output: exactly `data` to a file or pipe, and to a terminal the
    text it holds made safe (invalid UTF-8 shown as U+FFFD, CRLF line ends as newlines)."""
    if is_terminal:
        text = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
        data = for_terminal(text).encode("utf-8")
    stream.write(data)
    stream.flush()
