"""The bytes of a journey and of the files it names: size limits, encodings, and where from.

Every YAML file cjmctl reads (journeys, shared and project files, imported diagrams) is read
here with the same limits, and a journey's other files only from inside the folder it may use.
"""

from __future__ import annotations

import functools
import os
from os import PathLike
from pathlib import Path
from typing import Protocol

from cjmctl.i18n import _, reason
from cjmctl.journey import metricdata, project, yamltree
from cjmctl.journey.diagnostics import Diagnostic, JourneyError

MAX_BYTES = 8 * 1024 * 1024
_RAW_CONTROL = yamltree.Unprintable("\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f")
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


DATA_ROOT_VARIABLE = "CJMCTL_DATA_ROOT"
"""Where `--data-root` puts the folder that a journey's data files may be read from."""


class DataFiles(Protocol):
    """Reads the files a journey names (shared files, `metric_files`), relative to the journey."""

    def fetch(self, ref: str) -> tuple[bytes, str]:
        """The bytes of the data file `ref` and the name diagnostics call it by.

        Raises:
            metricdata.DataFileError: the file is outside the allowed root or unreadable.
        """
        ...

    def fetch_shared(self, ref: str) -> tuple[bytes, str, str]:
        """The bytes of the shared or project file `ref`, its shown name, and its identity.

        The identity (a real path) is the same for every name of one file, through links:
        includes are told apart by it, and messages keep the shown names.

        Raises:
            metricdata.DataFileError: the file is outside the project or unreadable.
        """
        ...

    def identity(self) -> str:
        """The journey's own identity, as `fetch_shared` gives them: so it cannot include itself."""
        ...

    def fetch_asset(self, ref: str, limit: int) -> tuple[bytes, str]:
        """At most `limit` bytes of a file the map shows (a logo), and its shown name.

        From where shared files may come: a logo beside a shared theme is the project's.

        Raises:
            metricdata.DataFileError: the file is outside the project or unreadable.
        """
        ...

    def project(self) -> str | None:
        """The project file (`cjmctl.yaml`) the journey is in, relative to its folder.

        Raises:
            metricdata.DataFileError: the project file cannot be looked for.
        """
        ...


class LocalFiles:
    """Files beside a journey on disk, never outside their root, even through a symlink.

    The root of data files (`metric_files`) is `--data-root` (the `CJMCTL_DATA_ROOT` variable)
    if given, else the git work tree that holds the journey, else the journey's own folder: a
    journey from a pull request cannot make CI read, and quote in its errors, a file elsewhere
    on the machine. Shared files have the same root, except that with a project file
    (`cjmctl.yaml`, see `project.find`) and no `--data-root` it is the project's folder.
    """

    def __init__(self, journey: Path, name: str, root: Path | None = None) -> None:
        self.journey = journey
        self.base = journey.parent
        self.shown = Path(name).parent
        self.given = root

    def identity(self) -> str:
        """The journey's real path."""
        try:
            return str(self.journey.resolve())
        except (OSError, RuntimeError):  # a symlink loop: RuntimeError before 3.13
            return str(self.journey)

    @functools.cached_property
    def root(self) -> Path:
        """The folder data files must lie in; found only for a journey that names some."""
        given = self.given or (Path(v) if (v := os.environ.get(DATA_ROOT_VARIABLE)) else None)
        return (given or project.work_tree(self.base.resolve()) or self.base).resolve()

    @functools.cached_property
    def shared_root(self) -> Path:
        """The folder shared files must lie in: the project's, unless `--data-root` says."""
        given = self.given or os.environ.get(DATA_ROOT_VARIABLE)
        if not given and (found := self._project_file) is not None:
            return found.parent
        return self.root

    @functools.cached_property
    def _project_file(self) -> Path | None:
        return project.find(self.base)

    def project(self) -> str | None:
        """The project file above the journey, relative to the journey's folder."""
        try:
            found = self._project_file
        except OSError as error:
            raise metricdata.DataFileError(
                _("cannot look for {file}: {reason}").format(
                    file=project.PROJECT_FILE, reason=reason(error)
                ),
                _("check the permissions of the journey's folders"),
            ) from None
        return None if found is None else os.path.relpath(found, self.base.resolve())

    def fetch(self, ref: str) -> tuple[bytes, str]:
        """Read the data file `ref` (relative to the journey) if it lies inside the root."""
        data, shown, _ = self._fetch(ref, self.root)
        return data, shown

    def fetch_shared(self, ref: str) -> tuple[bytes, str, str]:
        """Read the shared file `ref` (relative to the journey) if it lies inside the project."""
        return self._fetch(ref, self.shared_root)

    def fetch_asset(self, ref: str, limit: int) -> tuple[bytes, str]:
        """Read at most `limit` bytes of `ref` (relative to the journey) inside the project."""
        data, shown, _ = self._fetch(ref, self.shared_root, limit, regular=True)
        return data, shown

    def _fetch(
        self, ref: str, root: Path, limit: int = MAX_BYTES + 1, *, regular: bool = False
    ) -> tuple[bytes, str, str]:
        shown = os.path.normpath(self.shown / ref)
        try:
            real = (self.base / ref).resolve()
        except (OSError, RuntimeError) as error:  # a symlink loop: RuntimeError before 3.13
            why = (
                reason(error)
                if isinstance(error, OSError) and error.strerror
                else _("a symbolic link that leads to itself")
            )
            raise metricdata.DataFileError(
                _("cannot read {file!r}: {reason}").format(file=ref, reason=why),
                _("point the link at the file, or name the file itself"),
            ) from None
        if not real.is_relative_to(root):
            raise metricdata.DataFileError(
                _("{file!r} is outside {folder}, the folder data files are read from").format(
                    file=ref, folder=root
                ),
                _(
                    "keep data and shared files inside the project (or the repository), or name "
                    "another folder with `cjmctl --data-root DIR`"
                ),
            )
        if regular and real.exists() and not (real.is_file() or real.is_dir()):
            # #15 branding: a pipe would read as empty, or wait for a writer; a folder says so.
            raise metricdata.DataFileError(
                _("{file!r} is not a regular file").format(file=ref),
                _("name the image file itself, not a pipe, a socket or a device"),
            )
        try:
            return read_limited(real, limit), shown, str(real)
        except OSError as error:
            raise metricdata.DataFileError(
                _("cannot read {file!r}: {reason}").format(file=ref, reason=reason(error)),
                _("paths are relative to the file that names them"),
            ) from None


