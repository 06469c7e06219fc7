"""The future state's emotion curve, laid out on the current curve's grid for the HTML map.

The future journey (`states.future_journey`) is laid out by `curve.chart` over the same
columns, so its line follows the future flow: past removed touchpoints, through added ones.
It is drawn dashed, one series per persona in the persona's colour, with small rings at the
future scores' heights (the current `Chart.y`); the current curve's persona lines turn solid
beside it, told apart by colour and marker, so that a dash means "future" and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from cjmctl.journey.model import Journey
from cjmctl.journey.states import current_journey, future_journey, has_future
from cjmctl.renderers.curve import Chart, Series, chart

FUTURE_DASH = "7 5"
RING = 5.0


@dataclass(frozen=True, slots=True)
class Ring:
    """One point of the future curve: a touchpoint's future emotion for one series."""

    column: int
    x: float
    y: float
    score: int
    series: int
    label: str


@dataclass(frozen=True, slots=True)
class FutureCurve:
    """The future curve's dashed series and rings, in the current chart's pixels."""

    series: list[Series]
    points: list[Ring]
    radius: float = RING
    wows: list[tuple[float, float, str]] = field(default_factory=list)
    """None: the stars are the current curve's. Here so `printpages.windows` cuts both alike."""


@dataclass(frozen=True, slots=True)
class Curves:
    """The two curves the map draws: the current one, and the future one if there is one."""

    current: Chart
    future: FutureCurve | None


def curves(
    journey: Journey, column_width: int, columns: list[str | None], persona: str | None
) -> Curves:
    """Lay out the current curve and, when the journey has a future state, the future one.

    `columns` are every column of the map, touchpoints of both states; each curve passes over
    the columns of touchpoints its state lacks.
    """
    if not has_future(journey):
        return Curves(chart(journey, column_width, columns, persona), None)
    now = chart(current_journey(journey), column_width, columns, persona)
    then = chart(future_journey(journey), column_width, columns, persona)
    solid = replace(now, series=[replace(s, dash="") for s in now.series])
    return Curves(solid, future_curve(now, then))


def future_curve(now: Chart, then: Chart) -> FutureCurve:
    """The future chart `then` restyled as the dashed curve beside `now`, on its grid."""
    series = [
        replace(
            s,
            dash=FUTURE_DASH,
            css=f"{s.css} future",
        )
        for s in then.series
    ]
    points = [Ring(p.column, p.x, now.y(p.score), p.score, p.series, p.label) for p in then.points]
    return FutureCurve(series, points)
