"""The jinja2 environment of the HTML renderers: package templates, autoescaping, a cache.

Compiling the map template costs about 50 ms, a tenth of rendering a 1,000-touchpoint map, so
compiled templates are kept in jinja2's bytecode cache under $XDG_CACHE_HOME/cjmctl (or
~/.cache/cjmctl). The cache is keyed by the template's source, so an edited template is never
served stale; where the folder cannot be made, templates are simply compiled every time.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import jinja2


def _cache() -> jinja2.BytecodeCache | None:
    if os.environ.get("CJMCTL_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "cjmctl" / f"jinja-{jinja2.__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


@functools.cache
def environment() -> jinja2.Environment:
    """The shared environment; autoescaping is on for every template it loads."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("cjmctl", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_cache(),
    )
