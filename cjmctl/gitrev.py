"""Read a journey file from the working tree or from a git revision, as `HEAD~3:maps/sofa.yaml`.

git is run without a shell and only to show one file; what it says on failure is passed on.
Either way at most one byte more than a journey may have is read.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from cjmctl.journey.loader import MAX_BYTES, read_limited


class GitError(Exception):
    """git could not give the file: git is missing, or the revision or path does not exist."""


def read_spec(spec: str, cwd: Path) -> tuple[bytes, str]:
    """Read `path` or `REV:path` (the path relative to `cwd`, like git); return bytes and a name.

    A plain path that exists wins over the REV:path reading, so Windows paths (`C:/maps/x.yaml`)
    and files with a colon in their name are read as files.

    Raises:
        GitError: git is missing, or it cannot show `path` at `REV`.
        OSError: `spec` has no colon and cannot be read as a file.
    """
    rev, colon, rel = spec.partition(":")
    path = cwd / spec
    if not colon or path.exists():
        return read_limited(path), spec
    if rev.startswith("-"):
        raise GitError(f"cannot read {spec}: a revision cannot start with '-'")
    if Path(rel).is_absolute():
        rel = os.path.relpath(rel, cwd)
    try:
        shown = subprocess.Popen(
            ["git", "show", "--no-textconv", f"{rev}:./{Path(rel).as_posix()}"],
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    except FileNotFoundError:
        raise GitError(
            f"cannot read {spec}: git is not installed or not on PATH (apt-get install git)"
        ) from None
    with shown:
        assert shown.stdout is not None
        # As much as the loader reads of a file: one byte more than a journey may have.
        data = shown.stdout.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            shown.kill()
        stderr = shown.communicate()[1]
    if shown.returncode != 0 and len(data) <= MAX_BYTES:
        said = stderr.decode("utf-8", "replace").strip().splitlines()
        reason = "; ".join(line.removeprefix("fatal: ") for line in said) or "git failed"
        raise GitError(f"cannot read {spec}: {reason}")
    return data, spec
