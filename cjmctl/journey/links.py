"""Where a journey stands in its project, and where its links to other journeys lead.

A journey's id is its path from the project's root (the folder of its `cjmctl.yaml`; without
one, its own folder) without `.yaml`, in posix form: `retail/checkout`. A link names another
journey by that id, optionally with `#` and one of its stages or touchpoints. The helpers that
turn a link into a relative URL between two journeys' outputs are pure, for the HTML map,
Markdown and the site; `follow` reads the target to say what it holds, for lint and render.

Light on purpose: the renderers' options name `Target`, and the CLI starts without the loader.
"""

from __future__ import annotations

import functools
import os
import posixpath
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cjmctl.i18n import _, language, reason
from cjmctl.journey import project

if TYPE_CHECKING:
    from cjmctl.journey.diagnostics import Diagnostic
    from cjmctl.journey.model import Journey

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class Place:
    """A journey file's project root (resolved) and its id in the project."""

    root: Path
    id: str


@dataclass(frozen=True, slots=True)
class Target:
    """What a renderer shows of a link: the linked journey's title, and its part's anchor.

    `anchor` is `stage-<id>` or `tp-<id>` (the ids the HTML map gives them); None where the
    link names no part, or the part is not known.
    """

    title: str
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class Linked:
    """A linked journey as read from disk: its title and parts, or why it does not validate."""

    file: Path
    title: str = ""
    stages: tuple[str, ...] = ()
    touchpoints: tuple[str, ...] = ()
    problems: tuple[Diagnostic, ...] = ()
    """The target's own diagnostics: it does not validate (or cannot be read) when any."""

    def anchor(self, part: str | None) -> str | None:
        """The anchor of `part` in the target's HTML map; None for no part or an unknown one."""
        if part in self.stages:
            return f"stage-{part}"
        if part in self.touchpoints:
            return f"tp-{part}"
        return None


def journey_id(relative: str) -> str:
    """The id of the journey at `relative` (a posix path from the root): no `.yaml`/`.yml`."""
    for suffix in SUFFIXES:
        if relative.endswith(suffix):
            return relative.removesuffix(suffix)
    return relative


def place(path: Path) -> Place:
    """Where the journey file `path` stands: the project root above it and its id there.

    The root is found as the loader finds it for shared files (`project.find`); the
    file's own name is kept, so a journey that is a symbolic link has its link's id.

    Raises:
        OSError: a folder on the way cannot be looked into.
    """
    folder = path.parent.resolve()
    found = project.find(folder)
    root = found.parent if found is not None else folder
    return Place(root, journey_id((folder / path.name).relative_to(root).as_posix()))


def split(link: str) -> tuple[str, str | None]:
    """A link as the target journey's id and the part after `#` (None without one)."""
    target, _, part = link.partition("#")
    return target, part or None


def href(from_id: str | None, link: str, suffix: str, anchor: str | None = None) -> str:
    """The URL of `link`'s output (`suffix`: `.html`, `.md`) relative to the output of `from_id`.

    Outputs mirror the project's folders, so `retail/checkout` reaches `delivery` at
    `../delivery.html`. Without `from_id`, the target is taken to lie beside the journey.
    `anchor` (see `Target`) is the fragment; the part's id alone does not say whether it is a
    stage or a touchpoint.
    """
    target, _ = split(link)
    here = posixpath.dirname(from_id).split("/") if from_id and "/" in from_id else []
    there = target.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    path = "/".join([".."] * (len(here) - common) + there[common:]) + suffix
    return f"{path}#{anchor}" if anchor else path


def view(
    link: str, from_id: str | None, known: Mapping[str, Target], suffix: str
) -> tuple[str, str]:
    """How a renderer shows `link`: (its URL, the linked journey's title, or its id if unknown)."""
    target = known.get(link)
    if target is None:
        return href(from_id, link, suffix), split(link)[0]
    return href(from_id, link, suffix, target.anchor), target.title


def target_file(root: Path, target: str) -> Path | None:
    """The journey file that the id `target` names in the project at `root`, if there is one.

    The link's pattern forbids `..` and a leading `/`; a file that a symbolic link takes out
    of the root counts as none, as for shared files; so does a file of the project that is not
    a journey (see `not_a_journey`).
    """
    found = _candidate(root, target)
    return found if found is not None and _role(found) is None else None


def not_a_journey(root: Path, target: str) -> project.Role | None:
    """What the file `target` names is, if a file of the project but not a journey.

    "project", "shared" or "excluded"; None where it is a journey or no file at all.
    """
    found = _candidate(root, target)
    return None if found is None else _role(found)


def _candidate(root: Path, target: str) -> Path | None:
    for suffix in SUFFIXES:
        candidate = root / (target + suffix)
        try:
            if candidate.is_file() and candidate.resolve().is_relative_to(root):
                return candidate
        except (OSError, RuntimeError):  # a symlink loop: RuntimeError before 3.13
            continue
    return None


def _role(file: Path) -> project.Role | None:
    try:
        return project.kind(file)
    except OSError:
        return None


def follow(file: Path) -> Linked:
    """Read the linked journey `file` (found by `target_file`) for what a link needs of it.

    Cached by the file's size and time of change: a project's journeys that all link to one
    read it once per run, and a changed file is read again (watch).
    """
    try:
        stat = file.stat()
    except OSError:
        return _follow(file, -1, -1, language())
    return _follow(file, stat.st_mtime_ns, stat.st_size, language())


@functools.lru_cache(maxsize=256)
def _follow(file: Path, changed: int, size: int, lang: str) -> Linked:
    # `lang` keys the cache only: the target's problems are said in the user's language.
    from cjmctl.journey import loader
    from cjmctl.journey.diagnostics import Diagnostic, JourneyError

    try:
        journey = loader.load(file)
    except JourneyError as error:
        return Linked(file, problems=tuple(error.diagnostics))
    except OSError as error:
        message = _("cannot read the file: {reason}").format(reason=reason(error))
        return Linked(file, problems=(Diagnostic(str(file), 1, 1, message, rule="io"),))
    return Linked(file, journey.title, *parts(journey))


def links(journey: Journey) -> Iterator[str]:
    """Every link of the journey, stages' and touchpoints', in file order."""
    for stage in journey.stages:
        if stage.link:
            yield stage.link
        yield from (tp.link for tp in stage.touchpoints if tp.link)


def targets(path: Path, journey: Journey) -> tuple[str | None, dict[str, Target]]:
    """The journey's id and what each of its links leads to, for the renderers' options.

    A link to a missing or invalid journey gets no entry: the renderers then show its id and
    link to the file it names (lint reports it).
    """
    try:
        where = place(path)
    except OSError:
        return None, {}
    found: dict[str, Target] = {}
    for link in dict.fromkeys(links(journey)):
        target, part = split(link)
        if target == where.id:
            self = Linked(path, journey.title, *parts(journey))
            found[link] = Target(journey.title, self.anchor(part))
            continue
        file = target_file(where.root, target)
        linked = follow(file) if file is not None else None
        if linked is not None and not linked.problems:
            found[link] = Target(linked.title, linked.anchor(part))
    return where.id, found


def parts(journey: Journey) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ids of the journey's stages and of its touchpoints, that a link's `#part` may name."""
    return tuple(s.id for s in journey.stages), tuple(tp.id for _, tp in journey.touchpoints())


def shown(file: Path, document_path: Path, document_name: str) -> str:
    """How to name `file` to a user who named the linking journey `document_name`."""
    relative = os.path.relpath(file, document_path.parent.resolve())
    return posixpath.normpath(posixpath.join(posixpath.dirname(document_name), relative))
