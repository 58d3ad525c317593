"""Content-Encoding undone piece by piece, however the network cuts the body."""

from __future__ import annotations

import gzip
import random
import zlib

import pytest

from dipreader.corpus.fetch.decoding import BodyDecoder, DecodeError

TEXT = (b"Les vendanges ont commence lundi a Saint-Aubin-des-Vignes. " * 20000)[:1_000_003]
NOISE = random.Random(7).randbytes(200_000) + bytes(300_000)
PACKERS = {
    "gzip": gzip.compress,
    "deflate": zlib.compress,
    "raw deflate": lambda data: zlib.compress(data)[2:-4],
}


def decode(encoding: str, data: bytes, step: int) -> bytes:
    decoder = BodyDecoder(encoding)
    return b"".join(
        piece
        for start in range(0, len(data), step)
        for piece in decoder.feed(data[start : start + step])
    )


@pytest.mark.parametrize("kind", PACKERS)
@pytest.mark.parametrize("body", [TEXT, NOISE, b"x"], ids=["text", "noise", "one-byte"])
@pytest.mark.parametrize("step", [1, 7, 16384])
def test_any_cut_decodes_whole(kind: str, body: bytes, step: int):
    if step == 1 and len(body) > 1:
        body = body[:20_000]  # byte by byte, a shorter body says as much
    encoding = "gzip" if kind == "gzip" else "deflate"
    assert decode(encoding, PACKERS[kind](body), step) == body


def test_pieces_stay_small():
    decoder = BodyDecoder("gzip")
    pieces = list(decoder.feed(gzip.compress(bytes(8 * 1024 * 1024))))
    assert max(len(p) for p in pieces) <= 64 * 1024


def test_several_gzip_members():
    assert decode("gzip", gzip.compress(b"un ") + gzip.compress(b"deux"), 5) == b"un deux"


def test_damaged_and_unknown():
    with pytest.raises(DecodeError, match="damaged"):
        decode("gzip", b"\x1f\x8b pas du gzip du tout", 100)
    with pytest.raises(DecodeError, match=r"unsupported encoding \(zstd\)"):
        BodyDecoder("zstd")
