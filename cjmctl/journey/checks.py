"""Rules across a validated journey that pydantic cannot place: unique ids, references resolve.

Each finding names the exact key path of the offending value, so the loader can point at it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cjmctl.journey.audits import Criterion
from cjmctl.journey.backing import is_id
from cjmctl.journey.diagnostics import format_path, shorten
from cjmctl.journey.messages import Suggestions, plain_number
from cjmctl.journey.metrics import Metric
from cjmctl.journey.model import Journey
from cjmctl.journey.research import Research
from cjmctl.journey.slugs import SLUG_PATTERN

if TYPE_CHECKING:
    from cjmctl.journey.shared import Registry

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
    "metric": "a metric",
    "outlet": "an outlet",
}

# What each kind of reference may name: (the part kinds it accepts, what to call them, where
# such parts are listed in the file).
_TARGETS = {
    "channel": ({"channel"}, "a channel", "channels"),
    "flow": ({"touchpoint", "stage"}, "a touchpoint or stage", "stages"),
    "research": ({"research"}, "a research entry", "research"),
    "persona": ({"persona"}, "a persona", "personas"),
    "touchpoint": ({"touchpoint"}, "a touchpoint", "stages"),
    "metric": ({"metric"}, "a metric", "metrics"),
    "outlet": ({"outlet"}, "an outlet", "outlets"),
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
    for name in ("actions", "research", "metrics", "outlets"):
        for i, part in enumerate(getattr(journey, name)):
            yield (name, i), part.id


def _normal(name: str) -> str:
    """A name as people compare names: case and runs of white space do not matter."""
    return " ".join(name.split()).casefold()


class _Names:
    """The parts a reference may name, by their names, for a reference that names one so.

    Built once per kind of reference (two dicts, linear in the parts): a name written
    exactly wins over one that differs only in case or spacing; the first part of a name wins.
    """

    def __init__(self, parts: list[tuple[str, str, str]]) -> None:
        self.exact: dict[str, tuple[str, str, str]] = {}
        self.loose: dict[str, tuple[str, str, str]] = {}
        for part in parts:
            self.exact.setdefault(part[2], part)
            self.loose.setdefault(_normal(part[2]), part)

    def named(self, ref: str) -> tuple[str, str, str] | None:
        """(kind, id, name) of the part whose name `ref` is, if there is one."""
        return self.exact.get(ref) or self.loose.get(_normal(ref))


def _reference(
    loc: Loc,
    ref: str,
    target: str,
    kinds: dict[str, str],
    known: tuple[Suggestions, _Names],
    *,
    at_key: bool = False,
    registry: Registry | None = None,
) -> Finding | None:
    """Check that `ref` names a part of the kind `target` wants; say what is wrong if not.

    `known` holds the ids a `target` reference may name and those parts by their names,
    made once for all references.
    """
    accepted, what, where = _TARGETS[target]
    if kinds.get(ref) in accepted:
        return None
    ids, names = known
    by_name = _by_name(loc, ref, target, names, at_key=at_key)
    if by_name:
        return by_name
    close = ids.closest(ref)
    shown = shorten(ref)
    entry = registry.entries.get(ref) if registry is not None and ref not in kinds else None
    if entry is not None and where == entry.key:
        source = entry.source
        return Finding(
            loc,
            f"{shown!r} is not the id of {what} of this journey",
            f"{entry.file}:{source.line}:{source.column} shares it: take it by adding "
            f"{shown!r} to the journey's `{where}` list",
            "reference",
            at_key,
        )
    if close:
        hint = f"did you mean {shorten(close)!r}?"
    elif not ids.choices:
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


def _by_name(
    loc: Loc, ref: str, target: str, names: _Names, *, at_key: bool = False
) -> Finding | None:
    named = names.named(ref)
    if named is None:
        return None
    kind, part_id, name = named
    return Finding(
        loc,
        f"{shorten(ref)!r} is not the id of {_TARGETS[target][1]}",
        f"did you mean {shorten(part_id)!r}, the id of the {_NAMES[kind].split(' ', 1)[1]} "
        f"named {shorten(name)!r}? references name ids, not names",
        "reference",
        at_key,
    )


# The reference fields whose ids pydantic checks as slugs, by the key before the item index
# (lists) or before the key marker (mappings keyed by id).
_SLUG_REFERENCES = {"next": "flow", "addresses": "flow", "evidence": "research", "at": "flow"}
_KEYED_REFERENCES = {
    "emotion": "persona",
    "scores": "touchpoint",
    "ratings": "touchpoint",
    "results": "touchpoint",
}


class RawNames:
    """The parts of a journey that failed validation, by name, for references pydantic refused.

    An id that is not a slug (`next: [Европротокол через Госуслуги]`) stops validation, so
    `check` never sees it; this reads the plain data instead, once per file and only if asked.
    Only parts with an id written out count: a derived id is the slug the plain hint proposes.
    """

    def __init__(self, data: dict[str, object]) -> None:
        self.data = data
        self._names: dict[str, _Names] = {}

    def finding(self, loc: Loc, ref: object) -> Finding | None:
        """The finding for a non-slug `ref` at `loc` that names a part by its name, if it does."""
        target, at_key = _target(loc)
        if target is None or not isinstance(ref, str):
            return None
        if target not in self._names:
            accepted = _TARGETS[target][0]
            self._names[target] = _Names([p for p in _raw_parts(self.data) if p[0] in accepted])
        return _by_name(
            loc[:-1] if at_key else loc, ref, target, self._names[target], at_key=at_key
        )


def _target(loc: Loc) -> tuple[str | None, bool]:
    if len(loc) >= 3 and loc[-1] == "[key]":
        keyed = [k for k in loc[:-2] if k != "per_persona"]
        return _KEYED_REFERENCES.get(str(keyed[-1])) if keyed else None, True
    if len(loc) >= 2 and isinstance(loc[-1], int):
        return _SLUG_REFERENCES.get(str(loc[-2])), False
    return None, False


def _raw_parts(data: dict[str, object]) -> Iterator[tuple[str, str, str]]:
    """(kind, id, name) of every part of plain journey data with an id and a name, in file order."""

    def listed(value: object) -> list[dict[str, object]]:
        return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []

    def part(kind: str, item: dict[str, object], label: str) -> Iterator[tuple[str, str, str]]:
        part_id, name = item.get("id"), item.get(label)
        if isinstance(part_id, str) and isinstance(name, str):
            yield kind, part_id, name

    for key, kind in (("personas", "persona"), ("channels", "channel")):
        for item in listed(data.get(key)):
            yield from part(kind, item, "name")
    for stage in listed(data.get("stages")):
        yield from part("stage", stage, "name")
        for tp in listed(stage.get("touchpoints")):
            yield from part("touchpoint", tp, "name")
    for key, kind in (("actions", "action"), ("research", "research")):
        for item in listed(data.get(key)):
            yield from part(kind, item, "title")
    for key, kind in (("metrics", "metric"), ("outlets", "outlet")):
        for item in listed(data.get(key)):
            yield from part(kind, item, "name")


def check(journey: Journey, registry: Registry | None = None) -> list[Finding]:
    """Find duplicate ids and references that name nothing, or the wrong kind of thing.

    `registry` holds the shared parts the journey could take: a reference to one it has not
    taken says how to take it.
    """
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
    parts = journey.parts()
    for kind, part, _ in parts:
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
            if journey.research:  # a source written as an id must name one; words stay free
                references += [
                    ((*at, "claims", name, "source"), c.source, "research")
                    for name, c in tp.claims.given()
                    if c.source is not None and is_id(c.source)
                ]
            if isinstance(tp.emotion, dict):
                keyed += [((*at, "emotion", r), r, "persona") for r in tp.emotion]
            if tp.future is not None and isinstance(tp.future.emotion, dict):
                keyed += [((*at, "future", "emotion", r), r, "persona") for r in tp.future.emotion]
    for i, action in enumerate(journey.actions):
        references += [
            (("actions", i, "addresses", k), r, "flow") for k, r in enumerate(action.addresses)
        ]
    for i, entry in enumerate(journey.research):
        keyed += [(("research", i, "scores", r), r, "touchpoint") for r in entry.scores]
        keyed += [(("research", i, "ratings", r), r, "touchpoint") for r in entry.ratings]
        for k, visit in enumerate(entry.visits):
            at = ("research", i, "visits", k)
            references.append(((*at, "outlet"), visit.outlet, "outlet"))
            keyed += [((*at, "results", r), r, "touchpoint") for r in visit.results]
    for i, metric in enumerate(journey.metrics):
        references += [(("metrics", i, "at", k), r, "flow") for k, r in enumerate(metric.at)]
    for i, action in enumerate(journey.actions):
        # A metric written as an id (one slug) must name one; words stay free text.
        if action.metric is not None and journey.metrics and _SLUG.fullmatch(action.metric):
            references.append((("actions", i, "metric"), action.metric, "metric"))

    known = {
        target: (
            Suggestions(part_id for part_id, kind in kinds.items() if kind in accepted),
            _Names([(kind, p.id, name) for kind, p, name in parts if kind in accepted]),
        )
        for target, (accepted, _, _) in _TARGETS.items()
    }
    for loc, ref, target in references:
        findings.append(_reference(loc, ref, target, kinds, known[target], registry=registry))
    for loc, ref, target in keyed:
        findings.append(
            _reference(loc, ref, target, kinds, known[target], at_key=True, registry=registry)
        )
    findings += _measures(journey)
    from cjmctl.journey import statechecks  # it builds on this module's Finding

    findings += statechecks.findings(journey)
    return [f for f in findings if f is not None]


_SLUG = re.compile(SLUG_PATTERN)


def _measures(journey: Journey) -> list[Finding | None]:
    """Rules inside metrics, checklists, visits and survey ratings that no single field sees."""
    found: list[Finding | None] = []
    for i, metric in enumerate(journey.metrics):
        at: Loc = ("metrics", i)
        if metric.warning is not None and metric.target is None:
            found.append(
                Finding(
                    (*at, "warning"),
                    "a warning threshold needs a target",
                    "add `target:`, the value to reach; `warning:` lies on its worse side",
                    "value",
                )
            )
        elif (
            metric.warning is not None
            and metric.target is not None
            and metric.status(metric.warning) == "met"
            and metric.warning != metric.target
        ):
            side = "below" if not metric.lower_is_better() else "above"
            found.append(
                Finding(
                    (*at, "warning"),
                    f"the warning threshold {plain_number(metric.warning)} is on the better side "
                    f"of the target {plain_number(metric.target)}",
                    f"a warning threshold lies {side} the target when "
                    f"{'lower' if metric.lower_is_better() else 'higher'} is better",
                    "value",
                )
            )
        found += _on_scale(metric, at)
    checklists = {tp.id: tp.checklist for _, tp in journey.touchpoints()}
    for i, stage in enumerate(journey.stages):
        for j, tp in enumerate(stage.touchpoints):
            seen: set[str] = set()
            for k, criterion in enumerate(tp.checklist):
                if criterion.id in seen:
                    found.append(
                        Finding(
                            ("stages", i, "touchpoints", j, "checklist", k, "id"),
                            f"duplicate criterion {shorten(criterion.id)!r} in this checklist",
                            "each criterion of a touchpoint's checklist has its own id",
                            "duplicate-id",
                        )
                    )
                seen.add(criterion.id)
    for i, entry in enumerate(journey.research):
        found += _research(journey, entry, ("research", i), checklists)
    return found


def _on_scale(metric: Metric, at: Loc) -> list[Finding | None]:
    """The metric's target, warning and inline values that lie off its `scale`."""
    if metric.scale is None:
        return []
    given: list[tuple[Loc, str, float | None]] = [
        ((*at, "target"), "the target", metric.target),
        ((*at, "warning"), "the warning threshold", metric.warning),
    ]
    given += [((*at, "values", k), "the value", v) for k, v in metric.values.items()]
    return [
        Finding(loc, off_scale(what, value, metric.scale), SCALE_HINT, "value")
        for loc, what, value in given
        if value is not None and not metric.scale[0] <= value <= metric.scale[1]
    ]


