"""Splicing the shared parts a journey takes into its data and its tree of positions.

In `personas`, `channels`, `research`, `metrics` and `outlets`, a text entry is the id of a
shared part, taken as it is; a mapping with a shared part's id overrides the fields it gives.
The shared nodes keep their file (`Source.file`), so every later problem points into it.
"""

from __future__ import annotations

from typing import Any

from cjmctl.i18n import N_, _
from cjmctl.journey import messages, sharedtheme
from cjmctl.journey.diagnostics import Diagnostic, shorten
from cjmctl.journey.project import PROJECT_FILE
from cjmctl.journey.shared import LISTS, Entry, Registry
from cjmctl.journey.yamltree import Source


def resolve(
    value: dict[str, Any], source: Source, registry: Registry, name: str
) -> list[Diagnostic]:
    """Put the shared parts a journey takes into its data and positions, in place.

    Returns the problems: an id taken that no shared file defines. The shared theme goes
    under the journey's own (`sharedtheme.splice`).
    """
    found: list[Diagnostic] = []
    for key in LISTS:
        items, node = value.get(key), source.entries.get(key)
        if not isinstance(items, list) or node is None or node.kind != "seq":
            continue
        if not any(isinstance(i, str) or _overrides(i, key, registry) for i in items):
            continue
        taken: list[Any] = []
        nodes: list[Source] = []
        for item, item_node in zip(items, node.items, strict=True):
            if isinstance(item, str):
                entry = registry.find(key, item)
                if entry is None:  # said here; left out, so the model does not say it again
                    found.append(_unknown(name, item_node, key, item, registry))
                    continue
                taken.append(_copy(entry.value))
                nodes.append(entry.source)
            elif (entry := _overrides(item, key, registry)) is not None:
                taken.append({**_copy(entry.value), **item})
                nodes.append(_merged(entry.source, item_node))
            else:
                taken.append(item)
                nodes.append(item_node)
        value[key] = taken
        node.items = nodes
    sharedtheme.splice(value, source, registry.theme)
    return found


def _overrides(item: object, key: str, registry: Registry) -> Entry | None:
    if isinstance(item, dict) and isinstance(part_id := item.get("id"), str):
        return registry.find(key, part_id)
    return None


def _merged(shared: Source, local: Source) -> Source:
    node = Source(local.line, local.column, "map", local.style)
    node.entries = {**shared.entries, **local.entries}
    node.keys = {**shared.keys, **local.keys}
    for entry_key, child in local.entries.items():
        if child.file is None and shared.file is not None:
            node.entries[entry_key] = child  # the journey's own: positions in the journey
    return node


_NOT_SHARED = {
    "personas": N_("{id!r} is not the id of a shared persona"),
    "channels": N_("{id!r} is not the id of a shared channel"),
    "research": N_("{id!r} is not the id of a shared research entry"),
    "metrics": N_("{id!r} is not the id of a shared metric"),
    "outlets": N_("{id!r} is not the id of a shared outlet"),
}
_NO_SHARED_FILES = {
    "personas": N_(
        "a text entry of `personas` names a part of a shared file, and this journey uses none: "
        "write the persona as a mapping, or name a shared file in `include:` or in the "
        "project's {project}"
    ),
    "channels": N_(
        "a text entry of `channels` names a part of a shared file, and this journey uses none: "
        "write the channel as a mapping, or name a shared file in `include:` or in the "
        "project's {project}"
    ),
    "research": N_(
        "a text entry of `research` names a part of a shared file, and this journey uses none: "
        "write the research entry as a mapping, or name a shared file in `include:` or in the "
        "project's {project}"
    ),
    "metrics": N_(
        "a text entry of `metrics` names a part of a shared file, and this journey uses none: "
        "write the metric as a mapping, or name a shared file in `include:` or in the "
        "project's {project}"
    ),
    "outlets": N_(
        "a text entry of `outlets` names a part of a shared file, and this journey uses none: "
        "write the outlet as a mapping, or name a shared file in `include:` or in the "
        "project's {project}"
    ),
}
"""One whole sentence per list of `shared.LISTS`: the part's name changes its words in Russian."""


def _unknown(name: str, node: Source, key: str, part_id: str, registry: Registry) -> Diagnostic:
    message = _(_NOT_SHARED[key]).format(id=shorten(part_id))
    known = registry.ids(key)
    if not registry.files:
        hint = _(_NO_SHARED_FILES[key]).format(project=PROJECT_FILE)
    elif (near := messages.Suggestions(known).closest(part_id)) is not None:
        hint = _("did you mean {choice!r}?").format(choice=near)
    elif (other := registry.entries.get(part_id)) is not None:
        hint = _("{file} defines {id!r} under `{other}`, not `{key}`").format(
            file=other.file, id=part_id, other=other.key, key=key
        )
    elif known:
        ids = ", ".join(repr(k) for k in known[:10]) + (", …" if len(known) > 10 else "")
        hint = _("the shared ones are {ids}").format(ids=ids)
    else:
        hint = _("the shared files ({files}) define no {key}").format(
            files=", ".join(registry.files), key=key
        )
    return Diagnostic(name, node.line, node.column, message, key, hint, "error", "reference")


def _copy(value: Any) -> Any:
    """A deep copy of plain YAML data (dicts, lists, scalars), faster than `copy.deepcopy`."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value
