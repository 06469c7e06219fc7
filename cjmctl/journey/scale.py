"""The emotion scale of a journey: -2..+2 unless the journey picks another, with named levels.

Teams move maps in from tools that score 1..5 (Mermaid), 1..10 (UXPressia) or -3..+3. The
scores stay as the user wrote them, in every output and in the JSON export; what renderers and
rules need across scales is here: where a score lies between the ends (`fraction`), which of the
five bands it falls in (`level`, -2..+2, for colours, faces and lint thresholds), the neutral
middle, a level's name, and Mermaid's 1..5.
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction
from typing import Annotated

from pydantic import (
    ConfigDict,
    Field,
    Strict,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from cjmctl.i18n import _
from cjmctl.journey import validators
from cjmctl.journey.fieldtypes import SCALE_LIMIT, Name
from cjmctl.journey.parts import Part
from cjmctl.journey.terms import term_ru

End = Annotated[int, Strict(), Field(ge=-SCALE_LIMIT, le=SCALE_LIMIT)]


class EmotionScale(Part):
    """The scale of the journey's emotions: whole numbers from `min` to `max`."""

    # Editors learn that one end alone is an error, as the loader says (`_both_ends`).
    model_config = ConfigDict(
        json_schema_extra={
            "dependentRequired": {"min": ["max"], "max": ["min"]},
            **term_ru("Шкала эмоций"),
        }
    )

    min: End = Field(-2, description="The most negative score.", examples=[1])
    max: End = Field(2, description="The most positive score.", examples=[5])
    names: list[Name] = Field(
        default_factory=list,
        description="A name for every level, from `min` to `max`, in the journey's language. "
        "Left out, the built-in names of five bands are used.",
        examples=[["Furious", "Annoyed", "Indifferent", "Pleased", "Delighted"]],
        json_schema_extra=term_ru("Названия уровней"),
    )

    @model_validator(mode="before")
    @classmethod
    def _both_ends(cls, data: object) -> object:
        """One end alone is a mistake: `{min: 1}` read as 1..+2 is not what was meant."""
        if isinstance(data, dict) and ("min" in data) != ("max" in data):
            raise PydanticCustomError(
                "scale_levels",
                _("give both `min` and `max` of the emotion scale, not only `{given}`"),
                {"given": "min" if "min" in data else "max"},
            )
        return data

    @field_validator("names")
    @classmethod
    def _names_fit(cls, names: list[str], info: ValidationInfo) -> list[str]:
        """One name per level, each once, reported at `names` or the repeated name itself."""
        low, high = info.data.get("min"), info.data.get("max")
        if not names or low is None or high is None or not _fits(low, high):
            return names  # ends that make no scale are the error, reported on their own
        levels = high - low + 1
        if len(names) != levels:
            raise PydanticCustomError(
                "scale_names",
                _("{given} names for the {levels} levels {low}..{high}"),
                {"given": len(names), "levels": levels, "low": low, "high": high},
            )
        first: dict[str, int] = {}
        for at, name in enumerate(names):
            if name in first:
                error = PydanticCustomError(
                    "scale_names",
                    _("the name '{name}' is given to levels {first} and {level}"),
                    {"name": name, "first": low + first[name], "level": low + at},
                )
                details = InitErrorDetails(type=error, loc=(at,), input=name)
                raise ValidationError.from_exception_data("names", [details])
            first[name] = at
        return names

    @model_validator(mode="after")
    def _check(self) -> EmotionScale:
        if not _fits(self.min, self.max):
            raise PydanticCustomError(
                "scale_levels",
                _("the emotion scale {low}..{high} needs 3 to 11 levels"),
                {"low": self.min, "high": self.max},
            )
        return self

    def is_default(self) -> bool:
        """True for -2..+2 without names, the scale every older map is written in."""
        return self.min == -2 and self.max == 2 and not self.names

    def contains(self, score: int) -> bool:
        """True if `score` is one of the scale's levels."""
        return self.min <= score <= self.max

    def scores(self) -> range:
        """Every level, from the most negative to the most positive."""
        return range(self.min, self.max + 1)

    @property
    def neutral(self) -> Fraction:
        """The middle of the scale: below it a score is negative, above it positive."""
        return Fraction(self.min + self.max, 2)

    def fraction(self, score: int | Fraction | float) -> Fraction:
        """Where a score (or a mean) lies: 0 at `min`, 1 at `max`."""
        return _fraction(self.min, self.max, score)

    def level(self, score: int | Fraction | float) -> int:
        """The band -2..+2 a score or mean falls in: colours, faces and lint thresholds use it.

        On the default scale it is the score itself; ties round away from the middle.
        """
        return _level(self.min, self.max, score)

    def mermaid(self, score: int | Fraction | float) -> int:
        """The score on Mermaid's 1..5 journey scale."""
        return self.level(score) + 3

    def name(self, score: int) -> str | None:
        """The journey's own name for a level, or None where it names none."""
        return self.names[score - self.min] if self.names else None

    def written(self) -> str:
        """The scale as messages write it: `-2..+2`, `1..5`."""
        return f"{_signed(self.min, self.max)}..{_signed(self.max, self.min)}"


# Exact arithmetic is slow and a map asks about the same few scores again and again (a
# 2,000-touchpoint map: 15,000 times); equal keys (1, 1.0, Fraction(1)) give equal results.
@functools.lru_cache(maxsize=4096)  # a map has few distinct scores; `watch` runs for hours
def _fraction(low: int, high: int, score: int | Fraction | float) -> Fraction:
    return (Fraction(score) - low) / (high - low)


@functools.lru_cache(maxsize=4096)
def _level(low: int, high: int, score: int | Fraction | float) -> int:
    spread = _fraction(low, high, score) * 4 - 2
    whole = math.floor(abs(spread) + Fraction(1, 2))
    return max(-2, min(2, whole if spread >= 0 else -whole))


def _fits(low: int, high: int) -> bool:
    """Whether the ends make a scale: 3 to 11 levels, `min` below `max`."""
    return 3 <= high - low + 1 <= SCALE_LIMIT + 1


def _signed(end: int, other: int) -> str:
    return f"+{end}" if end > 0 and min(end, other) < 0 else str(end)


DEFAULT_SCALE = EmotionScale.model_construct(set(), names=[])  # `EmotionScale()`, unbuilt


def default_scale() -> EmotionScale:
    """The scale of a journey that names none (a function, so the validator's cache can name it)."""
    return DEFAULT_SCALE


def context(data: object) -> dict[str, tuple[int, int]]:
    """The validation context of a journey's raw data: the ends of its emotion scale.

    A scale that is itself invalid (reported on its own) holds scores to the widest ends, so
    one mistake is not reported at every emotion.
    """
    raw = data.get("emotion_scale") if isinstance(data, dict) else None
    if raw is None:
        return {"emotion_scale": (DEFAULT_SCALE.min, DEFAULT_SCALE.max)}
    try:
        scale = validators.validate(EmotionScale, raw)
    except ValueError:
        return {"emotion_scale": (-SCALE_LIMIT, SCALE_LIMIT)}
    return {"emotion_scale": (scale.min, scale.max)}
