"""The touchpoints ranked by gap (importance − satisfaction), for `cjmctl stats`.

The numbers and quadrants are `journey/matrix.py`'s; here they become plain data and text.
"""

from __future__ import annotations

from typing import Any

from cjmctl.health.columns import columns
from cjmctl.i18n import _, language
from cjmctl.journey.diagnostics import printable
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


def quadrant(name: str) -> str:
    """A quadrant of the priority matrix in words: `Fix first`, `Keep up`."""
    return {
        "fix_first": _("Fix first"),
        "keep_up": _("Keep up"),
        "low_priority": _("Low priority"),
    }.get(name, _("Possible overkill"))


def lines(found: dict[str, Any]) -> list[str]:
    """The ranking as text: gap, touchpoint, importance, satisfaction (and its study), quadrant."""
    lang = language()
    rows = [
        [
            signed(r["gap"], lang),
            r["touchpoint"],
            say(r["importance"], None, lang),
            say(r["satisfaction"], None, lang),
            quadrant(r["quadrant"])
            + (" · " + _("from {source}").format(source=r["research"]) if r["research"] else ""),
        ]
        for r in found["ranked"]
    ]
    head = [_("Gap"), _("Touchpoint"), _("Importance"), _("Satisfaction"), _("Quadrant")]
    title = _("Priority by gap (importance − satisfaction)")
    out = ["", title, *columns([head, *rows], {0, 2, 3})] if rows else []
    if found["unrated"]:
        unrated = _("no satisfaction known: {ids}").format(ids=", ".join(found["unrated"]))
        out += (["", title] if not rows else []) + [f"  {printable(unrated)}"]
    return out
