"""The future state of a journey beside its current one (Будущее состояние).

A touchpoint says how it will be once the plan is done (`future:`), or that it exists in one
state only (`state: current` is removed in the future, `state: future` is added). The future
journey is then derived: nothing about the current state is written twice.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from cjmctl.journey.fieldtypes import Emotion, Text, TextList
from cjmctl.journey.parts import Part

StateName = Literal["both", "current", "future"]


class FutureState(Part):
    """How the touchpoint will be in the future state; what is left out stays as it is now."""

    emotion: Emotion | None = Field(
        None,
        description="The target emotion in the future state, on the journey's emotion scale, "
        "or one per persona as {persona_id: score} (Целевая эмоция).",
        examples=[1, {"anna": 2, "boris": 1}],
    )
    action: Text | None = Field(
        None,
        description="What the customer will do here instead (Действия клиента в будущем).",
        examples=["Picks a delivery slot on the product page"],
    )
    thoughts: Text | None = Field(
        None,
        description="What the customer will think here (Мысли в будущем).",
        examples=["Great, Saturday works"],
    )
    pains: TextList = Field(
        default_factory=list,
        description="Pains that remain in the future state (Боли в будущем).",
        examples=[["Still no evening slots"]],
    )
    change: Text | None = Field(
        None,
        description="What changes here between the states, in a line (Что меняется).",
        examples=["Slots move from a phone call to the product page"],
    )
