"""Where the journey goes from each touchpoint, measured against the order of the map's columns.

The map draws touchpoints as columns in file order and the flow diagram as nodes; both must
agree on which steps are the plain walk to the next column and which are branches, loops back
and exits, so that one rule decides it here, from `Journey.flow()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cjmctl.journey.model import Journey, Touchpoint

State = Literal["current", "future"]


@dataclass(frozen=True, slots=True)
class Transition:
    """One step of the flow, from one touchpoint to another (or to itself)."""

    source: Touchpoint
    target: Touchpoint
    back: bool
    """It leads to this touchpoint or to one before it in file order: a loop back."""
    beside: bool
    """It leads to the touchpoint right before or after it, or to itself."""


@dataclass(frozen=True, slots=True)
class Route:
    """Everywhere the journey goes from one touchpoint, in the order `next` names them."""

    source: Touchpoint
    following: Touchpoint | None
    """The next touchpoint in file order (the next column): None after the last one."""
    steps: tuple[Transition, ...]

    @property
    def plain(self) -> bool:
        """Whether the journey simply goes on to the next column, or ends after the last one."""
        targets = tuple(step.target for step in self.steps)
        return targets == (() if self.following is None else (self.following,))

    @property
    def exit(self) -> bool:
        """Whether the journey ends here although touchpoints follow: `next: []` before the end."""
        return not self.steps and self.following is not None


def _ordered(journey: Journey, state: State) -> list[Touchpoint]:
    return [tp for _, tp in journey.touchpoints() if tp.in_state(state)]


def transitions(journey: Journey, state: State = "current") -> list[Transition]:
    """List the steps of `Journey.flow(state)`, in its order, each told whether it goes back.

    Back and beside are measured among the state's own touchpoints: a touchpoint of the other
    state between two neighbours does not part them.
    """
    position = {tp.id: i for i, tp in enumerate(_ordered(journey, state))}
    found: list[Transition] = []
    for source, target in journey.flow(state):
        distance = position[target.id] - position[source.id]
        found.append(Transition(source, target, distance <= 0, abs(distance) <= 1))
    return found


def routes(journey: Journey, state: State = "current") -> list[Route]:
    """List the route of every touchpoint of `state`, in file order."""
    ordered = _ordered(journey, state)
    leaving: dict[str, list[Transition]] = {tp.id: [] for tp in ordered}
    for step in transitions(journey, state):
        leaving[step.source.id].append(step)
    return [
        Route(tp, ordered[i + 1] if i + 1 < len(ordered) else None, tuple(leaving[tp.id]))
        for i, tp in enumerate(ordered)
    ]
