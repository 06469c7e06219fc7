"""The value types of the journey format: text, names, slugs, ISO dates, emotions and scores.

Each is an `Annotated` type that validates one value strictly (no YAML 1.1 guessing: `yes` is
not a boolean, `012` not a number) and describes itself for the JSON Schema, where a list of
texts also accepts a single text.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Discriminator,
    Field,
    PlainSerializer,
    Strict,
    Tag,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from cjmctl.journey import periods
from cjmctl.journey.slugs import SLUG_PATTERN


def _as_list(value: object) -> object:
    """Accept a single string where a list of strings is expected."""
    return [value] if isinstance(value, str) else value


# The messages of the errors raised here are pydantic's, never shown: `messages.explain` words
# each error by its type, in the user's language.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: object) -> object:
    """Take only YYYY-MM-DD text: pydantic would also read numbers as Unix timestamps."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise PydanticCustomError(
            "iso_date",
            "expected a date written as YYYY-MM-DD",  # i18n: not shown
        )
    return value


# Not white space as the schema's `\S` (ECMA-262) counts it: Python's white space and U+FEFF.
_VISIBLE = re.compile(r"[^\s\ufeff]")


def _visible(value: str) -> str:
    """Refuse a name that shows nothing: every output draws it, and dot cannot draw `<B></B>`."""
    if _VISIBLE.search(value):
        return value
    raise PydanticCustomError(
        "blank_text",
        "expected text with a visible character",  # i18n: not shown
    )


def _emotion_kind(value: object) -> str:
    return "per_persona" if isinstance(value, dict) else "score"


Text = Annotated[str, Strict()]
Name = Annotated[
    str,
    Strict(),
    AfterValidator(_visible),
    WithJsonSchema({"type": "string", "pattern": r"\S"}),
]
"""A required name or title: text with at least one character that is not white space."""
TextList = Annotated[
    list[Text],
    BeforeValidator(_as_list),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "string"}},
            ]
        }
    ),
]
Slug = Annotated[str, Strict(), Field(pattern=SLUG_PATTERN)]
_SEGMENT = r"[a-z0-9][a-z0-9_-]*"
LINK_PATTERN = f"^{_SEGMENT}(?:/{_SEGMENT})*(?:#{_SEGMENT})?$"
JourneyLink = Annotated[str, Strict(), Field(pattern=LINK_PATTERN)]
"""Another journey of the project: its path from the project root without `.yaml`, and
optionally `#` and the id of one of its stages or touchpoints (`delivery#slot`)."""
SlugList = Annotated[
    list[Slug],
    BeforeValidator(_as_list),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": SLUG_PATTERN},
                {"type": "array", "items": {"type": "string", "pattern": SLUG_PATTERN}},
            ]
        }
    ),
]
IsoDate = Annotated[
    date,
    BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date"}),
]
SCALE_LIMIT = 10
"""Emotion scale ends lie within ±10, and a scale has at most 11 levels (0..10, as NPS asks)."""


def _on_scale(value: int, info: ValidationInfo) -> int:
    """Hold a score to the journey's scale, which the loader reads first and passes as context.

    Done here rather than after validation, so a score off the scale is reported beside every
    other error of the file, at its own position.
    """
    ends = (info.context or {}).get("emotion_scale")
    if ends is not None and not ends[0] <= value <= ends[1]:
        raise PydanticCustomError(
            "emotion_scale",
            "{value} is outside the emotion scale {low}..{high}",  # i18n: not shown
            {"value": value, "low": ends[0], "high": ends[1]},
        )
    return value


Score = Annotated[int, Strict(), Field(ge=-SCALE_LIMIT, le=SCALE_LIMIT), AfterValidator(_on_scale)]
"""An emotion on the journey's scale: -2..+2, or the `emotion_scale` the loader passes."""
Emotion = Annotated[
    Annotated[Score, Tag("score")]
    | Annotated[dict[Slug, Score], Field(min_length=1), Tag("per_persona")],
    Discriminator(_emotion_kind),
]
"""An emotion on the journey's scale (-2..+2 unless it picks another), or one per persona id."""
ServiceScore = Annotated[int, Strict(), Field(ge=0, le=100)]
MAX_COUNT = 10**12
"""A trillion: more customers or visits than any map counts, and exact as a float (funnel shares,
separators), so no count can overflow the arithmetic and formatting that renderers do."""
Count = Annotated[int, Strict(), Field(ge=0, le=MAX_COUNT)]
MAX_REVIEW_DAYS = 36_500
"""A century between reviews; `Journey.review_due` stops at the last day a date can name."""

MAX_NUMBER = 1e12
"""A metric's value or target lies within ±a trillion: beyond any KPI, and exact to print."""


def _whole_if_whole(value: float) -> int | float:
    """62.0 is written 62: the user wrote 62, and JSON and diffs should say so."""
    return int(value) if value.is_integer() else value


Number = Annotated[
    float,
    Strict(),
    Field(allow_inf_nan=False, ge=-MAX_NUMBER, le=MAX_NUMBER),
    PlainSerializer(_whole_if_whole),
    WithJsonSchema({"type": "number", "minimum": -MAX_NUMBER, "maximum": MAX_NUMBER}),
]
"""A measured value, a target or a threshold: a finite number, whole or not."""


def _period(value: str) -> str:
    if periods.parse(value) is None:
        raise PydanticCustomError(
            "period",
            "expected a day, month or quarter: YYYY-MM-DD, YYYY-MM or YYYY-Qn",  # i18n: not shown
        )
    return value


PeriodKey = Annotated[
    str,
    Strict(),
    AfterValidator(_period),
    WithJsonSchema({"type": "string", "pattern": periods.PERIOD_PATTERN}),
]
"""When a value was measured: a day (2026-09-15), a month (2026-09) or a quarter (2026-Q3)."""


def _result_kind(value: object) -> str:
    # Only numbers are points: `yes` (text in YAML 1.2) is told to be true or false.
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    return "points" if is_number else "yes_no"


CriterionResult = Annotated[
    Annotated[Annotated[bool, Strict()], Tag("yes_no")] | Annotated[ServiceScore, Tag("points")],
    Discriminator(_result_kind),
]
"""How a visit did on one checklist criterion: true/false, or a score from 0 to 100."""
Rating = Annotated[int, Strict(), Field(ge=-100, le=100)]
"""One answer on a survey's rating scale (1..5, 0..10, -2..+2): a whole number."""

# Union tags pydantic inserts into error locations; the loader skips them when it maps an error
# back to the YAML source.
UNION_TAGS = frozenset({"score", "per_persona", "yes_no", "points"})
