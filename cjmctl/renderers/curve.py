"""The emotion curve under the HTML map, laid out in pixels of the map's grid.

One series per persona (or one for everyone), faces that share a score side by side, the line
following the flow between neighbouring columns with dashed connectors for its other forward
steps (`connectors`), wow stars above the faces and the one lowest moment. Scores, colours and
faces come from `emotion`, shared with the other outputs.

Every level of the journey's emotion scale gets a row, spread evenly over the same height
whatever the scale: 3 to 11 levels keep the lane as tall as the default -2..+2 one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

from cjmctl.journey.model import Journey
from cjmctl.journey.scale import EmotionScale
from cjmctl.renderers.connectors import Connector, connect
from cjmctl.renderers.emotion import Face, face, lowest_touchpoint, touchpoint_score, written
from cjmctl.renderers.markers import marker
from cjmctl.renderers.routes import routes

SERIES_COLOURS = ("#364fc7", "#c2255c", "#0b7285", "#e67700", "#5f3dc4", "#2b8a3e")
SERIES_DASHES = ("", "7 4", "2 4", "9 3 2 3", "4 4", "1 3")


@dataclass(frozen=True, slots=True)
class Point:
    """One face on the curve: a touchpoint's emotion for one series."""

    column: int
    x: float
    y: float
    score: int
    series: int
    wow: bool
    label: str
    face: Face
    marker: str
    """An SVG path beside the face in the series' shape; empty for the one curve of everyone."""
    branch: bool = False
    """The point is off the main line: an exit, joined to where it branches off by a connector."""


@dataclass(frozen=True, slots=True)
class Series:
    """One curve: everyone, or one persona."""

    name: str
    colour: str
    dash: str
    segments: list[str]
    """SVG polyline `points` strings; a touchpoint without an emotion breaks the line."""
    css: str = "series-all"
    """The class that colours the curve, so dark mode and print can choose their own colours."""
    shape: str = ""
    """The series' marker as an SVG path centred on (0, 0), for the legend."""
    connectors: list[Connector] = field(default_factory=list)
    """Dashed hops for the forward steps the line does not take: skips, branches, exits."""


@dataclass(frozen=True, slots=True)
class Lowest:
    """The one lowest moment of the curve: a touchpoint's column and its exact mean."""

    column: int
    x: float
    mean: Fraction
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    """The whole emotion lane, in pixels of the map's grid."""

    width: int
    height: int
    levels: list[tuple[int, float]]
    series: list[Series]
    points: list[Point]
    wows: list[tuple[float, float, str]] = field(default_factory=list)
    """One star per wow touchpoint, (x, baseline y, touchpoint name), above every face."""
    lowest: Lowest | None = None
    zero: float = 92.0
    """The height of the scale's neutral middle: on a level, or between two (1..10)."""
    axis: list[tuple[float, str]] = field(default_factory=list)
    """(y, name) of each level, written at the left edge on a scale other than the default
    (whose five bands the faces and the legend tell)."""

    def y(self, score: int) -> float:
        """The vertical position of a score of the journey's scale."""
        return dict(self.levels)[score]


def series_names(journey: Journey, persona: str | None = None) -> list[str | None]:
    """The curves to draw: one per persona with per-persona emotions, else one for everyone.

    With `persona`, that persona's curve alone.
    """
    if persona is not None:
        return [persona]
    named = {
        p for _, tp in journey.touchpoints() if isinstance(tp.emotion, dict) for p in tp.emotion
    }
    if not named:
        return [None]
    return [p.id for p in journey.personas if p.id in named]


RADIUS = 11.0
GAP = 4.0
"""Room between two faces that share a score on one touchpoint, side by side."""
MARKER = 0.55
"""A marker's half size against its face's radius: big enough to tell shapes apart on paper."""
STAR_Y = 16.0
"""The baseline of a wow star: above the +2 faces, so a star never covers a face."""
HEIGHT = 192
TOP, BOTTOM = 32.0, 152.0
"""The heights of the scale's highest and lowest levels; below them, room for the lowest note."""


def levels(scale: EmotionScale) -> list[tuple[int, float]]:
    """(score, y) of every level of `scale`, highest first, spread evenly from TOP to BOTTOM."""
    step = (BOTTOM - TOP) / (scale.max - scale.min)
    return [
        (score, round(TOP + (scale.max - score) * step, 1)) for score in reversed(scale.scores())
    ]


