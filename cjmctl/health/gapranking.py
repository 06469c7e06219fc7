"""The touchpoints ranked by gap (importance − satisfaction), for `cjmctl stats`.

The numbers and quadrants are `journey/matrix.py`'s; here they become plain data and text.
"""

from __future__ import annotations

from typing import Any

from cjmctl.health.columns import columns
from cjmctl.journey.diagnostics import printable
from cjmctl.journey.labels import LABELS
from cjmctl.journey.matrix import by_gap, ratings
from cjmctl.journey.model import Journey
from cjmctl.renderers.emotion import signed
from cjmctl.renderers.kpi import say


def ranking(journey: Journey) -> dict[str, Any]:
    """The rated touchpoints, largest gap first, and the ids of those with no satisfaction."""
    return {
        "ranked": [
            {
                "touchpoint": r.touchpoint.id,
                "name": r.touchpoint.name,
                "stage": r.stage.id,
                "importance": r.importance,
                "customer": r.customer,
                "business": r.business,
                "satisfaction": r.satisfaction,
                "research": r.research,
                "gap": r.gap,
                "quadrant": r.quadrant,
            }
            for r in by_gap(journey)
        ],
        "unrated": [r.touchpoint.id for r in ratings(journey) if r.satisfaction is None],
    }


def lines(found: dict[str, Any], locale: str) -> list[str]:
    """The ranking as text: gap, touchpoint, importance, satisfaction (and its study), quadrant."""
    labels = LABELS[locale]
    rows = [
        [
            signed(r["gap"], locale),
            r["touchpoint"],
            say(r["importance"], None, locale),
            say(r["satisfaction"], None, locale),
            labels["quadrant_" + r["quadrant"]]
            + (" · " + labels["matrix_from"].format(source=r["research"]) if r["research"] else ""),
        ]
        for r in found["ranked"]
    ]
    head = [
        labels[key]
        for key in ("matrix_gap", "touchpoint", "matrix_importance", "matrix_satisfaction")
    ]
    head.append(labels["matrix_quadrant"])
    out = ["", labels["stats_priority"], *columns([head, *rows], {0, 2, 3})] if rows else []
    if found["unrated"]:
        unrated = labels["stats_unrated"].format(ids=", ".join(found["unrated"]))
        out += (["", labels["stats_priority"]] if not rows else []) + [f"  {printable(unrated)}"]
    return out
