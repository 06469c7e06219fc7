"""When a map is due for review: one rule for every renderer that marks stale maps."""

from __future__ import annotations

from datetime import date

from cjmctl.journey.labels import LABELS
from cjmctl.journey.model import Journey


def review_status(journey: Journey, today: date | None) -> tuple[str, bool]:
    """Say, in the journey's locale, when its next review is due, and whether it is stale.

    Returns ("", False) when the journey does not say when it was reviewed or how often; with
    `today` None nothing is stale.
    """
    due = journey.review_due()
    if due is None:
        return "", False
    labels = LABELS[journey.locale]
    if today is not None and today > due:
        return labels["stale"].format(due=due.isoformat()), True
    return labels["review_due"].format(due=due.isoformat()), False
