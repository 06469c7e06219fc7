"""Research entries: where a map's claims come from, and what a survey's answers add up to.

A survey, interviews, analytics, support tickets or one wave of a repeated mystery-shopping
audit; the scores an entry gives per touchpoint are written, or computed from its visits
(`audits.py`) and its survey ratings (here).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from pydantic import Field, Strict

from cjmctl.journey.audits import Visit
from cjmctl.journey.fieldtypes import (
    Count,
    IsoDate,
    Name,
    ServiceScore,
    Slug,
    Text,
    TextList,
)
from cjmctl.journey.metrics import ResearchKind
from cjmctl.journey.parts import Identified, Part, id_field
from cjmctl.journey.terms import term_ru


class Reason(Part):
    """A reason respondents gave for not buying, and how many gave it."""

    reason: Name = Field(
        description="The reason, in the respondents' words.", examples=["Delivery costs too much"]
    )
    count: Count = Field(description="How many respondents gave it.", examples=[41])


class Research(Identified):
    """A source of the map's claims: a survey, interviews, analytics, mystery shopping."""

    id: Slug = id_field("research entry", "survey-q3")  # i18n: not shown (schema, English)
    kind: ResearchKind = Field(
        description="survey, interview, analytics, mystery_shopping, support or other.",
        examples=["survey"],
    )
    title: Name = Field(description="What the research was.", examples=["Post-purchase survey"])
    date: IsoDate | None = Field(
        None, description="When it was done, YYYY-MM-DD.", examples=["2026-09-01"]
    )
    sample: Count | None = Field(
        None, description="How many people or visits it covered.", examples=[412]
    )
    findings: TextList = Field(
        default_factory=list,
        description="What it found.",
        examples=[["31% gave up at pick-up because of parking"]],
    )
    scores: dict[Slug, ServiceScore] = Field(
        default_factory=dict,
        description="Service score 0..100 per touchpoint id, e.g. from mystery-shopper visits. "
        "Left out for a touchpoint, it is computed from `visits` or `ratings`.",
        examples=[{"pickup": 62}],
    )
    study: Slug | None = Field(
        None,
        description="Waves of one repeated study (a quarterly audit, a monthly survey) share "
        "this id; they are ordered by `date`.",
        examples=["branch-audit"],
        json_schema_extra=term_ru("Волна исследования"),
    )
    wave: Text | None = Field(
        None, description="The wave's label, shown beside its scores.", examples=["2026 Q2"]
    )
    visits: list[Visit] = Field(
        default_factory=list,
        description="Mystery-shopper visits: per outlet, the result of each checklist "
        "criterion of each touchpoint.",
        json_schema_extra=term_ru("Визиты тайного покупателя"),
    )
    scale: tuple[Annotated[int, Strict()], Annotated[int, Strict()]] | None = Field(
        None,
        description="The answer scale of `ratings`, as [lowest, highest], e.g. [1, 5].",
        examples=[[1, 5]],
    )
    ratings: dict[Slug, list[Count]] = Field(
        default_factory=dict,
        description="Per touchpoint id, how many respondents gave each answer of `scale`, "
        "from the lowest to the highest.",
        examples=[{"pickup": [12, 30, 41, 150, 179]}],
        json_schema_extra=term_ru("Распределение оценок"),
    )
    reasons: list[Reason] = Field(
        default_factory=list,
        description="Why respondents did not buy, with how many gave each reason, most "
        "given first.",
        examples=[[{"reason": "Delivery costs too much", "count": 41}]],
        json_schema_extra=term_ru("Причины отказа от покупки"),
    )

    def rating_scores(self) -> dict[str, float]:
        """Per touchpoint, the mean answer of `ratings` on 0..100: the lowest answer is 0."""
        return rating_scores(self.scale, self.ratings) if self.scale is not None else {}


def rating_scores(scale: tuple[int, int], ratings: Mapping[str, list[int]]) -> dict[str, float]:
    """Per touchpoint, the mean answer of `ratings` (counts per answer) on 0..100."""
    low, high = scale
    found: dict[str, float] = {}
    for tp_id, counts in ratings.items():
        answers = sum(counts)
        if answers and high > low and len(counts) == high - low + 1:
            mean = sum(i * n for i, n in enumerate(counts)) / answers
            found[tp_id] = 100 * mean / (high - low)
    return found
