"""Where the journey's KPIs stand, as views for the HTML map and the Markdown document.

Per touchpoint column, the metrics attached to it (`Metric.at`): the latest value with its
unit and period, the target, whether it is met (`Metric.status`), the change since the value
before, and a sparkline of the series against the target. A metric attached to a stage shows
once, in the stage's first column, named with the stage: repeating it in every column of a
wide stage would say the same thing many times. The plan's measured view of an action whose
`metric` names a metric: its baseline, the latest value, the target and whether it is met.

Numbers are formatted for the journey's locale; coordinates are rounded, so pages are exact.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from cjmctl.i18n import number
from cjmctl.journey import metrics
from cjmctl.journey.metrics import Metric, Status
from cjmctl.journey.model import Action, Journey
from cjmctl.journey.periods import Period
from cjmctl.renderers.wording import period_name

MARKS: dict[str, str] = {"met": "✓", "near": "!", "off": "✗"}
"""A status's mark beside its word, so no status is told by colour alone."""
SPARK_WIDTH = 160
SPARK_HEIGHT = 40
# Room inside the sparkline's box for the line's width and the last value's dot.
_PAD_X = 4
_PAD_Y = 5
_DIGITS = 2
"""The most decimals a KPI of 1 or more shows: 4.25 of 5, 12.5%."""
_SIGNIFICANT = 2
"""The significant digits a KPI under 1 keeps: 0.004%, 0.012%."""


@dataclass(frozen=True, slots=True)
class Spark:
    """A sparkline's geometry in its own box of SPARK_WIDTH x SPARK_HEIGHT units."""

    points: str
    """The series as SVG polyline points, oldest first."""
    last: tuple[float, float]
    target: float | None
    """The target line's y."""
    band: tuple[float, float] | None
    """The warning band between the target and the warning threshold: its top y and height."""
    low: float
    high: float
    """The values at the bottom and top of the box."""
    title: str


@dataclass(frozen=True, slots=True)
class Kpi:
    """One metric as the map shows it in a column or the metrics table."""

    id: str
    name: str
    stage: str | None
    """The stage's name, where the metric is attached to the stage rather than a touchpoint."""
    value: str | None
    """The latest value with its unit; None while nothing is measured."""
    period: str | None
    """The latest value's period as people read it (`wording.period_name`): Oct 2026."""
    target: str | None
    status: Status | None
    change: str | None
    """The change since the value before: `+4`, `−0.2`; None with fewer than two values."""
    better: bool | None
    """Whether the change went the better way; None when it did not move."""
    spark: Spark | None
    trend: str
    """The last twelve values as block characters, for text (Markdown)."""


@dataclass(frozen=True, slots=True)
class Measured:
    """An action's effect on its metric: where it started, where it is, and where it must get."""

    metric: str
    """The metric's id, for a link to its row."""
    name: str
    baseline: str | None
    latest: str | None
    target: str | None
    met: bool | None
    """None where there is no latest value or no target to compare it with."""


def digits(value: float) -> int:
    """The fewest decimals that show `value` as it is: at most two (4.25, 12.5, 80).

    Below 1, two significant digits, so that a small rate is never shown as 0 (0.004,
    0.012). Every KPI number goes through it: the map, the Markdown and lint's messages.
    """
    most = _DIGITS
    if 0 < abs(value) < 1:
        most = max(_DIGITS, _SIGNIFICANT - 1 - math.floor(math.log10(abs(value))))
    return next((d for d in range(most) if round(value, d) == round(value, most)), most)


def say(value: float, unit: str | None, locale: str) -> str:
    """A value as people read it: the locale's digits, as many decimals as it has, its unit."""
    return _with_unit(number(value, locale, digits(value)), unit)


def _with_unit(text: str, unit: str | None) -> str:
    if not unit:
        return text
    # No-break spaces: a value and its unit ("4.2 of 5") never part over two lines.
    unit = unit.replace(" ", "\u00a0")
    return f"{text}{unit}" if unit == "%" else f"{text}\u00a0{unit}"


def _change(delta: float, locale: str) -> str:
    sign = "+" if delta > 0 else "−"  # the minus sign, as print sets it
    return sign + number(abs(delta), locale, digits(delta))


def spark(
    metric: Metric, title: str, series: list[tuple[Period, float]] | None = None
) -> Spark | None:
    """The sparkline of `metric`, or None while it has no values.

    x by the day each period starts; y over the metric's `scale`, else over its values, the
    target and the warning threshold, so the target line is always in the box. `series`: the
    metric's, where the caller has worked it out.
    """
    series = metric.series() if series is None else series
    if not series:
        return None
    values = [v for _, v in series]
    marks = [m for m in (metric.target, metric.warning) if m is not None]
    low, high = metric.scale or (min(values + marks), max(values + marks))
    if low == high:  # one flat value: centre it
        low, high = low - 1, high + 1
    first = series[0][0].start.toordinal()
    days = series[-1][0].start.toordinal() - first
    inner_w, inner_h = SPARK_WIDTH - 2 * _PAD_X, SPARK_HEIGHT - 2 * _PAD_Y

    def y(value: float) -> float:
        inside = min(max(value, low), high)  # a value outside a given scale stays in the box
        return round(_PAD_Y + (high - inside) / (high - low) * inner_h, 1)

    def x(day: int) -> float:
        if days == 0:
            return SPARK_WIDTH / 2
        return round(_PAD_X + (day - first) / days * inner_w, 1)

    pairs = [(x(p.start.toordinal()), y(v)) for p, v in series]
    target = y(metric.target) if metric.target is not None else None
    band = None
    if metric.target is not None and metric.warning is not None:
        top, bottom = sorted((y(metric.target), y(metric.warning)))
        band = (top, round(bottom - top, 1))
    return Spark(
        " ".join(f"{px:g},{py:g}" for px, py in pairs),
        pairs[-1],
        target,
        band,
        low,
        high,
        title,
    )


