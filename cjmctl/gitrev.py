"""Read a journey file from the working tree or from a git revision, as `HEAD~3:maps/sofa.yaml`.

git is run without a shell and only to show one file; what it says on failure is passed on.
Either way at most one byte more than a journey may have is read.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from cjmctl.i18n import _
from cjmctl.journey import csvtable, project
from cjmctl.journey.metricdata import DataFileError
from cjmctl.journey.reading import MAX_BYTES, DataFiles, LocalFiles, read_limited


class GitError(Exception):
    """git could not give the file: git is missing, or the revision or path does not exist."""


def read_spec(spec: str, cwd: Path) -> tuple[bytes, str, DataFiles]:
    """Read `path` or `REV:path` (the path relative to `cwd`, like git).

    Returns the bytes, the name diagnostics use, and a reader of the journey's data files
    from the same place: the working tree, or the same revision.

    A plain path that exists wins over the REV:path reading, so Windows paths (`C:/maps/x.yaml`)
    and files with a colon in their name are read as files.

    Raises:
        GitError: git is missing, or it cannot show `path` at `REV`.
        OSError: `spec` has no colon and cannot be read as a file.
    """
    rev, colon, rel = spec.partition(":")
    path = cwd / spec
    if not colon or path.exists():
        return read_limited(path), spec, LocalFiles(path, spec)
    if rev.startswith("-"):
        raise GitError(_("cannot read {spec}: a revision cannot start with '-'").format(spec=spec))
    if Path(rel).is_absolute():
        rel = os.path.relpath(rel, cwd)
    return _show(rev, rel, cwd, spec, MAX_BYTES), spec, _RevisionFiles(rev, rel, cwd)


class _RevisionFiles:
    """The data files of a journey read from a revision, read from that same revision."""

    def __init__(self, rev: str, rel: str, cwd: Path) -> None:
        self.rev, self.folder, self.cwd = rev, Path(rel).parent, cwd
        self.name = Path(rel).name
        self._prefix: str | None = None

    def fetch(self, ref: str) -> tuple[bytes, str]:
        return self._fetch(ref, csvtable.MAX_BYTES)

    def fetch_asset(self, ref: str, limit: int) -> tuple[bytes, str]:
        """A logo from the revision: at most `limit` bytes (one more tells it is too big)."""
        return self._fetch(ref, limit - 1)

    def _fetch(self, ref: str, limit: int) -> tuple[bytes, str]:
        rel = os.path.normpath(self.folder / ref)
        # Paths are relative to cwd, as git's are; the repository's top is what they may not leave.
        from_top = Path(os.path.normpath(Path(self.prefix()) / rel))
        if Path(ref).is_absolute() or from_top.parts[:1] == ("..",):
            raise DataFileError(
                _("{ref!r} is outside the repository").format(ref=ref),
                _("keep data files inside the repository"),
            )
        spec = f"{self.rev}:{Path(rel).as_posix()}"
        try:
            return _show(self.rev, rel, self.cwd, spec, limit), spec
        except GitError as error:
            raise DataFileError(str(error), _("commit the data file with the journey")) from None

    def fetch_shared(self, ref: str) -> tuple[bytes, str, str]:
        """A shared file from the revision; its identity is its path from the repository's top."""
        data, spec = self.fetch(ref)
        return data, spec, self._from_top(ref)

    def identity(self) -> str:
        """The journey's path from the repository's top."""
        return self._from_top(self.name)

    def _from_top(self, ref: str) -> str:
        return Path(os.path.normpath(Path(self.prefix()) / self.folder / ref)).as_posix()

    def project(self) -> str | None:
        """The project file nearest above the journey in the revision, relative to its folder.

        The rule of `project.find` in a work tree: looked for up to the repository's top.
        """
        top = Path(self.prefix())
        folder = Path(os.path.normpath(top / self.folder))
        if folder.parts[:1] == ("..",):
            return None  # the journey is outside the repository: fetch refuses it anyway
        for candidate in project.upward(folder, Path()):
            rel = os.path.relpath(candidate / project.PROJECT_FILE, top)
            try:
                _show(self.rev, rel, self.cwd, rel, 0)
            except GitError:
                continue
            return os.path.relpath(candidate / project.PROJECT_FILE, folder)
        return None

    def prefix(self) -> str:
        """Where cwd is below the repository's top (`sub/dir/`), asked of git once."""
        if self._prefix is None:
            try:
                said = subprocess.run(
                    ["git", "rev-parse", "--show-prefix"],
                    cwd=self.cwd,
                    capture_output=True,
                    check=False,
                )
            except FileNotFoundError:
                said = None
            found = said.stdout.decode("utf-8", "replace").strip() if said else ""
            self._prefix = found if said and said.returncode == 0 else ""
        return self._prefix


def _show(rev: str, rel: str, cwd: Path, spec: str, limit: int) -> bytes:
    """What `git show REV:./rel` prints, at most one byte more than `limit`."""
    try:
        shown = subprocess.Popen(
            ["git", "show", "--no-textconv", f"{rev}:./{Path(rel).as_posix()}"],
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    except FileNotFoundError:
        missing = _("cannot read {spec}: git is not installed or not on PATH (apt-get install git)")
        raise GitError(missing.format(spec=spec)) from None
    with shown:
        assert shown.stdout is not None
        # As much as the loader reads of a file: one byte more than it may have.
        data = shown.stdout.read(limit + 1)
        if len(data) > limit:
            shown.kill()
        stderr = shown.communicate()[1]
    if shown.returncode != 0 and len(data) <= limit:
        said = stderr.decode("utf-8", "replace").strip().splitlines()
        told = "; ".join(line.removeprefix("fatal: ") for line in said)
        if not told:
            failed = _("cannot read {spec}: {reason}").format(spec=spec, reason=_("git failed"))
            raise GitError(failed)
        # git's own words, in git's language: the Russian sentence says whose they are.
        raise GitError(_("cannot read {spec}: {git_said}").format(spec=spec, git_said=told))
    return data
