"""The jinja2 environment of the HTML renderers: package templates, autoescaping, a cache.

Compiling the map template costs about 40 ms a run, so compiled templates are kept in jinja2's
bytecode cache under $XDG_CACHE_HOME/cjmctl (or ~/.cache/cjmctl). The cache is keyed by the
template's source, so an edited template is never served stale. A cache file is code that
rendering runs, so it is trusted as jinja2's own default cache trusts its folder: the folder is
this user's, not a link, and no one else can write to it; on top of that each file must be this
user's and writable by no one else. Where that cannot be had (a shared or planted folder, no home
directory, no uid), templates are simply compiled in memory every time.
"""

from __future__ import annotations

import functools
import os
import re
import stat
from pathlib import Path

import jinja2
import markupsafe
from jinja2.bccache import Bucket

from cjmctl.renderers.graphemes import LONG_WORD, pieces

# Write access for the group or others: enough for someone else to plant a cache file.
_SHARED = stat.S_IWGRP | stat.S_IWOTH


def _private(info: os.stat_result) -> bool:
    return info.st_uid == os.getuid() and not info.st_mode & _SHARED


class _PrivateCache(jinja2.FileSystemBytecodeCache):
    """jinja2's file cache, loading only files that this user owns and no one else can write."""

    def load_bytecode(self, bucket: Bucket) -> None:
        # O_NOFOLLOW and fstat of the open file: what is checked is exactly what is read.
        try:
            fd = os.open(self._get_cache_filename(bucket), os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            return
        with os.fdopen(fd, "rb") as stream:
            info = os.fstat(fd)
            if stat.S_ISREG(info.st_mode) and _private(info):
                bucket.load_bytecode(stream)


def _folder() -> Path | None:
    """The cache folder, created private to this user; None where it is not safe to use."""
    if os.environ.get("CJMCTL_NO_CACHE") or not hasattr(os, "getuid"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not Path(base).is_absolute():  # the XDG spec: a relative value is to be ignored
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no HOME and no passwd entry for this uid
            return None
    folder = Path(base) / "cjmctl" / f"jinja-{jinja2.__version__}"
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=0o700, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
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
    return folder


def _cache() -> jinja2.BytecodeCache | None:
    folder = _folder()
    return None if folder is None else _PrivateCache(str(folder))


WBR = markupsafe.Markup("<wbr>")
_LONG_WORD = re.compile(rf"\S{{{LONG_WORD + 1},}}")


def breakable(text: str | None) -> markupsafe.Markup:
    """`text` escaped, with `<wbr>` inside words longer than `LONG_WORD` characters.

    Tables outside the map size their columns by their longest word, and on paper one
    very long word (a pasted URL, a run of letters) widens the table past the sheet and
    Chromium shrinks every sheet to fit. A break opportunity between user-perceived
    characters keeps ordinary words whole and lets only such words wrap. Pieces are escaped
    one by one, so no break falls inside an entity.
    """
    raw = text or ""
    parts: list[str] = []
    last = 0
    for word in _LONG_WORD.finditer(raw):
        parts.append(markupsafe.escape(raw[last : word.start()]))
        parts.append(WBR.join(markupsafe.escape(piece) for piece in pieces(word.group())))
        last = word.end()
    parts.append(markupsafe.escape(raw[last:]))
    return markupsafe.Markup("").join(parts)


@functools.cache
def environment() -> jinja2.Environment:
    """The shared environment; autoescaping is on for every template it loads."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("cjmctl", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_cache(),
    )
    env.filters["breakable"] = breakable
    return env
