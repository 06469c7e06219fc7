"""cjmctl's cache folder: what one run builds and the next reads instead of building again.

Compiled templates (`renderers/jinja.py`) and the format's validators (`journey/validators.py`)
live in `$XDG_CACHE_HOME/cjmctl` (or `~/.cache/cjmctl`), one folder each. A cache file is code
that cjmctl runs, so it is trusted as jinja2's own default cache trusts its folder: the folder is
this user's, not a link, and no one else can write to it; on top of that each file must be this
user's and writable by no one else. Where that cannot be had (a shared or planted folder, no home
directory, no uid), or with `CJMCTL_NO_CACHE` set, nothing is cached and every run builds.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

# Write access for the group or others: enough for someone else to plant a cache file.
_SHARED = stat.S_IWGRP | stat.S_IWOTH


def _private(info: os.stat_result) -> bool:
    return info.st_uid == os.getuid() and not info.st_mode & _SHARED


def folder(name: str) -> Path | None:
    """The cache folder `name`, created private to this user; None where it is not safe to use."""
    if os.environ.get("CJMCTL_NO_CACHE") or not hasattr(os, "getuid"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not Path(base).is_absolute():  # the XDG spec: a relative value is to be ignored
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no HOME and no passwd entry for this uid
            return None
    path = Path(base) / "cjmctl" / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.mkdir(mode=0o700, exist_ok=True)
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not _private(info):
            return None
        if stat.S_IMODE(info.st_mode) != stat.S_IRWXU:  # ours, but created before it was private
            os.fchmod(fd, stat.S_IRWXU)
    except OSError:
        return None
    finally:
        os.close(fd)
    return path


def open_private(path: Path) -> BinaryIO | None:
    """`path` opened if it is a regular file of this user's that no one else can write, or None.

    O_NOFOLLOW and fstat of the open file: what is checked is exactly what is read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    stream = os.fdopen(fd, "rb")
    info = os.fstat(fd)
    if stat.S_ISREG(info.st_mode) and _private(info):
        return stream
    stream.close()
    return None


def stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """The name, size and modification time of every `.py` file in `folder`.

    As `.pyc` files are stamped: what a cache file built from that code must find unchanged.
    """
    found = []
    for entry in os.scandir(folder):
        if entry.name.endswith(".py"):
            info = entry.stat()
            found.append((entry.name, info.st_size, info.st_mtime_ns))
    return tuple(sorted(found))
