"""A theme from a shared file: one per journey, merged under the journey's own, field by field.

A project's shared file (or a journey's include) may give `theme:`; every journey reading it
is drawn with it. A journey's own `theme:` is laid over it key by key, mappings within
mappings (`palette`, `fonts`), and a list or a value replaces the shared one whole: a journey
that writes only `palette: {accent: "#c92a2a"}` keeps the shared stages, emotions, fonts and
logo. The merged nodes keep their files, so every later problem (a bad colour, a logo that is
not an image) points into the file that wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cjmctl.i18n import _
from cjmctl.journey.yamltree import Source


@dataclass(frozen=True, slots=True)
class SharedTheme:
    """The shared file's `theme:` value, its positions, and where that file is."""

    value: dict[str, Any]
    source: Source
    file: str
    """The shared file's name, as diagnostics show it."""
    at: tuple[int, int]
    """Where its `theme:` key is."""
    folder: str
    """The shared file's folder, relative to the journey's: where its logo's path starts."""


def duplicate(first: SharedTheme) -> tuple[str, str]:
    """(message, hint) for a second shared file that gives a theme."""
    return (
        _("a theme is already given in {file}:{line}:{column}").format(
            file=first.file, line=first.at[0], column=first.at[1]
        ),
        _(
            "a journey takes one shared theme: keep it in one shared file, and change its fields "
            "in the journey's own `theme:`"
        ),
    )


def splice(value: dict[str, Any], source: Source, shared: SharedTheme | None) -> None:
    """Put the shared theme under the journey's own `theme:`, in its data and positions."""
    if shared is None:
        return
    own, node = value.get("theme"), source.entries.get("theme")
    if own is None or node is None:
        value["theme"] = merge({}, shared.value)
        source.entries["theme"] = shared.source
    elif isinstance(own, dict) and node.kind == "map":
        value["theme"] = merge(shared.value, own)
        source.entries["theme"] = _merged(shared.source, node)


def merge(base: Any, top: Any) -> Any:
    """`top` over `base`: mappings key by key, all the way down; anything else `top` whole.

    Returns new containers: the shared file's cached data is never changed.
    """
    if isinstance(base, dict) and isinstance(top, dict):
        keys = dict.fromkeys([*base, *top])
        return {k: merge(base.get(k), top[k]) if k in top else merge({}, base[k]) for k in keys}
    if isinstance(top, dict):
        return {k: merge({}, v) if isinstance(v, dict) else _copy(v) for k, v in top.items()}
    return _copy(top)


def _copy(value: Any) -> Any:
    if isinstance(value, list):
        return [merge({}, v) if isinstance(v, dict) else _copy(v) for v in value]
    return value


def _merged(shared: Source, local: Source) -> Source:
    """The positions of `merge`: a new node, so the shared file's tree is never changed."""
    node = Source(local.line, local.column, "map", local.style)
    node.keys = {**shared.keys, **local.keys}
    node.entries = dict(shared.entries)
    for key, child in local.entries.items():
        below = shared.entries.get(key)
        both = below is not None and below.kind == "map" and child.kind == "map"
        node.entries[key] = _merged(below, child) if both and below is not None else child
    return node
