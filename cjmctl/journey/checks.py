"""Rules across a validated journey that pydantic cannot place: unique ids, references resolve.

Each finding names the exact key path of the offending value, so the loader can point at it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from cjmctl.journey.diagnostics import format_path, shorten
from cjmctl.journey.messages import Suggestions
from cjmctl.journey.model import Journey

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """A broken rule at `loc`; `at_key` points at the mapping key rather than its value."""

    loc: Loc
    message: str
    hint: str
    rule: str
    at_key: bool = False


_NAMES = {
    "persona": "a persona",
    "channel": "a channel",
    "stage": "a stage",
    "touchpoint": "a touchpoint",
    "action": "an action",
    "research": "a research entry",
}

# What each kind of reference may name: (the part kinds it accepts, what to call them, where
# such parts are listed in the file).
_TARGETS = {
    "channel": ({"channel"}, "a channel", "channels"),
    "flow": ({"touchpoint", "stage"}, "a touchpoint or stage", "stages"),
    "research": ({"research"}, "a research entry", "research"),
    "persona": ({"persona"}, "a persona", "personas"),
    "touchpoint": ({"touchpoint"}, "a touchpoint", "stages"),
}


def _part_locs(journey: Journey) -> Iterator[tuple[Loc, str]]:
    """Yield (location, id) of every part that has an id, in file order."""
    for name in ("personas", "channels"):
        for i, part in enumerate(getattr(journey, name)):
            yield (name, i), part.id
    for i, stage in enumerate(journey.stages):
        yield ("stages", i), stage.id
        for j, tp in enumerate(stage.touchpoints):
            yield ("stages", i, "touchpoints", j), tp.id
    for name in ("actions", "research"):
        for i, part in enumerate(getattr(journey, name)):
            yield (name, i), part.id


def _reference(
    loc: Loc,
    ref: str,
    target: str,
    kinds: dict[str, str],
    known: Suggestions,
    *,
    at_key: bool = False,
) -> Finding | None:
    """Check that `ref` names a part of the kind `target` wants; say what is wrong if not.

    `known` holds the ids a `target` reference may name, made once for all references.
    """
    accepted, what, where = _TARGETS[target]
    if kinds.get(ref) in accepted:
        return None
    close = known.closest(ref)
    shown = shorten(ref)
    if close:
        hint = f"did you mean {shorten(close)!r}?"
    elif not known.choices:
        hint = f"the file has no {where} yet; add {what} with id {shown!r} there"
    elif ref in kinds:
        hint = f"name {what} here"
    else:
        hint = f"add {what} with id {shown!r} to {where}"
    if ref in kinds:
        message = f"{shown!r} is the id of {_NAMES[kinds[ref]]}, not of {what}"
    else:
        message = f"{shown!r} is not the id of {what}"
    return Finding(loc, message, hint, "reference", at_key)


def check(journey: Journey) -> list[Finding]:
    """Find duplicate ids and references that name nothing, or the wrong kind of thing."""
    findings: list[Finding | None] = []
    first: dict[str, Loc] = {}
    for loc, part_id in _part_locs(journey):
        if part_id in first:
            findings.append(
                Finding(
                    (*loc, "id"),
                    f"duplicate id {shorten(part_id)!r}, already used at "
                    + format_path(first[part_id]),
                    "ids are unique across the whole file, whatever they name; rename one",
                    "duplicate-id",
                )
            )
        first.setdefault(part_id, loc)

    kinds: dict[str, str] = {}
    for kind, part, _ in journey.parts():
        kinds.setdefault(part.id, kind)
    # (where, the id written, what it must name); ids that are mapping keys come after.
    references: list[tuple[Loc, str, str]] = []
    keyed: list[tuple[Loc, str, str]] = []
    for i, stage in enumerate(journey.stages):
        for j, tp in enumerate(stage.touchpoints):
            at: Loc = ("stages", i, "touchpoints", j)
            if journey.channels and tp.channel is not None:
                references.append(((*at, "channel"), tp.channel, "channel"))
            references += [((*at, "next", k), r, "flow") for k, r in enumerate(tp.next or [])]
            references += [((*at, "evidence", k), r, "research") for k, r in enumerate(tp.evidence)]
            if isinstance(tp.emotion, dict):
                keyed += [((*at, "emotion", r), r, "persona") for r in tp.emotion]
    for i, action in enumerate(journey.actions):
        references += [
            (("actions", i, "addresses", k), r, "flow") for k, r in enumerate(action.addresses)
        ]
    for i, entry in enumerate(journey.research):
        keyed += [(("research", i, "scores", r), r, "touchpoint") for r in entry.scores]

    known = {
        target: Suggestions(part_id for part_id, kind in kinds.items() if kind in accepted)
        for target, (accepted, _, _) in _TARGETS.items()
    }
    for loc, ref, target in references:
        findings.append(_reference(loc, ref, target, kinds, known[target]))
    for loc, ref, target in keyed:
        findings.append(_reference(loc, ref, target, kinds, known[target], at_key=True))
    return [f for f in findings if f is not None]
