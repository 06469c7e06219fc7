"""Rules across a validated journey that pydantic cannot place: unique ids, references resolve.

Each finding names the exact key path of the offending value, so the loader can point at it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from cjmctl.diagnostics import format_path
from cjmctl.model import Journey

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """A broken rule at `loc`; `at_key` points at the mapping key rather than its value."""

    loc: Loc
    message: str
    hint: str
    rule: str
    at_key: bool = False


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


def _unresolved(loc: Loc, ref: str, known: Sequence[str], what: str, where: str) -> Finding:
    close = difflib.get_close_matches(ref, known, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}?" if close else f"add {what} with id {ref!r} to {where}"
    if not known:
        hint = f"the file has no {where} yet; add {what} with id {ref!r} there"
    return Finding(loc, f"{ref!r} is not the id of {what}", hint, "reference")


def check(journey: Journey) -> list[Finding]:
    """Find duplicate ids and references that name nothing."""
    findings: list[Finding] = []
    first: dict[str, Loc] = {}
    for loc, part_id in _part_locs(journey):
        if part_id in first:
            where = format_path(first[part_id])
            findings.append(
                Finding(
                    (*loc, "id"),
                    f"duplicate id {part_id!r}, already used at {where}",
                    "ids are unique across the whole file, whatever they name; rename one",
                    "duplicate-id",
                )
            )
        first.setdefault(part_id, loc)

    personas = [p.id for p in journey.personas]
    channels = [c.id for c in journey.channels]
    research = [r.id for r in journey.research]
    touchpoints = [tp.id for _, tp in journey.touchpoints()]
    flow_targets = touchpoints + [s.id for s in journey.stages]

    for i, stage in enumerate(journey.stages):
        for j, tp in enumerate(stage.touchpoints):
            at: Loc = ("stages", i, "touchpoints", j)
            if channels and tp.channel is not None and tp.channel not in channels:
                findings.append(
                    _unresolved((*at, "channel"), tp.channel, channels, "a channel", "channels")
                )
            for k, ref in enumerate(tp.next or []):
                if ref not in flow_targets:
                    findings.append(
                        _unresolved(
                            (*at, "next", k), ref, flow_targets, "a touchpoint or stage", "stages"
                        )
                    )
            for k, ref in enumerate(tp.evidence):
                if ref not in research:
                    findings.append(
                        _unresolved(
                            (*at, "evidence", k), ref, research, "a research entry", "research"
                        )
                    )
            if isinstance(tp.emotion, dict):
                for ref in tp.emotion:
                    if ref not in personas:
                        finding = _unresolved(
                            (*at, "emotion", ref), ref, personas, "a persona", "personas"
                        )
                        findings.append(
                            Finding(finding.loc, finding.message, finding.hint, finding.rule, True)
                        )

    for i, action in enumerate(journey.actions):
        for k, ref in enumerate(action.addresses):
            if ref not in flow_targets:
                findings.append(
                    _unresolved(
                        ("actions", i, "addresses", k),
                        ref,
                        flow_targets,
                        "a touchpoint or stage",
                        "stages",
                    )
                )
    for i, entry in enumerate(journey.research):
        for ref in entry.scores:
            if ref not in touchpoints:
                finding = _unresolved(
                    ("research", i, "scores", ref), ref, touchpoints, "a touchpoint", "stages"
                )
                findings.append(
                    Finding(finding.loc, finding.message, finding.hint, finding.rule, True)
                )
    return findings
