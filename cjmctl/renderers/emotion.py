"""The emotion curve: colours and faces for scores, and the geometry of the curve under a map.

Shared by every renderer that shows emotions, so a -1 is the same orange everywhere, and by
`stats`: means are computed here once, exactly, and rounded half away from zero, so a map, a
diagram and the statistics show the same numbers.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from cjmctl.journey.diagnostics import shorten
from cjmctl.journey.model import Journey, Stage, Touchpoint
from cjmctl.renderers import RenderError
from cjmctl.renderers.funnel import number
from cjmctl.renderers.markers import marker

# A diverging red-to-green scale (ColorBrewer RdYlGn), readable on light and dark backgrounds.
COLOURS = {-2: "#d73027", -1: "#fc8d59", 0: "#fee08b", 1: "#91cf60", 2: "#1a9850"}
# Lighter tints of the same scale, for backgrounds that carry dark text.
TINTS = {-2: "#f6b0a8", -1: "#fdd3b5", 0: "#fff1b8", 1: "#d3ecbc", 2: "#9fd8a8"}
SIGNS = {-2: "−−", -1: "−", 0: "0", 1: "+", 2: "++"}
SERIES_COLOURS = ("#364fc7", "#c2255c", "#0b7285", "#e67700", "#5f3dc4", "#2b8a3e")
SERIES_DASHES = ("", "7 4", "2 4", "9 3 2 3", "4 4", "1 3")


@dataclass(frozen=True, slots=True)
class Face:
    """A face for a score, as SVG numbers: a smile for +2, a frown for -2."""

    score: int
    x: str
    y: str
    r: str
    left_eye: str
    right_eye: str
    eye_y: str
    eye_r: str
    mouth: str


def face(score: int, x: float, y: float, r: float) -> Face:
    """Draw the face of `score` centred at (x, y) with radius r."""
    half, top, bend = r * 0.45, y + r * 0.3, score * r * 0.16
    return Face(
        score,
        f"{x:.1f}",
        f"{y:.1f}",
        f"{r:.1f}",
        f"{x - r * 0.36:.1f}",
        f"{x + r * 0.36:.1f}",
        f"{y - r * 0.25:.1f}",
        f"{r * 0.13:.1f}",
        f"M{x - half:.1f} {top - bend / 2:.1f} "
        f"Q{x:.1f} {top + bend * 1.5:.1f} {x + half:.1f} {top - bend / 2:.1f}",
    )


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


def persona_name(journey: Journey, persona: str) -> str:
    """The name of the persona `--persona` asks for; RenderError, with a suggestion, if none."""
    names = {p.id: p.name for p in journey.personas}
    if persona in names:
        return names[persona]
    by_name = {name.casefold(): pid for pid, name in names.items()}
    close = by_name.get(persona.casefold()) or next(
        iter(difflib.get_close_matches(persona, list(names), n=1, cutoff=0.6)), None
    )
    known = shorten(", ".join(names) or "none")
    message = f"no persona {shorten(persona)!r} in this journey (personas: {known})"
    raise RenderError(message + (f"; did you mean {shorten(close)!r}?" if close else ""))


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
STAR_Y = 16.0
"""The baseline of a wow star: above the +2 faces, so a star never covers a face."""


def lowest_touchpoint(journey: Journey, persona: str | None = None) -> Touchpoint | None:
    """The journey's one lowest moment, the touchpoint every output marks as such.

    The touchpoint with the lowest `touchpoint_score` (one persona's score with `persona`,
    else the exact mean of its personas'), only if below zero; a tie goes to the earliest.
    """
    found: tuple[Fraction, Touchpoint] | None = None
    for _, tp in journey.touchpoints():
        score = touchpoint_score(tp, persona)
        if score is not None and score < 0 and (found is None or score < found[0]):
            found = (score, tp)
    return None if found is None else found[1]


def exits(journey: Journey) -> set[str]:
    """The touchpoints where a path ends before the journey's last one: branches off the line."""
    ordered = journey.touchpoints()
    leading = {source.id for source, _ in journey.flow()}
    return {tp.id for _, tp in ordered[:-1] if tp.id not in leading}


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
    # Per exit, the touchpoints that lead to it: looking them up in all steps for every exit
    # grows with exits times steps.
    into: dict[str, list[str]] = {}
    for a, b in sorted(steps):
        if b in off_line:
            into.setdefault(b, []).append(a)
    series: list[Series] = []
    points: list[Point] = []
    for n, (name, row) in enumerate(zip(names, scores, strict=True)):
        shown = name is not None and len(names) > 1

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
                    marker=marker(n, x + radius * 0.8, y - radius * 0.8) if shown else "",
                    branch=c in off_line,
                )
            )
        title = persona_names.get(name, name) if name is not None else ""
        series.append(
            Series(
                title,
                SERIES_COLOURS[n % len(SERIES_COLOURS)] if name else "#495057",
                SERIES_DASHES[n % len(SERIES_DASHES)] if name else "",
                [" ".join(s) for s in segments],
                f"series-{n % len(SERIES_COLOURS)}" if name else "series-all",
                marker(n, 0, 0) if shown else "",
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


def exact_mean(values: Iterable[int | Fraction]) -> Fraction | None:
    """The exact mean of scores, or None for none: no float error decides a rounding."""
    found = [Fraction(v) for v in values]
    return sum(found, Fraction(0)) / len(found) if found else None


def touchpoint_score(tp: Touchpoint, persona: str | None = None) -> Fraction | None:
    """A touchpoint's emotion as one number: a persona's, the shared one, or all personas' mean."""
    if persona is not None or not isinstance(tp.emotion, dict):
        score = tp.emotion_for(persona)
        return None if score is None else Fraction(score)
    return exact_mean(tp.emotion.values())


def half_away(value: Fraction, digits: int = 0) -> Fraction:
    """Round half away from zero: -0.5 and +0.5 both move away from neutral, symmetrically."""
    scale = 10**digits
    shifted = abs(value) * scale
    whole = math.floor(shifted + Fraction(1, 2))
    return Fraction(whole if value >= 0 else -whole, scale)


def mean(scores: Iterable[Fraction | None]) -> float | None:
    """The mean of the given scores to two decimals, the number every output shows."""
    exact = exact_mean(s for s in scores if s is not None)
    return None if exact is None else float(half_away(exact, 2))


def stage_mean(stage: Stage, persona: str | None = None) -> float | None:
    """A stage's mean emotion over its touchpoints (each the mean of its personas', unrounded)."""
    return mean(touchpoint_score(tp, persona) for tp in stage.touchpoints)


def level(value: float | Fraction) -> int:
    """The score a mean is drawn as (-2..+2), from the two-decimal mean that outputs print."""
    return int(half_away(half_away(Fraction(value), 2)))


def signed(value: float, locale: str) -> str:
    """A mean as the outputs print it: `+0.50`, `-0.62`, `0.00`."""
    return ("+" if value > 0 else "") + number(value, locale, 2)