def _axis(scale: EmotionScale, rows: list[tuple[int, float]]) -> list[tuple[float, str]]:
    if scale.is_default():
        return []
    return [(y, scale.name(score) or written(score, scale)) for score, y in rows]


def mark(look: int, x: float, y: float, radius: float) -> str:
    """The persona's marker as a badge on the upper right of their face centred on (x, y).

    Scaled with the face, so faces squeezed side by side keep the marker clear of a neighbour.
    """
    return marker(look, x + radius * 0.85, y - radius * 0.85, MARKER * radius)


def _offsets(count: int, column_width: int) -> tuple[float, float]:
    """The spacing and radius of `count` faces side by side within one column."""
    spacing = min(2 * RADIUS + GAP, (column_width - 2 * GAP) / max(count, 1))
    return spacing, min(RADIUS, (spacing - GAP / 2) / 2)


def _crowds(column: list[tuple[float, int]]) -> list[list[int]]:
    """Series whose faces in one column would overlap: of one score, or of levels too close.

    On the default scale only faces of one score overlap; on a fine scale (1..10) faces of
    neighbouring levels would too, so they stand side by side, each still at its own height.
    """
    crowds: list[list[int]] = []
    last: float | None = None
    for y, n in sorted(column):
        if last is None or y - last >= 2 * RADIUS:
            crowds.append([])
        crowds[-1].append(n)
        last = y
    return [sorted(crowd) for crowd in crowds]


def _places(
    scores: list[list[int | None]], column_width: int, level_y: dict[int, float]
) -> dict[tuple[int, int], tuple[float, float]]:
    """Where each (series, column) face sits: faces that would overlap stand side by side."""
    places: dict[tuple[int, int], tuple[float, float]] = {}
    for column in range(len(scores[0]) if scores else 0):
        given = [
            (level_y[row[column] or 0], n)
            for n, row in enumerate(scores)
            if row[column] is not None
        ]
        for same in _crowds(given):
            spacing, radius = _offsets(len(same), column_width)
            for k, n in enumerate(same):
                shift = (k - (len(same) - 1) / 2) * spacing
                places[n, column] = ((column + 0.5) * column_width + shift, radius)
    return places


Steps = dict[tuple[int, int], str]
"""The flow's forward steps between columns, (source, target), each with its title."""


def _line(
    columns: list[str | None],
    row: list[int | None],
    steps: Steps,
    off_line: set[str],
    xy: Callable[[int], str],
) -> tuple[list[str], set[tuple[int, int]]]:
    """One series' solid polylines, and the steps they take: neighbours the flow goes between.

    Exits are passed over, so the line goes on beside them; a missing emotion or an empty
    stage breaks it.
    """
    segments: list[list[str]] = []
    joined: set[tuple[int, int]] = set()
    previous: int | None = None
    for i, c in enumerate(columns):
        if c is not None and c in off_line:
            continue  # an exit does not break the line it branches off
        if row[i] is None:
            previous = None
            continue
        if previous is not None and (previous, i) in steps:
            segments[-1].append(xy(i))
            joined.add((previous, i))
        else:
            segments.append([xy(i)])
        previous = i
    return [" ".join(s) for s in segments], joined


def _over_empty(between: list[str | None], off_line: set[str]) -> bool:
    """Whether a step passes over nothing but empty stages and exits: its gap stays a gap."""
    return None in between and all(c is None or c in off_line for c in between)


def _hops(
    row: list[int | None],
    steps: Steps,
    drawn: set[tuple[int, int]],
    end: Callable[[int], tuple[int, float, float]],
    column_width: int,
) -> list[Connector]:
    """One series' connectors: its forward steps not `drawn` otherwise, between two faces."""
    found: list[Connector] = []
    for (i, j), title in steps.items():
        if (i, j) not in drawn and row[i] is not None and row[j] is not None:
            found += connect(end(i), end(j), title, column_width)
    return found


