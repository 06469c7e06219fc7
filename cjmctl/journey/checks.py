"""Rules across a validated journey that pydantic cannot place: unique ids, references resolve.

Each finding names the exact key path of the offending value, so the loader can point at it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from cjmctl.i18n import N_, _, ngettext
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
    "persona": N_("a persona"),
    "channel": N_("a channel"),
    "stage": N_("a stage"),
    "touchpoint": N_("a touchpoint"),
    "action": N_("an action"),
    "research": N_("a research entry"),
    "metric": N_("a metric"),
    "outlet": N_("an outlet"),
}
"""What one part of each kind is, as a reference that names the wrong kind says it."""

# The hint for a reference that names a part by its name, by the kind of that part.
_NAMED = {
    "persona": N_(
        "did you mean {id!r}, the id of the persona named {name!r}? references name ids, not names"
    ),
    "channel": N_(
        "did you mean {id!r}, the id of the channel named {name!r}? references name ids, not names"
    ),
    "stage": N_(
        "did you mean {id!r}, the id of the stage named {name!r}? references name ids, not names"
    ),
    "touchpoint": N_(
        "did you mean {id!r}, the id of the touchpoint named {name!r}? references name ids, "
        "not names"
    ),
    "action": N_(
        "did you mean {id!r}, the id of the action named {name!r}? references name ids, not names"
    ),
    "research": N_(
        "did you mean {id!r}, the id of the research entry named {name!r}? references name ids, "
        "not names"
    ),
    "metric": N_(
        "did you mean {id!r}, the id of the metric named {name!r}? references name ids, not names"
    ),
    "outlet": N_(
        "did you mean {id!r}, the id of the outlet named {name!r}? references name ids, not names"
    ),
}


@dataclass(frozen=True, slots=True)
class _Target:
    """What a kind of reference may name, where such parts are listed, and what it says.

    Whole sentences for each kind, marked here and translated where said: the kind's words
    take another case in each sentence of another language.
    """

    accepted: frozenset[str]
    where: str
    not_id: str
    not_here: str
    wrong_kind: str
    none_yet: str
    name_here: str
    add: str


_TARGETS = {
    "channel": _Target(
        frozenset({"channel"}),
        "channels",
        N_("{ref!r} is not the id of a channel"),
        N_("{ref!r} is not the id of a channel of this journey"),
        N_("{ref!r} is the id of {kind}, not of a channel"),
        N_("the file has no channels yet; add a channel with id {ref!r} there"),
        N_("name a channel here"),
        N_("add a channel with id {ref!r} to channels"),
    ),
    "flow": _Target(
        frozenset({"touchpoint", "stage"}),
        "stages",
        N_("{ref!r} is not the id of a touchpoint or stage"),
        N_("{ref!r} is not the id of a touchpoint or stage of this journey"),
        N_("{ref!r} is the id of {kind}, not of a touchpoint or stage"),
        N_("the file has no stages yet; add a touchpoint or stage with id {ref!r} there"),
        N_("name a touchpoint or stage here"),
        N_("add a touchpoint or stage with id {ref!r} to stages"),
    ),
    "research": _Target(
        frozenset({"research"}),
        "research",
        N_("{ref!r} is not the id of a research entry"),
        N_("{ref!r} is not the id of a research entry of this journey"),
        N_("{ref!r} is the id of {kind}, not of a research entry"),
        N_("the file has no research yet; add a research entry with id {ref!r} there"),
        N_("name a research entry here"),
        N_("add a research entry with id {ref!r} to research"),
    ),
    "persona": _Target(
        frozenset({"persona"}),
        "personas",
        N_("{ref!r} is not the id of a persona"),
        N_("{ref!r} is not the id of a persona of this journey"),
        N_("{ref!r} is the id of {kind}, not of a persona"),
        N_("the file has no personas yet; add a persona with id {ref!r} there"),
        N_("name a persona here"),
        N_("add a persona with id {ref!r} to personas"),
    ),
    "touchpoint": _Target(
        frozenset({"touchpoint"}),
        "stages",
        N_("{ref!r} is not the id of a touchpoint"),
        N_("{ref!r} is not the id of a touchpoint of this journey"),
        N_("{ref!r} is the id of {kind}, not of a touchpoint"),
        N_("the file has no stages yet; add a touchpoint with id {ref!r} there"),
        N_("name a touchpoint here"),
        N_("add a touchpoint with id {ref!r} to stages"),
    ),
    "metric": _Target(
        frozenset({"metric"}),
        "metrics",
        N_("{ref!r} is not the id of a metric"),
        N_("{ref!r} is not the id of a metric of this journey"),
        N_("{ref!r} is the id of {kind}, not of a metric"),
        N_("the file has no metrics yet; add a metric with id {ref!r} there"),
        N_("name a metric here"),
        N_("add a metric with id {ref!r} to metrics"),
    ),
    "outlet": _Target(
        frozenset({"outlet"}),
        "outlets",
        N_("{ref!r} is not the id of an outlet"),
        N_("{ref!r} is not the id of an outlet of this journey"),
        N_("{ref!r} is the id of {kind}, not of an outlet"),
        N_("the file has no outlets yet; add an outlet with id {ref!r} there"),
        N_("name an outlet here"),
        N_("add an outlet with id {ref!r} to outlets"),
    ),
}
"""Each kind of reference by its name."""


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
    known: Callable[[str], tuple[Suggestions, _Names]],
    *,
    at_key: bool = False,
    registry: Registry | None = None,
) -> Finding | None:
    """Check that `ref` names a part of the kind `target` wants; say what is wrong if not.

    `known(target)` gives the ids a `target` reference may name and those parts by their
    names, made once for all references.
    """
    wanted = _TARGETS[target]
    if kinds.get(ref) in wanted.accepted:
        return None
    ids, names = known(target)
    by_name = _by_name(loc, ref, target, names, at_key=at_key)
    if by_name:
        return by_name
    close = ids.closest(ref)
    shown = shorten(ref)
    entry = registry.entries.get(ref) if registry is not None and ref not in kinds else None
    if entry is not None and wanted.where == entry.key:
        source = entry.source
        return Finding(
            loc,
            _(wanted.not_here).format(ref=shown),
            _(
                "{file}:{line}:{column} shares it: take it by adding {ref!r} to the journey's "
                "`{key}` list"
            ).format(
                file=entry.file,
                line=source.line,
                column=source.column,
                ref=shown,
                key=wanted.where,
            ),
            "reference",
            at_key,
        )
    if close:
        hint = _("did you mean {choice!r}?").format(choice=shorten(close))
    elif not ids.choices:
        hint = _(wanted.none_yet).format(ref=shown)
    elif ref in kinds:
        hint = _(wanted.name_here)
    else:
        hint = _(wanted.add).format(ref=shown)
    if ref in kinds:
        message = _(wanted.wrong_kind).format(ref=shown, kind=_(_NAMES[kinds[ref]]))
    else:
        message = _(wanted.not_id).format(ref=shown)
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
        _(_TARGETS[target].not_id).format(ref=shorten(ref)),
        _(_NAMED[kind]).format(id=shorten(part_id), name=shorten(name)),
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
            accepted = _TARGETS[target].accepted
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
                    _("duplicate id {id!r}, already used at {path}").format(
                        id=shorten(part_id), path=format_path(first[part_id])
                    ),
                    _("ids are unique across the whole file, whatever they name; rename one"),
                    "duplicate-id",
                )
            )
        first.setdefault(part_id, loc)

    kinds: dict[str, str] = {}
    parts = journey.parts()
    for kind, part, _name in parts:
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

    @functools.cache
    def known(target: str) -> tuple[Suggestions, _Names]:
        """Made for the first reference of `target` that names nothing: most files have none."""
        accepted = _TARGETS[target].accepted
        return (
            Suggestions(part_id for part_id, kind in kinds.items() if kind in accepted),
            _Names([(kind, p.id, name) for kind, p, name in parts if kind in accepted]),
        )

    for loc, ref, target in references:
        findings.append(_reference(loc, ref, target, kinds, known, registry=registry))
    for loc, ref, target in keyed:
        findings.append(_reference(loc, ref, target, kinds, known, at_key=True, registry=registry))
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
                    _("a warning threshold needs a target"),
                    _("add `target:`, the value to reach; `warning:` lies on its worse side"),
                    "value",
                )
            )
        elif (
            metric.warning is not None
            and metric.target is not None
            and metric.status(metric.warning) == "met"
            and metric.warning != metric.target
        ):
            hint = (
                _("a warning threshold lies above the target when lower is better")
                if metric.lower_is_better()
                else _("a warning threshold lies below the target when higher is better")
            )
            found.append(
                Finding(
                    (*at, "warning"),
                    _(
                        "the warning threshold {warning} is on the better side of the target "
                        "{target}"
                    ).format(
                        warning=plain_number(metric.warning), target=plain_number(metric.target)
                    ),
                    hint,
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
                            _("duplicate criterion {id!r} in this checklist").format(
                                id=shorten(criterion.id)
                            ),
                            _("each criterion of a touchpoint's checklist has its own id"),
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
    given: list[tuple[Loc, OffScale, float | None]] = [
        ((*at, "target"), "target", metric.target),
        ((*at, "warning"), "warning", metric.warning),
    ]
    given += [((*at, "values", k), "value", v) for k, v in metric.values.items()]
    return [
        Finding(loc, off_scale(what, value, metric.scale), _(SCALE_HINT), "value")
        for loc, what, value in given
        if value is not None and not metric.scale[0] <= value <= metric.scale[1]
    ]


OffScale = Literal["target", "warning", "value"]
_OFF_SCALE: dict[OffScale, str] = {
    "target": N_("the target {value} is outside the metric's scale [{low}, {high}]"),
    "warning": N_("the warning threshold {value} is outside the metric's scale [{low}, {high}]"),
    "value": N_("the value {value} is outside the metric's scale [{low}, {high}]"),
}


def off_scale(what: OffScale, value: float, scale: tuple[float, float]) -> str:
    """The message for a number of a metric (its target, warning or a value) off its scale."""
    low, high = (plain_number(end) for end in scale)
    return _(_OFF_SCALE[what]).format(value=plain_number(value), low=low, high=high)


SCALE_HINT = N_(
    "write it in the metric's unit, on its scale; or correct `scale:` (a five-point CSAT is "
    "[1, 5], a percentage [0, 100])"
)
"""The hint of `off_scale`'s messages, to be said with `_`."""


