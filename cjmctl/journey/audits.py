"""Mystery-shopper audits: outlets, checklists per touchpoint, visits, and the scores they give.

An agency visits each outlet (a branch, a retailer, a chat) every quarter and checks each
touchpoint against its checklist (greeting, waiting time, product knowledge, each with a
weight). A research entry of kind `mystery_shopping` holds one such wave; entries that share a
`study` are waves of one repeated study. A touchpoint's score in a wave is computed here from
the visits, so every renderer and lint rule shows the same number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Annotated

from pydantic import Field, Strict

from cjmctl.journey.fieldtypes import CriterionResult, IsoDate, Name, Slug, Text, TextList
from cjmctl.journey.parts import Identified, Part, id_field


class Outlet(Identified):
    """A place where the service is delivered and audited: a branch, store, retailer or desk."""

    id: Slug = id_field("outlet", "riverside")
    name: Name = Field(description="The outlet's name.", examples=["Riverside branch"])
    city: Text | None = Field(None, description="Where it is.", examples=["Kazan"])


class Criterion(Identified):
    """One item of a touchpoint's audit checklist, with its weight in the touchpoint's score."""

    id: Slug = id_field("criterion", "greeting")
    name: Name = Field(description="What the shopper checks.", examples=["Greets within 30 s"])
    weight: Annotated[int, Strict(), Field(ge=1, le=100)] = Field(
        1, description="Its weight in the touchpoint's score, 1..100.", examples=[3]
    )


class Visit(Part):
    """One mystery-shopper visit to an outlet: how it did on each touchpoint's criteria."""

    outlet: Slug = Field(description="The id of the outlet visited.", examples=["riverside"])
    date: IsoDate | None = Field(None, description="When, YYYY-MM-DD.", examples=["2026-05-12"])
    results: dict[Slug, dict[Slug, CriterionResult]] = Field(
        description="Per touchpoint id, per criterion id of its checklist: true/false, or a "
        "score from 0 to 100.",
        examples=[{"greeter": {"greeting": True, "waiting": 40}}],
    )
    notes: TextList = Field(
        default_factory=list,
        description="What the shopper wrote.",
        examples=[["Waited 17 minutes for the greeter"]],
    )


def visit_score(results: Mapping[str, bool | int], checklist: Iterable[Criterion]) -> float | None:
    """A visit's score 0..100 at one touchpoint: the weighted mean of the criteria it checked.

    A yes counts 100 and a no 0; criteria the visit did not check do not count. None when the
    visit checked none of the checklist.
    """
    total = weights = 0.0
    for criterion in checklist:
        if criterion.id in results:
            result = results[criterion.id]
            points = (100 if result else 0) if isinstance(result, bool) else result
            total += points * criterion.weight
            weights += criterion.weight
    return total / weights if weights else None


@dataclass(frozen=True, slots=True)
class WaveScores:
    """One wave's scores per touchpoint: over all visits, and per outlet."""

    overall: dict[str, float]
    by_outlet: dict[str, dict[str, float]]
    """Per touchpoint id, per outlet id, in the order outlets were first visited."""


def wave_scores(visits: Iterable[Visit], checklists: Mapping[str, list[Criterion]]) -> WaveScores:
    """Score each touchpoint of one wave: the mean of its visits, overall and per outlet.

    Each outlet counts as much as its visits: an outlet visited twice weighs twice.
    """
    per_outlet: dict[str, dict[str, list[float]]] = {}
    for visit in visits:
        for tp_id, results in visit.results.items():
            score = visit_score(results, checklists.get(tp_id, []))
            if score is not None:
                per_outlet.setdefault(tp_id, {}).setdefault(visit.outlet, []).append(score)
    overall = {
        tp: _mean([s for scores in outlets.values() for s in scores])
        for tp, outlets in per_outlet.items()
    }
    by_outlet = {
        tp: {outlet: _mean(scores) for outlet, scores in outlets.items()}
        for tp, outlets in per_outlet.items()
    }
    return WaveScores(overall, by_outlet)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)