def read_limited(path: str | PathLike[str], limit: int = MAX_BYTES + 1) -> bytes:
    """The bytes of a file, at most `limit` of them (`MAX_BYTES` + 1: enough to tell it is too big).

    So `/dev/zero` or a huge file costs no more than the limit. The file is opened without
    waiting for a writer, so a FIFO that nobody writes to reads as empty instead of hanging.

    Raises:
        OSError: the file cannot be read (missing, a folder, no permission).
    """
    nonblocking = getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, os.O_RDONLY | nonblocking | getattr(os, "O_BINARY", 0))
    try:
        if nonblocking:
            os.set_blocking(fd, True)  # a FIFO with a writer: wait for what it writes
        chunks: list[bytes] = []
        wanted = limit
        while wanted > 0 and (chunk := os.read(fd, wanted)):
            chunks.append(chunk)
            wanted -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def check_text(data: bytes, name: str) -> str:
    """Bytes to text that holds no control characters, as every YAML file of cjmctl must be.

    Raises:
        JourneyError: the file is too big, not UTF-8 (or UTF-16/32 with BOM), or holds controls.
    """
    return _check_controls(decode(data, name), name)


def decode(data: bytes, name: str) -> str:
    """Bytes to text, refusing more than `MAX_BYTES` and what is not UTF-8 (or UTF-16/32 with BOM).

    Journeys and the diagrams imported into them share these rules.

    Raises:
        JourneyError: one diagnostic, at the first byte that breaks a rule.
    """

    def fail(offset: int, message: str, hint: str) -> JourneyError:
        before = data[:offset]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        return JourneyError(
            [Diagnostic(name, line, column, message, "", hint, "error", "encoding")]
        )

    if len(data) > MAX_BYTES:
        raise fail(
            0,
            _("the file is larger than {mib} MiB, the limit of a journey file").format(
                mib=MAX_BYTES // 2**20
            ),
            _("split the journey into several files"),
        )
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise fail(
                    0,
                    _(
                        "the file starts with a {codec} byte order mark but is not valid {codec}"
                    ).format(codec=codec),
                    _("save the file as UTF-8"),
                ) from None
            return text.lstrip("\ufeff")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise fail(
            nul,
            _("the file contains a NUL byte: it is binary, or UTF-16 without a byte order mark"),
            _("save the file as UTF-8"),
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise fail(
            error.start,
            _("the file is not valid UTF-8: byte {byte} cannot stand here").format(
                byte=f"0x{data[error.start]:02X}"
            ),
            _("save the file as UTF-8 (it may be in Latin-1 or Windows-1251)"),
        ) from None
    return text


def _check_controls(text: str, name: str) -> str:
    found = []
    for match in _RAW_CONTROL.pattern(text).finditer(text):
        start = match.start()
        line = text.count("\n", 0, start) + 1
        column = start - text.rfind("\n", 0, start)
        found.append(
            Diagnostic(
                name,
                line,
                column,
                _("the file contains {character}").format(
                    character=yamltree.unprintable(match.group())
                ),
                hint=_("remove it: journey files hold printable text only"),
                rule="encoding",
            )
        )
        if len(found) == 10:
            break
    if found:
        raise JourneyError(found)
    return text
