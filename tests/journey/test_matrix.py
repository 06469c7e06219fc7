"""The priority matrix's numbers: importance, satisfaction written or derived, gap, quadrant."""

from __future__ import annotations

import pytest

from cjmctl.journey import loader
from cjmctl.journey.matrix import by_gap, five_point, quadrant, ratings
from cjmctl.journey.model import Journey
from tests.conftest import EXAMPLES

HEAD = "cjm: 1\ntitle: T\nstages:\n  - id: s\n    name: S\n    touchpoints:\n"


def journey(touchpoints: str, rest: str = "") -> Journey:
    return loader.load_bytes((HEAD + touchpoints + rest).encode(), "j.yaml")


@pytest.mark.parametrize(
    ("importance", "satisfaction", "expected"),
    [
        (5, 1, "fix_first"),
        (4, 3, "fix_first"),  # 3 counts as low satisfaction
        (3.5, 2.96, "fix_first"),
        (4, 4, "keep_up"),
        (3.01, 3.01, "keep_up"),
        (3, 3, "low_priority"),  # the midpoint is low on both axes
        (1, 1, "low_priority"),
        (3, 5, "possible_overkill"),  # 3 counts as low importance
        (2, 3.2, "possible_overkill"),
    ],
)
def test_quadrants_split_at_3_which_counts_as_low(
    importance: float, satisfaction: float, expected: str
) -> None:
    assert quadrant(importance, satisfaction) == expected


@pytest.mark.parametrize(("score", "rating"), [(0, 1), (25, 2), (50, 3), (62, 3.48), (100, 5)])
def test_a_research_score_reads_as_a_five_point_rating(score: float, rating: float) -> None:
    assert five_point(score) == rating


def test_importance_is_the_mean_of_the_two_or_the_one_given_and_gap_is_the_difference() -> None:
    found = ratings(
        journey(
            "      - {id: a, name: A, importance: {customer: 5, business: 2}, satisfaction: 2}\n"
            "      - {id: b, name: B, importance: {business: 4}, satisfaction: 5}\n"
            "      - {id: c, name: C, importance: {customer: 1}}\n"
            "      - {id: d, name: D, satisfaction: 1}\n"  # no importance: not on the matrix
            "      - {id: e, name: E, importance: {}}\n"
        )
    )
    assert [(r.touchpoint.id, r.importance, r.satisfaction, r.gap, r.quadrant) for r in found] == [
        ("a", 3.5, 2.0, 1.5, "fix_first"),
        ("b", 4.0, 5.0, -1.0, "keep_up"),
        ("c", 1.0, None, None, None),
    ]
    assert [(r.customer, r.business) for r in found] == [(5, 2), (None, 4), (1, None)]


def test_satisfaction_left_out_is_the_latest_research_score_and_says_which_study() -> None:
    found = ratings(
        journey(
            "      - {id: a, name: A, importance: {customer: 5}}\n"
            "      - {id: b, name: B, importance: {customer: 5}, satisfaction: 4}\n"
            "      - {id: c, name: C, importance: {customer: 5}}\n",
            "research:\n"
            # Out of order in the file: the newest is the middle one; the undated is oldest.
            "  - {id: old, kind: survey, title: Old, date: 2026-01-10, scores: {a: 20, c: 40}}\n"
            "  - {id: new, kind: survey, title: New, date: 2026-06-01, scores: {a: 75, b: 0}}\n"
            "  - {id: undated, kind: survey, title: U, scores: {a: 100, c: 100}}\n"
            "  - {id: mid, kind: survey, title: M, date: 2026-03-01, scores: {a: 50}}\n",
        )
    )
    assert [(r.touchpoint.id, r.satisfaction, r.research) for r in found] == [
        ("a", 4.0, "new"),
        ("b", 4.0, None),  # written: research does not override it
        ("c", 2.6, "old"),  # the undated entry counts as older than any dated one
    ]


def test_satisfaction_from_ratings_and_visits_too() -> None:
    found = ratings(
        journey(
            "      - {id: a, name: A, importance: {customer: 5}}\n",
            "research:\n"
            "  - {id: r, kind: survey, title: R, date: 2026-01-10, scale: [1, 5],"
            " ratings: {a: [0, 0, 0, 10, 0]}}\n",
        )
    )
    # Every answer a 4 of 1..5 is 75 of 100, which reads as 4 again.
    assert [(r.satisfaction, r.research) for r in found] == [(4.0, "r")]


def test_touchpoints_rank_by_gap_largest_first_ties_in_file_order() -> None:
    found = by_gap(
        journey(
            "      - {id: a, name: A, importance: {customer: 3}, satisfaction: 3}\n"
            "      - {id: b, name: B, importance: {customer: 5}, satisfaction: 1}\n"
            "      - {id: c, name: C, importance: {customer: 4}, satisfaction: 3}\n"
            "      - {id: d, name: D, importance: {customer: 5}, satisfaction: 4}\n"
            "      - {id: e, name: E, importance: {customer: 5}}\n"
        )
    )
    assert [(r.touchpoint.id, r.gap) for r in found] == [
        ("b", 4.0),
        ("c", 1.0),
        ("d", 1.0),
        ("a", 0.0),
    ]


def test_the_bank_branch_derives_the_greeter_s_satisfaction_from_its_latest_audit() -> None:
    found = {r.touchpoint.id: r for r in ratings(loader.load(EXAMPLES / "bank-branch.yaml"))}
    greeter = found["greeter"]
    # The Q2 wave's six visits score the greeter 63.33 on average (greeting 2, asks-purpose 3).
    assert (greeter.satisfaction, greeter.research, greeter.quadrant) == (
        3.53,
        "mystery-shopping",
        "possible_overkill",
    )
    assert found["followup-call"].satisfaction is None
