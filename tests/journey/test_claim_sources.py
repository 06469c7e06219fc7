"""Claim sources: one written as an id must name a research entry; words stay free text."""

from __future__ import annotations

from cjmctl.journey import loader
from cjmctl.journey.diagnostics import JourneyError

TEXT = """\
cjm: 1
title: T
stages:
  - id: s
    name: S
    touchpoints:
      - id: t
        name: T
        emotion: 1
        thoughts: Hm
        pains: [Slow]
        claims:
          emotion: {status: observed, source: csat-survy}
          thoughts: {status: assumed, source: csat-survey}
          pains: {status: observed, source: t}
research:
  - {id: csat-survey, kind: survey, title: CSAT}
"""


def problems(text: str) -> list[tuple[int, int, str, str, str]]:
    try:
        loader.load_bytes(text.encode(), "j.yaml")
    except JourneyError as error:
        return [(d.line, d.column, d.path, d.message, d.hint) for d in error.diagnostics]
    return []


def test_a_source_written_as_an_id_must_name_a_research_entry() -> None:
    assert problems(TEXT) == [
        (
            13,
            47,
            "stages[0].touchpoints[0].claims.emotion.source",
            "'csat-survy' is not the id of a research entry",
            "did you mean 'csat-survey'?",
        ),
        (
            15,
            45,
            "stages[0].touchpoints[0].claims.pains.source",
            "'t' is the id of a touchpoint, not of a research entry",
            "name a research entry here",
        ),
    ]


def test_words_are_free_and_so_is_any_source_in_a_map_without_research() -> None:
    words = TEXT.replace("csat-survy", "CSAT survey in May").replace("source: t}", "source: Team}")
    assert problems(words) == []
    without = TEXT.split("research:", maxsplit=1)[0]
    assert problems(without) == []


def test_an_id_far_from_any_says_how_to_add_it() -> None:
    found = problems(TEXT.replace("csat-survy", "queue-logs").replace("source: t}", "source: x y}"))
    assert [(line, col, hint) for line, col, _, _, hint in found] == [
        (13, 47, "add a research entry with id 'queue-logs' to research")
    ]
