"""What changed between two versions of a journey, in the map's own terms (`diffreport` says it).

A line diff of YAML shows moved keys and reflowed text; this diff says "touchpoint pickup moved
to stage delivery" and "pickup: -2 -> 0 (+2)". Parts are matched by id; every other field of
every part is compared by `fieldwalk`, driven by the models, so no field goes unreported. Every
list follows the new file's order, with removed parts after the rest in the old file's order,
so output is stable.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Literal

from pydantic import BaseModel

from cjmctl.health import fieldwalk
from cjmctl.health.fieldwalk import FieldChange, Skip
from cjmctl.journey.audits import Criterion, Outlet
from cjmctl.journey.metrics import Metric
from cjmctl.journey.model import (
    Action,
    Channel,
    Journey,
    Persona,
    Stage,
    Touchpoint,
)
from cjmctl.journey.parts import Identified as _Identified
from cjmctl.journey.research import Research

Kind = Literal["added", "removed", "renamed", "moved", "reordered", "status"]


@dataclass(frozen=True, slots=True)
class PartChange:
    """A stage, touchpoint or action added, removed, renamed, moved, reordered or re-statused.

    `old` and `new` hold what changed: names (renamed), stage ids (moved; a touchpoint added or
    removed has its stage in `new` or `old`), 1-based positions (reordered) or statuses.
    """

    change: Kind
    id: str
    name: str
    old: str | int | None = None
    new: str | int | None = None


@dataclass(frozen=True, slots=True)
class EmotionChange:
    """A touchpoint's emotion for everyone (`persona` None) or one persona; None where unset."""

    touchpoint: str
    name: str
    persona: str | None
    old: int | None
    new: int | None
    delta: int | None


@dataclass(frozen=True, slots=True)
class ItemChange:
    """A pain or opportunity added to or removed from a touchpoint."""

    change: Literal["added", "removed"]
    touchpoint: str
    text: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class FunnelChange:
    """A stage's `reached` count, before and after; None where it was not given."""

    stage: str
    name: str
    old: int | None
    new: int | None
    delta: int | None


KINDS = (
    "stages",
    "touchpoints",
    "emotions",
    "pains",
    "opportunities",
    "actions",
    "funnel",
    "personas",
    "channels",
    "research",
    "metrics",
    "outlets",
    "criteria",
    "fields",
)
"""The lists of changes, in the order JSON writes them."""


@dataclass(frozen=True, slots=True)
class Changes:
    """Every change between two versions of a journey, by kind, and what the formats need.

    `fields` holds every other field of every part that changed; `stage_of` (touchpoint id ->
    stage id and name) only shapes the Markdown, which speaks the user's language.
    """

    stages: list[PartChange]
    touchpoints: list[PartChange]
    emotions: list[EmotionChange]
    pains: list[ItemChange]
    opportunities: list[ItemChange]
    actions: list[PartChange]
    funnel: list[FunnelChange]
    personas: list[PartChange] = field(default_factory=list)
    channels: list[PartChange] = field(default_factory=list)
    research: list[PartChange] = field(default_factory=list)
    metrics: list[PartChange] = field(default_factory=list)
    outlets: list[PartChange] = field(default_factory=list)
    criteria: list[PartChange] = field(default_factory=list)
    """Checklist criteria: their touchpoint in `new` (added) or `old` (removed)."""
    fields: list[FieldChange] = field(default_factory=list)
    stage_of: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """True when the two versions say the same thing."""
        return not any(getattr(self, kind) for kind in KINDS)


def _delta(old: int | None, new: int | None) -> int | None:
    return new - old if old is not None and new is not None else None


def _out_of_order(before: Sequence[str], after: Sequence[str]) -> set[str]:
    """Of the same ids in two orders, those that moved against the rest (difflib's matching)."""
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    kept = {after[b.b + k] for b in matcher.get_matching_blocks() for k in range(b.size)}
    return set(after) - kept


@dataclass(frozen=True, slots=True)
class _Part:
    id: str
    name: str
    group: str  # the stage of a touchpoint; "" for stages and actions
    position: int  # 1-based, within the group
    status: str = ""


