"""The priority matrix of the HTML map: where each point and label goes in the SVG.

Ratings are whole numbers, so many touchpoints share a spot. Points of equal ratings cluster
tightly around it, nearest first, each nearer its own value than any other on both axes and
always inside the quadrant its numbers say (a 3 sits just off the midline, on the low side where
it counts); a crowd bigger than that room is stacked, and the table lists every point. Each
point carries its rank by gap; the first ranks are named right beside their own point, inside
its quadrant, wherever a name finds room; the others keep their rank, which the table names.

Collisions are looked up in a grid of buckets, and each point tries a bounded number of spots
and each name a bounded number of places, so a map of thousands of touchpoints lays out in
linear time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from cjmctl.journey.matrix import QUADRANTS, Rating, by_gap, high, ratings
from cjmctl.journey.model import Journey
from cjmctl.renderers.emotion import signed
from cjmctl.renderers.kpi import say
from cjmctl.renderers.textwidth import fit, text_width

WIDTH, HEIGHT = 720, 500
LEFT, TOP, RIGHT, BOTTOM = 70, 16, 704, 440
"""The plot area inside the SVG; the axes' ticks and titles lie outside it."""
UNIT_X, UNIT_Y = (RIGHT - LEFT) / 5, (BOTTOM - TOP) / 5
"""The px of one rating on either axis: the plot spans half a point beyond either end."""
RADIUS = 11
STEP = 2 * RADIUS + 1
"""Centre to centre of two points of a cluster: they touch, never cover."""
LABEL_SIZE = 11
LABEL_HEIGHT = 14
LABEL_WIDTH = 300
"""The widest a name gets; a name wider than the room beside its point is cut to the room."""
LABEL_MIN = 60
"""A name cut shorter than this px says too little: the rank says it instead."""
NAMED = 60
"""How many points, by rank, may get their name: more names than this cannot fit the plot."""
CLEAR = 6
"""The px a name keeps from every other point, so it reads as its own point's."""
TITLE_SIZE = 13
_GAP = 2
_BUCKET = 40

Box = tuple[float, float, float, float]
"""left, top, right, bottom."""


def x_of(satisfaction: float) -> float:
    """The x of a satisfaction 1..5."""
    return LEFT + (satisfaction - 0.5) * UNIT_X


def y_of(importance: float) -> float:
    """The y of an importance 1..5, higher up the more important."""
    return TOP + (5.5 - importance) * UNIT_Y


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
    """One touchpoint on the matrix; coordinates to a tenth of a px."""

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
    label_anchor: str = "start"
    """The label's `text-anchor`: a name left of its point ends at it, one above starts centred."""

    @property
    def rank_y(self) -> float:
        """The baseline of the rank in the disc, so the digits sit in its middle."""
        return round(self.y + 3.5, 1)


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
    """(value, x, y): the value's label on the satisfaction axis (x) and importance axis (y)."""
    points: list[Point]
    rows: list[Row]
    unrated: list[tuple[str, str]]
    """(anchor, name) of the touchpoints with an importance but no satisfaction."""