_BLOCKS = "▁▂▃▄▅▆▇█"


def trend(metric: Metric, last: int = 12, series: list[tuple[Period, float]] | None = None) -> str:
    """The last values as block characters, lowest to highest of them: a sparkline in text."""
    values = [v for _, v in (metric.series() if series is None else series)[-last:]]
    if not values:
        return ""
    low, high = min(values), max(values)
    if low == high:
        return _BLOCKS[3] * len(values)
    top = len(_BLOCKS) - 1
    return "".join(_BLOCKS[round((v - low) / (high - low) * top)] for v in values)


def kpi(metric: Metric, locale: str, labels: dict[str, str], stage: str | None = None) -> Kpi:
    """The view of one metric: its latest value against its target, and its series."""
    series = metric.series()
    latest = series[-1] if series else None
    value = say(latest[1], metric.unit, locale) if latest else None
    period = period_name(latest[0], locale) if latest else None
    target = say(metric.target, metric.unit, locale) if metric.target is not None else None
    status = metric.status(latest[1]) if latest else None
    change = better = None
    if len(series) > 1 and latest is not None:
        delta = latest[1] - series[-2][1]
        moved = round(delta, digits(delta))
        change = _change(moved, locale) if moved else "±0"
        if moved:
            better = (moved < 0) == metric.lower_is_better()
    words = [metric.name]
    if value is not None and latest is not None:
        words.append(f"{value} ({period})")
    if target is not None:
        words.append(labels["kpi_target"].format(value=target))
    if status is not None:
        words.append(labels[f"kpi_{status}"])
    return Kpi(
        metric.id,
        metric.name,
        stage,
        value,
        period,
        target,
        status,
        change,
        better,
        spark(metric, " · ".join(words), series),
        trend(metric, series=series),
    )


def views(journey: Journey, labels: dict[str, str]) -> dict[str, Kpi]:
    """Every metric's view by id: worked out once per page, shown in its columns and table."""
    return {m.id: kpi(m, journey.locale, labels) for m in journey.metrics}


def by_column(journey: Journey, shown: dict[str, Kpi]) -> dict[str, list[Kpi]]:
    """The KPIs each touchpoint's column shows, by touchpoint id, in the order of `metrics`.

    A stage's metric shows in the stage's first touchpoint's column, named with the stage.
    `shown`: the metrics' views (`views`).
    """
    first = {s.id: (s.touchpoints[0].id, s.name) for s in journey.stages if s.touchpoints}
    touchpoints = {tp.id for _, tp in journey.touchpoints()}
    found: dict[str, list[Kpi]] = {}
    for metric in journey.metrics:
        for ref in dict.fromkeys(metric.at):
            if ref in touchpoints:
                found.setdefault(ref, []).append(shown[metric.id])
            elif ref in first:
                column, stage = first[ref]
                found.setdefault(column, []).append(replace(shown[metric.id], stage=stage))
    return found


def measured(journey: Journey, action: Action) -> Measured | None:
    """The measured view of `action`, where its `metric` names one of the journey's metrics.

    The baseline is the action's own, else the last value measured before it started; the
    target the action's number, else the metric's.
    """
    metric = journey.metric(action.metric)
    if metric is None:
        return None
    goal = action.target if isinstance(action.target, float | int) else metric.target
    base: float | None = action.baseline
    if base is None and action.started is not None:
        found = metrics.value_before(metric, action.started)
        base = found[1] if found else None
    latest = metric.latest()

    def shown(value: float | None) -> str | None:
        return None if value is None else say(value, metric.unit, journey.locale)

    met = None
    if latest is not None and goal is not None:
        met = metric.status(latest[1], goal) == "met"
    return Measured(
        metric.id,
        metric.name,
        shown(base),
        shown(latest[1] if latest else None),
        shown(goal),
        met,
    )


def table(journey: Journey, shown: dict[str, Kpi]) -> list[tuple[Kpi, list[str]]]:
    """Every metric for the metrics table, with the stages and touchpoints it is attached to.

    Only ids the journey has: a link must land. `shown`: the metrics' views (`views`).
    """
    known = {s.id for s in journey.stages} | {tp.id for _, tp in journey.touchpoints()}
    return [
        (shown[m.id], [ref for ref in dict.fromkeys(m.at) if ref in known]) for m in journey.metrics
    ]
