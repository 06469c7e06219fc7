"""The JSON Schema: committed and current, documented, and agreeing with the validator."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cjmctl.journey import loader, yamltree
from cjmctl.journey.diagnostics import JourneyError
from cjmctl.journey.schema import schema_text
from tests.conftest import EXAMPLE_JOURNEYS, EXAMPLES, ROOT

COMMITTED = ROOT / "schemas" / "journey.schema.json"
SCHEMA_RULES = {"type", "value", "range", "missing-key", "unknown-key", "structure"}


def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _data(path: Path) -> Any:
    return yamltree.parse(path.read_text(encoding="utf-8"))[0]


def test_committed_schema_is_current() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "schemas/journey.schema.json is stale: run `cjmctl schema -o schemas/journey.schema.json`"
    )


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(schema_text()))


def _properties(node: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield from node.get("properties", {}).items()
        for value in node.values():
            yield from _properties(value)


def test_every_field_has_a_description_and_an_example() -> None:
    props = list(_properties(json.loads(schema_text())))
    assert len(props) > 50
    undocumented = [name for name, prop in props if not prop.get("description")]
    assert undocumented == []
    without_examples = [
        name
        for name, prop in props
        if "examples" not in prop and prop.get("type") != "array" and "$ref" not in str(prop)
    ]
    assert without_examples == []


@pytest.mark.parametrize("path", EXAMPLE_JOURNEYS, ids=lambda p: p.name)
def test_schema_accepts_every_example(path: Path) -> None:
    errors = [e.message for e in _validator().iter_errors(_data(path))]
    assert errors == []


def _schema_broken() -> list[Path]:
    """Invalid examples whose problems a JSON Schema can express (not references, not bytes)."""
    found = []
    for path in sorted(EXAMPLES.glob("invalid/*.yaml")):
        try:
            loader.load(path)
        except JourneyError as error:
            if {d.rule for d in error.diagnostics} & SCHEMA_RULES:
                found.append(path)
    return found


def test_the_schema_expressible_invalid_examples_are_these() -> None:
    assert [p.stem for p in _schema_broken()] == [
        "bad-ids",
        "blank-names",
        "comma-in-braces",
        "empty",
        "format-version",
        "huge-number",
        "missing-key",
        "not-a-mapping",
        "unknown-key",
        "wrong-values",
    ]


@pytest.mark.parametrize("path", _schema_broken(), ids=lambda p: p.name)
def test_schema_rejects_the_broken_examples(path: Path) -> None:
    assert not _validator().is_valid(_data(path))
