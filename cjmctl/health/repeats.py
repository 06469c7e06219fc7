"""A finding in a shared file said once, for every journey of a run that meets it.

Every journey that takes a broken or poorly written shared persona meets the same problem at
the same place; validate and lint report it once, naming the journeys ("used by a.yaml and
b.yaml"), with the wording of `shared.used_by`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from cjmctl.i18n import _, ngettext
from cjmctl.journey import shared
from cjmctl.journey.diagnostics import Diagnostic
from cjmctl.journey.loader import Document

Key = tuple[str, int, int, str]
"""Where a finding is and what rule made it: (file, line, column, rule)."""


@dataclass(frozen=True, slots=True)
class Met:
    """One journey of a run: its name, the shared and project files it reads, its findings."""

    name: str
    reads: Sequence[str]
    diagnostics: Sequence[Diagnostic]


def reads(document: Document) -> list[str]:
    """The project and shared files a journey was read from: its inputs less its CSV files."""
    csvs = {origin.file for origin in document.origins.values()}
    return [name for name in document.inputs if name not in csvs]


def key(d: Diagnostic) -> Key:
    """What makes two findings one."""
    return (d.file, d.line, d.column, d.rule)


def merge(
    journeys: Sequence[Met], checked: Collection[Key] = ()
) -> tuple[dict[str, list[Diagnostic]], dict[str, list[Diagnostic]]]:
    """Each journey's findings in its own files, and those in shared files once, by file.

    A finding in a shared file is kept once: not at all where `checked` (the file's own report,
    made elsewhere) has it, else once, naming every journey that met it.
    """
    own: dict[str, list[Diagnostic]] = {}
    met: dict[Key, tuple[Diagnostic, list[str]]] = {}
    for j in journeys:
        mine = own.setdefault(j.name, [])
        reads = set(j.reads)
        for d in j.diagnostics:
            if d.file == j.name or d.file not in reads:
                mine.append(d)
            elif key(d) not in checked:
                base = d.message.removesuffix(shared.used_by("", d.file, j.name))
                found = met.setdefault(key(d), (dataclasses.replace(d, message=base), []))
                if j.name not in found[1]:
                    found[1].append(j.name)
    merged: dict[str, list[Diagnostic]] = {}
    for d, names in met.values():
        message = shared.used_by(d.message, d.file, _names(names))
        merged.setdefault(d.file, []).append(dataclasses.replace(d, message=message))
    return own, merged


def in_order(journeys: Sequence[Met]) -> list[Diagnostic]:
    """The findings of a run, repeats merged: each journey's, then its shared files' once."""
    own, merged = merge(journeys)
    found: list[Diagnostic] = []
    shown: set[str] = set()
    for j in journeys:
        found += own[j.name]
        for name in j.reads:
            if name not in shown:
                shown.add(name)
                found += sorted(merged.get(name, []))
    return found


def _names(journeys: list[str]) -> str:
    """`a.yaml`, `a.yaml and b.yaml`, or `a.yaml and 3 more`."""
    if len(journeys) > 2:
        more = len(journeys) - 1
        return ngettext("{first} and {n} more", "{first} and {n} more", more).format(
            first=journeys[0], n=more
        )
    if len(journeys) == 2:
        return _("{first} and {second}").format(first=journeys[0], second=journeys[1])
    return "".join(journeys)
