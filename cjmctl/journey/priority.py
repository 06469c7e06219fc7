"""How much a touchpoint matters and how well it does: the priority matrix's two axes."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field, Strict

from cjmctl.journey.parts import Part
from cjmctl.journey.terms import term_ru

FivePoint = Annotated[int, Strict(), Field(ge=1, le=5)]
"""A rating from 1 (least) to 5 (most), as workshops and surveys give them."""


class Importance(Part):
    """How important the touchpoint is, 1..5, to the customer and to the business."""

    model_config = ConfigDict(json_schema_extra=term_ru("Важность"))

    customer: FivePoint | None = Field(
        None,
        description="Importance to the customer, 1..5.",
        examples=[5],
        json_schema_extra=term_ru("Для клиента"),
    )
    business: FivePoint | None = Field(
        None,
        description="Importance to the business, 1..5.",
        examples=[4],
        json_schema_extra=term_ru("Для бизнеса"),
    )
