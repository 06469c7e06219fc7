"""The priority matrix: each touchpoint's importance against its satisfaction, gap and quadrant.

Importance is the mean of the customer's and the business's ratings (the one given, if only one
is): one point per touchpoint, whose numbers both parties can read off the table beside it.
Satisfaction is the touchpoint's own `satisfaction`, else the latest research score of it, 0..100
read as 1..5. The midpoint of both axes is 3, and 3 counts as low: a touchpoint is important
above 3 and satisfying above 3, so an average 3 is never "keep up" and a middling one is "low
priority" rather than "fix first".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from cjmctl.journey.model import Journey, Stage, Touchpoint

MIDPOINT = 3
Quadrant = Literal["fix_first", "keep_up", "low_priority", "possible_overkill"]
QUADRANTS: tuple[Quadrant, ...] = ("fix_first", "keep_up", "low_priority", "possible_overkill")
"""In the order the matrix draws them: top left, top right, bottom left, bottom right."""


@dataclass(frozen=True, slots=True)
class Rating:
    """Where one touchpoint stands on the matrix, and where its numbers come from."""

    stage: Stage
    touchpoint: Touchpoint
    customer: int | None
    business: int | None
    importance: float
    """The mean of `customer` and `business`, or the one given."""
    satisfaction: float | None
    """1..5; None where neither the touchpoint nor any research rates it."""
    research: str | None = None
    """The research entry whose score `satisfaction` is, or None when the touchpoint gives it."""

    @property
    def gap(self) -> float | None:
        """Importance minus satisfaction: the larger, the more it needs work."""
        return None if self.satisfaction is None else round(self.importance - self.satisfaction, 2)

    @property
    def quadrant(self) -> Quadrant | None:
        """The quadrant of the matrix the touchpoint falls in; None where it is not rated."""
        return None if self.satisfaction is None else quadrant(self.importance, self.satisfaction)


def high(value: float) -> bool:
    """Whether a rating lies on the high side of the midpoint: 3 itself is low."""
    return value > MIDPOINT


def quadrant(importance: float, satisfaction: float) -> Quadrant:
    """The quadrant of a touchpoint of this importance and satisfaction."""
    if high(importance):
        return "keep_up" if high(satisfaction) else "fix_first"
    return "possible_overkill" if high(satisfaction) else "low_priority"


def five_point(score: float) -> float:
    """A research score 0..100 read as a rating 1..5: 0 is 1, 50 is 3, 100 is 5."""
    return round(1 + score / 25, 2)


def researched(journey: Journey) -> dict[str, tuple[float, str]]:
    """Per touchpoint, its latest research score read as 1..5 and the entry it comes from.

    Entries count by `date`, newest last; undated ones are older than any dated one, and of
    two on one day the later in the file wins.
    """
    found: dict[str, tuple[float, str]] = {}
    for entry in sorted(journey.research, key=lambda e: e.date or date.min):
        for tp_id, score in journey.scores_of(entry).items():
            found[tp_id] = (five_point(score), entry.id)
    return found


def ratings(journey: Journey) -> list[Rating]:
    """Every touchpoint with an importance, in file order, with its satisfaction if known."""
    scores = researched(journey)
    found: list[Rating] = []
    for stage, tp in journey.touchpoints():
        given = tp.importance
        if given is None or (given.customer is None and given.business is None):
            continue
        parts = [v for v in (given.customer, given.business) if v is not None]
        importance = round(sum(parts) / len(parts), 2)
        if tp.satisfaction is not None:
            satisfaction, research = float(tp.satisfaction), None
        elif tp.id in scores:
            satisfaction, research = scores[tp.id]
        else:
            satisfaction, research = None, None
        found.append(
            Rating(stage, tp, given.customer, given.business, importance, satisfaction, research)
        )
    return found


def by_gap(journey: Journey) -> list[Rating]:
    """The rated touchpoints, the largest gap first; equal gaps keep file order."""
    rated = [r for r in ratings(journey) if r.gap is not None]
    return sorted(rated, key=lambda r: -(r.gap or 0))
