"""Importers: other tools' formats turned into journey YAML, with warnings for what was left out.

An importer is a pure function from text to `(journey YAML text, warnings)`: it never reads
files or prints, and what it cannot carry over becomes a `Skipped` note at its 1-based line instead
of an exception. Its output validates with `cjmctl.journey.loader`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SCHEMA_COMMENT = "# yaml-language-server: $schema=https://cjmctl.dev/schemas/journey.schema.json"
"""The first line of every imported file, so editors offer completion and help at once."""


@dataclass(frozen=True, slots=True, order=True)
class Skipped:
    """Something in the input an importer skipped or changed: where (1-based) and what.

    The column is where the line's text starts, or the exact place where the importer knows
    it; it is left out of comparisons, so notes are equal and sorted by line and message.
    """

    line: int
    message: str
    column: int = field(default=1, compare=False)
