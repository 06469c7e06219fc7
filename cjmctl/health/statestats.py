"""The current and the future state side by side in `cjmctl stats`: means, lows, what changes.

Both states are measured as the map draws them (`journey.states`): mean emotions exact and
rounded once, the lowest moment as every output marks it.
"""

from __future__ import annotations

from typing import Any

from cjmctl.i18n import _, language, number
from cjmctl.journey.model import Journey
from cjmctl.journey.scale import EmotionScale
from cjmctl.journey.states import changes, current_journey, future_journey, has_future
from cjmctl.renderers.emotion import (
    lowest_touchpoint,
    mean,
    stage_mean,
    touchpoint_score,
    written_mean,
)


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


def lines(found: dict[str, Any] | None, scale: EmotionScale) -> list[str]:
    """The states' section of the text output: a table of means, the lows and the counts.

    Every number is written as the rest of the stats write it, on the journey's scale.
    """
    if found is None:
        return []
    lang = language()

    def shown(value: float | None) -> str:
        return _("no data") if value is None else written_mean(value, scale, lang)

    def low(lowest: dict[str, Any] | None) -> str:
        return (
            _("no data") if lowest is None else f"{lowest['touchpoint']} {shown(lowest['score'])}"
        )

    now, then = found["current"], found["future"]
    rows = [["", _("current"), _("future")]]
    rows.append([_("overall"), shown(now["mean"]), shown(then["mean"])])
    rows += [
        [stage, shown(value), shown(then["stages"].get(stage))]
        for stage, value in now["stages"].items()
    ]
    rows.append([_("lowest moment"), *(low(part["lowest"]) for part in (now, then))])
    touched = found["touchpoints"]
    counts = _("added {added} · removed {removed} · changed {changed}").format(
        added=number(touched["added"], lang),
        removed=number(touched["removed"], lang),
        changed=number(touched["changed"], lang),
    )
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    table = [
        "  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
        for row in rows
    ]
    return [
        "",
        _("Current and future state"),
        *table,
        "  " + _("Touchpoints: {counts}").format(counts=counts),
    ]
