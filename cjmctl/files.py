"""Finding journey files under the paths a user gives, checking where outputs go, writing them."""

from __future__ import annotations

import errno
import fnmatch
import functools
import itertools
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cjmctl.i18n import _
from cjmctl.journey import project

SUFFIXES = (".yaml", ".yml")


class MissingPathError(Exception):
    """A path the user named does not exist: a usage error, not a journey error."""


@dataclass(frozen=True, slots=True)
class Target:
    """A journey file to work on, and its path relative to what the user named.

    `relative` is what `--out-dir` mirrors: below a folder argument, the path inside that
    folder; for a file or glob match, the path as given without its leading `..` parts (only
    the name, when absolute), so that a mirrored output never climbs out of `--out-dir`.
    """

    path: Path
    relative: Path


@dataclass(frozen=True, slots=True)
class Found:
    """What `discover` found, and a note for each link it skipped because it leads elsewhere."""

    targets: list[Target]
    skipped: list[str]


class OutputError(Exception):
    """Outputs that would overwrite an input, collide or leave `--out-dir`: a usage error."""


def _is_glob(text: str) -> bool:
    return any(char in text for char in "*?[")


def discover(paths: Iterable[Path], exclude: Iterable[str] = ()) -> Found:
    """Expand folders and globs into journey files, in a stable order.

    Files named explicitly are always taken. Below a folder, every `*.yaml`/`*.yml` file is
    taken except hidden files and folders and any file whose path relative to that folder, or
    one of the folders on that path, matches an `exclude` glob (`invalid`, `invalid/*` and
    `*/drafts` all work). A path that does not exist but looks like a glob (`maps/**/*.yaml`,
    quoted so the shell leaves it alone) is expanded, `**` included. Each file is listed once,
    in the order the paths were given.

    Walks and globs never enter a linked folder (so link loops cannot make them endless), and
    a link that leads out of the folder searched is skipped with a note: a tree of journeys
    must not pull in files from elsewhere on the machine.
    """
    patterns = list(exclude)
    found: dict[Path, Target] = {}
    skipped: list[str] = []
    for path in paths:
        if path.is_dir():
            for p in sorted(_walk(path, patterns, skipped)):
                found.setdefault(p, Target(p, p.relative_to(path)))
        elif path.exists():
            found.setdefault(path, Target(path, _mirrored(path)))
        elif _is_glob(str(path)):
            before = len(skipped)
            matches = sorted(_glob(path, skipped))
            wanted = functools.cache(functools.partial(_asks_excluded, _fixed(path)))
            files = [
                m
                for m in matches
                if m.is_file() and m.suffix in SUFFIXES and not _not_journey(m, wanted)
            ]
            if not files:
                said = _("no journey file matches {pattern}").format(pattern=path)
                raise MissingPathError("; ".join([said, *skipped[before:]]))
            for m in files:
                found.setdefault(m, Target(m, _mirrored(m)))
        else:
            raise MissingPathError(_("no such file or folder: {path}").format(path=path))
    return Found(list(found.values()), list(dict.fromkeys(skipped)))


def _walk(folder: Path, patterns: list[str], skipped: list[str]) -> Iterator[Path]:
    """The journey files below `folder`; links are taken only while they stay inside it.

    Below a project file (`cjmctl.yaml`), neither it, nor the shared files it names, nor the
    files its `exclude` patterns match are journeys.
    """
    root = os.path.realpath(folder)
    wanted = functools.cache(functools.partial(_asks_excluded, folder))
    for here, dirs, names in os.walk(folder):
        base = Path(here)
        try:
            found = project.find(base)
        except OSError:
            found = None
        kind = functools.partial(project.kind_in, found=found)
        for name in list(dirs):
            if name.startswith(".") or _excluded((base / name).relative_to(folder), patterns):
                dirs.remove(name)
            elif (base / name).is_symlink():
                # os.walk does not enter it; inside the tree it only repeats files that the
                # walk reaches through their real folder.
                dirs.remove(name)
                _outside(base / name, root, folder, skipped)
        for name in names:
            p = base / name
            if name.startswith(".") or p.suffix not in SUFFIXES:
                continue
            if _excluded(p.relative_to(folder), patterns) or _not_journey(p, wanted, kind):
                continue
            if p.is_symlink() and _outside(p, root, folder, skipped):
                continue
            if p.is_file():
                yield p


