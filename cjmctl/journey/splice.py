"""Splicing the shared parts a journey takes into its data and its tree of positions.

In `personas`, `channels`, `research`, `metrics` and `outlets`, a text entry is the id of a
shared part, taken as it is; a mapping with a shared part's id overrides the fields it gives.
The shared nodes keep their file (`Source.file`), so every later problem points into it.
"""

from __future__ import annotations

from typing import Any

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


def _unknown(name: str, node: Source, key: str, part_id: str, registry: Registry) -> Diagnostic:
    what = LISTS[key]
    article = "an" if what[0] in "aeiou" else "a"
    message = f"{shorten(part_id)!r} is not the id of {article} shared {what}"
    known = registry.ids(key)
    if not registry.files:
        hint = (
            f"a text entry of `{key}` names a part of a shared file, and this journey uses "
            f"none: write the {what} as a mapping, or name a shared file in `include:` or in "
            f"the project's {PROJECT_FILE}"
        )
    elif (near := messages.Suggestions(known).closest(part_id)) is not None:
        hint = f"did you mean {near!r}?"
    elif (other := registry.entries.get(part_id)) is not None:
        hint = f"{other.file} defines {part_id!r} under `{other.key}`, not `{key}`"
    elif known:
        hint = "the shared ones are " + ", ".join(repr(k) for k in known[:10])
        hint += ", …" if len(known) > 10 else ""
    else:
        hint = f"the shared files ({', '.join(registry.files)}) define no {key}"
    return Diagnostic(name, node.line, node.column, message, key, hint, "error", "reference")


def _copy(value: Any) -> Any:
    """A deep copy of plain YAML data (dicts, lists, scalars), faster than `copy.deepcopy`."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value
