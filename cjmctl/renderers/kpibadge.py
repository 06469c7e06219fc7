"""KPI badges of the flow diagram: where a touchpoint's metrics stand against their targets.

A metric belongs to a touchpoint that its `at` names, or whose stage it names. A badge reads
`CSAT 66 / 80 ✓` or `Abandonment 4.6% / 5% ✓`: the latest value, the target, and a mark for
the status (✓ met, ! near, ✗ off), so the status never rests on colour alone. Numbers are
written as the map's KPI lane writes them (`kpi.say`), so diagram and map agree; a short unit
(`%`, `min`, `pts`, up to SHORT_UNIT characters) follows both, a longer one is left to the map,
as a node has room for a few words only.
"""

from __future__ import annotations

from dataclasses import dataclass

from cjmctl.journey.metrics import Metric, Status
from cjmctl.journey.model import Journey
from cjmctl.renderers.kpi import say

MARKS: dict[Status | None, str] = {"met": "✓", "near": "!", "off": "✗", None: ""}
COLOURS: dict[Status | None, str] = {
    "met": "#237336",
    "near": "#9a5b00",
    "off": "#a61e1e",
    None: "#495057",
}
_SHORT = {"csat": "CSAT", "nps": "NPS", "ces": "CES"}
SHORT_UNIT = 4
"""The longest unit a badge writes after its numbers: "%", "min", "pts", "of 5"."""


@dataclass(frozen=True, slots=True)
class Badge:
    """One metric's latest value at a touchpoint, as plain text and a status."""

    text: str
    status: Status | None

    @property
    def mark(self) -> str:
        """The status as a sign: ✓, ! or ✗; empty without a target."""
        return MARKS[self.status]

    @property
    def colour(self) -> str:
        """The status as a colour, beside the mark."""
        return COLOURS[self.status]


def badge(metric: Metric, locale: str) -> Badge | None:
    """The metric's latest value against its target; None while nothing is measured."""
    latest = metric.latest()
    if latest is None:
        return None
    value = latest[1]
    unit = metric.unit if metric.unit and len(metric.unit.strip()) <= SHORT_UNIT else None
    text = f"{_SHORT.get(metric.kind, metric.name)} {say(value, unit, locale)}"
    if metric.target is not None:
        # No-break spaces: the value and the target wrap as one, never "23% /" then "25%".
        text += f"\u00a0/\u00a0{say(metric.target, unit, locale)}"
    return Badge(text, metric.status(value))


def badges(journey: Journey) -> dict[str, list[Badge]]:
    """The badges of each touchpoint, in the order the metrics are declared."""
    found: dict[str, list[Badge]] = {}
    for metric in journey.metrics:
        shown = badge(metric, journey.locale)
        if shown is None:
            continue
        for stage in journey.stages:
            for tp in stage.touchpoints:
                if tp.id in metric.at or stage.id in metric.at:
                    found.setdefault(tp.id, []).append(shown)
    return found
