"""Bytes to text for article files whose encoding nobody wrote down."""

from __future__ import annotations

import codecs

# charset-normalizer often rates a French cp1252 text a little less "chaotic" as cp1257 or
# cp1250 (measured: 0.0 against 0.09 for two lines of French). When a Western encoding fits
# nearly as well as the best, prefer it: it is what legacy French news files use. A real
# Central European or Cyrillic text keeps its own encoding: cp1252 fits it far worse.
_PREFERRED = ("cp1252", "latin_1", "iso8859_15", "cp1258", "mac_roman")
_TIE = 0.2


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we can tell."""


def looks_binary(data: bytes) -> bool:
    """NUL bytes are not text, except in UTF-16/32, which announce themselves with a BOM."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in data[:8192]


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode an article file: (text, encoding name). Raises UndecodableError."""
    if looks_binary(data):
        raise UndecodableError("binary file (contains NUL bytes)")
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass

    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise UndecodableError("not text in any known encoding")
    least_chaos = min(m.chaos for m in matches)
    fitting = [m for m in matches if m.chaos <= least_chaos + _TIE]
    preferred = [m for m in fitting if m.encoding in _PREFERRED]
    best = min(preferred, key=lambda m: _PREFERRED.index(m.encoding)) if preferred else fitting[0]
    return str(best), best.encoding
