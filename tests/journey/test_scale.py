"""The emotion scale: emotions are held to the journey's own scale, at their own positions."""

from __future__ import annotations

from fractions import Fraction

import pytest

from cjmctl.journey import loader
from cjmctl.journey.diagnostics import JourneyError
from cjmctl.journey.scale import DEFAULT_SCALE, EmotionScale

HEAD = "cjm: 1\ntitle: T\n"
STAGES = (
    "stages:\n  - name: S\n    touchpoints:\n"
    "      - name: A\n        emotion: {emotion}\n"
    "        future: {{emotion: {future}}}\n"
)


def problems(source: str) -> list[tuple[int, int, str, str, str]]:
    with pytest.raises(JourneyError) as caught:
        loader.load_bytes(source.encode(), "j.yaml")
    return [(d.line, d.column, d.message, d.hint, d.rule) for d in caught.value.diagnostics]


def test_a_score_off_a_custom_scale_is_reported_at_each_emotion_beside_other_errors() -> None:
    source = (
        HEAD
        + "emotion_scale: {min: 1, max: 5}\nlocale: fr\n"
        + STAGES.format(emotion=6, future="{anna: 0}")
    )
    hint = "write a whole number from 1 to 5, the journey's `emotion_scale`"
    locale = "Language of the built-in labels: en or ru."
    assert problems(source) == [
        (4, 9, "text 'fr' is not one of: 'en' or 'ru'", locale, "value"),
        (9, 18, "6 is outside the emotion scale 1..5", hint, "range"),
        (10, 34, "0 is outside the emotion scale 1..5", hint, "range"),
    ]  # fmt: skip


def test_the_default_scale_names_how_to_pick_another() -> None:
    [(_, _, message, hint, _)] = problems(HEAD + STAGES.format(emotion=3, future=0))
    assert message == "3 is outside the emotion scale -2..2"
    assert "pick another scale with `emotion_scale:`" in hint


def test_a_journey_on_its_own_scale_loads_with_its_scores_as_written() -> None:
    source = HEAD + "emotion_scale: {min: 1, max: 10}\n" + STAGES.format(emotion=10, future=1)
    journey = loader.load_bytes(source.encode(), "j.yaml")
    tp = journey.stages[0].touchpoints[0]
    assert (tp.emotion, tp.future and tp.future.emotion) == (10, 1)
    assert (journey.emotion_scale.min, journey.emotion_scale.max) == (1, 10)


@pytest.mark.parametrize(
    ("scale", "message"),
    [
        ("{min: 1, max: 2}", "the emotion scale 1..2 needs 3 to 11 levels"),
        ("{min: 5, max: 1}", "the emotion scale 5..1 needs 3 to 11 levels"),
        ("{min: -5, max: 10}", "the emotion scale -5..10 needs 3 to 11 levels"),
        ("{min: 1, max: 3, names: [a, b]}", "2 names for the 3 levels 1..3"),
    ],
)
def test_a_broken_scale_is_one_error_at_the_scale_not_one_per_emotion(
    scale: str, message: str
) -> None:
    source = HEAD + f"emotion_scale: {scale}\n" + STAGES.format(emotion=2, future=2)
    assert [(line, m) for line, _, m, _, _ in problems(source)] == [(3, message)]


def test_levels_bands_and_mermaid_follow_the_scale() -> None:
    assert [DEFAULT_SCALE.level(s) for s in DEFAULT_SCALE.scores()] == [-2, -1, 0, 1, 2]
    five = EmotionScale(min=1, max=5, names=["a", "b", "c", "d", "e"])
    assert [five.mermaid(s) for s in five.scores()] == [1, 2, 3, 4, 5]
    assert (five.neutral, five.name(4), five.written()) == (Fraction(3), "d", "1..5")
    ten = EmotionScale(min=1, max=10)
    assert [ten.level(s) for s in ten.scores()] == [-2, -2, -1, -1, 0, 0, 1, 1, 2, 2]
    assert (ten.neutral, ten.fraction(10), ten.name(3)) == (Fraction(11, 2), Fraction(1), None)
    seven = EmotionScale(min=-3, max=3)
    assert [seven.level(s) for s in seven.scores()] == [-2, -1, -1, 0, 1, 1, 2]
    assert seven.written() == "-3..+3"


def _scale_problems(scale: str) -> list[tuple[int, int, str, str, str, str]]:
    source = HEAD + f"emotion_scale:\n  {scale}\n" + STAGES.format(emotion=3, future=3)
    with pytest.raises(JourneyError) as caught:
        loader.load_bytes(source.encode(), "e.yaml")
    return [(d.line, d.column, d.path, d.message, d.hint, d.rule) for d in caught.value.diagnostics]


def test_names_that_miss_the_levels_are_reported_at_names() -> None:
    assert _scale_problems("{min: 1, max: 5, names: [a, b]}") == [
        (
            4,
            27,
            "emotion_scale.names",
            "2 names for the 5 levels 1..5",
            "give one name per level, from `min` to `max`, or leave `names` out",
            "value",
        )
    ]


@pytest.mark.parametrize(("given", "column"), [("min", 3), ("max", 3)])
def test_one_end_alone_asks_for_both(given: str, column: int) -> None:
    assert _scale_problems(f"{{{given}: 1}}") == [
        (
            4,
            column,
            "emotion_scale",
            f"give both `min` and `max` of the emotion scale, not only `{given}`",
            "write both ends, e.g. `emotion_scale: {min: 1, max: 5}`, "
            "or leave `emotion_scale` out for -2..+2",
            "value",
        )
    ]


def test_one_end_alone_is_refused_outside_the_loader_too() -> None:
    with pytest.raises(ValueError, match="give both `min` and `max`"):
        EmotionScale.model_validate({"max": 5})


@pytest.mark.parametrize(
    ("name", "what"), [("''", "empty"), ("'  '", "blank: text '  ' is only white space")]
)
def test_an_empty_name_is_named_by_its_place_in_the_list(name: str, what: str) -> None:
    assert _scale_problems(f"{{min: 1, max: 5, names: [a, {name}, b, c, d]}}") == [
        (
            4,
            31,
            "emotion_scale.names[1]",
            f"item 2 of `names` is {what}",
            "write a name for every level, from `min` to `max`, in the journey's language",
            "value",
        )
    ]


def test_a_name_given_twice_is_reported_at_the_second() -> None:
    assert _scale_problems("{min: -1, max: 3, names: [a, b, c, b, e]}") == [
        (
            4,
            38,
            "emotion_scale.names[3]",
            "the name 'b' is given to levels 0 and 2",
            "give each level a name of its own",
            "value",
        )
    ]


def test_names_on_ends_that_make_no_scale_report_the_ends_alone() -> None:
    [(line, column, path, message, _, _)] = _scale_problems("{min: 1, max: 2, names: [a, b, c]}")
    assert (line, column, path, message) == (
        4,
        3,
        "emotion_scale",
        "the emotion scale 1..2 needs 3 to 11 levels",
    )
