"""Where a project's files are: the project file, and what a folder scan must not take as a journey.

Light on purpose: finding files runs before any journey is read, and must not load the model.
"""

from __future__ import annotations

import functools
import os
import posixpath
from pathlib import Path
from typing import Any

PROJECT_FILE = "cjmctl.yaml"
MAX_SHARED_FILES = 64
"""Shared files one journey may use, nested includes counted: a registry, not a file system."""


def not_journeys(project: Path) -> tuple[set[str], list[str]]:
    """What a folder scan of the project `project` (a `cjmctl.yaml`) must not take as journeys.

    Returns the shared files (the project's and those they include, as posix paths relative to
    the project's folder) and the `exclude` patterns. Read leniently: a broken project file
    skips nothing here, and its problems are reported when a journey of the project loads.
    """
    from cjmctl.journey import reading, yamltree  # only when a folder holds a project file
    from cjmctl.journey.diagnostics import JourneyError

    folder = project.parent
    files: set[str] = set()

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
        if rel in files or len(files) >= MAX_SHARED_FILES or rel.startswith("../"):
            return
        files.add(rel)
        for nested in texts(light(path).get("include")):
            take(path.parent / nested)

    settings = light(project)
    for ref in texts(settings.get("shared")):
        take(folder / ref)
    return files, texts(settings.get("exclude"))


def role(path: Path) -> str | None:
    """What a file is by its place: "project", "shared", or None for a journey.

    A `cjmctl.yaml` is a project file; a file that a project above it names (directly or
    through includes) is a shared file. Projects are looked for up to the top of the git work
    tree the file is in.
    """
    if path.name == PROJECT_FILE:
        return "project"
    real = path.resolve()
    for folder in real.parents:
        candidate = folder / PROJECT_FILE
        if candidate.is_file() and real.relative_to(folder).as_posix() in _shared(candidate):
            return "shared"
        if (folder / ".git").exists():
            break
    return None


@functools.lru_cache(maxsize=64)
def _shared(project: Path) -> set[str]:
    return not_journeys(project)[0]
