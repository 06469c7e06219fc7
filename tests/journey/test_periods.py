"""Periods of metric values: days, months and quarters that exist, their first and last days."""

from __future__ import annotations

from datetime import date

import pytest

from cjmctl.journey import periods
from cjmctl.journey.periods import Period


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026-09-15", date(2026, 9, 15), date(2026, 9, 15)),
        ("2026-09", date(2026, 9, 1), date(2026, 9, 30)),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28)),
        ("2028-02", date(2028, 2, 1), date(2028, 2, 29)),  # a leap year
        ("2026-12", date(2026, 12, 1), date(2026, 12, 31)),
        ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026-Q2", date(2026, 4, 1), date(2026, 6, 30)),
        ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30)),
        ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
        ("2028-02-29", date(2028, 2, 29), date(2028, 2, 29)),
    ],
)
def test_a_period_covers_its_days(text: str, start: date, end: date) -> None:
    assert periods.parse(text) == Period(start, end, text)


@pytest.mark.parametrize(
    "text",
    [
        "2026-02-30",
        "2027-02-29",
        "2026-13",
        "2026-00",
        "0000-01",
        "0000-Q1",
        "2026-Q0",
        "2026-Q5",
        "2026-q3",
        "2026-9",
        "2026-09-1",
        "26-09",
        "2026",
        "2026-09-15T00:00",
        " 2026-09",
        "2026-09\n",
        "",
        "٢٠٢٦-٠٩",  # Arabic-Indic digits match \d but are no period anyone writes
    ],
)
def test_a_period_that_does_not_exist_is_none(text: str) -> None:
    assert periods.parse(text) is None


def test_periods_sort_by_their_first_day() -> None:
    texts = ["2026-10", "2026-Q3", "2026-09-15", "2026-09", "2025-Q4", "2026-07-01"]
    parsed = [periods.parse(t) for t in texts]
    assert all(p is not None for p in parsed)
    ordered = sorted(p for p in parsed if p is not None)
    # A quarter starting on July 1 sorts before the day July 1 (it ends later).
    assert [p.text for p in ordered] == [
        "2025-Q4",
        "2026-07-01",
        "2026-Q3",
        "2026-09",
        "2026-09-15",
        "2026-10",
    ]
