"""The jinja2 environment of the HTML renderers: package templates, autoescaping, a cache.

Compiling the map template costs about 40 ms a run, so compiled templates are kept in jinja2's
bytecode cache, in cjmctl's cache folder (`cjmctl/cache.py`: private to the user, or nothing).
The cache is keyed by the template's source, so an edited template is never served stale.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import jinja2
import markupsafe
from jinja2.bccache import Bucket

from cjmctl import cache
from cjmctl.renderers.graphemes import LONG_WORD, pieces


class _PrivateCache(jinja2.FileSystemBytecodeCache):
    """jinja2's file cache, loading only files that this user owns and no one else can write."""

    def load_bytecode(self, bucket: Bucket) -> None:
        stream = cache.open_private(Path(self._get_cache_filename(bucket)))
        if stream is not None:
            with stream:
                bucket.load_bytecode(stream)


def _cache() -> jinja2.BytecodeCache | None:
    folder = cache.folder(f"jinja-{jinja2.__version__}")
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