def _research(
    journey: Journey, entry: Research, at: Loc, checklists: dict[str, list[Criterion]]
) -> list[Finding | None]:
    found: list[Finding | None] = []
    if entry.visits and entry.kind != "mystery_shopping":
        found.append(
            Finding(
                (*at, "visits"),
                _("visits belong to mystery shopping, but this entry's kind is {kind}").format(
                    kind=entry.kind
                ),
                _("set `kind: mystery_shopping`, or move the visits to an entry of that kind"),
                "value",
                at_key=True,
            )
        )
    if entry.study is not None and entry.date is None:
        found.append(
            Finding(
                (*at, "study"),
                _("a wave of a study needs a date: waves are ordered by it"),
                _("add `date:` (YYYY-MM-DD), the day the wave ended"),
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
                    hint = _("did you mean {choice!r}?").format(choice=close)
                elif criteria.choices:
                    hint = _("its checklist has: {criteria}").format(
                        criteria=", ".join(sorted(criteria.choices))
                    )
                else:
                    hint = _("add a `checklist:` to touchpoint {id!r}").format(id=shorten(tp_id))
                found.append(
                    Finding(
                        (*at, "visits", k, "results", tp_id, criterion),
                        _(
                            "{criterion!r} is not a criterion of the checklist of touchpoint {id!r}"
                        ).format(criterion=shorten(criterion), id=shorten(tp_id)),
                        hint,
                        "reference",
                        at_key=True,
                    )
                )
    if entry.ratings and entry.scale is None:
        found.append(
            Finding(
                (*at, "ratings"),
                _("ratings need the scale their answers are on"),
                _("add `scale: [1, 5]` (the lowest and highest answer) to this entry"),
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
                    _("the scale [{low}, {high}] does not rise").format(low=low, high=high),
                    _("write the lowest answer first: [1, 5]"),
                    "value",
                )
            )
        for tp_id, counts in entry.ratings.items():
            if low < high and len(counts) != high - low + 1:
                found.append(
                    Finding(
                        (*at, "ratings", tp_id),
                        ngettext(
                            "{n} count for a scale of {answers} answers ({low} to {high})",
                            "{n} counts for a scale of {answers} answers ({low} to {high})",
                            len(counts),
                        ).format(n=len(counts), answers=high - low + 1, low=low, high=high),
                        _("give one count per answer, from the lowest to the highest"),
                        "value",
                    )
                )
    return found
