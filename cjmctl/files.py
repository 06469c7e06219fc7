"""Finding journey files under the paths a user gives, and writing outputs atomically."""

from __future__ import annotations

import fnmatch
import glob
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = (".yaml", ".yml")


class MissingPathError(Exception):
    """A path the user named does not exist: a usage error, not a journey error."""


@dataclass(frozen=True, slots=True)
class Target:
    """A journey file to work on, and its path relative to what the user named.

    `relative` is what `--out-dir` mirrors: below a folder argument, the path inside that
    folder; for a file or glob match, the path as given (or only the name, when absolute).
    """

    path: Path
    relative: Path


def _is_glob(text: str) -> bool:
    return any(char in text for char in "*?[")


def discover(paths: Iterable[Path], exclude: Iterable[str] = ()) -> list[Target]:
    """Expand folders and globs into journey files, in a stable order.

    Files named explicitly are always taken. Below a folder, every `*.yaml`/`*.yml` file is
    taken except hidden files and folders and any file whose path relative to that folder, or
    one of the folders on that path, matches an `exclude` glob (`invalid`, `invalid/*` and
    `*/drafts` all work). A path that does not exist but looks like a glob (`maps/**/*.yaml`,
    quoted so the shell leaves it alone) is expanded, `**` included. Each file is listed once,
    in the order the paths were given.
    """
    patterns = list(exclude)
    found: dict[Path, Target] = {}
    for path in paths:
        if path.is_dir():
            below = sorted(
                p
                for p in path.rglob("*")
                if p.suffix in SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            for p in below:
                if not _excluded(p.relative_to(path), patterns):
                    found.setdefault(p, Target(p, p.relative_to(path)))
        elif path.exists():
            found.setdefault(path, Target(path, Path(path.name) if path.is_absolute() else path))
        elif _is_glob(str(path)):
            # glob.glob, not Path.glob: the pattern may be absolute and may hold `**`.
            matches = sorted(Path(m) for m in glob.glob(str(path), recursive=True))  # noqa: PTH207
            files = [m for m in matches if m.is_file() and m.suffix in SUFFIXES]
            if not files:
                raise MissingPathError(f"no journey file matches {path}")
            for m in files:
                found.setdefault(m, Target(m, Path(m.name) if m.is_absolute() else m))
        else:
            raise MissingPathError(f"no such file or folder: {path}")
    return list(found.values())


def output_path(source: Path, output: str | None, suffix: str) -> Path | None:
    """Where the rendering of `source` goes; None means standard output.

    No `output`: beside the source (`maps/sofa.yaml` -> `maps/sofa.html`). `-`: stdout.
    A folder (an existing one, or any path ending in `/`): that folder, same file name.
    Anything else: that file.
    """
    if output is None:
        return source.with_suffix(suffix)
    if output == "-":
        return None
    if output.endswith(("/", os.sep)) or Path(output).is_dir():
        return Path(output) / source.with_suffix(suffix).name
    return Path(output)


def _excluded(relative: Path, patterns: list[str]) -> bool:
    parts = relative.parts
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    return any(fnmatch.fnmatch(prefix, g) for prefix in prefixes for g in patterns)


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a part.

    The bytes go to a temporary file in the same folder, which then replaces `path`; if
    anything fails, the temporary file is removed and an existing `path` is left untouched.
    """
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0o022)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        Path(temporary).chmod(mode)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
