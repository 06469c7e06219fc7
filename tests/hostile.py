"""Hostile text for safety tests: put a payload into every text field of a journey."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator

from pydantic import BaseModel

NOT_TEXT = {
    "id", "cjm", "locale", "status", "kind", "next", "evidence", "addresses", "disable",
    "study", "outlet",
    "at", "better", "method",  # a metric's touchpoint/stage ids, higher|lower, a research kind
    "metric_files", "include",  # paths to read, not text to show
    "link",  # another journey's path and id
    "state",  # both|current|future
    "theme",  # colours, font names and a logo's path: patterns the model holds, not text
}  # fmt: skip
"""Fields that hold ids or enumerations, not free text."""


def inject(
    journey: BaseModel,
    payload: Callable[[int], str],
    *,
    refs: bool,
    keep: Collection[str] = (),
) -> list[str]:
    """Replace every text of `journey` in place with `payload(n)`, n counting up from 0.

    Args:
        refs: the journey lists its channels, so `channel` holds an id and is left alone.
        keep: texts left as they are, as `Model.field` (`Criterion.name`): those an output
            does not show, so a test can ask that every payload put in is shown.

    Returns:
        The payloads, in the order they were put in.
    """
    payloads: list[str] = []
    _inject(journey, iter(range(1_000_000)), payload, payloads, refs, keep)
    return payloads


def _inject(
    value: BaseModel,
    counter: Iterator[int],
    payload: Callable[[int], str],
    payloads: list[str],
    refs: bool,
    keep: Collection[str],
) -> None:
    for name in type(value).model_fields:
        current = getattr(value, name)
        if name in NOT_TEXT or (name == "channel" and refs):
            continue
        if f"{type(value).__name__}.{name}" in keep:
            continue
        if isinstance(current, str):
            new = payload(next(counter))
            payloads.append(new)
            setattr(value, name, new)
        elif isinstance(current, list) and current and isinstance(current[0], str):
            items = [payload(next(counter)) for _ in current]
            payloads += items
            setattr(value, name, items)
        elif isinstance(current, BaseModel):
            _inject(current, counter, payload, payloads, refs, keep)
        elif isinstance(current, list):
            for item in current:
                if isinstance(item, BaseModel):
                    _inject(item, counter, payload, payloads, refs, keep)
