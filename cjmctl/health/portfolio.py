"""Checks of a project as a whole: what no single journey can see about the shared parts.

Shared parts that no journey takes, an id that two shared files define but no journey reads
both (a journey that does is told by the loader), and a part that journeys define locally, the
same or drifting apart, which belongs in a shared file. Pure: data in, diagnostics out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cjmctl.i18n import _, ngettext
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
            at = _at(entry)
            found.append(
                Diagnostic(
                    file,
                    at.line,
                    at.column,
                    _what(entry.key, "unused").format(id=shorten(entry.id)),
                    "",
                    _(
                        "take it in a journey by adding {id!r} to its `{key}` list, "
                        "or remove it from {file}"
                    ).format(id=shorten(entry.id), key=entry.key, file=file),
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
                    _("the id {id!r} is already defined in {where}").format(
                        id=shorten(entry.id), where=where
                    ),
                    "",
                    _(
                        "ids are unique across a project's shared files: rename one, or keep one "
                        "definition"
                    ),
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
        shown, first = shorten(part_id), copies[0].place
        places = _places([f"{c.place.file}:{c.place.line}:{c.place.column}" for c in copies])
        severity: Severity
        if all(c.content == copies[0].content for c in copies):
            message = _what(key, "copied", len(copies)).format(
                id=shown, n=len(copies), places=places
            )
            severity, rule = "info", "copied-part"
            hint = _(
                "move it to a shared file of the project and take it by id (`{key}: [{id}]`)"
            ).format(key=key, id=shown)
        else:
            message = _what(key, "diverged").format(id=shown, places=places)
            severity, rule = "warning", "diverged-part"
            hint = _(
                "move it to a shared file of the project and take it by id (`{key}: [{id}]`); "
                "a journey that needs a variant overrides only the fields that differ"
            ).format(key=key, id=shown)
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
        more = len(places) - len(shown)
        return ngettext("{first} and {n} more", "{first} and {n} more", more).format(
            first=", ".join(shown), n=more
        )
    if len(places) == 1:
        return places[0]
    return _("{first} and {second}").format(first=", ".join(places[:-1]), second=places[-1])


def _what(key: str, finding: str, count: int = 0) -> str:
    """A finding about a shared part of the list `key`, a whole sentence for each kind of part.

    Russian names a persona, a channel and a metric with different genders.
    """
    if finding == "unused":
        texts = {
            "personas": _("no journey of the project takes the shared persona {id!r}"),
            "channels": _("no journey of the project takes the shared channel {id!r}"),
            "research": _("no journey of the project takes the shared research entry {id!r}"),
            "metrics": _("no journey of the project takes the shared metric {id!r}"),
            "outlets": _("no journey of the project takes the shared outlet {id!r}"),
        }
    elif finding == "copied":
        texts = {
            "personas": ngettext(
                "persona {id!r} is copied in {n} journey: {places}",
                "persona {id!r} is copied in {n} journeys: {places}",
                count,
            ),
            "channels": ngettext(
                "channel {id!r} is copied in {n} journey: {places}",
                "channel {id!r} is copied in {n} journeys: {places}",
                count,
            ),
            "research": ngettext(
                "research entry {id!r} is copied in {n} journey: {places}",
                "research entry {id!r} is copied in {n} journeys: {places}",
                count,
            ),
            "metrics": ngettext(
                "metric {id!r} is copied in {n} journey: {places}",
                "metric {id!r} is copied in {n} journeys: {places}",
                count,
            ),
            "outlets": ngettext(
                "outlet {id!r} is copied in {n} journey: {places}",
                "outlet {id!r} is copied in {n} journeys: {places}",
                count,
            ),
        }
    else:
        texts = {
            "personas": _("persona {id!r} is defined differently in {places}"),
            "channels": _("channel {id!r} is defined differently in {places}"),
            "research": _("research entry {id!r} is defined differently in {places}"),
            "metrics": _("metric {id!r} is defined differently in {places}"),
            "outlets": _("outlet {id!r} is defined differently in {places}"),
        }
    return texts[key]
