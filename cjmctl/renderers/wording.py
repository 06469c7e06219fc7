"""Built-in words as the map says them to people: dates in the locale, the scores lane by its kind.

One place for both, so the HTML map and the Markdown read the same; machine outputs (JSON) keep
ISO dates and never come here.
"""

from __future__ import annotations

from cjmctl.i18n import NBSP, long_date
from cjmctl.journey.labels import LABELS
from cjmctl.journey.model import Journey
from cjmctl.journey.periods import Period

# The scores lane says what kind of research gave its scores; any other kind or a mix is neutral.
_SCORES_BY_KIND = {"mystery_shopping": "scores", "survey": "scores_survey"}
SCORES_KEYS = ("scores", "scores_survey", "scores_research")
"""Every label the scores lane may have."""


_ROMAN = ("I", "II", "III", "IV")


def period_name(period: Period, locale: str) -> str:
    """A metric's period as people read it: `Oct 2026` / `окт. 2026`, `Q3 2026` / `III кв. 2026`.

    A day is a `long_date`. JSON and other machine outputs keep the ISO text (`period.text`).
    """
    labels = LABELS[locale]
    start, end = period.start, period.end
    if start == end:
        return long_date(start, locale)
    if start.month == end.month:
        return f"{labels[f'month_short_{start.month}']}{NBSP}{start.year}"
    quarter = (start.month - 1) // 3 + 1
    return (
        labels["period_quarter"]
        .format(quarter=quarter, roman=_ROMAN[quarter - 1], year=start.year)
        .replace(" ", NBSP)
    )


def scores_key(journey: Journey) -> str:
    """The label key naming the scores lane: the one kind of research that scored, or neutral."""
    kinds = {entry.kind for entry in journey.research if journey.scores_of(entry)}
    if len(kinds) == 1:
        return _SCORES_BY_KIND.get(kinds.pop(), "scores_research")
    return "scores_research"


def labels_of(journey: Journey) -> dict[str, str]:
    """The journey's locale's labels, with `scores` named for the research behind the scores."""
    words = LABELS[journey.locale]
    return {**words, "scores": words[scores_key(journey)]}
