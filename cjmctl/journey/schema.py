"""The JSON Schema of the journey format, for editors (yaml-language-server) and other tools."""

from __future__ import annotations

import json
from typing import Any

from cjmctl.journey.model import Journey

SCHEMA_ID = "https://cjmctl.dev/schemas/journey.schema.json"


def journey_schema() -> dict[str, Any]:
    """Build the schema from the model: every field with its description and examples."""
    schema = Journey.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def schema_text() -> str:
    """The schema as committed in `schemas/journey.schema.json`: stable, readable, one newline."""
    return json.dumps(journey_schema(), ensure_ascii=False, indent=2) + "\n"
