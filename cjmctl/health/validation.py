"""Validate a run of files: journeys, and the project and shared files they read, each once.

A project file or shared file is checked as what it is, whether it was named or a journey of
the run reads it. Every journey that reads a broken shared file fails, yet its problem is said
once: where the shared file is checked on its own, that report stands alone; a problem only a
journey sees (an include cycle, a missing include) is said once, naming the journeys. When the
run holds every journey of a project, the project's own checks (`portfolio`) run too.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cjmctl import files
from cjmctl.health import repeats
from cjmctl.i18n import _, reason
from cjmctl.journey import loader, project, reading, shared
from cjmctl.journey.diagnostics import Diagnostic, JourneyError


@dataclass(slots=True)
class Outcome:
    """What a run found: its diagnostics in order, the files checked by kind, the invalid ones."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    journeys: int = 0
    projects: int = 0
    shared: int = 0
    invalid: int = 0

    @property
    def files(self) -> int:
        """Every file checked."""
        return self.journeys + self.projects + self.shared


@dataclass(slots=True)
class _Journey:
    path: Path
    diagnostics: list[Diagnostic]
    reads: list[str]
    document: loader.Document | None


def validate(paths: Sequence[Path]) -> Outcome:
    """Check every file of `paths` as what it is; see the module's docstring."""
    roles = {path: project.role(path) for path in paths}
    loaded = {path: _load(path) for path, role in roles.items() if role is None}
    included = {_real(name) for j in loaded.values() for name in j.reads}
    journeys = [j for j in loaded.values() if _real(str(j.path)) not in included]
    named = [str(p) for p in paths if roles[p] is not None or _real(str(p)) in included]
    alone = _check_files([*named, *(name for j in journeys for name in j.reads)])
    outcome = Outcome(journeys=len(journeys))
    outcome.projects = sum(_is_project(name) for name in alone)
    outcome.shared = len(alone) - outcome.projects
    outcome.invalid = sum(bool(j.diagnostics) for j in journeys)
    outcome.invalid += sum(bool(found) for found, _ in alone.values())
    checked = {repeats.key(d) for found, _ in alone.values() for d in found}
    met = [repeats.Met(str(j.path), j.reads, j.diagnostics) for j in journeys]
    own, merged = repeats.merge(met, checked)
    shown: set[str] = set()
    for name in named:
        outcome.diagnostics += _file_report(name, alone, merged, shown)
    for j in journeys:
        outcome.diagnostics += own[str(j.path)]
        for name in j.reads:
            outcome.diagnostics += _file_report(name, alone, merged, shown)
    for where in merged:
        if where not in shown:  # in a file that could not be read on its own
            outcome.diagnostics += _file_report(where, alone, merged, shown)
    checks = _project_checks(journeys, alone, included)
    outcome.diagnostics += checks
    bad = {d.file for d in checks if d.severity == "error"}
    outcome.invalid += len({f for f in bad if f in alone and not alone[f][0]})
    return outcome


def _load(path: Path) -> _Journey:
    try:
        document = loader.read(path)
    except JourneyError as error:
        return _Journey(path, error.diagnostics, loader.shared_inputs(path), None)
    except OSError as error:
        message = _("cannot read the file: {reason}").format(reason=reason(error))
        return _Journey(path, [Diagnostic(str(path), 1, 1, message, rule="io")], [], None)
    return _Journey(path, [], repeats.reads(document), document)


def _real(name: str) -> str:
    return os.path.realpath(name)


def _is_project(name: str) -> bool:
    return Path(name).name == project.PROJECT_FILE


def _check_files(names: Sequence[str]) -> dict[str, tuple[list[Diagnostic], bytes]]:
    """Each project and shared file checked once, by its first name: problems and bytes."""
    checked: dict[str, tuple[list[Diagnostic], bytes]] = {}
    seen: set[str] = set()
    for name in names:
        if _real(name) in seen:
            continue
        seen.add(_real(name))
        try:
            data = reading.read_limited(name)
        except OSError as error:
            message = _("cannot read the file: {reason}").format(reason=reason(error))
            checked[name] = ([Diagnostic(name, 1, 1, message, rule="io")], b"")
            continue
        checked[name] = (shared.check_file(data, name), data)
    return checked


def _file_report(
    name: str,
    alone: dict[str, tuple[list[Diagnostic], bytes]],
    merged: dict[str, list[Diagnostic]],
    shown: set[str],
) -> list[Diagnostic]:
    """The problems of one shared or project file, the first time it comes up."""
    if name in shown:
        return []
    shown.add(name)
    return sorted([*alone.get(name, ([], b""))[0], *merged.get(name, [])])


def _project_of(path: Path, known: dict[Path, str]) -> str:
    """The real path of the project file of the journey `path`, looked for once per folder."""
    folder = path.parent
    if folder not in known:
        known[folder] = _real(str(folder / (reading.LocalFiles(path, "").project() or ".")))
    return known[folder]


def _project_checks(
    journeys: Sequence[_Journey],
    alone: dict[str, tuple[list[Diagnostic], bytes]],
    included: set[str],
) -> list[Diagnostic]:
    """The checks of each project whose every journey is in the run.

    Its journeys are what a walk of its folder finds, less the files journeys include.
    """
    by_project: dict[str, list[_Journey]] = {}
    for j in journeys:
        if j.reads and _is_project(j.reads[0]):
            by_project.setdefault(j.reads[0], []).append(j)
    found: list[Diagnostic] = []
    projects: dict[Path, str] = {}
    for name, members in by_project.items():
        real = _real(name)
        try:
            every = files.discover([Path(name).parent]).targets
        except files.MissingPathError:
            continue
        ours = {
            _real(str(t.path))
            for t in every
            if _real(str(t.path)) not in included and _project_of(t.path, projects) == real
        }
        if not ours <= {_real(str(j.path)) for j in members}:
            continue  # a part of the project: what it does not take may be taken elsewhere
        parts = {
            read: shared.parts(alone[read][1], read)
            for j in members
            for read in j.reads
            if read in alone and not _is_project(read)
        }
        from cjmctl.health import portfolio  # a whole project's checks: never for a lone file

        views = [portfolio.Member(str(j.path), tuple(j.reads), j.document) for j in members]
        found += portfolio.check(views, parts)
    return found
