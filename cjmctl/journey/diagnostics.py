"""The one problem type shared by validate, lint and render, and its output formats.

Like yamllint's `LintProblem`, a diagnostic is created 1-based at its source and printed by small
pure functions, one per format: text for people, json for tools, github for Actions annotations.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One problem at one place: `file:line:column`, the journey path, what, and a fix."""

    file: str
    line: int
    column: int
    message: str
    path: str = ""
    hint: str = ""
    severity: Severity = "error"
    rule: str = ""


class JourneyError(Exception):
    """A user's file is wrong; carries every diagnostic found in it. Printed without a traceback."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(format_text(self.diagnostics)))


def format_path(loc: Sequence[str | int]) -> str:
    """Write a key path as people read it: `stages[1].touchpoints[0].emotion`."""
    out = ""
    for key in loc:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else key)
    return out


# C0 and C1 controls other than tab and newline would drive the reader's terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """Escape control characters so that no journey text can drive a terminal or fake a line."""
    return _CONTROL.sub(
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )


def format_text(diagnostics: Iterable[Diagnostic]) -> list[str]:
    """Lines for a terminal: `file:line:col: severity: path: message [rule]`, then the hint."""
    lines: list[str] = []
    for d in diagnostics:
        where = f"{d.path}: " if d.path else ""
        rule = f" [{d.rule}]" if d.rule else ""
        lines.append(
            printable(f"{d.file}:{d.line}:{d.column}: {d.severity}: {where}{d.message}{rule}")
        )
        if d.hint:
            lines.append(printable(f"  hint: {d.hint}"))
    return lines


def format_json(diagnostics: Iterable[Diagnostic], files: int) -> str:
    """One JSON document: how many files were checked and every diagnostic with its fields."""
    items = [asdict(d) for d in diagnostics]
    document = {
        "files": files,
        "errors": sum(d["severity"] == "error" for d in items),
        "warnings": sum(d["severity"] == "warning" for d in items),
        "diagnostics": items,
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: Iterable[Diagnostic]) -> list[str]:
    """GitHub Actions workflow commands that annotate the pull request's lines."""
    lines: list[str] = []
    for d in diagnostics:
        command = {"error": "error", "warning": "warning", "info": "notice"}[d.severity]
        title = f"cjmctl {d.rule}" if d.rule else "cjmctl"
        message = f"{d.path}: {d.message}" if d.path else d.message
        if d.hint:
            message += f"\nhint: {d.hint}"
        lines.append(
            f"::{command} file={_escape_property(d.file)},line={d.line},col={d.column},"
            f"title={_escape_property(title)}::{_escape_data(printable(message))}"
        )
    return lines