def _compare(old: list[_Part], new: list[_Part]) -> list[PartChange]:
    """Match parts by id: added, renamed, moved to another group, reordered in it, re-statused."""
    was, ids = {p.id: p for p in old}, {p.id for p in new}
    # Order matters only among the parts that stayed in their group, one group at a time.
    stayed: dict[str, list[str]] = {}
    for p in new:
        if p.id in was and was[p.id].group == p.group:
            stayed.setdefault(p.group, []).append(p.id)
    kept = {part_id for group in stayed.values() for part_id in group}
    before: dict[str, list[str]] = {}
    for p in old:
        if p.id in kept:
            before.setdefault(p.group, []).append(p.id)
    shuffled = {i for group, now in stayed.items() for i in _out_of_order(before[group], now)}
    found: list[PartChange] = []
    for p in new:
        b = was.get(p.id)
        if b is None:
            found.append(PartChange("added", p.id, p.name, new=p.group or None))
            continue
        if b.name != p.name:
            found.append(PartChange("renamed", p.id, p.name, b.name, p.name))
        if b.group != p.group:
            found.append(PartChange("moved", p.id, p.name, b.group, p.group))
        elif p.id in shuffled:
            found.append(PartChange("reordered", p.id, p.name, b.position, p.position))
        if b.status != p.status:
            found.append(PartChange("status", p.id, p.name, b.status, p.status))
    found += [
        PartChange("removed", p.id, p.name, old=p.group or None) for p in old if p.id not in ids
    ]
    return found


def _stages(journey: Journey) -> list[_Part]:
    return [_Part(s.id, s.name, "", i) for i, s in enumerate(journey.stages, 1)]


def _touchpoints(journey: Journey) -> list[_Part]:
    return [
        _Part(tp.id, tp.name, s.id, i)
        for s in journey.stages
        for i, tp in enumerate(s.touchpoints, 1)
    ]


def _actions(journey: Journey) -> list[_Part]:
    return [_Part(a.id, a.title, "", i, a.status) for i, a in enumerate(journey.actions, 1)]


def _personas(tp: Touchpoint) -> list[str]:
    return list(tp.emotion) if isinstance(tp.emotion, dict) else []


def _emotions(before: Touchpoint, after: Touchpoint) -> list[EmotionChange]:
    """Per persona where either version scores per persona, else the one shared score."""
    personas: list[str | None] = [None]
    if isinstance(before.emotion, dict) or isinstance(after.emotion, dict):
        personas = list(dict.fromkeys([*_personas(after), *_personas(before)]))
    found = []
    for persona in personas:
        old, new = before.emotion_for(persona), after.emotion_for(persona)
        if old != new:
            found.append(EmotionChange(after.id, after.name, persona, old, new, _delta(old, new)))
    return found


# Fields reported above in richer terms; the walk compares every other field of every model.
SKIP: Skip = {
    Journey: frozenset(
        {"stages", "personas", "channels", "actions", "research", "metrics", "outlets"}
    ),
    Persona: frozenset({"id", "name"}),
    Channel: frozenset({"id", "name"}),
    Stage: frozenset({"id", "name", "reached", "touchpoints"}),
    Touchpoint: frozenset({"id", "name", "emotion", "pains", "opportunities", "checklist"}),
    Action: frozenset({"id", "title", "status"}),
    Research: frozenset({"id", "title"}),
    Metric: frozenset({"id", "name"}),
    Outlet: frozenset({"id", "name"}),
    Criterion: frozenset({"id", "name"}),
}


def _items(before: list[str], after: list[str], tp: Touchpoint) -> list[ItemChange]:
    """Texts only one side has (as many times as it has them more), in that side's order."""
    added, removed = fieldwalk.items(before, after)
    return [ItemChange("added", tp.id, t, tp.name) for t in added] + [
        ItemChange("removed", tp.id, t, tp.name) for t in removed
    ]


def _reordered(pairs: list[tuple[Touchpoint, Touchpoint]], lane: str) -> list[FieldChange]:
    """Pains or opportunities that kept their texts but not their order."""
    return [
        FieldChange(
            "touchpoint", a.id, a.name, lane, "reordered", getattr(b, lane), getattr(a, lane)
        )
        for b, a in pairs
        if getattr(b, lane) != getattr(a, lane)
        and Counter(getattr(b, lane)) == Counter(getattr(a, lane))
    ]


