"""Small per-persona shapes beside the faces of the emotion curve.

Colour and dash alone fail in black-and-white print and for colour-blind readers; a circle,
square, triangle, diamond, inverted triangle and cross tell six curves apart without either.
"""

from __future__ import annotations

from collections.abc import Callable

_SHAPES: tuple[Callable[[float, float, float], str], ...] = (
    lambda x, y, s: (
        f"M{x - s:.1f} {y:.1f}a{s:.1f} {s:.1f} 0 1 0 {2 * s:.1f} 0"
        f"a{s:.1f} {s:.1f} 0 1 0 {-2 * s:.1f} 0Z"
    ),
    lambda x, y, s: (
        f"M{x - s * 0.85:.1f} {y - s * 0.85:.1f}h{s * 1.7:.1f}v{s * 1.7:.1f}h{-s * 1.7:.1f}Z"
    ),
    lambda x, y, s: f"M{x:.1f} {y - s:.1f}L{x + s:.1f} {y + s * 0.8:.1f}H{x - s:.1f}Z",
    lambda x, y, s: (
        f"M{x:.1f} {y - s:.1f}L{x + s:.1f} {y:.1f}L{x:.1f} {y + s:.1f}L{x - s:.1f} {y:.1f}Z"
    ),
    lambda x, y, s: f"M{x:.1f} {y + s:.1f}L{x + s:.1f} {y - s * 0.8:.1f}H{x - s:.1f}Z",
    lambda x, y, s: (
        f"M{x - s:.1f} {y - s * 0.35:.1f}h{s * 0.65:.1f}v{-s * 0.65:.1f}h{s * 0.7:.1f}"
        f"v{s * 0.65:.1f}h{s * 0.65:.1f}v{s * 0.7:.1f}h{-s * 0.65:.1f}v{s * 0.65:.1f}"
        f"h{-s * 0.7:.1f}v{-s * 0.65:.1f}h{-s * 0.65:.1f}Z"
    ),
)
"""Circle, square, triangle, diamond, inverted triangle, cross: drawn only when asked for,
since a big map asks for thousands."""


def marker(series: int, x: float, y: float, size: float = 4.5) -> str:
    """Draw series `series`' shape centred on (x, y) as an SVG path."""
    s = round(size, 1)  # printed to 0.1 px: a circle's arcs must span exactly its diameter
    return _SHAPES[series % len(_SHAPES)](x, y, s)
