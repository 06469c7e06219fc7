"""The emotion curve's dashed connectors: the forward steps of the flow its solid line cannot take.

The solid line joins neighbouring columns where the flow goes from one to the other. A skip, a
branch over columns or a step to an exit has columns between its ends; without a mark of its own
it would leave the curve cut, which reads as a missing emotion. Each is drawn as a thin dashed
hop from one face to the other, bowed up to clear the faces between. A hop over more than `LONG`
columns would run across the map: it becomes two short stubs, one leaving its source and one
entering its target, each titled with both ends.
"""

from __future__ import annotations

from dataclasses import dataclass

LONG = 3
"""The longest hop drawn whole, in columns from source to target."""
RISE = 8.0
RISE_PER_COLUMN = 6.0
"""How far a hop bows above its chord at the middle: enough to clear a face (radius 11) between."""
TOP = 8.0
"""No hop rises above this, so it stays inside the chart."""
STUB = 0.42
"""A stub's length against a column's width: it ends before the next column's faces."""
STUB_RISE = 18.0


@dataclass(frozen=True, slots=True)
class Connector:
    """One dashed hop of a series, or one of the two stubs that stand for a long one."""

    source: int
    target: int
    """The columns of the step's two ends."""
    path: str
    """The SVG path `d`."""
    left: float
    right: float
    """How far it reaches across the chart, in px: which printed pages show it."""
    title: str
    part: str = ""
    """"" for a whole hop; "out" for the stub leaving the source, "in" for the one entering."""


def _hop(a: tuple[float, float], b: tuple[float, float], columns: int) -> str:
    (x1, y1), (x2, y2) = a, b
    middle = (y1 + y2) / 2
    rise = min(RISE + RISE_PER_COLUMN * (columns - 1), middle - TOP)
    # A quadratic's middle lies halfway between its chord's middle and its control point.
    return f"M{x1:.1f} {y1:.1f}Q{(x1 + x2) / 2:.1f} {middle - 2 * rise:.1f} {x2:.1f} {y2:.1f}"


def connect(
    source: tuple[int, float, float],
    target: tuple[int, float, float],
    title: str,
    column_width: int,
) -> list[Connector]:
    """The marks for a forward step from `source` to `target`, each (column, x, y) of a face."""
    (i, x1, y1), (j, x2, y2) = source, target
    if j - i <= LONG:
        path = _hop((x1, y1), (x2, y2), j - i)
        return [Connector(i, j, path, x1, x2, title)]
    reach = STUB * column_width
    up1, up2 = min(STUB_RISE, y1 - TOP), min(STUB_RISE, y2 - TOP)
    leaving = (
        f"M{x1:.1f} {y1:.1f}Q{x1 + reach / 2:.1f} {y1 - up1:.1f} {x1 + reach:.1f} {y1 - up1:.1f}"
    )
    entering = (
        f"M{x2 - reach:.1f} {y2 - up2:.1f}Q{x2 - reach / 2:.1f} {y2 - up2:.1f} {x2:.1f} {y2:.1f}"
    )
    return [
        Connector(i, j, leaving, x1, x1 + reach, title, "out"),
        Connector(i, j, entering, x2 - reach, x2, title, "in"),
    ]