def _named(part: BaseModel) -> str:
    name = getattr(part, "name", None) or getattr(part, "title", None)
    return name if isinstance(name, str) else str(getattr(part, "id", ""))


def _details(
    kind: str, old: Sequence[_Identified], new: Sequence[_Identified]
) -> list[FieldChange]:
    """Every other field of the parts kept (matched by id), in the new file's order."""
    was = {p.id: p for p in old}
    return [
        c
        for p in new
        if p.id in was and was[p.id] != p
        for c in fieldwalk.compare(kind, p.id, _named(p), (was[p.id], p), SKIP)
    ]


def _listed(old: Sequence[_Identified], new: Sequence[_Identified]) -> list[PartChange]:
    def parts(of: Sequence[_Identified]) -> list[_Part]:
        return [_Part(p.id, _named(p), "", i) for i, p in enumerate(of, 1)]

    return _compare(parts(old), parts(new))


def _criteria(kept: list[tuple[Touchpoint, Touchpoint]]) -> list[PartChange]:
    """Criteria added, removed, renamed or reordered in the checklist of each touchpoint kept.

    A criterion's id is unique only within its checklist, so each checklist is matched apart.
    """

    def parts(tp: Touchpoint) -> list[_Part]:
        return [_Part(c.id, c.name, tp.id, i) for i, c in enumerate(tp.checklist, 1)]

    return [c for b, a in kept for c in _compare(parts(b), parts(a))]


def _criterion_details(kept: list[tuple[Touchpoint, Touchpoint]]) -> list[FieldChange]:
    """Weights and other fields of the criteria kept, named with their touchpoint."""
    found: list[FieldChange] = []
    for b, a in kept:
        was = {c.id: c for c in b.checklist}
        for c in a.checklist:
            if c.id in was and was[c.id] != c:
                name = f"{a.name}: {c.name}"
                found += fieldwalk.compare("criterion", c.id, name, (was[c.id], c), SKIP)
    return found


def diff(old: Journey, new: Journey) -> Changes:
    """Compare two versions of a journey: parts matched by id, then every field of each."""
    was = {tp.id: tp for _, tp in old.touchpoints()}
    kept = [(was[tp.id], tp) for _, tp in new.touchpoints() if tp.id in was]
    reached = {s.id: s.reached for s in old.stages}
    fields_changed = fieldwalk.compare("journey", None, new.title, (old, new), SKIP)
    fields_changed += _details("persona", old.personas, new.personas)
    fields_changed += _details("channel", old.channels, new.channels)
    fields_changed += _details("stage", old.stages, new.stages)
    fields_changed += _details("touchpoint", [b for b, _ in kept], [a for _, a in kept])
    fields_changed += _reordered(kept, "pains") + _reordered(kept, "opportunities")
    fields_changed += _details("action", old.actions, new.actions)
    fields_changed += _details("research", old.research, new.research)
    fields_changed += _details("metric", old.metrics, new.metrics)
    fields_changed += _details("outlet", old.outlets, new.outlets)
    fields_changed += _criterion_details(kept)
    return Changes(
        stages=_compare(_stages(old), _stages(new)),
        touchpoints=_compare(_touchpoints(old), _touchpoints(new)),
        emotions=[c for before, after in kept for c in _emotions(before, after)],
        pains=[c for b, a in kept for c in _items(b.pains, a.pains, a)],
        opportunities=[c for b, a in kept for c in _items(b.opportunities, a.opportunities, a)],
        actions=_compare(_actions(old), _actions(new)),
        funnel=[
            FunnelChange(s.id, s.name, reached[s.id], s.reached, _delta(reached[s.id], s.reached))
            for s in new.stages
            if s.id in reached and reached[s.id] != s.reached
        ],
        personas=_listed(old.personas, new.personas),
        channels=_listed(old.channels, new.channels),
        research=_listed(old.research, new.research),
        metrics=_listed(old.metrics, new.metrics),
        outlets=_listed(old.outlets, new.outlets),
        criteria=_criteria(kept),
        fields=fields_changed,
        stage_of={tp.id: (s.id, s.name) for s, tp in new.touchpoints()},
    )
