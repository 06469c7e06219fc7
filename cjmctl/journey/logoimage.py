"""A logo's pixel size, read from its image header where a decoder reads it.

A logo's file is small (`branding.MAX_LOGO_BYTES`), but its pixels need not be: a PNG of 2 KB
can say it is 20000 x 20000 px, and the browser that shows the map then decodes 1.6 GB for it.
So the size comes from the header a decoder trusts (PNG's IHDR, JPEG's SOF marker, WebP's
VP8 / VP8L / VP8X chunk), and bytes that start as an image but hold no such header, or a size
of zero, are refused as damaged: the logo must be a whole image, not only its first bytes.
Each function returns (width, height), or None for bytes that are no whole image of its kind.
"""

from __future__ import annotations

import zlib

Size = tuple[int, int]

_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
"""JPEG's frame headers (baseline, progressive, lossless, arithmetic); not DHT, JPG or DAC."""
_ALONE = frozenset({0x01, *range(0xD0, 0xD8)})
"""JPEG markers with no length after them (TEM, RST0-7)."""
_VP8_START = b"\x9d\x01\x2a"
_VP8L_SIGNATURE = 0x2F


def png_size(data: bytes) -> Size | None:
    """Every chunk whole, its CRC right, from an IHDR of non-zero size first to IEND last."""
    at, size = 8, None
    while at + 12 <= len(data):
        length = int.from_bytes(data[at : at + 4], "big")
        kind, end = data[at + 4 : at + 8], at + 12 + length
        if end > len(data) or (at == 8 and (kind != b"IHDR" or length != 13)):
            return None
        if zlib.crc32(data[at + 4 : end - 4]) != int.from_bytes(data[end - 4 : end], "big"):
            return None
        if at == 8:
            size = _positive(_big(data, at + 8, 4), _big(data, at + 12, 4))
            if size is None:
                return None
        if kind == b"IEND":
            return size if end == len(data) else None
        at = end
    return None


def jpeg_size(data: bytes) -> Size | None:
    """The size in the first frame header (SOFn), met before any scan; the file ends in EOI."""
    if len(data) < 6 or not data.endswith(b"\xff\xd9"):
        return None
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # a fill byte before a marker
            at += 1
            continue
        if marker in _ALONE:
            at += 2
            continue
        length = _big(data, at + 2, 2)
        if marker in {0xD8, 0xD9, 0xDA} or length < 2 or at + 2 + length > len(data):
            return None  # another start, the end or a scan before any frame: no size
        if marker in _SOF:
            # length, precision (1 byte), height, width (2 each), components
            return _positive(_big(data, at + 7, 2), _big(data, at + 5, 2)) if length >= 8 else None
        at += 2 + length
    return None


def webp_size(data: bytes) -> Size | None:
    """The largest size among the canvas (VP8X) and the bitstreams (VP8, VP8L) it holds.

    The RIFF size covers the whole file, every chunk is whole, the first is VP8, VP8L or
    VP8X, and an extended file (VP8X) holds a bitstream or an animation frame.
    """
    if int.from_bytes(data[4:8], "little") + 8 != len(data) or data[8:12] != b"WEBP":
        return None
    at, sizes, image = 12, [], False
    while at < len(data):
        kind, length = data[at : at + 4], int.from_bytes(data[at + 4 : at + 8], "little")
        body = data[at + 8 : at + 8 + length]
        placed = kind in {b"VP8 ", b"VP8L", b"VP8X"} if at == 12 else kind != b"VP8X"
        if at + 8 + length > len(data) or not placed:
            return None  # cut off; or no image chunk first, or a second VP8X later
        reader = {b"VP8 ": _vp8, b"VP8L": _vp8l, b"VP8X": _vp8x}.get(kind)
        if reader is not None:
            size = reader(body)
            if size is None:
                return None
            sizes.append(size)
        image = image or kind in {b"VP8 ", b"VP8L", b"ANMF"}
        at += 8 + length + (length & 1)  # chunks are padded to an even length
    if not sizes or not image:
        return None
    return max(w for w, _ in sizes), max(h for _, h in sizes)


def _vp8(body: bytes) -> Size | None:
    """A lossy key frame: its frame tag, start code 9d 01 2a, then 14-bit width and height."""
    if len(body) < 10 or body[0] & 1 or body[3:6] != _VP8_START:
        return None
    return _positive(_little(body, 6, 2) & 0x3FFF, _little(body, 8, 2) & 0x3FFF)


def _vp8l(body: bytes) -> Size | None:
    """A lossless image: signature 0x2f, width and height less one in 14 bits each, version 0."""
    if len(body) < 5 or body[0] != _VP8L_SIGNATURE:
        return None
    bits = _little(body, 1, 4)
    if bits >> 29:
        return None
    return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1


def _vp8x(body: bytes) -> Size | None:
    """The extended format's canvas: width and height less one, in 24 bits each."""
    if len(body) < 10:
        return None
    return _little(body, 4, 3) + 1, _little(body, 7, 3) + 1


def _positive(width: int, height: int) -> Size | None:
    return (width, height) if width > 0 and height > 0 else None


def _big(data: bytes, at: int, count: int) -> int:
    return int.from_bytes(data[at : at + count], "big")


def _little(data: bytes, at: int, count: int) -> int:
    return int.from_bytes(data[at : at + count], "little")
