"""The site across emotion scales (#15): cards and persona moments compare journeys by fraction."""

from __future__ import annotations

from cjmctl.journey import loader
from cjmctl.renderers.emotion import COLOURS
from cjmctl.site import index, pages
from cjmctl.site.summary import Moment, Named, Scale, Summary, summarize
from tests.site.project import summary

FIVE = (
    "emotion_scale: {min: 1, max: 5, names: [Furious, Annoyed, Indifferent, Pleased, Delighted]}\n"
)
MAP = """\
cjm: 1
title: T
{scale}personas: [{{id: anna, name: Anna}}]
stages:
  - id: s
    name: S
    touchpoints:
      - {{id: a, name: A, emotion: {a}}}
      - {{id: b, name: B, emotion: {{anna: {b}}}}}
      - {{id: c, name: C}}
      - {{id: d, name: D, emotion: {d}}}
"""


def _summary(scale: str, a: int, b: int, d: int) -> Summary:
    document = loader.read_bytes(MAP.format(scale=scale, a=a, b=b, d=d).encode(), "t.yaml")
    return summarize(document, "t", [], None)


def test_a_summary_keeps_the_scores_as_written_and_says_the_scale() -> None:
    found = _summary(FIVE, 4, 1, 5)
    assert found.curve == [4.0, 1.0, None, 5.0]
    assert found.emotion_scale == Scale(
        1, 5, ["Furious", "Annoyed", "Indifferent", "Pleased", "Delighted"]
    )
    assert [(m.touchpoint, m.emotion) for m in found.lowest] == [("b", 1.0)]


def test_a_card_of_a_1_to_5_map_is_drawn_as_its_default_twin() -> None:
    scaled = index.curve([4.0, 1.0, None, 5.0, 2.5], Scale(1, 5).emotion_scale())
    twin = index.curve([1.0, -2.0, None, 2.0, -0.5])
    assert scaled == twin
    assert scaled is not None
    assert scaled.low is not None
    assert scaled.low[2] == COLOURS[-2]


def test_a_card_marks_no_low_point_at_or_above_the_middle() -> None:
    curve = index.curve([6.0, 5.5, 10.0], Scale(1, 10).emotion_scale())
    assert curve is not None
    assert curve.low is None
    curve = index.curve([6.0, 5.0, 10.0], Scale(1, 10).emotion_scale())
    assert curve is not None
    assert curve.low is not None


def test_persona_moments_of_journeys_on_different_scales_are_ordered_by_where_they_lie() -> None:
    summaries = [
        summary(
            id="ten",
            title="Ten",
            personas=[Named("anna", "Anna")],
            lowest=[Moment("anna", "x", "X", "S", 2.0)],
            emotion_scale=Scale(1, 10),
        ),
        summary(
            id="five",
            title="Five",
            personas=[Named("anna", "Anna")],
            lowest=[Moment("anna", "y", "Y", "S", 2.0)],
            emotion_scale=Scale(
                1, 5, ["Furious", "Annoyed", "Indifferent", "Pleased", "Delighted"]
            ),
        ),
        summary(
            id="default",
            title="Default",
            personas=[Named("anna", "Anna")],
            lowest=[Moment("anna", "z", "Z", "S", -1.0)],
        ),
    ]
    found = pages.personas(summaries, "en")["personas"]
    moments = found[0].moments  # type: ignore[index]
    # 2 of 1..10 lies at 1/9; 2 of 1..5 and -1 of -2..+2 both at 1/4 (then by journey id).
    assert [(m.journey.id, m.emotion, m.word, m.colour) for m in moments] == [
        ("ten", "2", "very negative", COLOURS[-2]),
        ("default", "-1", "negative", COLOURS[-1]),
        ("five", "2", "Annoyed", COLOURS[-1]),
    ]
