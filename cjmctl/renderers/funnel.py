"""The funnel: how many customers reach each stage, and how many go on to the next one.

Shared by the renderers so the map and the diagram always print the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from cjmctl.i18n import number
from cjmctl.journey.labels import LABELS
from cjmctl.journey.model import Journey


@dataclass(frozen=True, slots=True)
class Step:
    """One stage's place in the funnel, formatted for the journey's locale."""

    reached: str
    """`12,400 reached`."""
    share: float
    """This stage's reach as a fraction of the widest stage's, 0..1."""
    conversion: str | None = None
    """`19.0% go on to the next stage`; None where the next stage has no count or is wider."""
    drop_off: str | None = None
    """`10,050 lost`, with `conversion`."""
    percent: str | None = None
    """`19.0%` alone, for tight spaces."""
    onward: float = 0.0
    """The customers who go on to the next stage, as a fraction of the widest stage's."""
    grows: str | None = None
    """`grows: 4,200 -> 5,000, no conversion`, where the next stage is reached by more."""


def growing(journey: Journey, index: int) -> str:
    """Say, in the journey's locale, why a growing step shows no conversion."""
    locale = journey.locale
    return LABELS[locale]["funnel_grows"].format(
        reached=number(journey.stages[index].reached or 0, locale),
        following=number(grows(journey, index) or 0, locale),
    )


def onward(journey: Journey, index: int) -> int | None:
    """How many customers go on from stage `index` to the next; None where that is not known.

    Only a narrowing funnel has a conversion: a later stage that more customers reach
    (alternative branches, people joining midway) says nothing about this one's loss.
    """
    reached = journey.stages[index].reached
    following = journey.stages[index + 1].reached if index + 1 < len(journey.stages) else None
    if reached is None or following is None or not 0 < following <= reached:
        return None
    return following


def grows(journey: Journey, index: int) -> int | None:
    """The next stage's count where more customers reach it than stage `index`; else None."""
    reached = journey.stages[index].reached
    following = journey.stages[index + 1].reached if index + 1 < len(journey.stages) else None
    return (
        following if reached is not None and following is not None and following > reached else None
    )


def steps(journey: Journey) -> dict[int, Step]:
    """The funnel step of every stage (by index) that has a `reached` count."""
    labels = LABELS[journey.locale]
    top = max((s.reached or 0 for s in journey.stages), default=0)
    found: dict[int, Step] = {}
    for i, stage in enumerate(journey.stages):
        if stage.reached is None:
            continue
        reached = f"{number(stage.reached, journey.locale)} {labels['reached']}"
        share = stage.reached / top if top else 0.0
        following = onward(journey, i)
        if following is None:
            wider = grows(journey, i)
            found[i] = Step(reached, share, grows=None if wider is None else growing(journey, i))
            continue
        percent = number(100.0 * following / stage.reached, journey.locale, 1) + "%"
        found[i] = Step(
            reached,
            share,
            labels["conversion"].format(percent=percent),
            labels["drop_off"].format(count=number(stage.reached - following, journey.locale)),
            percent,
            following / top,
        )
    return found


def measured(value: float, locale: str) -> str:
    """A measured value as written, in the locale's digits: 62, 4.5, 66,5 in Russian."""
    written = repr(float(value))
    digits = 6 if "e" in written else len(written.partition(".")[2].rstrip("0"))
    return number(value, locale, digits)
