"""What changed between two versions of a journey, in the map's own terms, and three ways to say it.

A line diff of YAML shows moved keys and reflowed text; this diff says "touchpoint pickup moved
to stage delivery" and "pickup: -2 -> 0 (+2)". Parts are matched by id. Every list follows the new
file's order, with removed parts after the rest in the old file's order, so output is stable.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, fields
from difflib import SequenceMatcher
from typing import Literal

from cjmctl.journey.diagnostics import printable
from cjmctl.journey.model import Journey, Touchpoint
from cjmctl.renderers import markdown
from cjmctl.renderers.funnel import number

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


@dataclass(frozen=True, slots=True)
class FunnelChange:
    """A stage's `reached` count, before and after; None where it was not given."""

    stage: str
    name: str
    old: int | None
    new: int | None
    delta: int | None


@dataclass(frozen=True, slots=True)
class Changes:
    """Every change between two versions of a journey, by kind."""

    stages: list[PartChange]
    touchpoints: list[PartChange]
    emotions: list[EmotionChange]
    pains: list[ItemChange]
    opportunities: list[ItemChange]
    actions: list[PartChange]
    funnel: list[FunnelChange]

    @property
    def empty(self) -> bool:
        """True when the two versions say the same thing."""
        return not any(getattr(self, f.name) for f in fields(self))


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


def _items(before: list[str], after: list[str], tp_id: str) -> list[ItemChange]:
    """Texts only one side has, in that side's order (a set each: lists held thousands)."""
    had, has = set(before), set(after)
    return [ItemChange("added", tp_id, t) for t in after if t not in had] + [
        ItemChange("removed", tp_id, t) for t in before if t not in has
    ]


def diff(old: Journey, new: Journey) -> Changes:
    """Compare two versions of a journey, matching stages, touchpoints and actions by id."""
    was = {tp.id: tp for _, tp in old.touchpoints()}
    kept = [(was[tp.id], tp) for _, tp in new.touchpoints() if tp.id in was]
    reached = {s.id: s.reached for s in old.stages}
    return Changes(
        stages=_compare(_stages(old), _stages(new)),
        touchpoints=_compare(_touchpoints(old), _touchpoints(new)),
        emotions=[c for before, after in kept for c in _emotions(before, after)],
        pains=[c for b, a in kept for c in _items(b.pains, a.pains, a.id)],
        opportunities=[c for b, a in kept for c in _items(b.opportunities, a.opportunities, a.id)],
        actions=_compare(_actions(old), _actions(new)),
        funnel=[
            FunnelChange(s.id, s.name, reached[s.id], s.reached, _delta(reached[s.id], s.reached))
            for s in new.stages
            if s.id in reached and reached[s.id] != s.reached
        ],
    )


# --- formats ---------------------------------------------------------------------------------

_TITLES = {
    "stages": "Stages",
    "touchpoints": "Touchpoints",
    "emotions": "Emotions",
    "pains": "Pains",
    "opportunities": "Opportunities",
    "actions": "Actions",
    "funnel": "Funnel",
}


def _describe(c: PartChange, text: Callable[[str], str], code: Callable[[str], str]) -> str:
    """One part change in words; `text` quotes user text, `code` marks ids for the format."""
    head = f"{c.change} {code(c.id)}"
    if c.change == "added":
        return f"{head} {text(c.name)}" + (f" in stage {code(str(c.new))}" if c.new else "")
    if c.change == "removed":
        return f"{head} {text(c.name)}" + (f" from stage {code(str(c.old))}" if c.old else "")
    if c.change == "renamed":
        return f"{head}: {text(str(c.old))} -> {text(str(c.new))}"
    if c.change == "moved":
        return f"{head}: stage {code(str(c.old))} -> stage {code(str(c.new))}"
    if c.change == "reordered":
        return f"{head}: position {c.old} -> {c.new}"
    return f"{head}: {c.old} -> {c.new}"


def _numbers(c: EmotionChange | FunnelChange) -> list[str]:
    """Before, after and the signed change: emotions as written, counts with separators."""
    shown = ["none" if v is None else number(v, "en") for v in (c.old, c.new)]
    if c.delta is None:
        return [*shown, ""]
    return [*shown, ("+" if c.delta > 0 else "-") + number(abs(c.delta), "en")]


def _arrow(numbers: list[str]) -> str:
    old, new, delta = numbers
    return f"{old} -> {new}" + (f" ({delta})" if delta else "")


def _plain(text: str) -> str:
    return printable(repr(text))


def format_text(changes: Changes) -> str:
    """Plain text for a terminal: one section per kind of change, one line per change."""
    if changes.empty:
        return "no changes"
    lines: list[str] = []
    for kind, title in _TITLES.items():
        entries = getattr(changes, kind)
        lines += [title] if entries else []
        if kind == "emotions":
            lines += [f"  {c.touchpoint}{_persona(c)}: {_arrow(_numbers(c))}" for c in entries]
        elif kind == "funnel":
            lines += [f"  {c.stage}: {_arrow(_numbers(c))}" for c in entries]
        elif kind in {"pains", "opportunities"}:
            lines += [f"  {c.change} at {c.touchpoint}: {_plain(c.text)}" for c in entries]
        else:
            lines += ["  " + _describe(c, _plain, str) for c in entries]
    return "\n".join(lines)


def _persona(c: EmotionChange) -> str:
    return f" ({c.persona})" if c.persona else ""


def _md(text: str) -> str:
    """User text as one line of literal Markdown that mentions no one, controls shown escaped."""
    return markdown.text(printable(" ".join(text.split())))


def _code(slug: str) -> str:
    return f"`{slug}`"


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table whose last three columns are numbers, aligned right."""
    align = ["---"] * (len(head) - 3) + ["---:"] * 3
    return ["| " + " | ".join(cells) + " |" for cells in (head, align, *rows)]


def format_markdown(changes: Changes) -> str:
    """Markdown for a pull-request comment: a heading, a section per kind, tables for numbers."""
    out = ["## Journey map changes", ""]
    if changes.empty:
        return "\n".join([*out, "No changes."])
    for kind, title in _TITLES.items():
        entries = getattr(changes, kind)
        if not entries:
            continue
        out += [f"### {title}", ""]
        if kind == "emotions":
            rows = [
                [f"{_code(c.touchpoint)} {_md(c.name)}", c.persona or "", *_numbers(c)]
                for c in entries
            ]
            out += _table(["Touchpoint", "Persona", "Before", "After", "Change"], rows)
        elif kind == "funnel":
            rows = [[f"{_code(c.stage)} {_md(c.name)}", *_numbers(c)] for c in entries]
            out += _table(["Stage", "Before", "After", "Change"], rows)
        elif kind in {"pains", "opportunities"}:
            out += [f"- {c.change} at {_code(c.touchpoint)}: {_md(c.text)}" for c in entries]
        else:
            out += ["- " + _describe(c, _md, _code) for c in entries]
        out.append("")
    return "\n".join(out[:-1])


def format_json(changes: Changes) -> str:
    """One JSON document with a list per kind of change, keys in a fixed order."""
    return json.dumps(asdict(changes), ensure_ascii=False, indent=2)
