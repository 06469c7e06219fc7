"""Lint and stats on a custom emotion scale (#15): judged by bands, told in the user's scores.

A 1..5 map and its -2..+2 twin (every score minus 3) must get the same findings at the same
places, with messages that differ only in the scores they quote; stats compute means and
moments on the journey's own scale and say which scale that is.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from cjmctl import i18n
from cjmctl.health import stats
from cjmctl.health.lint import lint
from cjmctl.journey import loader

TODAY = date(2026, 11, 23)
PERSONAS = "personas: [{id: anna, name: Anna}, {id: boris, name: Boris}]\n"
MAP = """\
cjm: 1
title: Branch
reviewed: 2026-11-01
review_every_days: 90
{scale}{personas}stages:
  - id: visit
    name: Visit
    touchpoints:
      - {{id: door, name: Door, emotion: {door}}}
      - {{id: queue, name: Queue, emotion: {queue}}}
      - {{id: desk, name: Desk, emotion: {{anna: {anna}, boris: {boris}}}}}
      - {{id: exit, name: Exit, emotion: {exit}}}
"""
DEFAULT = {"door": 0, "queue": -2, "anna": -1, "boris": 1, "exit": 2}


def _text(scores: dict[str, int], scale: str = "") -> str:
    return MAP.format(scale=scale, personas=PERSONAS, **scores)


def _lint(text: str) -> list[tuple[int, int, str, str]]:
    document = loader.read_bytes(text.encode(), "j.yaml")
    return [(d.line, d.column, d.rule, d.message) for d in lint(document, today=TODAY)]


@pytest.mark.parametrize(
    ("scale", "shift"),
    [("emotion_scale: {min: 1, max: 5}\n", 3), ("emotion_scale: {min: 0, max: 4}\n", 2)],
)
def test_a_shifted_five_level_map_gets_its_default_twin_s_findings(scale: str, shift: int) -> None:
    twin = _lint(_text(DEFAULT))
    shifted = _lint(_text({k: v + shift for k, v in DEFAULT.items()}, scale))
    assert [(line + 1, column, rule) for line, column, rule, _ in twin] == [
        (line, column, rule) for line, column, rule, _ in shifted
    ]
    messages = [m for _, _, rule, m in shifted if rule == "unaddressed-pain"]
    assert messages == [
        f"touchpoint 'Queue' has a negative emotion ({-2 + shift}), but no action addresses it",
        f"touchpoint 'Desk' has a negative emotion (anna: {-1 + shift}), "
        "but no action addresses it",
    ]


def test_a_ten_level_map_is_negative_in_its_lower_bands() -> None:
    # 1..10 in bands of its fraction: 1-2 very negative, 3-4 negative, 5-6 neutral.
    scores = {"door": 5, "queue": 4, "anna": 6, "boris": 3, "exit": 10}
    found = _lint(_text(scores, "emotion_scale: {min: 1, max: 10}\n"))
    assert [m for _, _, rule, m in found if rule == "unaddressed-pain"] == [
        "touchpoint 'Queue' has a negative emotion (4), but no action addresses it",
        "touchpoint 'Desk' has a negative emotion (boris: 3), but no action addresses it",
    ]


NAMED = (
    "emotion_scale:\n  min: 1\n  max: 5\n"
    "  names: [Furious, Annoyed, Indifferent, Pleased, Delighted]\n"
)


def test_stats_are_on_the_journey_s_scale_and_say_it() -> None:
    found = stats.stats(
        loader.load_bytes(_text({k: v + 3 for k, v in DEFAULT.items()}, NAMED).encode(), "j")
    )
    assert found["emotion_scale"] == {
        "min": 1,
        "max": 5,
        "names": ["Furious", "Annoyed", "Indifferent", "Pleased", "Delighted"],
    }
    # Door 3, queue 1, desk (2 + 4) / 2 = 3, exit 5: 12 / 4 = 3.
    assert found["mean_emotion"]["stages"] == {"visit": 3.0}
    assert found["mean_emotion"]["personas"] == {"anna": 2.75, "boris": 3.25}
    assert json.loads(stats.format_json(found))["emotion_scale"]["max"] == 5
    assert stats.format_text(found).split("\n\n")[2:] == [
        "Emotion scale\n  1..5  1 Furious · 2 Annoyed · 3 Indifferent · 4 Pleased · 5 Delighted",
        "Mean emotion by stage\n  visit  3.00",
        "Mean emotion by persona\n  anna   2.75\n  boris  3.25",
        "Lowest moments\n  1  queue        visit  Queue\n  2  desk (anna)  visit  Desk"
        "\n  3  door         visit  Door",
        "Highest moments\n  5  exit          visit  Exit\n  4  desk (boris)  visit  Desk"
        "\n  3  door          visit  Door",
    ]


def test_stats_of_a_scale_with_negatives_keep_signs_and_an_unnamed_scale_its_ends() -> None:
    scores = {"door": 0, "queue": -3, "anna": -1, "boris": 2, "exit": 3}
    found = stats.stats(
        loader.load_bytes(_text(scores, "emotion_scale: {min: -3, max: 3}\n").encode(), "j")
    )
    i18n.use("ru")
    blocks = stats.format_text(found).split("\n\n")
    assert blocks[2] == "Шкала эмоций\n  -3..+3"
    # (0 - 3 + 0.5 + 3) / 4 = 0.125, half away from zero
    assert blocks[3] == "Средняя эмоция по этапам\n  visit  +0,13"
    assert blocks[5].splitlines()[1] == "  -3  queue        visit  Queue"


def test_stats_on_the_default_scale_do_not_mention_it() -> None:
    found = stats.stats(loader.load_bytes(_text(DEFAULT).encode(), "j"))
    assert found["emotion_scale"] == {"min": -2, "max": 2, "names": []}
    assert "Emotion scale" not in stats.format_text(found)
