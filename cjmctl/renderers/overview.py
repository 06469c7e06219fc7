"""The overview strip above a big map: the whole journey's emotion at a glance, in one screen.

A map of 40 touchpoints is 8,000 px wide; the strip draws every touchpoint's emotion as a bar
from neutral (down and red for the low points, so they stand out), under bands named by stage,
each linking to its column. With several personas a bar is the mean of their scores, exact and
rounded to two decimals half away from zero as `cjmctl stats` computes its stage means (stats
prints no mean per touchpoint), and a thin whisker spans the lowest to the highest persona, so
a mean of zero from -2 and +2 does not pass for calm. The template only loops over what is
computed here.

A journey on another scale (1..5, 1..10) is drawn by where each score lies between its ends,
so the strip keeps its height, neutral stays on the middle line and labels keep the scores.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from cjmctl.i18n import number
from cjmctl.journey.model import Journey, Touchpoint
from cjmctl.journey.scale import EmotionScale
from cjmctl.renderers.emotion import (
    COLOURS,
    level,
    mean,
    spread,
    touchpoint_score,
    written,
    written_mean,
)
from cjmctl.renderers.textwidth import fit

# Below this map width (lanes plus columns, in px) the map fits a wide screen: no overview.
SCREEN = 2560
WIDTH = 1320
HEIGHT = 104
BAND = 24
AXIS = 26
ZERO = 66.0
UNIT = 15.0
"""Pixels per emotion point of -2..+2 (60 px under the stage bands); other scales span as much."""
BAND_TYPE = 11.5
BAND_PADDING = 6 + 4
"""How map.css sets a band's name: 11.5 px bold, 6 px in from the left, 4 px kept on the right."""


@dataclass(frozen=True, slots=True)
class Band:
    """A stage's band: its name over its columns, linking to the stage's header."""

    anchor: str
    name: str
    hue: int
    x: float
    width: float
    label: str
    """The name as it fits the band, cut with an ellipsis (the whole name is the band's title)."""


@dataclass(frozen=True, slots=True)
class Bar:
    """One touchpoint's slot of the strip, linking to its column of the map.

    A touchpoint without an emotion keeps its link and draws no bar (`colour` is empty).
    """

    anchor: str
    label: str
    left: float
    x: float
    bar_left: float
    width: float
    top: float
    height: float
    colour: str
    low: bool
    whisker: tuple[float, float] | None


@dataclass(frozen=True, slots=True)
class Overview:
    """The strip, in SVG user units."""

    width: float
    height: int
    axis: float
    """Where the plot starts: left of it, the scale's signs."""
    column: float
    mean: bool
    """Whether bars are means of several personas' emotions."""
    zero: float
    levels: list[tuple[str, float]]
    bands: list[Band]
    bars: list[Bar]


def wanted(map_width: int) -> bool:
    """Whether the map is too wide for one screen, so an overview helps."""
    return map_width > SCREEN


def _y(value: float | Fraction, scale: EmotionScale) -> float:
    return ZERO - spread(value, scale) * UNIT


def _bar(tp: Touchpoint, x: float, step: float, persona: str | None, journey: Journey) -> Bar:
    scale, locale = journey.emotion_scale, journey.locale
    value = mean([touchpoint_score(tp, persona)])
    width = min(step * 0.62, 22.0)
    left, bar_left = round(x - step / 2, 1), round(x - width / 2, 1)
    x, width = round(x, 1), round(width, 1)
    if value is None:
        return Bar(f"tp-{tp.id}", tp.name, left, x, bar_left, width, ZERO, 0.0, "", False, None)
    scores = list(tp.emotion.values()) if persona is None and isinstance(tp.emotion, dict) else []
    span = (
        f" ({written(min(scores), scale)} … {written(max(scores), scale)})"
        if len(set(scores)) > 1
        else ""
    )
    # One score (a persona's, or everyone's) is a whole number, written as the curve writes it.
    shown = written_mean(value, scale, locale) if scores else written(round(value), scale)
    top, bottom = sorted((_y(value, scale), ZERO))
    return Bar(
        f"tp-{tp.id}",
        f"{tp.name}: {shown}{span}",
        left,
        x,
        bar_left,
        width,
        round(top, 1),
        round(max(bottom - top, 2.0), 1),
        COLOURS[level(value, scale)],
        spread(value, scale) <= -1,
        (round(_y(max(scores), scale), 1), round(_y(min(scores), scale), 1)) if span else None,
    )


def _levels(scale: EmotionScale, locale: str) -> list[tuple[str, float]]:
    """The axis: the scale's top, its neutral middle and its bottom, as the scale writes them."""
    if scale.is_default():
        return [(sign, _y(score, scale)) for score, sign in ((2, "++"), (0, "0"), (-2, "−−"))]
    middle = scale.neutral
    neutral = (
        written(int(middle), scale) if middle.denominator == 1 else number(float(middle), locale, 1)
    )
    return [
        (written(scale.max, scale), _y(scale.max, scale)),
        (neutral, _y(middle, scale)),
        (written(scale.min, scale), _y(scale.min, scale)),
    ]


def overview(journey: Journey, persona: str | None = None) -> Overview:
    """Lay out the strip: one slot per map column, so an empty stage keeps its place."""
    slots = sum(max(len(stage.touchpoints), 1) for stage in journey.stages)
    # Always the whole width: the page scales the strip to its box, so one aspect fills it.
    step = (WIDTH - AXIS) / max(slots, 1)
    bands: list[Band] = []
    bars: list[Bar] = []
    slot = 0
    for i, stage in enumerate(journey.stages):
        span = max(len(stage.touchpoints), 1)
        left, width = round(AXIS + slot * step, 1), round(span * step - 2, 1)
        label = fit(stage.name, width - BAND_PADDING, BAND_TYPE)
        bands.append(Band(f"stage-{stage.id}", stage.name, i % 6, left, width, label))
        for n, tp in enumerate(stage.touchpoints):
            x = AXIS + (slot + n + 0.5) * step
            bars.append(_bar(tp, x, step, persona, journey))
        slot += span
    levels = _levels(journey.emotion_scale, journey.locale)
    several = persona is None and any(
        isinstance(tp.emotion, dict) and len(tp.emotion) > 1 for _, tp in journey.touchpoints()
    )
    width = round(AXIS + slots * step, 1)
    return Overview(width, HEIGHT, AXIS, round(step, 1), several, ZERO, levels, bands, bars)
