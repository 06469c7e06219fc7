"""Every field of two versions of a part, compared by walking the pydantic model itself.

`semdiff` reports a few fields in richer terms (renames, moves, emotion deltas, the funnel) and
tells this walk to skip them; every other field, including one added to the format later, is
compared here with no code of its own: nested models field by field, lists of texts as items
added and removed, lists of numbers as one value, mappings key by key, lists of parts by id,
anything else as old -> new.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, TypeVar

from pydantic import BaseModel

Change = Literal["changed", "added", "removed", "reordered"]
Value = str | int | float | bool | list["Value"] | dict[str, "Value"] | None
Skip = Mapping[type[BaseModel], frozenset[str]]
T = TypeVar("T", bound=Hashable)


class Day(str):
    """A date as JSON writes it (YYYY-MM-DD), still known to be one.

    The diff's text and Markdown say it as people read dates, in the user's language; a text
    that merely looks like a date stays quoted.
    """

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of a part changed: its value (`changed`), an item (`added`, `removed`) or order.

    `part` is the kind of part ("journey" for the file's own fields, `id` then None), `field` the
    path inside it (`owner`, `empathy.thinks`, `scores.pickup`). Values are as JSON writes them:
    dates as YYYY-MM-DD, an item added has only `new`, one removed only `old`.
    """

    part: str
    id: str | None
    name: str
    field: str
    change: Change
    old: Value = None
    new: Value = None


def plain(value: object) -> Value:
    """A field's value as JSON holds it: dates as text, models as their fields."""
    if isinstance(value, BaseModel):
        return plain(value.model_dump(mode="json"))
    if isinstance(value, date):
        return Day(value.isoformat())
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)  # as the format writes a whole number (`Number`): 62, not 62.0
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def items(before: Sequence[T], after: Sequence[T]) -> tuple[list[T], list[T]]:
    """Items only one side has, as a multiset, in that side's order (added, removed).

    One count per text, each text looked up a constant number of times: lists held thousands.
    """
    left = Counter(before)
    added = []
    for item in after:
        count = left.get(item, 0)
        if count:
            left[item] = count - 1
        else:
            added.append(item)
    removed = []
    for item in before:  # the same objects as the counter's keys: no comparison of texts
        count = left.get(item, 0)
        if count:
            left[item] = count - 1
            removed.append(item)
    return added, removed


@dataclass(frozen=True, slots=True)
class _Where:
    part: str
    id: str | None
    name: str
    skip: Skip

    def change(
        self, path: str, change: Change, old: object = None, new: object = None
    ) -> FieldChange:
        return FieldChange(self.part, self.id, self.name, path, change, plain(old), plain(new))


def compare(
    part: str, part_id: str | None, name: str, pair: tuple[BaseModel, BaseModel], skip: Skip
) -> list[FieldChange]:
    """Compare every field of two versions of one part but those `skip` names for its model."""
    return _fields(_Where(part, part_id, name, skip), *pair, "")


def _fields(where: _Where, old: BaseModel, new: BaseModel, prefix: str) -> list[FieldChange]:
    skipped = where.skip.get(type(new), frozenset())
    found: list[FieldChange] = []
    for field in type(new).model_fields:
        before, after = getattr(old, field, None), getattr(new, field, None)
        if field not in skipped and before != after:
            found += _values(where, prefix + field, before, after)
    return found


def _values(where: _Where, path: str, before: object, after: object) -> list[FieldChange]:
    if isinstance(before, BaseModel) and type(before) is type(after):
        assert isinstance(after, BaseModel)
        return _fields(where, before, after, path + ".")
    if isinstance(before, dict) and isinstance(after, dict):
        keys = dict.fromkeys([*after, *before])
        return [
            c
            for key in keys
            if before.get(key) != after.get(key)
            for c in _values(where, f"{path}.{key}", before.get(key), after.get(key))
        ]
    if isinstance(before, list) and isinstance(after, list):
        return _lists(where, path, before, after)
    return [where.change(path, "changed", before, after)]


def _lists(
    where: _Where, path: str, before: list[object], after: list[object]
) -> list[FieldChange]:
    """Parts with ids matched by id, other models by position, texts and numbers as a multiset."""
    if any(isinstance(v, BaseModel) for v in [*before, *after]):
        return _models(where, path, before, after)
    if not all(isinstance(v, Hashable) for v in [*before, *after]) or _numbers(before, after):
        return [where.change(path, "changed", before, after)]
    added, removed = items(before, after)
    if not added and not removed:
        return [where.change(path, "reordered", before, after)]
    return [where.change(path, "added", new=v) for v in added] + [
        where.change(path, "removed", old=v) for v in removed
    ]


def _numbers(before: list[object], after: list[object]) -> bool:
    """Lists of numbers are read by position (counts per answer of a scale): a whole value."""
    values = [*before, *after]
    return bool(values) and all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in values
    )


def _key(value: object, position: int) -> str:
    part_id = getattr(value, "id", "")
    return part_id if isinstance(part_id, str) and part_id else str(position)


def _models(
    where: _Where, path: str, before: Iterable[object], after: Iterable[object]
) -> list[FieldChange]:
    was = {_key(v, i): v for i, v in enumerate(before)}
    now = {_key(v, i): v for i, v in enumerate(after)}
    found: list[FieldChange] = []
    for key, value in now.items():
        if key not in was:
            found.append(where.change(path, "added", new=value))
        elif was[key] != value:
            found += _values(where, f"{path}[{key}]", was[key], value)
    found += [where.change(path, "removed", old=v) for k, v in was.items() if k not in now]
    if not found and list(was) != list(now):
        found.append(where.change(path, "reordered", list(was), list(now)))
    return found
