"""The one problem type shared by validate, lint and render, and its output formats.

Like yamllint's `LintProblem`, a diagnostic is created 1-based at its source and printed by small
pure functions, one per format: text for people, json for tools, github for Actions annotations.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

from cjmctl.i18n import N_, _

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


QUOTED = 60
"""How much of a user's text (an id, a key, a name) a message quotes at most."""


def shorten(text: str, limit: int = QUOTED) -> str:
    """Cut user text that a message quotes to `limit` characters, the cut marked with `…`.

    A message names the value, `file:line:column` shows where it is: a 1 MB id in a file is
    no reason to print a megabyte, once per mistake.
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_path(loc: Sequence[str | int]) -> str:
    """Write a key path as people read it: `stages[1].touchpoints[0].emotion`."""
    out = ""
    for key in loc:
        out += f"[{key}]" if isinstance(key, int) else (f".{shorten(key)}" if out else shorten(key))
    return out


# Shown escaped in every line for people: controls (C0, C1) would drive the reader's terminal or
# start a new line that fakes a CI log command; format characters (bidi overrides and isolates,
# zero-width spaces and joiners, soft hyphens, BOMs) hide or reorder what is shown; line and
# paragraph separators break lines too; lone surrogates (undecodable file names) cannot be printed.
# A tab is only space, and kept.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def _escape(char: str) -> str:
    code = ord(char)
    if char == "\t" or unicodedata.category(char) not in _HIDDEN:
        return char
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: str) -> str:
    """Make `text` one line that shows every control, format and separator character escaped.

    So no journey text or file name can drive a terminal, fake a line (`::error ...` in a CI
    log), or hide and reorder what the reader sees (U+202E, U+200B); JSON needs none of this.
    """
    if not text.isprintable():  # the common case is printable; escaping is only for the rest
        text = "".join(map(_escape, text))
    if text.lstrip().startswith("::"):
        # GitHub Actions runs a log line that starts with `::` as a workflow command.
        colon = text.index(":")
        text = f"{text[:colon]}\\x3a{text[colon + 1 :]}"
    return text


SEVERITY_WORDS: dict[str, str] = {
    "error": N_("error"),
    "warning": N_("warning"),
    "info": N_("info"),
}
"""The severity as the text format says it, in the user's language; JSON keeps the English."""


def _hint(hint: str) -> str:
    return _("hint: {hint}").format(hint=hint)


def format_text(diagnostics: Iterable[Diagnostic]) -> list[str]:
    """Lines for a terminal: `file:line:col: severity: path: message [rule]`, then the hint.

    The severity and the word `hint` are in the user's language (`ошибка`, `подсказка`), as
    compilers say them; file, path and rule id stay as written, for people to search for.
    """
    lines: list[str] = []
    for d in diagnostics:
        where = f"{d.path}: " if d.path else ""
        rule = f" [{d.rule}]" if d.rule else ""
        severity = _(SEVERITY_WORDS[d.severity])
        lines.append(
            printable(f"{d.file}:{d.line}:{d.column}: {severity}: {where}{d.message}{rule}")
        )
        if d.hint:
            lines.append(printable(f"  {_hint(d.hint)}"))
    return lines


def format_json(diagnostics: Iterable[Diagnostic], files: int) -> str:
    """One JSON document: how many files were checked and every diagnostic with its fields."""
    import json

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
    # The file is escaped as GitHub's own property syntax first, so that the annotation still
    # finds a file whose name holds a newline; a newline in a message is shown as `\x0a`, like
    # everywhere else, so every annotation is exactly one line and no text starts a command.
    lines: list[str] = []
    for d in diagnostics:
        command = {"error": "error", "warning": "warning", "info": "notice"}[d.severity]
        title = f"cjmctl {d.rule}" if d.rule else "cjmctl"
        message = printable(f"{d.path}: {d.message}" if d.path else d.message)
        if d.hint:
            message += "\n" + printable(_hint(d.hint))  # GitHub shows the hint below
        lines.append(
            f"::{command} file={printable(_escape_property(d.file))},line={d.line},"
            f"col={d.column},title={_escape_property(title)}::{_escape_data(message)}"
        )
    return lines
