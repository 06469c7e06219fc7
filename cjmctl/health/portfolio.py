"""Checks of a project as a whole: what no single journey can see about the shared parts.

Shared parts that no journey takes, an id that two shared files define but no journey reads
both (a journey that does is told by the loader), and a part that journeys define locally, the
same or drifting apart, which belongs in a shared file. Pure: data in, diagnostics out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cjmctl.journey.diagnostics import Diagnostic, Severity, shorten
from cjmctl.journey.loader import Document
from cjmctl.journey.shared import LISTS, Entry
from cjmctl.journey.yamltree import Source

SHOWN_PLACES = 5
"""How many places a message lists before it says how many more there are."""


@dataclass(frozen=True, slots=True)
class Member:
    """A journey of the project: its name, the shared files it reads, and its document if valid."""

    name: str
    reads: tuple[str, ...]
    document: Document | None


def check(members: Sequence[Member], shared: Mapping[str, Sequence[Entry]]) -> list[Diagnostic]:
    """The project's findings, given every journey of it and the parts of each shared file.

    `shared` is in the order the files are first read. Shared parts unused are judged only
    when every journey is valid: what a broken journey takes is not known.
    """
    found = _collisions(members, shared)
    if all(m.document is not None for m in members):
        found += _unused(members, shared)
    found += _local_copies(members, shared)
    return found


def _at(entry: Entry) -> Source:
    return entry.source.entries.get("id", entry.source)


def _unused(members: Sequence[Member], shared: Mapping[str, Sequence[Entry]]) -> list[Diagnostic]:
    taken = {
        (file, key, part.id)
        for m in members
        if m.document is not None
        for file in m.reads
        for key in LISTS
        for part in getattr(m.document.journey, key)
    }
    found: list[Diagnostic] = []
    for file, entries in shared.items():
        for entry in entries:
            if (file, entry.key, entry.id) in taken:
                continue
            at, what = _at(entry), LISTS[entry.key]
            found.append(
                Diagnostic(
                    file,
                    at.line,
                    at.column,
                    f"no journey of the project takes the shared {what} {shorten(entry.id)!r}",
                    "",
                    f"take it in a journey by adding {shorten(entry.id)!r} to its "
                    f"`{entry.key}` list, or remove it from {file}",
                    "warning",
                    "unused-shared",
                )
            )
    return found


def _collisions(
    members: Sequence[Member], shared: Mapping[str, Sequence[Entry]]
) -> list[Diagnostic]:
    """An id in two shared files that no journey reads together; one that does says it itself."""
    together = {(a, b) for m in members for a in m.reads for b in m.reads}
    first: dict[str, Entry] = {}
    found: list[Diagnostic] = []
    for file, entries in shared.items():
        for entry in entries:
            before = first.setdefault(entry.id, entry)
            if before.file == file or (before.file, file) in together:
                continue
            at, where = _at(entry), f"{before.file}:{before.source.line}:{before.source.column}"
            found.append(
                Diagnostic(
                    file,
                    at.line,
                    at.column,
                    f"the id {shorten(entry.id)!r} is already defined in {where}",
                    "",
                    "ids are unique across a project's shared files: rename one, or keep one "
                    "definition",
                    "error",
                    "duplicate-id",
                )
            )
    return found


@dataclass(frozen=True, slots=True)
class _Local:
    place: Diagnostic
    content: Any


def _local_copies(
    members: Sequence[Member], shared: Mapping[str, Sequence[Entry]]
) -> list[Diagnostic]:
    """Parts two or more journeys define themselves (not overrides of a shared part)."""
    defined: dict[tuple[str, str], list[_Local]] = {}
    for m in members:
        if m.document is None:
            continue
        sharing = {(e.key, e.id) for file in m.reads for e in shared.get(file, ())}
        for key in LISTS:
            for i, part in enumerate(getattr(m.document.journey, key)):
                node = m.document.source_at((key, i))
                if (key, part.id) in sharing or node is None or node.file is not None:
                    continue
                place = m.document.locate((key, i))
                defined.setdefault((key, part.id), []).append(
                    _Local(place, part.model_dump(mode="json"))
                )
    found: list[Diagnostic] = []
    for (key, part_id), copies in defined.items():
        if len({c.place.file for c in copies}) < 2:
            continue
        what, shown, first = LISTS[key], shorten(part_id), copies[0].place
        places = _places([f"{c.place.file}:{c.place.line}:{c.place.column}" for c in copies])
        share = f"move it to a shared file of the project and take it by id (`{key}: [{shown}]`)"
        severity: Severity
        if all(c.content == copies[0].content for c in copies):
            message = f"{what} {shown!r} is copied in {len(copies)} journeys: {places}"
            severity, rule, hint = "info", "copied-part", share
        else:
            message = f"{what} {shown!r} is defined differently in {places}"
            severity, rule = "warning", "diverged-part"
            hint = f"{share}; a journey that needs a variant overrides only the fields that differ"
        found.append(
            Diagnostic(
                first.file, first.line, first.column, message, first.path, hint, severity, rule
            )
        )
    return found


def _places(places: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`, or the first few and how many more."""
    if len(places) > SHOWN_PLACES:
        shown = places[: SHOWN_PLACES - 1]
        return ", ".join(shown) + f" and {len(places) - len(shown)} more"
    return places[0] if len(places) == 1 else ", ".join(places[:-1]) + " and " + places[-1]
