"""The emotion curve: colours and faces for scores, and the geometry of the curve under a map.

Shared by every renderer that shows emotions, so a -1 is the same orange everywhere, and by
`stats`: means are computed here once, exactly, and rounded half away from zero, so a map, a
diagram and the statistics show the same numbers.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from cjmctl.journey.diagnostics import shorten
from cjmctl.journey.model import Journey, Stage, Touchpoint
from cjmctl.renderers import RenderError
from cjmctl.renderers.funnel import number

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
    lowest: bool
    label: str
    face: Face


@dataclass(frozen=True, slots=True)
class Series:
    """One curve: everyone, or one persona."""

    name: str
    colour: str
    dash: str
    segments: list[str]
    """SVG polyline `points` strings; a touchpoint without an emotion breaks the line."""


@dataclass(frozen=True, slots=True)
class Chart:
    """The whole emotion lane, in pixels of the map's grid."""

    width: int
    height: int
    levels: list[tuple[int, float]]
    series: list[Series]
    points: list[Point]

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


def chart(
    journey: Journey, column_width: int, columns: list[str | None], persona: str | None = None
) -> Chart:
    """Lay out the curve for `columns` (touchpoint ids; None for an empty stage's column)."""
    height, top, step = 192, 32, 30
    levels = [(score, float(top + (2 - score) * step)) for score in (2, 1, 0, -1, -2)]
    level = dict(levels)
    touchpoints = {tp.id: tp for _, tp in journey.touchpoints()}
    persona_names = {p.id: p.name for p in journey.personas}
    names = series_names(journey, persona)
    scores = [
        [
            touchpoints[c].emotion_for(name) if c is not None and c in touchpoints else None
            for c in columns
        ]
        for name in names
    ]
    everything = [s for row in scores for s in row if s is not None]
    lowest = min(everything) if everything else None
    series: list[Series] = []
    points: list[Point] = []
    for n, (name, row) in enumerate(zip(names, scores, strict=True)):
        segments: list[str] = []
        current: list[str] = []
        for i, score in enumerate(row):
            if score is None:
                if current:
                    segments.append(" ".join(current))
                current = []
                continue
            x = (i + 0.5) * column_width
            y = level[score]
            current.append(f"{x:.1f},{y:.1f}")
            tp = touchpoints[columns[i] or ""]
            who = persona_names.get(name or "", "")
            points.append(
                Point(
                    column=i,
                    x=x,
                    y=y,
                    score=score,
                    series=n,
                    wow=tp.wow,
                    lowest=score == lowest and lowest < 0,
                    label=f"{tp.name}" + (f" — {who}" if who else "") + f": {score:+d}",
                    face=face(score, x, y, 11),
                )
            )
        if current:
            segments.append(" ".join(current))
        title = persona_names.get(name, name) if name is not None else ""
        series.append(
            Series(
                title,
                SERIES_COLOURS[n % len(SERIES_COLOURS)] if name else "#495057",
                SERIES_DASHES[n % len(SERIES_DASHES)] if name else "",
                segments,
            )
        )
    return Chart(column_width * max(len(columns), 1), height, levels, series, points)


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
