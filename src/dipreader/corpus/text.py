"""Text normalisation shared by the loader and the cleaner: what every line goes through."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# ANSI/VT escape sequences: CSI (ESC [ … final), OSC (ESC ] … BEL or ST), and two-byte ESC x.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x1b[@-Z\\-_]?"
)
# What normalisation removes: C0 and C1 control characters but tab and newline, lone
# surrogates, and the bidirectional overrides and isolates. Its own list, not
# `dipreader.terminal`'s (which also marks line separators when printing): article ids hash
# the normalised text, so this list never changes with how text is shown.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_BLANK_RUNS = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalise_text(raw: str, *, keep_leading_blank_lines: bool = False) -> str:
    """NFC, `\\n` line ends, no escape sequences or control characters, single spaces.

    Blank lines are kept (they separate paragraphs); each line is stripped. Leading blank
    lines are kept on request, so that line numbers still match the source's.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if "\x1b" in text or "\x9b" in text:
        text = _ESCAPES.sub("", text)
    text = _CONTROLS.sub("", text)
    text = unicodedata.normalize("NFC", text)
    lines = (line.strip(" ") for line in _SPACES.sub(" ", text).split("\n"))
    text = "\n".join(lines)
    return text.rstrip("\n") if keep_leading_blank_lines else text.strip("\n")


def without_escapes(text: str) -> str:
    """`text` without terminal escape sequences (the whole sequence, not only its ESC)."""
    return _ESCAPES.sub("", text) if "\x1b" in text or "\x9b" in text else text


def normalise_line(raw: str) -> str:
    """`normalise_text` on one line: a title, a name, an address, as a source gave it."""
    return " ".join(normalise_text(raw).split())


def content_id(normalised: str) -> str:
    """The article id: a hash of its normalised source text.

    Hashing the text rather than the file's bytes or name keeps the id when a file is renamed,
    moved, re-encoded or given other line ends or blank lines; hashing the source rather than
    the cleaned output keeps it when the cleaning rules change.
    """
    canonical = _BLANK_RUNS.sub("\n\n", normalised.strip("\n"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def utf8_encodable(text: str) -> bool:
    """Whether `text` can be written as UTF-8 (a file name's stray byte, or JSON's
    `\\ud800`, gives a lone surrogate that cannot)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