def _not_journey(
    path: Path,
    wanted: Callable[[], bool],
    kind: Callable[[Path], str | None] = project.kind,
) -> bool:
    """Whether `path` is a project file, or a shared or excluded file of its project.

    The project is the one the loader finds (`project.find`; a walk finds it once per folder
    and passes its `kind`). Excluded files are taken when the folder or the fixed part of the
    glob the user gave is what `exclude` names: `wanted`, asked only if it matters.
    """
    try:
        found = kind(path)
    except OSError:
        return False
    return found is not None and (found != "excluded" or not wanted())


def _asks_excluded(top: Path) -> bool:
    try:
        return project.excludes_folder(top)
    except OSError:
        return False


def _glob(pattern: Path, skipped: list[str]) -> Iterator[Path]:
    """Expand a glob as `glob.glob(recursive=True)` does, without entering linked folders.

    glob.glob follows links to folders: two links to a parent folder keep it busy for hours.
    Here `**` and `*` descend only into real folders, and a link that leads out of the
    pattern's fixed part (`maps` in `maps/**/*.yaml`) is skipped with a note.
    """
    parts = pattern.parts
    base = _fixed(pattern)
    fixed = len(base.parts)
    root = os.path.realpath(base)
    links: list[Path] = []
    for match in _matches(base, parts[fixed:], links):
        if not match.is_symlink() or not _outside(match, root, base, skipped):
            yield match
    for link in links:
        _outside(link, root, base, skipped)


def _fixed(pattern: Path) -> Path:
    """The part of a glob before its first wildcard: `maps` in `maps/**/*.yaml`."""
    parts = pattern.parts
    return Path(*parts[: next((i for i, part in enumerate(parts) if _is_glob(part)), len(parts))])


def _matches(base: Path, parts: tuple[str, ...], links: list[Path]) -> Iterator[Path]:
    """Paths below `base` matching `parts`; linked folders that were not entered go to `links`."""
    if not parts:
        yield base
        return
    head, rest = parts[0], parts[1:]
    if not _is_glob(head):
        yield from _matches(base / head, rest, links)
        return
    try:
        with os.scandir(base) as entries:
            children = sorted((e.name, e.is_dir(follow_symlinks=False)) for e in entries)
    except OSError:
        return
    if head == "**":
        # No folder at all, then one more real folder at a time; files only as the last part.
        yield from _matches(base, rest, links)
        for name, is_dir in children:
            if name.startswith("."):
                continue
            if is_dir:
                yield from _matches(base / name, parts, links)
            elif not rest:
                yield base / name
            elif (base / name).is_dir():
                links.append(base / name)
        return
    for name, is_dir in children:
        # As in glob.glob, a wildcard matches no hidden name unless it starts with a dot.
        if name.startswith(".") and not head.startswith("."):
            continue
        if not fnmatch.fnmatchcase(name, head):
            continue
        if not rest:
            yield base / name
        elif is_dir:
            yield from _matches(base / name, rest, links)
        elif (base / name).is_dir():
            links.append(base / name)


def _outside(link: Path, root: str, folder: Path, skipped: list[str]) -> bool:
    """Whether `link` leads out of `root`, the real path of `folder`; if so, say it is skipped."""
    if _inside(link, root):
        return False
    said = _("skipping {link}: a link that leads outside {folder}")
    skipped.append(said.format(link=link, folder=_folder(folder)))
    return True


def _folder(path: Path) -> str:
    text = str(path)
    return text if text.endswith(("/", os.sep)) else text + "/"


def _inside(path: Path, root: str) -> bool:
    """Whether `path`, links and `..` resolved, is `root` or below it."""
    return _below(os.path.realpath(path), root)


