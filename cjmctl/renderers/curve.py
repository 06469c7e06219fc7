"""The emotion curve under the HTML map, laid out in pixels of the map's grid.

One series per persona (or one for everyone), faces that share a score side by side, the line
following the flow with exits hanging off it on stubs, wow stars above the faces and the one
lowest moment. Scores, colours and faces come from `emotion`, shared with the other outputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from cjmctl.journey.model import Journey
from cjmctl.renderers.emotion import Face, face, lowest_touchpoint, touchpoint_score
from cjmctl.renderers.markers import marker

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
    """The point is off the main line: an exit, joined to where it branches off by a stub."""


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
    branches: list[str] = field(default_factory=list)
    """Short dashed stubs (polyline `points`) from a touchpoint to an exit that branches off it."""


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

    def y(self, score: int) -> float:
        """The vertical position of a score."""
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


def exits(journey: Journey) -> set[str]:
    """The touchpoints where a path ends before the journey's last one: branches off the line."""
    ordered = journey.touchpoints()
    leading = {source.id for source, _ in journey.flow()}
    return {tp.id for _, tp in ordered[:-1] if tp.id not in leading}


def mark(look: int, x: float, y: float, radius: float) -> str:
    """The persona's marker as a badge on the upper right of their face centred on (x, y).

    Scaled with the face, so faces squeezed side by side keep the marker clear of a neighbour.
    """
    return marker(look, x + radius * 0.85, y - radius * 0.85, MARKER * radius)


def _offsets(count: int, column_width: int) -> tuple[float, float]:
    """The spacing and radius of `count` faces side by side within one column."""
    spacing = min(2 * RADIUS + GAP, (column_width - 2 * GAP) / max(count, 1))
    return spacing, min(RADIUS, (spacing - GAP / 2) / 2)


def _places(
    scores: list[list[int | None]], column_width: int
) -> dict[tuple[int, int], tuple[float, float]]:
    """Where each (series, column) face sits: faces that share a score stand side by side."""
    places: dict[tuple[int, int], tuple[float, float]] = {}
    for column in range(len(scores[0]) if scores else 0):
        by_score: dict[int, list[int]] = {}
        for n, row in enumerate(scores):
            if row[column] is not None:
                by_score.setdefault(row[column] or 0, []).append(n)
        for same in by_score.values():
            spacing, radius = _offsets(len(same), column_width)
            for k, n in enumerate(same):
                shift = (k - (len(same) - 1) / 2) * spacing
                places[n, column] = ((column + 0.5) * column_width + shift, radius)
    return places


def _sources(steps: set[tuple[str, str]], off_line: set[str]) -> dict[str, list[str]]:
    """Per exit, the touchpoints that lead to it, in order.

    Looking them up in all steps for every exit would grow with exits times steps.
    """
    into: dict[str, list[str]] = {}
    for a, b in sorted(steps):
        if b in off_line:
            into.setdefault(b, []).append(a)
    return into


def chart(
    journey: Journey, column_width: int, columns: list[str | None], persona: str | None = None
) -> Chart:
    """Lay out the curve for `columns` (touchpoint ids; None for an empty stage's column).

    Faces of one score on one touchpoint stand side by side, each on its own persona's line.
    The line joins a touchpoint to the next column only where the flow goes there; an exit
    is off the line, joined by a dashed stub to each touchpoint it branches off.
    """
    height, top, step = 192, 32, 30
    levels = [(score, float(top + (2 - score) * step)) for score in (2, 1, 0, -1, -2)]
    level_y = dict(levels)
    touchpoints = {tp.id: tp for _, tp in journey.touchpoints()}
    persona_names = {p.id: p.name for p in journey.personas}
    names = series_names(journey, persona)
    at = {c: i for i, c in enumerate(columns) if c is not None and c in touchpoints}
    scores = [
        [touchpoints[c].emotion_for(name) if c in at else None for c in columns] for name in names
    ]
    places = _places(scores, column_width)
    off_line = exits(journey)
    steps = {(a.id, b.id) for a, b in journey.flow()}
    into = _sources(steps, off_line)
    looks = {p.id: k for k, p in enumerate(journey.personas)}
    series: list[Series] = []
    points: list[Point] = []
    for n, (name, row) in enumerate(zip(names, scores, strict=True)):
        shown = name is not None
        # A persona's look follows their place in `personas`, so they keep it in their own view.
        look = looks.get(name or "", n)

        def xy(i: int, n: int = n, row: list[int | None] = row) -> str:
            return f"{places[n, i][0]:.1f},{level_y[row[i] or 0]:.1f}"

        segments: list[list[str]] = []
        branches: list[str] = []
        previous: int | None = None
        for i, c in enumerate(columns):
            if c is not None and c in off_line:
                continue  # an exit does not break the line it branches off
            joined = previous is not None and (columns[previous], c) in steps
            if row[i] is None:
                previous = None
                continue
            if joined and segments:
                segments[-1].append(xy(i))
            else:
                segments.append([xy(i)])
            previous = i
        for i, c in enumerate(columns):
            if row[i] is None or c is None:
                continue
            if c in off_line:
                branches += [
                    f"{xy(at[a])} {xy(i)}"
                    for a in into.get(c, [])
                    if a in at and row[at[a]] is not None
                ]
            tp = touchpoints[c]
            x, radius = places[n, i]
            y = level_y[row[i] or 0]
            who = persona_names.get(name or "", "")
            points.append(
                Point(
                    column=i,
                    x=x,
                    y=y,
                    score=row[i] or 0,
                    series=n,
                    wow=tp.wow,
                    label=f"{tp.name}" + (f" — {who}" if who else "") + f": {row[i]:+d}",
                    face=face(row[i] or 0, x, y, radius),
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
                [" ".join(s) for s in segments],
                f"series-{look % len(SERIES_COLOURS)}" if name else "series-all",
                marker(look, 0, 0, MARKER * RADIUS) if shown else "",
                sorted(branches),
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
    return Chart(
        column_width * max(len(columns), 1), height, levels, series, points, sorted(wows), lowest
    )
