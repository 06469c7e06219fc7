"""Where a project's files are: the project file, and what a folder scan must not take as a journey.

Light on purpose: finding files runs before any journey is read, and must not load the model.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import posixpath
import stat
from pathlib import Path
from typing import Any, Literal

PROJECT_FILE = "cjmctl.yaml"
MAX_SHARED_FILES = 64
"""Shared files one journey may use, nested includes counted: a registry, not a file system."""

Role = Literal["project", "shared", "excluded"]


def find(folder: Path) -> Path | None:
    """The project file (`cjmctl.yaml`) of the journeys in `folder`: the nearest one, resolved.

    Inside a git work tree it is looked for up to the work tree's top. Outside one, upwards
    while the folders are the user's own, as git decides whose a repository is: a folder that
    another user owns, or that others may write to (`/tmp`), ends the search. So a `cjmctl.yaml`
    someone else left in `/tmp` or above a home folder never becomes the project of the maps
    below it.

    Raises:
        OSError: a folder on the way cannot be looked into.
    """
    for candidate in search_path(folder.resolve()):
        if (candidate / PROJECT_FILE).is_file():
            return candidate / PROJECT_FILE
    return None


def search_path(folder: Path) -> list[Path]:
    """The folders `find` looks into, nearest first, for the resolved folder `folder`."""
    top = work_tree(folder)
    if top is not None:
        return upward(folder, top)
    owned = []
    for candidate in (folder, *folder.parents):
        if not _own(candidate):
            break
        owned.append(candidate)
    return owned


def _own(folder: Path) -> bool:
    """Whether `folder` is the user's own: theirs, and writable by no one else."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # Windows: no owners to compare, as git on Windows trusts the user's disk
        return True
    info = folder.stat()
    return info.st_uid == getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def upward(folder: Path, top: Path) -> list[Path]:
    """`folder` and the folders above it, up to `top` included (`top` must hold `folder`)."""
    return [folder, *(p for p in folder.parents if p.is_relative_to(top))]


def work_tree(folder: Path) -> Path | None:
    """The top of the git work tree the resolved folder `folder` is in, found without git."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def not_journeys(project: Path) -> tuple[set[str], list[str]]:
    """What a folder scan of the project `project` (a `cjmctl.yaml`) must not take as journeys.

    Returns the shared files (the project's and those they include, as posix paths relative to
    the project's folder) and the `exclude` patterns. Read leniently: a broken project file
    skips nothing here, and its problems are reported when a journey of the project loads.
    Cached by the size and time of change of the project file: `watch` sees it change.
    """
    try:
        stat = project.stat()
    except OSError:
        return set(), []
    return _not_journeys(project, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)
def _not_journeys(project: Path, changed: int, size: int) -> tuple[set[str], list[str]]:
    # A shared file's own includes are not in the key: `watch` of a project whose shared files
    # include more sees a new nested include once the project file or a journey changes.
    from cjmctl.journey import reading, yamltree  # only when a folder holds a project file
    from cjmctl.journey.diagnostics import JourneyError

    folder = project.parent
    files: set[str] = set()
    seen: set[str] = set()

    def light(path: Path) -> dict[str, Any]:
        try:
            text = reading.check_text(reading.read_limited(path), str(path))
            value = yamltree.parse(text)[0]
        except (OSError, JourneyError, yamltree.YamlError):
            return {}
        return value if isinstance(value, dict) else {}

    def texts(value: object) -> list[str]:
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    def take(path: Path) -> None:
        rel = posixpath.normpath(os.path.relpath(path, folder).replace(os.sep, "/"))
        real = os.path.realpath(path)
        if real in seen or len(files) >= MAX_SHARED_FILES or rel.startswith("../"):
            return
        seen.add(real)
        files.add(rel)
        for nested in texts(light(path).get("include")):
            take(path.parent / nested)

    settings = light(project)
    for ref in texts(settings.get("shared")):
        take(folder / ref)
    return files, texts(settings.get("exclude"))


def role(path: Path) -> Literal["project", "shared"] | None:
    """What a file named by a user is: "project", "shared", or None for a journey.

    Named explicitly, a file that the project's `exclude` matches is still read as a journey.

    Raises:
        OSError: a folder on the way cannot be looked into.
    """
    found = kind(path)
    return None if found == "excluded" else found


def kind(path: Path) -> Role | None:
    """What a file is by its place: "project", "shared", "excluded", or None for a journey.

    A `cjmctl.yaml` is a project file; a file that its project (`find`) names, directly or
    through includes, is a shared file; one that the project's `exclude` patterns match is
    excluded from a folder scan, the site and links.

    Raises:
        OSError: a folder on the way cannot be looked into.
    """
    if path.name == PROJECT_FILE:
        return "project"
    return kind_in(path, find(path.parent))


def kind_in(path: Path, found: Path | None) -> Role | None:
    """`kind`, given `found`, the `find` of the file's folder: a walk finds it once per folder."""
    if path.name == PROJECT_FILE:
        return "project"
    if found is None:
        return None
    shared, exclude = not_journeys(found)
    relative = Path(os.path.relpath(path.parent.resolve() / path.name, found.parent))
    if relative.as_posix() in shared:
        return "shared"
    return "excluded" if excluded(relative, exclude) else None


def excluded(relative: Path, patterns: list[str]) -> bool:
    """Whether `relative`, or a folder on its way, matches one of the `exclude` globs."""
    parts = relative.parts
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    return any(fnmatch.fnmatch(prefix, g) for prefix in prefixes for g in patterns)


def excludes_folder(folder: Path) -> bool:
    """Whether the `exclude` of `folder`'s project names the folder, or everything in it.

    A user who names such a folder (`cjmctl validate invalid/`) asks for its files.
    """
    found = find(folder)
    if found is None:
        return False
    relative = Path(os.path.relpath(folder.resolve(), found.parent))
    return relative != Path() and excluded(relative / "*", not_journeys(found)[1])
