"""The field types: required names and titles must show something, in cjmctl and the schema."""

from __future__ import annotations

import json
import re

import pytest

from cjmctl.journey import loader
from cjmctl.journey.diagnostics import Diagnostic, JourneyError
from cjmctl.journey.schema import schema_text

# Every required name and title of the format, each on its own line, `{x}` for the value.
ALL_NAMES = """cjm: 1
title: {x}
personas: [{{id: anna, name: {x}}}]
channels: [{{id: web, name: {x}}}]
stages:
  - name: {x}
    touchpoints:
      - {{name: {x}}}
actions: [{{title: {x}}}]
research: [{{kind: survey, title: {x}}}]
"""
WHERE = [
    (2, 8, "title", "write the journey's title"),
    (3, 29, "personas[0].name", "write the persona's name"),
    (4, 28, "channels[0].name", "write the channel's name as people say it"),
    (6, 11, "stages[0].name", "write the stage's name"),
    (8, 16, "stages[0].touchpoints[0].name", "write what this touchpoint is"),
    (9, 19, "actions[0].title", "write what will be done"),
    (10, 34, "research[0].title", "write what the research was"),
]


def _diagnostics(value: str) -> list[Diagnostic]:
    with pytest.raises(JourneyError) as caught:
        loader.load_bytes(ALL_NAMES.format(x=value).encode(), "j.yaml")
    return caught.value.diagnostics


def test_empty_names_and_titles_are_errors_at_their_values() -> None:
    found = _diagnostics("''")
    assert [(d.line, d.column, d.path, d.hint) for d in found] == WHERE
    key = [path.rsplit(".", 1)[-1] for _, _, path, _ in WHERE]
    assert [d.message for d in found] == [f"the {k} is empty" for k in key]
    assert {(d.rule, d.severity) for d in found} == {("value", "error")}


@pytest.mark.parametrize("blank", ["' '", '"\\ufeff"', '"\\t  "', "'\u3000'", '"\\u00a0\\u2028"'])
def test_names_of_only_white_space_are_errors(blank: str) -> None:
    found = _diagnostics(blank)
    assert [(d.line, d.column, d.path) for d in found] == [w[:3] for w in WHERE]
    assert found[0].message.startswith("the title is blank: text ")
    assert found[0].message.endswith(" is only white space")


@pytest.mark.parametrize("name", ["x", " x ", "0", "2024", "\u200b", "·"])
def test_names_with_anything_visible_are_fine(name: str) -> None:
    journey = loader.load_bytes(ALL_NAMES.format(x=json.dumps(name)).encode(), "j.yaml")
    assert journey.title == journey.stages[0].touchpoints[0].name == name


def test_the_schema_requires_a_visible_character_in_names_and_titles() -> None:
    schema = json.loads(schema_text())
    definitions = {"Journey": schema, **schema["$defs"]}
    required = {
        (model, key): definitions[model]["properties"][key]
        for model, keys in {
            "Journey": ["title"],
            "Persona": ["name"],
            "Channel": ["name"],
            "Stage": ["name"],
            "Touchpoint": ["name"],
            "Action": ["title"],
            "Research": ["title"],
        }.items()
        for key in keys
    }
    assert {(m, k): p.get("pattern") for (m, k), p in required.items()} == dict.fromkeys(
        required, r"\S"
    )
    assert all(p["description"] and p["examples"] for p in required.values())
    assert re.search(r"\S", "\u3000 \t") is None  # what the schema's pattern says of blanks
