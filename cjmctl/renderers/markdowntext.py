"""Journey text as literal Markdown, and GitHub tables of it: the Markdown export's escaping.

Apart from the export itself, so that the reports of `diff` and `stats` escape as it does
without loading it (and, through it, most of the other renderers).
"""

from __future__ import annotations

import re

_MARKUP = re.compile(r"([\\`*_\[\]<>|~&$#])")
_BLOCK_START = re.compile(r"^(?:[-+=]|\d+(?=[.)]))")
_BREAKING_SPACES = re.compile(r"[^\S\u00a0\u2007\u202f]+")
# What GitHub turns into a mention or an issue link in any Markdown it shows: `@user`,
# `@org/team`, `#12`, `owner/repo#12` (`#` is escaped by then) and `GH-12`. A zero-width space
# written as an entity after the sign shows the same text and links nothing (Renovate's pull
# requests do the same).
_REFERENCE = re.compile(r"@(?=\w)|\\#(?=\d)|\bGH(?=-\d)", re.IGNORECASE)


def text(value: str) -> str:
    """Escape journey text for use inside a line: one line, every markup character literal.

    Mentions and issue references are broken too, so the text pings no one where GitHub shows it.
    No-break spaces stay, so `2 700` and `31 марта 2027` are not split over two lines.
    """
    escaped = _MARKUP.sub(r"\\\1", _BREAKING_SPACES.sub(" ", value).strip())
    return _REFERENCE.sub(lambda m: m.group() + "&#8203;", escaped)


def block(value: str) -> str:
    """Escape journey text that starts a line: also list, quote and setext markers."""
    escaped = text(value)
    match = _BLOCK_START.match(escaped)
    if match is None:
        return escaped
    end = match.end()
    if escaped[:end].isdigit():  # `1.` or `1)` would start an ordered list
        return escaped[:end] + "\\" + escaped[end:]
    return "\\" + escaped


def table(head: list[str], rows: list[list[str]]) -> str:
    """A GitHub table from escaped cells; every row has as many cells as the head."""
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
