"""Survey results for people: per touchpoint the mean, respondents and answer counts; reasons.

The view is shared by the HTML research section and Markdown: a research entry with `ratings`
shows each touchpoint's mean on the entry's scale (and its score 0..100), how many answered,
and how many gave each answer; its `reasons` are a ranked list, each with its count and its
share of the respondents (of all reasons given, where the entry has no sample).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from cjmctl.i18n import number
from cjmctl.journey.model import Journey
from cjmctl.journey.research import Research


@dataclass(frozen=True, slots=True)
class Bar:
    """One answer of the scale: how many gave it, and its height against the most given."""

    answer: int
    count: int
    height: float
    """0..100: the share of the tallest bar of this touchpoint."""


@dataclass(frozen=True, slots=True)
class Rating:
    """One touchpoint's answers."""

    touchpoint: str
    name: str
    respondents: int
    mean: str
    """The mean answer on the entry's scale, one decimal in the locale: `3.9`, `3,9`."""
    score: int | None
    """The mean on 0..100 as the journey gives or computes it."""
    bars: list[Bar]


@dataclass(frozen=True, slots=True)
class Ranked:
    """One reason, its count and its share in percent, in the locale."""

    reason: str
    count: int
    share: str
    width: float
    """0..100: the bar's width, the share of the most given reason."""


@dataclass(frozen=True, slots=True)
class Results:
    """The survey results of one research entry."""

    entry: Research
    high: int
    ratings: list[Rating]
    reasons: list[Ranked]
    base: str = ""
    """What the reasons' shares are of: `share of respondents (8)`."""


def results(journey: Journey, labels: dict[str, str]) -> list[Results]:
    """The results of every research entry that has ratings or reasons, in file order."""
    names = {tp.id: tp.name for _, tp in journey.touchpoints()}
    return [
        _results(journey, entry, names, labels)
        for entry in journey.research
        if entry.ratings or entry.reasons
    ]


def _results(
    journey: Journey, entry: Research, names: dict[str, str], labels: dict[str, str]
) -> Results:
    low, high = entry.scale or (0, 0)
    scores = journey.scores_of(entry)
    ratings = []
    for tp_id, counts in entry.ratings.items():
        answers = sum(counts)
        top = max(counts, default=0) or 1
        mean = sum((low + i) * n for i, n in enumerate(counts)) / answers if answers else None
        ratings.append(
            Rating(
                tp_id,
                names.get(tp_id, tp_id),
                answers,
                number(mean, journey.locale, 1) if mean is not None else "",
                math.floor(scores[tp_id] + 0.5) if tp_id in scores and answers else None,
                [Bar(low + i, n, 100 * n / top) for i, n in enumerate(counts)],
            )
        )
    given = sum(r.count for r in entry.reasons)
    base = entry.sample or given or 1
    most = max((r.count for r in entry.reasons), default=0) or 1
    reasons = [
        Ranked(
            r.reason, r.count, number(100 * r.count / base, journey.locale), 100 * r.count / most
        )
        for r in entry.reasons
    ]
    key = "survey_share_of" if entry.sample else "survey_share_given"
    count = number(entry.sample or given, journey.locale)
    return Results(entry, high, ratings, reasons, labels[key].format(count=count))