def _below(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _mirrored(path: Path) -> Path:
    """The part of a named file's path that `--out-dir` mirrors: never absolute, never `..`."""
    if path.is_absolute():
        return Path(path.name)
    parts = Path(os.path.normpath(path)).parts
    return Path(*itertools.dropwhile(lambda part: part == "..", parts))


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


def check_outputs(plan: Iterable[tuple[Path, Path]], out_dir: Path | None = None) -> None:
    """Refuse (input, output) pairs that would lose a file or put one in the wrong place.

    Refused, all at once and before any work: an output that is one of the inputs; several
    inputs with one output (the winner would depend on timing, and `--check` could never
    pass); an output that a link inside `out_dir` leads out of it. Paths are compared with
    links and `..` resolved, and through `os.path.normcase`: case-blind on Windows, exact
    elsewhere (a case-insensitive macOS volume is not detected).

    Raises:
        OutputError: the message lists each such output and the inputs that map to it.
    """
    pairs = list(plan)
    key = _resolver()
    inputs = {key(source): source for source in dict.fromkeys(source for source, _out in pairs)}
    sources: dict[str, list[Path]] = {}
    shown: dict[str, Path] = {}
    for source, destination in pairs:
        where = key(destination)
        shown.setdefault(where, destination)
        if source not in sources.setdefault(where, []):
            sources[where].append(source)
    lines: list[str] = []
    overwritten = [where for where in sources if where in inputs]
    if overwritten:
        lines.append(_("an output would overwrite a journey; write it somewhere else:"))
        each = _("{output} is the input {input}")
        lines += [
            "  " + each.format(output=shown[where], input=inputs[where]) for where in overwritten
        ]
    shared = [where for where, names in sources.items() if len(names) > 1 and where not in inputs]
    if shared:
        lines.append(_("several inputs would be rendered to one file; rename all but one:"))
        lines += [f"  {shown[where]} <- " + ", ".join(map(str, sources[where])) for where in shared]
    if out_dir is not None:
        root = os.path.normcase(os.path.realpath(out_dir))
        outside = [shown[where] for where in sources if not _below(where, root)]
        if outside:
            said = _("a link inside {folder} would take these outputs out of it:")
            lines.append(said.format(folder=out_dir))
            lines += [f"  {path}" for path in outside]
    if lines:
        raise OutputError("\n".join(lines))


def _resolver() -> Callable[[Path], str]:
    """A path's real, normcased spelling; each folder resolved once, for batches of thousands."""

    @functools.cache
    def folder(path: str) -> str:
        return os.path.realpath(path)

    def key(path: Path) -> str:
        if path.is_symlink():
            return os.path.normcase(os.path.realpath(path))
        parent, name = os.path.split(path)
        return os.path.normcase(os.path.normpath(f"{folder(parent or os.curdir)}/{name}"))

    return key


def _excluded(relative: Path, patterns: list[str]) -> bool:
    return project.excluded(relative, patterns)


def write_atomic(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a part.

    The bytes go to a temporary file in the same folder, which then replaces `path`; if
    anything fails, the temporary file is removed and an existing `path` is left untouched.
    Only a regular file is replaced: renaming over a link, a device or a pipe would destroy it
    (`-o /dev/null` as root), so those are refused. A `private` file is readable and writable
    by this user alone (a cache file), whatever the umask or the file it replaces.

    Raises:
        OSError: the file cannot be written, or `path` exists and is not a regular file.
    """
    try:
        info = path.lstat()
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        said = (
            _("it is a link; cjmctl replaces only regular files")
            if stat.S_ISLNK(info.st_mode)
            else _("it is not a regular file; cjmctl replaces only regular files")
        )
        raise OSError(errno.EEXIST, said)
    try:
        mode = 0o600 if private else path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0o022)
        os.umask(umask)
        mode = 0o666 & ~umask
    import tempfile

    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        Path(temporary).chmod(mode)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
