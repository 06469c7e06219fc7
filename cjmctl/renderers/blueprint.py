"""The service blueprint's lanes under the customer's, and when a journey has them.

What staff and systems do in view of the customer (frontstage), out of view (backstage, with
its owner), and the processes behind both (support).

Shared by the HTML map, the Markdown document and the flow diagram, so that they agree on when a
journey is a blueprint and in which order its lanes and lines come.
"""

from __future__ import annotations

from dataclasses import dataclass

from cjmctl.journey.model import Journey, Touchpoint

LANES = ("frontstage", "backstage", "support_processes")
"""The blueprint's lanes in the order a blueprint draws them, by their label keys."""
LINES = {
    "frontstage": "line_interaction",
    "backstage": "line_visibility",
    "support_processes": "line_internal",
}
"""The line a blueprint draws above each lane: interaction (the customer meets the staff),
visibility (what the customer sees ends), internal interaction (the processes behind)."""


@dataclass(frozen=True, slots=True)
class Backstage:
    """A touchpoint's backstage cell: the work out of the customer's view and who owns it."""

    steps: list[str]
    owner: str | None


def drawn(tp: Touchpoint) -> bool:
    """Whether the touchpoint says anything about the service behind it."""
    return bool(tp.frontstage or tp.backstage or tp.support or tp.backstage_owner)


def is_blueprint(journey: Journey) -> bool:
    """Whether any touchpoint fills a blueprint lane: then every blueprint lane is shown."""
    return any(drawn(tp) for _, tp in journey.touchpoints())


def cells(tp: Touchpoint) -> dict[str, list[str] | Backstage | None]:
    """What the blueprint's lanes show in this touchpoint's column."""
    backstage = Backstage(tp.backstage, tp.backstage_owner)
    return {
        "frontstage": tp.frontstage,
        "backstage": backstage if tp.backstage or tp.backstage_owner else None,
        "support_processes": tp.support,
    }
