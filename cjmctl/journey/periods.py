"""Periods of a metric's values: a day (2026-09-15), a month (2026-09) or a quarter (2026-Q3).

Teams report KPIs by month or quarter more often than by day; a period knows the days it
covers, so series sort by their start and age from their end (a value for September is as
fresh as September 30).
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

# ASCII digits only: Python's \d also matches ٢ and ２, which no spreadsheet writes as a date
# and the JSON Schema's pattern (ECMA regex) would refuse.
_PERIOD = re.compile(r"(\d{4})-(?:(\d{2})(?:-(\d{2}))?|Q([1-4]))", re.ASCII)
PERIOD_PATTERN = r"^\d{4}-(\d{2}(-\d{2})?|Q[1-4])$"
"""The shape of a period for the JSON Schema; `parse` also checks the day exists."""


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """The days a value covers, from `start` to `end` inclusive, written as `text`."""

    start: date
    end: date
    text: str


@lru_cache(maxsize=4096)  # a map's renderers and rules ask for the same periods many times
def parse(text: str) -> Period | None:
    """The period `text` names, or None if it is not a day, month or quarter that exists."""
    match = _PERIOD.fullmatch(text)
    if match is None:
        return None
    year, month, day, quarter = match.groups()
    try:
        if quarter:
            first = (int(quarter) - 1) * 3 + 1
            last = first + 2
            return Period(
                date(int(year), first, 1),
                date(int(year), last, monthrange(int(year), last)[1]),
                text,
            )
        if day:
            one = date(int(year), int(month), int(day))
            return Period(one, one, text)
        start = date(int(year), int(month), 1)
        return Period(
            start, date(start.year, start.month, monthrange(start.year, start.month)[1]), text
        )
    except ValueError:
        return None
