"""What every part of a journey shares: closed mappings, and ids that may be derived from names."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


def _drop_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def id_field(what: str, example: str) -> Any:
    """The `id` field of a part: a slug, unique in the file, derived from the name if left out."""
    return Field(
        "",
        description=(
            f"Unique id of this {what}: a lowercase slug (a-z, 0-9, '-', '_'), unique across the "
            "file. May be left out where nothing refers to it; a stable id is then derived from "
            "the name."
        ),
        examples=[example],
        json_schema_extra=_drop_default,
    )


class Part(BaseModel):
    """A mapping of the format: unknown keys are errors, and inputs stay out of error texts."""

    # Built on first use, or read from `validators`' cache: see there.
    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True, defer_build=True)


class Identified(Part):
    """A part that others refer to by its id."""

    id: str = ""