def chart(
    journey: Journey, column_width: int, columns: list[str | None], persona: str | None = None
) -> Chart:
    """Lay out the curve for `columns` (touchpoint ids; None for an empty stage's column).

    Faces of one score on one touchpoint stand side by side, each on its own persona's line.
    The line joins neighbouring columns where the flow goes from one to the other, passing over
    exits; every other forward step is a dashed connector. Loops back are not drawn (the Next
    step lane shows them), so the line breaks only at a missing emotion or an empty stage.
    """
    scale = journey.emotion_scale
    rows = levels(scale)
    level_y = dict(rows)
    touchpoints = {tp.id: tp for _, tp in journey.touchpoints()}
    persona_names = {p.id: p.name for p in journey.personas}
    names = series_names(journey, persona)
    at = {c: i for i, c in enumerate(columns) if c is not None and c in touchpoints}
    scores = [
        [touchpoints[c].emotion_for(name) if c in at else None for c in columns] for name in names
    ]
    places = _places(scores, column_width, level_y)
    journey_routes = routes(journey)
    off_line = {route.source.id for route in journey_routes if route.exit}
    # A column of a touchpoint this journey lacks (one of the other state) is passed over too.
    off_line |= {c for c in columns if c is not None and c not in touchpoints}
    steps = {
        (at[t.source.id], at[t.target.id]): f"{t.source.name} → {t.target.name}"
        for route in journey_routes
        for t in route.steps
        if not t.back and t.source.id in at and t.target.id in at
    }
    looks = {p.id: k for k, p in enumerate(journey.personas)}
    series: list[Series] = []
    points: list[Point] = []
    for n, (name, row) in enumerate(zip(names, scores, strict=True)):
        shown = name is not None
        # A persona's look follows their place in `personas`, so they keep it in their own view.
        look = looks.get(name or "", n)
        who = persona_names.get(name or "", "")

        def end(i: int, n: int = n, row: list[int | None] = row) -> tuple[int, float, float]:
            return i, places[n, i][0], level_y[row[i] or 0]

        def xy(i: int) -> str:
            _, x, y = end(i)
            return f"{x:.1f},{y:.1f}"

        segments, joined = _line(columns, row, steps, off_line, xy)
        connectors = _hops(
            row,
            {pair: title + (f" — {who}" if who else "") for pair, title in steps.items()},
            joined | {(i, j) for i, j in steps if _over_empty(columns[i + 1 : j], off_line)},
            end,
            column_width,
        )
        for i, c in enumerate(columns):
            if row[i] is None or c is None:
                continue
            tp = touchpoints[c]
            x, radius = places[n, i]
            y = level_y[row[i] or 0]
            points.append(
                Point(
                    column=i,
                    x=x,
                    y=y,
                    score=row[i] or 0,
                    series=n,
                    wow=tp.wow,
                    label=f"{tp.name}"
                    + (f" — {who}" if who else "")
                    + f": {written(row[i] or 0, scale)}",
                    face=face(scale.level(row[i] or 0), x, y, radius),
                    marker=mark(look, x, y, radius) if shown else "",
                    branch=c in off_line,
                )
            )
        title = persona_names.get(name, name) if name is not None else ""
        series.append(
            Series(
                title,
                SERIES_COLOURS[look % len(SERIES_COLOURS)] if name else "#495057",
                SERIES_DASHES[look % len(SERIES_DASHES)] if name else "",
                segments,
                f"series-{look % len(SERIES_COLOURS)}" if name else "series-all",
                marker(look, 0, 0, MARKER * RADIUS) if shown else "",
                connectors,
            )
        )
    wows = [
        ((i + 0.5) * column_width, STAR_Y, touchpoints[c].name)
        for c, i in at.items()
        if touchpoints[c].wow
    ]
    low = lowest_touchpoint(journey, persona)
    lowest = None
    if low is not None and low.id in at:
        mean_ = touchpoint_score(low, persona) or Fraction(0)
        lowest = Lowest(at[low.id], (at[low.id] + 0.5) * column_width, mean_, low.name)
    zero = round(TOP + (scale.max - scale.neutral) * (BOTTOM - TOP) / (scale.max - scale.min), 1)
    return Chart(
        column_width * max(len(columns), 1),
        HEIGHT,
        rows,
        series,
        points,
        sorted(wows),
        lowest,
        float(zero),
        _axis(scale, rows),
    )
