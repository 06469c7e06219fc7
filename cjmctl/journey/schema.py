"""The JSON Schemas of cjmctl's files, for editors (yaml-language-server) and other tools.

Four kinds of file: a journey, a shared file of parts journeys take by id, the project file
`cjmctl.yaml`, and a theme file for `--theme FILE`. Each schema is built from its model, so it
says what the validator accepts.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel

from cjmctl.journey.model import Journey
from cjmctl.journey.shared import LISTS, Project, Shared
from cjmctl.journey.slugs import SLUG_PATTERN
from cjmctl.journey.theme import Theme

Kind = Literal["journey", "shared", "project", "theme"]
MODELS: dict[Kind, type[BaseModel]] = {
    "journey": Journey,
    "shared": Shared,
    "project": Project,
    "theme": Theme,
}
SCHEMA_ID = "https://cjmctl.dev/schemas/journey.schema.json"


def schema_id(kind: Kind = "journey") -> str:
    """Where the schema of `kind` is published; also its `$id`."""
    return f"https://cjmctl.dev/schemas/{kind}.schema.json"


def journey_schema(kind: Kind = "journey") -> dict[str, Any]:
    """Build the schema from the model: every field with its description and examples."""
    schema = MODELS[kind].model_json_schema(mode="validation")
    if kind == "journey":
        _take_by_id(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id(kind),
        **schema,
    }


def _take_by_id(schema: dict[str, Any]) -> None:
    """Let the lists that shared files feed hold ids and overrides, as the loader accepts them.

    The model sees those lists after the loader has put the shared parts in, so it cannot
    say this itself. An override is the part's own mapping with only its `id` required.
    """
    definitions = schema["$defs"]
    for key, what in LISTS.items():
        items = schema["properties"][key]["items"]
        name = items["$ref"].rsplit("/", 1)[-1]
        definitions[f"{name}Override"] = {
            **definitions[name],
            "title": f"{name} override",
            # The schema speaks English (editors show one language); `scripts/i18n.py` reads
            # its descriptions for the catalog.
            "description": (
                f"A shared {what} taken by its id, "  # i18n: not shown
                "with the fields given here replacing its own."
            ),
            "required": ["id"],
        }
        by_id = {
            "type": "string",
            "pattern": SLUG_PATTERN,
            "description": (
                f"The id of a shared {what}, "  # i18n: not shown
                "from a shared file of the project."
            ),
        }
        schema["properties"][key]["items"] = {
            "anyOf": [items, by_id, {"$ref": f"#/$defs/{name}Override"}]
        }


def schema_text(kind: Kind = "journey") -> str:
    """The schema as committed in `schemas/KIND.schema.json`: stable, readable, one newline."""
    return json.dumps(journey_schema(kind), ensure_ascii=False, indent=2) + "\n"
