"""When a map is due for review and an action overdue: one rule for the renderers and lint."""

from __future__ import annotations

from datetime import date

from cjmctl.i18n import long_date
from cjmctl.journey.labels import LABELS
from cjmctl.journey.model import Action, Journey

OPEN = ("planned", "in_progress")
"""The statuses of an action still to be done."""


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
        return labels["stale"].format(due=long_date(due, journey.locale)), True
    return labels["review_due"].format(due=long_date(due, journey.locale)), False


def overdue(action: Action, today: date | None) -> bool:
    """Whether an action still open (planned or in progress) was due before `today`."""
    return (
        today is not None
        and action.due is not None
        and action.status in OPEN
        and (action.due < today)
    )
