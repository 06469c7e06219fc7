"""The priority matrix of the HTML map: where each point and label goes in the SVG.

Ratings are whole numbers, so many touchpoints share a spot; a point is put at its numbers, or
as near them as it can go without covering another, and always inside the quadrant its numbers
say (a 3 sits just off the line, on the low side where it counts). Each point carries its rank
by gap and is labelled with its name where the name finds room beside it; where none is left
the rank and the table under the matrix name it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from cjmctl.journey.matrix import QUADRANTS, Rating, by_gap, high, ratings
from cjmctl.journey.model import Journey
from cjmctl.renderers.kpi import say
from cjmctl.renderers.textwidth import fit, text_width

WIDTH, HEIGHT = 720, 500
LEFT, TOP, RIGHT, BOTTOM = 70, 16, 704, 440
"""The plot area inside the SVG; the axes' ticks and titles lie outside it."""
RADIUS = 11
LABEL_SIZE = 11
LABEL_WIDTH = 190
LABEL_HEIGHT = 14
TITLE_SIZE = 13
_GAP = 2

Box = tuple[float, float, float, float]
"""left, top, right, bottom."""


def x_of(satisfaction: float) -> float:
    """The x of a satisfaction 1..5: the plot spans half a point beyond either end."""
    return LEFT + (satisfaction - 0.5) / 5 * (RIGHT - LEFT)


def y_of(importance: float) -> float:
    """The y of an importance 1..5, higher up the more important."""
    return TOP + (5.5 - importance) / 5 * (BOTTOM - TOP)


@dataclass(frozen=True, slots=True)
class Area:
    """A quadrant's rectangle and its name where the matrix writes it."""

    key: str
    name: str
    x: float
    y: float
    width: float
    height: float
    text_x: float
    text_y: float
    anchor: str
    """The name's `text-anchor`: the names sit in the plot's outer corners."""


@dataclass(frozen=True, slots=True)
class Point:
    """One touchpoint on the matrix."""

    rank: int
    anchor: str
    rating: Rating
    x: float
    y: float
    label: str
    """The name as it fits beside the point; empty where no room was left."""
    label_x: float = 0.0
    label_y: float = 0.0
    title: str = ""


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the table under the matrix."""

    rank: int
    anchor: str
    rating: Rating
    importance: str
    satisfaction: str
    gap: str
    source: str | None
    """The research entry the satisfaction comes from, as the page names it."""


@dataclass(frozen=True, slots=True)
class Matrix:
    """Everything the template draws: quadrants, ticks, points and the table beside them."""

    width: int
    height: int
    plot: Box
    areas: list[Area]
    ticks: list[tuple[int, float, float]]
    """(value, x, y): the value's place on the satisfaction and importance axes."""
    points: list[Point]
    rows: list[Row]
    unrated: list[tuple[str, str]]
    """(anchor, name) of the touchpoints with an importance but no satisfaction."""


def _areas(labels: dict[str, str]) -> list[Area]:
    mid_x, mid_y = x_of(3), y_of(3)
    spans = {
        "fix_first": (LEFT, TOP, "start"),
        "keep_up": (mid_x, TOP, "end"),
        "low_priority": (LEFT, mid_y, "start"),
        "possible_overkill": (mid_x, mid_y, "end"),
    }
    found = []
    for key in QUADRANTS:
        x, y, anchor = spans[key]
        width = mid_x - LEFT if x == LEFT else RIGHT - mid_x
        height = mid_y - TOP if y == TOP else BOTTOM - mid_y
        text_x = x + 8 if anchor == "start" else x + width - 8
        text_y = y + 18 if y == TOP else y + height - 8
        found.append(
            Area(key, labels["quadrant_" + key], x, y, width, height, text_x, text_y, anchor)
        )
    return found


def _title_box(area: Area) -> Box:
    width = text_width(area.name, TITLE_SIZE)
    left = area.text_x if area.anchor == "start" else area.text_x - width
    return (left - _GAP, area.text_y - TITLE_SIZE - _GAP, left + width + _GAP, area.text_y + 4)


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inside(a: Box, b: Box) -> bool:
    return b[0] <= a[0] and b[1] <= a[1] and a[2] <= b[2] and a[3] <= b[3]


def _disc(x: float, y: float) -> Box:
    return (x - RADIUS, y - RADIUS, x + RADIUS, y + RADIUS)


def _spots(x: float, y: float) -> list[tuple[float, float]]:
    """Places for a point, nearest first: its own, then rings around it."""
    found = [(x, y)]
    step = 2 * RADIUS + 3
    for ring in range(1, 16):
        count = 6 * ring
        found += [
            (
                x + ring * step * math.cos(2 * math.pi * k / count),
                y + ring * step * math.sin(2 * math.pi * k / count),
            )
            for k in range(count)
        ]
    return found


