"""The current and the future state side by side in `cjmctl stats`: means, lows, what changes.

Both states are measured as the map draws them (`journey.states`): mean emotions exact and
rounded once, the lowest moment as every output marks it.
"""

from __future__ import annotations

from typing import Any

from cjmctl.journey.labels import LABELS
from cjmctl.journey.model import Journey
from cjmctl.journey.states import changes, current_journey, future_journey, has_future
from cjmctl.renderers.emotion import lowest_touchpoint, mean, signed, stage_mean, touchpoint_score


def _measured(journey: Journey) -> dict[str, Any]:
    low = lowest_touchpoint(journey)
    score = touchpoint_score(low) if low is not None else None
    return {
        "mean": mean(touchpoint_score(tp) for _, tp in journey.touchpoints()),
        "stages": {s.id: stage_mean(s) for s in journey.stages},
        "lowest": None
        if low is None or score is None
        else {"touchpoint": low.id, "name": low.name, "score": mean([score])},
    }


def states(journey: Journey) -> dict[str, Any] | None:
    """Both states' numbers and the count of touchpoints each change touches; None without one."""
    if not has_future(journey):
        return None
    touchpoints = [tp for _, tp in journey.touchpoints()]
    return {
        "current": _measured(current_journey(journey)),
        "future": _measured(future_journey(journey)),
        "touchpoints": {
            "added": sum(tp.state == "future" for tp in touchpoints),
            "removed": sum(tp.state == "current" for tp in touchpoints),
            "changed": sum(changes(tp) for tp in touchpoints),
        },
    }


def _mean(value: float | None, locale: str) -> str:
    return LABELS[locale]["stats_none"] if value is None else signed(value, locale)


def lines(found: dict[str, Any] | None, locale: str) -> list[str]:
    """The states' section of the text output: a table of means, the lows and the counts."""
    if found is None:
        return []
    labels = LABELS[locale]
    now, then = found["current"], found["future"]
    rows = [["", labels["stats_state_current"], labels["stats_state_future"]]]
    rows.append(
        [labels["stats_state_overall"], _mean(now["mean"], locale), _mean(then["mean"], locale)]
    )
    rows += [
        [stage, _mean(value, locale), _mean(then["stages"].get(stage), locale)]
        for stage, value in now["stages"].items()
    ]
    rows.append(
        [labels["stats_state_lowest"], *(_low(part["lowest"], locale) for part in (now, then))]
    )
    counts = " · ".join(
        f"{labels['stats_state_' + key]} {n}" for key, n in found["touchpoints"].items()
    )
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    table = [
        "  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
        for row in rows
    ]
    return ["", labels["stats_states"], *table, f"  {labels['stats_touchpoints']}: {counts}"]


def _low(lowest: dict[str, Any] | None, locale: str) -> str:
    if lowest is None:
        return LABELS[locale]["stats_none"]
    return f"{lowest['touchpoint']} {_mean(lowest['score'], locale)}"
