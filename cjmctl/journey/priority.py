"""How much a touchpoint matters and how well it does: the priority matrix's two axes."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, Strict

from cjmctl.journey.parts import Part

FivePoint = Annotated[int, Strict(), Field(ge=1, le=5)]
"""A rating from 1 (least) to 5 (most), as workshops and surveys give them."""


class Importance(Part):
    """How important the touchpoint is (Важность), 1..5, to the customer and to the business."""

    customer: FivePoint | None = Field(
        None, description="Importance to the customer, 1..5 (Для клиента).", examples=[5]
    )
    business: FivePoint | None = Field(
        None, description="Importance to the business, 1..5 (Для бизнеса).", examples=[4]
    )