def _quadrant_box(rating: Rating, inset: float = 0) -> Box:
    """The rectangle of the rating's quadrant, `inset` px in from each side."""
    right, top = high(rating.satisfaction or 0), high(rating.importance)
    mid_x, mid_y = x_of(3), y_of(3)
    return (
        (mid_x if right else LEFT) + inset,
        (TOP if top else mid_y) + inset,
        (RIGHT if right else mid_x) - inset,
        (mid_y if top else BOTTOM) - inset,
    )


def _place(rating: Rating, taken: list[Box], titles: list[Box]) -> tuple[float, float]:
    """Where a point goes: at its numbers or as near as it can, inside its quadrant."""
    assert rating.satisfaction is not None
    quadrant = _quadrant_box(rating, RADIUS + 3)
    x = min(max(x_of(rating.satisfaction), quadrant[0]), quadrant[2])
    y = min(max(y_of(rating.importance), quadrant[1]), quadrant[3])
    for sx, sy in _spots(x, y):
        disc = _disc(sx, sy)
        inside = quadrant[0] <= sx <= quadrant[2] and quadrant[1] <= sy <= quadrant[3]
        if inside and not any(_overlaps(disc, b) for b in (*taken, *titles)):
            return sx, sy
    return x, y  # the quadrant is full: better on top of another than outside it


def _label(
    name: str, x: float, y: float, taken: list[Box], quadrant: Box
) -> tuple[str, float, float, Box] | None:
    """The name fitted and placed beside its point where it covers nothing; None if nowhere.

    Inside the point's quadrant if it can, so a name does not read as the other quadrant's.
    """
    text = fit(name, LABEL_WIDTH, LABEL_SIZE)
    width = text_width(text, LABEL_SIZE)
    half = LABEL_HEIGHT / 2
    beside = [(x + RADIUS + 4, y - half), (x - RADIUS - 4 - width, y - half)]
    around = [
        (x - width / 2, y - RADIUS - 3 - LABEL_HEIGHT),
        (x - width / 2, y + RADIUS + 3),
    ]
    shifted = [(bx, by + dy) for dy in (-LABEL_HEIGHT, LABEL_HEIGHT) for bx, by in beside]
    lower = [(bx, by + dy) for dy in (-2 * LABEL_HEIGHT, 2 * LABEL_HEIGHT) for bx, by in beside]
    for bounds in (quadrant, (LEFT, TOP, RIGHT, BOTTOM)):
        for left, top in [*beside, *around, *shifted, *lower]:
            box = (left, top, left + width, top + LABEL_HEIGHT)
            if _inside(box, bounds) and not any(_overlaps(box, b) for b in taken):
                return text, left, top + LABEL_HEIGHT - 3, box
    return None


def _number(value: float, locale: str) -> str:
    return say(value, None, locale)


def gap_text(gap: float, locale: str) -> str:
    """A gap as the map and `stats` show it: `+2`, `−0.5` (the minus sign), `0`."""
    return ("+" if gap > 0 else "−" if gap < 0 else "") + say(abs(gap), None, locale)


def view(journey: Journey, labels: dict[str, str]) -> Matrix | None:
    """The matrix of a journey; None where no touchpoint has an importance."""
    every = ratings(journey)
    if not every:
        return None
    locale = journey.locale
    names = {r.id: r.title for r in journey.research}
    areas = _areas(labels)
    titles = [_title_box(a) for a in areas]
    ranked = by_gap(journey)
    spots: list[tuple[float, float]] = []
    discs: list[Box] = []
    for rating in ranked:
        spots.append(_place(rating, discs, titles))
        discs.append(_disc(*spots[-1]))
    taken = [*titles, *discs]
    points, rows = [], []
    for rank, (rating, (x, y)) in enumerate(zip(ranked, spots, strict=True), start=1):
        tp, anchor = rating.touchpoint, f"tp-{rating.touchpoint.id}"
        importance = _number(rating.importance, locale)
        satisfaction = _number(rating.satisfaction or 0, locale)
        quadrant = labels["quadrant_" + str(rating.quadrant)]
        title = labels["matrix_point"].format(
            name=tp.name, importance=importance, satisfaction=satisfaction, quadrant=quadrant
        )
        placed = _label(tp.name, x, y, taken, _quadrant_box(rating, 2))
        if placed is None:
            points.append(Point(rank, anchor, rating, x, y, "", title=title))
        else:
            text, label_x, label_y, box = placed
            taken.append(box)
            points.append(Point(rank, anchor, rating, x, y, text, label_x, label_y, title))
        source = names.get(rating.research or "", rating.research)
        gap = gap_text(rating.gap or 0, locale)
        rows.append(Row(rank, anchor, rating, importance, satisfaction, gap, source))
    ticks = [(v, x_of(v), y_of(v)) for v in range(1, 6)]
    unrated = [
        (f"tp-{r.touchpoint.id}", r.touchpoint.name) for r in every if r.satisfaction is None
    ]
    return Matrix(WIDTH, HEIGHT, (LEFT, TOP, RIGHT, BOTTOM), areas, ticks, points, rows, unrated)