class _Buckets:
    """Boxes filed by the grid cells they cover: a box meets only the few filed beside it."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[Box]] = {}

    @staticmethod
    def _cells(box: Box) -> Iterator[tuple[int, int]]:
        for i in range(int(box[0] // _BUCKET), int(box[2] // _BUCKET) + 1):
            for j in range(int(box[1] // _BUCKET), int(box[3] // _BUCKET) + 1):
                yield i, j

    def add(self, box: Box) -> None:
        for cell in self._cells(box):
            self.cells.setdefault(cell, []).append(box)

    def hits(self, box: Box, but: Box | None = None) -> bool:
        """Whether `box` overlaps any box filed, `but` aside."""
        return any(
            _overlaps(box, b) and b != but
            for cell in self._cells(box)
            for b in self.cells.get(cell, ())
        )


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
        x, y, width, height = (round(v, 1) for v in (x, y, width, height))
        text_x, text_y = round(text_x, 1), round(text_y, 1)
        name = labels["quadrant_" + key]
        found.append(Area(key, name, x, y, width, height, text_x, text_y, anchor))
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


def _grow(box: Box, by: float) -> Box:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


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


def _offsets() -> list[tuple[float, float]]:
    """A cluster's spots around its centre, nearest first in ratings (a rating is wider in x)."""
    across, down = int(UNIT_X / 2 // STEP), int(UNIT_Y / 2 // STEP)
    grid = [
        (i * STEP, j * STEP) for i in range(-across, across + 1) for j in range(-down, down + 1)
    ]
    return sorted(grid, key=lambda d: ((d[0] / UNIT_X) ** 2 + (d[1] / UNIT_Y) ** 2, d[1], d[0]))


OFFSETS = _offsets()


def _spots(rating: Rating) -> list[tuple[float, float]]:
    """Where the points of this rating may go, nearest first.

    Each nearer its own value than any other (under half a rating away on both axes) and
    inside its quadrant, a point's width from the midline.
    """
    assert rating.satisfaction is not None
    quadrant = _quadrant_box(rating, RADIUS + 3)
    true_x, true_y = x_of(rating.satisfaction), y_of(rating.importance)
    x = min(max(true_x, quadrant[0]), quadrant[2])
    y = min(max(true_y, quadrant[1]), quadrant[3])
    found = []
    for dx, dy in OFFSETS:
        sx, sy = round(x + dx, 1), round(y + dy, 1)
        near = abs(sx - true_x) < UNIT_X / 2 and abs(sy - true_y) < UNIT_Y / 2
        if near and _inside((sx, sy, sx, sy), quadrant):
            found.append((sx, sy))
    return found or [(round(x, 1), round(y, 1))]


def _place(ranked: list[Rating], titles: _Buckets) -> tuple[list[tuple[float, float]], _Buckets]:
    """Each point's spot, in rank order, clear of the quadrants' names, and the discs filed.

    Spots only fill up, so each rating's search resumes where its last one stopped: every spot
    is tried once. Past the last free one, the crowd is stacked on its own spots.
    """
    taken = _Buckets()
    spots: dict[tuple[float, float], list[tuple[float, float]]] = {}
    tried: dict[tuple[float, float], int] = {}
    stacked: dict[tuple[float, float], int] = {}
    found = []
    for rating in ranked:
        key = (rating.importance, rating.satisfaction or 0)
        if key not in spots:
            spots[key], tried[key], stacked[key] = _spots(rating), 0, 0
        mine, spot = spots[key], None
        while tried[key] < len(mine):
            candidate = mine[tried[key]]
            tried[key] += 1
            if not taken.hits(_disc(*candidate)) and not titles.hits(_disc(*candidate)):
                spot = candidate
                break
        if spot is None:  # full: better on top of its equals than away from its numbers
            spot = mine[stacked[key] % len(mine)]
            stacked[key] += 1
        taken.add(_disc(*spot))
        found.append(spot)
    return found, taken


def _beside(x: float, y: float) -> Iterator[tuple[float, float, str]]:
    """Where a name may start beside its point: (left or right edge, top, side), nearest first.

    Right or left of the disc, centred on it or a half line up or down; else just above or
    below it. For `left` the first number is the name's right edge; for `above` and `below`,
    its centre.
    """
    half = LABEL_HEIGHT / 2
    for dy in (-half, -LABEL_HEIGHT + 2, -2):
        yield x + RADIUS + 4, y + dy, "right"
        yield x - RADIUS - 4, y + dy, "left"
    yield x, y - RADIUS - 2 - LABEL_HEIGHT, "above"
    yield x, y + RADIUS + 2, "below"


Placed = tuple[str, float, float, str, Box]
"""A name as it fits, its x and baseline, its `text-anchor`, and the box it may take."""
ANCHORS = {"right": "start", "left": "end", "above": "middle", "below": "middle"}


def _label(
    name: str, x: float, y: float, taken: tuple[_Buckets, _Buckets], quadrant: Box
) -> Placed | None:
    """The name placed right beside its point, inside its quadrant, clear of every other point.

    The whole name where some place has room for it, else the longest part of it any place
    does; None where no place keeps `LABEL_MIN` px.
    """
    whole = text_width(name, LABEL_SIZE)
    own, (discs, names) = _disc(x, y), taken
    best: tuple[float, Placed] | None = None
    for edge, top, side in _beside(x, y):
        room = {
            "right": quadrant[2] - edge,
            "left": edge - quadrant[0],
        }.get(side, quadrant[2] - quadrant[0])
        room = min(room, LABEL_WIDTH)
        text = name if whole <= room else fit(name, room, LABEL_SIZE)
        width = whole if text == name else text_width(text, LABEL_SIZE)
        if width < LABEL_MIN and text != name:
            continue
        left = {"right": edge, "left": edge - width}.get(side, edge - width / 2)
        box = (left, top, left + width, top + LABEL_HEIGHT)
        clash = discs.hits(_grow(box, CLEAR), but=own) or names.hits(box)
        if not _inside(box, quadrant) or clash:
            continue
        placed = (text, round(edge, 1), round(top + LABEL_HEIGHT - 3, 1), ANCHORS[side], box)
        if text == name:
            return placed
        if best is None or width > best[0]:
            best = (width, placed)
    return None if best is None else best[1]


def view(journey: Journey, labels: dict[str, str]) -> Matrix | None:
    """The matrix of a journey; None where no touchpoint has an importance."""
    every = ratings(journey)
    if not every:
        return None
    locale = journey.locale
    names = {r.id: r.title for r in journey.research}
    areas = _areas(labels)
    ranked = by_gap(journey)
    names_placed = _Buckets()  # the quadrants' names, then the points' as they are placed
    for area in areas:
        names_placed.add(_title_box(area))
    spots, discs = _place(ranked, names_placed)
    points, rows = [], []
    for rank, (rating, (x, y)) in enumerate(zip(ranked, spots, strict=True), start=1):
        tp, anchor = rating.touchpoint, f"tp-{rating.touchpoint.id}"
        importance = say(rating.importance, None, locale)
        satisfaction = say(rating.satisfaction or 0, None, locale)
        quadrant = labels["quadrant_" + str(rating.quadrant)]
        title = labels["matrix_point"].format(
            name=tp.name, importance=importance, satisfaction=satisfaction, quadrant=quadrant
        )
        placed = None
        if rank <= NAMED:
            placed = _label(tp.name, x, y, (discs, names_placed), _quadrant_box(rating, 2))
        if placed is None:
            points.append(Point(rank, anchor, rating, x, y, "", title=title))
        else:
            text, label_x, label_y, label_anchor, box = placed
            names_placed.add(box)
            points.append(
                Point(rank, anchor, rating, x, y, text, label_x, label_y, title, label_anchor)
            )
        source = names.get(rating.research or "", rating.research)
        gap = signed(rating.gap or 0, locale)
        rows.append(Row(rank, anchor, rating, importance, satisfaction, gap, source))
    ticks = [(v, round(x_of(v), 1), round(y_of(v) + 4, 1)) for v in range(1, 6)]
    unrated = [
        (f"tp-{r.touchpoint.id}", r.touchpoint.name) for r in every if r.satisfaction is None
    ]
    return Matrix(WIDTH, HEIGHT, (LEFT, TOP, RIGHT, BOTTOM), areas, ticks, points, rows, unrated)
