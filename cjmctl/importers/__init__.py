"""Importers: other tools' formats turned into journey YAML, with warnings for what was left out.

An importer is a pure function from text to `(journey YAML text, warnings)`: it never reads
files or prints, and what it cannot carry over becomes a `Skipped` note at its 1-based line instead
of an exception. Its output validates with `cjmctl.journey.loader`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

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


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, writing YAML in the style of journey files.

    A list of numbers on one line (`ratings: [0, 2, 5]`), items indented under their key, and
    no anchors for a date that repeats.
    """

    def represent_list(self, data: Any) -> yaml.SequenceNode:
        numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in data)
        return self.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=numbers)

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True


_Dumper.add_representer(list, _Dumper.represent_list)


def research_yaml(entry: Mapping[str, object]) -> str:
    """One research entry as YAML, indented to paste under a journey's `research:`.

    PyYAML quotes whatever a reader would retype (`'no'`, `'1.0'`), keeps the key order, and
    writes dates (`date` objects) plain.
    """
    text = yaml.dump(
        [dict(entry)],
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )
    return "".join(f"  {line}" for line in text.splitlines(keepends=True))
