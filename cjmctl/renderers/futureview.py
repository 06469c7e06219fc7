"""What the future state changes at one touchpoint, as the map's "Future state" lane shows it.

Shared by the HTML map and the Markdown: the change in a line, then the future action,
thoughts and pains where `future:` gives them. Touchpoints added or removed in the future are
marked on their column's head instead (`MARKS`), as their own fields already say the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cjmctl.journey.model import Touchpoint

MARKS = {"future": ("state_added", "+"), "current": ("state_removed", "−")}
"""The label key and glyph of a touchpoint that exists in one state only, by its `state`."""


@dataclass(frozen=True, slots=True)
class FutureCell:
    """A touchpoint's future, where it differs from now."""

    change: str | None
    action: str | None
    thoughts: str | None
    pains: list[str] = field(default_factory=list)


def cell(tp: Touchpoint) -> FutureCell | None:
    """The future of a touchpoint of both states, if `future:` says more than its emotion."""
    future = tp.future
    if tp.state != "both" or future is None:
        return None
    if not (future.change or future.action or future.thoughts or future.pains):
        return None
    return FutureCell(future.change, future.action, future.thoughts, list(future.pains))