def off_scale(what: str, value: float, scale: tuple[float, float]) -> str:
    """The message for a number of a metric that lies outside its scale."""
    low, high = (plain_number(end) for end in scale)
    return f"{what} {plain_number(value)} is outside the metric's scale [{low}, {high}]"


SCALE_HINT = (
    "write it in the metric's unit, on its scale; or correct `scale:` (a five-point CSAT is "
    "[1, 5], a percentage [0, 100])"
)


def _research(
    journey: Journey, entry: Research, at: Loc, checklists: dict[str, list[Criterion]]
) -> list[Finding | None]:
    found: list[Finding | None] = []
    if entry.visits and entry.kind != "mystery_shopping":
        found.append(
            Finding(
                (*at, "visits"),
                f"visits belong to mystery shopping, but this entry's kind is {entry.kind}",
                "set `kind: mystery_shopping`, or move the visits to an entry of that kind",
                "value",
                at_key=True,
            )
        )
    if entry.study is not None and entry.date is None:
        found.append(
            Finding(
                (*at, "study"),
                "a wave of a study needs a date: waves are ordered by it",
                "add `date:` (YYYY-MM-DD), the day the wave ended",
                "missing-key",
                at_key=True,
            )
        )
    for k, visit in enumerate(entry.visits):
        for tp_id, results in visit.results.items():
            if tp_id not in checklists:
                continue  # not a touchpoint: reported as a reference
            criteria = Suggestions(c.id for c in checklists[tp_id])
            for criterion in results:
                if criterion in criteria.choices:
                    continue
                close = criteria.closest(criterion)
                if close:
                    hint = f"did you mean {close!r}?"
                elif criteria.choices:
                    hint = "its checklist has: " + ", ".join(sorted(criteria.choices))
                else:
                    hint = f"add a `checklist:` to touchpoint {shorten(tp_id)!r}"
                found.append(
                    Finding(
                        (*at, "visits", k, "results", tp_id, criterion),
                        f"{shorten(criterion)!r} is not a criterion of the checklist of "
                        f"touchpoint {shorten(tp_id)!r}",
                        hint,
                        "reference",
                        at_key=True,
                    )
                )
    if entry.ratings and entry.scale is None:
        found.append(
            Finding(
                (*at, "ratings"),
                "ratings need the scale their answers are on",
                "add `scale: [1, 5]` (the lowest and highest answer) to this entry",
                "missing-key",
                at_key=True,
            )
        )
    elif entry.scale is not None:
        low, high = entry.scale
        if low >= high:
            found.append(
                Finding(
                    (*at, "scale"),
                    f"the scale [{low}, {high}] does not rise",
                    "write the lowest answer first: [1, 5]",
                    "value",
                )
            )
        for tp_id, counts in entry.ratings.items():
            if low < high and len(counts) != high - low + 1:
                found.append(
                    Finding(
                        (*at, "ratings", tp_id),
                        f"{len(counts)} counts for a scale of {high - low + 1} answers "
                        f"({low} to {high})",
                        "give one count per answer, from the lowest to the highest",
                        "value",
                    )
                )
    return found
