"""Metrics (KPIs) of a journey: what is measured where, the target, and the values over time.

A metric is one series: CSAT at pick-up, the share of carts abandoned at checkout. Values come
inline (`values: {2026-09: 62}`) or from the CSV files a journey lists in `metric_files`, which
the loader merges in. Whether a value meets its target is decided here, once, for every
renderer and lint rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from cjmctl.i18n import _
from cjmctl.journey import periods
from cjmctl.journey.fieldtypes import Name, Number, PeriodKey, Slug, SlugList, Text
from cjmctl.journey.parts import Identified, id_field
from cjmctl.journey.periods import Period
from cjmctl.journey.terms import term_ru

MetricKind = Literal["csat", "nps", "ces", "conversion", "abandonment", "custom"]
ResearchKind = Literal["survey", "interview", "analytics", "mystery_shopping", "support", "other"]
Status = Literal["met", "near", "off"]

_LOWER_IS_BETTER = frozenset({"ces", "abandonment"})
_MEASURED_BY: dict[str, ResearchKind] = {
    "csat": "survey",
    "nps": "survey",
    "ces": "survey",
    "conversion": "analytics",
    "abandonment": "analytics",
}


def _rising(scale: tuple[float, float]) -> tuple[float, float]:
    if scale[0] >= scale[1]:
        raise PydanticCustomError(
            "scale_order", _("the low end of a scale must be below its high end")
        )
    return scale


class Metric(Identified):
    """A KPI with a target, measured over time at some touchpoints or stages."""

    model_config = ConfigDict(json_schema_extra=term_ru("Метрика"))

    id: Slug = id_field("metric", "csat-pickup")
    name: Name = Field(description="What is measured.", examples=["CSAT at pick-up"])
    kind: MetricKind = Field(
        description="csat, nps, ces, conversion, abandonment or custom.", examples=["csat"]
    )
    unit: Text | None = Field(
        None,
        description="What a value counts, written after it: '%', 'of 5', 'pts'.",
        examples=["%"],
    )
    scale: Annotated[tuple[Number, Number], AfterValidator(_rising)] | None = Field(
        None,
        description="The lowest and highest value the metric can take, as [low, high], e.g. "
        "[1, 5] for a five-point CSAT or [-100, 100] for NPS; sparklines span it.",
        examples=[[1, 5]],
    )
    better: Literal["higher", "lower"] | None = Field(
        None,
        description="Which way is better: higher or lower. Left out: lower for ces and "
        "abandonment, higher for the other kinds.",
        examples=["lower"],
    )
    target: Number | None = Field(
        None,
        description="The value to reach.",
        examples=[80],
        json_schema_extra=term_ru("Цель"),
    )
    warning: Number | None = Field(
        None,
        description="A threshold on the worse side of the target: a value between the two is "
        "near the target, one past it off target.",
        examples=[70],
    )
    at: SlugList = Field(
        default_factory=list,
        description="Ids of the touchpoints or stages this metric measures.",
        examples=[["pickup"]],
    )
    method: ResearchKind | None = Field(
        None,
        description="The kind of research that measures it (survey, analytics, "
        "mystery_shopping...). Left out: survey for csat, nps and ces, analytics for "
        "conversion and abandonment.",
        examples=["survey"],
    )
    values: dict[PeriodKey, Number] = Field(
        default_factory=dict,
        description="Measured values by period: a day (2026-09-15), a month (2026-09) or a "
        "quarter (2026-Q3). More can come from `metric_files`.",
        examples=[{"2026-09": 62, "2026-10": 66}],
    )

    def lower_is_better(self) -> bool:
        """Whether a smaller value is the better one."""
        if self.better is not None:
            return self.better == "lower"
        return self.kind in _LOWER_IS_BETTER

    def measured_by(self) -> ResearchKind | None:
        """The research kind that measures this metric, given or implied by its kind."""
        return self.method or _MEASURED_BY.get(self.kind)

    def series(self) -> list[tuple[Period, float]]:
        """The values in time order (by the day each period starts)."""
        found = [(periods.parse(key), value) for key, value in self.values.items()]
        return sorted((p, v) for p, v in found if p is not None)

    def latest(self) -> tuple[Period, float] | None:
        """The most recent value, or None while nothing is measured."""
        ordered = self.series()
        return ordered[-1] if ordered else None

    def status(self, value: float, target: float | None = None) -> Status | None:
        """Whether `value` meets `target` (the metric's own by default), is near it or is off.

        None where there is no target to compare with. Near means between the target and the
        warning threshold; without a threshold a value is met or off.
        """
        goal = self.target if target is None else target
        if goal is None:
            return None
        sign = -1 if self.lower_is_better() else 1
        if sign * (value - goal) >= 0:
            return "met"
        if self.warning is not None and sign * (value - self.warning) >= 0:
            return "near"
        return "off"


@dataclass(frozen=True, slots=True)
class Reading:
    """A metric's value at one period, for views that show where a KPI stands."""

    period: Period
    value: float
    status: Status | None


def readings(metric: Metric) -> list[Reading]:
    """Every value of `metric` in time order, each judged against the metric's target."""
    return [Reading(p, v, metric.status(v)) for p, v in metric.series()]


def value_before(metric: Metric, day: date) -> tuple[Period, float] | None:
    """The last value of a period that ended before `day`: an action's baseline when it started."""
    before = [(p, v) for p, v in metric.series() if p.end < day]
    return before[-1] if before else None
