"""Undoing a response's Content-Encoding (gzip, deflate) a piece at a time.

Each call of the decompressor is given a limit on what it may produce, so that a small
compressed body made to unfold into gigabytes (a gzip bomb) never takes more than a piece's
worth of memory at once: the client counts the pieces and stops at its size cap.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

# The most a decompressor may produce in one call.
_DECODED_PIECE = 64 * 1024


class DecodeError(Exception):
    """The body cannot be decoded; the message says why (the client adds the address)."""


class BodyDecoder:
    """Undoes a Content-Encoding piece by piece, never producing much at once."""

    def __init__(self, encoding: str) -> None:
        encoding = encoding.strip().lower()
        self._raw_deflate_tried = False
        self._pending = b""  # deflate's first bytes, kept until we know which framing it uses
        self._fed = False
        if encoding in ("", "identity"):
            self._wbits: int | None = None
        elif encoding in ("gzip", "x-gzip"):
            self._wbits = 16 + zlib.MAX_WBITS
        elif encoding == "deflate":
            self._wbits = zlib.MAX_WBITS
        else:
            raise DecodeError(f"the server sent an unsupported encoding ({encoding})")
        self._new()

    def _new(self) -> None:
        self._z = zlib.decompressobj(self._wbits) if self._wbits is not None else None

    def finish(self) -> None:
        """The body has ended: DecodeError if its compressed stream had not (cut short)."""
        if self._z is not None and self._fed and not self._z.eof:
            raise DecodeError("the compressed body is cut short")

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._z is None:
            yield data
            return
        self._fed = self._fed or bool(data)
        if self._wbits == zlib.MAX_WBITS and not self._raw_deflate_tried:
            self._pending += data
        produced = False
        try:
            for piece in self._inflate(data):
                produced = True
                yield piece
        except zlib.error:
            # "deflate" is meant to be zlib-wrapped, but some servers send it raw.
            if self._wbits != zlib.MAX_WBITS or self._raw_deflate_tried:
                raise DecodeError("the compressed body is damaged") from None
            self._raw_deflate_tried, self._wbits = True, -zlib.MAX_WBITS
            self._new()
            pending, self._pending = self._pending, b""
            try:
                yield from self._inflate(pending)
            except zlib.error:
                raise DecodeError("the compressed body is damaged") from None
        else:
            if produced:  # the framing is known now: stop keeping bytes
                self._raw_deflate_tried = True
                self._pending = b""

    def _inflate(self, data: bytes) -> Iterator[bytes]:
        while self._z is not None:
            piece = self._z.decompress(data, _DECODED_PIECE)
            if piece:
                yield piece
            data = self._z.unconsumed_tail
            if self._z.eof:
                rest = self._z.unused_data
                # Another gzip member may follow; anything else after the end is padding.
                if self._wbits == 16 + zlib.MAX_WBITS and rest.startswith(b"\x1f\x8b"):
                    self._new()
                    data = rest
                    continue
                return
            # A full piece may leave output inside the decompressor even with no input left.
            if not data and len(piece) < _DECODED_PIECE:
                return
