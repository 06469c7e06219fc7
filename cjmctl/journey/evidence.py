"""How each claim of a touchpoint is known: observed in research, assumed, or proposed."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from cjmctl.journey.fieldtypes import Text
from cjmctl.journey.parts import Part
from cjmctl.journey.terms import term_ru

Status = Literal["observed", "assumed", "proposed"]


class Claim(Part):
    """The status of one claim and where it comes from."""

    status: Status = Field(
        description="observed (backed by research), assumed (the team's belief) or proposed "
        "(a target or idea).",
        examples=["observed"],
        json_schema_extra=term_ru("Наблюдалось / Предположение / Предложение"),
    )
    source: Text | None = Field(
        None,
        description="Where it comes from: the id of a research entry, or words.",
        examples=["branch-csat", "Workshop with branch managers, 2026-05"],
    )


class Claims(Part):
    """How the touchpoint's emotion, pains and thoughts are known."""

    model_config = ConfigDict(json_schema_extra=term_ru("Доказательность"))

    emotion: Claim | None = Field(None, description="How the emotion is known.")
    pains: Claim | None = Field(None, description="How the pains are known.")
    thoughts: Claim | None = Field(None, description="How the thoughts are known.")

    def given(self) -> list[tuple[str, Claim]]:
        """The claims that say how they are known, as (field, claim), in field order."""
        found = [(name, getattr(self, name)) for name in ("emotion", "pains", "thoughts")]
        return [(name, claim) for name, claim in found if claim is not None]
