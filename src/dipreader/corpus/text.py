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
# Bidirectional overrides and isolates can make a terminal show text other than what it holds.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_BLANK_RUNS = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalise_text(raw: str, *, keep_leading_blank_lines: bool = False) -> str:
    """NFC, `\\n` line ends, no escape sequences or control characters, single spaces.

    Blank lines are kept (they separate paragraphs); each line is stripped. Leading blank
    lines are kept on request, so that line numbers still match the source's.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = _ESCAPES.sub("", text)
    text = text.translate(_BIDI_CONTROLS)
    text = "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    )
    text = unicodedata.normalize("NFC", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    text = "\n".join(lines)
    return text.rstrip("\n") if keep_leading_blank_lines else text.strip("\n")


def content_id(normalised: str) -> str:
    """The article id: a hash of its normalised source text.

    Hashing the text rather than the file's bytes or name keeps the id when a file is renamed,
    moved, re-encoded or given other line ends or blank lines; hashing the source rather than
    the cleaned output keeps it when the cleaning rules change.
    """
    canonical = _BLANK_RUNS.sub("\n\n", normalised)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
