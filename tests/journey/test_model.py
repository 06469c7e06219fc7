"""The models' own messages: said in the user's language when raised."""

from __future__ import annotations

import pydantic
import pytest

from cjmctl import i18n
from cjmctl.journey.model import Journey


@pytest.mark.parametrize(
    ("lang", "message"),
    [("en", "9 is outside the emotion scale -2..2"), ("ru", "9 вне шкалы эмоций -2..2")],
)
def test_a_score_off_the_scale_outside_the_loader_is_said_in_the_language(
    lang: str, message: str
) -> None:
    i18n.use(lang)
    data = {
        "cjm": 1,
        "title": "T",
        "stages": [{"name": "S", "touchpoints": [{"name": "A", "emotion": 9}]}],
    }
    with pytest.raises(pydantic.ValidationError) as raised:
        Journey.model_validate(data)
    assert [(e["type"], e["msg"]) for e in raised.value.errors()] == [("emotion_scale", message)]
